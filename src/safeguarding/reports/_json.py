"""The library's results as JSON values, for the commands' ``--format json``: DataFrames as lists of
records (dates as ISO text, months and quarters as "2019-04" and "2019Q2", a missing value as null),
figures and proportions as objects naming their measure and source. Nothing is computed: each value
is one the result holds."""

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


def figure_dict(figure: Any) -> dict[str, Any]:
    """A timeliness figure (``TimelinessFigure``)."""
    return {
        "measure": figure.measure,
        "rule": figure.rule,
        "rules": list(figure.rules),
        "source": figure.source,
        "year": figure.year.label,
        "done": figure.done,
        "in_timescale": figure.in_timescale,
        "out_of_timescale": figure.out_of_timescale,
        "overdue": figure.overdue,
        "missed": figure.missed,
        "share": value(figure.share),
        "not_computable": figure.not_computable or None,  # why the counts are None, when they are
    }


def proportion_dict(p: Any) -> dict[str, Any]:
    out = {"measure": p.measure, "source": p.source, "count": p.count, "total": p.total, "share": value(p.share)}
    if getattr(p, "reason", None):  # not computable: why
        out["not_computable"] = p.reason
    return out


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


def not_computable_dict(measure: str, source: str, year: str, reason: str) -> dict[str, Any]:
    """A measure table the data cannot give: the keys of ``measure_dict``, no rows (null), and why."""
    return {"measure": measure, "source": source, "year": year, "as_of": None, "rule": None, "rules": [], "rows": None,
            "not_computable": reason}
