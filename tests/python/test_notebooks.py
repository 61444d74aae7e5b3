"""The example notebooks run from top to bottom (nbclient, in a kernel of this Python) and show
what they say they show, so that they cannot rot."""

from __future__ import annotations

import re

import nbformat
import numpy as np
import pytest
from nbclient import NotebookClient

import safeguarding as sg
from conftest import ROOT

NOTEBOOKS = ROOT / "examples" / "notebooks"


def _text(cell: nbformat.NotebookNode) -> str:
    """A code cell's printed and returned text."""
    parts = []
    for output in cell.get("outputs", []):
        if output["output_type"] == "stream":
            parts.append(output["text"])
        elif "data" in output:
            parts.append(output["data"].get("text/plain", ""))
    return "".join(parts)


@pytest.fixture(scope="module")
def returns_notebook() -> nbformat.NotebookNode:
    notebook = nbformat.read(NOTEBOOKS / "returns.ipynb", as_version=4)
    # Committed without outputs, so that the file in the repository shows the code only.
    assert all(not c.get("outputs") for c in notebook.cells if c.cell_type == "code")
    NotebookClient(notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    return notebook


def test_returns_notebook_runs_and_shows_the_analysts_figures(returns_notebook: nbformat.NotebookNode):
    code = [c for c in returns_notebook.cells if c.cell_type == "code"]
    for cell in code:
        errors = [o for o in cell.outputs if o["output_type"] == "error"]
        assert not errors, cell.source
    text = "\n".join(_text(c) for c in code)
    # The row accounting and the findings (the fake episodes have 72 overlapping episodes kept).
    assert "episodes: 5,050 rows read = 5,050 used + 0 rejected + 0 merged; 72 findings" in text
    assert "row merged" in text and "value blanked" in text
    # The monthly table: twelve months of 2017-18, its rules' sources, and a chart.
    assert all(f"2017-{m:02d}" in text for m in range(4, 13)) and all(f"2018-{m:02d}" in text for m in range(1, 4))
    assert "reg 33(1)" in text and "reg 33(3)" in text
    images = [o for c in code for o in c.outputs if "data" in o and "image/png" in o["data"]]
    assert len(images) == 1
    # Participation: every code PN0–PN7.
    assert all(f"PN{k}" in text for k in range(8))
    # The 45-working-day figure agrees with a plain numpy count on the same file: assessments
    # authorised in 2019-20 (the census of 2020 covers that year only), not before their referral,
    # by busday_offset(referral, 45).
    match = re.search(r"assessments authorised in 2019-20: (\d+) of (\d+) in timescale", text)
    assert match
    census = sg.cin_census.load(ROOT / "examples" / "returns" / "cin_census_synthetic.xml")
    merged = census.assessments.merge(census.cin_details[["cin_details_id", "CINreferralDate"]], on="cin_details_id")
    referral = merged["CINreferralDate"].to_numpy().astype("datetime64[D]")
    authorised = merged["AssessmentAuthorisationDate"].to_numpy().astype("datetime64[D]")
    holidays = np.array([h.date for h in sg.Calendar.england_and_wales().holidays()], dtype="datetime64[D]")
    due = np.busday_offset(referral, 45, roll="backward", weekmask="1111100", holidays=holidays)
    done = (authorised >= np.datetime64("2019-04-01")) & (authorised <= np.datetime64("2020-03-31")) & (authorised >= referral)
    assert (int(match[1]), int(match[2])) == (int((done & (authorised <= due)).sum()), int(done.sum()))
    assert int(done.sum()) > 0
