"""The browser page against the native library on national-scale SSDA903 returns: the size of the
page's WebAssembly (raw, gzip, brotli when the brotli module is there) and the time to read and
measure generated SSDA903 returns (benchmarks/returns_data.py: ten annual returns of N children,
100,000 by default, the national scale; synthetic) in headless Chromium against the same C++ calls
compiled natively (web/src/safeguarding_web.cpp built with g++ -O2), with the ratio. The two JSON
outputs are asserted equal before any time is printed.

    .venv/bin/python benchmarks/web.py [--children 100000] [--repeat 2]

Needs the page built (`./dev web`), g++, and Chromium with chromedriver (as `./dev test` installs).
The generated returns have no missing table, without which `safeguarding returns` (and so the page)
stops at the missing-episodes measure; a one-row missing.csv (synthetic) is added to the last year's
folder."""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "build" / "web"
OBJ = ROOT / "build" / "web-obj"
NATIVE = OBJ / "safeguarding_web_native"
sys.path.insert(0, str(Path(__file__).resolve().parent))

import returns_data  # noqa: E402


def native_binary() -> Path:
    """web/src/safeguarding_web.cpp and pugixml built natively (again only when a source is newer)."""
    sources = [*ROOT.joinpath("include").rglob("*.hpp"), *ROOT.joinpath("src").rglob("*.?pp"),
               ROOT / "web" / "src" / "safeguarding_web.cpp"]
    if NATIVE.exists() and all(s.stat().st_mtime <= NATIVE.stat().st_mtime for s in sources):
        return NATIVE
    print("building the native harness (g++ -O2) ...", flush=True)
    subprocess.run(["g++", "-std=c++20", "-O2", "-DNDEBUG", f"-I{ROOT / 'include'}", f"-I{ROOT}",
                    f"-I{OBJ / 'include'}", f"-I{OBJ / 'pugixml'}", str(ROOT / "web" / "src" / "safeguarding_web.cpp"),
                    str(OBJ / "pugixml" / "pugixml.cpp"), "-lpthread", "-o", str(NATIVE)], check=True)
    return NATIVE


def sizes() -> None:
    wasm = (SITE / "safeguarding.wasm").read_bytes()
    js = (SITE / "safeguarding.js").read_bytes()
    line = f"safeguarding.wasm {len(wasm) / 1e6:.2f} MB raw, {len(gzip.compress(wasm, 9)) / 1e6:.2f} MB gzip -9"
    if shutil.which("brotli"):  # Debian's brotli
        packed = subprocess.run(["brotli", "-c", "-q", "11", str(SITE / "safeguarding.wasm")], capture_output=True, check=True)
        line += f", {len(packed.stdout) / 1e6:.2f} MB brotli -q 11"
    else:
        line += " (brotli: not installed; Debian: apt-get install brotli)"
    print(line)
    print(f"safeguarding.js {len(js) / 1e3:.0f} kB raw, {len(gzip.compress(js, 9)) / 1e3:.0f} kB gzip -9")


def run_native(folder: Path, files: list[str]) -> tuple[float, Any]:
    request = json.dumps({"ssda903": files, "year": ""})
    done = subprocess.run([str(native_binary()), request], cwd=folder, capture_output=True, text=True, check=True)
    seconds = float(done.stderr.split("seconds")[-1])
    return seconds, json.loads(done.stdout)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm"}

    def log_message(self, format: str, *args: Any) -> None:
        pass


def run_browser(folder: Path, repeat: int) -> tuple[list[tuple[float, float]], Any]:
    """Each run's seconds: in the worker (the core's calls, from the files in memory to the JSON) and
    from the click to the figures shown (reading the files in, too)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(SITE)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"):
        options.add_argument(argument)
    chrome = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    times, result = [], None
    try:
        chrome.get(f"http://127.0.0.1:{httpd.server_address[1]}/")
        while not chrome.execute_script("return window.safeguardingReady === true"):
            time.sleep(0.1)
        for _ in range(repeat):
            chrome.execute_script("window.safeguardingRun = null")
            chrome.find_element(By.ID, "folder").send_keys(str(folder))
            chrome.find_element(By.ID, "run").click()
            while True:
                run = chrome.execute_script("return window.safeguardingRun && window.safeguardingRun.finished"
                                            " ? window.safeguardingRun : null")
                if run:
                    break
                time.sleep(0.2)
            if run["error"]:
                raise SystemExit(f"the page: {run['error']}")
            times.append((run["seconds"], (run["finished"] - run["started"]) / 1000))
            result = run["result"]
    finally:
        chrome.quit()
        httpd.shutdown()
    return times, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--children", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    if not (SITE / "safeguarding.wasm").exists():
        raise SystemExit("build the page first: ./dev web")
    sizes()
    with tempfile.TemporaryDirectory(prefix="sg_web_bench_") as tmp:
        top = Path(tmp) / "ssda903"
        rows = returns_data.ssda903(top, args.children)
        last = sorted(p for p in top.iterdir() if p.is_dir())[-1]
        (last / "missing.csv").write_text("CHILD,DOB,MISSING,MIS_START,MIS_END\nC0000000,01/01/2005,M,01/06/2019,03/06/2019\n",
                                          encoding="utf-8")
        files = sorted(str(p.relative_to(Path(tmp))) for p in top.rglob("*.csv"))
        size = sum(p.stat().st_size for p in top.rglob("*.csv"))
        print(f"SSDA903: {args.children:,} children (synthetic), 10 annual returns, {size / 1e6:.0f} MB of CSV "
              f"({rows['episodes']:,} episodes, {rows['reviews']:,} reviews)")
        native = []
        for _ in range(args.repeat):
            seconds, native_result = run_native(Path(tmp), files)
            native.append(seconds)
        browser, browser_result = run_browser(top, args.repeat)
        assert browser_result == native_result, "the page's JSON differs from the native run's"
        best_native = min(native)
        best_core = min(t for t, _ in browser)
        best_total = min(t for _, t in browser)
        print(f"  native (g++ -O2, the same calls)             {best_native:7.2f} s")
        print(f"  Chromium, WebAssembly: the core's calls      {best_core:7.2f} s   ratio {best_core / best_native:4.1f}x")
        print(f"  Chromium: click to figures (files read too)  {best_total:7.2f} s   ratio {best_total / best_native:4.1f}x")
        print(f"  (best of {args.repeat}; the JSON of both runs equal)")


if __name__ == "__main__":
    main()
