"""The CIN census (children in need and child protection), XML: read a census file and count
referrals, re-referrals, no-further-action referrals and child protection plans (see
``docs/returns.md``)."""

from __future__ import annotations

import datetime as _dt
import os
from typing import Any, Optional, Union

import numpy as np
import pandas as pd  # type: ignore[import-untyped]  # pandas ships no type information

from . import _core, _measures
from ._calendar import Calendar, add_months
from ._measures import TimelinessFigure
from ._returns import CompiledFindings, Proportion, ReportingYear, YearLike, counted, frames, in_year, summary_frame
from ._rules import RuleCatalogue

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


class CinCensus(CompiledFindings):
    """A CIN census as pandas DataFrames, its data-quality findings, and counts.

    Tables (attributes and :attr:`tables`): ``children`` (one row per child), ``disabilities``,
    ``cin_details`` (one row per CINdetails: a referral and the episode of need that follows),
    ``assessments``, ``assessment_factors``, ``cin_plans``, ``section47``, ``cp_plans``,
    ``cp_reviews`` and ``pre_proceedings``. Rows link by ``LAchildID`` and by the ids the reader
    numbers 1, 2, … in file order: ``cin_details_id``, ``assessment_id``, ``cp_plan_id``. Each
    table ends with ``file`` and ``row`` (the line of the row's element).
    """

    __slots__ = ("tables", "summary", "collection", "year", "reference_date")

    tables: dict[str, pd.DataFrame]
    summary: pd.DataFrame
    collection: str
    year: str
    reference_date: Optional[_dt.date]

    def __init__(self, raw: dict[str, Any]) -> None:
        self.tables = frames(raw)
        self._keep_findings(raw["findings"])
        self.summary = summary_frame(raw["counts"], self._per_table)
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
            f"{self.finding_count} findings>"
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
        return counted(out[in_year(referral, period)].reset_index(drop=True), "cin.referrals", period)

    def re_referrals(self, year: YearLike) -> Proportion:
        """Referrals in the year that came within 12 months of the same child's previous referral,
        of all referrals in the year. Only referrals in the loaded census can count as previous."""
        referrals = self.referrals(year)
        return Proportion(int(referrals["re_referral"].sum()), len(referrals), "cin.re_referrals")

    def nfa_referrals(self, year: YearLike) -> Proportion:
        """Referrals in the year that led to no further action (ReferralNFA true), of all
        referrals in the year."""
        referrals = self.referrals(year)
        return Proportion(int(referrals["nfa"].sum()), len(referrals), "cin.nfa_referrals")

    def plans_lasting_two_years_or_more(self, year: YearLike) -> Proportion:
        """Child protection plans that ended in the year (CPPendDate in it) having lasted two years
        or more (the end on or after the start's date two years later; 29 February + 2 years = 28
        February), of all plans that ended in the year."""
        period = ReportingYear.of(year)
        plans = self.cp_plans[in_year(self.cp_plans["CPPendDate"], period)]
        two_years = add_months(plans["CPPstartDate"], 24)
        return Proportion(int((plans["CPPendDate"] >= two_years).sum()), len(plans), "cin.plans_lasting_two_years_or_more")

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
        return Proportion(int(later.sum()), int(starting.sum()), "cin.second_or_later_plans")

    # Timeliness measures, through the rule catalogue and the timeliness engine ------------------

    def assessment_timeliness(
        self, year: YearLike, calendar: Optional[Calendar] = None, catalogue: Optional[RuleCatalogue] = None
    ) -> pd.DataFrame:
        """Every assessment of the reporting year judged by rule assessment.complete: authorised
        within 45 working days of the referral (the CINreferralDate of the CINdetails it belongs
        to; events ``referral`` and ``assessment.authorised``). The case is the assessment's id, so
        each assessment is judged against its own referral. Returns the year's instances (done in
        it, or outstanding at 31 March) traced to the rule, edition, source and rows, as
        :meth:`safeguarding.ssda903.Ssda903.review_timeliness` does."""
        rules = catalogue or RuleCatalogue.builtin()
        details, assessments = self.cin_details, self.assessments
        raw = _core.cin_assessment_events(
            rules._impl, _measures.integers(details["cin_details_id"]), _measures.days(details["CINreferralDate"]),
            _measures.integers(assessments["cin_details_id"]), _measures.integers(assessments["assessment_id"]),
            _measures.days(assessments["AssessmentAuthorisationDate"]),
        )
        return _measures.run(raw, {"cin_details": details, "assessments": assessments},
                             {"cin_details": "LAchildID", "assessments": "LAchildID"},
                             "assessment.complete", year, calendar, rules)

    def assessments_within_45_working_days(
        self, year: YearLike, calendar: Optional[Calendar] = None, catalogue: Optional[RuleCatalogue] = None
    ) -> TimelinessFigure:
        """Assessments authorised in the year within 45 working days of the referral, of all
        authorised in the year; assessments still not authorised 45 working days after their
        referral at 31 March are ``overdue``."""
        return _measures.figure(self.assessment_timeliness(year, calendar, catalogue), "assessments authorised", catalogue)

    def initial_conference_timeliness(
        self, year: YearLike, calendar: Optional[Calendar] = None, catalogue: Optional[RuleCatalogue] = None
    ) -> pd.DataFrame:
        """Initial child protection conferences judged by rule icpc.held: within 15 working days
        of the strategy discussion that started the section 47 enquiry (S47ActualStartDate; the last
        one when several precede the conference). Events from the section47 table:
        ``strategy_discussion`` and ``icpc`` (its DateOfInitialCPC); the case is the CINdetails, so a
        referral's enquiries are taken together. Enquiries with ICPCnotRequired true are left out
        (``attrs["not_judged"]``). The CINdetails' own DateOfInitialCPC is not used: it has no
        strategy discussion of its own."""
        rules = catalogue or RuleCatalogue.builtin()
        s47 = self.section47
        not_required = s47["ICPCnotRequired"].to_numpy(dtype=np.int8, na_value=-1)
        raw = _core.cin_icpc_events(
            rules._impl, _measures.integers(s47["cin_details_id"]), _measures.days(s47["S47ActualStartDate"]),
            _measures.days(s47["DateOfInitialCPC"]), np.ascontiguousarray(not_required),
        )
        return _measures.run(raw, {"section47": s47}, {"section47": "LAchildID"}, "icpc.held", year, calendar, rules)

    def initial_conferences_within_15_working_days(
        self, year: YearLike, calendar: Optional[Calendar] = None, catalogue: Optional[RuleCatalogue] = None
    ) -> TimelinessFigure:
        """Initial conferences held in the year within 15 working days of the strategy discussion,
        of all held in the year; enquiries whose conference was still not held 15 working days on
        at 31 March are ``overdue``."""
        return _measures.figure(self.initial_conference_timeliness(year, calendar, catalogue), "initial conferences", catalogue)

    def review_conference_timeliness(
        self, year: YearLike, calendar: Optional[Calendar] = None, catalogue: Optional[RuleCatalogue] = None
    ) -> pd.DataFrame:
        """Child protection review conferences judged by the chain rcpc.first (within 3 months of
        the plan's start at the initial conference) and rcpc.subsequent (then within 6 months of
        the previous review). Events: ``cp_plan.start`` (CPPstartDate), ``cp_review`` (each
        CPPreviewDate) and ``cp_plan.end`` (CPPendDate, which closes the chain); the case is the
        plan's id."""
        rules = catalogue or RuleCatalogue.builtin()
        plans, reviews = self.cp_plans, self.cp_reviews
        raw = _core.cin_review_conference_events(
            rules._impl, _measures.integers(plans["cp_plan_id"]), _measures.days(plans["CPPstartDate"]),
            _measures.days(plans["CPPendDate"]), _measures.integers(reviews["cp_plan_id"]),
            _measures.days(reviews["CPPreviewDate"]),
        )
        return _measures.run(raw, {"cp_plans": plans, "cp_reviews": reviews},
                             {"cp_plans": "LAchildID", "cp_reviews": "LAchildID"}, "rcpc.first", year, calendar, rules)

    def review_conferences_in_timescale(
        self, year: YearLike, calendar: Optional[Calendar] = None, catalogue: Optional[RuleCatalogue] = None
    ) -> TimelinessFigure:
        """Review conferences held in the year in timescale (3 months after the plan started,
        then 6 months after the previous review), of all held in the year; reviews overdue at 31
        March; reviews missed (the plan ended after the due date without one)."""
        return _measures.figure(self.review_conference_timeliness(year, calendar, catalogue), "child protection review conferences", catalogue)


__all__ = ["CinCensus", "load"]
