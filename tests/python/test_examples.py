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
