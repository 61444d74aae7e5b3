"""Case timeliness: every rule instance computed from a table of events, and the summaries the
partnership's reports tabulate (see docs/timeliness.md)."""

from __future__ import annotations

import datetime as _dt
from typing import Any, Iterable, Mapping, Optional, Sequence, Union

import numpy as np
import numpy.typing as npt
import pandas as pd  # type: ignore[import-untyped]

from . import _core
from ._calendar import Calendar
from ._convert import NAT, as_date, as_datetime, bad_values_error, is_missing
from ._errors import Error
from ._rules import RuleCatalogue
from .reports._mixin import ReportMixin

#: The statuses, data-quality finding kinds and row uses, as C++ names them (timeliness/events.hpp).
STATUSES: tuple[str, ...] = tuple(_core.timeliness.statuses)
FINDINGS: tuple[str, ...] = tuple(_core.timeliness.findings)
ROW_USES: tuple[str, ...] = tuple(_core.timeliness.row_uses)
PERIODS = ("month", "quarter", "year", "reporting_year", "reporting_quarter")
_SECONDS_PER_DAY = 86400


class DataQuality(ReportMixin):
    """What became of every input row, and the data-quality findings, for one ``timeliness`` call.

    ``rows`` counts the rows by use (used, after_as_of, no_rule, not_in_force, not_needed,
    superseded, problem); they add up to ``total``. ``findings`` lists each problem with its row,
    case, event, date, rule and a message; ``row_use`` gives each input row's use."""

    __slots__ = ("findings", "rows", "row_use", "total", "as_of", "catalogue", "calendar", "seconds")

    def __init__(
        self,
        findings: pd.DataFrame,
        row_use: pd.Series,
        counts: Sequence[int],
        as_of: Optional[_dt.date],
        catalogue: RuleCatalogue,
        calendar: Calendar,
        seconds: bool,
    ) -> None:
        self.findings = findings
        self.row_use = row_use
        self.rows = pd.Series(np.asarray(counts, dtype=np.int64), index=pd.Index(ROW_USES, name="use"), name="rows")
        self.total = int(len(row_use))
        self.as_of = as_of
        self.catalogue = catalogue
        self.calendar = calendar
        self.seconds = seconds

    def __deepcopy__(self, memo: dict[int, Any]) -> DataQuality:
        return self  # never modified after construction; pandas copies attrs on every operation

    def __repr__(self) -> str:
        used = int(self.rows["used"])
        others = ", ".join(f"{use} {int(n):,}" for use, n in self.rows.items() if use != "used" and n)
        return (
            f"<DataQuality: {self.total:,} rows, {used:,} used{', ' + others if others else ''};"
            f" {len(self.findings):,} findings; as of {self.as_of}>"
        )


class _Computed:
    """What a timeliness computation gives beside its rows: ``data_quality`` (what became of every
    input row, with the findings) and ``rules`` (the ids computed), with ``as_of``, ``catalogue``
    and ``calendar`` read from the data quality."""

    __slots__ = ("data_quality", "rules")
    data_quality: DataQuality
    rules: tuple[str, ...]

    def __init__(self, data_quality: DataQuality, rules: tuple[str, ...]) -> None:
        self.data_quality = data_quality
        self.rules = rules

    @property
    def as_of(self) -> Optional[_dt.date]:
        """Statuses are as of this date (None when the events have no date)."""
        return self.data_quality.as_of

    @property
    def catalogue(self) -> RuleCatalogue:
        return self.data_quality.catalogue

    @property
    def calendar(self) -> Calendar:
        return self.data_quality.calendar


class TimelinessResult(ReportMixin, _Computed):
    """What :func:`timeliness` returns: ``instances``, a DataFrame with one row per rule instance
    (``to_frame()``), and ``data_quality``, what became of every input row with the findings; with
    ``as_of`` (the date statuses are as of), ``rules`` (the ids computed: a chain's links all),
    ``catalogue`` and ``calendar``. :func:`summarise`, :func:`bands` and :func:`timeline` take it."""

    __slots__ = ("instances",)
    instances: pd.DataFrame

    def __init__(self, instances: pd.DataFrame, data_quality: DataQuality, rules: tuple[str, ...]) -> None:
        super().__init__(data_quality, rules)
        self.instances = instances

    def to_frame(self) -> pd.DataFrame:
        """The instances, one row per rule instance."""
        return self.instances

    def __repr__(self) -> str:
        return f"<TimelinessResult: {len(self.instances):,} instances of {len(self.rules)} rules; {self.data_quality!r}>"


def _frame_and_quality(result: TimelinessResult, what: str) -> tuple[pd.DataFrame, DataQuality]:
    """The instances and data quality of a timeliness result."""
    if not isinstance(result, TimelinessResult):
        raise Error(f"{what}: expected the result that sg.timeliness returned (a TimelinessResult), got {type(result).__name__}")
    return result.instances, result.data_quality


def data_quality(result: TimelinessResult) -> DataQuality:
    """The :class:`DataQuality` of a ``timeliness`` result (``result.data_quality``)."""
    return _frame_and_quality(result, "data_quality")[1]


# ---- reading the event table ----------------------------------------------------------------


def _columns(events: Any) -> Mapping[str, Any]:
    if isinstance(events, pd.DataFrame):
        columns: Mapping[str, Any] = events
        return columns
    if isinstance(events, Mapping):
        return events
    raise Error(f"events: expected a pandas DataFrame or a mapping of column name to array, got {type(events).__name__}")


def _require(columns: Mapping[str, Any], names: Iterable[str]) -> None:
    missing = [n for n in names if n not in columns]
    if missing:
        have = ", ".join(repr(str(c)) for c in list(columns.keys())[:20])
        raise Error(f"events: missing required column{'s' if len(missing) > 1 else ''} {', '.join(map(repr, missing))} (columns: {have})")


def _values(column: Any) -> npt.NDArray[Any]:
    if isinstance(column, (pd.Series, pd.Index)):
        values: npt.NDArray[Any] = column.to_numpy()
        return values
    return np.asarray(column)


def _first_bad(mask: npt.NDArray[np.bool_]) -> list[int]:
    return [int(i) for i in np.flatnonzero(mask)[:5]]


def _bad_rows(column: str, problems: list[tuple[str, str]], count: int, note: str = "") -> Error:
    """One Error for the bad values of a column: the first few named by row, and how many in all."""
    return bad_values_error("events", column, problems, count, note)


def _fail(column: str, rows: list[int], values: Sequence[Any], why: str, count: int) -> Error:
    return _bad_rows(column, [(f"column {column!r}, row {r}", f"{v!r}: {why}") for r, v in zip(rows, values)], count)


def _case_codes(column: Any, name: str) -> tuple[npt.NDArray[np.int64], Optional[pd.Index]]:
    """Integer ids as they are (no factorising: the engine ranks them itself); anything else
    factorised, with the labels to put back."""
    if isinstance(column, pd.Series) and isinstance(column.dtype, pd.CategoricalDtype):
        codes = column.cat.codes.to_numpy().astype(np.int64)
        labels: Optional[pd.Index] = column.cat.categories
    else:
        values = _values(column)
        # Unsigned ids beyond int64 would wrap negative: they are factorised like text ids.
        if values.dtype.kind == "i" or (values.dtype.kind == "u" and (not values.size or values.max() <= np.iinfo(np.int64).max)):
            return values.astype(np.int64, copy=False), None
        if values.dtype.kind == "f":  # whole numbers with gaps (pandas turns None into NaN)
            nan = np.isnan(values)
            if nan.any():
                rows = _first_bad(nan)
                raise _fail(name, rows, [None] * len(rows), "the case id is missing", int(nan.sum()))
            if not np.all(values == np.floor(values)):
                rows = _first_bad(values != np.floor(values))
                raise _fail(name, rows, [values[r] for r in rows], "a case id is a whole number or text", len(rows))
            # Beyond 2**53 (and for infinities) floats no longer tell neighbouring ids apart, and
            # beyond 2**63 every one would become the same int64: never merge cases silently.
            inexact = ~(np.abs(values) <= 2.0**53)
            if inexact.any():
                rows = _first_bad(inexact)
                raise _fail(name, rows, [values[r] for r in rows],
                            "a case id given as a float beyond 2**53 is not exact: give ids as integers or text",
                            int(inexact.sum()))
            return values.astype(np.int64), None
        if values.dtype.kind == "b" or values.dtype.kind in "cmM":
            raise Error(f"events: column {name!r} holds {values.dtype} values; case ids are whole numbers or text")
        codes_, uniques = pd.factorize(values)
        codes, labels = codes_.astype(np.int64, copy=False), pd.Index(uniques)
    bad = codes < 0
    if bad.any():
        rows = _first_bad(bad)
        raise _fail(name, rows, [None] * len(rows), "the case id is missing", int(bad.sum()))
    return codes, labels


def _event_codes(column: Any, name: str, catalogue: RuleCatalogue) -> npt.NDArray[np.int32]:
    index = {event_id: i for i, (event_id, _) in enumerate(catalogue.events)}
    if isinstance(column, pd.Series) and isinstance(column.dtype, pd.CategoricalDtype):
        codes = column.cat.codes.to_numpy()
        uniques = list(column.cat.categories)
    else:
        values = _values(column)
        if values.dtype.kind not in "OUST":
            raise Error(f"events: column {name!r} holds {values.dtype} values; event types are text such as 'lac.review'")
        codes, uniques_ = pd.factorize(values)
        uniques = list(uniques_)
    # Code -1 (missing) reads the last element; unknown types map to -2; only a failure looks closer.
    mapping = np.full(len(uniques) + 1, -1, dtype=np.int32)
    for k, value in enumerate(uniques):
        position = index.get(value) if isinstance(value, str) else None
        mapping[k] = -2 if position is None else position
    result, lowest = _core.timeliness.event_codes(np.ascontiguousarray(codes), mapping)  # mapping[codes]
    if len(result) and lowest < 0:
        bad = result < 0
        rows = _first_bad(bad)
        vals = [None if codes[r] < 0 else uniques[codes[r]] for r in rows]
        whys = [
            "the event type is missing" if v is None else catalogue._impl.unknown_event_message(str(v))
            for v in vals
        ]
        problems = [(f"column {name!r}, row {r}", w) for r, w in zip(rows, whys)]
        distinct = sorted({str(uniques[k]) for k in np.unique(codes[result == -2])})
        note = f" (unknown event types: {', '.join(map(repr, distinct[:10]))})" if distinct else ""
        raise _bad_rows(name, problems, int(bad.sum()), note)
    return result


_PER_SECOND = {"as": 10**18, "fs": 10**15, "ps": 10**12, "ns": 10**9, "us": 10**6, "ms": 10**3}
_SECONDS = {"s": 1, "m": 60, "h": 3600, "D": 86_400, "W": 604_800}


def _as_seconds(values: npt.NDArray[Any], unit: str, step: int, name: str) -> npt.NDArray[Any]:
    """datetime64 values of any unit and multiple as datetime64[s] (NaT kept); beyond the dates a
    day can be, an Error."""
    if unit in ("Y", "M"):
        return values.astype("datetime64[D]").astype("datetime64[s]")
    raw = values.view(np.int64)
    nat = raw == np.iinfo(np.int64).min
    if unit in _PER_SECOND:
        seconds = np.floor_divide(raw, _PER_SECOND[unit] // step) if _PER_SECOND[unit] % step == 0 else \
            np.floor_divide(raw, _PER_SECOND[unit]) * step
    else:
        factor = _SECONDS[unit] * step
        if np.any(~nat & (np.abs(raw) > np.iinfo(np.int64).max // factor)):
            raise Error(f"events: column {name!r} holds {values.dtype} values beyond the dates a day can be")
        seconds = raw * factor
    return np.where(nat, np.iinfo(np.int64).min, seconds).astype(np.int64).view("datetime64[s]")


def _times(column: Any, name: str) -> tuple[npt.NDArray[np.int64], bool]:
    """Serial days, or seconds when any value has a time of day; NaT stays NaT."""
    if isinstance(column, pd.Series) and isinstance(column.dtype, pd.DatetimeTZDtype):
        raise Error(f"events: column {name!r} holds time-zone-aware date-times; convert with .dt.tz_localize(None)")
    values = _values(column)
    if values.dtype.kind == "M":
        unit, step = np.datetime_data(values.dtype)
        if unit in ("ps", "fs", "as") or step != 1:
            # Units finer than numpy converts to seconds without overflow, or multiples ("2h"): to
            # seconds by whole-number arithmetic, NaT kept.
            values, unit = _as_seconds(values, unit, int(step), name), "s"
        if unit in ("Y", "M", "W", "D"):
            return np.ascontiguousarray(values.astype("datetime64[D]")).view(np.int64), False
        per_day = {"h": 24, "m": 1440, "s": 86_400, "ms": 86_400_000, "us": 86_400_000_000, "ns": 86_400_000_000_000}.get(unit)
        if per_day is None:
            values, per_day = values.astype("datetime64[s]"), 86_400
        days, with_time = _core.timeliness.days_of(np.ascontiguousarray(values).view(np.int64), per_day)
        if not with_time:
            return days, False
        return np.ascontiguousarray(values.astype("datetime64[s]")).view(np.int64), True
    if values.dtype.kind not in "OUST":
        raise Error(f"events: column {name!r} holds {values.dtype} values; expected dates (datetime64, date objects or ISO strings)")
    flat = values.ravel()
    out = np.empty(len(flat), dtype=np.int64)
    has_time = np.zeros(len(flat), dtype=bool)
    bad_rows: list[int] = []
    bad_values: list[Any] = []
    whys: list[str] = []
    count = 0
    for i, value in enumerate(flat):
        try:
            if is_missing(value) or (isinstance(value, float) and np.isnan(value)):
                out[i] = NAT
            elif isinstance(value, _dt.datetime) or (isinstance(value, str) and len(value.strip()) > 10):
                moment = as_datetime(value, name)
                out[i] = int(np.datetime64(moment, "s").astype(np.int64))
                has_time[i] = out[i] % _SECONDS_PER_DAY != 0
            else:
                out[i] = int(np.datetime64(as_date(value, name), "D").astype(np.int64)) * _SECONDS_PER_DAY
        except Error as error:
            count += 1
            if len(bad_rows) < 5:
                bad_rows.append(i)
                bad_values.append(value)
                text = str(error)
                whys.append(text[len(name) + 2:] if text.startswith(f"{name}: ") else text)
    if count:
        raise _bad_rows(name, [(f"column {name!r}, row {r}", w) for r, w in zip(bad_rows, whys)], count)
    nat = out == NAT
    if has_time.any():
        return out, True
    days = out // _SECONDS_PER_DAY
    days[nat] = NAT
    return days, False


def _attribute(column: Any, name: str, kind: str) -> tuple[npt.NDArray[np.int64], list[str]]:
    """An attribute column as the engine reads it: codes and categories (kind "category"), whole
    numbers with NaT for missing ("number"; True and False are 1 and 0), or serial days ("date")."""
    if kind == "category":
        if isinstance(column, pd.Series) and isinstance(column.dtype, pd.CategoricalDtype):
            return column.cat.codes.to_numpy().astype(np.int64), [str(c) for c in column.cat.categories]
        values = _values(column)
        if values.dtype.kind in "iufb":  # numbers: the engine says the rule wants categories
            return _attribute(column, name, "number")
        codes, uniques = pd.factorize(values)
        return codes.astype(np.int64), [str(u) for u in uniques]
    if kind == "date":
        days, with_time = _times(column, name)
        if with_time:
            raise Error(f"events: column {name!r} holds date-times with a time of day; a date attribute holds dates")
        return days, []
    values = _values(column)
    if isinstance(column, pd.Series) and isinstance(column.dtype, pd.BooleanDtype):
        values = column.to_numpy(dtype=object)
    if values.dtype.kind in "iub":
        return values.astype(np.int64), []
    if values.dtype.kind == "f":
        out = np.floor(np.where(np.isnan(values), 0.0, values)).astype(np.int64)
        out[np.isnan(values)] = NAT
        return out, []
    if values.dtype.kind == "O":
        flat = values.ravel()
        present = [v for v in flat if not is_missing(v)]
        if all(isinstance(v, (bool, np.bool_)) for v in present):  # True, False and missing values
            out = np.array([NAT if is_missing(v) else int(bool(v)) for v in flat], dtype=np.int64)
            return out, []
    raise Error(f"events: column {name!r} holds {values.dtype} values; a rule reads it as numbers (or true/false)")


# ---- the engine -------------------------------------------------------------------------------


def timeliness(
    events: Any,
    rules: Union[None, str, Sequence[str]] = None,
    calendar: Optional[Calendar] = None,
    as_of: Any = None,
    catalogue: Optional[RuleCatalogue] = None,
    case: str = "case",
    event: str = "event",
    date: str = "date",
) -> TimelinessResult:
    """Every instance of the rules, computed from a table of events.

    ``events`` is a DataFrame (or a mapping of column name to array) with a ``case`` id (whole
    numbers or text), an ``event`` type (text: an event type of the catalogue) and a ``date``
    (datetime64, dates or ISO strings; date-times make rules in hours exact). Other columns are
    attributes: those a rule's timescale depends on (``age``, ``judgement``) are used, and every
    one is carried into the result from the row that started each instance's clock.

    ``rules``: ids to compute (a chain's link brings its whole chain); default every rule of
    ``catalogue`` (default the built-in one). ``as_of``: statuses are as of this date, and later
    rows are not yet known; default the latest date in the events.

    Returns a :class:`TimelinessResult`: ``.instances`` has one row per instance: case, rule,
    sequence (the n-th instance of the rule in the case, or the n-th link of a chain), edition,
    start, due, completed, status (met, late, overdue, open, missed, ended), lateness and duration
    in working and calendar days, the outcome band of a banded rule, and the rows involved;
    ``.data_quality`` says what became of every input row and lists the findings.

    Bad columns (missing, wrong dtype, unknown event types, impossible dates, missing case ids) are
    an :class:`~safeguarding.Error` naming the column, rows and values.
    """
    engine = _EngineInput(events, rules, calendar, as_of, catalogue, case, event, date)
    raw = _core.timeliness.compute(*engine.arguments())
    extras = [c for c in engine.columns.keys() if c not in (case, event, date)]
    instances = _instances_frame(raw, engine.catalogue, engine.case_labels, engine.columns, extras, engine.seconds, engine.times)
    quality = _data_quality(raw, engine.catalogue, engine.calendar, engine.columns, case, event, date, engine.case_labels,
                            engine.seconds)
    return TimelinessResult(instances, quality, engine.computed)


class _EngineInput:
    """The event table read into the columns the engine takes (shared by :func:`timeliness` and
    :func:`timeliness_summary`): codes for case ids and event types, days or seconds, attributes."""

    def __init__(self, events: Any, rules: Union[None, str, Sequence[str]], calendar: Optional[Calendar], as_of: Any,
                 catalogue: Optional[RuleCatalogue], case: str, event: str, date: str) -> None:
        self.catalogue = catalogue = catalogue or RuleCatalogue.builtin()
        self.calendar = calendar or Calendar.england_and_wales()
        self.columns = columns = _columns(events)
        _require(columns, (case, event, date))
        if rules is None:
            rule_ids: list[str] = []
        else:
            rule_ids = [rules] if isinstance(rules, str) else list(rules)
            for rule_id in rule_ids:
                catalogue.rule(rule_id)
        self.rule_ids = rule_ids
        self.case_codes, self.case_labels = _case_codes(columns[case], case)
        self.event_codes = _event_codes(columns[event], event, catalogue)
        self.times, self.seconds = _times(columns[date], date)
        n = len(self.case_codes)
        for name, values in ((event, self.event_codes), (date, self.times)):
            if len(values) != n:
                raise Error(f"events: column {name!r} has {len(values)} rows, but column {case!r} has {n}")
        needed: dict[str, str] = {}
        for rule in catalogue:
            for attribute, kind in rule.attributes:
                needed.setdefault(attribute, kind)
        self.attributes = [(name, *_attribute(columns[name], name, kind)) for name, kind in needed.items() if name in columns]
        self.as_of_day = None if as_of is None else int(np.datetime64(as_date(as_of, "as_of"), "D").astype(np.int64))
        self.computed = catalogue.ids if not rule_ids else tuple(
            dict.fromkeys(r.id for rule_id in rule_ids for r in catalogue.chain(rule_id)))

    def arguments(self) -> tuple[Any, npt.NDArray[np.int64], npt.NDArray[np.int32], npt.NDArray[np.int64], bool,
                                 list[tuple[str, npt.NDArray[np.int64], list[str]]], Any, Optional[int], list[str]]:
        """The engine's arguments, in the order of _core.timeliness.compute."""
        return (self.catalogue._impl, self.case_codes, self.event_codes, self.times, self.seconds, self.attributes,
                self.calendar._impl, self.as_of_day, self.rule_ids)


def _categorical(codes: npt.NDArray[Any], categories: Sequence[str]) -> pd.Categorical:
    return pd.Categorical.from_codes(codes, categories=pd.Index(list(categories), dtype=object), validate=False)


def _dates(seconds: npt.NDArray[np.int64]) -> npt.NDArray[Any]:
    return seconds.view("datetime64[s]")  # the core hands dates over as seconds


def _instances_frame(
    raw: dict[str, Any],
    catalogue: RuleCatalogue,
    case_labels: Optional[pd.Index],
    columns: Mapping[str, Any],
    extras: list[str],
    seconds: bool,
    times: npt.NDArray[np.int64],
) -> pd.DataFrame:
    rule = raw["rule"]
    n = len(rule)
    # Editions: one category per distinct edition name; the core numbers each rule's editions in turn.
    offsets = np.zeros(len(catalogue) + 1, dtype=np.int64)
    edition_index: dict[str, int] = {}
    global_codes: list[int] = []
    for i, r in enumerate(catalogue):
        offsets[i + 1] = offsets[i] + len(r.editions)
        global_codes.extend(edition_index.setdefault(e.name, len(edition_index)) for e in r.editions)
    edition_codes = np.asarray(global_codes, dtype=np.int8 if len(edition_index) < 128 else np.int16)[raw["edition"]]
    rule_codes = rule.astype(np.int8) if len(catalogue) < 128 else rule
    case_values: Any = raw["case"]
    if case_labels is not None:
        case_values = pd.Categorical.from_codes(case_values, categories=case_labels, validate=False)
    data: dict[str, Any] = {
        "case": case_values,
        "rule": _categorical(rule_codes, catalogue.ids),
        "sequence": raw["sequence"],
        "edition": _categorical(edition_codes, list(edition_index)),
        "start": _dates(raw["start"]),
        "due": _dates(raw["due"]),
        "completed": _dates(raw["completed"]),
        "status": _categorical(raw["status"].view(np.int8), STATUSES),
        "late_working_days": raw["late_working_days"],
        "late_days": raw["late_days"],
        "duration_working_days": raw["duration_working_days"],
        "duration_days": raw["duration_days"],
    }
    band = raw["band"]
    if (band >= 0).any():
        labels: dict[str, int] = {}
        table = np.full((int(offsets[-1]), 16), -1, dtype=np.int16)
        k = 0
        for r in catalogue:
            for e in r.editions:
                for b, limit in enumerate(e.bands):
                    table[k, b] = labels.setdefault(f"within {limit}", len(labels))
                if e.bands:
                    table[k, len(e.bands)] = labels.setdefault(f"beyond {e.bands[-1]}", len(labels))
                k += 1
        flat = raw["edition"]
        band_codes = np.where(band >= 0, table[flat, np.maximum(band, 0)], -1)
        data["band"] = _categorical(band_codes, list(labels))
    else:
        data["band"] = _categorical(np.full(n, -1, dtype=np.int8), [])
    if seconds:
        data["start_time"] = times[raw["start_row"]].view("datetime64[s]")
        stop = raw["stop_row"]
        # stop_row is also the end event of a missed or ended instance: only a completion has a time.
        done = np.where(raw["completed"] != NAT, times[np.maximum(stop, 0)] if n else stop, NAT)
        data["completed_time"] = done.view("datetime64[s]")
        data["due_time"] = raw["due_time"].view("datetime64[s]")
    data["start_row"] = raw["start_row"]
    data["stop_row"] = raw["stop_row"]
    for name in extras:
        values = columns[name]
        if isinstance(values, pd.Series):
            data[name] = values.take(raw["start_row"]).reset_index(drop=True) if n else values.iloc[:0].reset_index(drop=True)
        else:
            data[name] = _values(values)[raw["start_row"]]
    return pd.DataFrame(data, copy=False)


def _data_quality(
    raw: dict[str, Any],
    catalogue: RuleCatalogue,
    calendar: Calendar,
    columns: Mapping[str, Any],
    case: str,
    event: str,
    date: str,
    case_labels: Optional[pd.Index],
    seconds: bool,
) -> DataQuality:
    rows = raw["finding_row"]

    def pick(name: str) -> npt.NDArray[Any]:
        column = columns[name]
        values: npt.NDArray[Any] = column.take(rows).to_numpy() if isinstance(column, pd.Series) else _values(column)[rows]
        return values

    case_values, event_values, date_values = pick(case), pick(event), pick(date)
    rule_codes = raw["finding_rule"]
    findings = pd.DataFrame(
        {
            "row": rows,
            "case": case_values,
            "event": event_values,
            "date": date_values,
            "rule": _categorical(rule_codes, catalogue.ids),
            "kind": _categorical(raw["finding_kind"], FINDINGS),
            "related_row": raw["finding_related_row"],
            "message": np.asarray(raw["finding_message"], dtype=object),
        }
    )
    row_use = pd.Series(_categorical(raw["row_use"].view(np.int8), ROW_USES), name="use")
    as_of = raw["as_of"]
    as_of_date = None if as_of is None else _dt.date(1970, 1, 1) + _dt.timedelta(days=int(as_of))
    return DataQuality(findings, row_use, raw["row_counts"], as_of_date, catalogue, calendar, seconds)


# ---- summaries --------------------------------------------------------------------------------


def summarise(
    result: TimelinessResult,
    by: Union[None, str, Sequence[str]] = None,
    date: str = "due",
    percentiles: Sequence[float] = (50, 90),
    durations: str = "days",
) -> pd.DataFrame:
    """Counts of instances in and out of timescale, by rule and by ``by``: "month", "quarter",
    "year", "reporting_year" (the statutory year 1 April – 31 March, labelled "2019-20") or
    "reporting_quarter" ("2019-20 Q1" is April–June 2019) of the ``date`` column ("due",
    "completed" or "start"), and any columns of the result
    (team, agency, age band: the attributes carried from the events).

    In timescale = met; out of timescale = late + missed + overdue; open (still in time) and ended
    (not needed) instances are counted but in neither. ``percent_in_timescale`` =
    in / (in + out) × 100. ``p50_days``, ``p90_days`` … are percentiles (numpy's linear method) of
    the duration from clock start to completion, over completed instances (``durations``: "days"
    or "working_days"). Instances without the ``date`` (not yet completed, for date="completed")
    form a row with an empty period. The counts of all rows add up to the number of instances.
    """
    frame, info = _frame_and_quality(result, "summarise")
    period, others = _summary_keys(by, date, durations, "summarise")
    missing = [k for k in others if k not in frame.columns]
    if missing:
        raise Error(f"summarise: no column {', '.join(map(repr, missing))} in the result (columns: {', '.join(map(str, frame.columns))})")
    rule_codes = frame["rule"].cat.codes.to_numpy()
    if rule_codes.dtype != np.int8:
        rule_codes = rule_codes.astype(np.int32)
    status_codes = np.ascontiguousarray(frame["status"].cat.codes.to_numpy()).view(np.uint8)  # codes 0-5, never -1
    when = frame[date].to_numpy()
    if when.dtype.kind != "M":
        raise Error(f"summarise: column {date!r} holds {when.dtype} values, not dates")
    per_day = {"D": 1, "h": 24, "m": 1440, "s": 86_400, "ms": 86_400_000, "us": 86_400_000_000, "ns": 86_400_000_000_000}.get(
        np.datetime_data(when.dtype)[0]
    )
    if per_day is None:
        when, per_day = when.astype("datetime64[s]"), 86_400
    day = np.ascontiguousarray(when).view(np.int64)
    groups, n_groups, levels = _group_codes(frame, others)
    values = frame[f"duration_{durations}"].to_numpy(dtype=np.float32) if percentiles else None
    raw = _core.timeliness.summarise(
        rule_codes, status_codes, day, period, groups, n_groups, values, [float(q) for q in percentiles], per_day
    )
    return _summary_frame(raw, info.catalogue, period, others, levels, percentiles, durations)


def _summary_frame(raw: dict[str, Any], catalogue: RuleCatalogue, period: str, others: list[str], levels: list[pd.Index],
                   percentiles: Sequence[float], durations: str) -> pd.DataFrame:
    """The summary table from the core's columns: rule, period, the group columns, the counts and percentiles."""
    out: dict[str, Any] = {"rule": _categorical(raw["rule"], catalogue.ids)}
    if period != "all":
        out[period] = _period_labels(raw["period"], period)
    group = raw["group"]
    for name, uniques in reversed(list(zip(others, levels))):
        size = max(len(uniques), 1)
        out[name] = uniques.take(group % size)
        group = group // size
    out = {k: out[k] for k in ["rule", *([period] if period != "all" else []), *others]}
    for status in STATUSES:
        out[status] = raw[status]
    out["instances"] = raw["instances"]
    for column in ("in_timescale", "out_of_timescale", "percent_in_timescale"):
        out[column] = raw[column]
    suffix = "days" if durations == "days" else "working_days"
    for q, column in zip(percentiles, raw["percentiles"]):
        out[f"p{float(q):g}_{suffix}"] = column
    return pd.DataFrame(out)


def _summary_keys(by: Union[None, str, Sequence[str]], date: str, durations: str, what: str) -> tuple[str, list[str]]:
    """The period and the other columns of ``by``, with the ``date`` and ``durations`` checked."""
    if date not in ("due", "completed", "start"):
        raise Error(f"{what}: date must be 'due', 'completed' or 'start', got {date!r}")
    if durations not in ("days", "working_days"):
        raise Error(f"{what}: durations must be 'days' or 'working_days', got {durations!r}")
    keys = [] if by is None else ([by] if isinstance(by, str) else list(by))
    periods = [k for k in keys if k in PERIODS]
    if len(periods) > 1:
        raise Error(f"{what}: group by one period at most, got {', '.join(periods)}")
    return (periods[0] if periods else "all"), [k for k in keys if k not in PERIODS]


class TimelinessSummary(_Computed):
    """What :func:`timeliness_summary` returns: ``table``, the table :func:`summarise` gives, and
    ``data_quality``, what became of every input row with the findings (as
    :attr:`TimelinessResult.data_quality`); with ``rules`` (the ids computed), ``as_of``,
    ``catalogue`` and ``calendar``."""

    __slots__ = ("table",)
    table: pd.DataFrame

    def __init__(self, table: pd.DataFrame, data_quality: DataQuality, rules: tuple[str, ...]) -> None:
        super().__init__(data_quality, rules)
        self.table = table

    def to_frame(self) -> pd.DataFrame:
        """The table."""
        return self.table

    def __repr__(self) -> str:
        return f"<TimelinessSummary: {len(self.table):,} rows of {len(self.rules)} rules; {self.data_quality!r}>"


def timeliness_summary(
    events: Any,
    by: Union[None, str, Sequence[str]] = None,
    date: str = "due",
    percentiles: Sequence[float] = (50, 90),
    durations: str = "days",
    *,
    rules: Union[None, str, Sequence[str]] = None,
    calendar: Optional[Calendar] = None,
    as_of: Any = None,
    catalogue: Optional[RuleCatalogue] = None,
    case: str = "case",
    event: str = "event",
    event_date: str = "date",
) -> TimelinessSummary:
    """The table ``summarise(timeliness(events, …), by, date, percentiles, durations)`` gives,
    computed straight from the events without building the instances (the summary-only path: for
    when the table is all that is wanted; much faster and lighter on large tables).

    ``by`` is one period at most ("month", "quarter", "year", "reporting_year",
    "reporting_quarter"); to group by columns of the instances (team, age band), use
    :func:`summarise` on :func:`timeliness`. ``date``, ``percentiles`` and ``durations`` are as
    :func:`summarise` takes them; ``rules``, ``calendar``, ``as_of`` and ``catalogue`` as
    :func:`timeliness` takes them, and ``case``, ``event`` and ``event_date`` name the events'
    columns (timeliness's ``case``, ``event`` and ``date``).

    Returns a :class:`TimelinessSummary`: ``.table`` and ``.data_quality``.
    """
    period, others = _summary_keys(by, date, durations, "timeliness_summary")
    if others:
        raise Error(f"timeliness_summary: groups by one period only, not by {', '.join(map(repr, others))}; "
                    "to group by columns of the instances, use summarise(timeliness(...), by=...)")
    engine = _EngineInput(events, rules, calendar, as_of, catalogue, case, event, event_date)
    raw = _core.timeliness.compute_summary(*engine.arguments(), period, date, durations, [float(q) for q in percentiles])
    table = _summary_frame(raw, engine.catalogue, period, [], [], percentiles, durations)
    quality = _data_quality(raw, engine.catalogue, engine.calendar, engine.columns, case, event, event_date,
                            engine.case_labels, engine.seconds)
    return TimelinessSummary(table, quality, engine.computed)


def set_timeliness_scratch_limit(limit: int) -> int:
    """The engine (:func:`timeliness`, :func:`timeliness_summary`) keeps the large scratch buffers
    of a call (its copies of the events in case order) for the next call, up to a limit in bytes in
    all (256 MiB unless set), so that a repeated call on large tables does not wait for the system to
    zero fresh memory. Sets that limit (0 keeps nothing), freeing what is kept beyond it; returns
    the previous limit."""
    if limit < 0:
        raise Error(f"set_timeliness_scratch_limit: the limit is a number of bytes, got {limit}")
    return _core.timeliness.set_scratch_limit(limit)


def release_timeliness_scratch() -> int:
    """Frees the scratch buffers the engine keeps between calls (see
    :func:`set_timeliness_scratch_limit`); returns their bytes."""
    return _core.timeliness.release_scratch()


def _group_codes(result: pd.DataFrame, others: list[str]) -> tuple[Optional[npt.NDArray[np.int64]], int, list[pd.Index]]:
    """One code per instance for the combination of its values in the columns ``others`` (None
    for no columns), the number of combinations, and each column's distinct values."""
    if not others:
        return None, 1, []
    groups = np.zeros(len(result), dtype=np.int64)
    n_groups = 1
    levels: list[pd.Index] = []
    for name in others:
        codes, uniques = pd.factorize(result[name], sort=True, use_na_sentinel=False)
        levels.append(pd.Index(uniques))
        groups = groups * len(uniques) + codes
        n_groups *= max(len(uniques), 1)
    return groups, n_groups, levels


def _period_labels(starts: npt.NDArray[np.int64], period: str) -> Union[pd.PeriodIndex, pd.Categorical]:
    if period in ("reporting_year", "reporting_quarter"):
        return _reporting_labels(starts, period == "reporting_quarter")
    freq = {"month": "M", "quarter": "Q", "year": "Y"}[period]
    return pd.PeriodIndex(pd.DatetimeIndex(starts.view("datetime64[D]")), freq=freq)


def _reporting_labels(starts: npt.NDArray[np.int64], quarters: bool) -> pd.Categorical:
    """Reporting years ("2019-20", the core's ReportingYear label) or their quarters ("2019-20 Q1":
    April to June) of periods given by their first days; missing for NaT."""
    days = pd.DatetimeIndex(np.asarray(starts).view("datetime64[D]"))
    year = _core.returns.ReportingYear
    labels: list[Optional[str]] = []
    for day in days:
        if pd.isna(day):
            labels.append(None)
            continue
        label = year(year.ending_of(day.date())).label
        labels.append(f"{label} Q{year.quarter_of(day.date())}" if quarters else label)
    order = list(dict.fromkeys(x for x in labels if x is not None))
    return pd.Categorical(labels, categories=order, ordered=True)


def bands(
    result: TimelinessResult, rule: str = "lado.resolution", by: Union[None, str, Sequence[str]] = None
) -> pd.DataFrame:
    """Outcome bands of a banded rule (allegations: within 1, 3 and 12 months, against targets of
    80% and 90% for the first two; "all but the most exceptional cases" within 12 months is not a
    percentage, so that band's target is NaN and ``meets_target`` None): for each group, the
    concluded cases within each band (cumulative), their percentage of all concluded cases, the
    edition's target and whether it was met. Open cases are counted beside them. Groups are the
    rule's edition and any ``by`` columns (or "month", "quarter", "year" of completion)."""
    frame, info = _frame_and_quality(result, "bands")
    catalogue = info.catalogue
    target_rule = catalogue.rule(rule)
    if not any(e.bands for e in target_rule.editions):
        raise Error(f"bands: the rule {rule!r} has no outcome bands")
    keys = [] if by is None else ([by] if isinstance(by, str) else list(by))
    subset = frame[frame["rule"] == rule].reset_index(drop=True)
    grouped = pd.DataFrame(index=subset.index)
    for key in keys:
        if key in ("reporting_year", "reporting_quarter"):
            days = subset["completed"].to_numpy().astype("datetime64[D]").view(np.int64)
            grouped[key] = _reporting_labels(days, key == "reporting_quarter")
        elif key in PERIODS:
            freq = {"month": "M", "quarter": "Q", "year": "Y"}[key]
            grouped[key] = pd.PeriodIndex(pd.DatetimeIndex(subset["completed"].to_numpy()), freq=freq)
        elif key in subset.columns:
            grouped[key] = subset[key].to_numpy()
        else:
            raise Error(f"bands: no column {key!r} in the result")
    # The engine's numbering, back from the frame's labels: each instance's edition of the rule and
    # its band (the first it falls within, len(bands) beyond the last, -1 not concluded).
    editions = target_rule.editions
    edition_of = {e.name: k for k, e in enumerate(editions)}
    edition_codes = np.asarray([edition_of[str(e)] for e in subset["edition"]], dtype=np.int32)
    band_labels = subset["band"].astype(object).to_numpy()
    band_codes = np.full(len(subset), -1, dtype=np.int8)
    for k, e in enumerate(editions):
        position = {f"within {limit}": b for b, limit in enumerate(e.bands)}
        if e.bands:
            position[f"beyond {e.bands[-1]}"] = len(e.bands)
        mine = np.flatnonzero(edition_codes == k)
        band_codes[mine] = [position.get(str(label), -1) if isinstance(label, str) else -1 for label in band_labels[mine]]
    groups, n_groups, levels = _group_codes(grouped, keys)
    raw = _core.timeliness.bands(
        catalogue._impl, catalogue.ids.index(rule), np.full(len(subset), catalogue.ids.index(rule), dtype=np.int32),
        edition_codes, band_codes, groups, n_groups,
    )
    out: dict[str, Any] = {"edition": [editions[k].name for k in raw["edition"]]}
    group = raw["group"]
    for name, uniques in reversed(list(zip(keys, levels))):
        size = max(len(uniques), 1)
        out[name] = uniques.take(group % size)
        group = group // size
    out["band"] = [str(editions[e].bands[b]) for e, b in zip(raw["edition"], raw["band"])]
    for column in ("concluded", "within", "percent_within", "target"):
        out[column] = raw[column]
    out["meets_target"] = [None if m < 0 else bool(m) for m in raw["meets_target"]]
    out["open"] = raw["open"]
    columns = ["edition", *keys, "band", "concluded", "within", "percent_within", "target", "meets_target", "open"]
    return pd.DataFrame(out)[columns]


def timeline(result: TimelinessResult, case: Any) -> pd.DataFrame:
    """One case's instances in order of their clock start, with each rule's title: the timeline
    of a serious incident from awareness to publication, every due date and status."""
    frame, info = _frame_and_quality(result, "timeline")
    column = frame["case"]
    part = frame[column == case]
    if part.empty:
        raise Error(f"timeline: no instances for case {case!r}")
    titles = {r.id: r.title for r in info.catalogue}
    out = part[["rule", "start", "due", "completed", "status", "late_working_days"]].copy()
    out.insert(1, "title", [titles[str(r)] for r in part["rule"]])
    return out.sort_values(["start", "due"], kind="stable").reset_index(drop=True)


__all__ = [
    "DataQuality",
    "TimelinessResult",
    "TimelinessSummary",
    "bands",
    "data_quality",
    "summarise",
    "timeline",
    "timeliness",
    "timeliness_summary",
]
