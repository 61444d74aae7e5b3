"""The examples run and print what was worked out by hand."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


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
    assert "140 findings: 104 met, 16 breached, 3 due soon, 12 not yet due, 5 not applicable" in report
    assert "Groups: 5; meetings held: 19; quorate: 16 of 19 (84%)" in report
    assert "Attendance by member agencies: 116 of 126 places (92%); 5 absences without a valid reason" in report
    assert "Leadership Group did not meet in April\u2013June 2020" in report
