"""The examples run and print what was worked out by hand."""

from __future__ import annotations

import functools
import subprocess
import sys

from conftest import ROOT


@functools.cache  # the demo runs once for all the tests that read its output
def run(*args: str) -> str:
    result = subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_demo_prints_the_seed_deadlines():
    out = run("examples/demo.py")
    # Each due date was counted by hand (see the comments in tests/cpp/test_calendar.cpp).
    expected = {
        "Written statement of action after the JTAI": "Friday 11 May 2018",
        "Outstanding serious case reviews completed and published": "Tuesday 29 September 2020",
        "Child death overview panel grace period ends": "Wednesday 29 January 2020",
        "Serious incident notified to the national Panel": "Tuesday 31 December 2019",
        "Rapid review sent to the national Panel": "Wednesday 15 January 2020",
        "First looked-after review": "Thursday 16 January 2020",
        "Second looked-after review": "Thursday 30 April 2020",
        "Practice review report sent to the Panel and the Secretary of State": "Monday 23 December 2019",
    }
    blocks = {block.splitlines()[0]: block for block in out.split("\n\n") if block.strip()}
    for title, due in expected.items():
        assert title in blocks, title
        assert f"due:    {due}" in blocks[title], blocks[title]


def test_demo_prints_the_haringey_compliance_report():
    out = run("examples/demo.py")
    assert "deadlines" in out.split("Governance compliance of the Haringey partnership")[0].lower()  # the first section stays
    report = out.split("Governance compliance report: Haringey Safeguarding Children Partnership\n", 1)[1]
    assert "SYNTHETIC" in out
    # Figures worked out from the records in tests/cpp/test_partnership.cpp ("the Haringey example").
    assert "As of Saturday 31 October 2020\n" in report
    assert "162 findings: 114 met, 19 breached, 3 due soon, 14 not yet due, 12 not applicable" in report
    assert "Groups: 5; meetings held: 19; quorate: 16 of 19 (84%)" in report
    assert "Attendance by member agencies: 116 of 126 places (92%); 5 absences without a valid reason" in report
    assert "Leadership Group did not meet in April\u2013June 2020" in report


def test_demo_deadlines_cite_catalogue_rules_with_the_same_timescale():
    import importlib.util

    import safeguarding as sg

    spec = importlib.util.spec_from_file_location("demo", ROOT / "examples" / "demo.py")
    demo = importlib.util.module_from_spec(spec)
    sys.modules["demo"] = demo  # dataclasses look their module up
    spec.loader.exec_module(demo)
    cited = [d for d in demo.seed_deadlines() if d.rule_id]
    assert len(cited) == 8
    for deadline in cited:
        rule = sg.RuleCatalogue.builtin()[deadline.rule_id]
        edition = rule.edition_on(deadline.start if not deadline.backwards else deadline.start)
        assert edition is not None, deadline.rule_id
        assert edition.timescale == sg.Timescale.parse(deadline.timescale), deadline.rule_id
        assert rule.direction == ("backward" if deadline.backwards else "forward")


def test_demo_review_table_and_incident_timeline():
    out = run("examples/demo.py")
    table = out.split("Looked-after reviews held in timescale")[1].split("A serious incident")[0]
    names = ["Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar"]
    rows = [line.split() for line in table.splitlines() if line.strip()[:3] in {*names, "Yea"}]
    assert [r[0] for r in rows] == [*names, "Year"]
    months, year = rows[:-1], rows[-1]
    for r in rows:  # in timescale, %, not in timescale, %, total
        inside, _, outside, _, total = r[-5:]
        assert int(inside) + int(outside) == int(total)
    assert sum(int(r[-5]) for r in months) == int(year[-5])
    assert sum(int(r[-1]) for r in months) == int(year[-1])
    assert "SYNTHETIC" in table
    # The incident's due dates, counted by hand in docs/timeliness.md ("Serious incidents").
    incident = out.split("A serious incident's timeline")[1]
    blocks = {b.splitlines()[0]: b for b in incident.split("\n\n") if b.strip()}
    expected = {
        "Notify the national Panel of a serious child safeguarding incident": ("Tuesday 31 December 2019", "[met]"),
        "Complete the rapid review and send it to the national Panel": ("Wednesday 15 January 2020", "[late]"),
        "Local child safeguarding practice review completed and published": ("Monday 20 July 2020", "[met]"),
        "Final review report sent to the Panel and the Secretary of State before publication": ("Thursday 9 July 2020", "[met]"),
    }
    for title, (due, status) in expected.items():
        assert f"due:    {due}" in blocks[title]
        assert status in blocks[title]
    # RAG as of 19 September 2019: completed (Blue), declared on track (Green), targets passed (Red).
    ratings = out.split("Action plan RAG ratings")[1].splitlines()[2:6]
    assert [line.split()[0] for line in ratings] == ["Blue", "Green", "Red", "Red"]


def test_demo_prints_the_synthetic_front_door_year():
    out = run("examples/demo.py")
    section = out.split("The Haringey front door, April 2019 to March 2020 (SYNTHETIC", 1)[1]
    # contacts.csv has 4,875 records; the 6 rejected are the bad records make_example.py plants (3
    # unknown agencies, 2 decisions before their contacts, 1 repeated contact id).
    assert "contacts: 4,875 rows read = 4,869 used + 0 after the as-of date + 6 rejected" in section
    quarters = [line.split() for line in section.splitlines() if line.strip().startswith(("2019Q", "2020Q"))]
    assert [q[0] for q in quarters] == ["2019Q2", "2019Q3", "2019Q4", "2020Q1"]
    assert sum(int(q[1].replace(",", "")) for q in quarters) == 4869
    assert "Conversion: 4,869 contacts" in section
def test_demo_prints_the_returns_figures_for_the_sample_files():
    out = run("examples/demo.py")
    section = out.split("Statutory returns: the figures for the sample files in examples/returns")[1]
    assert "SYNTHETIC" in section
    # Every data row of the sample tables is accounted for (rows read = lines of the file less the header).
    for table in ("header", "episodes", "reviews", "missing"):
        lines = (ROOT / "examples" / "returns" / "ssda903" / f"{table}.csv").read_text(encoding="utf-8-sig").splitlines()
        assert f"{table}: {len(lines) - 1:,} rows read = " in section, table
    for measure in ("looked-after reviews in 2017-18:", "participation: PN0", "three or more placements:",
                    "episodes ceased, by reason: E11", "assessments authorised in 2019-20:", "initial conferences in 2019-20:",
                    "child protection review conferences in 2019-20:", "second or later plans:", "[rule lac.visit.subsequent]"):
        assert measure in section, measure


def test_demo_writes_the_html_and_excel_reports_and_prints_their_paths():
    import zipfile

    out = run("examples/demo.py")
    printed = [line.strip() for line in out.split("Reports of the above as HTML pages and Excel workbooks", 1)[1].splitlines()
               if line.strip().startswith("build/reports/")]
    names = ["governance", "returns", "front-door", "lado", "action-plan"]  # Haringey, the sample returns, its front door
    assert printed == [f"build/reports/{n}.{kind}" for n in names for kind in ("html", "xlsx")]
    for path in printed:
        written = ROOT / path
        if written.suffix == ".html":
            assert written.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
        else:
            assert zipfile.is_zipfile(written)
