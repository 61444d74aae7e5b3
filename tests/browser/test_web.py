"""The browser page (web/, built by `./dev web` into build/web/): the library's C++ core compiled to
WebAssembly, loaded from a local server in headless Chromium and given the sample returns of
examples/returns (synthetic data) through its file input. Every value the page's core gives equals the
`safeguarding returns --format json` command's for the same files, and the figures a reader sees are
those values; nothing is requested once the page has loaded and nothing from beyond this machine at
all; no console error; no serious or critical accessibility violation (axe-core); a file that is not
a return, or a broken one, gets the command's own message. A screenshot goes to build/web-test/.

Skipped only where Emscripten (Debian's emscripten) or Chromium is not installed; `./dev test` installs
both when run as root and builds the page first."""

from __future__ import annotations

import functools
import http.server
import io
import json
import math
import os
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_reports_browser import driver  # noqa: F401  (the session's headless Chromium)

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "build" / "web"
OUT = ROOT / "build" / "web-test"
RETURNS = ROOT / "examples" / "returns"
SAMPLES = [*sorted((RETURNS / "ssda903").glob("*.csv")), RETURNS / "fake_CIN_data.xml", RETURNS / "cin_census_synthetic.xml"]


@pytest.fixture(scope="module")
def site() -> Path:
    """build/web, built (or brought up to date: only what changed is compiled) by web/build.sh."""
    if shutil.which("em++") is None:
        pytest.skip("Emscripten is not installed (Debian: apt-get install emscripten; ./dev test installs it as root)")
    import sys

    run = subprocess.run(["bash", str(ROOT / "web" / "build.sh")], capture_output=True, text=True,
                         env={**os.environ, "PYTHON": sys.executable})
    assert run.returncode == 0, run.stdout + run.stderr
    assert (SITE / "safeguarding.wasm").is_file() and (SITE / "index.html").is_file()
    return SITE


SERVED: list[str] = []  # every path the server was asked for, in order


class _Quiet(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm",
                      ".js": "text/javascript"}

    def log_message(self, format: str, *args: Any) -> None:
        SERVED.append(self.path)


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[str]:
    """The page served from 127.0.0.1 (any free port), as `python3 -m http.server` serves it."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


def _requests(chrome: Any) -> list[str]:
    events = [json.loads(entry["message"])["message"] for entry in chrome.get_log("performance")]
    return [e["params"]["request"]["url"] for e in events if e.get("method") == "Network.requestWillBeSent"]


class Page:
    """The page loaded, its library started; then each run of files through its file input."""

    def __init__(self, chrome: Any, url: str) -> None:
        chrome.get_log("browser")  # reading the logs empties them
        chrome.get_log("performance")
        chrome.execute_cdp_cmd("Network.enable", {})
        chrome.get(url)
        self.driver = chrome
        self._wait("return window.safeguardingReady === true", "the library to start")
        self.loaded = _requests(chrome)
        self.served = list(SERVED)
        self.workers = chrome.execute_script("return window.safeguardingWorkerResources")
        self.console: list[dict[str, Any]] = chrome.get_log("browser")

    def _wait(self, script: str, what: str, seconds: float = 120) -> Any:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            value = self.driver.execute_script(script)
            if value:
                return value
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {what}")

    def run(self, files: list[Path], year: str = "", as_of: str | None = None) -> dict[str, Any]:
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support.ui import Select

        self.driver.execute_script("window.safeguardingRun = null; document.getElementById('files').value = ''")
        Select(self.driver.find_element(By.ID, "year")).select_by_value(year)
        if as_of is not None:
            self.driver.execute_script("document.getElementById('as-of').value = arguments[0]", as_of)
        self.driver.find_element(By.ID, "files").send_keys("\n".join(str(f) for f in files))
        self.driver.find_element(By.ID, "run").click()
        run: dict[str, Any] = self._wait("return window.safeguardingRun && window.safeguardingRun.finished"
                                         " ? window.safeguardingRun : null", "the figures")
        self.console += self.driver.get_log("browser")
        self.after_load = _requests(self.driver)
        self.served_after_load = SERVED[len(self.served):]
        self.driver.execute_script(
            "window.safeguardingWorkerResources = null; window.safeguardingWorker.postMessage({type: 'resources'})")
        self.worker_resources = self._wait("return window.safeguardingWorkerResources", "the worker's resources")
        return run


@pytest.fixture(scope="module")
def page(driver: Any, server: str) -> Page:  # noqa: F811
    return Page(driver, server)


def _command(files: list[Path], *options: str, tmp: Path) -> tuple[int, Any, str]:
    """The command's JSON (or its message) for copies of the files under their own names, in one
    folder that is the working directory: the names the page gives them."""
    from safeguarding._cli import main

    tmp.mkdir(parents=True, exist_ok=True)
    for f in files:
        shutil.copy(f, tmp / f.name)
    out, err = io.StringIO(), io.StringIO()
    here = os.getcwd()
    os.chdir(tmp)
    try:
        status = main(["returns", *sorted(f.name for f in files), "--format", "json", *options], out, err)
    finally:
        os.chdir(here)
    return status, json.loads(out.getvalue()) if status == 0 else None, err.getvalue()


def _leaves(value: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _leaves(v, f"{path}/{k}")
    elif isinstance(value, list):
        yield path + "#len", len(value)
        for i, v in enumerate(value):
            yield from _leaves(v, f"{path}/{i}")
    else:
        yield path, value


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return a is not None and b is not None and math.isclose(a, b, rel_tol=1e-12, abs_tol=0.0)
    return bool(a == b) and type(a) is type(b)


def _page_equals_command(page: Page, files: list[Path], year: str, tmp: Path) -> dict[str, Any]:
    """The page's JSON for the files, having checked every value equals the command's."""
    run = page.run(files, year)
    assert run["error"] is None, run["error"]
    status, expected, err = _command(files, *(["--year", year] if year else []), tmp=tmp)
    assert status == 0, err
    seen, want = dict(_leaves(run["result"])), dict(_leaves(expected))
    assert set(seen) == set(want), {"only in the page": sorted(set(seen) - set(want))[:10],
                                    "only in the command": sorted(set(want) - set(seen))[:10]}
    different = [(p, seen[p], want[p]) for p in want if not _same(seen[p], want[p])]
    assert not different, different[:10]
    assert len(want) > 1000  # the findings, rows and figures of the sample returns
    result: dict[str, Any] = run["result"]
    return result


@pytest.mark.parametrize("year", ["", "2017-18"])
def test_every_value_equals_the_command_s(page, tmp_path, year):
    files = SAMPLES if not year else SAMPLES[:4]  # a year given: the SSDA903 tables (2017-18 is theirs)
    _page_equals_command(page, files, year, tmp_path)


def test_a_return_without_its_missing_file_is_the_command_s_too(page, tmp_path):
    # The SSDA903 sample without missing.csv: the missing episodes are not computable (the library
    # gives no figure made of nothing), every other figure is given; the page's JSON is the command's,
    # and the page names the measure with its reason.
    files = [f for f in SAMPLES[:4] if f.name != "missing.csv"]
    result = _page_equals_command(page, files, "2017-18", tmp_path)
    (ret,) = result["returns"]
    reason = ret["measures"]["missing_episodes"]["not_computable"]
    assert "the 2018 return has no missing table" in reason and ret["measures"]["missing_episodes"]["rows"] is None
    assert ret["measures"]["participation"]["rows"] and ret["measures"]["looked_after_at_31_march"]["children"] > 0
    shown = page.driver.execute_script(
        "return document.querySelector('[data-path=\"/returns/0/measures/missing_episodes/not_computable\"]').innerText")
    assert "not computable" in shown and reason in shown
    OUT.mkdir(parents=True, exist_ok=True)
    page.driver.execute_script(
        "document.querySelector('[data-path=\"/returns/0/measures/missing_episodes/not_computable\"]').scrollIntoView()")
    page.driver.save_screenshot(str(OUT / "page-without-missing.png"))


def _shown(value: Any, path: str) -> str:
    """A value as the page writes it (app.js): counts with thousands separators, shares as percentages
    to one decimal place, none as an en dash."""
    if value is None:
        return "–"
    if isinstance(value, str):
        return value
    if path.endswith("/share"):
        return f"{100 * value:.1f}%"
    return f"{value:,}"


def test_the_figures_a_reader_sees_are_the_values(page):
    run = page.run(SAMPLES)
    shown = page.driver.execute_script(
        "return [...document.querySelectorAll('.key-figure-value[data-path^=\"/\"], td[data-path^=\"/\"]')]"
        ".map(e => [e.dataset.path, e.innerText.trim()])")
    assert len(shown) > 300
    for path, text in shown:
        value: Any = run["result"]
        for key in path.strip("/").split("/"):
            value = value[int(key)] if isinstance(value, list) else value[key]
        if path.endswith("/kept_rows") and value is not None:
            continue  # written as runs of rows: test_a_merged_row_shows_the_row_it_went_into
        if isinstance(value, float) and not path.endswith("/share"):
            assert text == str(round(value * 1000) / 1000).removesuffix(".0") or float(text) == round(value, 3), (path, text)
        else:
            assert text == _shown(value, path), (path, text, value)
    charts = page.driver.execute_script(
        "return [...document.querySelectorAll('figure.chart svg')].map(s => ({named: s.getAttribute('aria-labelledby')"
        ".split(' ').map(id => document.getElementById(id).textContent), h: s.getBoundingClientRect().height,"
        " marks: [...s.querySelectorAll('g.mark')].map(g => Number(g.dataset.value))}))")
    measures = [m for r in run["result"]["returns"] for m in r["measures"].values()
                if m.get("by_month") and not m.get("not_computable")
                and any(row["percent_in_timescale"] is not None for row in m["by_month"])]
    # The SSDA903's reviews and the synthetic census's assessments and conferences. fake_CIN_data.xml's
    # three (0 of 0 in every month: no assessment, enquiry or plan) have a statement instead (below).
    assert len(charts) == len(measures) == 4
    for chart, measure in zip(charts, measures):
        assert chart["marks"] == [r["percent_in_timescale"] for r in measure["by_month"] if r["percent_in_timescale"] is not None]
        assert chart["named"][0].startswith(measure["measure"][0].upper() + measure["measure"][1:]) and chart["h"] > 150
    counts = page.driver.execute_script("return document.querySelectorAll('section.return').length")
    assert counts == 3
    OUT.mkdir(parents=True, exist_ok=True)
    page.driver.save_screenshot(str(OUT / "page.png"))


def test_a_merged_row_shows_the_row_it_went_into(page, tmp_path):
    # Two synthetic returns' episodes (as the C++ test "identical merged rows are one finding"): the
    # 2019 file's rows 2-9 are C1..C6's episodes, C5's and C6's twice (rows 6, 7 and 8, 9); the
    # 2020 file's rows 2-6 are C1, C2, C3 (now closed), C4, C5. 2019's rows 2, 3, 5, 6, 7 merge
    # into 2020's rows 2, 3, 5, 6, 6, identical: one finding; row 4 (C3) into 2020's row 4,
    # differing; row 8 (C6) into row 9 of its own file.
    head = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
    open_ = ",S,C2,N1,U1,PR1,,,,,,\n"
    first, second = tmp_path / "episodes_2019.csv", tmp_path / "episodes_2020.csv"
    first.write_text(head + "".join(f"{c},{d}{open_}" for c, d in [
        ("C1", "01/04/2018"), ("C2", "01/05/2018"), ("C3", "01/06/2018"), ("C4", "01/07/2018"), ("C5", "01/08/2018"),
        ("C5", "01/08/2018"), ("C6", "01/09/2018"), ("C6", "01/09/2018")]))
    second.write_text(head + f"C1,01/04/2018{open_}C2,01/05/2018{open_}C3,01/06/2018,S,C2,N1,U1,PR1,01/06/2019,E4A,,,,\n"
                      f"C4,01/07/2018{open_}C5,01/08/2018{open_}")
    run = page.run([first, second])
    assert run["error"] is None, run["error"]
    (ret,) = run["result"]["returns"]
    merged = [f for f in ret["findings"] if f["action"] == "row merged"]
    assert [(f["row"], f["kept_file"], f["kept_rows"]) for f in merged] == [
        (2, second.name, [[2, 3], [5, 6], [6, 6]]), (4, second.name, [[4, 4]]), (8, first.name, [[9, 9]])]
    shown = page.driver.execute_script(
        "return [...document.querySelectorAll('td[data-path$=\"/kept_rows\"]')].map(e => e.innerText.trim())")
    # Row by row: 2→2, 3→3 (one run), 5→5, 6→6 (one run), 7→6; then 4→4 and 8→9. No other finding
    # merged a row: "–".
    assert shown[:3] == [f"{second.name}:\n2-3 → 2-3, 5-6 → 5-6, 7 → 6", f"{second.name}:\n4 → 4", f"{first.name}:\n8 → 9"]
    assert set(shown[3:]) <= {"–"}
    OUT.mkdir(parents=True, exist_ok=True)
    page.driver.execute_script("document.querySelector('td[data-path$=\"/kept_rows\"]').scrollIntoView()")
    page.driver.save_screenshot(str(OUT / "page-merged-rows.png"))


def test_a_measure_with_nothing_judged_says_so_instead_of_an_empty_chart(page):
    # fake_CIN_data.xml (synthetic, 2021-22) has no assessment, section 47 enquiry or plan: each of
    # its three timeliness figures is 0 of 0 in timescale, and its initial conferences, recorded on
    # referrals with no enquiry, are 42 done in the year not judged. A chart of no month judged is an
    # empty frame (it read as a drawing that failed, or as 0%): a statement stands in its place.
    run = page.run([RETURNS / "fake_CIN_data.xml"])
    assert run["error"] is None, run["error"]
    (ret,) = run["result"]["returns"]
    timeliness = {k: m for k, m in ret["measures"].items() if m.get("by_month") and not m.get("not_computable")}
    assert len(timeliness) == 3 and all(m["done"] == 0 for m in timeliness.values())
    assert page.driver.execute_script("return document.querySelectorAll('figure.chart').length") == 0
    said = page.driver.execute_script(
        "return Object.fromEntries([...document.querySelectorAll('p.nothing-judged')]"
        ".map(p => [p.dataset.path, p.innerText.trim()]))")
    assert len(said) == 3
    for key, m in timeliness.items():
        text = said[f"/returns/0/measures/{key}/by_month"]
        assert text.startswith(m["measure"][0].upper() + m["measure"][1:] + ", 2021-22: none judged"), text
        assert "(0 of 0 in timescale)" in text
    conferences = [said[f"/returns/0/measures/{k}/by_month"] for k, m in timeliness.items() if m["not_judged"]]
    assert conferences == ["Initial conferences, 2021-22: none judged, so there is no share in timescale to chart "
                           "(0 of 0 in timescale). 42 were done in the year but judged by no rule: the table below "
                           "gives them by month."]
    # Nothing held in the year at all (no assessment in the census): said so.
    assert said["/returns/0/measures/assessments/by_month"].endswith("(0 of 0 in timescale). Nothing was done in the year.")
    OUT.mkdir(parents=True, exist_ok=True)
    page.driver.execute_script("document.querySelector('p.nothing-judged').scrollIntoView()")
    page.driver.save_screenshot(str(OUT / "page-nothing-judged.png"))


def test_nothing_is_requested_after_load_nor_from_beyond_this_machine(page, server):
    run = page.run(SAMPLES)
    assert run["error"] is None
    assert page.loaded, "the page's own files were requested"
    assert all(url.startswith(server) or url.startswith("data:") for url in page.loaded), page.loaded
    assert {url.removeprefix(server) for url in page.loaded} >= {"", "app.js", "style.css", "worker.js"}
    assert {"/safeguarding.js", "/safeguarding.wasm"} <= set(page.served), "the worker's library, loaded with the page"
    assert page.after_load == [], "no request from the page once it has loaded"
    assert page.served_after_load == [], "nothing asked of the server once the page has loaded (page or worker)"
    assert {url.removeprefix(server) for url in page.worker_resources} == {"safeguarding.js", "safeguarding.wasm"}, (
        "the worker fetched its library and nothing else")


def test_no_console_error(page):
    page.run(SAMPLES)
    errors = [entry for entry in page.console if entry["level"] in ("SEVERE", "ERROR")]
    assert not errors, errors


def test_accessibility_check_finds_nothing_serious(page):
    axe_selenium_python = pytest.importorskip("axe_selenium_python", reason="axe-selenium-python is not installed")
    page.run(SAMPLES)
    axe = axe_selenium_python.Axe(page.driver)
    axe.inject()
    results = axe.run(options=json.dumps({"resultTypes": ["violations"]}))
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "axe.json").write_text(json.dumps(results["violations"], indent=1), encoding="utf-8")
    serious = [(v["id"], v["impact"], v["help"], [n["target"] for n in v["nodes"]][:3])
               for v in results["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, serious


def _message(page: Page) -> str:
    return str(page.driver.execute_script("return document.getElementById('error').innerText")).strip()


@pytest.mark.parametrize("bad", ["not-a-return", "broken-xml"])
def test_a_bad_file_gets_the_command_s_message(page, tmp_path, bad):
    folder = tmp_path / "files"
    folder.mkdir()
    if bad == "not-a-return":
        path = folder / "notes.csv"
        path.write_text("name,date\nx,01/02/2020\n", encoding="utf-8")
    else:  # a CIN census cut off in the middle of a child (synthetic)
        path = folder / "cut.xml"
        text = (RETURNS / "cin_census_synthetic.xml").read_text(encoding="utf-8")
        path.write_text(text[: len(text) // 2], encoding="utf-8")
    run = page.run([path])
    status, _, err = _command([path], tmp=tmp_path / "command")
    assert status == 2
    message = err.removeprefix("safeguarding: ").strip()
    assert run["error"] == message
    assert path.name in message
    assert _message(page).startswith("The files cannot be read: " + message.splitlines()[0])


HARINGEY = ROOT / "examples" / "haringey" / "partnership.json"


def test_a_partnership_s_report_equals_the_command_s(page):
    from safeguarding._cli import main

    run = page.run([HARINGEY], as_of="2020-10-31")
    assert run["error"] is None, run["error"]
    out, err = io.StringIO(), io.StringIO()
    assert main(["report", str(HARINGEY), "--as-of", "2020-10-31", "--format", "json"], out, err) == 0, err.getvalue()
    expected = json.loads(out.getvalue())
    assert run["result"] is None and len(run["reports"]) == 1
    assert run["reports"][0]["report"] == expected
    assert run["reports"][0]["file"] == "partnership.json"
    shown = page.driver.execute_script(
        "return Object.fromEntries([...document.querySelectorAll('.key-figure-value[data-path^=\"report:\"]')]"
        ".map(e => [e.dataset.path.split('/').pop(), e.innerText.trim()]))")
    assert shown == {status: f"{n:,}" for status, n in expected["summary"]["by_status"].items()}


def test_the_downloads_are_the_json_and_a_printable_page(page):
    run = page.run(SAMPLES)
    got = page.driver.execute_async_script("""
        const done = arguments[0], out = {}, blobs = [];
        const click = HTMLAnchorElement.prototype.click, make = URL.createObjectURL;
        URL.createObjectURL = (blob) => { blobs.push(blob); return make(blob); };
        HTMLAnchorElement.prototype.click = function () {
          const name = this.download;
          blobs.shift().text().then(t => { out[name] = t; if (Object.keys(out).length === 2) {
            HTMLAnchorElement.prototype.click = click; URL.createObjectURL = make; done(out); } });
        };
        document.getElementById('download-json').click();
        document.getElementById('download-html').click();
    """)
    assert json.loads(got["returns.json"]) == run["result"]
    assert got["returns.html"].startswith("<!doctype html>") and "Looked-after reviews" in got["returns.html"]
