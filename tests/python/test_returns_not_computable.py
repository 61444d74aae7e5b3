"""`safeguarding returns` on a return that lacks a table a measure counts (an SSDA903 return sent
without its missing file; a small authority's year with no missing episodes): every other figure is
still given, and each measure the data cannot give is named as not computable, with the library's
reason, in the JSON, the text, the HTML page and the Excel workbook; the command exits 0.

The small return below is synthetic (three made-up children); its figures are worked by hand in
the comments. The sample return of examples/returns (synthetic) without its missing file must give
the same figures as with it, except the missing episodes."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from safeguarding._cli import main

from conftest import ROOT

RETURNS = ROOT / "examples" / "returns"
# The return's year, 2018 (2017-18), is taken from its dates; it sent no missing.csv.
MISSING_REASON = "ssda903.missing_episodes: the 2018 return has no missing table: no figure can be given for 2017-18"

HEADER = """CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB
1001,1,01/05/2010,WBRI,A123456789012,,
1002,2,01/06/2011,WBRI,B123456789012,,
1003,1,01/07/2012,WBRI,C123456789012,,
"""
# The reporting year 2017-18: 1 April 2017 to 31 March 2018.
#  1001: in care from 1 Feb 2017; moves on 1 Jun 2017 (RNE P) and on 1 Oct 2017 (RNE P), still there
#        at 31 March: three placements in the year (the one it began the year in, and two moves).
#  1002: starts care on 10 May 2017, leaves on 20 Dec 2017 with REC E13: one placement; one episode
#        ceased in the year with the child leaving care (E13); not looked after at 31 March.
#  1003: in care from 1 Jan 2016; on 1 Sep 2017 a change of legal status only (RNE L), still open:
#        one placement (an L episode adds none); looked after at 31 March.
# Looked after at 31 March 2018: 1001 and 1003 = 2. Placements: two children with 1, one with 3.
# Three or more placements: 1 (1001) of the 2 looked after at 31 March = 50%.
# Reasons ceased in the year (DEC in the year, REC not X1): E13 = 1 (the other DECs are X1).
EPISODES = """CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN
1001,01/02/2017,S,C2,N1,U1,PR1,01/06/2017,X1,,,,
1001,01/06/2017,P,C2,N1,U1,PR1,01/10/2017,X1,CARPL,,,
1001,01/10/2017,P,C2,N1,U1,PR1,,,CARPL,,,
1002,10/05/2017,S,C2,N1,U1,PR1,20/12/2017,E13,,,,
1003,01/01/2016,S,C2,N1,U1,PR1,01/09/2017,X1,,,,
1003,01/09/2017,L,C1,N1,U1,PR1,,,,,,
"""
# Reviews held in 2017-18: 1001 on 20 Jul 2017 (PN1) and 15 Jan 2018 (PN3); 1002 on 1 Jun 2017
# (PN0); 1003 on 10 Jun 2017 (PN1); 1003's review of 10 Jan 2017 is in 2016-17 and not counted.
# Participation: PN0 1, PN1 2, PN3 1 (of 4 reviews: 25%, 50%, 25%), the other codes 0.
REVIEWS = """CHILD,DOB,REVIEW,REVIEW_CODE
1001,01/05/2010,20/07/2017,PN1
1001,01/05/2010,15/01/2018,PN3
1002,01/06/2011,01/06/2017,PN0
1003,01/07/2012,10/01/2017,PN2
1003,01/07/2012,10/06/2017,PN1
"""
# One missing episode (the full return only): 1001, M, 1 Nov 2017 to 5 Nov 2017 (4 days).
MISSING = """CHILD,DOB,MISSING,MIS_START,MIS_END
1001,01/05/2010,M,01/11/2017,05/11/2017
"""


def _write(folder: Path, with_missing: bool) -> Path:
    folder.mkdir(parents=True)
    (folder / "header.csv").write_text(HEADER)
    (folder / "episodes.csv").write_text(EPISODES)
    (folder / "reviews.csv").write_text(REVIEWS)
    if with_missing:
        (folder / "missing.csv").write_text(MISSING)
    return folder


@pytest.fixture
def small(tmp_path: Path) -> tuple[Path, Path]:
    """The small return without its missing file, and with it."""
    return _write(tmp_path / "without", False), _write(tmp_path / "with", True)


def _run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(["returns", *args], out, err)
    return status, out.getvalue(), err.getvalue()


def _json(folder: Path, *args: str) -> dict[str, Any]:
    """The command's JSON for a folder, with the folder's path left out of the file names it gives."""
    status, out, err = _run(str(folder), *args, "--format", "json")
    assert status == 0, err
    result: dict[str, Any] = json.loads(out.replace(json.dumps(str(folder))[1:-1] + "/", ""))
    return result


def test_a_return_without_missing_episodes_gives_every_other_figure(small):
    without, full = small
    (ret,) = _json(without, "--year", "2017-18")["returns"]
    m = ret["measures"]
    missing = m["missing_episodes"]
    assert missing["not_computable"] == MISSING_REASON
    assert missing["rows"] is None and missing["measure"] == "ssda903.missing_episodes"
    assert missing["year"] == "2017-18" and "SSDA903" in missing["source"]  # the measure still cites its source
    # The figures worked by hand above.
    assert m["looked_after_at_31_march"]["children"] == 2 and "not_computable" not in m["looked_after_at_31_march"]
    three = m["three_or_more_placements"]
    assert (three["count"], three["total"], three["share"]) == (1, 2, 0.5) and "not_computable" not in three
    assert m["placement_counts"]["rows"] == [{"placements": 1, "children": 2}, {"placements": 3, "children": 1}]
    assert m["reasons_ceased"]["rows"] == [{"REC": "E13", "episodes": 1}]
    participation = {r["REVIEW_CODE"]: (r["reviews"], r["share"]) for r in m["participation"]["rows"]}
    assert participation == {"PN0": (1, 0.25), "PN1": (2, 0.5), "PN2": (0, 0.0), "PN3": (1, 0.25), "PN4": (0, 0.0),
                             "PN5": (0, 0.0), "PN6": (0, 0.0), "PN7": (0, 0.0)}
    # With the missing file, the same figures, and the missing episodes (worked by hand above).
    (whole,) = _json(full, "--year", "2017-18")["returns"]
    for name, value in whole["measures"].items():
        if name != "missing_episodes":
            assert m[name] == value, name
    rows = {r["MISSING"]: r for r in whole["measures"]["missing_episodes"]["rows"]}
    assert (rows["M"]["episodes"], rows["M"]["children"], rows["M"]["still_open"], rows["M"]["median_days"]) == (1, 1, 0, 4.0)
    assert rows["A"]["episodes"] == 0 and rows["all"]["episodes"] == 1
    assert "not_computable" not in whole["measures"]["missing_episodes"]


def test_each_format_names_the_measure_not_computable_with_its_reason(small, tmp_path):
    without, _ = small
    status, text, err = _run(str(without), "--year", "2017-18")
    assert status == 0, err
    assert "Missing and away-from-placement episodes started in the year" in text
    assert "not computable: " + MISSING_REASON in " ".join(text.split())
    assert "children looked after at 31 March 2018" in text

    page = tmp_path / "returns.html"
    status, _, err = _run(str(without), "--year", "2017-18", "--format", "html", "-o", str(page))
    assert status == 0, err
    html = page.read_text()
    cell = html.index("not computable: " + MISSING_REASON)
    assert html.rfind("<td", 0, cell) > html.rfind("</td>", 0, cell)  # in a cell of the table

    book = tmp_path / "returns.xlsx"
    status, _, err = _run(str(without), "--year", "2017-18", "--format", "xlsx", "-o", str(book))
    assert status == 0, err
    import openpyxl

    sheet = openpyxl.load_workbook(book)["Missing episodes"]
    values = [c.value for row in sheet.iter_rows() for c in row if c.value is not None]
    assert "not computable: " + MISSING_REASON in values
    assert "Missing and away-from-placement episodes started in the year" in values
    counts = openpyxl.load_workbook(book)["Placements"]
    assert [(r[0].value, r[1].value) for r in counts.iter_rows(min_row=5) if r[0].value is not None] == [("1", 2), ("3", 1)]


def test_a_return_with_no_episodes_names_each_measure_that_counts_them(tmp_path):
    # Reviews only: no episodes table. The participation codes are still counted (4 reviews in the
    # year, as above); every measure over episodes is not computable, each with its reason.
    folder = tmp_path / "reviews_only"
    folder.mkdir()
    (folder / "header.csv").write_text(HEADER)
    (folder / "reviews.csv").write_text(REVIEWS)
    status, out, err = _run(str(folder), "--year", "2017-18", "--format", "json")
    assert status == 0, err
    (ret,) = json.loads(out)["returns"]
    m = ret["measures"]
    assert sum(r["reviews"] for r in m["participation"]["rows"]) == 4
    for name, table in [("looked_after_at_31_march", "episodes"), ("three_or_more_placements", "episodes"),
                        ("placement_counts", "episodes"), ("reasons_ceased", "episodes"), ("missing_episodes", "missing")]:
        assert f"the 2018 return has no {table} table" in m[name]["not_computable"], name
    assert m["looked_after_at_31_march"]["children"] is None


def test_the_sample_return_without_its_missing_file_gives_the_same_other_figures(tmp_path):
    folder = tmp_path / "ssda903"
    shutil.copytree(RETURNS / "ssda903", folder)
    (folder / "missing.csv").unlink()
    (ret,) = _json(folder, "--year", "2017-18")["returns"]
    (whole,) = _json(RETURNS / "ssda903", "--year", "2017-18")["returns"]
    assert ret["measures"]["missing_episodes"]["not_computable"] == MISSING_REASON
    assert whole["measures"]["missing_episodes"]["rows"]  # the full return has them
    for name, value in whole["measures"].items():
        if name != "missing_episodes":
            assert ret["measures"][name] == value, name
