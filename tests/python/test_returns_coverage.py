"""A return covers its collection year only (the 2020 SSDA903 return: 1 April 2019 to 31 March 2020),
so a year no return loaded covers gets no figure, however far back its dates reach; a return whose
year is not known covers none; each return lists the tables it supplied. The returns below are
synthetic (made-up children); the figures are worked by hand in the comments."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

import safeguarding as sg
from safeguarding._cli import main

EPISODE_HEAD = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
OUTSIDE = ("is outside the years the data covers (2019-20: the collection years of the returns loaded (a return "
           "covers 1 April to 31 March of its year))")
COVERED = OUTSIDE + ": no figure can be given for it"


def _the_2020_return(root: Path) -> Path:
    """The 2020 return alone (folder "2020").
    A: in care from 1 May 2017, returned home (E4A) on 1 June 2019; missing (M) 1 to 3 June 2018, a
       date from before the return's year.
    B: in care from 15 January 2018, still at 31 March 2020; reviewed 20 February 2020 (PN2);
       missing (M) from 10 to 12 October 2019 (2 days).
    2019-20: looked after at 31 March 2020: B = 1; ceased: A's E4A = 1; missing: 1 M episode (B), 1
    child, median 2 days. On main the dates (A's DECOM of 1 May 2017) made 2017-18 and 2018-19
    "covered": 2018-19 gave 1 missing episode and 2 children looked after at 31 March 2019, counts
    that miss every child who left care before 1 April 2019 (in no 2020 return)."""
    folder = root / "2020"
    folder.mkdir(parents=True)
    (folder / "episodes.csv").write_text(
        EPISODE_HEAD + "A,01/05/2017,S,C2,N1,U1,PR1,01/06/2019,E4A,,,,\nB,15/01/2018,S,C2,N1,U1,PR1,,,,,,\n")
    (folder / "reviews.csv").write_text("CHILD,DOB,REVIEW,REVIEW_CODE\nB,01/01/2009,20/02/2020,PN2\n")
    (folder / "missing.csv").write_text(
        "CHILD,DOB,MISSING,MIS_START,MIS_END\nA,01/01/2008,M,01/06/2018,03/06/2018\n"
        "B,01/01/2009,M,10/10/2019,12/10/2019\n")
    return folder


def test_a_2019_20_return_alone_gives_no_2017_18_or_2018_19_figure(tmp_path):
    data = sg.ssda903.load(_the_2020_return(tmp_path))
    assert data.returns["year"].tolist() == [2020]
    for year in ("2017-18", "2018-19"):
        for measure, name in ((data.missing_episodes, "ssda903.missing_episodes"),
                              (data.looked_after_at_31_march, "ssda903.looked_after_at_31_march"),
                              (data.participation, "ssda903.participation"),
                              (data.reasons_ceased, "ssda903.reasons_ceased"),
                              (data.placement_counts, "ssda903.placements")):
            with pytest.raises(sg.Error) as error:
                measure(year)
            assert str(error.value) == f"{name}: {year} {COVERED}", (year, name)
        # A timeliness figure: not computable, with the reason, as for a table not supplied.
        figure = data.reviews_in_timescale(year)
        assert not figure.computable and figure.done is None
        assert str(figure) == f"looked-after reviews in {year}: not computable ({year} {OUTSIDE})"
    # 2019-20, as worked above.
    assert data.looked_after_at_31_march(2020) == 1
    assert data.reasons_ceased(2020).to_frame()["episodes"].to_dict() == {"E4A": 1}
    missing = data.missing_episodes(2020).to_frame()
    assert missing["episodes"].to_dict() == {"M": 1, "A": 0, "all": 1}
    assert missing.loc["M", "median_days"] == 2.0


def _command(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(["returns", *args], out, err)
    return status, out.getvalue(), err.getvalue()


def test_the_command_gives_the_return_s_own_year_and_no_year_it_does_not_cover(tmp_path):
    folder = _the_2020_return(tmp_path)
    status, out, err = _command(str(folder), "--format", "json")
    assert status == 0, err
    (part,) = json.loads(out)["returns"]
    assert part["year"] == "2019-20" and part["measures"]["looked_after_at_31_march"]["children"] == 1
    # --year 2018-19: every measure not computable, each with the reason; no figure at all.
    status, out, err = _command(str(folder), "--year", "2018-19", "--format", "json")
    assert status == 0, err
    (part,) = json.loads(out)["returns"]
    measures = part["measures"]
    assert measures["reviews"]["not_computable"] == f"2018-19 {OUTSIDE}"
    assert measures["reviews"]["done"] is None
    assert measures["reviews"]["by_month"] == []  # no months of zeros
    assert measures["looked_after_at_31_march"]["children"] is None
    for name in ("participation", "looked_after_at_31_march", "three_or_more_placements", "placement_counts",
                 "reasons_ceased", "missing_episodes"):
        assert measures[name]["not_computable"].endswith(f": 2018-19 {COVERED}"), name


def test_the_report_of_a_year_not_covered_shows_the_reviews_as_not_computable(tmp_path):
    # The 2020 return asked for 2018-19: no monthly table of zeros, no "no month fell below the
    # target", no empty overdue list (each would read as a year with nothing held or overdue), but
    # the reviews named as not computable with the reason, in the summary and in their places.
    folder = _the_2020_return(tmp_path)
    status, out, err = _command(str(folder), "--year", "2018-19")
    assert status == 0, err
    flat = " ".join(out.split())
    assert "looked-after reviews held in 2018-19 in timescale (not computable: 2018-19 " + OUTSIDE in flat
    action = out.split("NEEDING ACTION", 1)[1].split("LOOKED-AFTER REVIEWS, 2018-19", 1)[0]
    assert "Overdue at 31 March 2019: looked-after reviews (SSDA903)" in action
    assert f"looked-after reviews  not computable: 2018-19 {OUTSIDE}" in action
    assert "No month fell below" not in out and "Nothing is overdue" not in out
    assert "April 2018" not in out  # no month row
    with pytest.raises(sg.Error, match="looked-after reviews by month, 2018-19: not computable: 2018-19 is outside"):
        sg.ssda903.load(folder).reviews_by_month(2019)


def test_the_tables_each_return_supplied(tmp_path):
    # The 2019 return sent missing.csv with its header only (no missing episode that year: 0); the
    # 2020 return sent none (2019-20: no figure). No return has a missing row.
    for year in ("2019", "2020"):
        (tmp_path / year).mkdir()
        (tmp_path / year / "episodes.csv").write_text(EPISODE_HEAD + "A,01/05/2018,S,C2,N1,U1,PR1,,,,,,\n")
    (tmp_path / "2019" / "missing.csv").write_text("CHILD,DOB,MISSING,MIS_START,MIS_END\n")
    data = sg.ssda903.load(tmp_path)
    assert data.returns["tables"].tolist() == [["episodes", "missing"], ["episodes"]]
    assert data.missing_episodes(2019).to_frame()["episodes"].to_dict() == {"M": 0, "A": 0, "all": 0}
    with pytest.raises(sg.Error, match="^ssda903.missing_episodes: the 2020 return has no missing table: no figure "
                                       "can be given for 2019-20$"):
        data.missing_episodes(2020)


def test_a_return_whose_year_is_not_known_gives_no_figure(tmp_path):
    # No year in the folder's or file's name, and no DEC, REVIEW, MIS_START or MIS_END date: only an
    # open episode from 1 May 2018. Which return it is is not known: no year is guessed.
    folder = tmp_path / "r"
    folder.mkdir()
    (folder / "episodes.csv").write_text(EPISODE_HEAD + "A,01/05/2018,S,C2,N1,U1,PR1,,,,,,\n")
    data = sg.ssda903.load(folder)
    assert data.returns[["year", "year_from"]].values.tolist() == [[0, "unknown"]]
    with pytest.raises(sg.Error, match="2018-19 is outside the years the data covers \\(none: the collection year of "
                                       "the return of .*episodes.csv is not known"):
        data.looked_after_at_31_march(2019)
    status, out, err = _command(str(folder))
    assert status != 0 and "is not known" in err
    # Its year given, A was looked after at 31 March 2019.
    assert sg.ssda903.load({2019: folder}).looked_after_at_31_march(2019) == 1


def test_a_cin_census_covers_its_year_only(tmp_path):
    # The census of 2020 (1 April 2019 to 31 March 2020): K1 referred on 10 May 2017 and on 1 June
    # 2019 (more than 12 months later: not a re-referral), K2 on 1 July 2019: 0 of 2 re-referrals in
    # 2019-20; 2017-18, K1's first referral's year, is not covered.
    path = tmp_path / "cin.xml"
    path.write_text(
        "<Message><Header><CollectionDetails><Collection>CIN</Collection><Year>2020</Year>"
        "<ReferenceDate>2020-03-31</ReferenceDate></CollectionDetails></Header><Children>"
        "<Child><ChildIdentifiers><LAchildID>K1</LAchildID></ChildIdentifiers>"
        "<CINdetails><CINreferralDate>2017-05-10</CINreferralDate><CINclosureDate>2017-09-01</CINclosureDate>"
        "</CINdetails><CINdetails><CINreferralDate>2019-06-01</CINreferralDate></CINdetails></Child>"
        "<Child><ChildIdentifiers><LAchildID>K2</LAchildID></ChildIdentifiers>"
        "<CINdetails><CINreferralDate>2019-07-01</CINreferralDate></CINdetails></Child></Children></Message>")
    census = sg.cin_census.load(path)
    assert str(census.re_referrals(2020)) == "0 of 2 (0.0%)"
    with pytest.raises(sg.Error, match=r"^cin.referrals: 2017-18 is outside the years the data covers \(2019-20: "
                                       r"the census's collection year, its Year 2020 \(1 April to 31 March\)\)"):
        census.re_referrals(2018)


def test_a_measure_not_computable_reports_itself_with_the_reason(tmp_path):
    # measure.to_report() of a year the 2020 return does not cover (2018-19): the summary, and the
    # places of the overdue list and the monthly table, name the reviews as not computable with
    # the reason; no Error, no table of zeros.
    data = sg.ssda903.load(_the_2020_return(tmp_path))
    measure = data.review_timeliness("2018-19")
    assert not measure.figure.computable
    report = measure.to_report()
    text = " ".join(report.to_text().split())
    assert f"not computable: 2018-19 {OUTSIDE}" in text
    tables = report.tables()
    assert [t.caption for t in tables] == ["Overdue at 31 March 2019: looked-after reviews",
                                           "Looked-after reviews held in and out of timescale, by month, 2018-19",
                                           "Events: what became of each row (0 rows)"]
    for table in tables[:2]:
        assert table.rows == [("looked-after reviews", f"not computable: 2018-19 {OUTSIDE}")]
    assert "April 2018" not in text


def test_a_header_only_reviews_file_gives_0_of_0_and_the_reviews_due_overdue(tmp_path):
    # The 2019 return (2018-19): A in care from Monday 1 October 2018, still at 31 March 2019; the
    # reviews file has its header only: no review held. A's first review was due 20 working days
    # on: 2-5 October (4), 8-12 (9), 15-19 (14), 22-26 (19), Monday 29 October 2018 (20): overdue.
    folder = tmp_path / "2019"
    folder.mkdir()
    (folder / "episodes.csv").write_text(EPISODE_HEAD + "A,01/10/2018,S,C2,N1,U1,PR1,,,,,,\n")
    (folder / "reviews.csv").write_text("CHILD,DOB,REVIEW,REVIEW_CODE\n")
    figure = sg.ssda903.load(folder).reviews_in_timescale(2019)
    assert (figure.computable, figure.done, figure.in_timescale, figure.overdue) == (True, 0, 0, 1)
    assert str(figure).startswith("looked-after reviews in 2018-19: 0 of 0 in timescale (none in the year); 1 overdue")
    status, out, err = _command(str(folder))
    assert status == 0, err
    flat = " ".join(out.split())
    assert "looked-after reviews held in 2018-19 [Overdue] (none held in the year (no share in timescale); 1 overdue" in flat
    assert "29 October 2018" in out.split("NEEDING ACTION", 1)[1]  # the overdue list: A's first review
    assert "not computable" not in out.split("CHILDREN'S PARTICIPATION", 1)[0]


def test_a_census_with_no_cin_details_gives_0_of_0_in_the_report(tmp_path):
    # The census of 2019 with one child and no CINdetails: no referral, assessment or plan in
    # 2018-19, so each figure is 0 (or 0 of 0), with no "not computable".
    census = tmp_path / "cin.xml"
    census.write_text("<Message><Header><CollectionDetails><Collection>CIN</Collection><Year>2019</Year>"
                      "</CollectionDetails></Header><Children><Child><ChildIdentifiers><LAchildID>K1</LAchildID>"
                      "</ChildIdentifiers></Child></Children></Message>")
    status, out, err = _command(str(census))
    assert status == 0, err
    assert "not computable" not in out
    assert "Referrals in the year: 0." in " ".join(out.split())
    loaded = sg.cin_census.load(census)
    assert str(loaded.assessments_within_45_working_days(2019)).startswith(
        "assessments authorised in 2018-19: 0 of 0 in timescale (none in the year); 0 overdue")
    assert (loaded.re_referrals(2019).count, loaded.re_referrals(2019).total) == (0, 0)


def test_a_timeliness_figure_pickles_as_its_values(tmp_path):
    # The figures of the header-only reviews file above (0 of 0, 1 overdue) and of a year the
    # return does not cover (not computable, with the reason): each comes back equal, field by field.
    import pickle

    folder = tmp_path / "2019"
    folder.mkdir()
    (folder / "episodes.csv").write_text(EPISODE_HEAD + "A,01/10/2018,S,C2,N1,U1,PR1,,,,,,\n")
    (folder / "reviews.csv").write_text("CHILD,DOB,REVIEW,REVIEW_CODE\n")
    data = sg.ssda903.load(folder)
    for figure in (data.reviews_in_timescale(2019), data.reviews_in_timescale(2020)):
        back = pickle.loads(pickle.dumps(figure))
        assert type(back) is type(figure) and str(back) == str(figure)
        fields = ("measure", "rule", "rules", "source", "computable", "not_computable", "done", "in_timescale",
                  "out_of_timescale", "overdue", "missed", "not_judged")
        assert [getattr(back, f) for f in fields] == [getattr(figure, f) for f in fields]
        assert back.year.label == figure.year.label
    assert pickle.loads(pickle.dumps(data.reviews_in_timescale(2019))).overdue == 1
    assert pickle.loads(pickle.dumps(data.reviews_in_timescale(2020))).not_computable.startswith("2019-20 is outside")


def test_a_timeliness_measure_pickles_and_comes_back_equal(tmp_path):
    # The synthetic census's assessments of 2019-20 (44 instances, 170 rows not judged), the header-only
    # reviews file above (0 of 0, 1 overdue) and a year that return does not cover (not computable):
    # each measure comes back with the same figure, instances, rows not judged, monthly table, data
    # quality and citations, as values (no reference to the return it was formed from).
    import pickle

    import pandas as pd

    census = sg.cin_census.load(Path(__file__).resolve().parents[2] / "examples" / "returns" / "cin_census_synthetic.xml")
    folder = tmp_path / "2019"
    folder.mkdir()
    (folder / "episodes.csv").write_text(EPISODE_HEAD + "A,01/10/2018,S,C2,N1,U1,PR1,,,,,,\n")
    (folder / "reviews.csv").write_text("CHILD,DOB,REVIEW,REVIEW_CODE\n")
    data = sg.ssda903.load(folder)
    measures = [census.assessment_timeliness(2020), data.review_timeliness(2019), data.review_timeliness(2020)]
    assert (len(measures[0].instances), len(measures[0].not_judged)) == (44, 170)
    for measure in measures:
        back = pickle.loads(pickle.dumps(measure))
        assert type(back) is type(measure) and str(back.figure) == str(measure.figure)
        fields = ("measure", "rule", "rules", "source", "computable", "not_computable", "done", "in_timescale",
                  "out_of_timescale", "overdue", "missed", "not_judged", "share")
        assert [getattr(back.figure, f) for f in fields][:-1] == [getattr(measure.figure, f) for f in fields][:-1]
        assert (back.year.label, back.as_of, back.calendar, back.citations) == (
            measure.year.label, measure.as_of, measure.calendar, measure.citations)
        pd.testing.assert_frame_equal(back.instances, measure.instances)
        pd.testing.assert_frame_equal(back.not_judged, measure.not_judged)
        pd.testing.assert_frame_equal(back.data_quality.findings, measure.data_quality.findings)
        pd.testing.assert_series_equal(back.data_quality.row_use, measure.data_quality.row_use)
        if measure.figure.computable:
            pd.testing.assert_frame_equal(back.by_month().to_frame(), measure.by_month().to_frame())
        else:
            with pytest.raises(sg.Error, match="2019-20 is outside"):
                back.by_month()
    with pytest.raises(sg.Error, match="another version"):
        type(measures[0]._impl).__new__(type(measures[0]._impl)).__setstate__({"version": 0})


def test_conferences_recorded_with_no_enquiry_are_held_but_not_judged():
    # fake_CIN_data.xml (synthetic, Year 2022) records initial conferences on its referrals
    # (CINdetails DateOfInitialCPC) but has no section 47 enquiry: no conference can be judged
    # against 15 working days, and the figure must not read as no conference held. Counted here
    # from the CINdetails table directly: the conferences dated in 2021-22.
    import pandas as pd

    census = sg.cin_census.load(Path(__file__).parents[2] / "examples" / "returns" / "fake_CIN_data.xml")
    assert len(census.section47) == 0
    dates = pd.to_datetime(census.cin_details["DateOfInitialCPC"])
    in_year = int(((dates >= "2021-04-01") & (dates <= "2022-03-31")).sum())
    assert in_year > 0
    figure = census.initial_conferences_within_15_working_days(2022)
    assert (figure.done, figure.not_judged) == (0, in_year)
    assert f"0 of 0 in timescale (none judged in the year); {in_year} done in the year not judged" in str(figure)
    measure = census.initial_conference_timeliness(2022)
    months = measure.by_month().to_frame()
    assert int(months["held"].sum()) == in_year and int(months["not_judged"].sum()) == in_year
    reasons = measure.not_judged["reason"].astype(str)
    assert int((reasons == "no_enquiry").sum()) == int(dates.notna().sum())
