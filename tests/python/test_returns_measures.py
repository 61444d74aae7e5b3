"""The returns' timeliness measures, through the rule catalogue and the timeliness engine: small
hand-made returns whose figures are worked out in the comments (England and Wales calendar), and
the fixture files cross-checked against an independent plain-pandas computation."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import safeguarding as sg
from conftest import CIN_CENSUS_XML, ROOT, SSDA903_XML

sys.path.insert(0, str(ROOT / "benchmarks"))
import pandas_returns  # noqa: E402  (the independent implementation)

EPISODE_HEAD = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"


def episode(child: str, decom: str, rne: str, ls: str = "C2", dec: str = "", rec: str = "") -> str:
    return f"{child},{decom},{rne},{ls},N1,U1,PR1,{dec},{rec},,,,\n"


@pytest.fixture()
def looked_after(tmp_path: Path) -> sg.ssda903.Ssda903:
    """A synthetic return for 2018-19."""
    folder = tmp_path / "903"
    folder.mkdir()
    (folder / "episodes.csv").write_text(
        EPISODE_HEAD
        # A: period 1 from Monday 2 April 2018 (Easter Monday: day 0 all the same) to 31 August; the
        # episode of 1 June starts the day the first ended, so it continues the period. Period 2
        # from Saturday 1 September: a day after 31 August, so a new period.
        + episode("A", "02/04/2018", "S", dec="01/06/2018", rec="X1")
        + episode("A", "01/06/2018", "P", dec="31/08/2018", rec="E4A")
        + episode("A", "01/09/2018", "S")
        # B: care began before these returns (its first episode's RNE is P, not S).
        + episode("B", "01/01/2018", "P")
        # C: short breaks only.
        + episode("C", "01/05/2018", "S", ls="V3", dec="02/05/2018", rec="E8")
        # D: looked after from Monday 1 October 2018.
        + episode("D", "01/10/2018", "S")
        # E: looked after from Thursday 1 March 2018.
        + episode("E", "01/03/2018", "S"),
        encoding="utf-8",
    )
    (folder / "reviews.csv").write_text(
        "CHILD,DOB,REVIEW,REVIEW_CODE\n"
        # A's first: due 20 working days after 2 April: 3-6, 9-13, 16-20, 23-27 April (19), 30 April
        # (20). Held 27 April: met.
        "A,01/01/2010,27/04/2018,PN1\n"
        # A's second: due 3 months after 27 April = 27 July. Held 10 August: late by 10 working
        # days (30 July-3 August, 6-10 August).
        "A,01/01/2010,10/08/2018,PN1\n"
        # (A's next, due 10 February 2019, is not needed: period 1 ended on 31 August: "ended".)
        # Period 2's first: due 20 working days after Saturday 1 September = Friday 28 September:
        # met. Its second, due 28 December, is not held by 31 March: overdue.
        "A,01/01/2010,28/09/2018,PN1\n"
        "B,01/01/2010,15/05/2018,PN1\n"  # not judged: care began before the returns
        "C,01/01/2010,01/06/2018,PN1\n"  # not judged: short breaks only
        # D: a review before its period began (not judged: the engine reports it); the first due
        # 20 working days after Monday 1 October = 29 October (2-5, 8-12, 15-19, 22-26, 29), not
        # held: overdue.
        "D,01/01/2010,01/09/2018,PN1\n"
        # E: first due 20 working days after Thursday 1 March = Thursday 29 March (2, 5-9, 12-16,
        # 19-23, 26-29 March; Good Friday is the 30th), held that day, in 2017-18. Second due 29
        # June: held that day, met. Third due 29 December (a Saturday): held Wednesday 2 January,
        # late by 2 working days (31 December; 1 January is a bank holiday; 2 January). The next,
        # due 2 July 2019, is open at 31 March. A review of 5 April 2019 is after the year.
        "E,01/01/2010,29/03/2018,PN1\n"
        "E,01/01/2010,29/06/2018,PN1\n"
        "E,01/01/2010,02/01/2019,PN1\n"
        "E,01/01/2010,05/04/2019,PN1\n",
        encoding="utf-8",
    )
    return sg.ssda903.load(folder)


def test_periods_of_care(looked_after: sg.ssda903.Ssda903):
    periods = looked_after.periods_of_care()
    table = periods.assign(
        CHILD=periods["CHILD"].astype(str),
        start=periods["start"].dt.strftime("%Y-%m-%d"),
        end=periods["end"].dt.strftime("%Y-%m-%d").fillna("NaT"),
    )[["CHILD", "start", "end", "episodes", "start_known"]]
    assert table.astype(str).values.tolist() == [
        ["A", "2018-04-02", "2018-08-31", "2", "True"],
        ["A", "2018-09-01", "NaT", "1", "True"],
        ["B", "2018-01-01", "NaT", "1", "False"],
        ["D", "2018-10-01", "NaT", "1", "True"],
        ["E", "2018-03-01", "NaT", "1", "True"],
    ]
    assert periods["row"].tolist() == [2, 4, 5, 7, 8]  # the episode starting each period


def test_review_instances_of_the_year(looked_after: sg.ssda903.Ssda903):
    measured = looked_after.review_timeliness(2019)
    result = measured.instances
    rows = result.assign(child=result["child"].astype(str), rule=result["rule"].astype(str), status=result["status"].astype(str))
    got = sorted(
        (r.child, r.rule, r.status, str(r.due.date()), "" if pd.isna(r.completed) else str(r.completed.date()))
        for r in rows.itertuples()
    )
    # Worked out in the fixture's comments; E's first review (29 March 2018) is in 2017-18.
    assert got == [
        ("A", "lac.review.first", "met", "2018-04-30", "2018-04-27"),
        ("A", "lac.review.first", "met", "2018-09-28", "2018-09-28"),
        ("A", "lac.review.second", "late", "2018-07-27", "2018-08-10"),
        ("A", "lac.review.second", "overdue", "2018-12-28", ""),
        ("A", "lac.review.subsequent", "ended", "2019-02-10", ""),
        ("D", "lac.review.first", "overdue", "2018-10-29", ""),
        ("E", "lac.review.second", "met", "2018-06-29", "2018-06-29"),
        ("E", "lac.review.subsequent", "late", "2018-12-29", "2019-01-02"),
        ("E", "lac.review.subsequent", "open", "2019-07-02", ""),
    ]
    late = result[result["status"] == "late"].set_index(result["child"].astype(str)[result["status"] == "late"])
    assert late["late_working_days"].to_dict() == {"A": 10.0, "E": 2.0}
    # Traced: the rule's edition and source, and the rows behind each instance.
    first = result[(result["child"] == "A") & (result["rule"] == "lac.review.first")].iloc[0]
    assert "SI 2010/959), reg 33(1)" in first["source"] and first["confidence"] == "confirmed"
    assert (first["start_table"], first["start_file_row"]) == ("episodes", 2)
    assert (first["stop_table"], first["stop_file_row"]) == ("reviews", 2)
    assert first["stop_file"].endswith("reviews.csv")
    # The reviews no instance used, with the reason.
    not_judged = measured.not_judged
    assert sorted(zip(not_judged["child"].astype(str), not_judged["row"], not_judged["reason"])) == [
        ("B", 5, "care_began_earlier"), ("C", 6, "short_break"), ("D", 7, "problem"), ("E", 11, "after_as_of"),
    ]
    # The engine's data quality comes along, so sg.summarise works on the result.
    assert int(sg.summarise(measured.timeliness)["instances"].sum()) == len(result)
    # The result names its year, its as-of date and every edition of the chain's rules.
    assert (measured.year, measured.as_of, measured.rule) == (sg.ReportingYear.of(2019), dt.date(2019, 3, 31), "lac.review.first")
    assert [c.rule for c in measured.citations][:1] == ["lac.review.first"] and len(measured) == len(result)
    assert "3 of 5 in timescale" in repr(measured)


def test_reviews_by_month_as_the_iro_report_tabulates_them(looked_after: sg.ssda903.Ssda903):
    monthly = looked_after.reviews_by_month("2018-19")
    table = monthly.to_frame()
    assert [str(m) for m in table.index] == [f"2018-{m:02d}" for m in range(4, 13)] + ["2019-01", "2019-02", "2019-03"]
    # April: A's first (in). May: B's (not judged). June: C's (not judged) and E's second (in).
    # August: A's second (out). September: A's period-2 first (in) and D's early one (not judged).
    # January: E's third (out).
    nonzero = table[table["held"] > 0]
    rows = nonzero[["held", "in_timescale", "out_of_timescale", "not_judged"]].values.tolist()
    assert {str(m): row for m, row in zip(nonzero.index, rows)} == {
        "2018-04": [1, 1, 0, 0],
        "2018-05": [1, 0, 0, 1],
        "2018-06": [2, 1, 0, 1],
        "2018-08": [1, 0, 1, 0],
        "2018-09": [2, 1, 0, 1],
        "2019-01": [1, 0, 1, 0],
    }
    assert table.loc[pd.Period("2018-06", "M"), "percent_in_timescale"] == 100.0
    assert np.isnan(table.loc[pd.Period("2018-05", "M"), "percent_in_timescale"])
    assert monthly.rule == "lac.review.first" and monthly.year == sg.ReportingYear.of(2019)
    assert "reg 33(2)" in monthly.source
    assert (table["held"] == table["in_timescale"] + table["out_of_timescale"] + table["not_judged"]).all()


def test_reviews_in_timescale_for_the_year(looked_after: sg.ssda903.Ssda903):
    figure = looked_after.reviews_in_timescale(2019)
    # Held and judged: A 27/04 (in), A 10/08 (out), A 28/09 (in), E 29/06 (in), E 02/01 (out).
    # Overdue at 31 March: A's period-2 second (due 28 December) and D's first (due 29 October).
    assert (figure.in_timescale, figure.out_of_timescale, figure.done, figure.overdue, figure.missed) == (3, 2, 5, 2, 0)
    # Held in the year but judged by no instance: B's of May (care began earlier), C's of June (a
    # short break) and D's of September (before its period began).
    assert figure.not_judged == 3
    assert figure.share == pytest.approx(0.6)
    assert str(figure) == (
        "looked-after reviews in 2018-19: 3 of 5 in timescale (60.0%); 3 done in the year not judged;"
        " 2 overdue at 31 March 2019, 0 missed"
        " [rules lac.review.first, lac.review.second, lac.review.subsequent]"
    )
    assert figure.rules == ("lac.review.first", "lac.review.second", "lac.review.subsequent")
    assert "Care Planning, Placement and Case Review (England) Regulations 2010" in figure.source


def test_a_local_catalogue_and_calendar_are_used(looked_after: sg.ssda903.Ssda903):
    # A council closed on 24-31 December 2018: E's third review, due 29 December, is now 1 working
    # day late (only 2 January counts), and A's period-2 second review is still overdue.
    cal = sg.Calendar.england_and_wales().with_holidays(
        [(f"2018-12-{d}", "Council closure") for d in (24, 27, 28, 31)], name="Council closure")
    result = looked_after.review_timeliness(2019, calendar=cal).instances
    late = result[(result["child"] == "E") & (result["status"] == "late")]
    assert late["late_working_days"].tolist() == [1.0]
    # A local rule file replacing the second review's 3 months with 2: A's second (due 27 June)
    # is later still; E's second (held 29 June, due 29 May) becomes late.
    local = sg.RuleCatalogue.builtin().extended({"rules": [{
        "id": "lac.review.second", "title": "Second looked-after review (local)", "family": "looked-after children",
        "after": "lac.review.first", "stop": ["lac.review"],
        "editions": [{"name": "Local 2018", "from": "2011-04-01", "timescale": "2 months", "source": "a local policy",
                      "confidence": "confirmed"}]}]})
    figure = looked_after.reviews_in_timescale(2019, catalogue=local)
    assert (figure.in_timescale, figure.done) == (2, 5)
    assert "a local policy" in figure.source


def test_missing_episodes(tmp_path: Path):
    folder = tmp_path / "903m"
    folder.mkdir()
    (folder / "missing.csv").write_text(
        "CHILD,DOB,MISSING,MIS_START,MIS_END\n"
        "A,01/01/2005,M,01/05/2018,03/05/2018\n"  # 2 days
        "A,01/01/2005,M,10/06/2018,20/06/2018\n"  # 10 days
        "B,01/01/2005,A,01/07/2018,02/07/2018\n"  # 1 day
        "B,01/01/2005,M,30/03/2019,\n"  # still missing at 31 March
        "C,01/01/2005,M,01/02/2018,05/02/2018\n",  # before the year
    )
    data = sg.ssda903.load(folder)
    table = data.missing_episodes(2019).to_frame()
    # M: A twice and B once (children A, B); the median of A's 2 and 10 days is 6; B's is open.
    assert table.loc["M"].tolist() == [3, 2, 1, 6.0]
    assert table.loc["A"].tolist() == [1, 1, 0, 1.0]
    assert table.loc["all"].tolist() == [4, 2, 1, 2.0]  # durations 2, 10, 1: median 2

    # Return home interviews from the authority's own records: A's returns on Thursday 3 May and
    # Wednesday 20 June, B's on Monday 2 July. Offers on 6 May (3 days: the third day after the
    # return, met) and 25 June (5 days: late); none for B (due 5 July: overdue at 31 March), nor
    # for C's return of 5 February 2018 (before the year, still overdue at its end).
    offered = pd.DataFrame({"CHILD": ["A", "a "], "date": ["2018-05-06", "2018-06-25"]})
    measured = data.return_home_interviews(2019, offered)
    rhi = measured.instances
    assert sorted(zip(rhi["case"].astype(str), rhi["status"].astype(str), rhi["due"].dt.date.astype(str))) == [
        ("A", "late", "2018-06-23"), ("A", "met", "2018-05-06"), ("B", "overdue", "2018-07-05"),
        ("C", "overdue", "2018-02-08"),
    ]
    assert measured.rule == "missing.rhi.offered"
    with pytest.raises(sg.Error, match="no missing episode"):
        data.return_home_interviews(2019, pd.DataFrame({"CHILD": ["Z"], "date": ["2018-05-06"]}))


CIN = """<Message><Header><CollectionDetails><Collection>CIN</Collection><Year>2019</Year>
<ReferenceDate>2019-03-31</ReferenceDate></CollectionDetails></Header><Children>
<Child><ChildIdentifiers><LAchildID>K1</LAchildID></ChildIdentifiers>
<CINdetails><CINreferralDate>2018-09-03</CINreferralDate>
<Assessments><AssessmentActualStartDate>2018-09-04</AssessmentActualStartDate><AssessmentAuthorisationDate>2018-11-05</AssessmentAuthorisationDate></Assessments>
<Assessments><AssessmentActualStartDate>2018-11-06</AssessmentActualStartDate><AssessmentAuthorisationDate>2018-11-06</AssessmentAuthorisationDate></Assessments>
<Section47><S47ActualStartDate>2018-09-10</S47ActualStartDate><ICPCnotRequired>true</ICPCnotRequired></Section47>
<Section47><S47ActualStartDate>2018-09-17</S47ActualStartDate><DateOfInitialCPC>2018-10-08</DateOfInitialCPC></Section47>
<ChildProtectionPlans><CPPstartDate>2018-10-08</CPPstartDate><CPPendDate>2019-06-01</CPPendDate>
<Reviews><CPPreviewDate>2019-01-08</CPPreviewDate><CPPreviewDate>2019-07-10</CPPreviewDate></Reviews></ChildProtectionPlans>
</CINdetails></Child>
<Child><ChildIdentifiers><LAchildID>K2</LAchildID></ChildIdentifiers>
<CINdetails><CINreferralDate>2019-02-01</CINreferralDate>
<Assessments><AssessmentActualStartDate>2019-02-04</AssessmentActualStartDate></Assessments></CINdetails></Child>
<Child><ChildIdentifiers><LAchildID>K3</LAchildID></ChildIdentifiers>
<CINdetails><CINreferralDate>2018-10-01</CINreferralDate>
<Assessments><AssessmentActualStartDate>2018-10-02</AssessmentActualStartDate></Assessments>
<Section47><S47ActualStartDate>2018-09-24</S47ActualStartDate></Section47>
<Section47><S47ActualStartDate>2018-10-01</S47ActualStartDate><DateOfInitialCPC>2018-10-30</DateOfInitialCPC></Section47>
<ChildProtectionPlans><CPPstartDate>2018-10-30</CPPstartDate><CPPendDate>2019-03-01</CPPendDate>
<Reviews><CPPreviewDate>2019-02-05</CPPreviewDate></Reviews></ChildProtectionPlans>
</CINdetails></Child>
<Child><ChildIdentifiers><LAchildID>K4</LAchildID></ChildIdentifiers>
<CINdetails><CINreferralDate>2018-05-01</CINreferralDate>
<ChildProtectionPlans><CPPstartDate>2018-06-01</CPPstartDate><CPPendDate>2018-12-01</CPPendDate></ChildProtectionPlans>
</CINdetails></Child>
</Children></Message>
"""


@pytest.fixture()
def census(tmp_path: Path) -> sg.cin_census.CinCensus:
    path = tmp_path / "cin.xml"
    path.write_text(CIN, encoding="utf-8")
    return sg.cin_census.load(path)


def test_assessments_within_45_working_days(census: sg.cin_census.CinCensus):
    # K1's referral on Monday 3 September 2018: 45 working days run to Monday 5 November (4-28
    # September: 19; October: 23, so 42; 1, 2 and 5 November). Its first assessment, authorised on
    # 5 November, is in time; its second, on 6 November, a working day late.
    # K2's referral on Friday 1 February 2019: due Friday 5 April, after the year: open.
    # K3's referral on Monday 1 October 2018: due Monday 3 December (October 2-31: 22; November:
    # 22, so 44; 3 December), not authorised by 31 March: overdue.
    figure = census.assessments_within_45_working_days(2019)
    assert (figure.in_timescale, figure.out_of_timescale, figure.overdue) == (1, 1, 1)
    assert str(figure).startswith("assessments authorised in 2018-19: 1 of 2 in timescale (50.0%); 1 overdue")
    result = census.assessment_timeliness(2019).instances
    assert sorted(zip(result["child"].astype(str), result["status"].astype(str), result["due"].dt.date.astype(str))) == [
        ("K1", "late", "2018-11-05"), ("K1", "met", "2018-11-05"), ("K2", "open", "2019-04-05"), ("K3", "overdue", "2018-12-03"),
    ]
    assert set(result["start_table"]) == {"cin_details"} and set(result["stop_table"].dropna()) == {"assessments"}
    assert "Working Together" in figure.source and figure.rule == "assessment.complete"


def test_a_figure_leaves_the_tables_in_the_core(census: sg.cin_census.CinCensus, looked_after: sg.ssda903.Ssda903):
    # A figure and the monthly table are formed in C++: the return's tables are not made into
    # DataFrames for them (the measures of a national collection would pay for it), only when the
    # instances, which name the children by the tables' id categories, are asked for.
    figure = census.assessments_within_45_working_days(2019)
    assert (figure.in_timescale, figure.done) == (1, 2)
    looked_after.reviews_by_month(2019)
    assert census._tables is None and looked_after._tables is None
    measure = census.assessment_timeliness(2019)
    assert census._tables is None
    assert measure.instances["child"].dtype == census.cin_details["LAchildID"].dtype
    assert sorted(measure.instances["child"].astype(str)) == ["K1", "K1", "K2", "K3"]


def test_initial_conferences_within_15_working_days(census: sg.cin_census.CinCensus):
    # K1: the enquiry of 10 September needed no conference (left out); the conference of Monday 8
    # October is 15 working days after the strategy discussion of Monday 17 September (18-21: 4,
    # 24-28: 9, 1-5 October: 14, 8 October: 15): met.
    # K3: two enquiries; the clock runs from the strategy discussion that initiated the section 47
    # enquiries (Working Together: Monday 24 September; the later one of 1 October is not needed):
    # due Monday 15 October (25-28 September: 4, 1-5 October: 9, 8-12: 14, 15: 15); held Tuesday
    # 30 October: 11 working days late (16-19, 22-26, 29, 30). (Counted from the last discussion,
    # a local choice, it would be due 22 October and 6 working days late.)
    measured = census.initial_conference_timeliness(2019)
    result = measured.instances
    assert sorted(zip(result["child"].astype(str), result["status"].astype(str), result["late_working_days"])) == [
        ("K1", "met", 0.0), ("K3", "late", 11.0),
    ]
    assert str(result.loc[result["child"] == "K3", "start"].iloc[0].date()) == "2018-09-24"
    not_judged = measured.not_judged
    assert sorted(zip(not_judged["child"].astype(str), not_judged["reason"])) == [("K1", "not_required"), ("K3", "not_needed")]
    figure = census.initial_conferences_within_15_working_days(2019)
    assert (figure.in_timescale, figure.done) == (1, 2)


def test_review_conferences_in_timescale(census: sg.cin_census.CinCensus):
    # K1's plan from 8 October 2018: first review due 8 January 2019, held that day (met); the next
    # due 8 July 2019 (open; the July review and the June end are after the year).
    # K3's plan from 30 October 2018: first review due 30 January 2019, held 5 February (late); the
    # plan ended on 1 March, before the next was due (5 August): ended.
    # K4's plan from 1 June 2018: first review due 1 September; the plan ended on 1 December with
    # none: missed.
    result = census.review_conference_timeliness(2019).instances
    assert sorted(zip(result["child"].astype(str), result["rule"].astype(str), result["status"].astype(str))) == [
        ("K1", "rcpc.first", "met"), ("K1", "rcpc.subsequent", "open"),
        ("K3", "rcpc.first", "late"), ("K3", "rcpc.subsequent", "ended"), ("K4", "rcpc.first", "missed"),
    ]
    figure = census.review_conferences_in_timescale(2019)
    assert (figure.in_timescale, figure.out_of_timescale, figure.overdue, figure.missed) == (1, 1, 0, 1)


# ---- cross-checks on the fixture files against an independent plain-pandas computation -----------


def _holiday_days() -> np.ndarray:
    return np.array([h.date for h in sg.Calendar.england_and_wales().holidays()], dtype="datetime64[D]")


def _holidays() -> np.busdaycalendar:
    return np.busdaycalendar(weekmask="1111100", holidays=_holiday_days())


@pytest.mark.parametrize("year", [2016, 2017])
def test_fixture_reviews_by_month_of_a_year_the_return_does_not_cover_is_an_error(year: int, ssda903_folder: Path):
    # The sample return is 2018's (1 April 2017 to 31 March 2018): its reviews of earlier years are
    # the history of periods of care still open then, not those years' reviews. No monthly table
    # (its zeros would read as years with no review held), and the figure says why.
    data = sg.ssda903.load(sorted(ssda903_folder.glob("*.csv")))
    label = f"{year - 1}-{year % 100:02d}"
    with pytest.raises(sg.Error, match=rf"looked-after reviews by month, {label}: not computable: {label} is outside "
                                       r"the years the data covers \(2017-18"):
        data.reviews_by_month(year)
    assert not data.reviews_in_timescale(year).computable


@pytest.mark.parametrize("year", [2018])
def test_fixture_reviews_by_month_match_plain_pandas(year: int, ssda903_folder: Path):
    data = sg.ssda903.load(sorted(ssda903_folder.glob("*.csv")))
    ours = data.reviews_by_month(year).to_frame()
    theirs = pandas_returns.reviews_by_month(data.episodes, data.reviews, f"{year}-03-31", _holiday_days())
    assert ours["held"].sum() > 100  # the fixture's random reviews do fill the year
    for column in ("held", "in_timescale", "out_of_timescale"):
        assert ours[column].tolist() == theirs[column].tolist(), column
    # Every review held is judged or listed as not judged, with a reason.
    not_judged = data.review_timeliness(year).not_judged
    dates = data.reviews["REVIEW"].to_numpy()[not_judged.loc[not_judged["table"] == "reviews", "position"].to_numpy()]
    in_year = (dates >= np.datetime64(f"{year - 1}-04-01")) & (dates <= np.datetime64(f"{year}-03-31"))
    assert int(in_year.sum()) == int(ours["not_judged"].sum())


def test_fixture_xml_and_cin_census_assessments_match_plain_pandas():
    bdc = _holidays()
    for path in CIN_CENSUS_XML:
        census = sg.cin_census.load(path)
        details = census.cin_details[["cin_details_id", "CINreferralDate"]]
        merged = census.assessments.merge(details, on="cin_details_id")
        referral = merged["CINreferralDate"].to_numpy().astype("datetime64[D]")
        due = np.busday_offset(referral, 45, roll="backward", busdaycal=bdc)
        authorised = merged["AssessmentAuthorisationDate"].to_numpy().astype("datetime64[D]")
        compared = 0
        for year in range(2014, 2027):
            start, end = np.datetime64(f"{year - 1}-04-01"), np.datetime64(f"{year}-03-31")
            # Authorised in the year, and not before the referral (the engine reports that as a
            # stop before its start and judges nothing).
            done = (authorised >= start) & (authorised <= end) & (authorised >= referral)
            figure = census.assessments_within_45_working_days(year)
            if year != int(census.year):
                # A census covers its collection year (<Year>) only: every other year has no
                # figure, never a number (the referrals of earlier years it holds are those
                # still open in its year, not all of theirs).
                assert not figure.computable, (path.name, year)
                assert "outside the years the data covers" in figure.not_computable, (path.name, year)
                continue
            compared += 1
            if census.assessments.empty:
                # A census without assessments (examples/returns/fake_CIN_data.xml, 402 referrals):
                # a census supplies every table, so its year held none: 0 of 0, none overdue (each
                # assessment is judged against its referral; a referral with none starts no clock).
                assert figure.computable and (figure.in_timescale, figure.done, figure.overdue) == (0, 0, 0), path.name
                continue
            expected = (int((done & (authorised <= due)).sum()), int(done.sum()))
            assert (figure.in_timescale, figure.done) == expected, (path.name, year)
        assert compared == 1, path.name  # the collection year
    # The SSDA903 XML fixture gives the same kind of table as the CSV tables.
    xml = sg.ssda903.load(SSDA903_XML)
    ours = xml.reviews_by_month(2018).to_frame()  # its collection year, 2017-18
    theirs = pandas_returns.reviews_by_month(xml.episodes, xml.reviews, "2018-03-31", _holiday_days())
    assert ours[["held", "in_timescale", "out_of_timescale"]].values.tolist() == theirs.values.tolist()


CLOSURES = """<Message><Header><CollectionDetails><Year>2024</Year></CollectionDetails></Header><Children>
<Child><ChildIdentifiers><LAchildID>H1</LAchildID></ChildIdentifiers>
<CINdetails><CINreferralDate>2023-10-02</CINreferralDate><CINclosureDate>2023-10-20</CINclosureDate><ReasonForClosure>RC8</ReasonForClosure>
<Assessments><AssessmentActualStartDate>2023-10-02</AssessmentActualStartDate></Assessments></CINdetails></Child>
<Child><ChildIdentifiers><LAchildID>H2</LAchildID></ChildIdentifiers>
<CINdetails><CINreferralDate>2023-10-02</CINreferralDate><CINclosureDate>2024-01-31</CINclosureDate><ReasonForClosure>RC8</ReasonForClosure>
<Assessments><AssessmentActualStartDate>2023-10-02</AssessmentActualStartDate></Assessments></CINdetails></Child>
<Child><ChildIdentifiers><LAchildID>H3</LAchildID></ChildIdentifiers>
<CINdetails><CINreferralDate>2023-10-02</CINreferralDate>
<Assessments><AssessmentActualStartDate>2023-10-02</AssessmentActualStartDate></Assessments></CINdetails></Child>
</Children></Message>
"""


def test_a_closed_case_ends_the_assessment_clock_through_the_census(tmp_path: Path):
    # The hand case of issue 11: referral Monday 2 October 2023, assessment started that day and
    # never authorised. 45 working days: October 3-31 (21), November (22, so 43), 1 and 4 December
    # (45): due Monday 4 December 2023. H1 closed 20 October, before the due date: ended (neither
    # in nor out of timescale; not "overdue by 80 working days" at 31 March 2024). H2 closed 31
    # January 2024, after it: missed, late by the working days from 5 December to 31 January (15
    # in December after the 25th, 26th: 5-8 (4), 11-15 (9), 18-22 (14), 27-29 (17); January 2-31
    # (22, the 1st a holiday): 39). H3 still open at 31 March 2024: overdue by 80 working days
    # (December 17 as above; January 22 (39); February 21 (60); March 1-28 (20; Good Friday 29th):
    # 80).
    path = tmp_path / "cin.xml"
    path.write_text(CLOSURES, encoding="utf-8")
    census = sg.cin_census.load(path)
    measured = census.assessment_timeliness(2024)
    result = measured.instances
    assert sorted(zip(result["child"].astype(str), result["status"].astype(str), result["due"].dt.date.astype(str))) == [
        ("H1", "ended", "2023-12-04"), ("H2", "missed", "2023-12-04"), ("H3", "overdue", "2023-12-04"),
    ]
    late = dict(zip(result["child"].astype(str), result["late_working_days"]))
    assert (late["H2"], late["H3"]) == (39.0, 80.0) and np.isnan(late["H1"])
    figure = census.assessments_within_45_working_days(2024)
    assert (figure.in_timescale, figure.done, figure.overdue) == (0, 0, 1)
    assert "1 overdue at 31 March 2024, 1 missed" in str(figure)
