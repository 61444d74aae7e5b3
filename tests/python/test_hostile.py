"""Hostile input (issue 15): every reader, given a file a user or an attacker could hand it, either
reads it with every row accounted for or raises :class:`safeguarding.Error` naming the file and
where; never a crash, a hang, another exception type, or rows lost without a finding. One test (or
more) per numbered point of the issue, each building the exact input the issue describes. All data
is synthetic."""

from __future__ import annotations

import datetime as dt
import io
import json
import pickle
import re
import time
import zipfile
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

import safeguarding as sg
from safeguarding import _cli

from conftest import ROOT
from test_front_door import AS_OF, CONTACTS, STEPS, partnership

DATA = ROOT / "tests" / "data"
SSDA903_XML = DATA / "ssda903" / "fake_903.xml"
CIN_XML = DATA / "cin_census" / "CIN_Census_2024.xml"


def minimal_partnership(**changes) -> dict:
    data = {"name": "Test Partnership", "edition": "WT2018", "start": "2019-04-01",
            "partners": [{"id": "la", "name": "Test Council", "kind": "local-authority"},
                         {"id": "ccg", "name": "Test CCG", "kind": "ccg"},
                         {"id": "police", "name": "Test Police", "kind": "police"}]}
    data.update(changes)
    return data


# 1. Nesting ------------------------------------------------------------------------------------


def test_1_a_partnership_whose_calendar_nests_100000_arrays_is_an_error(tmp_path):
    # The 200 KB file: "calendar" holds 100,000 nested arrays.
    path = tmp_path / "partnership.json"
    path.write_text('{"name": "x", "calendar": ' + "[" * 100_000 + "]" * 100_000 + "}")
    with pytest.raises(sg.Error, match=r"/calendar(/0)+: the document nests .* more than 256 levels"):
        sg.Partnership.load(path)


@pytest.mark.parametrize("load", [sg.Calendar.from_json, sg.RuleCatalogue.from_json,
                                  lambda p: sg.Calendar.from_govuk_json(p)])
def test_1_every_json_reader_limits_nesting(tmp_path, load):
    path = tmp_path / "deep.json"
    path.write_text('{"a": ' + "[" * 300 + "]" * 300 + "}")
    with pytest.raises(sg.Error, match="more than 256 levels"):
        load(path)


# 2. Annex A: work bounded by the cells present -------------------------------------------------


def workbook(tmp_path: Path, rows: list[list], name: str = "List 1", extra: dict | None = None) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = name
    for row in rows:
        sheet.append(row)
    for ref, value in (extra or {}).items():
        sheet[ref] = value
    path = tmp_path / "annex_a.xlsx"
    book.save(path)
    return path


def test_2_one_cell_at_XFD1048576_is_read_quickly(tmp_path):
    # A 5 KB workbook: a header, one child, and one cell at the last row and column a sheet has.
    path = workbook(tmp_path, [["Child Unique ID", "Gender"], ["C1", "a) Male"]], extra={"XFD1048576": "x"})
    assert path.stat().st_size < 10_000
    start = time.monotonic()
    annex = sg.annex_a.load(path)
    assert time.monotonic() - start < 10
    # The stray cell is a row with no id: read and rejected, and named with its column.
    assert annex.summary.loc["list_1", ["read", "used", "rejected"]].tolist() == [2, 1, 1]
    stray = annex.findings[annex.findings["row"] == 1048576]
    assert len(stray) >= 1
    assert "XFD" in " ".join(stray["where"]) or "no header" in " ".join(stray["problem"])


def test_2_rows_beyond_the_cap_are_an_error_naming_the_sheet(tmp_path, monkeypatch):
    monkeypatch.setattr(sg.annex_a, "MAX_ROWS", 5)
    path = workbook(tmp_path, [["Child Unique ID"]] + [[f"C{i}"] for i in range(10)])
    with pytest.raises(sg.Error, match=r"annex_a.xlsx: sheet 'List 1' has more than 5 rows"):
        sg.annex_a.load(path)


# 3. Findings bounded: identical findings aggregated with a count -------------------------------


def test_3_a_million_unknown_csv_columns_give_a_bounded_number_of_findings(tmp_path):
    path = tmp_path / "episodes_2020.csv"
    unknown = ",".join(f"X{i}" for i in range(1_000_000))
    path.write_text("CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN,"
                    + unknown + "\n")
    loaded = sg.ssda903.load(path)
    unknown_findings = loaded.findings[loaded.findings["problem"].str.contains("not part of the episodes table")]
    assert len(unknown_findings) <= 101
    assert unknown_findings["problem"].str.contains("999,900 more columns").any()


def test_3_a_hundred_thousand_unknown_xml_elements_give_a_bounded_number_of_findings(tmp_path):
    path = tmp_path / "ssda903_2020.xml"
    path.write_text("<EXPSSDA903>" + "<X/>" * 100_000 + "</EXPSSDA903>")
    loaded = sg.ssda903.load(path)
    assert len(loaded.findings) <= 105
    assert loaded.findings["problem"].str.contains("99,900 more").any()


# 4. A folder where a file is expected ---------------------------------------------------------


@pytest.mark.parametrize("load", [sg.Partnership.load, sg.Calendar.from_json, sg.cin_census.load,
                                  sg.RuleCatalogue.from_json])
def test_4_a_folder_given_as_a_file_is_an_error(tmp_path, load):
    with pytest.raises(sg.Error, match="is a folder, not a file"):
        load(tmp_path)


def test_4_a_folder_given_as_an_annex_a_workbook_is_an_error(tmp_path):
    with pytest.raises(sg.Error, match="is a folder, not a file"):
        sg.annex_a.load(tmp_path)


# 5. Content after the root element -------------------------------------------------------------


@pytest.mark.parametrize("load, source", [(sg.ssda903.load, SSDA903_XML), (sg.cin_census.load, CIN_XML)])
def test_5_two_concatenated_xml_files_are_an_error(tmp_path, load, source):
    path = tmp_path / f"joined_{source.name}"
    text = source.read_bytes()
    body = text.split(b"?>", 1)[1] if text.startswith(b"<?xml") else text
    path.write_bytes(text + b"\n" + body)
    with pytest.raises(sg.Error, match=r"second root element .* at line \d+"):
        load(path)


@pytest.mark.parametrize("load, source", [(sg.ssda903.load, SSDA903_XML), (sg.cin_census.load, CIN_XML)])
def test_5_text_after_the_root_element_is_an_error(tmp_path, load, source):
    path = tmp_path / f"trailing_{source.name}"
    path.write_bytes(source.read_bytes() + b"\nsome text after the document")
    with pytest.raises(sg.Error, match="after the root element"):
        load(path)


# 6. Annex A: no row or column lost without a finding ------------------------------------------


def test_6_a_stale_dimension_does_not_hide_rows(tmp_path):
    path = workbook(tmp_path, [["Child Unique ID", "Gender"]] + [[f"C{i}", "a) Male"] for i in range(10)])
    # Rewrite the sheet's <dimension ref="A1:B11"/> as openpyxl's read-only mode trusts it.
    stale = tmp_path / "stale.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(stale, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                data, n = re.subn(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:B3"', data)
                assert n == 1
            dst.writestr(item, data)
    annex = sg.annex_a.load(stale)
    assert annex.summary.loc["list_1", ["read", "used"]].tolist() == [10, 10]
    assert annex.list(1)["child_unique_id"].tolist() == [f"C{i}" for i in range(10)]


def test_6_a_second_note_header_does_not_overwrite_note_4(tmp_path):
    # Columns A-D: id, "Note", "Note 4", "Note". The second "Note" (column D, position 4) used to be
    # renamed note_4 and overwrite the real "Note 4".
    path = workbook(tmp_path, [["Child Unique ID", "Note", "Note 4", "Note"], ["C1", "first", "fourth", "second"]])
    annex = sg.annex_a.load(path)
    row = annex.list(1).iloc[0]
    assert row["note"] == "first"
    assert row["note_4"] == "fourth"
    assert "second" in row.tolist()
    repeated = annex.findings[annex.findings["problem"].str.contains("repeats")]
    assert len(repeated) == 1


def test_6_cells_under_no_header_and_rows_above_the_header_are_reported(tmp_path):
    # Row 1: a data row above the header (two values); row 2: the header, column B blank; row 3: a
    # child with values under the blank header (B) and beyond the header (D).
    path = workbook(tmp_path, [["C0", "a) Male"], ["Child Unique ID", None, "Gender"],
                               ["C1", "lost?", "a) Male", "beyond"]])
    annex = sg.annex_a.load(path)
    f = annex.findings
    assert set(f[f["row"] == 3]["value"]) == {"lost?", "beyond"}
    above = f[f["row"] == 1]
    assert len(above) == 1 and "above the header" in above.iloc[0]["problem"]
    counts = annex.summary.loc["list_1"]
    assert counts["read"] == counts["used"] + counts["rejected"] + counts["merged"]


# 7. Truncation and merging ---------------------------------------------------------------------


def test_7_a_nul_character_reference_in_a_child_id_is_an_error(tmp_path):
    path = tmp_path / "cin.xml"
    text = CIN_XML.read_text()
    first = re.search(r"<LAchildID>([^<]*)</LAchildID>", text)
    assert first
    path.write_text(text[: first.start(1)] + "A&#0;B" + text[first.end(1):])
    with pytest.raises(sg.Error, match=r"&#0; at line \d+, column \d+"):
        sg.cin_census.load(path)


@pytest.mark.parametrize("case", [2.0**64, float("inf"), -2.0**63 * 4])
def test_7_float_case_ids_beyond_exact_whole_numbers_are_an_error(case):
    catalogue = sg.RuleCatalogue.builtin()
    event = catalogue.events[0][0]
    events = pd.DataFrame({"case": [case, 1.0], "event": [event, event], "date": pd.to_datetime(["2024-01-02"] * 2)})
    with pytest.raises(sg.Error, match="case"):
        sg.timeliness(events)


def test_7_uint64_shifts_beyond_int64_are_an_error():
    cal = sg.Calendar.england_and_wales()
    with pytest.raises(sg.Error, match="18446744073709551615"):
        cal.add_working_days([dt.date(2020, 1, 1)], np.array([2**64 - 1], dtype=np.uint64))


def test_7_a_misspelt_optional_front_door_column_is_an_error(tmp_path):
    path = tmp_path / "contacts.csv"
    CONTACTS.rename(columns={"decision_date": "decison_date"}).to_csv(path, index=False)
    with pytest.raises(sg.Error, match=r"(?s)contacts.csv.*'decison_date'.*did you mean 'decision_date'"):
        sg.FrontDoor(partnership(), path, STEPS, as_of=AS_OF)


def test_7_a_front_door_row_with_an_extra_field_is_an_error(tmp_path):
    path = tmp_path / "contacts.csv"
    CONTACTS.to_csv(path, index=False)
    lines = path.read_text().splitlines()
    lines[3] += ",extra"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(sg.Error, match=r"(?s)contacts.csv.*row 4: 11 fields, but the header has 10"):
        sg.FrontDoor(partnership(), path, STEPS, as_of=AS_OF)


def test_7_a_duplicated_front_door_column_is_an_error(tmp_path):
    path = tmp_path / "contacts.csv"
    text = CONTACTS.to_csv(index=False).splitlines()
    text = [line + "," + line.split(",")[5] for line in text]  # decision_date again, as column 11
    path.write_text("\n".join(text) + "\n")
    with pytest.raises(sg.Error, match=r"(?s)contacts.csv.*'decision_date' appears more than once"):
        sg.FrontDoor(partnership(), path, STEPS, as_of=AS_OF)


def test_7_a_table_file_with_another_extension_beside_the_csv_files_is_an_error(tmp_path):
    folder = tmp_path / "ssda903_2020"
    folder.mkdir()
    (folder / "episodes.csv").write_text("CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,"
                                         "HOME_POST,PL_POST,URN\n")
    (folder / "reviews.txt").write_text("CHILD,DOB,REVIEW,REVIEW_CODE\n")
    (folder / "README.md").write_text("not a table\n")
    with pytest.raises(sg.Error, match=r"reviews.txt: .*\.csv or \.xml"):
        sg.ssda903.load(folder)


# 8. Exceptions that are not safeguarding.Error ------------------------------------------------


def test_8_a_json_number_out_of_range_is_an_error(tmp_path):
    path = tmp_path / "partnership.json"
    path.write_text(json.dumps(minimal_partnership())[:-1] + ', "settings": {"attendance_target": 1e999}}')
    with pytest.raises(sg.Error, match="partnership.json"):
        sg.Partnership.load(path)


@pytest.mark.parametrize("reference", ["&#xD800;", "&#x110000;", "&#1114112;"])
def test_8_character_references_that_are_not_unicode_are_errors(tmp_path, reference):
    path = tmp_path / "cin.xml"
    text = CIN_XML.read_text()
    first = re.search(r"<LAchildID>([^<]*)</LAchildID>", text)
    assert first
    path.write_text(text[: first.start(1)] + "A" + reference + text[first.end(1):])
    with pytest.raises(sg.Error, match=r"line \d+, column \d+"):
        sg.cin_census.load(path)


def test_8_a_file_name_that_is_not_utf8_is_read_or_an_error(tmp_path):
    name = bytes(tmp_path) + b"/caf\xe9.xml"
    try:
        with open(name, "wb") as f:
            f.write(CIN_XML.read_bytes())
    except OSError:
        pytest.skip("the file system refuses names that are not UTF-8")
    path = Path(name.decode("utf-8", "surrogateescape"))
    try:
        sg.cin_census.load(path).summary  # noqa: B018
    except sg.Error:
        pass


def test_8_a_malformed_annex_a_sheet_is_an_error(tmp_path):
    path = workbook(tmp_path, [["Child Unique ID"], ["C1"]])
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(broken, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = data[: len(data) // 2]  # truncated: parsed lazily, after the workbook opened
            dst.writestr(item, data)
    with pytest.raises(sg.Error, match="broken.xlsx"):
        sg.annex_a.load(broken)


def test_8_annex_a_numbers_out_of_range_are_findings(tmp_path):
    path = workbook(tmp_path, [["Child Unique ID", "Age of Child (Years)"], ["C1", 1e300], ["C2", "inf"],
                               ["C3", "nan"], ["C4", 7]])
    annex = sg.annex_a.load(path)
    assert annex.list(1)["age"].tolist()[3] == 7
    bad = annex.findings[annex.findings["column"] == "age"]
    assert sorted(bad["row"].tolist()) == [2, 3, 4]


def test_8_unusual_datetime_units_in_timeliness_are_read_or_an_error():
    catalogue = sg.RuleCatalogue.builtin()
    event = catalogue.events[0][0]
    for unit in ("ps", "fs", "Y", "W", "h"):
        dates = np.zeros(1, dtype=f"datetime64[{unit}]")  # 1970-01-01: picoseconds reach only ±106 days
        try:
            sg.timeliness({"case": [1], "event": [event], "date": dates})
        except sg.Error:
            pass


def test_8_cyclic_and_deep_dicts_are_errors():
    cyclic: dict = {"name": "x"}
    cyclic["partners"] = [cyclic]
    deep: dict = {}
    inner = deep
    for _ in range(5000):
        inner["a"] = {}
        inner = inner["a"]
    for data in (cyclic, deep):
        for from_dict in (sg.Partnership.from_dict, sg.Calendar.from_dict, sg.RuleCatalogue.from_dict):
            with pytest.raises(sg.Error, match="<dict>"):
                from_dict(data)


def test_8_python_ints_beyond_64_bits_are_errors():
    cal = sg.Calendar.england_and_wales()
    with pytest.raises(sg.Error, match=str(2**70)):
        cal.add_working_days(dt.date(2020, 1, 1), 2**70)
    with pytest.raises(sg.Error):
        cal.add_working_days([dt.date(2020, 1, 1)], [2**70])


def test_8_add_working_days_at_the_int64_limits_is_an_error():
    cal = sg.Calendar.england_and_wales()
    for n in (2**63 - 1, -(2**63)):
        with pytest.raises(sg.Error, match="outside the england-and-wales calendar's range"):
            cal.add_working_days(dt.date(2020, 1, 1), n)


def test_8_a_duty_due_in_2320_is_an_error_from_to_frame_not_out_of_bounds_datetime():
    # A calendar of its own reaching 2330 lets a duty fall due on 31 January 2320 (its first_due);
    # datetime64[ns] stops at 2262-04-11, so the DataFrame cannot hold it: an Error naming the
    # column and the date, while the findings themselves keep the date.
    data = minimal_partnership(
        calendar={"name": "far", "first_date": "2019-01-01", "last_date": "2330-12-31", "holidays": []},
        duties=[{"id": "far", "title": "Far duty", "activity": "far-report",
                 "schedule": {"kind": "interval", "every": "100 years", "first_due": "2320-01-31"},
                 "source": "test"}])
    report = sg.Partnership.from_dict(data).evaluate("2320-03-01")
    assert dt.date(2320, 1, 31) in [f.due for f in report.findings if f.kind is sg.FindingKind.DUTY]
    with pytest.raises(sg.Error, match=r"to_frame: column '\w+': 2320-0[13]-\d\d is beyond the dates a DataFrame"):
        report.to_frame()


def test_8_the_cli_prints_one_line_for_an_unreadable_file(tmp_path):
    path = tmp_path / "partnership.json"
    path.write_text('{"name": ' + "[" * 10_000 + "]" * 10_000 + "}")
    err = io.StringIO()
    status = _cli.main(["report", str(path), "--as-of", "2020-01-01"], out=io.StringIO(), err=err)
    assert status == 2  # bad input
    assert err.getvalue().count("\n") == 1
    assert str(path) in err.getvalue()


# 9. Trust boundaries ---------------------------------------------------------------------------


@pytest.mark.parametrize("calendar", ["../../etc/passwd", "/etc/passwd", "sub/../../outside.json"])
def test_9_a_calendar_path_outside_the_partnership_folder_is_refused(tmp_path, calendar):
    folder = tmp_path / "partnership"
    folder.mkdir()
    (tmp_path / "outside.json").write_text('{"secret key": "secret value"}')
    path = folder / "partnership.json"
    path.write_text(json.dumps(minimal_partnership(calendar=calendar)))
    with pytest.raises(sg.Error, match="/calendar: .*outside the partnership file's folder") as error:
        sg.Partnership.load(path)
    assert "root:" not in str(error.value) and "secret" not in str(error.value)


def test_9_a_calendar_file_beside_the_partnership_is_read(tmp_path):
    (tmp_path / "calendars").mkdir()
    (tmp_path / "calendars" / "local.json").write_text(json.dumps({"base": "england-and-wales",
                                                                    "holidays": [{"date": "2020-01-02",
                                                                                  "name": "Local day"}]}))
    path = tmp_path / "partnership.json"
    path.write_text(json.dumps(minimal_partnership(calendar="calendars/local.json")))
    p = sg.Partnership.load(path)
    assert p.calendar.holiday_on(dt.date(2020, 1, 2)) is not None


def test_9_a_caller_who_trusts_the_file_may_allow_its_calendar_anywhere(tmp_path):
    # 2 January 2020 (a Thursday) is a local holiday in a calendar kept beside the folder, not in it.
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "local.json").write_text(json.dumps({"base": "england-and-wales",
                                                                "holidays": [{"date": "2020-01-02",
                                                                              "name": "Local day"}]}))
    folder = tmp_path / "partnership"
    folder.mkdir()
    for calendar in ("../shared/local.json", str(tmp_path / "shared" / "local.json")):
        data = minimal_partnership(calendar=calendar)
        path = folder / "partnership.json"
        path.write_text(json.dumps(data))
        with pytest.raises(sg.Error, match="outside the partnership file's folder"):
            sg.Partnership.load(path)
        for p in (sg.Partnership.load(path, calendar_anywhere=True),
                  sg.Partnership.from_json(json.dumps(data), base_dir=folder, calendar_anywhere=True),
                  sg.Partnership.from_dict(data, base_dir=folder, calendar_anywhere=True)):
            assert p.calendar.holiday_on(dt.date(2020, 1, 2)) is not None
            # a pickle keeps the permission: it reads the same calendar file again
            assert pickle.loads(pickle.dumps(p)).calendar.holiday_on(dt.date(2020, 1, 2)) is not None
        out, err = io.StringIO(), io.StringIO()
        assert _cli.main(["report", str(path), "--as-of", "2020-01-01"], out=out, err=err) == 2
        assert "outside the partnership file's folder" in err.getvalue()
        status = _cli.main(["report", str(path), "--as-of", "2020-01-01", "--calendar-anywhere"],
                           out=io.StringIO(), err=io.StringIO())
        assert status == 0  # read and evaluated (no --fail-on)


def test_9_a_calendar_file_of_another_kind_is_not_echoed(tmp_path):
    (tmp_path / "other.json").write_text(json.dumps({"secret key": "secret value", "other": [1, 2]}))
    (tmp_path / "text.json").write_text("secret text, not JSON\n")
    for name in ("other.json", "text.json"):
        path = tmp_path / "partnership.json"
        path.write_text(json.dumps(minimal_partnership(calendar=name)))
        with pytest.raises(sg.Error, match=f"/calendar: .*{name}") as error:
            sg.Partnership.load(path)
        assert "secret" not in str(error.value)


# 10. Linear validation, cycles rejected -------------------------------------------------------


def test_10_chained_groups_validate_in_linear_time():
    # Quadratic validation took 6.4 s for 32,000 chained groups: four times the groups must take
    # about four times as long (quadratic: sixteen), whatever the machine's load.
    def seconds(n: int) -> float:
        groups = [{"id": f"g{i}", "name": f"Group {i}", "kind": "delivery-subgroup", "chairs": [],
                   "members": [{"agency": "la"}], "frequency": {"per": "as-required"},
                   **({"parent": f"g{i - 1}"} if i else {})} for i in range(n)]
        data = minimal_partnership(groups=groups)
        start = time.monotonic()
        sg.Partnership.from_dict(data)
        return time.monotonic() - start

    small, large = seconds(8_000), seconds(32_000)
    assert large < 8 * small + 0.5


@pytest.mark.parametrize("follows", ["a1", "a2"])
def test_10_activities_that_follow_themselves_or_each_other_in_a_cycle_are_refused(follows):
    activities = [{"id": "a1", "type": "audit", "date": "2020-01-01", "title": "One", "follows": follows},
                  {"id": "a2", "type": "audit", "date": "2020-02-01", "title": "Two", "follows": "a1"}]
    with pytest.raises(sg.Error, match="/activities/.*cycle|follows itself"):
        sg.Partnership.from_dict(minimal_partnership(activities=activities))
