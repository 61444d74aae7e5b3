"""The returns' timeliness measures, as the compiled core forms them (safeguarding/returns/
timeliness_measure.hpp): the events built from a return run through the timeliness engine for a
reporting year, every instance traced back to the rule and edition that judged it and to the rows
of the return behind it. This module wraps each C++ result in :class:`TimelinessMeasure` and
presents it (DataFrames, text); it computes nothing (see docs/returns.md)."""

from __future__ import annotations

import datetime as _dt
from typing import Any, NamedTuple
from collections.abc import Iterator, Sequence

import numpy as np
import numpy.typing as npt
import pandas as pd  # type: ignore[import-untyped]  # pandas ships no type information

from . import _core
from ._calendar import Calendar
from ._returns import MeasureTable, ReportingYear, days_to_datetimes
from ._rules import RuleCatalogue
from ._timeliness import FINDINGS, ROW_USES, STATUSES, DataQuality, TimelinessResult
from .reports._mixin import ReportMixin

_r = _core.returns

#: Why a row of a return gives no event to the engine: reason -> explanation.
LEFT_OUT: dict[str, str] = dict(_r.left_out_reasons)
#: Why a row no instance used was not judged: the reasons above, then the engine's row uses.
NOT_JUDGED_REASONS: tuple[str, ...] = tuple(_r.not_judged_reasons)

#: The columns every measure's instances add to the engine's: where each instance came from.
TRACE_COLUMNS = ("child", "source", "confidence", "start_table", "start_file", "start_file_row",
                 "stop_table", "stop_file", "stop_file_row")


class RuleCitation(NamedTuple):
    """One edition of a rule that can judge a measure's instances."""

    rule: str
    edition: str
    timescale: str
    source: str
    confidence: str
    text: str


class TimelinessFigure(ReportMixin):
    """A timeliness measure for a reporting year: of the things done in the year (``done``: reviews
    held, assessments authorised, conferences held), how many were in timescale, and what was still
    outstanding at the year's end. ``rule`` is the rule asked for (the first link of a chain),
    ``rules`` every rule of the chain, and ``source`` the citations (edition, source, confidence)
    of the editions that judged an instance, as the rule catalogue gives them. A figure the data
    cannot give (a year no return covers, or a table the year's return did not supply; a table
    supplied with no rows gives 0 of 0) has ``computable`` False, ``not_computable``
    saying why, and no counts (None). A figure pickles as its values.

    * ``in_timescale``: done on or before the due date (status met);
    * ``out_of_timescale``: done after it (late);
    * ``overdue``: not done by the year's end, and due before it;
    * ``missed``: closed unfinished in the year (the child ceased to be looked after, the plan
      ended) after the due date;
    * ``not_judged``: done in the year but judged by no instance (not in ``done``);
    * ``share``: in_timescale / done.
    """

    __slots__ = ("_impl",)

    def __init__(self, impl: _core.returns.TimelinessFigure) -> None:
        self._impl = impl

    @property
    def measure(self) -> str:
        return self._impl.measure

    @property
    def rule(self) -> str:
        return self._impl.rule

    @property
    def source(self) -> str:
        return self._impl.source

    @property
    def done(self) -> int | None:
        return self._impl.done if self._impl.computable else None

    @property
    def in_timescale(self) -> int | None:
        return self._impl.in_timescale if self._impl.computable else None

    @property
    def out_of_timescale(self) -> int | None:
        return self._impl.out_of_timescale if self._impl.computable else None

    @property
    def overdue(self) -> int | None:
        return self._impl.overdue if self._impl.computable else None

    @property
    def missed(self) -> int | None:
        return self._impl.missed if self._impl.computable else None

    @property
    def not_judged(self) -> int | None:
        """Things done in the year that no rule instance judged (not in ``done``; the measure's
        ``not_judged`` rows say why), e.g. a conference recorded with no enquiry to count from."""
        return self._impl.not_judged if self._impl.computable else None

    @property
    def year(self) -> ReportingYear:
        return ReportingYear(self._impl.year)

    @property
    def computable(self) -> bool:
        return bool(self._impl.computable)

    @property
    def not_computable(self) -> str:
        """Why the figure cannot be computed ("" when it can)."""
        return self._impl.not_computable

    @property
    def rules(self) -> tuple[str, ...]:
        return tuple(self._impl.rules)

    @property
    def share(self) -> float:
        """in_timescale / done, or NaN when nothing was done (or the figure is not computable)."""
        return float(self._impl.share) if self._impl.computable else float("nan")

    @property
    def percent(self) -> float:
        return 100.0 * self.share

    def __iter__(self) -> Iterator[int | None]:
        return iter((self.in_timescale, self.done))

    def __str__(self) -> str:
        return str(self._impl)

    def __repr__(self) -> str:
        return f"<TimelinessFigure {self}>"


class TimelinessMeasure(ReportMixin):
    """A timeliness measure over a loaded return for one reporting year, as the compiled core
    formed it: the ``figure``; the ``instances`` the year keeps (done in it, outstanding at its end,
    or closed unfinished in it), each with the engine's columns, ``child``, ``source`` (the rule,
    edition and citation that judged it), ``confidence``, and the table, file and file row of the
    events that started and stopped it; the rows of the return ``not_judged`` with the reason;
    :meth:`by_month` (the monthly table); ``citations`` (every edition of every rule of the chain);
    and ``data_quality`` (the engine's account of the events). ``to_frame()`` is the instances;
    ``timeliness`` hands them to :func:`safeguarding.summarise` and the other engine helpers.
    A measure pickles, and comes back with the same figure, frames and tables."""

    __slots__ = ("_impl", "_ids", "_catalogue", "_calendar", "_instances", "_not_judged", "_data_quality")

    def __init__(self, impl: _core.returns.TimelinessMeasure, ids: pd.CategoricalDtype, catalogue: RuleCatalogue,
                 calendar: Calendar) -> None:
        self._impl = impl
        self._ids = ids
        self._catalogue = catalogue
        self._calendar = calendar
        self._instances: pd.DataFrame | None = None
        self._not_judged: pd.DataFrame | None = None
        self._data_quality: DataQuality | None = None

    @property
    def figure(self) -> TimelinessFigure:
        return TimelinessFigure(self._impl.figure)

    @property
    def measure(self) -> str:
        return str(self._impl.measure)

    @property
    def rule(self) -> str:
        """The rule asked for (the first link of the chain)."""
        return str(self._impl.rule)

    @property
    def year(self) -> ReportingYear:
        return ReportingYear(self._impl.year)

    @property
    def as_of(self) -> _dt.date:
        return self._impl.as_of

    @property
    def calendar(self) -> str:
        return str(self._impl.calendar)

    @property
    def citations(self) -> tuple[RuleCitation, ...]:
        """Every edition of every rule of the chain: rule, edition, timescale, source, confidence."""
        return tuple(RuleCitation(*c) for c in self._impl.citations)

    @property
    def instances(self) -> pd.DataFrame:
        if self._instances is None:
            self._instances = _instances_frame(self)
        return self._instances

    @property
    def not_judged(self) -> pd.DataFrame:
        """The rows of the return no instance used: table, file, row (in the file), child,
        position (in the table as loaded) and reason (:data:`NOT_JUDGED_REASONS`)."""
        if self._not_judged is None:
            self._not_judged = _not_judged_frame(self)
        return self._not_judged

    @property
    def data_quality(self) -> DataQuality:
        """What became of every event row in the engine, and its data-quality findings."""
        if self._data_quality is None:
            self._data_quality = _data_quality(self)
        return self._data_quality

    def by_month(self) -> MeasureTable:
        """Month by month of the reporting year (April to March): what was done (``held``: every
        such row of the return, judged or not), in and out of timescale, the percentage in
        timescale, and not judged (left out or unusable: see :attr:`not_judged`). Held = in + out +
        not judged in every month. Raises :class:`safeguarding.Error` with the reason when the
        figure is not computable (a table of zeros would read as a year with nothing done)."""
        raw = self._impl.by_month()
        index = pd.PeriodIndex(pd.DatetimeIndex(np.asarray(raw["month"]).view("datetime64[D]")), freq="M", name="month")
        table = pd.DataFrame({
            "held": np.array(raw["held"]),
            "in_timescale": np.array(raw["in_timescale"]),
            "out_of_timescale": np.array(raw["out_of_timescale"]),
            "percent_in_timescale": np.array(raw["percent_in_timescale"]),
            "not_judged": np.array(raw["not_judged"]),
        }, index=index)
        figure = self.figure
        return MeasureTable(table, figure.measure, figure.source, year=self.year, rule=self.rule, rules=figure.rules,
                            calendar=self.calendar)

    @property
    def timeliness(self) -> TimelinessResult:
        """The instances and the engine's data quality as :func:`safeguarding.timeliness` gives
        them, for :func:`safeguarding.summarise`, :func:`~safeguarding.bands` and
        :func:`~safeguarding.timeline`."""
        return TimelinessResult(self.instances, self.data_quality, tuple(dict.fromkeys(c.rule for c in self.citations)))

    def to_frame(self) -> pd.DataFrame:
        """The instances (a copy)."""
        return self.instances.copy()

    def __len__(self) -> int:
        return len(self.instances)

    def __repr__(self) -> str:
        return (f"<TimelinessMeasure {self.figure}; {len(self.instances):,} instances, "
                f"{len(self.not_judged):,} rows not judged>")

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # The compiled measure pickles as its fields (py::pickle), with the children's ids, the
        # catalogue and the calendar; the frames made from them are made again when asked for.
        return (TimelinessMeasure, (self._impl, self._ids, self._catalogue, self._calendar))


def _categorical(codes: npt.NDArray[np.integer[Any]], categories: Sequence[str]) -> pd.Categorical:
    return pd.Categorical.from_codes(np.asarray(codes, dtype=np.int64), categories=pd.Index(list(categories), dtype=object),
                                     validate=False)


def _optional_rows(rows: npt.NDArray[np.int64]) -> pd.arrays.IntegerArray:
    values = np.asarray(rows)
    missing = values == np.iinfo(np.int64).min
    return pd.arrays.IntegerArray(np.where(missing, 0, values), missing)


def _instances_frame(result: TimelinessMeasure) -> pd.DataFrame:
    impl = result._impl
    raw = impl.instances()
    citations = result.citations
    citation = np.asarray(raw["citation"], dtype=np.int64)
    editions = list(dict.fromkeys(c.edition for c in citations))
    edition_code = np.array([editions.index(c.edition) for c in citations], dtype=np.int64)
    confidence = np.asarray([c.confidence for c in citations], dtype=object)[citation]
    case: Any = np.array(raw["case"])
    if impl.case_is_child:
        case = pd.Categorical.from_codes(case.astype(np.int32), dtype=result._ids, validate=False)
    files, tables = list(impl.files), list(impl.tables)
    frame = pd.DataFrame({
        "case": case,
        "child": pd.Categorical.from_codes(np.asarray(raw["child"]), dtype=result._ids, validate=False),
        "rule": _categorical(raw["rule"], result._catalogue.ids),
        "sequence": np.array(raw["sequence"]),
        "edition": _categorical(edition_code[citation], editions),
        "start": days_to_datetimes(raw["start"]),
        "due": days_to_datetimes(raw["due"]),
        "completed": days_to_datetimes(raw["completed"]),
        "status": _categorical(raw["status"], list(STATUSES)),
        "late_working_days": np.array(raw["late_working_days"]),
        "late_days": np.array(raw["late_days"]),
        "duration_working_days": np.array(raw["duration_working_days"]),
        "duration_days": np.array(raw["duration_days"]),
        "band": _bands(result, raw["band"], citation),
        "start_row": np.array(raw["start_row"]),
        "stop_row": np.array(raw["stop_row"]),
        "source": _categorical(citation, [c.text for c in citations]),
        "confidence": pd.Categorical(confidence),
    })
    frame["start_table"] = _categorical(raw["start_table"], tables)
    frame["start_file"] = _categorical(raw["start_file"], files)
    frame["start_file_row"] = _optional_rows(raw["start_file_row"])
    frame["stop_table"] = _categorical(raw["stop_table"], tables)
    frame["stop_file"] = _categorical(raw["stop_file"], files)
    frame["stop_file_row"] = _optional_rows(raw["stop_file_row"])
    return frame


def _bands(result: TimelinessMeasure, band: npt.NDArray[np.int8], citation: npt.NDArray[np.int64]) -> pd.Categorical:
    """The outcome band of each instance of a banded rule ("within 1 month", "beyond 12 months")."""
    codes = np.asarray(band, dtype=np.int64)
    if not (codes >= 0).any():
        return _categorical(np.full(len(codes), -1), [])
    labels: dict[str, int] = {}
    table = np.full((len(result.citations), 16), -1, dtype=np.int64)
    for k, c in enumerate(result.citations):
        edition = next(e for e in result._catalogue[c.rule].editions if e.name == c.edition)
        for b, limit in enumerate(edition.bands):
            table[k, b] = labels.setdefault(f"within {limit}", len(labels))
        if edition.bands:
            table[k, len(edition.bands)] = labels.setdefault(f"beyond {edition.bands[-1]}", len(labels))
    return _categorical(np.where(codes >= 0, table[citation, np.maximum(codes, 0)], -1), list(labels))


def _not_judged_frame(result: TimelinessMeasure) -> pd.DataFrame:
    impl = result._impl
    raw = impl.not_judged()
    tables, files = np.asarray(impl.tables, dtype=object), np.asarray(list(impl.files) + [None], dtype=object)
    ids = np.asarray(list(result._ids.categories) + [None], dtype=object)
    rows = np.asarray(raw["row"])
    return pd.DataFrame({
        "table": tables[np.asarray(raw["table"], dtype=np.int64)],
        "file": files[np.asarray(raw["file"], dtype=np.int64)],
        "row": rows if not (rows == np.iinfo(np.int64).min).any() else _optional_rows(rows),
        "child": ids[np.asarray(raw["child"], dtype=np.int64)],
        "position": np.array(raw["position"]),
        "reason": np.asarray(NOT_JUDGED_REASONS, dtype=object)[np.asarray(raw["reason"], dtype=np.int64)],
    })


def _data_quality(result: TimelinessMeasure) -> DataQuality:
    impl = result._impl
    raw = impl.data_quality()
    rows = np.asarray(raw["finding_row"])
    case = np.asarray(raw["case"])[rows]
    if impl.case_is_child:
        case = np.asarray(result._ids.categories, dtype=object)[case]
    event_ids = np.asarray([event_id for event_id, _ in result._catalogue.events], dtype=object)
    findings = pd.DataFrame({
        "row": rows,
        "case": case,
        "event": event_ids[np.asarray(raw["event"])[rows]],
        "date": np.asarray(raw["date"])[rows].view("datetime64[D]"),
        "rule": _categorical(raw["finding_rule"], result._catalogue.ids),
        "kind": _categorical(raw["finding_kind"], list(FINDINGS)),
        "related_row": np.array(raw["finding_related_row"]),
        "message": np.asarray(raw["finding_message"], dtype=object),
        "where": np.asarray(raw["finding_where"], dtype=object),
    })
    row_use = pd.Series(_categorical(raw["row_use"], list(ROW_USES)), name="use")
    return DataQuality(findings, row_use, raw["row_counts"], result.as_of, result._catalogue, result._calendar, False)


def timeliness_result(impl: _core.returns.TimelinessMeasure, ids: pd.CategoricalDtype, catalogue: RuleCatalogue,
                      calendar: Calendar) -> TimelinessMeasure:
    return TimelinessMeasure(impl, ids, catalogue, calendar)


def defaults(calendar: Calendar | None, catalogue: RuleCatalogue | None) -> tuple[Calendar, RuleCatalogue]:
    """The calendar and catalogue a measure uses: England and Wales and the built-in catalogue by default."""
    return calendar or Calendar.england_and_wales(), catalogue or RuleCatalogue.builtin()


__all__ = ["LEFT_OUT", "NOT_JUDGED_REASONS", "RuleCitation", "TimelinessFigure", "TimelinessMeasure"]
