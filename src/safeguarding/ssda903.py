"""The SSDA903 return (children looked after): read one or several years' returns, CSV tables or
XML, and count what the IRO and corporate parenting reports count (see ``docs/returns.md``).

>>> import safeguarding as sg
>>> data = sg.ssda903.load("tests/data/ssda903/small")   # doctest: +SKIP
"""

from __future__ import annotations

import datetime as _dt
import os
from typing import Any, Iterable, Mapping, Union

import numpy as np
import pandas as pd  # type: ignore[import-untyped]  # pandas ships no type information

from . import _core
from ._convert import as_date
from ._returns import Loaded, Proportion, ReportingYear, YearLike, findings_frame, frames, in_year, summary_frame

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


class Ssda903(Loaded):
    """SSDA903 returns as pandas DataFrames, their data-quality findings, and counts.

    Tables (attributes and :attr:`tables`): ``header``, ``episodes``, ``reviews``, ``uasc``,
    ``oc2``, ``oc3``, ``ad1``, ``placed_for_adoption``, ``previous_permanence``, ``missing``,
    ``sw_episodes``. Each has the return's columns (ids and codes categorical, dates
    ``datetime64``, flags and whole numbers nullable), then ``file`` and ``row`` saying where
    each row came from. Rows are sorted by child, then by the table's date.
    """

    __slots__ = ("tables", "findings", "summary", "returns")

    tables: dict[str, pd.DataFrame]
    findings: pd.DataFrame
    summary: pd.DataFrame
    returns: pd.DataFrame

    def __init__(self, raw: dict[str, Any]) -> None:
        self.tables = frames(raw)
        self.findings = findings_frame(raw)
        self.summary = summary_frame(raw["counts"], self.findings)
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
            f"{len(self.episodes)} episodes, {len(self.reviews)} reviews, {len(self.findings)} findings>"
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
        return out

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
        return pd.DataFrame({"episodes": counts.astype("int64")}).rename_axis("REC")

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
        return open_.drop_duplicates("CHILD", keep="last").reset_index(drop=True)

    def looked_after_at_31_march(self, year: YearLike, short_breaks: bool = False) -> int:
        """Children looked after at the end of the reporting year (31 March)."""
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
        return pd.DataFrame(
            {
                "CHILD": per_child.index.astype(object),
                "placements": per_child.to_numpy(dtype="int64"),
                "looked_after_at_31_march": np.array([child in at_end for child in per_child.index], dtype=bool),
            }
        )

    def placement_counts(self, year: YearLike, short_breaks: bool = False) -> pd.DataFrame:
        """How many children had 1, 2, 3, … placements in the year (all children looked after in
        the year), the table seed 003 §3.10.6.1 gives."""
        per_child = self.placements(year, short_breaks)
        counts = per_child["placements"].value_counts().sort_index()
        return pd.DataFrame({"children": counts.astype("int64")}).rename_axis("placements")

    def three_or_more_placements(self, year: YearLike, short_breaks: bool = False) -> Proportion:
        """Children looked after at 31 March who had three or more placements during the year,
        of all children looked after at 31 March (DfE's placement stability measure)."""
        per_child = self.placements(year, short_breaks)
        at_end = per_child[per_child["looked_after_at_31_march"]]
        return Proportion(int((at_end["placements"] >= 3).sum()), len(at_end))


def _as_date(value: Any) -> _dt.date:
    return as_date(value, "date")


__all__ = ["PARTICIPATION_CODES", "SHORT_BREAK_STATUSES", "Ssda903", "load"]
