"""The SSDA903 return (children looked after): read one or several years' returns, CSV tables or
XML, and count what the IRO and corporate parenting reports count (see ``docs/returns.md``).

>>> import safeguarding as sg
>>> data = sg.ssda903.load("tests/data/ssda903/small")   # doctest: +SKIP
"""

from __future__ import annotations

import datetime as _dt
import os
from typing import Any, Iterable, Mapping, Optional, Union

import numpy as np
import pandas as pd  # type: ignore[import-untyped]  # pandas ships no type information

from . import _core, _measures
from ._calendar import Calendar
from ._convert import as_date
from ._measures import TimelinessFigure
from ._returns import CompiledFindings, Proportion, ReportingYear, YearLike, counted, frames, in_year, summary_frame
from ._errors import Error
from ._rules import RuleCatalogue
from ._timeliness import timeliness

PathLike = Union[str, "os.PathLike[str]"]
Paths = Union[PathLike, Iterable[PathLike], Mapping[Any, Union[PathLike, Iterable[PathLike]]]]

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

#: Legal statuses of a series of short-term placements (short breaks).
SHORT_BREAK_STATUSES = ("V3", "V4")

TABLES = (
    "header", "episodes", "reviews", "uasc", "oc2", "oc3", "ad1",
    "placed_for_adoption", "previous_permanence", "missing", "sw_episodes",
)


def _paths(value: PathLike | Iterable[PathLike]) -> list[str]:
    if isinstance(value, (str, os.PathLike)):
        return [os.fspath(value)]
    return [os.fspath(v) for v in value]


def load(paths: Paths) -> Ssda903:
    """Reads SSDA903 returns: a folder, a file, a list of them, or a mapping from collection year
    (the year whose 31 March ends it, or "2018-19") to each year's files or folder.

    Files in one folder form one return; a folder of folders gives one return per folder. The
    year of a return is the one given, else one in its file or folder name ("2019", "2018-19"),
    else the year holding the latest date in its episodes, reviews and missing episodes. CSV
    tables are identified by their columns, not their names. Several returns are stitched into
    one history per child (see ``docs/returns.md``).

    Unreadable files (missing, malformed XML, broken UTF-16) raise :class:`safeguarding.Error`
    listing each of them; every other problem is a finding in :attr:`Ssda903.findings`.
    """
    if isinstance(paths, Mapping):
        returns = [
            (ReportingYear.of(year).end.year, "given", _paths(files))
            for year, files in paths.items()
        ]
        expanded = []
        for year, source, files in returns:
            for grouped in _core.group_ssda903_files(files):
                expanded.append((year, source, grouped[2]))
        raw = _core.load_ssda903(expanded)
    else:
        raw = _core.load_ssda903(_core.group_ssda903_files(_paths(paths)))
    return Ssda903(raw)


class Ssda903(CompiledFindings):
    """SSDA903 returns as pandas DataFrames, their data-quality findings, and counts.

    Tables (attributes and :attr:`tables`): ``header``, ``episodes``, ``reviews``, ``uasc``,
    ``oc2``, ``oc3``, ``ad1``, ``placed_for_adoption``, ``previous_permanence``, ``missing``,
    ``sw_episodes``. Each has the return's columns (ids and codes categorical, dates
    ``datetime64``, flags and whole numbers nullable), then ``file`` and ``row`` saying where
    each row came from. Rows are sorted by child, then by the table's date.
    """

    __slots__ = ("tables", "summary", "returns")

    tables: dict[str, pd.DataFrame]
    summary: pd.DataFrame
    returns: pd.DataFrame

    def __init__(self, raw: dict[str, Any]) -> None:
        self.tables = frames(raw)
        self._keep_findings(raw["findings"])
        self.summary = summary_frame(raw["counts"], self._per_table)
        self.returns = pd.DataFrame(
            [(year, source, list(files)) for year, source, files in raw["returns"]],
            columns=["year", "year_from", "files"],
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

    # Counting measures -----------------------------------------------------------------------

    def participation(self, year: YearLike) -> pd.DataFrame:
        """Reviews held in the reporting year by participation code (PN0–PN7), with each code's
        share of all of them, as seed 003's IRO report tabulates them. Reviews whose code is blank
        (or was not a known code, see the findings) are counted as "not recorded"."""
        period = ReportingYear.of(year)
        reviews = self.reviews[in_year(self.reviews["REVIEW"], period)]
        codes = reviews["REVIEW_CODE"].astype(object).where(reviews["REVIEW_CODE"].notna(), "not recorded")
        counts = codes.value_counts()
        index = list(PARTICIPATION_CODES) + (["not recorded"] if "not recorded" in counts.index else [])
        out = pd.DataFrame({"reviews": [int(counts.get(code, 0)) for code in index]}, index=pd.Index(index, name="REVIEW_CODE"))
        total = int(out["reviews"].sum())
        out["share"] = out["reviews"] / total if total else np.nan
        return counted(out, "ssda903.participation", period)

    def reasons_ceased(self, year: YearLike) -> pd.DataFrame:
        """Episodes that ceased in the reporting year with the child leaving care, by reason (REC):
        DEC in the year and REC other than X1 (an episode followed by another in the same period
        of care). An episode with a DEC but no REC is counted as "not recorded"."""
        period = ReportingYear.of(year)
        ended = self.episodes[in_year(self.episodes["DEC"], period)]
        rec = ended["REC"].astype(object)
        rec = rec.where(rec.notna(), "not recorded")
        rec = rec[rec != "X1"]
        counts = rec.value_counts().sort_index()
        return counted(pd.DataFrame({"episodes": counts.astype("int64")}).rename_axis("REC"), "ssda903.reasons_ceased", period)

    def _care_episodes(self, short_breaks: bool) -> pd.DataFrame:
        episodes = self.episodes
        if not short_breaks:
            episodes = episodes[~episodes["LS"].isin(SHORT_BREAK_STATUSES)]
        return episodes

    def looked_after_on(self, date: Any, short_breaks: bool = False) -> pd.DataFrame:
        """The episodes open at the end of ``date``, one per child: started on or before it and
        not ceased by then (DEC blank or after it). Episodes of short breaks (legal status V3 or
        V4) are left out unless ``short_breaks`` is true, as in DfE's national statistics."""
        day = pd.Timestamp(_as_date(date))
        episodes = self._care_episodes(short_breaks)
        open_ = episodes[(episodes["DECOM"] <= day) & (episodes["DEC"].isna() | (episodes["DEC"] > day))]
        return counted(open_.drop_duplicates("CHILD", keep="last").reset_index(drop=True), "ssda903.looked_after_at_31_march")

    def looked_after_at_31_march(self, year: YearLike, short_breaks: bool = False) -> int:
        """Children looked after at the end of the reporting year (31 March): measure
        ``ssda903.looked_after_at_31_march`` (see :meth:`looked_after_on`)."""
        return len(self.looked_after_on(ReportingYear.of(year).end, short_breaks))

    def placements(self, year: YearLike, short_breaks: bool = False) -> pd.DataFrame:
        """Placements each child had during the reporting year: the episode the child was in when
        the year began (or their first in it) counts one, and each later episode starting in the
        year counts one more unless its reason for new episode (RNE) is L, a change of legal
        status only. One row per child looked after at any time in the year (an episode counts
        when it started by 31 March and had not ceased before 1 April): ``CHILD``, ``placements``
        and ``looked_after_at_31_march``. Short breaks (V3, V4) are left out unless asked for."""
        period = ReportingYear.of(year)
        start, end = pd.Timestamp(period.start), pd.Timestamp(period.end)
        episodes = self._care_episodes(short_breaks)
        during = episodes[(episodes["DECOM"] <= end) & (episodes["DEC"].isna() | (episodes["DEC"] >= start))]
        first = ~during["CHILD"].duplicated(keep="first")
        counts = (first | (during["RNE"] != "L").fillna(True)).astype("int64")
        per_child = counts.groupby(during["CHILD"].astype(object), sort=True).sum()
        at_end = set(self.looked_after_on(period.end, short_breaks)["CHILD"].astype(object))
        out = pd.DataFrame(
            {
                "CHILD": per_child.index.astype(object),
                "placements": per_child.to_numpy(dtype="int64"),
                "looked_after_at_31_march": np.array([child in at_end for child in per_child.index], dtype=bool),
            }
        )
        return counted(out, "ssda903.placements", period)

    def placement_counts(self, year: YearLike, short_breaks: bool = False) -> pd.DataFrame:
        """How many children had 1, 2, 3, … placements in the year (all children looked after in
        the year), the table seed 003 §3.10.6.1 gives."""
        per_child = self.placements(year, short_breaks)
        counts = per_child["placements"].value_counts().sort_index()
        out = pd.DataFrame({"children": counts.astype("int64")}).rename_axis("placements")
        return counted(out, "ssda903.placements", per_child.attrs["year"])

    def three_or_more_placements(self, year: YearLike, short_breaks: bool = False) -> Proportion:
        """Children looked after at 31 March who had three or more placements during the year,
        of all children looked after at 31 March (DfE's placement stability measure)."""
        per_child = self.placements(year, short_breaks)
        at_end = per_child[per_child["looked_after_at_31_march"]]
        return Proportion(int((at_end["placements"] >= 3).sum()), len(at_end), "ssda903.three_or_more_placements")


    # Timeliness measures, through the rule catalogue and the timeliness engine ------------------

    def _episode_columns(self) -> tuple[np.ndarray, ...]:
        episodes = self.episodes
        return (
            _measures.codes(episodes["CHILD"]),
            _measures.days(episodes["DECOM"]),
            _measures.days(episodes["DEC"]),
            (episodes["RNE"] == "S").fillna(False).to_numpy(dtype=np.uint8),
            episodes["LS"].isin(SHORT_BREAK_STATUSES).to_numpy(dtype=np.uint8),
        )

    def periods_of_care(self) -> pd.DataFrame:
        """The children's episodes merged into periods of care, one row per period: ``CHILD``,
        ``start``, ``end`` (NaT while open), ``episodes`` (how many), ``start_known`` (false for a
        child's first period in the returns loaded when its first episode's RNE is not S: care
        began before the returns), and ``file`` and ``row`` of the episode that starts it.

        An episode continues the period when it starts on or before the latest DEC so far (on
        the day the previous episode ended, or earlier when episodes overlap) or while an episode
        is still open; an episode starting a day or more after the period ended starts a new
        period. Short breaks (legal status V3, V4) are no part of any period."""
        raw = _core.ssda903_periods_of_care(*self._episode_columns())
        episodes = self.episodes
        first = raw["first_episode"]
        counts = np.bincount(raw["period_of"][raw["period_of"] >= 0], minlength=len(first))
        return pd.DataFrame({
            "CHILD": pd.Categorical.from_codes(raw["child"].astype(np.int32), dtype=episodes["CHILD"].dtype, validate=False),
            "start": raw["start"].view("datetime64[D]").astype("datetime64[s]"),
            "end": raw["end"].view("datetime64[D]").astype("datetime64[s]"),
            "episodes": counts.astype(np.int64),
            "start_known": raw["start_known"].astype(bool),
            "file": episodes["file"].to_numpy()[first],
            "row": episodes["row"].to_numpy()[first],
        })

    def review_timeliness(
        self, year: YearLike, calendar: Optional[Calendar] = None, catalogue: Optional[RuleCatalogue] = None
    ) -> pd.DataFrame:
        """Every looked-after review instance of the reporting year, judged by the rule chain
        lac.review.first (20 working days from the start of the period of care), lac.review.second
        (3 months after the first review), lac.review.subsequent (6 months after the previous one),
        through the timeliness engine as of 31 March.

        Events: each period of care's start (``lac.start``) and end (``lac.end``; see
        :meth:`periods_of_care`) and each review (``lac.review``). Returned: the instances done in
        the year, outstanding at its end (overdue, or open: not yet due) or closed unfinished in it
        (missed, ended), with the engine's columns and ``child``, ``source`` (the rule, edition and
        citation that judged it), ``confidence``, and the table, file and file row of the events that
        started and stopped it. ``attrs["not_judged"]`` lists the rows of the return no instance
        used, with the reason; ``attrs["data_quality"]`` is the engine's report (so
        ``sg.summarise`` works on the result)."""
        rules = catalogue or RuleCatalogue.builtin()
        child, decom, dec, starts_care, short_break = self._episode_columns()
        reviews = self.reviews
        raw = _core.ssda903_review_events(
            rules._impl, child, decom, dec, starts_care, short_break,
            _measures.codes(reviews["CHILD"]), _measures.days(reviews["REVIEW"]),
        )
        return _measures.run(
            raw, {"episodes": self.episodes, "reviews": reviews}, {"episodes": "CHILD", "reviews": "CHILD"},
            "lac.review.first", year, calendar, rules, case_labels=self.episodes["CHILD"].dtype,
        )

    def reviews_by_month(
        self, year: YearLike, calendar: Optional[Calendar] = None, catalogue: Optional[RuleCatalogue] = None
    ) -> pd.DataFrame:
        """The IRO report's table: for each month of the reporting year, the reviews held, those in
        and out of timescale (by :meth:`review_timeliness`), the percentage in timescale, and the
        reviews held but not judged (in a period of care that began before the returns loaded,
        of a child on short breaks only, or not usable: ``attrs["not_judged"]`` of
        :meth:`review_timeliness` says which and why). ``attrs`` name the rules and sources."""
        return _measures.by_month(self.review_timeliness(year, calendar, catalogue), self.reviews["REVIEW"])

    def reviews_in_timescale(
        self, year: YearLike, calendar: Optional[Calendar] = None, catalogue: Optional[RuleCatalogue] = None
    ) -> TimelinessFigure:
        """The year's figure: reviews held in the year in timescale, of those judged; reviews
        overdue at 31 March; reviews missed (the period of care ended after the due date)."""
        return _measures.figure(self.review_timeliness(year, calendar, catalogue), "looked-after reviews", catalogue)

    def missing_episodes(self, year: YearLike) -> pd.DataFrame:
        """Missing (M) and away without authorisation (A) episodes that started in the reporting
        year: ``episodes``, ``children``, ``still_open`` (no MIS_END, or one after 31 March),
        ``median_days`` (MIS_START to MIS_END, of the ended ones). A row per kind, then
        ``all`` (and ``not recorded`` for a blank MISSING).

        The SSDA903 missing table gives each episode's kind, start and end; it does not record
        whether a return home interview was offered, or when: that needs the authority's own
        records (see :meth:`return_home_interviews`), or Annex A's List 8 yes/no columns."""
        period = ReportingYear.of(year)
        missing = self.missing
        started = missing[in_year(missing["MIS_START"], period)]
        kind = started["MISSING"].astype(object).where(started["MISSING"].notna(), "not recorded")
        ended = started["MIS_END"].notna() & (started["MIS_END"] <= pd.Timestamp(period.end))
        length = (started["MIS_END"] - started["MIS_START"]).dt.days
        rows = []
        for label in ["M", "A", *(["not recorded"] if (kind == "not recorded").any() else []), "all"]:
            mask = (kind == label) if label != "all" else pd.Series(True, index=started.index)
            rows.append((
                label, int(mask.sum()), int(started.loc[mask, "CHILD"].nunique()), int((mask & ~ended).sum()),
                float(length[mask & ended].median()) if (mask & ended).any() else float("nan"),
            ))
        out = pd.DataFrame(rows, columns=["MISSING", "episodes", "children", "still_open", "median_days"]).set_index("MISSING")
        return counted(out, "ssda903.missing_episodes", period)

    def return_home_interviews(
        self,
        year: YearLike,
        offered: pd.DataFrame,
        calendar: Optional[Calendar] = None,
        catalogue: Optional[RuleCatalogue] = None,
    ) -> pd.DataFrame:
        """Return home interviews offered within 72 hours of the child's return (rule
        missing.rhi), from the missing table's MIS_END (``missing.returned``) and the authority's
        own record of offers, which the SSDA903 does not hold: ``offered`` is a DataFrame with
        ``CHILD`` and ``date`` (the day the interview was offered). Each return is matched with the
        earliest offer after it (the engine's rule: stops close the oldest open instance).
        Returns the year's instances as :meth:`review_timeliness` does."""
        rules = catalogue or RuleCatalogue.builtin()
        missing = self.missing
        if not {"CHILD", "date"} <= set(offered.columns):
            raise Error(f"offered: expected columns CHILD and date, got {', '.join(map(str, offered.columns))}")
        returned = missing[missing["MIS_END"].notna()]
        labels = missing["CHILD"].dtype
        ids = offered["CHILD"].astype(str).str.strip().str.upper()
        positions = labels.categories.get_indexer(ids)
        if (positions < 0).any():
            raise Error(
                f"offered: {int((positions < 0).sum())} rows name a child with no missing episode in the returns "
                f"(first: row {int(np.flatnonzero(positions < 0)[0])}, {offered['CHILD'].iloc[int(np.flatnonzero(positions < 0)[0])]!r})"
            )
        events = pd.DataFrame({
            "case": pd.Categorical.from_codes(
                np.concatenate([returned["CHILD"].cat.codes.to_numpy(), positions]).astype(np.int32), dtype=labels),
            "event": ["missing.returned"] * len(returned) + ["missing.rhi_offered"] * len(offered),
            "date": np.concatenate([_measures.days(returned["MIS_END"]), _measures.days(pd.to_datetime(offered["date"]))]).view("datetime64[D]"),
        })
        period = ReportingYear.of(year)
        result = timeliness(events, rules="missing.rhi", calendar=calendar, as_of=period.end, catalogue=rules)
        completed = result["completed"]
        keep = ((completed >= pd.Timestamp(period.start)) & (completed <= pd.Timestamp(period.end))) | result["status"].isin(["overdue", "open"])
        out = result[keep.to_numpy()].reset_index(drop=True)
        out["source"], out["confidence"] = _measures.citations(out, rules)
        out.attrs.update(result.attrs)
        out.attrs.update({"rule": "missing.rhi", "year": period, "as_of": period.end})
        return out


def _as_date(value: Any) -> _dt.date:
    return as_date(value, "date")


__all__ = ["PARTICIPATION_CODES", "SHORT_BREAK_STATUSES", "Ssda903", "load"]
