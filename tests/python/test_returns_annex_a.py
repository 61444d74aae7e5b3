"""Annex A workbooks: every row of the fixture accounted for, header variants matched, lettered
values decoded, bad values reported with sheet, row and column."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import safeguarding as sg
from conftest import DATA


def test_every_fixture_row_is_used_or_reported():
    path = DATA / "annex_a" / "Annex_A.xlsx"
    workbook = openpyxl.load_workbook(path, read_only=True)
    annex = sg.annex_a.load(path)
    for sheet in workbook.worksheets:
        number = int(sheet.title.split()[-1])
        rows = [r for r in sheet.iter_rows(values_only=True) if any(c is not None for c in r)]
        counts = annex.summary.loc[f"list_{number}"]
        assert counts["read"] == len(rows) - 1, sheet.title  # less the header row
        assert counts["read"] == counts["used"] + counts["rejected"]
    assert annex.list(1).loc[1, "gender"] == "Female"  # "b) Female" decoded
    assert annex.list(1).loc[0, "ethnicity"] == "WBRI"  # "a) WBRI"
    assert annex.list(3)["referral_nfa"].tolist()[:2] == [False, False]
    na = annex.findings[annex.findings["value"] == "#N/A"]
    assert set(na["table"]) == {"list_6"} and (na["action"] == "value blanked").all()


def test_header_variants_and_bad_values(tmp_path: Path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "List_1 contacts"
    sheet.append(["Annex A return (synthetic)"])  # a title row above the header
    sheet.append(["Child ID", "Sex", "DOB", " Date of contact ", "Contact Source"])
    sheet.append([101, "a) Male", dt.datetime(2015, 1, 2), "16/09/2020", "q) 6: Police"])
    sheet.append([102, "b) Female", "31/02/2019", dt.datetime(2020, 9, 17), "b) 1B"])
    sheet.append([None, "a) Male", None, dt.datetime(2020, 9, 18), None])
    path = tmp_path / "annex.xlsx"
    workbook.save(path)
    annex = sg.annex_a.load(path)
    frame = annex.list(1)
    assert list(frame.columns) == ["child_unique_id", "gender", "date_of_birth", "date_of_contact", "contact_source", "row"]
    assert frame["child_unique_id"].tolist() == ["101", "102"]
    assert frame["gender"].tolist() == ["Male", "Female"]
    assert frame["contact_source"].tolist() == ["6: Police", "1B"]
    assert frame["date_of_contact"].tolist() == [pd.Timestamp("2020-09-16"), pd.Timestamp("2020-09-17")]
    assert frame["row"].tolist() == [3, 4]
    f = annex.findings
    assert f[["row", "column", "value", "action"]].values.tolist() == [
        [4, "date_of_birth", "31/02/2019", "value blanked"],
        [5, "child_unique_id", "", "row rejected"],
    ]
    assert annex.summary.loc["list_1", ["read", "used", "rejected"]].tolist() == [3, 2, 1]
    with pytest.raises(sg.Error, match="no List 2"):
        annex.list(2)


def test_a_second_sheet_for_the_same_list_is_reported_not_swapped_in(tmp_path: Path):
    workbook = openpyxl.Workbook()
    first = workbook.active
    first.title = "List 1"
    for row in (["Child ID", "Gender"], [1, "a) Male"], [2, "b) Female"]):
        first.append(row)
    second = workbook.create_sheet("List 1 (old)")
    for row in (["Child ID", "Gender"], [3, "b) Female"]):
        second.append(row)
    path = tmp_path / "two.xlsx"
    workbook.save(path)
    annex = sg.annex_a.load(path)
    # The first sheet's two rows are List 1; the second sheet's one row is read and rejected.
    assert annex.list(1)["child_unique_id"].tolist() == ["1", "2"]
    assert annex.summary.loc["list_1", ["read", "used", "rejected"]].tolist() == [3, 2, 1]
    (finding,) = annex.findings.itertuples()
    assert finding.problem == "sheet 'List 1 (old)' is a second List 1 (the first is 'List 1'): not used (1 row)"
    assert finding.action == "row rejected"


def test_missing_workbook_is_an_error(tmp_path: Path):
    with pytest.raises(sg.Error, match="cannot open"):
        sg.annex_a.load(tmp_path / "none.xlsx")
