"""Each sample report in headless Chromium: no console error, no request leaving the machine, every
chart drawn with its marks and no overlapping text, the accessibility check (axe-core) without a
serious or critical violation, and a full-page screenshot and an A4 PDF under build/reports/ for a
person to look at.

The fixtures live here rather than in a conftest.py, so that this folder's conftest cannot shadow
tests/python's (both would be imported as the module 'conftest')."""

from __future__ import annotations

import base64
import json
import re
import shutil
from pathlib import Path
from typing import Any
from collections.abc import Iterator

import pytest

from safeguarding.reports import samples

# Headless Chromium (Debian's chromium and chromium-driver) driven by Selenium; the tests are skipped,
# saying why, only when Chromium is not installed.
ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "build" / "reports"

BROWSERS = ("chromium", "chromium-browser", "google-chrome")
DRIVERS = ("chromedriver",)
INSTALL = "Debian: apt-get install chromium chromium-driver (./dev test installs them when run as root)"


def _which(names: tuple[str, ...]) -> str | None:
    for name in names:
        path = shutil.which(name) or (f"/usr/bin/{name}" if Path(f"/usr/bin/{name}").exists() else None)
        if path:
            return path
    return None


@pytest.fixture(scope="session")
def driver() -> Iterator[Any]:
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (requirements-dev.txt)")
    from selenium.webdriver.chrome.service import Service

    browser, chromedriver = _which(BROWSERS), _which(DRIVERS)
    if browser is None or chromedriver is None:
        pytest.skip(f"Chromium is not installed ({'chromium' if browser is None else 'chromedriver'} not found); {INSTALL}")
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1280,1000",
        "--hide-scrollbars",
        "--force-device-scale-factor=1",
        "--no-first-run",
        "--disable-extensions",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--lang=en-GB",
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    chrome = webdriver.Chrome(service=Service(executable_path=chromedriver), options=options)
    chrome.set_script_timeout(60)
    try:
        yield chrome
    finally:
        chrome.quit()


@pytest.fixture(scope="session")
def pages() -> dict[str, tuple[Any, Path]]:
    """Each sample report, written as HTML under build/reports/ where a person can open it."""
    from safeguarding.reports import samples

    OUT.mkdir(parents=True, exist_ok=True)
    out = {}
    for name, make in samples.SAMPLES.items():
        report = make()
        path = OUT / f"{name}.html"
        report.to_html(path)
        out[name] = (report, path)
    return out


class Loaded:
    """A page loaded in the browser, with what it logged and every request it made."""

    def __init__(self, driver: Any, path: Path) -> None:
        driver.get_log("browser")  # reading the logs empties them
        driver.get_log("performance")
        driver.execute_cdp_cmd("Network.enable", {})
        driver.get(path.as_uri())
        driver.execute_script("return document.readyState")
        self.driver = driver
        self.console = driver.get_log("browser")
        events = [json.loads(entry["message"])["message"] for entry in driver.get_log("performance")]
        self.requests = [e["params"]["request"]["url"] for e in events if e.get("method") == "Network.requestWillBeSent"]
        self.resources = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")


@pytest.fixture
def load(driver: Any) -> Any:
    def loader(path: Path) -> Loaded:
        return Loaded(driver, path)

    return loader


NAMES = list(samples.SAMPLES)


@pytest.mark.parametrize("name", NAMES)
def test_no_console_error_and_no_request_leaves_the_page(pages, load, name):
    _, path = pages[name]
    page = load(path)
    errors = [entry for entry in page.console if entry["level"] in ("SEVERE", "ERROR")]
    assert not errors, errors
    assert page.requests == [path.as_uri()], "the page is the only thing loaded"
    assert page.resources == [], "no image, font, style or script is fetched"


CHART_GEOMETRY = """
const out = [];
for (const figure of document.querySelectorAll('figure.chart')) {
  const svg = figure.querySelector('svg.chart-svg');
  const box = svg.getBoundingClientRect();
  const style = getComputedStyle(svg);
  const marks = [...svg.querySelectorAll('g.mark')].map(g => {
    const r = g.getBoundingClientRect();
    return {x: r.x, y: r.y, w: r.width, h: r.height, value: g.dataset.value};
  });
  const texts = [...svg.querySelectorAll('text')].filter(t => t.textContent.trim()).map(t => {
    const r = t.getBoundingClientRect();
    return {text: t.textContent, x: r.x, y: r.y, w: r.width, h: r.height};
  });
  const named = svg.getAttribute('aria-labelledby').split(' ').map(id => document.getElementById(id).textContent);
  out.push({expected: Number(figure.dataset.marks), box: {x: box.x, y: box.y, w: box.width, h: box.height},
            visible: style.visibility === 'visible' && style.display !== 'none', role: svg.getAttribute('role'),
            named, marks, texts});
}
return out;
"""


def _overlap(a, b, tolerance=1.0):
    width = min(a["x"] + a["w"], b["x"] + b["w"]) - max(a["x"], b["x"])
    height = min(a["y"] + a["h"], b["y"] + b["h"]) - max(a["y"], b["y"])
    return width > tolerance and height > tolerance


@pytest.mark.parametrize("name", NAMES)
def test_every_chart_is_drawn_with_its_marks_and_readable_text(pages, load, name):
    report, path = pages[name]
    page = load(path)
    charts = page.driver.execute_script(CHART_GEOMETRY)
    assert len(charts) == len(report.charts())
    for chart, model in zip(charts, report.charts()):
        assert chart["visible"] and chart["role"] == "img"
        assert chart["named"] == [model.title, model.description]
        box = chart["box"]
        assert box["w"] >= 500 and box["h"] >= 150, f"{model.title}: drawn at {box['w']:.0f}×{box['h']:.0f}"
        assert len(chart["marks"]) == chart["expected"] == model.marks
        for mark in chart["marks"]:
            inside = (
                box["x"] - 1 <= mark["x"]
                and mark["x"] + mark["w"] <= box["x"] + box["w"] + 1
                and box["y"] - 1 <= mark["y"]
                and mark["y"] + mark["h"] <= box["y"] + box["h"] + 1
            )
            assert inside, f"{model.title}: a mark outside its chart"
            if mark["value"] not in ("", "0", "0.0"):
                assert mark["w"] > 0.5 and mark["h"] > 0.5, f"{model.title}: a mark of value {mark['value']} cannot be seen"
        texts = chart["texts"]
        assert texts, "axes, labels and legend are text"
        clashes = [(a["text"], b["text"]) for i, a in enumerate(texts) for b in texts[i + 1 :] if _overlap(a, b)]
        assert not clashes, f"{model.title}: overlapping text {clashes}"
        for t in texts:
            assert box["x"] - 1 <= t["x"] and t["x"] + t["w"] <= box["x"] + box["w"] + 1, (
                f"{model.title}: {t['text']!r} is cut off"
            )


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("name", NAMES)
def test_nothing_is_cut_off_at_desktop_or_phone_width(pages, load, driver, name, width):
    _, path = pages[name]
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride", {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600}
    )
    try:
        load(path)
        overflow = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"the page is {overflow}px wider than the window"
        if width == 1280:
            squeezed = driver.execute_script(
                "return [...document.querySelectorAll('.table-wrap')].filter(w => w.scrollWidth > w.clientWidth + 1)"
                ".map(w => w.querySelector('caption').textContent)"
            )
            assert not squeezed, f"tables that do not fit: {squeezed}"
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


@pytest.mark.parametrize("name", NAMES)
def test_the_figures_a_reader_sees_are_the_model_s(pages, load, name):
    report, path = pages[name]
    page = load(path)
    seen = page.driver.execute_script("return [...document.querySelectorAll('.key-figure-value')].map(e => e.innerText.trim())")
    assert seen == [
        k.text for b in report.blocks() if hasattr(b, "items") and b.__class__.__name__ == "KeyFigures" for k in b.items
    ]
    first = page.driver.execute_script(
        "return [...document.querySelectorAll('table')].map(t => [...t.tBodies[0].rows[0].cells].map(c => c.innerText.trim()))"
    )
    tables = [t for t in report.tables()]
    for table in tables:
        assert [c.text(v) for c, v in zip(table.columns, table.rows[0])] in first


AXE_OPTIONS = {"resultTypes": ["violations"]}


@pytest.mark.parametrize("name", NAMES)
def test_accessibility_check_finds_nothing_serious(pages, load, name):
    axe_selenium_python = pytest.importorskip("axe_selenium_python", reason="axe-selenium-python is not installed")
    _, path = pages[name]
    page = load(path)
    axe = axe_selenium_python.Axe(page.driver)
    axe.inject()
    results = axe.run(options=json.dumps(AXE_OPTIONS))
    (OUT / "axe").mkdir(parents=True, exist_ok=True)
    (OUT / "axe" / f"{name}.json").write_text(json.dumps(results["violations"], indent=1), encoding="utf-8")
    assert results["passes"] is not None or results["violations"] is not None
    serious = [
        (v["id"], v["impact"], v["help"], [n["target"] for n in v["nodes"]][:3])
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not serious, axe.report([v for v in results["violations"] if v["impact"] in ("serious", "critical")])


# The width of an A4 page less its 15 mm margins, in CSS pixels (96 to the inch).
A4_CONTENT_PX = round((210 - 30) / 25.4 * 96)


@pytest.mark.parametrize("name", NAMES)
def test_print_hides_the_contents_list_keeps_rows_and_charts_whole_and_fits_a4(pages, load, driver, name):
    _, path = pages[name]
    load(path)
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride", {"width": A4_CONTENT_PX, "height": 1000, "deviceScaleFactor": 1, "mobile": False}
    )
    try:
        styles = driver.execute_script("""
            const get = (sel, prop) => { const e = document.querySelector(sel); return e ? getComputedStyle(e)[prop] : null; };
            const width = document.documentElement.clientWidth;
            const wide = [...document.querySelectorAll('main table, main svg, main .finding, main .key-figures')]
              .filter(e => e.getBoundingClientRect().right > width + 1)
              .map(e => (e.querySelector('caption') || e).textContent.trim().slice(0, 60));
            return {contents: get('nav.contents', 'display'), row: get('tbody tr', 'breakInside'),
                    figure: get('figure', 'breakInside'), heading: get('main h2', 'breakAfter'),
                    colours: get('.tag', 'printColorAdjust'), wide};""")
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    assert not styles["wide"], f"wider than an A4 page: {styles['wide']}"
    assert styles["contents"] in (None, "none")
    assert styles["row"] == "avoid" and styles["heading"] == "avoid"
    assert styles["figure"] in (None, "avoid")
    assert styles["colours"] == "exact", "tags keep their colour on paper"


@pytest.mark.parametrize("name", NAMES)
def test_screenshot_and_a4_pdf_for_a_person_to_look_at(pages, load, driver, name):
    _, path = pages[name]
    load(path)
    height = driver.execute_script("return document.documentElement.scrollHeight")
    shot = driver.execute_cdp_cmd(
        "Page.captureScreenshot",
        {"format": "png", "captureBeyondViewport": True, "clip": {"x": 0, "y": 0, "width": 1280, "height": height, "scale": 1}},
    )
    png = base64.b64decode(shot["data"])
    assert png.startswith(b"\x89PNG")
    (OUT / "screenshots").mkdir(parents=True, exist_ok=True)
    (OUT / "screenshots" / f"{name}.png").write_bytes(png)
    printed = driver.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True})
    pdf = base64.b64decode(printed["data"])
    assert pdf.startswith(b"%PDF")
    (OUT / f"{name}.pdf").write_bytes(pdf)
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    assert boxes, "the PDF has pages"
    for width, height_pt in boxes:
        assert abs(float(width) - 595.3) < 1.5 and abs(float(height_pt) - 841.9) < 1.5, "A4 pages"


# --- The checks themselves catch faults (run on pages made faulty on purpose) ------------------

FAULTY = """<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Faulty</title></head><body><main>
<h1>Faulty</h1><p style="color:#bbbbbb">Pale text a reader cannot read.</p><button></button>
<figure class="chart" data-marks="1"><svg class="chart-svg" viewBox="0 0 400 200" width="600" height="300" role="img"
 aria-labelledby="t d"><title id="t">T</title><desc id="d">D</desc><g class="mark" data-value="5"><rect x="10" y="10" width="50"
 height="50"/></g><text x="100" y="100">Q1 (April to June)</text><text x="110" y="100">Q2 (July to September)</text>
</svg></figure>
</main></body></html>"""


def test_the_checks_catch_what_they_look_for(load, tmp_path):
    axe_selenium_python = pytest.importorskip("axe_selenium_python", reason="axe-selenium-python is not installed")
    path = tmp_path / "faulty.html"
    path.write_text(FAULTY, encoding="utf-8")
    page = load(path)
    axe = axe_selenium_python.Axe(page.driver)
    axe.inject()
    found = {v["id"]: v["impact"] for v in axe.run(options=json.dumps(AXE_OPTIONS))["violations"]}
    assert found.get("color-contrast") == "serious" and found.get("button-name") == "critical"
    (chart,) = page.driver.execute_script(CHART_GEOMETRY)
    texts = chart["texts"]
    assert _overlap(texts[0], texts[1])
