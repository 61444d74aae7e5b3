"""Inputs real returns contain that must never change a figure silently (issue 12): short breaks
across returns, month-first dates, mistyped years, misspelt headers and element names, duplicated
CIN records, years the data does not cover, reporting years, and traceable findings. Each case is
a small hand-made file (synthetic: no real child) with its expected figures worked in comments."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

import safeguarding as sg

EPISODE_HEAD = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
REVIEW_HEAD = "CHILD,DOB,REVIEW,REVIEW_CODE\n"
TODAY = dt.date(2025, 1, 1)


def episode(child: str, decom: str, rne: str, ls: str, dec: str = "", rec: str = "") -> str:
    return f"{child},{decom},{rne},{ls},N1,U1,PR1,{dec},{rec},,,,\n"


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text)
    return path


# 1. A short break does not wipe out a real care episode when returns are stitched ---------------


def test_a_short_break_in_a_later_return_does_not_supersede_a_care_episode(tmp_path: Path):
    # 2018 return: C1 comes into care (RNE S, legal status C2) on Thursday 14 December 2017, and
    # has a first review on Monday 15 January 2018.
    write(tmp_path / "903_2018", "episodes.csv", EPISODE_HEAD + episode("C1", "14/12/2017", "S", "C2"))
    write(tmp_path / "903_2018", "reviews.csv", REVIEW_HEAD + "C1,01/01/2010,15/01/2018,PN1\n")
    # 2019 return: a V3 short break 12-16 December 2017 (covering 14 December) and the C2 care
    # continuing with a change of placement (RNE P) on 1 May 2018.
    write(tmp_path / "903_2019", "episodes.csv", EPISODE_HEAD + episode("C1", "12/12/2017", "S", "V3", "16/12/2017", "E13")
          + episode("C1", "01/05/2018", "P", "C2"))
    data = sg.ssda903.load(tmp_path, today=TODAY)
    # The 2018 care episode is kept (closed by the 2019 return's next care episode on 1 May 2018);
    # the short break stays beside it.
    # (A missing date shown as "NaT" whatever the pandas version: pandas 3 turns it into NaN with astype(str).)
    episodes = data.episodes[["DECOM", "LS", "DEC"]].astype(object).map(
        lambda v: "NaT" if v is pd.NaT else v.strftime("%Y-%m-%d") if isinstance(v, pd.Timestamp) else str(v)
    ).values.tolist()
    assert episodes == [["2017-12-12", "V3", "2017-12-16"], ["2017-12-14", "C2", "2018-05-01"],
                        ["2018-05-01", "C2", "NaT"]]
    assert data.summary.loc["episodes", "merged"] == 0
    periods = data.periods_of_care()
    assert periods["start"].astype(str).tolist() == ["2017-12-14"]
    # The period starts on Thursday 14 December 2017: 20 working days on, skipping 25 and 26
    # December and 1 January (bank holidays): 15, 18-22 (6), 27-29 (9), 2-5 Jan (13), 8-12 (18),
    # 15 (19), Tuesday 16 January 2018 (20). Held on 15 January: in timescale.
    measure = data.review_timeliness("2017-18")
    instances = measure.instances
    assert instances["due"].astype(str).tolist()[0] == "2018-01-16"
    assert instances["status"].tolist()[0] == "met"
    assert (measure.figure.in_timescale, measure.figure.done) == (1, 1)


# 2. Month-first dates --------------------------------------------------------------------------


def test_a_month_first_column_is_an_error_naming_the_file_column_and_rows(tmp_path: Path):
    folder = tmp_path / "903_2019"
    # Row 2: 24 can only be the day, so DECOM is written month first; row 3, 05/04/2018, would
    # silently become 5 April instead of 4 May.
    path = write(folder, "episodes.csv", EPISODE_HEAD + episode("C1", "05/24/2018", "S", "C2")
                 + episode("C2", "05/04/2018", "S", "C2"))
    with pytest.raises(sg.Error) as caught:
        sg.ssda903.load(folder)
    message = str(caught.value)
    assert str(path) in message and "column DECOM" in message and "month first" in message
    assert "row 2, column DECOM ('05/24/2018')" in message and "dayfirst=False" in message
    # Read month first when the caller says so: 24 May and 4 May 2018.
    data = sg.ssda903.load(folder, dayfirst=False)
    assert data.episodes["DECOM"].astype(str).tolist() == ["2018-05-24", "2018-05-04"]


def test_a_column_with_dates_both_ways_is_a_finding_naming_its_rows(tmp_path: Path):
    folder = tmp_path / "903_2019"
    write(folder, "episodes.csv", EPISODE_HEAD + episode("C1", "24/05/2018", "S", "C2")
          + episode("C2", "05/24/2018", "S", "C2") + episode("C3", "05/04/2018", "S", "C2"))
    data = sg.ssda903.load(folder, today=TODAY)
    mixed = data.findings[data.findings["problem"].str.contains("mixes date conventions")]
    assert len(mixed) == 1
    problem = mixed["problem"].iloc[0]
    assert "row 2, column DECOM ('24/05/2018')" in problem and "row 3, column DECOM ('05/24/2018')" in problem
    # Read day first: C1 on 24 May, C3 on 5 April; C2's date cannot be day first and is reported.
    assert data.episodes["DECOM"].astype(str).tolist() == ["2018-05-24", "2018-04-05"]


def test_no_evidence_either_way_is_read_day_first(tmp_path: Path):
    folder = tmp_path / "903_2019"
    write(folder, "episodes.csv", EPISODE_HEAD + episode("C1", "05/04/2018", "S", "C2"))
    data = sg.ssda903.load(folder, today=TODAY)
    assert data.episodes["DECOM"].astype(str).tolist() == ["2018-04-05"]
    assert not data.findings["problem"].str.contains("convention").any()


def test_an_unparsable_date_lists_every_accepted_form(tmp_path: Path):
    folder = tmp_path / "903_2019"
    write(folder, "episodes.csv", EPISODE_HEAD + episode("C1", "2018.05.04", "S", "C2"))
    data = sg.ssda903.load(folder, today=TODAY)
    problem = data.findings["problem"].iloc[0]
    for form in ("dd/mm/YYYY", "d/m/YYYY", "mm/dd/YYYY", "YYYY-MM-DD", "HH:MM"):
        assert form in problem


# 3. A return's year and Annex A's list date are not moved by one mistyped date ------------------


def test_one_review_dated_2028_does_not_label_a_return_2029(tmp_path: Path):
    folder = tmp_path / "looked_after"  # no year in the name: inferred from the data
    write(folder, "episodes.csv", EPISODE_HEAD + episode("C1", "01/06/2018", "S", "C2"))
    # Reviews on 1 July 2018, 1 October 2018 and 1 January 2019 (all 2018-19), and one typed as
    # 1 March 2028 for 2019: three of the four dates fall in 2018-19.
    write(folder, "reviews.csv", REVIEW_HEAD + "C1,01/01/2010,01/07/2018,PN1\nC1,01/01/2010,01/10/2018,PN1\n"
          "C1,01/01/2010,01/01/2019,PN1\nC1,01/01/2010,01/03/2028,PN1\n")
    data = sg.ssda903.load(folder, today=TODAY)
    assert data.returns["year"].tolist() == [2019]
    # `returns` has said how each year was found in its column `year_from` since the readers came.
    assert "3 of 3" in data.returns["year_from"].iloc[0] and "2018-19" in data.returns["year_from"].iloc[0]
    future = data.findings[data.findings["problem"].str.contains("in the future")]
    assert future["row"].tolist() == [5] and future["column"].tolist() == ["REVIEW"]


def annex_a_workbook(path: Path, rows: list[list[object]], header: list[str], title: str = "List 8") -> Path:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


LIST_8 = ["Child Unique ID", "Date of Birth", "Date Started to be Looked After", "Date of Latest Statutory Review",
          "Date of Last Social Work Visit", "Date of Last Health Assessment", "Date Ceased to be Looked After"]


def test_a_contact_dated_2031_does_not_move_the_list_date(tmp_path: Path):
    path = annex_a_workbook(tmp_path / "annex.xlsx", [
        ["A1", dt.date(2012, 1, 1), dt.date(2020, 1, 6), dt.date(2021, 2, 1), dt.date(2021, 3, 1), dt.date(2020, 9, 1), None],
        ["A2", dt.date(2013, 1, 1), dt.date(2020, 2, 3), dt.date(2021, 1, 15), dt.date(2031, 3, 10), dt.date(2020, 10, 1), None],
    ], LIST_8)
    annex = sg.annex_a.load(path, today=TODAY)
    # 10 March 2031 is after today: left out; the latest other date is 1 March 2021.
    assert annex.list_date() == dt.date(2021, 3, 1)
    assert "leaving out 1 date" in annex.list_date_reason
    finding = annex.findings[annex.findings["problem"].str.contains("after today")]
    assert finding["where"].tolist() == ["sheet 'List 8', row 3, column date_of_last_social_work_visit"]


def test_a_latest_date_far_after_all_others_does_not_move_the_list_date(tmp_path: Path):
    path = annex_a_workbook(tmp_path / "annex.xlsx", [
        ["A1", dt.date(2012, 1, 1), dt.date(2020, 1, 6), dt.date(2021, 2, 1), dt.date(2021, 3, 1), dt.date(2020, 9, 1), None],
        ["A2", dt.date(2013, 1, 1), dt.date(2020, 2, 3), dt.date(2024, 1, 15), dt.date(2021, 2, 20), dt.date(2020, 10, 1), None],
    ], LIST_8)
    annex = sg.annex_a.load(path, today=TODAY)
    # 15 January 2024 is 1,050 days after the next latest date (1 March 2021): a mistyped year.
    assert annex.list_date() == dt.date(2021, 3, 1)
    assert annex.findings["problem"].str.contains("days after the next latest date").sum() == 1


def test_annex_a_text_dates_written_month_first_are_an_error(tmp_path: Path):
    path = annex_a_workbook(tmp_path / "annex.xlsx", [
        ["A1", "01/01/2012", "01/06/2020", "02/13/2021", None, None, None],
        ["A2", "01/01/2013", "02/03/2020", "01/15/2021", None, None, None],
    ], LIST_8)
    with pytest.raises(sg.Error, match=r"sheet 'List 8', column date_of_latest_statutory_review: dates written month "
                                       r"first \(mm/dd/YYYY\): row 2 \('02/13/2021'\), row 3 \('01/15/2021'\)"):
        sg.annex_a.load(path, today=TODAY)
    annex = sg.annex_a.load(path, dayfirst=False, today=TODAY)
    # Month first: 6 January 2020 and 3 February 2020 for the start dates.
    assert annex.list(8)["date_started_to_be_looked_after"].astype(str).tolist() == ["2020-01-06", "2020-02-03"]


# 4. Misspelt headers and element names -----------------------------------------------------------


def test_a_misspelt_review_header_is_reported_and_its_check_not_computable(tmp_path: Path):
    header = [h if h != "Date of Latest Statutory Review" else "Date of Lastest Statutory Review" for h in LIST_8]
    path = annex_a_workbook(tmp_path / "annex.xlsx", [
        ["A1", dt.date(2012, 1, 1), dt.date(2020, 1, 6), dt.date(2021, 2, 1), dt.date(2021, 3, 1), dt.date(2020, 9, 1), None],
    ], header)
    annex = sg.annex_a.load(path, today=TODAY)
    hint = annex.findings[annex.findings["problem"].str.contains("did you mean")]
    assert "'date of latest statutory review'" in hint["problem"].iloc[0]
    table = annex.overdue().to_frame().set_index("check")
    review = table.loc["latest statutory review"]
    assert review["not_computable"].startswith("not computable: List 8 has no column date_of_latest_statutory_review")
    assert pd.isna(review["overdue"]) and pd.isna(review["judged"])
    # The other checks of the list are computed as before.
    assert table.loc["last social work visit", "judged"] == 1


def test_a_misspelt_child_id_header_is_reported_with_a_hint(tmp_path: Path):
    header = ["Chlid ID", *LIST_8[1:]]
    path = annex_a_workbook(tmp_path / "annex.xlsx", [
        ["A1", dt.date(2012, 1, 1), dt.date(2020, 1, 6), dt.date(2021, 2, 1), dt.date(2021, 3, 1), dt.date(2020, 9, 1), None],
    ], header)
    annex = sg.annex_a.load(path, today=TODAY)
    problem = annex.findings["problem"].iloc[0]
    assert "row 1 has 'Chlid ID' (did you mean 'child id'?)" in problem
    table = annex.overdue(as_of="2021-03-31").to_frame()
    assert len(table) == 3 and table["not_computable"].str.startswith("not computable: sheet 'List 8'").all()


CENSUS = """<Message><Header><CollectionDetails><Collection>CIN</Collection><Year>2019</Year>
<ReferenceDate>2019-03-31</ReferenceDate></CollectionDetails></Header><Children>{children}</Children></Message>"""


def child(child_id: str, details: str) -> str:
    return (f"<Child><ChildIdentifiers><LAchildID>{child_id}</LAchildID></ChildIdentifiers>"
            f"<ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>{details}</Child>")


def test_cin_element_names_differing_only_in_case_are_read_with_a_finding(tmp_path: Path):
    path = write(tmp_path, "cin.xml", CENSUS.format(children=child("K1", (
        "<CINdetails><CINreferralDate>2018-05-01</CINreferralDate><CINClosureDate>2018-09-01</CINClosureDate>"
        "<ReasonForClosur>RC1</ReasonForClosur></CINdetails>"))))
    census = sg.cin_census.load(path)
    assert census.cin_details["CINclosureDate"].astype(str).tolist() == ["2018-09-01"]
    problems = census.findings["problem"].tolist()
    assert "element <CINClosureDate> is read as <CINclosureDate>, the specification's name (they differ only in case)" \
        in problems
    assert any("<ReasonForClosur>" in p and "did you mean 'ReasonForClosure'?" in p for p in problems)


def test_cin_containers_named_but_for_case_are_read_with_what_they_hold(tmp_path: Path):
    details = ("<CINdetails><CINreferralDate>2018-05-01</CINreferralDate><ChildProtectionPlans>"
               "<CPPstartDate>2018-06-01</CPPstartDate><Reviews><CPPreviewDate>2018-09-01</CPPreviewDate></Reviews>"
               "</ChildProtectionPlans></CINdetails>")
    exact = write(tmp_path / "exact", "cin.xml", CENSUS.format(children=child("K1", details)))
    text = CENSUS.format(children=child("K1", details))
    for name in ("ChildIdentifiers", "CINdetails", "ChildProtectionPlans", "Reviews"):
        text = text.replace(f"<{name}>", f"<{name.lower()}>").replace(f"</{name}>", f"</{name.lower()}>")
    variant = write(tmp_path / "variant", "cin.xml", text)
    read, expected = sg.cin_census.load(variant), sg.cin_census.load(exact)
    # What the elements hold is read: the same rows and values as with the specification's names
    # (but the files' folders).
    for table in ("children", "cin_details", "cp_plans", "cp_reviews"):
        assert len(getattr(read, table)) == 1
        pd.testing.assert_frame_equal(getattr(read, table).drop(columns="file"),
                                      getattr(expected, table).drop(columns="file"))
    kept = read.findings[read.findings["action"] == "row kept"]
    assert kept["problem"].tolist() == [
        "element <childidentifiers> is read as <ChildIdentifiers>, the specification's name (they differ only in case)",
        "element <cindetails> is read as <CINdetails>, the specification's name (they differ only in case)",
        "element <childprotectionplans> is read as <ChildProtectionPlans>, the specification's name "
        "(they differ only in case)",
        "element <reviews> is read as <Reviews>, the specification's name (they differ only in case)"]
    assert len(read.findings) == len(expected.findings) + 4


# 5. Duplicate CIN records are merged ----------------------------------------------------------


def test_a_child_protection_plan_given_twice_is_merged_not_counted_twice(tmp_path: Path):
    plan = ("<ChildProtectionPlans><CPPstartDate>2018-06-01</CPPstartDate><NumberOfPreviousCPP>0</NumberOfPreviousCPP>"
            "<Reviews><CPPreviewDate>2018-09-01</CPPreviewDate></Reviews></ChildProtectionPlans>")
    path = write(tmp_path, "cin.xml", CENSUS.format(children=child("K1", (
        f"<CINdetails><CINreferralDate>2018-05-01</CINreferralDate>{plan}{plan}</CINdetails>"))))
    census = sg.cin_census.load(path)
    # One plan starting 1 June 2018 with no earlier plan: 0 of 1 second or later plans (not "1 of 2"),
    # and one review conference.
    assert str(census.second_or_later_plans(2019)).startswith("0 of 1")
    assert len(census.cp_plans) == 1 and len(census.cp_reviews) == 1
    assert census.summary.loc["cp_plans", "merged"] == 1 and census.summary.loc["cp_reviews", "merged"] == 1
    merged = census.findings[census.findings["action"] == "row merged"]
    assert merged["where"].tolist()[0] == "/Message/Children/Child[1]/CINdetails[1]/ChildProtectionPlans[2]"
    assert "duplicate of /Message/Children/Child[1]/CINdetails[1]/ChildProtectionPlans[1]" in merged["problem"].iloc[0]


# 6. No figure for years the data does not cover, nor from a missing table ---------------------------


def test_a_year_the_data_does_not_cover_is_an_error(tmp_path: Path):
    folder = tmp_path / "903_2018"
    write(folder, "episodes.csv", EPISODE_HEAD + episode("C1", "01/02/2018", "S", "C2"))
    write(folder, "reviews.csv", REVIEW_HEAD + "C1,01/01/2010,20/02/2018,PN1\n")
    data = sg.ssda903.load(folder, today=TODAY)
    figure = data.reviews_in_timescale(2030)  # a timeliness figure: not computable, with the reason
    assert not figure.computable and figure.not_computable.startswith(
        "2029-30 is outside the years the data covers (2017-18: the collection years of the returns loaded")
    with pytest.raises(sg.Error, match="outside the years the data covers"):
        data.looked_after_at_31_march(2030)


def test_a_measure_whose_table_is_missing_is_not_computable(tmp_path: Path):
    folder = tmp_path / "903_2018"
    write(folder, "episodes.csv", EPISODE_HEAD + episode("C1", "01/02/2018", "S", "C2"))
    data = sg.ssda903.load(folder, today=TODAY)
    figure = data.reviews_in_timescale(2018)
    # No reviews table: not "1 overdue", but no figure at all.
    assert not figure.computable
    assert figure.overdue is None and figure.done is None
    assert str(figure) == "looked-after reviews in 2017-18: not computable (the 2018 return has no reviews table)"
    with pytest.raises(sg.Error, match="the 2018 return has no reviews table: no figure can be given for 2017-18"):
        data.participation(2018)


# 7. Reporting years --------------------------------------------------------------------------


def test_summarise_by_reporting_year_and_quarter(tmp_path: Path):
    folder = tmp_path / "903_2019"
    # Period of care from Monday 5 March 2018; reviews on 29 March 2018 (the first, due 20 working
    # days on: 6-9 March (4), 12-16 (9), 19-23 (14), 26-29 (18), 30 March is Good Friday, 2 April
    # Easter Monday, 3 April (19), Wednesday 4 April 2018 (20): met) and 15 June 2018 (the second,
    # due 3 months after the first: 29 June 2018: met).
    write(folder, "episodes.csv", EPISODE_HEAD + episode("C1", "05/03/2018", "S", "C2"))
    write(folder, "reviews.csv", REVIEW_HEAD + "C1,01/01/2010,29/03/2018,PN1\nC1,01/01/2010,15/06/2018,PN1\n")
    data = sg.ssda903.load(folder, today=TODAY)
    # A year's measure keeps the reviews held in it and those outstanding at its end (docs/returns.md):
    # the first review, held 29 March 2018, is 2017-18's; 2018-19's are the second (due 29 June
    # 2018, Q1: April-June) and the third, due 6 months after the second, 15 December 2018 (Q3:
    # October-December), and overdue at 31 March 2019.
    result = data.review_timeliness(2019).timeliness
    by_year = sg.summarise(result, by="reporting_year", date="due")
    assert by_year["reporting_year"].astype(str).tolist() == ["2018-19", "2018-19"]
    by_quarter = sg.summarise(result, by="reporting_quarter", date="due")
    assert by_quarter["reporting_quarter"].astype(str).tolist() == ["2018-19 Q1", "2018-19 Q3"]
    # 2017-18 is not the 2019 return's year (1 April 2018 to 31 March 2019): no figure and no
    # instance, though the first review was held in it.
    earlier = data.review_timeliness(2018)
    assert not earlier.figure.computable
    assert "2017-18 is outside the years the data covers (2018-19" in earlier.figure.not_computable
    assert len(earlier.timeliness.instances) == 0


# 9. Traceable findings ---------------------------------------------------------------------


def test_single_line_xml_findings_give_the_element_path(tmp_path: Path):
    # K2's second referral (1 June 2018) closes before it. Its date differs from the first's: the
    # same date would make it a duplicate, merged into the first (#12), and its closure unread.
    bad = ("<CINdetails><CINreferralDate>2018-06-01</CINreferralDate><CINclosureDate>2018-04-01</CINclosureDate>"
           "</CINdetails>")
    good = "<CINdetails><CINreferralDate>2018-05-01</CINreferralDate></CINdetails>"
    text = CENSUS.format(children=child("K1", good) + child("K2", good + bad)).replace("\n", "")
    census = sg.cin_census.load(write(tmp_path, "cin.xml", text))
    # The closure before the referral is found after reading (a check across the row's dates): it
    # names the element, not "line 1".
    finding = census.findings[census.findings["problem"].str.contains("closes before")]
    assert finding["where"].tolist() == ["/Message/Children/Child[2]/CINdetails[2]/CINclosureDate"]


def test_a_figure_names_every_rule_of_its_chain(tmp_path: Path):
    folder = tmp_path / "903_2019"
    write(folder, "episodes.csv", EPISODE_HEAD + episode("C1", "05/03/2018", "S", "C2"))
    write(folder, "reviews.csv", REVIEW_HEAD + "C1,01/01/2010,29/03/2018,PN1\n")
    figure = sg.ssda903.load(folder, today=TODAY).reviews_in_timescale(2019)
    assert figure.rules == ("lac.review.first", "lac.review.second", "lac.review.subsequent")
    assert str(figure).endswith("[rules lac.review.first, lac.review.second, lac.review.subsequent]")


# 8. Multi-authority files ---------------------------------------------------------------------

REGIONAL = Path(__file__).resolve().parents[1] / "data" / "ssda903_regional"


def test_a_regional_collection_gives_figures_by_authority_and_year_without_mixing():
    regional = sg.ssda903.load_regional(REGIONAL, today=TODAY)
    assert sorted(regional.authorities) == ["LA_A", "LA_B"]
    # LA_A: 2 returns (2019, 2020); its episode given in both is one record.
    a = regional["LA_A"]
    assert a.returns["year"].tolist() == [2019, 2020] and len(a.episodes) == 1
    assert a.summary.loc["episodes", "merged"] == 1 and a.summary.loc["reviews", "read"] == 3
    # LA_B's C1 is another child: his own episode and review only.
    b = regional["LA_B"]
    assert b.episodes["DECOM"].astype(str).tolist() == ["2018-06-04"] and len(b.reviews) == 1
    table = regional.figures("reviews_in_timescale").set_index(["LA", "year"])
    # LA_A, 2018-19: care from Tuesday 1 May 2018; the first review is due 20 working days on
    # (7 and 28 May are bank holidays): 2-4 May (3), 8-11 (7), 14-18 (12), 21-25 (17), 29-31
    # (20): Thursday 31 May; held 25 May: met. The second is due 3 months after, 25 August; held
    # 20 August: met. The third is due 6 months after that, 20 February 2019, and is not held by
    # 31 March 2019: overdue.
    assert table.loc[("LA_A", "2018-19"), ["in_timescale", "done", "overdue"]].tolist() == [2, 2, 1]
    # LA_A, 2019-20: the third is held on 10 April 2019, late; the fourth, due 10 October 2019,
    # is overdue at 31 March 2020.
    assert table.loc[("LA_A", "2019-20"), ["in_timescale", "done", "overdue"]].tolist() == [0, 1, 1]
    # LA_B, 2018-19: care from Monday 4 June 2018; first review due 5-8 June (4), 11-15 (9),
    # 18-22 (14), 25-29 (19), Monday 2 July (20); held 20 July: late. The second, due 20
    # October 2018, is overdue at 31 March 2019. (Mixed with LA_A's C1, it would be "met".)
    assert table.loc[("LA_B", "2018-19"), ["in_timescale", "done", "overdue"]].tolist() == [0, 1, 1]


def test_a_regional_row_without_an_authority_is_an_error(tmp_path: Path):
    write(tmp_path, "episodes.csv", "LA,YEAR," + EPISODE_HEAD + "LA_A,2019," + episode("C1", "2018-05-01", "S", "C2")
          + ",2019," + episode("C2", "2018-05-01", "S", "C2"))
    with pytest.raises(sg.Error, match=r"episodes.csv, row 3: the LA is blank"):
        sg.ssda903.load_regional(tmp_path)
