"""Cell-by-cell equality of a benchmark's results with a baseline's, checked before any ratio is
printed: a fast wrong answer must fail, naming the first cell that differs, not report a speed-up."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np


class Mismatch(AssertionError):
    """Our result and a baseline's differ; the message names the cell (what, column, row) and both values."""


def _array(values: Any) -> np.ndarray:
    if hasattr(values, "to_numpy"):
        values = values.to_numpy()
    array = np.asarray(values)
    if array.dtype.kind == "M":
        return array.astype("datetime64[D]")
    if array.dtype.kind in "OUS" or str(array.dtype) == "category":
        return np.asarray([None if v is None or (isinstance(v, float) and np.isnan(v)) else str(v) for v in array],
                          dtype=object)
    return array


def column(what: str, name: str, ours: Any, theirs: Any, baseline: str) -> None:
    """Every cell of a column equal (dates to the day, numbers within 1e-9 and NaN equal to NaN or null)."""
    a, b = _array(ours), _array(theirs)
    if len(a) != len(b):
        raise Mismatch(f"{what}: {len(a):,} rows here, {len(b):,} in the {baseline} result (column {name!r})")
    if a.dtype.kind in "fiub" or b.dtype.kind in "fiub":
        fa = np.asarray(pd_float(a), dtype=np.float64)
        fb = np.asarray(pd_float(b), dtype=np.float64)
        same = np.isclose(fa, fb, rtol=0, atol=1e-9, equal_nan=True)
    elif a.dtype.kind == "M" and b.dtype.kind == "M":
        same = (a == b) | (np.isnat(a) & np.isnat(b))
    else:
        same = np.asarray([x == y for x, y in zip(a.tolist(), b.tolist())], dtype=bool)
    if not same.all():
        row = int(np.flatnonzero(~same)[0])
        raise Mismatch(
            f"{what}: column {name!r}, row {row}: {a[row]!r} here, {b[row]!r} in the {baseline} result "
            f"({int((~same).sum()):,} cells differ)"
        )


def pd_float(values: np.ndarray) -> np.ndarray:
    """Numbers (None and NaN as NaN) as float64; booleans as 0/1."""
    if values.dtype == object:
        return np.asarray([np.nan if v is None else float(v) for v in values], dtype=np.float64)
    return values.astype(np.float64)


def frames(what: str, ours: Mapping[str, Any], theirs: Mapping[str, Any], columns: Iterable[str], baseline: str) -> None:
    """Each named column of two tables (DataFrames of pandas or polars, or mappings of arrays)."""
    for name in columns:
        column(what, name, ours[name], theirs[name], baseline)


def values(what: str, ours: Any, theirs: Any, baseline: str) -> None:
    """Two plain values (figures, tuples, dicts) equal."""
    if ours != theirs:
        raise Mismatch(f"{what}: {ours!r} here, {theirs!r} in the {baseline} result")
