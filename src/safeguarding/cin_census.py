"""The CIN census (children in need and child protection), XML: read a census file and count
referrals, re-referrals, no-further-action referrals and child protection plans (see
``docs/returns.md``)."""

from __future__ import annotations

import datetime as _dt
import os
from typing import Any, Optional, Union

import numpy as np
import pandas as pd  # type: ignore[import-untyped]  # pandas ships no type information

from . import _core
from ._calendar import add_months
from ._returns import Loaded, Proportion, ReportingYear, YearLike, findings_frame, frames, in_year, summary_frame

PathLike = Union[str, "os.PathLike[str]"]

TABLES = (
    "children", "disabilities", "cin_details", "assessments", "assessment_factors", "cin_plans",
    "section47", "cp_plans", "cp_reviews", "pre_proceedings",
)


def load(path: PathLike) -> CinCensus:
    """Reads a CIN census XML file. A file that cannot be parsed (missing, malformed or
    truncated XML) raises :class:`safeguarding.Error` naming the file, line and column; every
    other problem is a finding in :attr:`CinCensus.findings`."""
    return CinCensus(_core.load_cin_census(os.fspath(path)))


class CinCensus(Loaded):
    """A CIN census as pandas DataFrames, its data-quality findings, and counts.

    Tables (attributes and :attr:`tables`): ``children`` (one row per child), ``disabilities``,
    ``cin_details`` (one row per CINdetails: a referral and the episode of need that follows),
    ``assessments``, ``assessment_factors``, ``cin_plans``, ``section47``, ``cp_plans``,
    ``cp_reviews`` and ``pre_proceedings``. Rows link by ``LAchildID`` and by the ids the reader
    numbers 1, 2, … in file order: ``cin_details_id``, ``assessment_id``, ``cp_plan_id``. Each
    table ends with ``file`` and ``row`` (the line of the row's element).
    """

    __slots__ = ("tables", "findings", "summary", "collection", "year", "reference_date")

    tables: dict[str, pd.DataFrame]
    findings: pd.DataFrame
    summary: pd.DataFrame
    collection: str
    year: str
    reference_date: Optional[_dt.date]

    def __init__(self, raw: dict[str, Any]) -> None:
        self.tables = frames(raw)
        self.findings = findings_frame(raw)
        self.summary = summary_frame(raw["counts"], self.findings)
        self.collection = raw["collection"]
        self.year = raw["year"]
        ref = raw["reference_date"]
        self.reference_date = None if ref == np.iinfo(np.int64).min else _dt.date(1970, 1, 1) + _dt.timedelta(days=int(ref))

    @property
    def children(self) -> pd.DataFrame:
        return self.table("children")

    @property
    def cin_details(self) -> pd.DataFrame:
        return self.table("cin_details")

    @property
    def assessments(self) -> pd.DataFrame:
        return self.table("assessments")

    @property
    def section47(self) -> pd.DataFrame:
        return self.table("section47")

    @property
    def cp_plans(self) -> pd.DataFrame:
        return self.table("cp_plans")

    @property
    def cp_reviews(self) -> pd.DataFrame:
        return self.table("cp_reviews")

    def __repr__(self) -> str:
        return (
            f"<CinCensus {self.collection} {self.year}: {len(self.children)} children, "
            f"{len(self.cin_details)} referrals, {len(self.cp_plans)} child protection plans, "
            f"{len(self.findings)} findings>"
        )

    # Counting measures -----------------------------------------------------------------------

    def referrals(self, year: YearLike) -> pd.DataFrame:
        """The referrals (CINdetails) whose CINreferralDate is in the reporting year, with two
        added columns: ``re_referral``, true when the same child had an earlier referral within
        the 12 months before (on or after the date 12 months earlier, months clamped to the month's
        end), and ``nfa``, the ReferralNFA flag (no further action; a blank flag counts as false)."""
        period = ReportingYear.of(year)
        details = self.cin_details
        referral = details["CINreferralDate"]
        child = details["LAchildID"].astype(object)
        # The latest earlier referral of the same child: rows are in file order, so sort by date.
        # Referrals of one child on one day share the referral before that day.
        order = np.lexsort((referral.to_numpy(), child.to_numpy()))
        sorted_child = child.to_numpy()[order]
        sorted_date = referral.to_numpy()[order]
        previous = np.full(len(order), np.datetime64("NaT"), dtype=sorted_date.dtype)
        if len(order) > 1:
            same_child = sorted_child[1:] == sorted_child[:-1]
            repeat = np.concatenate(([False], same_child & (sorted_date[1:] == sorted_date[:-1])))
            # Each row's position of the first referral of its child and day, less one.
            before = np.maximum.accumulate(np.where(repeat, 0, np.arange(len(order)))) - 1
            has_before = before >= 0
            has_before[has_before] &= sorted_child[before[has_before]] == sorted_child[has_before]
            previous[has_before] = sorted_date[before[has_before]]
        earlier = np.empty(len(order), dtype=sorted_date.dtype)
        earlier[order] = previous
        window_start = add_months(referral, -12)
        re_referral = pd.Series(earlier, index=details.index).ge(window_start) & pd.Series(earlier, index=details.index).lt(referral)
        out = details.assign(re_referral=re_referral.fillna(False).astype(bool), nfa=details["ReferralNFA"].fillna(False).astype(bool))
        return out[in_year(referral, period)].reset_index(drop=True)

    def re_referrals(self, year: YearLike) -> Proportion:
        """Referrals in the year that came within 12 months of the same child's previous referral,
        of all referrals in the year. Only referrals in the loaded census can count as previous."""
        referrals = self.referrals(year)
        return Proportion(int(referrals["re_referral"].sum()), len(referrals))

    def nfa_referrals(self, year: YearLike) -> Proportion:
        """Referrals in the year that led to no further action (ReferralNFA true), of all
        referrals in the year."""
        referrals = self.referrals(year)
        return Proportion(int(referrals["nfa"].sum()), len(referrals))

    def plans_lasting_two_years_or_more(self, year: YearLike) -> Proportion:
        """Child protection plans that ended in the year (CPPendDate in it) having lasted two years
        or more (the end on or after the start's date two years later; 29 February + 2 years = 28
        February), of all plans that ended in the year."""
        period = ReportingYear.of(year)
        plans = self.cp_plans[in_year(self.cp_plans["CPPendDate"], period)]
        two_years = add_months(plans["CPPstartDate"], 24)
        return Proportion(int((plans["CPPendDate"] >= two_years).sum()), len(plans))

    def second_or_later_plans(self, year: YearLike) -> Proportion:
        """Child protection plans that started in the year for a child who had been the subject of
        a plan before: NumberOfPreviousCPP of 1 or more, or an earlier CPPstartDate for the same
        child in the census. Of all plans that started in the year."""
        period = ReportingYear.of(year)
        plans = self.cp_plans
        first_start = plans.groupby(plans["LAchildID"].astype(object))["CPPstartDate"].transform("min")
        earlier_in_census = plans["CPPstartDate"] > first_start
        previous = plans["NumberOfPreviousCPP"].fillna(0) >= 1
        starting = in_year(plans["CPPstartDate"], period)
        later = (previous | earlier_in_census)[starting]
        return Proportion(int(later.sum()), int(starting.sum()))


__all__ = ["CinCensus", "load"]
