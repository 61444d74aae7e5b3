"""The CIN census (children in need and child protection), XML: read a census file and count
referrals, re-referrals, no-further-action referrals and child protection plans (see
``docs/returns.md``). The census is read, and every measure is formed, by the compiled core
(safeguarding/returns/cin_census/); this module converts arguments and presents results."""

from __future__ import annotations

import datetime as _dt
import os
from typing import Callable, Union

import numpy as np
import pandas as pd  # type: ignore[import-untyped]  # pandas ships no type information

from . import _core
from ._calendar import Calendar
from ._convert import path_text
from ._measures import TimelinessFigure, TimelinessMeasure, defaults
from ._returns import CompiledReturn, MeasureTable, Proportion, ReportingYear, YearLike
from ._rules import RuleCatalogue

PathLike = Union[str, "os.PathLike[str]"]

#: The census's tables, one per repeated element (the core's table list).
TABLES: tuple[str, ...] = tuple(_core.returns.cin_census_tables)


def load(path: PathLike, dayfirst: bool = True) -> CinCensus:
    """Reads a CIN census XML file. A file that cannot be parsed (missing, malformed or
    truncated XML) raises :class:`safeguarding.Error` naming the file, line and column; every
    other problem is a finding in :attr:`CinCensus.findings`. Dates written with slashes are day
    first unless ``dayfirst=False``, checked per column as :func:`safeguarding.ssda903.load` does.
    Records given twice (the same child's referral, assessment, plan or review with the same date)
    are merged into the first, with a finding."""
    return CinCensus(_core.returns.CinCensus.load(path_text(path), bool(dayfirst)))


class CinCensus(CompiledReturn):
    """A CIN census as pandas DataFrames, its data-quality findings, and counts.

    Tables (attributes and :attr:`tables`): ``children`` (one row per child), ``disabilities``,
    ``cin_details`` (one row per CINdetails: a referral and the episode of need that follows),
    ``assessments``, ``assessment_factors``, ``cin_plans``, ``section47``, ``cp_plans``,
    ``cp_reviews`` and ``pre_proceedings``. Rows link by ``LAchildID`` and by the ids the reader
    numbers 1, 2, … in file order: ``cin_details_id``, ``assessment_id``, ``cp_plan_id``. Each
    table ends with ``file`` and ``row`` (the line of the row's element).
    """

    __slots__ = ("collection", "year", "reference_date")

    collection: str
    year: str
    reference_date: _dt.date | None

    def __init__(self, impl: _core.returns.CinCensus) -> None:
        self._keep(impl)
        self.collection = impl.collection
        self.year = impl.year
        self.reference_date = impl.reference_date

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

    def _ids(self) -> pd.CategoricalDtype:
        return self.cin_details["LAchildID"].dtype

    # Counting measures -----------------------------------------------------------------------

    def referrals(self, year: YearLike) -> MeasureTable:
        """The referrals (CINdetails) whose CINreferralDate is in the reporting year, with two
        added columns: ``re_referral``, true when the same child had an earlier referral within
        the 12 months before (on or after the date 12 months earlier, months clamped to the month's
        end: the library's one definition, ``previous_referrals``), and ``nfa``, the ReferralNFA
        flag (no further action; a blank flag counts as false)."""
        period = ReportingYear.of(year)
        rows, re_referral, nfa = self._impl.referrals(period._impl)
        table = self.cin_details.iloc[np.asarray(rows, dtype=np.int64)].reset_index(drop=True)
        table = table.assign(re_referral=np.asarray(re_referral, dtype=bool), nfa=np.asarray(nfa, dtype=bool))
        return MeasureTable(table, "cin.referrals", year=period)

    def re_referrals(self, year: YearLike) -> Proportion:
        """Referrals in the year that came within 12 months of the same child's previous referral,
        of all referrals in the year. Only referrals in the loaded census can count as previous."""
        return Proportion._wrap(self._impl.re_referrals(ReportingYear.of(year)._impl))

    def nfa_referrals(self, year: YearLike) -> Proportion:
        """Referrals in the year that led to no further action (ReferralNFA true), of all
        referrals in the year."""
        return Proportion._wrap(self._impl.nfa_referrals(ReportingYear.of(year)._impl))

    def plans_lasting_two_years_or_more(self, year: YearLike) -> Proportion:
        """Child protection plans that ended in the year (CPPendDate in it) having lasted two years
        or more (the end on or after the start's date two years later; 29 February + 2 years = 28
        February), of all plans that ended in the year."""
        return Proportion._wrap(self._impl.plans_lasting_two_years_or_more(ReportingYear.of(year)._impl))

    def second_or_later_plans(self, year: YearLike) -> Proportion:
        """Child protection plans that started in the year for a child who had been the subject of
        a plan before: NumberOfPreviousCPP of 1 or more, or an earlier CPPstartDate for the same
        child in the census. Of all plans that started in the year."""
        return Proportion._wrap(self._impl.second_or_later_plans(ReportingYear.of(year)._impl))

    # Timeliness measures, through the rule catalogue and the timeliness engine ------------------

    def _timeliness(self, measure: Callable[..., _core.returns.TimelinessMeasure], year: YearLike,
                    calendar: Calendar | None, catalogue: RuleCatalogue | None) -> TimelinessMeasure:
        cal, rules = defaults(calendar, catalogue)
        return TimelinessMeasure(measure(ReportingYear.of(year)._impl, rules._impl, cal._impl), self._ids, rules, cal)

    def assessment_timeliness(
        self, year: YearLike, calendar: Calendar | None = None, catalogue: RuleCatalogue | None = None
    ) -> TimelinessMeasure:
        """Every assessment of the reporting year judged by rule assessment.complete: authorised
        within 45 working days of the referral (the CINreferralDate of the CINdetails it belongs
        to; events ``referral`` and ``assessment.authorised``). The case is the assessment's id, so
        each assessment is judged against its own referral. The result holds the year's instances
        (done in it, or outstanding at 31 March) traced to the rule, edition, source and rows, as
        :meth:`safeguarding.ssda903.Ssda903.review_timeliness`'s does."""
        return self._timeliness(self._impl.assessment_timeliness, year, calendar, catalogue)

    def assessments_within_45_working_days(
        self, year: YearLike, calendar: Calendar | None = None, catalogue: RuleCatalogue | None = None
    ) -> TimelinessFigure:
        """Assessments authorised in the year within 45 working days of the referral, of all
        authorised in the year; assessments still not authorised 45 working days after their
        referral at 31 March are ``overdue``."""
        return self.assessment_timeliness(year, calendar, catalogue).figure

    def initial_conference_timeliness(
        self, year: YearLike, calendar: Calendar | None = None, catalogue: RuleCatalogue | None = None
    ) -> TimelinessMeasure:
        """Initial child protection conferences judged by rule icpc.held: within 15 working days
        of the strategy discussion that started the section 47 enquiry (S47ActualStartDate; the last
        one when several precede the conference). Events from the section47 table:
        ``strategy_discussion`` and ``icpc`` (its DateOfInitialCPC); the case is the CINdetails, so a
        referral's enquiries are taken together. Enquiries with ICPCnotRequired true are left out
        (``not_judged``). The CINdetails' own DateOfInitialCPC is not used: it has no strategy
        discussion of its own."""
        return self._timeliness(self._impl.initial_conference_timeliness, year, calendar, catalogue)

    def initial_conferences_within_15_working_days(
        self, year: YearLike, calendar: Calendar | None = None, catalogue: RuleCatalogue | None = None
    ) -> TimelinessFigure:
        """Initial conferences held in the year within 15 working days of the strategy discussion,
        of all held in the year; enquiries whose conference was still not held 15 working days on
        at 31 March are ``overdue``."""
        return self.initial_conference_timeliness(year, calendar, catalogue).figure

    def review_conference_timeliness(
        self, year: YearLike, calendar: Calendar | None = None, catalogue: RuleCatalogue | None = None
    ) -> TimelinessMeasure:
        """Child protection review conferences judged by the chain rcpc.first (within 3 months of
        the plan's start at the initial conference) and rcpc.subsequent (then within 6 months of
        the previous review). Events: ``cp_plan.start`` (CPPstartDate), ``cp_review`` (each
        CPPreviewDate) and ``cp_plan.end`` (CPPendDate, which closes the chain); the case is the
        plan's id."""
        return self._timeliness(self._impl.review_conference_timeliness, year, calendar, catalogue)

    def review_conferences_in_timescale(
        self, year: YearLike, calendar: Calendar | None = None, catalogue: RuleCatalogue | None = None
    ) -> TimelinessFigure:
        """Review conferences held in the year in timescale (3 months after the plan started,
        then 6 months after the previous review), of all held in the year; reviews overdue at 31
        March; reviews missed (the plan ended after the due date without one)."""
        return self.review_conference_timeliness(year, calendar, catalogue).figure


__all__ = ["CinCensus", "TimelinessMeasure", "load"]
