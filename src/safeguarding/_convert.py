"""Turning what users pass (dates, datetimes, pandas and numpy values, ISO strings, arrays and
Series of them) into what the compiled core takes, and the results back again."""

from __future__ import annotations

import datetime as _dt
import json
import sys
from typing import Any, Callable, Protocol, Union

import numpy as np
import numpy.typing as npt

from . import _core
from ._errors import Error

#: A single date as users hold one.
DateLike = Union[_dt.date, np.datetime64, str]


class SeriesLike(Protocol):
    """A pandas Series (pandas ships no type information): what the vectorised forms take and give
    back with the same index."""

    @property
    def index(self) -> object: ...

    @property
    def iloc(self) -> object: ...


#: Dates in a numpy array, a list or a tuple: the vectorised forms give numpy datetime64[D] back.
DateArray = Union["npt.NDArray[np.generic]", list[DateLike], list[str], list[_dt.date], tuple[DateLike, ...]]
#: Whole numbers (NaN or None for missing) in a numpy array, a list or a tuple.
ShiftArray = Union["npt.NDArray[np.generic]", list[int], list[Union[int, None]], list[float], tuple[int, ...]]

_NAT = np.iinfo(np.int64).min


def _pandas() -> Any:
    """pandas, if it has been imported; a pandas object can only exist if it has."""
    return sys.modules.get("pandas")


def is_missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, np.datetime64):
        return bool(np.isnat(value))
    pd = _pandas()
    return pd is not None and value is pd.NaT


def is_array_like(value: Any) -> bool:
    """True for the containers the vectorised forms accept."""
    if isinstance(value, (np.ndarray, list, tuple)):
        return True
    pd = _pandas()
    return pd is not None and isinstance(value, (pd.Series, pd.Index))


def as_date(value: Any, what: str = "date") -> _dt.date:
    """One date from a date, a datetime or pandas Timestamp (its date), a numpy datetime64 or an
    ISO string; anything else, or a missing value, is an Error naming it."""
    if is_missing(value):
        raise Error(f"{what}: a date is missing (got {value!r})")
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, np.datetime64):
        day = value.astype("datetime64[D]").astype(np.int64)
        return as_date(_core.dates.format_days(int(day)), what)
    if isinstance(value, str):
        return _core.dates.parse_date(value, what if what != "date" else "")
    raise Error(f"{what}: expected a date, got {type(value).__name__} {value!r}")


def as_datetime(value: Any, what: str = "date-time") -> _dt.datetime:
    """One naive date-time from a datetime, a pandas Timestamp, a numpy datetime64 or an ISO string."""
    if is_missing(value):
        raise Error(f"{what}: a date-time is missing (got {value!r})")
    pd = _pandas()
    if pd is not None and isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, _dt.datetime):
        if value.tzinfo is not None:
            raise Error(f"{what}: {value.isoformat()} carries a time zone; pass local wall-clock time without one")
        return value
    if isinstance(value, np.datetime64):
        return as_datetime(str(value.astype("datetime64[s]")), what)
    if isinstance(value, str):
        return _core.dates.parse_date_time(value, what if what != "date-time" else "")
    raise Error(f"{what}: expected a date-time, got {type(value).__name__} {value!r}")


Restore = Callable[[npt.NDArray[Any]], Any]


def _identity(values: npt.NDArray[Any]) -> Any:
    return values


def as_day_array(values: Any, what: str = "dates") -> tuple[npt.NDArray[np.int64], Restore]:
    """Serial days (numpy's datetime64[D] as int64; NaT for missing) and a function that puts a
    result back into the caller's container (a Series keeps its index and name)."""
    pd = _pandas()
    restore: Restore = _identity
    if pd is not None and isinstance(values, pd.Series):
        series = values
        if isinstance(series.dtype, pd.DatetimeTZDtype):
            raise Error(f"{what}: the Series holds time-zone-aware date-times; convert with .dt.tz_localize(None)")

        def restore(result: npt.NDArray[Any]) -> Any:
            return pd.Series(result, index=series.index, name=series.name)

        values = series.to_numpy()
    elif pd is not None and isinstance(values, pd.Index):
        values = values.to_numpy()
    array = np.asarray(values) if not isinstance(values, np.ndarray) else values
    if array.dtype.kind == "M":
        days = array.astype("datetime64[D]", copy=False)  # no copy of what is already datetime64[D]
    elif array.dtype.kind in "OUS":
        days = _parse_day_array(array, what)
    else:
        raise Error(f"{what}: expected dates (datetime64, date objects or ISO strings), got an array of {array.dtype}")
    return np.ascontiguousarray(days).view(np.int64), restore


def _parse_day_array(array: npt.NDArray[Any], what: str) -> npt.NDArray[Any]:
    flat = array.ravel()
    out = np.empty(flat.shape, dtype="datetime64[D]")
    problems: list[tuple[str, str]] = []
    for i, value in enumerate(flat):
        try:
            out[i] = np.datetime64("NaT") if is_missing(value) else np.datetime64(as_date(value), "D")
        except Error as error:
            problems.append((f"{what} element {i}", str(error)))
    if problems:
        raise _error_from(problems, what)
    return out.reshape(array.shape)


def _error_from(problems: list[tuple[str, str]], what: str) -> Error:
    shown = problems[:5]
    more = f"and {len(problems) - len(shown)} more" if len(problems) > len(shown) else ""
    error = _core.errors.error(f"{what}: {len(problems)} values could not be read", shown, more)
    error.problems = problems
    return error


def as_shift_array(values: Any, what: str = "n") -> tuple[npt.NDArray[np.int64], npt.NDArray[np.bool_] | None]:
    """Whole numbers as int64 and a mask of missing ones (NaN or NA), or None when none is missing."""
    pd = _pandas()
    if pd is not None and isinstance(values, (pd.Series, pd.Index)):
        values = values.to_numpy(dtype=float, na_value=np.nan) if values.hasnans else values.to_numpy()
    array = np.asarray(values)
    if array.dtype.kind == "u" and array.size and array.max() > np.iinfo(np.int64).max:
        bad = int(np.flatnonzero(array.ravel() > np.iinfo(np.int64).max)[0])
        raise Error(f"{what} element {bad}: {array.ravel()[bad].item()} is outside the whole numbers a count can hold "
                    "(±2**63)")
    if array.dtype.kind in "iu":
        return array.astype(np.int64, copy=False), None
    if array.dtype.kind == "f":
        missing = np.isnan(array)
        filled = np.where(missing, 0.0, array)
        if not np.all(filled == np.round(filled)):
            bad = int(np.flatnonzero(filled != np.round(filled))[0])
            raise Error(f"{what} element {bad}: {array.ravel()[bad].item()!r} is not a whole number")
        return filled.astype(np.int64), (missing if missing.any() else None)
    raise Error(f"{what}: expected whole numbers, got an array of {array.dtype}")


_INT64 = np.iinfo(np.int64)

#: How deeply lists and dicts may nest in data given as JSON (the compiled readers' limit).
MAX_JSON_DEPTH = 256


def path_text(path: Any) -> str:
    """A file or folder name as the compiled readers take it (UTF-8 text); a name that is not
    UTF-8 (a POSIX name holding other bytes) is an Error asking for the file to be renamed, never
    a UnicodeEncodeError."""
    import os

    given = os.fspath(path)
    name: str = os.fsdecode(given) if isinstance(given, bytes) else str(given)
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        shown = name.encode("utf-8", "backslashreplace").decode("utf-8")
        raise Error(f"{shown}: the file name is not UTF-8 text: rename the file") from None
    return name


def is_plain_json(data: Any) -> bool:
    """Whether ``data`` is what ``json.dumps`` writes as it is and the compiled readers take: dicts
    with text keys, lists and tuples, text, whole numbers, finite floats, booleans and None (exactly
    these types), nested at most :data:`MAX_JSON_DEPTH` deep. One walk without JSON pointers, so that
    well-formed data is not walked again to name problems it does not have: when this is False,
    check_json_nesting and the callers' own walks name each problem (a cycle is deeper than any limit)."""
    stack: list[tuple[Any, int]] = [([data], -1)]
    while stack:
        container, depth = stack.pop()
        if depth >= MAX_JSON_DEPTH:
            return False
        if type(container) is dict:
            if any(type(key) is not str for key in container):
                return False
            items = container.values()
        else:
            items = container
        for value in items:
            kind = type(value)
            if kind is str or kind is int or kind is bool or value is None:
                continue
            if kind is float:
                if value - value != 0.0:  # inf and NaN
                    return False
            elif kind is dict or kind is list or kind is tuple:
                stack.append((value, depth + 1))
            else:
                return False
    return True


def check_json_nesting(data: Any, source: str) -> None:
    """An Error naming the JSON pointer where ``data`` (dicts and lists, as parsed JSON) nests
    deeper than :data:`MAX_JSON_DEPTH` or contains itself; walked without recursion, so that
    neither gives a RecursionError."""
    stack: list[tuple[Any, str, int, frozenset[int]]] = [(data, "", 0, frozenset())]
    while stack:
        value, pointer, depth, inside = stack.pop()
        if not isinstance(value, (dict, list, tuple)):
            continue
        if id(value) in inside:
            raise Error(f"{source}: {pointer or '/'}: the data contains itself (a cycle): it cannot be JSON")
        if depth >= MAX_JSON_DEPTH:
            raise Error(f"{source}: {pointer or '/'}: the data nests lists and dicts more than {MAX_JSON_DEPTH} levels deep")
        within = inside | {id(value)}
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, item in items:
            if isinstance(item, (dict, list, tuple)):
                token = str(key).replace("~", "~0").replace("/", "~1")
                stack.append((item, f"{pointer}/{token}", depth + 1, within))


def json_text(data: Any, source: str) -> str:
    """``data`` as JSON text for the compiled readers; anything JSON cannot hold is an Error naming
    ``source``, never json's own exception."""
    if not is_plain_json(data):
        check_json_nesting(data, source)
    try:
        return json.dumps(data, allow_nan=False)
    except (TypeError, ValueError, OverflowError, RecursionError) as error:
        raise Error(f"{source}: cannot be written as JSON: {error}") from None


def as_shift(value: Any, what: str = "n") -> int:
    """A whole number that fits the core's 64-bit counts (beyond them, an Error rather than pybind11's TypeError)."""
    if isinstance(value, (bool, np.bool_)):
        raise Error(f"{what}: expected a whole number, got {value!r}")
    if isinstance(value, (int, np.integer)) or (isinstance(value, (float, np.floating)) and float(value).is_integer()):
        number = int(value)
        if not _INT64.min <= number <= _INT64.max:
            raise Error(f"{what}: {number} is outside the whole numbers a count can hold (±2**63)")
        return number
    raise Error(f"{what}: expected a whole number, got {value!r}")


def container_restore(values: Any) -> Restore:
    """How to put a result computed from ``values`` (not themselves dates) back in their container."""
    pd = _pandas()
    if pd is not None and isinstance(values, pd.Series):
        series = values
        return lambda result: pd.Series(result, index=series.index, name=series.name)
    return _identity


def to_dates(days: npt.NDArray[np.int64]) -> npt.NDArray[np.datetime64]:
    return days.view("datetime64[D]")


def counts(values: npt.NDArray[np.int64], missing_count: int | None = None) -> npt.NDArray[Any]:
    """int64 counts, or float64 with NaN where an input was missing (as pandas' .dt.days does).
    ``missing_count``, when the caller knows it, is how many are missing (``NAT``): with 0, the
    values are not scanned again."""
    if missing_count == 0:
        return values
    missing = values == _NAT
    if missing.any():
        out = values.astype(np.float64)
        out[missing] = np.nan
        return out
    return values


NAT = _NAT


def bad_values_error(table: str, column: str, problems: list[tuple[str, str]], count: int, note: str = "") -> Error:
    """One Error for the bad values of a table's column: the first few named by row (``problems``,
    (where, message) pairs), and how many in all."""
    headline = f"{table}: {count} row{'s' if count != 1 else ''} with bad values in column {column!r}{note}"
    return _core.errors.error(headline, problems, f"and {count - len(problems)} more rows" if count > len(problems) else "")


def _date_problem(value: Any) -> str:
    """Why a value is not a date, naming it."""
    try:
        if isinstance(value, str) and "/" in value:
            _core.dates.parse_uk_date(value.strip(), "")
        else:
            as_date(value.strip() if isinstance(value, str) else value, "value")
    except Error as error:
        text = str(error)
        return text[len("value: "):] if text.startswith("value: ") else text
    return f"{value!r} is not a date in the form YYYY-MM-DD or dd/mm/YYYY"  # pragma: no cover - parsed above


def day_column(values: Any, table: str, column: str, row_name: Callable[[int], str] = str) -> npt.NDArray[np.int64]:
    """Serial days from a table's column of dates: datetime64 (the time of day dropped), date or
    datetime objects, or text as ``YYYY-MM-DD`` or ``dd/mm/YYYY``; blanks, None and NaT are missing
    (NaT). Anything else is an Error naming the first few rows (``row_name(position)``) and values,
    and how many in all."""
    pd = _pandas()
    assert pd is not None, "pandas is imported by the callers"
    series = values if isinstance(values, pd.Series) else pd.Series(values)
    if isinstance(series.dtype, pd.DatetimeTZDtype):
        raise Error(f"{table}: column {column!r} holds time-zone-aware date-times; convert with .dt.tz_localize(None)")
    array = series.to_numpy()
    if array.dtype.kind == "M":
        return np.ascontiguousarray(array.astype("datetime64[D]")).view(np.int64)
    objects = series.astype(object)
    out = np.full(len(objects), _NAT, dtype=np.int64)
    is_text = np.fromiter((isinstance(v, str) for v in objects), dtype=bool, count=len(objects))
    bad = np.zeros(len(objects), dtype=bool)
    if is_text.any():
        text = objects.where(is_text, None).str.strip()
        given = is_text & (text != "").to_numpy(dtype=bool)
        iso = pd.to_datetime(text.where(given), format="%Y-%m-%d", errors="coerce")
        uk = pd.to_datetime(text.where(given & iso.isna().to_numpy()), format="%d/%m/%Y", errors="coerce")
        days = iso.fillna(uk).to_numpy().astype("datetime64[D]").view(np.int64)
        out[given] = days[given]
        bad |= given & (out == _NAT)
    for i in np.flatnonzero(~is_text):
        value = objects.iat[int(i)]
        if is_missing(value) or (isinstance(value, float) and np.isnan(value)):
            continue
        try:
            out[i] = int(np.datetime64(as_date(value, column), "D").astype(np.int64))
        except Error:
            bad[i] = True
    if bad.any():
        rows = np.flatnonzero(bad)
        problems = [(f"column {column!r}, row {row_name(int(i))}", _date_problem(objects.iat[int(i)])) for i in rows[:5]]
        raise bad_values_error(table, column, problems, int(bad.sum()))
    return out
