"""Documentation is part of the product: its examples run and print what they say."""

from __future__ import annotations

import doctest
import re

import pytest

import safeguarding
from safeguarding import _calendar, _rules, _timescale

from conftest import ROOT

PAGES = [
    p for p in sorted((ROOT / "docs").glob("*.md")) + [ROOT / "README.md"]
    if re.search(r"^>>> ", p.read_text(encoding="utf-8"), re.M)
]


def test_the_pages_with_examples_are_found():
    # An empty list would run no example at all (pytest skips an empty parametrisation).
    assert {p.name for p in PAGES} >= {"README.md", "calendar.md", "partnership.md", "returns.md", "timeliness.md"}


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_page_examples_run(page):
    result = doctest.testfile(str(page), module_relative=False, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0
    assert result.failed == 0, f"{result.failed} example(s) failed in {page.name}"


@pytest.mark.parametrize("module", [safeguarding, _calendar, _timescale, _rules], ids=lambda m: m.__name__)
def test_docstring_examples_run(module):
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0


def test_readme_cpp_example_is_the_one_the_tests_build():
    block = re.search(r"```cpp\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S).group(1)
    source = (ROOT / "examples/cpp/readme.cpp").read_text(encoding="utf-8")
    assert source.split("\n", 1)[1] == block
    assert len([line for line in block.splitlines() if line.strip()]) <= 11


def test_the_reports_page_shows_a_screenshot_of_each_report():
    # docs/reports.md shows the top of each report of the demo, as the browser test screenshots it
    # (build/reports/screenshots/report-NAME.png, copied into docs/images/).
    page = (ROOT / "docs" / "reports.md").read_text(encoding="utf-8")
    shown = re.findall(r"!\[[^\]]+\]\((images/[^)]+\.png)\)", page)
    assert shown == [f"images/report-{name}.png" for name in ("governance", "returns", "front-door", "lado", "action-plan")]
    for image in shown:
        assert (ROOT / "docs" / image).read_bytes().startswith(b"\x89PNG"), image
    assert {p.name for p in (ROOT / "docs" / "images").glob("report-*.png")} == {image[7:] for image in shown}
    for command in ("safeguarding report", "safeguarding returns", "safeguarding front-door", "safeguarding timeliness"):
        assert command in page
