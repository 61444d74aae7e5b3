"""The library's results as JSON values, for the commands' ``--format json``: DataFrames as lists of
records (dates as ISO text, months and quarters as "2019-04" and "2019Q2", a missing value as null),
measure tables as objects naming their measure and source. Nothing is computed: each value is one the
result holds. (The SSDA903 and CIN census parts of ``safeguarding returns`` are the library's own JSON,
``returns::ssda903_report_json`` and ``cin_census_report_json``, which the browser page writes too.)"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from . import _arrange as A


def value(v: Any) -> Any:
    """One value as JSON holds it."""
    if isinstance(v, (list, tuple)):
        return [value(x) for x in v]
    if A.missing(v):
        return None
    if hasattr(v, "freqstr") and hasattr(v, "start_time"):  # a pandas Period
        return str(v)
    if hasattr(v, "to_pydatetime"):
        v = v.to_pydatetime()
    if isinstance(v, dt.datetime):
        return v.date().isoformat() if v.time() == dt.time() else v.isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    v = A.plain(v)
    if isinstance(v, float) and (math.isnan(v) or math.isinf(v)):
        return None
    if isinstance(v, (str, int, float, bool)) or v is None:
        return v
    return str(v)


def frame_records(frame: Any, index: bool = False) -> list[dict[str, Any]]:
    """A DataFrame as records (the index first when ``index``)."""
    data = frame.reset_index() if index else frame
    columns = [str(c) for c in data.columns]
    return [{c: value(v) for c, v in zip(columns, row)} for row in data.itertuples(index=False, name=None)]


def measure_dict(table: Any) -> dict[str, Any]:
    """A measure table (``MeasureTable``): what it counts, by what, and its rows."""
    frame = table.to_frame()
    return {
        "measure": table.measure,
        "source": table.source,
        "year": table.year.label if table.year is not None else None,
        "as_of": value(table.as_of),
        "rule": table.rule or None,
        "rules": list(table.rules),
        "rows": frame_records(frame, index=frame.index.name is not None),
    }

