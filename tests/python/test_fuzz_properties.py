"""Property tests for the readers (issue 15), with hypothesis: on generated files, including the
hostile cases of the issue (blank and repeated headers, values beyond the header, huge and
non-finite numbers, ragged rows, unknown elements), every reader either raises
:class:`safeguarding.Error` or accounts for every row: the rows in the file, counted here
independently of the reader, equal used + rejected + merged. The Annex A reader is Python
(openpyxl), so it is fuzzed here; the C++ readers are also fuzzed by libFuzzer (``./dev fuzz``).
All data is synthetic. ``HYPOTHESIS_EXAMPLES`` sets the number of examples (default 25)."""

from __future__ import annotations

import datetime as dt
import math
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import safeguarding as sg

EXAMPLES = int(os.environ.get("HYPOTHESIS_EXAMPLES", "25"))
# The same examples on every run (a test suite that passes or fails by chance is no check), unless
# SAFEGUARDING_FUZZ_RANDOM is set to explore new ones.
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck),
                    derandomize="SAFEGUARDING_FUZZ_RANDOM" not in os.environ)

# Annex A ----------------------------------------------------------------------------------------

HEADERS = ["Child Unique ID", "Gender", "Date of Contact", "Age of Child (Years)", "Referral NFA", "Note", "Note 4",
           "", None, "Unknown column", "Number of referrals in last 12 months"]
CELLS = st.one_of(
    st.none(),
    st.sampled_from(["C1", "C2", "a) Male", "b) Female", "Yes", "no", "#N/A", "nan", "inf", "-inf", "1e300",
                     "31/12/2019", "12/31/2019", "2019-02-30", "0001-01-01", " ", "=A1", "\u00a0"]),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
    st.text(max_size=8),
)


def _cell(value: Any) -> Any:
    # openpyxl refuses control characters in cells; they are not what this property is about.
    if isinstance(value, str):
        return "".join(c for c in value if c.isprintable()) or None
    # A workbook cannot hold an infinite or NaN number: openpyxl writes the cell empty.
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


@st.composite
def annex_sheets(draw: Any) -> tuple[Any, ...]:
    header = draw(st.lists(st.sampled_from(HEADERS), min_size=1, max_size=6))
    if "Child Unique ID" not in header:
        header.insert(draw(st.integers(0, len(header))), "Child Unique ID")
    above = draw(st.lists(st.lists(CELLS, max_size=3), max_size=2))
    rows = draw(st.lists(st.lists(CELLS, max_size=len(header) + 2), max_size=12))
    return above, header, rows


@SETTINGS
@given(sheet=annex_sheets())
def test_annex_a_rows_in_equal_used_rejected_and_merged(tmp_path_factory: Any, sheet: Any) -> None:
    above, header, rows = sheet
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "List 1"
    for row in [*above, header, *rows]:
        ws.append([_cell(c) for c in row] or [None])
    path = Path(tmp_path_factory.mktemp("annex")) / "annex_a.xlsx"
    book.save(path)
    # Counted here: rows below the header with a value, and rows above it with two or more values.
    written = [[_cell(c) for c in row] for row in rows]
    below = sum(any(c is not None and str(c).strip() for c in row) for row in written)
    over = sum(sum(c is not None and str(c).strip() != "" for c in (_cell(x) for x in row)) > 1 for row in above)
    try:
        annex = sg.annex_a.load(path, today=dt.date(2020, 1, 1))
    except sg.Error:
        return
    counts = annex.summary.loc["list_1"]
    assert counts["read"] == counts["used"] + counts["rejected"] + counts["merged"]
    # A header row above the real one would be read as the header: only count when it is the first.
    if not any(any(str(c).strip().lower() == "child unique id" for c in row if c is not None) for row in above):
        assert counts["read"] == below + over


# SSDA903 CSV ------------------------------------------------------------------------------------


def _balanced_summary(load: Callable[[Path], Any], path: Path) -> Any:
    """The row summary of the file ``load`` reads, every table's read = used + rejected + merged
    asserted; None when the reader refuses the file with an Error (the outcome for a bad file)."""
    try:
        loaded = load(path)
    except sg.Error:
        return None
    summary = loaded.summary
    assert (summary["read"] == summary["used"] + summary["rejected"] + summary["merged"]).all()
    return summary


EPISODES = ["CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC", "REASON_PLACE_CHANGE",
            "HOME_POST", "PL_POST", "URN"]
FIELDS = st.sampled_from(["1", "2", "01/04/2019", "31/03/2020", "2019-04-01", "13/13/2019", "", "P", "L", "C2", "U1",
                          "E11", "X1", "&#0;", "9" * 30, "\u00e9"])


@SETTINGS
@given(rows=st.lists(st.lists(FIELDS, min_size=11, max_size=15), max_size=15),
       extra=st.lists(st.sampled_from(["X", "Y", "CHILD", "LA"]), max_size=3))
def test_ssda903_csv_rows_in_equal_used_rejected_and_merged(tmp_path_factory: Any, rows: Any, extra: Any) -> None:
    path = Path(tmp_path_factory.mktemp("ssda903")) / "episodes_2020.csv"
    path.write_text("\n".join([",".join(EPISODES + extra)] + [",".join(r) for r in rows]) + "\n", encoding="utf-8")
    summary = _balanced_summary(sg.ssda903.load, path)
    if summary is None:
        return
    nonblank = sum(any(f for f in r) for r in rows)
    if "episodes" in summary.index:
        assert summary.loc["episodes", "read"] in (len(rows), nonblank)


# SSDA903 XML ------------------------------------------------------------------------------------

EPISODE_PARTS = st.sampled_from([
    "<EPISODE><DECOM>06/01/2017</DECOM><RNE>T</RNE><LS>J3</LS><CIN>N4</CIN><PL>R5</PL><DEC>06/10/2017</DEC>"
    "<REC>X1</REC></EPISODE>",
    "<EPISODE><DECOM>06/10/2017</DECOM><RNE>P</RNE><LS>C2</LS><CIN>N1</CIN><PL>U1</PL><DEC /><REC /></EPISODE>",
    "<EPISODE><DECOM>13/13/2017</DECOM><RNE>T</RNE><LS>J3</LS><CIN>N4</CIN><PL>R5</PL></EPISODE>",
    "<EPISODE><DECOM>2017-10-06</DECOM><LS>&#0;</LS></EPISODE>",
    "<EPISODE/>",
    "<AREVIEW><REVIEW>27/09/2017</REVIEW><REVIEW_CODE>PN1</REVIEW_CODE></AREVIEW>",
    "<AREVIEW><REVIEW>31/02/2017</REVIEW><REVIEW_CODE>PN0</REVIEW_CODE></AREVIEW>",
    "<AREVIEW/>",
    "<UNKNOWN>text</UNKNOWN>", "stray text",
])


@SETTINGS
@given(children=st.lists(st.tuples(st.sampled_from(["907440", "228005", "A&#65;", "", "9" * 30]),
                                   st.sampled_from(["28/07/2010", "2010-07-28", "", "30/02/2010"]),
                                   st.lists(EPISODE_PARTS, max_size=5)), max_size=10))
def test_ssda903_xml_rows_in_equal_used_rejected_and_merged(tmp_path_factory: Any, children: Any) -> None:
    body = "".join(f"<CHILD><HEADER><CHILDID>{cid}</CHILDID><SEX>1</SEX><DOB>{dob}</DOB><ETHNIC>WBRI</ETHNIC>"
                   + "".join(p for p in parts if p.startswith("<AREVIEW")) + "</HEADER>"
                   + "".join(p for p in parts if not p.startswith("<AREVIEW")) + "</CHILD>"
                   for cid, dob, parts in children)
    path = Path(tmp_path_factory.mktemp("ssda903_xml")) / "ssda903_2018.xml"
    path.write_text(f"<?xml version='1.0' encoding='us-ascii'?><EXPSSDA903>{body}</EXPSSDA903>", encoding="utf-8")
    summary = _balanced_summary(sg.ssda903.load, path)
    if summary is None:
        return
    # the elements counted in the text, not by the reader
    episodes = sum(p.startswith("<EPISODE") for _, _, parts in children for p in parts)
    reviews = sum(p.startswith("<AREVIEW") for _, _, parts in children for p in parts)
    for table, expected in (("header", len(children)), ("episodes", episodes), ("reviews", reviews)):
        assert (summary.loc[table, "read"] if table in summary.index else 0) == expected, table


# CIN census XML ---------------------------------------------------------------------------------

CHILD_PARTS = st.sampled_from([
    "<ChildIdentifiers><LAchildID>{id}</LAchildID><PersonBirthDate>2015-03-27</PersonBirthDate></ChildIdentifiers>",
    "<ChildIdentifiers><PersonBirthDate>2015-03-27</PersonBirthDate></ChildIdentifiers>",
    "<CINdetails><CINreferralDate>2022-10-06</CINreferralDate></CINdetails>",
    "<CINdetails><CINreferralDate>06/10/2022</CINreferralDate><Assessments><AssessmentActualStartDate>2022-10-07"
    "</AssessmentActualStartDate></Assessments></CINdetails>",
    "<Unknown>text</Unknown>", "stray text", "<CINdetails/>",
])


@SETTINGS
@given(children=st.lists(st.tuples(st.sampled_from(["A", "B", "C", "A&#65;", ""]), st.lists(CHILD_PARTS, max_size=4)),
                         max_size=10))
def test_cin_census_children_in_equal_used_rejected_and_merged(tmp_path_factory: Any, children: Any) -> None:
    body = "".join("<Child>" + "".join(p.format(id=cid) for p in parts) + "</Child>" for cid, parts in children)
    path = Path(tmp_path_factory.mktemp("cin")) / "cin_2023.xml"
    path.write_text("<Message><Header><CollectionDetails><ReferenceDate>2023-03-31</ReferenceDate></CollectionDetails>"
                    f"</Header><Children>{body}</Children></Message>", encoding="utf-8")
    summary = _balanced_summary(sg.cin_census.load, path)
    if summary is None:
        return
    if "children" in summary.index:
        assert summary.loc["children", "read"] == len(children)


# The front door ---------------------------------------------------------------------------------

DOOR_FIELDS = st.sampled_from(["c1", "c2", "A", "B", "2019-10-01", "2019-10-02", "32/10/2019", "", "police", "school",
                               "nobody", "l2", "l3", "assessment", "nfa"])


@SETTINGS
@given(rows=st.lists(st.lists(DOOR_FIELDS, min_size=6, max_size=6), max_size=12))
def test_front_door_rows_in_equal_used_after_and_rejected(tmp_path_factory: Any, rows: Any) -> None:
    from test_front_door import partnership

    path = Path(tmp_path_factory.mktemp("door")) / "contacts.csv"
    header = ["contact", "child", "date", "agency", "referrer_level", "decision_date"]
    path.write_text("\n".join([",".join(header)] + [",".join(r) for r in rows]) + "\n", encoding="utf-8")
    try:
        door = sg.FrontDoor(partnership(), path, as_of=dt.date(2019, 11, 29))
    except sg.Error:
        return
    counts = door.summary.loc["contacts"]
    assert counts["read"] == counts["used"] + counts["after_as_of"] + counts["rejected"]
    assert counts["read"] == len(rows)
