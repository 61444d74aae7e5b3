"""SSDA903 returns: every fixture row accounted for, bad input reported, stitching, and the
counting measures on a small hand-made return whose figures are worked out in the comments."""

from __future__ import annotations

import csv
import datetime as dt
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd
import pytest

import safeguarding as sg
from conftest import SSDA903_CSV, SSDA903_XML

EPISODE_HEAD = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"


def episode(child: str, decom: str, rne: str, ls: str, dec: str = "", rec: str = "") -> str:
    return f"{child},{decom},{rne},{ls},N1,U1,PR1,{dec},{rec},,,,\n"


def test_every_fixture_csv_row_is_used_or_reported(ssda903_folder: Path):
    data = sg.ssda903.load(sorted(ssda903_folder.glob("*.csv")))
    assert sorted(SSDA903_CSV) == sorted(sg.ssda903.TABLES)
    for name in sg.ssda903.TABLES:
        path = SSDA903_CSV[name]
        with open(path, encoding="utf-8-sig", newline="") as handle:
            rows = sum(1 for _ in csv.reader(handle)) - 1  # an independent count: records less the header
        counts = data.summary.loc[name]
        assert counts["read"] == rows, name
        assert counts["read"] == counts["used"] + counts["rejected"] + counts["merged"], name
        assert len(data.tables[name]) == counts["used"]
    # Every row not used has a finding naming its file and row (identical merged rows share one
    # finding, which counts them and lists their row ranges).
    not_used = data.findings[data.findings["action"].isin(["row rejected", "row merged"])]
    assert int(not_used["count"].sum()) == int(data.summary["rejected"].sum() + data.summary["merged"].sum())
    for count, rows in zip(not_used["count"], not_used["rows"]):
        assert rows is None if count == 1 else sum(last - first + 1 for first, last in rows) == count
    assert not_used["file"].str.endswith(".csv").all() and not_used["row"].notna().all()


def test_every_fixture_xml_element_is_used_or_reported():
    path = SSDA903_XML
    root = ET.parse(path).getroot()
    expected = {
        "header": len(root.findall("CHILD")),
        "episodes": len(root.findall("CHILD/EPISODE")),
        "reviews": len(root.findall("CHILD/HEADER/AREVIEW")),
        "missing": len(root.findall("CHILD/HEADER/AMISSING")),
        "oc2": len(root.findall("CHILD/HEADER/OC2")),
        "placed_for_adoption": len(root.findall("CHILD/HEADER/AD_PLACED")),
        "previous_permanence": len(root.findall("CHILD/HEADER/PERMANENCE")),
    }
    data = sg.ssda903.load(path)
    for table, count in expected.items():
        counts = data.summary.loc[table]
        assert counts["read"] == count, table
        assert counts["read"] == counts["used"] + counts["rejected"] + counts["merged"]
    # The fixture's made-up REASON_PLACED_CEASED "XXX" is reported with its element path.
    xxx = data.findings[data.findings["value"] == "XXX"]
    assert len(xxx) == expected["placed_for_adoption"]
    assert xxx["where"].str.match(r"/EXPSSDA903/CHILD\[\d+\]/HEADER/AD_PLACED\[1\]/REASON_PLACED_CEASED").all()


@pytest.fixture()
def small_return(tmp_path: Path) -> Path:
    """A synthetic return for 2018-19 (1 April 2018 to 31 March 2019)."""
    folder = tmp_path / "903"
    folder.mkdir()
    (folder / "episodes.csv").write_text(
        EPISODE_HEAD
        # A: in care since before the year; P on 1 June, L (legal status only) on 1 September,
        # P on 1 December: placements 1 + 1 + 0 + 1 = 3; looked after at 31 March.
        + episode("A", "01/01/2018", "S", "C2", "01/06/2018", "X1")
        + episode("A", "01/06/2018", "P", "C2", "01/09/2018", "X1")
        + episode("A", "01/09/2018", "L", "C1", "01/12/2018", "X1")
        + episode("A", "01/12/2018", "P", "C1")
        # B: starts and returns home in the year: 1 placement, ceased E4A.
        + episode("B", "01/05/2018", "S", "C2", "01/08/2018", "E4A")
        # C: short breaks only (V3): left out of every count by default.
        + episode("C", "01/02/2019", "S", "V3")
        # D: ceases on 31 March itself (E11): not looked after at the end of 31 March; 1 placement.
        + episode("D", "10/03/2019", "S", "C2", "31/03/2019", "E11")
        # E: starts after the year.
        + episode("E", "01/04/2019", "S", "C2")
        # F: ceased before the year (E13 on 31 March 2018): not counted.
        + episode("F", "01/01/2017", "S", "C2", "31/03/2018", "E13")
        # G: the first episode ends on 1 April 2018, inside the year: 1, then P, P (+2), then L:
        # 3 placements; looked after at 31 March.
        + episode("G", "01/03/2018", "S", "C2", "01/04/2018", "X1")
        + episode("G", "01/04/2018", "P", "C2", "05/04/2018", "X1")
        + episode("G", "05/04/2018", "P", "C2", "10/04/2018", "X1")
        + episode("G", "10/04/2018", "L", "C1")
        # H: starts in January and stays: 1 placement; looked after at 31 March.
        + episode("H", "01/01/2019", "S", "C2"),
        encoding="utf-8",
    )
    (folder / "reviews.csv").write_text(
        "CHILD,DOB,REVIEW,REVIEW_CODE\n"
        "A,01/01/2005,20/01/2018,PN1\n"  # before the year
        "A,01/01/2005,15/04/2018,PN1\n"
        "A,01/01/2005,15/10/2018,pn5\n"  # lower case: PN5
        "G,01/01/2016,01/04/2018,PN0\n"  # first day of the year
        "G,01/01/2016,31/03/2019,PN7\n"  # last day of the year
        "G,01/01/2016,01/04/2019,PN7\n"  # after the year
        "H,01/01/2010,20/01/2019,\n"  # blank code: not recorded
        "B,01/01/2012,10/06/2018,PN9\n",  # unknown code: blanked and reported, not recorded
        encoding="utf-8",
    )
    return folder


def test_participation_codes(small_return: Path):
    data = sg.ssda903.load(small_return)
    table = data.participation(2019).to_frame()
    # In the year: A 15/04 PN1, A 15/10 PN5, G 01/04 PN0, G 31/03 PN7, H blank, B PN9 -> 6 reviews.
    assert table["reviews"].to_dict() == {
        "PN0": 1, "PN1": 1, "PN2": 0, "PN3": 0, "PN4": 0, "PN5": 1, "PN6": 0, "PN7": 1, "not recorded": 2,
    }
    assert table.loc["PN1", "share"] == pytest.approx(1 / 6)
    assert table.loc["not recorded", "share"] == pytest.approx(2 / 6)
    bad = data.findings[data.findings["column"] == "REVIEW_CODE"]
    assert bad[["row", "value", "action"]].values.tolist() == [[9, "PN9", "value blanked"]]


def test_reasons_ceased(small_return: Path):
    data = sg.ssda903.load(small_return)
    # DEC in the year and REC not X1: B (E4A, 01/08/2018) and D (E11, 31/03/2019); F ceased before.
    assert data.reasons_ceased("2018-19").to_frame()["episodes"].to_dict() == {"E11": 1, "E4A": 1}


def test_looked_after_at_31_march(small_return: Path):
    data = sg.ssda903.load(small_return)
    # A, G and H; D ceased on 31 March, C is on short breaks, E starts later.
    assert data.looked_after_at_31_march(2019) == 3
    assert sorted(data.looked_after_on(dt.date(2019, 3, 31)).to_frame()["CHILD"].astype(str)) == ["A", "G", "H"]
    # With short breaks, C too.
    assert data.looked_after_at_31_march(2019, short_breaks=True) == 4
    # D was looked after at the end of 30 March.
    assert "D" in set(data.looked_after_on("2019-03-30").to_frame()["CHILD"].astype(str))


def test_placements_count_moves_not_legal_status_changes(small_return: Path):
    data = sg.ssda903.load(small_return)
    per_child = data.placements(2019).to_frame().set_index("CHILD")
    # Worked out in the fixture's comments: A 3, B 1, D 1, G 3, H 1 (C: short breaks; E, F: outside).
    assert per_child["placements"].to_dict() == {"A": 3, "B": 1, "D": 1, "G": 3, "H": 1}
    assert data.placement_counts(2019).to_frame()["children"].to_dict() == {1: 3, 3: 2}
    # Of the 3 children looked after at 31 March (A, G, H), A and G had 3 or more.
    result = data.three_or_more_placements(2019)
    assert (result.count, result.total) == (2, 3)
    assert str(result) == "2 of 3 (66.7%)"


def test_measures_of_a_year_without_episodes(small_return: Path):
    # 2009-10 is before every date of the return (the first episode starts in 2017): since #12 a
    # year the data does not cover gives no figure at all (not "0 children"), an Error naming the
    # years it covers (docs/returns.md: no figures for years outside the data).
    data = sg.ssda903.load(small_return)
    for measure in (data.placements, data.placement_counts, data.three_or_more_placements,
                    data.looked_after_at_31_march):
        with pytest.raises(sg.Error, match=r"2009-10 is outside the years the data covers"):
            measure(2010)


def test_several_years_are_stitched(tmp_path: Path):
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir(), second.mkdir()
    (first / "episodes.csv").write_text(EPISODE_HEAD + episode("X", "10/10/2018", "S", "C2"))
    (second / "episodes.csv").write_text(EPISODE_HEAD + episode("X", "10/10/2018", "S", "C2", "01/06/2019", "E4A"))
    data = sg.ssda903.load({2019: first, "2019-20": second})
    assert data.returns["year"].tolist() == [2019, 2020]
    assert len(data.episodes) == 1
    assert data.episodes.loc[0, "DEC"] == pd.Timestamp("2019-06-01")
    assert data.summary.loc["episodes", ["read", "used", "merged"]].tolist() == [2, 1, 1]
    merged = data.findings[data.findings["action"] == "row merged"]
    assert len(merged) == 1 and "differs in DEC, REC" in merged["problem"].iloc[0]
    # One row merged names the row it went into as a finding for many rows does: a's row 2 (X's
    # episode from 10/10/2018) into b's row 2, the one range (2, 2); `rows` stays None (count 1).
    f = merged.iloc[0]
    assert (f["file"], f["row"], f["count"], f["rows"]) == (str(first / "episodes.csv"), 2, 1, None)
    assert (f["kept_file"], f["kept_rows"]) == (str(second / "episodes.csv"), [(2, 2)])
    # Every other finding has none.
    others = data.findings[data.findings["action"] != "row merged"]
    assert (others["kept_file"] == "").all() and others["kept_rows"].isna().all()
    # The JSON of `safeguarding returns` (the C++ document) gives them too.
    document = json.loads(sg._core.returns.ssda903_report_json(
        data._impl, sg._core.returns.ReportingYear(2020), "given", sg.RuleCatalogue.builtin()._impl,
        sg.Calendar.england_and_wales()._impl))
    [row] = [x for x in document["findings"] if x["action"] == "row merged"]
    assert (row["row"], row["count"], row["rows"]) == (2, 1, None)
    assert (row["kept_file"], row["kept_rows"]) == (str(second / "episodes.csv"), [[2, 2]])
    assert all(x["kept_file"] is None and x["kept_rows"] is None for x in document["findings"] if x is not row)


def test_identical_merged_rows_are_one_finding_with_their_count_and_rows(tmp_path: Path):
    first, second = tmp_path / "2019", tmp_path / "2020"
    first.mkdir(), second.mkdir()
    # 2019 (rows 2-6): A, B, C, D, E open; 2020 (rows 2-5): A, B, D, E the same, C missing. A, B, D
    # and E merge into 2020's rows, identical: rows 2-3 and 5-6 of the 2019 file; C is kept.
    (first / "episodes.csv").write_text(EPISODE_HEAD + "".join(
        episode(c, f"0{n}/04/2018", "S", "C2") for n, c in enumerate("ABCDE", start=1)))
    (second / "episodes.csv").write_text(EPISODE_HEAD + "".join(
        episode(c, f"0{n}/04/2018", "S", "C2") for n, c in enumerate("ABCDE", start=1) if c != "C"))
    data = sg.ssda903.load([first, second])
    # read 5 + 4 = 9 = used 5 (A..E) + merged 4.
    assert data.summary.loc["episodes", ["read", "used", "merged"]].tolist() == [9, 5, 4]
    merged = data.findings[data.findings["action"] == "row merged"]
    assert len(merged) == 1
    f = merged.iloc[0]
    assert (f["file"], f["row"], f["count"], f["rows"]) == (str(first / "episodes.csv"), 2, 4, [(2, 3), (5, 6)])
    assert (f["child"], f["value"], f["where"]) == ("", "", "rows 2-3, 5-6, column DECOM")
    # Each merged row names the row it went into: 2019's rows 2, 3, 5, 6 (A, B, D, E) into 2020's
    # rows 2, 3, 4, 5 (A, B, D, E: C is not there), one range.
    assert (f["kept_file"], f["kept_rows"]) == (str(second / "episodes.csv"), [(2, 5)])
    assert f["problem"] == (f"also in {second / 'episodes.csv'} (the same child's row with the same DECOM), "
                            "the 2020 return, whose row is kept (identical)")
    # The JSON of `safeguarding returns` (the C++ document) gives the count and the ranges too.
    document = json.loads(sg._core.returns.ssda903_report_json(
        data._impl, sg._core.returns.ReportingYear(2020), "given", sg.RuleCatalogue.builtin()._impl,
        sg.Calendar.england_and_wales()._impl))
    [row] = [x for x in document["findings"] if x["action"] == "row merged"]
    assert (row["row"], row["count"], row["rows"]) == (2, 4, [[2, 3], [5, 6]])
    assert (row["kept_file"], row["kept_rows"]) == (str(second / "episodes.csv"), [[2, 5]])
    assert [x["count"] for x in document["findings"] if x["action"] != "row merged"] == [1] * (
        len(document["findings"]) - 1)


def test_bad_input_is_reported_with_file_row_and_column(tmp_path: Path):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "episodes.csv").write_text(
        EPISODE_HEAD + episode("A", "31/02/2019", "S", "C2") + "B,01/04/2018,S\n" + episode("C", "01/04/2018", "S", "C2")
    )
    (folder / "reviews.csv").write_text("CHILD,DOB,REVIEW,REVIEW_CODE\nA,01/01/2010,01/01/2009,PN1\n")
    (folder / "header.csv").write_text("CHILD,SEX,DOB,ETHNIC,UPN\nA,1,01/01/2010,WBRI,X\n")  # no MOTHER, MC_DOB
    (folder / "notes.csv").write_text("WHAT,IS,THIS\n1,2,3\n")
    data = sg.ssda903.load(folder)
    f = data.findings
    episodes = str(folder / "episodes.csv")

    def find(table: str, text: str) -> pd.DataFrame:
        return f[(f["table"] == table) & f["problem"].str.contains(text, regex=False)]

    date = find("episodes", "February 2019 has 28 days")
    assert date[["file", "row", "column", "value", "action"]].values.tolist() == [
        [episodes, 2, "DECOM", "31/02/2019", "row rejected"]
    ]
    assert find("episodes", "ragged row")["row"].tolist() == [3]
    assert find("reviews", "before DOB")[["row", "column", "action"]].values.tolist() == [[2, "REVIEW", "row rejected"]]
    assert set(find("header", "is missing")["column"]) == {"MOTHER", "MC_DOB"}
    unidentified = f[f["problem"].str.contains("cannot be identified")]
    assert unidentified["file"].tolist() == [str(folder / "notes.csv")]
    assert data.summary.loc["(unidentified)", ["read", "rejected"]].tolist() == [1, 1]
    assert data.summary.loc["episodes", ["read", "used", "rejected"]].tolist() == [3, 1, 2]
    assert "episodes: 3 rows read = 1 used + 2 rejected + 0 merged" in data.summary_text()


def test_unreadable_files_raise_one_error_naming_each(tmp_path: Path):
    (tmp_path / "a.xml").write_text("<EXPSSDA903><CHILD>")
    (tmp_path / "b.csv").write_bytes(b"\xff\xfeA")  # UTF-16 with an odd number of bytes
    with pytest.raises(sg.Error) as error:
        sg.ssda903.load([tmp_path / "a.xml", tmp_path / "b.csv"])
    assert len(error.value.problems) == 2
    assert "a.xml" in str(error.value) and "b.csv" in str(error.value)
    with pytest.raises(sg.Error, match="no such file or folder"):
        sg.ssda903.load(tmp_path / "nowhere")


def test_a_file_not_in_utf8_is_an_error_naming_its_position(tmp_path: Path):
    # Saved in Windows-1252: the pound sign in PL_POST is the byte A3, line 2, column 36
    # ("C1,01/01/2018,S,C2,N1,U1,PR1,,,,,N1" is 35 characters).
    (tmp_path / "episodes.csv").write_bytes((EPISODE_HEAD + "C1,01/01/2018,S,C2,N1,U1,PR1,,,,,N1\xa3,\n").encode("cp1252"))
    (tmp_path / "census.xml").write_bytes(b"<Message><Children><Child><ChildIdentifiers><LAchildID>\xe9")
    with pytest.raises(sg.Error) as error:
        sg.ssda903.load(tmp_path / "episodes.csv")
    assert error.value.problems == [(
        str(tmp_path / "episodes.csv"),
        "the file is not UTF-8 text: byte 0xA3 at line 2, column 36 is not part of a UTF-8 character"
        " (1 such byte in the file); save it as UTF-8 or UTF-16",
    )]
    with pytest.raises(sg.Error, match=r"census.xml: the file is not UTF-8 text: byte 0xE9 at line 1, column 56"):
        sg.cin_census.load(tmp_path / "census.xml")


def test_reporting_years():
    assert sg.ReportingYear.of(2019) == sg.ReportingYear.of("2018-19") == sg.ReportingYear.of("2018/2019")
    assert sg.ReportingYear.of(2019).start == dt.date(2018, 4, 1)
    with pytest.raises(sg.Error, match="consecutive"):
        sg.ReportingYear.of("2018-20")
    with pytest.raises(sg.Error):
        sg.ReportingYear.of("last year")


def test_the_reporting_year_and_quarter_of_a_day_are_the_cores():
    # 31 March 2019 is the last day of 2018-19 (its Q4); 1 April 2019 the first of 2019-20 (Q1);
    # 30 June Q1, 1 July Q2, 31 December Q3, 1 January 2020 Q4 of 2019-20.
    year = sg._core.returns.ReportingYear
    cases = [(dt.date(2019, 3, 31), 2019, 4), (dt.date(2019, 4, 1), 2020, 1), (dt.date(2019, 6, 30), 2020, 1),
             (dt.date(2019, 7, 1), 2020, 2), (dt.date(2019, 12, 31), 2020, 3), (dt.date(2020, 1, 1), 2020, 4)]
    assert [(year.ending_of(day), year.quarter_of(day)) for day, _, _ in cases] == [(e, q) for _, e, q in cases]
    # sg.bands labels the reporting year and quarter of completion with them: a LADO case concluded
    # on 31 March 2019 (2018-19 Q4), another on 1 April 2019 (2019-20 Q1).
    events = pd.DataFrame({"case": [1, 1, 2, 2], "event": ["lado.referred", "lado.concluded"] * 2,
                           "date": pd.to_datetime(["2019-03-01", "2019-03-31", "2019-03-25", "2019-04-01"])})
    result = sg.timeliness(events, rules="lado.resolution", as_of="2019-06-30")
    by_quarter = sg.bands(result, by="reporting_quarter")
    assert sorted(set(by_quarter["reporting_quarter"].astype(str))) == ["2018-19 Q4", "2019-20 Q1"]
    by_year = sg.bands(result, by="reporting_year")
    assert sorted(set(by_year["reporting_year"].astype(str))) == ["2018-19", "2019-20"]


def test_counting_measures_name_their_definition_and_source(small_return: Path):
    data = sg.ssda903.load(small_return)
    frames = {
        "ssda903.participation": data.participation(2019),
        "ssda903.reasons_ceased": data.reasons_ceased(2019),
        "ssda903.placements": data.placements(2019),
        "ssda903.looked_after_at_31_march": data.looked_after_on("2019-03-31"),
    }
    for measure, table in frames.items():
        assert table.measure == measure
        assert table.source == sg.COUNTING_MEASURES[measure] and "DfE" in table.source
    assert data.participation(2019).year == sg.ReportingYear.of(2019)
    assert "ssda903.participation in 2018-19" in repr(data.participation(2019))
    stability = data.three_or_more_placements(2019)
    assert stability.measure == "ssda903.three_or_more_placements"
    assert "placement stability" in stability.source
    assert sg.Proportion(1, 2).source == ""
