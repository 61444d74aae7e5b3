"""Action plans: each action's RAG rating as of a date, computed from its target date, completion
and declared progress (see docs/timeliness.md, "Action plans")."""

from __future__ import annotations

from typing import Any, Optional

import numpy as np
import pandas as pd  # type: ignore[import-untyped]

from . import _core
from ._calendar import Calendar
from ._convert import as_date, as_day_array
from ._errors import Error

RAG = tuple(_core.timeliness.rag_names)
PROGRESS = tuple(_core.timeliness.progress_names)
REASONS = tuple(_core.timeliness.rag_reason_names)


def _progress_codes(values: Any, column: str) -> np.ndarray[Any, np.dtype[np.uint8]]:
    out = np.zeros(len(values), dtype=np.uint8)
    problems = []
    for i, value in enumerate(values):
        if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
            continue
        text = str(value).strip().lower().replace(" ", "_").replace("-", "_")
        if text in PROGRESS:
            out[i] = PROGRESS.index(text)
        else:
            problems.append((f"column {column!r}, row {i}", f"{value!r} is not a progress (expected one of: {', '.join(PROGRESS[1:])}, or empty)"))
    if problems:
        error = _core.errors.error(f"actions: {len(problems)} bad values in column {column!r}", problems[:5])
        error.problems = problems
        raise error
    return out


def _with_none(column: pd.Series) -> Any:
    """Dates as they are; text columns with their gaps (NaN in pandas) as None."""
    if column.dtype.kind == "M":
        return column
    return np.array([None if pd.isna(v) else v for v in column], dtype=object)


def rag(
    actions: pd.DataFrame,
    as_of: Any,
    calendar: Optional[Calendar] = None,
    warning: int = 20,
    target: str = "target",
    completed: str = "completed",
    progress: str = "progress",
) -> pd.DataFrame:
    """The actions with two more columns: ``rag`` (Red, Amber, Green, Blue) and ``rag_reason``.

    The first rule that applies gives the rating: (1) completed on or before ``as_of``: Blue;
    (2) declared not on track: Red; (3) past its target date and not completed: Red; (4) declared
    a concern: Amber; (5) no target date: Green when declared on track, otherwise Amber; (6) the
    target within ``warning`` working days and no progress declared: Amber; (7) otherwise Green.
    ``progress`` holds "on_track", "concern", "not_on_track" or nothing; a completion after
    ``as_of`` is not yet known.
    """
    if not isinstance(actions, pd.DataFrame):
        raise Error(f"actions: expected a pandas DataFrame, got {type(actions).__name__}")
    missing = [c for c in (target, completed) if c not in actions.columns]
    if missing:
        raise Error(f"actions: missing column{'s' if len(missing) > 1 else ''} {', '.join(map(repr, missing))}")
    calendar = calendar or Calendar.england_and_wales()
    targets, _ = as_day_array(_with_none(actions[target]), f"column {target!r}")
    done, _ = as_day_array(_with_none(actions[completed]), f"column {completed!r}")
    codes = _progress_codes(list(actions[progress]) if progress in actions.columns else [None] * len(actions), progress)
    day = int(np.datetime64(as_date(as_of, "as_of"), "D").astype(np.int64))
    ratings, reasons = _core.timeliness.rate_actions(targets, done, codes, day, calendar._impl, int(warning))
    out = actions.copy()
    out["rag"] = pd.Categorical.from_codes(ratings, categories=list(RAG))
    out["rag_reason"] = pd.Categorical.from_codes(reasons, categories=list(REASONS))
    return out


__all__ = ["RAG", "rag"]
