"""The SSDA903 return (children looked after): read one or several years' returns, CSV tables or
XML, and count what the IRO and corporate parenting reports count (see ``docs/returns.md``). The
returns are read, and every measure is formed, by the compiled core (safeguarding/returns/ssda903/);
this module converts arguments and presents results.

>>> import safeguarding as sg
>>> data = sg.ssda903.load("tests/data/ssda903/small")   # doctest: +SKIP
"""

from __future__ import annotations

import datetime as _dt
import os
from typing import Any, Union
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd  # type: ignore[import-untyped]  # pandas ships no type information

from . import _core
from ._calendar import Calendar
from ._convert import DateLike, as_date, path_text
from ._errors import Error
from ._measures import TimelinessFigure, TimelinessMeasure, defaults
from ._returns import CompiledReturn, MeasureTable, Proportion, ReportingYear, YearLike, days_to_datetimes
from ._rules import RuleCatalogue

PathLike = Union[str, "os.PathLike[str]"]
Paths = Union[PathLike, Iterable[PathLike], Mapping[Any, Union[PathLike, Iterable[PathLike]]]]

_r = _core.returns

#: The participation codes recorded for each looked-after review (DfE SSDA903 guidance).
PARTICIPATION_CODES: dict[str, str] = {
    "PN0": "child under 4 at the time of the review",
    "PN1": "child attended and spoke for themselves",
    "PN2": "child attended, views conveyed by an advocate",
    "PN3": "child attended, views conveyed by symbols or non-verbally",
    "PN4": "child attended without contributing",
    "PN5": "child did not attend, views conveyed by an advocate",
    "PN6": "child did not attend, views conveyed by other means",
    "PN7": "child did not attend and views were not conveyed",
}

#: Legal statuses of a series of short-term placements (short breaks), as the core defines them.
SHORT_BREAK_STATUSES: tuple[str, ...] = tuple(_r.short_break_statuses)

#: The SSDA903's tables (DfE's specification; the core's table list).
TABLES: tuple[str, ...] = tuple(_r.ssda903_tables)


def _paths(value: PathLike | Iterable[PathLike]) -> list[str]:
    if isinstance(value, (str, os.PathLike)):
        return [path_text(value)]
    return [path_text(v) for v in value]


def load(paths: Paths, dayfirst: bool = True, today: DateLike | None = None) -> Ssda903:
    """Reads SSDA903 returns: a folder, a file, a list of them, or a mapping from collection year
    (the year whose 31 March ends it, or "2018-19") to each year's files or folder.

    Files in one folder form one return; a folder of folders gives one return per folder. The
    year of a return is the one given, else one in its file or folder name ("2019", "2018-19"),
    else the year holding most of its DEC, REVIEW, MIS_START and MIS_END dates (:attr:`returns`
    says which); a date after its return's year or after ``today`` (default: today) is a finding. CSV
    tables are identified by their columns, not their names. Several returns are stitched into
    one history per child (see ``docs/returns.md``).

    Dates are day first (dd/mm/YYYY, the return's form) unless ``dayfirst=False`` (mm/dd/YYYY).
    Each file's date columns are checked: a column whose dates can only be read the other way
    raises :class:`safeguarding.Error` naming the file, column and values; a column with dates of
    both kinds is a finding.

    Unreadable files (missing, malformed XML, broken UTF-16) raise :class:`safeguarding.Error`
    listing each of them; every other problem is a finding in :attr:`Ssda903.findings`.
    """
    if isinstance(paths, Mapping):
        groups = [
            (ReportingYear.of(year).end.year, "given", grouped[2])
            for year, files in paths.items()
            for grouped in _r.group_ssda903_files(_paths(files))
        ]
    else:
        groups = _r.group_ssda903_files(_paths(paths))
    return Ssda903(_r.Ssda903.load(groups, bool(dayfirst), None if today is None else as_date(today, "today")))


class Ssda903(CompiledReturn):
    """SSDA903 returns as pandas DataFrames, their data-quality findings, and their measures.

    Tables (attributes and :attr:`tables`): ``header``, ``episodes``, ``reviews``, ``uasc``,
    ``oc2``, ``oc3``, ``ad1``, ``placed_for_adoption``, ``previous_permanence``, ``missing``,
    ``sw_episodes``. Each has the return's columns (ids and codes categorical, dates
    ``datetime64``, flags and whole numbers nullable), then ``file`` and ``row`` saying where
    each row came from. Rows are sorted by child, then by the table's date.

    :attr:`returns` lists the returns loaded, one row each: ``year`` (its collection year, the
    one reporting year it covers; 0 when not known), ``year_from`` (how it was found), ``files``
    and ``tables`` (the tables the return supplied, a header-only CSV file included).
    """

    __slots__ = ("returns",)

    returns: pd.DataFrame

    def __init__(self, impl: _core.returns.Ssda903) -> None:
        self._keep(impl)
        self.returns = pd.DataFrame(
            [(year, source, [str(f) for f in files], tables) for year, source, files, tables in impl.returns],
            columns=["year", "year_from", "files", "tables"],
        )

    # Tables --------------------------------------------------------------------------------

    @property
    def header(self) -> pd.DataFrame:
        return self.table("header")

    @property
    def episodes(self) -> pd.DataFrame:
        return self.table("episodes")

    @property
    def reviews(self) -> pd.DataFrame:
        return self.table("reviews")

    @property
    def missing(self) -> pd.DataFrame:
        return self.table("missing")

    @property
    def uasc(self) -> pd.DataFrame:
        return self.table("uasc")

    def __repr__(self) -> str:
        years = ", ".join(str(y) for y in self.returns["year"])
        return (
            f"<Ssda903 returns {years or 'none'}: {len(self.header)} children in the header, "
            f"{len(self.episodes)} episodes, {len(self.reviews)} reviews, {self.finding_count} findings>"
        )

    def _ids(self) -> pd.CategoricalDtype:
        return self.episodes["CHILD"].dtype

    # Counting measures -----------------------------------------------------------------------

    def participation(self, year: YearLike) -> MeasureTable:
        """Reviews held in the reporting year by participation code (PN0–PN7), with each code's
        share of all of them, as seed 003's IRO report tabulates them. Reviews whose code is blank
        (or was not a known code, see the findings) are counted as "not recorded"."""
        period = ReportingYear.of(year)
        codes, counts, shares = self._impl.participation(period._impl)
        table = pd.DataFrame({"reviews": np.asarray(counts, dtype=np.int64), "share": np.asarray(shares, dtype=float)},
                             index=pd.Index(codes, name="REVIEW_CODE"))
        return MeasureTable(table, "ssda903.participation", year=period)

    def reasons_ceased(self, year: YearLike) -> MeasureTable:
        """Episodes that ceased in the reporting year with the child leaving care, by reason (REC):
        DEC in the year and REC other than X1 (an episode followed by another in the same period
        of care). An episode with a DEC but no REC is counted as "not recorded"."""
        period = ReportingYear.of(year)
        codes, counts = self._impl.reasons_ceased(period._impl)
        table = pd.DataFrame({"episodes": np.asarray(counts, dtype=np.int64)}, index=pd.Index(codes, dtype=object, name="REC"))
        return MeasureTable(table, "ssda903.reasons_ceased", year=period)

    def looked_after_on(self, date: DateLike, short_breaks: bool = False) -> MeasureTable:
        """The episodes open at the end of ``date``, one per child: started on or before it and
        not ceased by then (DEC blank or after it). Episodes of short breaks (legal status V3 or
        V4) are left out unless ``short_breaks`` is true, as in DfE's national statistics."""
        day = _as_date(date)
        rows = self._impl.looked_after_on(day, short_breaks)
        table = self.episodes.iloc[np.asarray(rows, dtype=np.int64)].reset_index(drop=True)
        return MeasureTable(table, "ssda903.looked_after_at_31_march", as_of=day)

    def looked_after_at_31_march(self, year: YearLike, short_breaks: bool = False) -> int:
        """Children looked after at the end of the reporting year (31 March): measure
        ``ssda903.looked_after_at_31_march`` (see :meth:`looked_after_on`)."""
        return int(self._impl.looked_after_at_31_march(ReportingYear.of(year)._impl, short_breaks))

    def placements(self, year: YearLike, short_breaks: bool = False) -> MeasureTable:
        """Placements each child had during the reporting year: the episode the child was in when
        the year began (or their first in it) counts one, and each later episode starting in the
        year counts one more unless its reason for new episode (RNE) is L, a change of legal
        status only. One row per child looked after at any time in the year (an episode counts
        when it started by 31 March and had not ceased before 1 April): ``CHILD``, ``placements``
        and ``looked_after_at_31_march``. Short breaks (V3, V4) are left out unless asked for."""
        period = ReportingYear.of(year)
        child, placements, at_end, _ = self._impl.placements(period._impl, short_breaks)
        table = pd.DataFrame({
            "CHILD": np.asarray(child, dtype=object),
            "placements": np.asarray(placements, dtype=np.int64),
            "looked_after_at_31_march": np.asarray(at_end, dtype=bool),
        })
        return MeasureTable(table, "ssda903.placements", year=period)

    def placement_counts(self, year: YearLike, short_breaks: bool = False) -> MeasureTable:
        """How many children had 1, 2, 3, … placements in the year (all children looked after in
        the year), the table seed 003 §3.10.6.1 gives."""
        period = ReportingYear.of(year)
        counts = self._impl.placements(period._impl, short_breaks)[3]
        table = pd.DataFrame({"children": np.asarray([n for _, n in counts], dtype=np.int64)},
                             index=pd.Index(np.asarray([p for p, _ in counts], dtype=np.int64), name="placements"))
        return MeasureTable(table, "ssda903.placements", year=period)

    def three_or_more_placements(self, year: YearLike, short_breaks: bool = False) -> Proportion:
        """Children looked after at 31 March who had three or more placements during the year,
        of all children looked after at 31 March (DfE's placement stability measure)."""
        return Proportion._wrap(self._impl.three_or_more_placements(ReportingYear.of(year)._impl, short_breaks))

    def missing_episodes(self, year: YearLike) -> MeasureTable:
        """Missing (M) and away without authorisation (A) episodes that started in the reporting
        year: ``episodes``, ``children``, ``still_open`` (no MIS_END, or one after 31 March),
        ``median_days`` (MIS_START to MIS_END, of the ended ones). A row per kind, then
        ``all`` (and ``not recorded`` for a blank MISSING).

        The SSDA903 missing table gives each episode's kind, start and end; it does not record
        whether a return home interview was offered, or when: that needs the authority's own
        records (see :meth:`return_home_interviews`), or Annex A's List 8 yes/no columns."""
        period = ReportingYear.of(year)
        kind, episodes, children, still_open, median = self._impl.missing_episodes(period._impl)
        table = pd.DataFrame({
            "episodes": np.asarray(episodes, dtype=np.int64),
            "children": np.asarray(children, dtype=np.int64),
            "still_open": np.asarray(still_open, dtype=np.int64),
            "median_days": np.asarray(median, dtype=float),
        }, index=pd.Index(kind, name="MISSING"))
        return MeasureTable(table, "ssda903.missing_episodes", year=period)

    # Timeliness measures, through the rule catalogue and the timeliness engine ------------------

    def periods_of_care(self) -> pd.DataFrame:
        """The children's episodes merged into periods of care, one row per period: ``CHILD``,
        ``start``, ``end`` (NaT while open), ``episodes`` (how many), ``start_known`` (false for a
        child's first period in the returns loaded when its first episode's RNE is not S: care
        began before the returns), and ``file`` and ``row`` of the episode that starts it.

        An episode continues the period when it starts on or before the latest DEC so far (on
        the day the previous episode ended, or earlier when episodes overlap) or while an episode
        is still open; an episode starting a day or more after the period ended starts a new
        period. Short breaks (legal status V3, V4) are no part of any period."""
        raw = self._impl.periods_of_care()
        episodes = self.episodes
        first = np.asarray(raw["first_episode"])
        period_of = np.asarray(raw["period_of"])
        counts = np.bincount(period_of[period_of >= 0], minlength=len(first))
        return pd.DataFrame({
            "CHILD": pd.Categorical.from_codes(np.asarray(raw["child"]).astype(np.int32), dtype=self._ids(), validate=False),
            "start": days_to_datetimes(raw["start"]),
            "end": days_to_datetimes(raw["end"]),
            "episodes": counts.astype(np.int64),
            "start_known": np.asarray(raw["start_known"]).astype(bool),
            "file": episodes["file"].to_numpy()[first],
            "row": episodes["row"].to_numpy()[first],
        })

    def review_timeliness(
        self, year: YearLike, calendar: Calendar | None = None, catalogue: RuleCatalogue | None = None
    ) -> TimelinessMeasure:
        """Every looked-after review instance of the reporting year, judged by the rule chain
        lac.review.first (20 working days from the start of the period of care), lac.review.second
        (3 months after the first review), lac.review.subsequent (6 months after the previous one),
        through the timeliness engine as of 31 March.

        Events: each period of care's start (``lac.start``) and end (``lac.end``; see
        :meth:`periods_of_care`) and each review (``lac.review``). The result's ``instances`` are
        those done in the year, outstanding at its end (overdue, or open: not yet due) or closed
        unfinished in it (missed, ended), with the engine's columns and ``child``, ``source`` (the
        rule, edition and citation that judged it), ``confidence``, and the table, file and file
        row of the events that started and stopped it; ``not_judged`` lists the rows of the return
        no instance used, with the reason (see :class:`~safeguarding.ssda903.TimelinessMeasure`)."""
        cal, rules = defaults(calendar, catalogue)
        impl = self._impl.review_timeliness(ReportingYear.of(year)._impl, rules._impl, cal._impl)
        return TimelinessMeasure(impl, self._ids, rules, cal)

    def reviews_by_month(
        self, year: YearLike, calendar: Calendar | None = None, catalogue: RuleCatalogue | None = None
    ) -> MeasureTable:
        """The IRO report's table: for each month of the reporting year, the reviews held, those in
        and out of timescale (by :meth:`review_timeliness`), the percentage in timescale, and the
        reviews held but not judged (in a period of care that began before the returns loaded,
        of a child on short breaks only, or not usable: :meth:`review_timeliness`'s ``not_judged``
        says which and why). The table names the rules and their sources."""
        return self.review_timeliness(year, calendar, catalogue).by_month()

    def reviews_in_timescale(
        self, year: YearLike, calendar: Calendar | None = None, catalogue: RuleCatalogue | None = None
    ) -> TimelinessFigure:
        """The year's figure: reviews held in the year in timescale, of those judged; reviews
        overdue at 31 March; reviews missed (the period of care ended after the due date)."""
        return self.review_timeliness(year, calendar, catalogue).figure

    def return_home_interviews(
        self,
        year: YearLike,
        offered: pd.DataFrame,
        calendar: Calendar | None = None,
        catalogue: RuleCatalogue | None = None,
    ) -> TimelinessMeasure:
        """Return home interviews offered within 72 hours of the child's return (rule
        missing.rhi.offered; missing.rhi measures the interview held), from the missing table's
        MIS_END (``missing.returned``) and the authority's own record of offers, which the SSDA903
        does not hold: ``offered`` is a DataFrame with ``CHILD`` and ``date`` (the day the
        interview was offered). Each return is matched with the
        earliest offer after it (the engine's rule: stops close the oldest open instance).
        Returns the year's instances as :meth:`review_timeliness` does."""
        if not {"CHILD", "date"} <= set(offered.columns):
            raise Error(f"offered: expected columns CHILD and date, got {', '.join(map(str, offered.columns))}")
        labels = self.missing["CHILD"].dtype
        ids = offered["CHILD"].astype(str).str.strip().str.upper()
        positions = labels.categories.get_indexer(ids)
        if (positions < 0).any():
            first = int(np.flatnonzero(positions < 0)[0])
            raise Error(
                f"offered: {int((positions < 0).sum())} rows name a child with no missing episode in the returns "
                f"(first: row {first}, {offered['CHILD'].iloc[first]!r})"
            )
        days = np.ascontiguousarray(pd.to_datetime(offered["date"]).to_numpy().astype("datetime64[D]")).view(np.int64)
        cal, rules = defaults(calendar, catalogue)
        impl = self._impl.return_home_interviews(
            ReportingYear.of(year)._impl, positions.astype(np.int64), days, rules._impl, cal._impl)
        return TimelinessMeasure(impl, labels, rules, cal)


def _as_date(value: DateLike) -> _dt.date:
    return as_date(value, "date")


def load_regional(paths: PathLike | Iterable[PathLike], dayfirst: bool = True, today: DateLike | None = None) -> Regional:
    """Reads a regional collection: many authorities' SSDA903 tables in one set of CSV files, each
    row naming its authority (column ``LA``) and collection year (column ``YEAR``: "2019" or
    "2018-19"); dates may be ISO. Each authority is read as its own returns, one per YEAR, and
    stitched as :func:`load` stitches an authority's returns: children are keyed by (LA, CHILD),
    so nothing is mixed across authorities. A file without LA or YEAR, or rows with a blank LA or
    no collection year, raise :class:`safeguarding.Error` listing each."""
    parts = _r.Ssda903.load_regional(_paths(paths), bool(dayfirst), None if today is None else as_date(today, "today"))
    return Regional({authority: Ssda903(impl) for authority, impl in parts})


class Regional:
    """A regional collection read by :func:`load_regional`: :attr:`authorities` maps each LA to its
    :class:`Ssda903` returns. :meth:`figures` gives a measure for every authority and year in one
    call."""

    __slots__ = ("authorities",)

    authorities: dict[str, Ssda903]

    def __init__(self, authorities: dict[str, Ssda903]) -> None:
        self.authorities = authorities

    def __getitem__(self, authority: str) -> Ssda903:
        if authority not in self.authorities:
            raise Error(f"no authority {authority!r} in the collection (it has {', '.join(self.authorities)})")
        return self.authorities[authority]

    def figures(self, measure: str = "reviews_in_timescale", years: Iterable[YearLike] | None = None,
                **options: Any) -> pd.DataFrame:
        """One row per authority and reporting year (default: each year of the authority's
        returns): the :class:`Ssda903` method ``measure`` (a timeliness figure such as
        "reviews_in_timescale", or a count such as "looked_after_at_31_march" or a proportion such
        as "three_or_more_placements") for that authority and year, each computed by the compiled
        core from that authority's rows alone."""
        rows: list[dict[str, Any]] = []
        for authority, data in self.authorities.items():
            method = getattr(data, measure, None)
            if method is None or measure.startswith("_"):
                raise Error(f"figures: {measure!r} is not a measure of the SSDA903 returns")
            wanted = [ReportingYear.of(y) for y in years] if years is not None else \
                [ReportingYear.of(int(y)) for y in data.returns["year"]]
            for year in wanted:
                value = method(year, **options)
                row: dict[str, Any] = {"LA": authority, "year": year.label}
                if isinstance(value, TimelinessFigure):
                    row.update(in_timescale=value.in_timescale, done=value.done, overdue=value.overdue,
                               missed=value.missed, percent=value.percent, rules=", ".join(value.rules))
                elif isinstance(value, Proportion):
                    row.update(count=value.count, total=value.total, percent=100.0 * value.share)
                else:
                    row["value"] = value
                rows.append(row)
        return pd.DataFrame(rows)

    def __repr__(self) -> str:
        return f"<Regional SSDA903: {len(self.authorities)} authorities ({', '.join(self.authorities)})>"


__all__ = ["PARTICIPATION_CODES", "SHORT_BREAK_STATUSES", "Regional", "Ssda903", "TimelinessMeasure", "load",
           "load_regional"]
