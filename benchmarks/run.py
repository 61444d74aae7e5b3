"""Benchmarks, run by `./dev bench` (or `python benchmarks/run.py` in a venv with the package).

Calendar: 10 million vectorised add_working_days and working_days_between against numpy's
busday_offset and busday_count given the same holidays and weekend (results asserted equal), and
the scalar C++ throughput from benchmarks/calendar_scalar_benchmark.

Statutory returns, end to end: ten generated annual SSDA903 returns and a CIN census (20,000
children over ten years by default; `--returns-children 100000` gives the national scale of
about 100,000) loaded and measured for one reporting year (`--returns-year`): the monthly
looked-after review table, assessments within 45 working days, initial conferences within 15
working days and review conferences in timescale, against pandas read_csv/read_xml plus the same
measures in plain pandas (benchmarks/pandas_returns.py; results asserted equal). Prints load
throughput (MB/s), the speed ratios, and the readers' peak memory against the input's size.

Loading: the readers alone (benchmarks/load_speed.py): sg.cin_census.load and sg.ssda903.load on
the same generated returns, best of 5 rounds in fresh processes (wall clock and CPU time), with
`--baseline DIR` against another installed version measured alternately (the ratio ours /
baseline), then the C++ benchmarks/returns_load_benchmark on the same files.

Partnership: a generated partnership of 50 groups with 10 years of meetings and activities,
evaluated as of a date (every finding), against plain pandas and polars computations of two of its
finding kinds (meetings per calendar quarter and quorum per meeting; benchmarks/pandas_partnership.py
and benchmarks/polars_partnership.py; results asserted equal).

Timeliness: 1 million children with 10 million looked-after events (synthetic): every review's due
date, status and lateness, and the monthly table of reviews held in and out of timescale, by
sg.timeliness + sg.summarise against an idiomatic pandas and numpy implementation of the same
rules (benchmarks/pandas_timeliness.py; results asserted equal).

polars is the second baseline of the calendar, returns, partnership and timeliness sections
(benchmarks/polars_returns.py, benchmarks/polars_partnership.py, benchmarks/polars_timeliness.py): every cell of ours is compared
with pandas' and polars' (benchmarks/compare.py) before a ratio is printed, and peak memory is
measured for each in a fresh process (peak_mb).

Prints each figure and the speed ratio against the named baseline. `--only SECTION` runs one
section (calendar, returns, partnership, timeliness, loading); `--quick` runs each small; `--national`
runs safeguarding.dask over 153 generated authorities x 10 years instead (benchmarks/national.py).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

import numpy as np
import pandas as pd

import safeguarding as sg

sys.path.insert(0, str(Path(__file__).resolve().parent))
import compare  # noqa: E402
import pandas_timeliness  # noqa: E402
from timeliness_data import looked_after_events  # noqa: E402


def best_of(repeat: int, fn: Callable[[], object]) -> tuple[float, object]:
    fn()  # warm up: first-touch page faults and caches
    best, result = float("inf"), None
    for _ in range(repeat):
        result = None  # free the previous run's output before timing the next, not during it
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


class Timing:
    """One function's times over interleaved rounds (see `interleaved`): wall clock and process CPU time
    (every thread's, user and system) of each call, in seconds."""

    def __init__(self) -> None:
        self.wall: list[float] = []
        self.cpu: list[float] = []

    @property
    def median(self) -> float:
        return statistics.median(self.wall)

    @property
    def best(self) -> float:
        return min(self.wall)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu)


def interleaved(runs: int, fns: dict[str, Callable[[], object]]) -> tuple[dict[str, Timing], dict[str, object]]:
    """Times each function `runs` times, in rounds that call every function once in turn (after one
    warm-up round), so that the machine's load and the kernel's state (free huge pages to fault in
    fresh output arrays) weigh on each alike: a ratio of two medians, or of two bests, compares calls
    made in the same conditions. Each call's result is freed before the next call. Returns the timings
    and the last round's results."""
    timings = {name: Timing() for name in fns}
    results: dict[str, object] = {}
    for round_ in range(runs + 1):
        for name, fn in fns.items():
            results[name] = None  # free the previous call's output before timing this one
            cpu0, t0 = time.process_time(), time.perf_counter()
            results[name] = fn()
            wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0
            if round_:  # round 0 warms up: first-touch page faults, caches, the calendar's tables
                timings[name].wall.append(wall)
                timings[name].cpu.append(cpu)
    return timings, results


def calendar_benchmark(size: int, repeat: int, runs: int) -> None:
    """The vectorised calendar against numpy and polars, and against the floor: `np.copy` of the dates,
    which allocates and writes an output array of the same size, as our calls do. Ours and the floor
    are timed in `runs` interleaved rounds (median and best printed; the ratio to the floor from the
    same rounds); numpy and polars, each some 10 to 50 times slower, best of `repeat`."""
    import polars as pl
    import polars_returns

    cal = sg.Calendar.england_and_wales()
    holidays = np.array([h.date for h in cal.holidays()], dtype="datetime64[D]")
    busdaycal = np.busdaycalendar(weekmask="1111100", holidays=holidays)
    week, holiday_list = polars_returns.WEEK, polars_returns.holiday_list(holidays)
    rng = np.random.default_rng(20191002)
    lo, hi = np.datetime64("1980-01-01").astype(np.int64), np.datetime64("2090-12-31").astype(np.int64)
    a = rng.integers(lo, hi, size).astype("datetime64[D]")
    b = rng.integers(lo, hi, size).astype("datetime64[D]")
    n = rng.integers(1, 101, size)
    print(f"Calendar, {size:,} elements (England and Wales, {len(holidays):,} holidays, dates 1980-2090)")
    print(f"  ours and the floor (np.copy of the dates, output allocated as ours is): {runs} interleaved rounds, "
          f"median and best wall clock; CPU time is every thread's; numpy and polars best of {repeat}")
    # polars works on its own Series (converted before timing, as a polars user holds them).
    pa, pb, pn = pl.Series("a", a), pl.Series("b", b), pl.Series("n", n)

    def line(name: str, seconds: float, extra: str = "") -> None:
        print(f"  {name:<34} {seconds * 1e3:9.1f} ms  ({seconds / size * 1e9:6.2f} ns/element, "
              f"{a.nbytes / 1e6 / seconds:6,.0f} MB/s of dates){extra}")

    def three(name: str, ours_fn: Callable[[], object], numpy_name: str, numpy_fn: Callable[[], object],
              polars_name: str, polars_fn: Callable[[], object]) -> None:
        timings, results = interleaved(runs, {"floor": lambda: np.copy(a), "ours": ours_fn})
        ours, floor = timings["ours"], timings["floor"]
        numpy_t, theirs = best_of(repeat, numpy_fn)
        polars_t, theirs_pl = best_of(repeat, polars_fn)
        compare.column(name, "result", results["ours"], theirs, numpy_name)  # type: ignore[arg-type]
        compare.column(name, "result", results["ours"], theirs_pl, polars_name)  # type: ignore[arg-type]
        line(name + ", median", ours.median, f"  best {ours.best * 1e3:.1f} ms")
        line("floor np.copy, median", floor.median, f"  best {floor.best * 1e3:.1f} ms")
        print(f"  {'ours / np.copy floor':<34} {ours.median / floor.median:9.2f}x median, {ours.best / floor.best:.2f}x best;"
              f"  CPU time {ours.cpu_median / floor.cpu_median:.2f}x ({ours.cpu_median * 1e3:.1f} against "
              f"{floor.cpu_median * 1e3:.1f} ms)")
        line(numpy_name, numpy_t)
        line(polars_name, polars_t)
        print(f"  {'speed ratio (baseline / ours best)':<34} numpy {numpy_t / ours.best:5.1f}x, "
              f"polars {polars_t / ours.best:5.1f}x")

    # n > 0: the n-th working day strictly after a; numpy and polars roll a non-working start backwards first.
    three("add_working_days (array n)", lambda: cal.add_working_days(a, n),
          "numpy.busday_offset", lambda: np.busday_offset(a, n, roll="backward", busdaycal=busdaycal),
          "polars dt.add_business_days",
          lambda: pa.dt.add_business_days(pn, week_mask=week, holidays=holiday_list, roll="backward"))
    three("add_working_days (n = 15)", lambda: cal.add_working_days(a, 15),
          "numpy.busday_offset", lambda: np.busday_offset(a, 15, roll="backward", busdaycal=busdaycal),
          "polars dt.add_business_days",
          lambda: pa.dt.add_business_days(15, week_mask=week, holidays=holiday_list, roll="backward"))

    # Working days in (a, b] for a <= b is numpy's and polars' [a + 1, b + 1); the shifted inputs
    # are prepared outside the baselines' timing.
    first, second = np.minimum(a, b), np.maximum(a, b)
    first_plus, second_plus = first + 1, second + 1
    frame = pl.DataFrame({"first": first_plus, "second": second_plus})
    three("working_days_between", lambda: cal.working_days_between(first, second),
          "numpy.busday_count", lambda: np.busday_count(first_plus, second_plus, busdaycal=busdaycal),
          "polars business_day_count",
          lambda: frame.select(pl.business_day_count("first", "second", week_mask=week, holidays=holiday_list)).to_series())
    three("is_working_day", lambda: cal.is_working_day(a),
          "numpy.is_busday", lambda: np.is_busday(a, busdaycal=busdaycal),
          "polars dt.is_business_day", lambda: pa.dt.is_business_day(week_mask=week, holidays=holiday_list))

    m = rng.integers(1, 13, size)
    ours_t, ours = best_of(repeat, lambda: sg.add_months(a, m))
    line("add_months (no numpy equivalent)", ours_t)
    del pb
    setup = (f"import numpy as np, polars as pl\nrng = np.random.default_rng(20191002)\n"
             f"a = rng.integers({lo}, {hi}, {size}).astype('datetime64[D]')\nn = rng.integers(1, 101, {size})\n"
             "cal = sg.Calendar.england_and_wales()\n"
             "h = np.array([x.date for x in cal.holidays()], dtype='datetime64[D]')\n"
             "bdc = np.busdaycalendar(weekmask='1111100', holidays=h)\n"
             "pa, pn, hl = pl.Series(a), pl.Series(n), [d.item() for d in h]\n")
    peaks = [peak_mb(setup, code) for code in (
        "r = cal.add_working_days(a, n)",
        "r = np.busday_offset(a, n, roll='backward', busdaycal=bdc)",
        "r = pa.dt.add_business_days(pn, week_mask=(True,) * 5 + (False,) * 2, holidays=hl, roll='backward')")]
    print(f"  {'peak memory, add_working_days (array n)':<34} ours {peaks[0]:.0f} MB, numpy {peaks[1]:.0f} MB, "
          f"polars {peaks[2]:.0f} MB (output alone {a.nbytes / 2**20:.0f} MB; {PEAK_NOTE})")


def scalar_benchmark(cpp_build: Path | None, size: int) -> None:
    print("Calendar, scalar C++ calls (boost::gregorian::date in and out)")
    exe = None if cpp_build is None else cpp_build / "benchmarks" / "calendar_scalar_benchmark"
    if exe is None or not exe.exists():
        print("  (skipped: build the C++ benchmarks first; ./dev bench does)")
        return
    out = subprocess.run([str(exe), str(size)], check=True, capture_output=True, text=True).stdout
    figures = dict(line.split() for line in out.strip().splitlines())
    for key in ("add_working_days", "working_days_between", "is_working_day"):
        print(f"  {key:<34} {float(figures[key + '_ns']):9.2f} ns/call")


PEAK_NOTE = "peak resident memory above the inputs: VmHWM after VmRSS, in a fresh process per measurement"


def peak_mb(setup: str, code: str) -> float:
    """Peak resident memory (MB) that `code` adds, in a fresh Python that first runs `setup` (the
    package imported, the benchmarks folder on sys.path). Counts every allocation, C++ ones too:
    the kernel's high-water mark VmHWM, reset to the current VmRSS after the setup by writing 5 to
    /proc/self/clear_refs, minus that VmRSS. (getrusage's ru_maxrss cannot be reset, and would
    carry over the parent's across exec on Linux; tracemalloc sees Python's allocations only.)"""
    script = (
        f"import sys\nsys.path.insert(0, {str(Path(__file__).resolve().parent)!r})\nimport safeguarding as sg\n"
        + setup + "\n"
        "def _status(key):\n"
        "    return int([l for l in open('/proc/self/status') if l.startswith(key)][0].split()[1])\n"
        "open('/proc/self/clear_refs', 'w').write('5')\n"
        "_before = _status('VmRSS')\n"
        + code + "\n"
        "print(_status('VmHWM') - _before)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True).stdout
    return int(out.split()[-1]) / 1024


def returns_benchmark(children: int, repeat: int, year: int) -> None:
    """End to end: generated SSDA903 returns (one folder per year) and a CIN census loaded and
    measured for one reporting year, against pandas read_csv/read_xml plus the same measures in
    plain pandas (benchmarks/pandas_returns.py); results asserted equal."""
    import tempfile

    import returns_data

    import pandas_returns
    import polars_returns

    cal = sg.Calendar.england_and_wales()
    holidays = np.array([h.date for h in cal.holidays()], dtype="datetime64[D]")
    holiday_list = polars_returns.holiday_list(holidays)
    year_end = f"{year}-03-31"
    # The census covers its own collection year only (docs/returns.md): measured for that year.
    cin_year = returns_data.CIN_YEAR
    cin_year_end = f"{cin_year}-03-31"
    with tempfile.TemporaryDirectory(prefix="sg_returns_bench_") as tmp:
        folder, xml = Path(tmp) / "903", Path(tmp) / "cin.xml"
        t0 = time.perf_counter()
        rows = returns_data.ssda903(folder, children)
        cin_rows = returns_data.cin_census(xml, children)
        generated = time.perf_counter() - t0
        years = sorted(p for p in folder.iterdir() if p.is_dir())
        csv_bytes = sum(p.stat().st_size for p in folder.rglob("*.csv"))
        xml_bytes = xml.stat().st_size
        print(
            f"Statutory returns, {children:,} children over ten years (synthetic; generated in {generated:.0f} s): "
            f"{len(years)} SSDA903 returns, {csv_bytes / 1e6:.0f} MB of CSV ({rows['episodes']:,} episode rows, "
            f"{rows['reviews']:,} reviews); CIN census {xml_bytes / 1e6:.0f} MB of XML ({cin_rows['cin_details']:,} referrals, "
            f"{cin_rows['assessments']:,} assessments, {cin_rows['cp_reviews']:,} plan reviews); "
            f"measures for {year - 1}-{year % 100:02d}"
        )

        # SSDA903: load (with stitching across the returns) and the monthly review-timeliness table,
        # formed in C++ from the loaded return (the tables become DataFrames only when asked for).
        def ours_903() -> tuple[object, pd.DataFrame]:
            data = sg.ssda903.load(folder)
            return data, data.reviews_by_month(year, calendar=cal).to_frame()

        def pandas_903() -> tuple[dict[str, pd.DataFrame], pd.DataFrame]:
            tables = pandas_returns.read_ssda903(years)
            return tables, pandas_returns.reviews_by_month(tables["episodes"], tables["reviews"], year_end, holidays)

        def polars_903() -> tuple[dict[str, object], object]:
            tables = polars_returns.read_ssda903(years)
            return tables, polars_returns.reviews_by_month(tables["episodes"], tables["reviews"], year_end, holiday_list)

        few = max(1, repeat // 3)
        load_t, _ = best_of(repeat, lambda: sg.ssda903.load(folder).tables)  # loaded, and the tables as DataFrames
        ours_t, (data, table) = best_of(repeat, ours_903)  # type: ignore[misc]
        read_t, _ = best_of(few, lambda: pandas_returns.read_ssda903(years))
        theirs_t, (tables, reference) = best_of(few, pandas_903)  # type: ignore[misc]
        csv_t, _ = best_of(repeat, lambda: polars_returns.read_csv_only(years))
        pl_read_t, _ = best_of(repeat, lambda: polars_returns.read_ssda903(years))
        pl_t, (pl_tables, pl_reference) = best_of(repeat, polars_903)  # type: ignore[misc]
        check_ssda903(data, table, {"pandas": (tables, reference), "polars": (pl_tables, pl_reference)})
        judged = int(table["in_timescale"].sum() + table["out_of_timescale"].sum())
        mb = csv_bytes / 1e6
        line = "  {:<46} {:7.2f} s  {:7.1f} MB/s{}"
        print(line.format("sg.ssda903.load (10 returns, stitched)", load_t, mb / load_t, ""))
        print(line.format("pandas read_csv + dates, codes, stitching", read_t, mb / read_t, f"  ratio {read_t / load_t:5.1f}x"))
        print(line.format("polars read_csv + dates, codes, stitching", pl_read_t, mb / pl_read_t,
                          f"  ratio {pl_read_t / load_t:5.1f}x"))
        print(line.format("polars read_csv + dates only (ingestion bar)", csv_t, mb / csv_t, f"  ratio {csv_t / load_t:5.1f}x"))
        print(line.format("sg: load + reviews_by_month", ours_t, mb / ours_t, ""))
        print(line.format("pandas: read_csv + the same table", theirs_t, mb / theirs_t, f"  ratio {theirs_t / ours_t:5.1f}x"))
        print(line.format("polars: read_csv + the same table", pl_t, mb / pl_t, f"  ratio {pl_t / ours_t:5.1f}x"
                          f"  ({judged:,} reviews judged; every cell equal to pandas and polars)"))

        # CIN census: load and the three timeliness figures. polars reads no XML: its figures are
        # computed from the tables pandas_returns.read_cin reads (lxml), so its ingestion is pandas'.
        def ours_cin() -> dict[str, tuple[int, int]]:
            census = sg.cin_census.load(xml)
            return {
                "assessments": tuple(census.assessments_within_45_working_days(cin_year, calendar=cal)),
                "initial_conferences": tuple(census.initial_conferences_within_15_working_days(cin_year, calendar=cal)),
                "review_conferences": tuple(census.review_conferences_in_timescale(cin_year, calendar=cal)),
            }

        def pandas_cin() -> dict[str, tuple[int, int]]:
            return pandas_returns.cin_figures(pandas_returns.read_cin(xml), cin_year_end, holidays)

        def polars_cin() -> dict[str, tuple[int, int]]:
            return polars_returns.cin_figures(polars_returns.cin_tables(pandas_returns.read_cin(xml)), cin_year_end,
                                              holiday_list)

        cin_load_t, _ = best_of(repeat, lambda: sg.cin_census.load(xml).tables)
        cin_t, figures = best_of(repeat, ours_cin)
        cin_read_t, cin_tables = best_of(few, lambda: pandas_returns.read_cin(xml))
        cin_theirs_t, reference_figures = best_of(few, pandas_cin)
        cin_pl_t, pl_figures = best_of(few, polars_cin)
        pl_measure_t, _ = best_of(repeat, lambda: polars_returns.cin_figures(
            polars_returns.cin_tables(cin_tables), cin_year_end, holiday_list))  # type: ignore[arg-type]
        compare.values("CIN census figures", figures, reference_figures, "pandas")
        compare.values("CIN census figures", figures, pl_figures, "polars")
        mb = xml_bytes / 1e6
        print(line.format("sg.cin_census.load (all ten tables)", cin_load_t, mb / cin_load_t, ""))
        print(line.format("pandas read_xml (4 tables, lxml + XSLT)", cin_read_t, mb / cin_read_t,
                          f"  ratio {cin_read_t / cin_load_t:5.1f}x"))
        print(line.format("sg: load + the three CIN figures", cin_t, mb / cin_t, ""))
        print(line.format("pandas: read_xml + the same figures", cin_theirs_t, mb / cin_theirs_t,
                          f"  ratio {cin_theirs_t / cin_t:5.1f}x"))
        print(line.format("polars: (pandas read_xml) + the same figures", cin_pl_t, mb / cin_pl_t,
                          f"  ratio {cin_pl_t / cin_t:5.1f}x  (polars' own part {pl_measure_t:.2f} s)"))
        print(f"  ({', '.join(f'{k} {a:,}/{b:,}' for k, (a, b) in figures.items())}: equal to pandas and polars)")
        total, baseline, pl_total = ours_t + cin_t, theirs_t + cin_theirs_t, pl_t + cin_pl_t
        print(f"  {'end to end, both returns: sg':<46} {total:7.2f} s  {(csv_bytes + xml_bytes) / 1e6 / total:7.1f} MB/s")
        print(f"  {'end to end, both returns: pandas':<46} {baseline:7.2f} s  ratio {baseline / total:5.1f}x (target 20x)")
        print(f"  {'end to end, both returns: polars':<46} {pl_total:7.2f} s  ratio {pl_total / total:5.1f}x (target 3x;"
              f" its CIN part is pandas' read_xml: SSDA903 alone {pl_t / ours_t:.1f}x)")

        folders = f"[{', '.join(repr(str(y)) for y in years)}]"
        setup = "import pandas_returns, polars_returns\nfrom pathlib import Path"
        for what, size, runs in (
            ("SSDA903 CSV", csv_bytes, (
                f"d = sg.ssda903.load({str(folder)!r}); t = d.tables",
                f"t = pandas_returns.read_ssda903([Path(p) for p in {folders}])",
                f"t = polars_returns.read_ssda903([Path(p) for p in {folders}])")),
            ("CIN census XML", xml_bytes, (
                f"d = sg.cin_census.load({str(xml)!r}); t = d.tables",
                f"t = pandas_returns.read_cin(Path({str(xml)!r}))", None)),
        ):
            peaks = [None if code is None else peak_mb(setup, code) for code in runs]
            # The ratio to two decimals: one decimal printed 1.95x and 2.04x alike as "2.0x".
            text = ", ".join(f"{who} {p:.1f} MB ({p / (size / 2**20):.2f}x)"
                             for who, p in zip(("ours", "pandas", "polars"), peaks) if p is not None)
            print(f"  {'peak memory, ' + what + ' load':<46} {text}")
        print(f"  ({PEAK_NOTE}; input {csv_bytes / 2**20:.1f} MB CSV, {xml_bytes / 2**20:.1f} MB XML)")


def check_ssda903(data: object, table: pd.DataFrame, baselines: dict[str, tuple[dict[str, object], object]]) -> None:
    """Row counts of the stitched tables and every cell of the monthly table equal to each baseline's."""
    for baseline, (tables, reference) in baselines.items():
        for name in ("header", "episodes", "reviews"):
            ours_rows, their_rows = len(data.tables[name]), len(tables[name])  # type: ignore[attr-defined, arg-type]
            if ours_rows != their_rows:
                raise compare.Mismatch(f"SSDA903 {name}: {ours_rows:,} rows here, {their_rows:,} in the {baseline} result")
        compare.frames("reviews_by_month", table, reference, ("held", "in_timescale", "out_of_timescale"), baseline)  # type: ignore[arg-type]


def generate_partnership(groups: int, years: int, seed: int = 20190929) -> dict:
    """A synthetic partnership: 3 partners, 30 relevant agencies, `groups` quarterly groups in a tree
    (each with the three partners and 5 to 9 agencies), one to two meetings a quarter for `years`
    years from 2010 with random absences, apologies and deputies, and 20 duties with their activities."""
    rng = np.random.default_rng(seed)
    partners = [
        {"id": "la", "name": "Council", "kind": "local-authority"},
        {"id": "ccg", "name": "CCG", "kind": "ccg"},
        {"id": "police", "name": "Police", "kind": "police"},
    ]
    agencies = [{"id": f"agency-{i}", "name": f"Agency {i}", "sector": "other"} for i in range(30)]
    quorum = {"all_safeguarding_partners": True, "deputies_need_delegated_authority": True}
    group_list, meetings = [], []
    start = np.datetime64("2010-01-01")
    days = int((np.datetime64(f"{2010 + years}-01-01") - start).astype(int))
    for g in range(groups):
        members = ["la", "ccg", "police"] + [f"agency-{i}" for i in rng.choice(30, int(rng.integers(5, 10)), replace=False)]
        group = {"id": f"group-{g}", "name": f"Group {g}", "kind": "executive" if g == 0 else "delivery-subgroup",
                 "chairs": [], "members": [{"agency": a} for a in members],
                 "frequency": {"per": "quarter", "at_least": 1, "aligned_to": "calendar"}, "quorum": quorum}
        if g > 0:
            group["parent"] = f"group-{int(rng.integers(0, g))}"
        group_list.append(group)
        # About 1.1 meetings a quarter on average, some quarters missed.
        for k, offset in enumerate(sorted(rng.choice(days, int(years * 4 * 1.1), replace=False))):
            attendance, apologies = [], []
            for agency in members:
                roll = rng.random()
                if roll < 0.08:
                    apologies.append({"agency": agency, "valid_reason": bool(rng.random() < 0.5)})
                elif roll < 0.10:
                    pass  # absent without apologies
                elif roll < 0.14:
                    attendance.append({"agency": agency, "capacity": "deputy", "delegated_authority": bool(rng.random() < 0.7)})
                else:
                    attendance.append({"agency": agency})
            meetings.append({"id": f"m-{g}-{k}", "group": f"group-{g}", "date": str(start + int(offset)),
                             "attendance": attendance, "apologies": apologies})
    duties, activities = [], []
    for d in range(20):
        kind = d % 4
        schedule = [{"kind": "interval", "every": "12 months"}, {"kind": "yearly", "by": "04-30"},
                    {"kind": "count", "per": "quarter", "at_least": 1}, {"kind": "after-each", "within": "6 months",
                                                                         "after": f"trigger-{d}"}][kind]
        duties.append({"id": f"duty-{d}", "title": f"Duty {d}", "activity": f"activity-{d}", "schedule": schedule})
        for k, offset in enumerate(sorted(rng.choice(days, years * 3, replace=False))):
            if kind == 3:
                activities.append({"id": f"t-{d}-{k}", "type": f"trigger-{d}", "date": str(start + int(offset))})
                if rng.random() < 0.8:
                    done = start + int(offset) + int(rng.integers(30, 240))
                    activities.append({"id": f"a-{d}-{k}", "type": f"activity-{d}", "date": str(done), "follows": f"t-{d}-{k}"})
            else:
                activities.append({"id": f"a-{d}-{k}", "type": f"activity-{d}", "date": str(start + int(offset))})
    return {"name": "Benchmark partnership", "edition": "WT2018", "start": "2010-01-01", "partners": partners,
            "agencies": agencies, "groups": group_list, "duties": duties, "meetings": meetings, "activities": activities}


def check_partnership(report: sg.ComplianceReport, baselines: dict[str, tuple[set[tuple[str, str]], dict[str, bool]]]) -> None:
    """Our missed quarters and quorum per meeting equal to each baseline's (compare.Mismatch naming the
    first group and quarter, or meeting, that differs)."""
    findings = report.findings
    missed = {(f.subject, f.period_start.isoformat()) for f in findings
              if f.kind is sg.FindingKind.MEETING_FREQUENCY and f.status is sg.Status.BREACHED and f.period_start}
    quorate = {f.subject: f.status is sg.Status.MET for f in findings if f.kind is sg.FindingKind.QUORUM}
    for baseline, (their_missed, their_quorate) in baselines.items():
        if missed != their_missed:
            first = min(missed ^ their_missed)
            raise compare.Mismatch(f"partnership: quarter {first[1]} of {first[0]} is "
                                   f"{'missed' if first in missed else 'met'} here, not in the {baseline} result "
                                   f"({len(missed ^ their_missed):,} quarters differ)")
        if quorate != their_quorate:
            differ = sorted(m for m in quorate.keys() | their_quorate.keys() if quorate.get(m) != their_quorate.get(m))
            raise compare.Mismatch(f"partnership: meeting {differ[0]}: quorate {quorate.get(differ[0])} here, "
                                   f"{their_quorate.get(differ[0])} in the {baseline} result ({len(differ):,} meetings differ)")


def partnership_benchmark(repeat: int) -> None:
    import json

    import pandas_partnership
    import polars_partnership

    groups, years, as_of = 50, 10, "2020-01-15"
    data = generate_partnership(groups=groups, years=years)
    size = len(json.dumps(data).encode())
    attendances = sum(len(m["attendance"]) for m in data["meetings"])
    print(f"Partnership: {len(data['groups'])} groups, {len(data['meetings']):,} meetings over 10 years "
          f"({attendances:,} attendances), {len(data['duties'])} duties, {len(data['activities']):,} activities "
          f"(synthetic; {size / 1e6:.1f} MB as JSON)")
    load_t, partnership = best_of(repeat, lambda: sg.Partnership.from_dict(data))
    assert isinstance(partnership, sg.Partnership)
    core_t, _ = best_of(repeat, lambda: partnership._impl.evaluate(sg._convert.as_date(as_of), None, None))
    ours_t, report = best_of(repeat, lambda: partnership.evaluate(as_of))
    assert isinstance(report, sg.ComplianceReport)
    both_t, _ = best_of(repeat, lambda: sg.Partnership.from_dict(data).evaluate(as_of))
    frame_t, frame = best_of(repeat, report.to_frame)
    pandas_t, theirs = best_of(repeat, lambda: pandas_partnership.meetings_and_quorum(data, as_of))
    polars_t, theirs_pl = best_of(repeat, lambda: polars_partnership.meetings_and_quorum(data, as_of))
    check_partnership(report, {"pandas": theirs, "polars": theirs_pl})
    missed, quorate = theirs
    line = "  {:<34} {:9.1f} ms{}"
    print(line.format("read and check the data (from_dict)", load_t * 1e3, ""))
    print(line.format("evaluate, C++ core", core_t * 1e3, f"  ({len(report.findings):,} findings)"))
    print(line.format("evaluate, Python (with findings)", ours_t * 1e3, ""))
    print(line.format("from_dict + evaluate", both_t * 1e3, f"  {size / 1e6 / both_t:7.1f} MB/s of JSON-shaped data"))
    print(line.format("report.to_frame()", frame_t * 1e3, f"  ({len(frame):,} rows)"))
    print(line.format("pandas: 2 of the 9 kinds", pandas_t * 1e3, f"  {size / 1e6 / pandas_t:7.1f} MB/s"))
    print(line.format("polars: the same 2 kinds", polars_t * 1e3, f"  {size / 1e6 / polars_t:7.1f} MB/s  "
                      f"({len(missed):,} missed quarters, {sum(not q for q in quorate.values()):,} inquorate "
                      "meetings: equal to pandas and polars)"))
    print(f"  {'ratio, baseline / C++ core':<34} pandas {pandas_t / core_t:5.1f}x, polars {polars_t / core_t:5.1f}x"
          "  (the core computes all 9 kinds)")
    print(f"  {'ratio, baseline / from_dict+evaluate':<34} pandas {pandas_t / both_t:5.1f}x, "
          f"polars {polars_t / both_t:5.1f}x")
    setup = (f"import pandas_partnership, polars_partnership\nfrom run import generate_partnership\n"
             f"data = generate_partnership(groups={groups}, years={years})\n")
    peaks = [peak_mb(setup, code) for code in (
        f"r = sg.Partnership.from_dict(data).evaluate({as_of!r})",
        f"r = pandas_partnership.meetings_and_quorum(data, {as_of!r})",
        f"r = polars_partnership.meetings_and_quorum(data, {as_of!r})")]
    print(f"  {'peak memory':<34} ours {peaks[0]:.1f} MB (from_dict + evaluate), pandas {peaks[1]:.1f} MB, "
          f"polars {peaks[2]:.1f} MB ({PEAK_NOTE})")


def loading_benchmark(cpp_build: Path | None, children: int, runs: int, baseline: str | None) -> None:
    """The readers' loading time alone (benchmarks/load_speed.py): sg.cin_census.load and
    sg.ssda903.load on generated returns, best of `runs` rounds in fresh processes, against the
    `baseline` package when given; then the same files through the C++ benchmark
    benchmarks/returns_load_benchmark when it is built."""
    import tempfile

    import load_speed

    with tempfile.TemporaryDirectory(prefix="sg_loading_") as tmp:
        load_speed.run(children, runs, baseline, Path(tmp))
        exe = None if cpp_build is None else cpp_build / "benchmarks" / "returns_load_benchmark"
        if exe is None or not exe.exists():
            print("  (C++: skipped; build the C++ benchmarks first, ./dev bench does)")
            return
        out = subprocess.run([str(exe), str(Path(tmp) / "cin.xml"), str(Path(tmp) / "ssda903"), str(runs)],
                             check=True, capture_output=True, text=True).stdout
        figures = dict(line.split() for line in out.strip().splitlines())
        for which in ("cin_census", "ssda903"):
            print(f"  C++ {which} load (returns_load_benchmark): {float(figures[which + '_load_s']):6.2f} s wall, "
                  f"{float(figures[which + '_load_cpu_s']):6.2f} s CPU ({int(figures[which + '_rows']):,} rows, "
                  f"{int(figures[which + '_findings']):,} findings)")


SECTIONS = ("calendar", "returns", "partnership", "timeliness", "loading")


def timeliness_benchmark(children: int, per_child: int, repeat: int) -> None:
    import polars as pl
    import polars_returns
    import polars_timeliness

    t0 = time.perf_counter()
    events = looked_after_events(children, per_child)
    generated = time.perf_counter() - t0
    as_of = events["date"].max().to_datetime64().astype("datetime64[D]")  # every event known
    size = len(events)
    print(f"Timeliness, {children:,} children, {size:,} looked-after events (synthetic, rows shuffled: "
          f"not in case order; generated in {generated:.1f} s)")
    cal = sg.Calendar.england_and_wales()
    holidays = np.array([h.date for h in cal.holidays()], dtype="datetime64[D]")
    holiday_list = polars_returns.holiday_list(holidays)
    pl_events = pl.from_pandas(events)  # a polars user holds a polars frame: converted before timing

    def ours() -> tuple[sg.TimelinessResult, pd.DataFrame]:
        result = sg.timeliness(events, rules="lac.review.first", calendar=cal, as_of=as_of)
        return result, sg.summarise(result, by="month", date="completed", percentiles=(50,))

    def ours_summary_only() -> pd.DataFrame:
        return sg.timeliness_summary(events, by="month", date="completed", percentiles=(50,), rules="lac.review.first",
                                     calendar=cal, as_of=as_of).table

    def theirs() -> tuple[pd.DataFrame, pd.DataFrame]:
        reviews = pandas_timeliness.looked_after_reviews(events, holidays, as_of)
        return reviews, pandas_timeliness.monthly_table(reviews)

    def theirs_pl() -> tuple[object, object]:
        reviews = polars_timeliness.looked_after_reviews(pl_events, holiday_list, as_of.item())
        return reviews, polars_timeliness.monthly_table(reviews)

    # Alternated, so that both of our paths see the same load on a shared machine.
    ours_t, only_t = float("inf"), float("inf")
    for _ in range(repeat):
        t, (result, table) = best_of(1, ours)  # type: ignore[misc]
        ours_t = min(ours_t, t)
        t, only_table = best_of(1, ours_summary_only)  # type: ignore[assignment]
        only_t = min(only_t, t)
    pandas_t, (reference, reference_table) = best_of(max(1, repeat // 3), theirs)  # type: ignore[misc]
    polars_t, (pl_reference, pl_table) = best_of(repeat, theirs_pl)  # type: ignore[misc]
    check_timeliness(result, table, reference, reference_table, "pandas")
    check_timeliness(result, table, pl_reference, pl_table, "polars")
    for baseline, reference_cells in (("pandas", reference_table), ("polars", pl_table)):
        compare.frames("timeliness monthly table (summary-only)", only_table, reference_cells,  # type: ignore[arg-type]
                       ("met", "late", "overdue", "open", "instances", "p50_days"), baseline)
    pd.testing.assert_frame_equal(only_table, table, check_exact=True)  # type: ignore[arg-type]
    events_mb = events.memory_usage(deep=True).sum() / 1e6

    def line(name: str, seconds: float) -> None:
        print(f"  {name:<34} {seconds * 1e3:9.1f} ms  ({seconds / size * 1e9:6.2f} ns/element, "
              f"{events_mb / seconds:6,.0f} MB/s of events)")

    print("  instances path: sg.timeliness + sg.summarise (the per-instance frame, then the monthly table)")
    line("  sg.timeliness + sg.summarise", ours_t)
    line("  pandas + numpy", pandas_t)
    line("  polars", polars_t)
    print(f"  {'  speed ratio (pandas / ours)':<34} {pandas_t / ours_t:9.1f}x")
    print(f"  {'  speed ratio (polars / ours)':<34} {polars_t / ours_t:9.1f}x  (every instance and cell equal)")
    print("  summary-only path: sg.timeliness_summary (the monthly table straight from the events)")
    line("  sg.timeliness_summary", only_t)
    print(f"  {'  speed ratio (pandas / ours)':<34} {pandas_t / only_t:9.1f}x")
    print(f"  {'  speed ratio (polars / ours)':<34} {polars_t / only_t:9.1f}x  (target 5x and 300 ms; every cell equal)")
    statuses = result.instances["status"].value_counts()
    counts = ", ".join(f"{k} {v:,}" for k, v in statuses.items() if v)
    print(f"  ({len(result.instances):,} review instances: {counts}; {len(table)} table rows)")
    setup = (f"import numpy as np, polars as pl, pandas_timeliness, polars_timeliness\n"
             f"from timeliness_data import looked_after_events\nevents = looked_after_events({children}, {per_child})\n"
             "as_of = events['date'].max().to_datetime64().astype('datetime64[D]')\ncal = sg.Calendar.england_and_wales()\n"
             "h = np.array([x.date for x in cal.holidays()], dtype='datetime64[D]')\n"
             "pe, hl = pl.from_pandas(events), [d.item() for d in h]\n")
    peaks = [peak_mb(setup, code) for code in (
        "r = sg.timeliness(events, rules='lac.review.first', calendar=cal, as_of=as_of)\n"
        "t = sg.summarise(r, by='month', date='completed', percentiles=(50,))",
        "t = sg.timeliness_summary(events, by='month', date='completed', percentiles=(50,), rules='lac.review.first', "
        "calendar=cal, as_of=as_of)",
        "r = pandas_timeliness.looked_after_reviews(events, h, as_of); t = pandas_timeliness.monthly_table(r)",
        "r = polars_timeliness.looked_after_reviews(pe, hl, as_of.item()); t = polars_timeliness.monthly_table(r)")]
    print(f"  {'peak memory':<34} ours {peaks[0]:.0f} MB (instances path), {peaks[1]:.0f} MB (summary-only), "
          f"pandas {peaks[2]:.0f} MB, polars {peaks[3]:.0f} MB "
          f"(events {events_mb * 1e6 / 2**20:.0f} MB; {PEAK_NOTE})")


def check_timeliness(result: sg.TimelinessResult, table: pd.DataFrame, reference: object, reference_table: object,
                     baseline: str) -> None:
    """Every instance (sorted by case and sequence) and every cell of the monthly table equal."""
    mine = result.instances.sort_values(["case", "sequence"], ignore_index=True)
    compare.frames("timeliness instances", mine, reference,  # type: ignore[arg-type]
                   ("case", "sequence", "rule", "start", "due", "completed", "status",
                    "late_working_days", "late_days", "duration_days"), baseline)
    compare.frames("timeliness monthly table", table, reference_table,  # type: ignore[arg-type]
                   ("met", "late", "overdue", "open", "instances", "p50_days"), baseline)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=10_000_000, help="elements per vectorised call (default 10 million)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the best is reported")
    parser.add_argument("--calendar-runs", type=int, default=15,
                        help="interleaved rounds timing the vectorised calendar and its np.copy floor (default 15)")
    parser.add_argument("--cpp-build", type=Path, default=None, help="CMake build directory holding the C++ benchmarks")
    parser.add_argument("--returns-children", type=int, default=20_000,
                        help="children in the generated returns (default 20,000; national scale: 100000)")
    parser.add_argument("--returns-year", type=int, default=2019,
                        help="reporting year measured, by the year it ends (default 2019)")
    parser.add_argument("--children", type=int, default=1_000_000,
                        help="children in the timeliness benchmark (default 1 million)")
    parser.add_argument("--events-per-child", type=int, default=10, help="events per child (default 10: 10 million events)")
    parser.add_argument("--only", choices=SECTIONS, help="run one section (default: all)")
    parser.add_argument("--quick", action="store_true",
                        help="a small run of every section (200,000 elements, 2,000 children's returns, 20,000 children's "
                             "events, one run each): checks that every benchmark runs and agrees with its baselines")
    parser.add_argument("--national", action="store_true",
                        help="instead of the sections: safeguarding.dask over generated regional returns of --authorities "
                             "authorities x 10 years on a LocalCluster (time and peak memory per worker)")
    parser.add_argument("--authorities", type=int, default=153, help="authorities for --national (default 153)")
    parser.add_argument("--baseline", default=None,
                        help="with --only loading: the folder of an installed copy of another version of the package "
                             "(pip install --no-deps --target DIR . at an earlier commit), measured alternately with this one")
    parser.add_argument("--children-per-authority", type=int, default=700,
                        help="children per authority for --national (default 700: about 100,000 in England)")
    args = parser.parse_args()
    if args.quick:
        args.size, args.repeat, args.returns_children, args.children = 200_000, 1, 2_000, 20_000
        args.calendar_runs = 3
    import polars as pl

    print(f"safeguarding {sg.__version__}, numpy {np.__version__}, pandas {pd.__version__}, polars {pl.__version__}, "
          f"Python {sys.version.split()[0]}")
    print("(wall-clock on a shared machine: compare ratios within one run, not absolute times across runs)")
    if args.national:
        import national

        national.run(args.authorities, args.children_per_authority)
        return 0
    sections = {
        "calendar": lambda: (calendar_benchmark(args.size, args.repeat, args.calendar_runs), print(),
                             scalar_benchmark(args.cpp_build, args.size)),
        "returns": lambda: returns_benchmark(args.returns_children, args.repeat, args.returns_year),
        "partnership": lambda: partnership_benchmark(args.repeat),
        "timeliness": lambda: timeliness_benchmark(args.children, args.events_per_child, args.repeat),
        "loading": lambda: loading_benchmark(args.cpp_build, args.returns_children, 1 if args.quick else max(args.repeat, 5),
                                             args.baseline),
    }
    for name in SECTIONS:
        if args.only in (None, name):
            print()
            sections[name]()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
