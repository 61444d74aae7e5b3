"""Benchmarks, run by `./dev bench` (or `python benchmarks/run.py` in a venv with the package).

Calendar: 10 million vectorised add_working_days and working_days_between against numpy's
busday_offset and busday_count given the same holidays and weekend (results asserted equal), and
the scalar C++ throughput from benchmarks/calendar_scalar_benchmark.

Timeliness: 1 million children with 10 million looked-after events (synthetic): every review's due
date, status and lateness, and the monthly table of reviews held in and out of timescale, by
sg.timeliness + sg.summarise against an idiomatic pandas and numpy implementation of the same
rules (benchmarks/pandas_timeliness.py; results asserted equal).

Prints each figure and the speed ratio against the named baseline.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

import numpy as np
import pandas as pd

import safeguarding as sg

sys.path.insert(0, str(Path(__file__).resolve().parent))
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


def report(name: str, ours: float, baseline_name: str, baseline: float, size: int) -> None:
    print(f"  {name:<34} {ours * 1e3:9.1f} ms  ({ours / size * 1e9:6.2f} ns/element)")
    print(f"  {baseline_name:<34} {baseline * 1e3:9.1f} ms  ({baseline / size * 1e9:6.2f} ns/element)")
    print(f"  {'speed ratio (baseline / ours)':<34} {baseline / ours:9.1f}x")


def calendar_benchmark(size: int, repeat: int) -> None:
    cal = sg.Calendar.england_and_wales()
    holidays = np.array([h.date for h in cal.holidays()], dtype="datetime64[D]")
    busdaycal = np.busdaycalendar(weekmask="1111100", holidays=holidays)
    rng = np.random.default_rng(20191002)
    lo, hi = np.datetime64("1980-01-01").astype(np.int64), np.datetime64("2090-12-31").astype(np.int64)
    a = rng.integers(lo, hi, size).astype("datetime64[D]")
    b = rng.integers(lo, hi, size).astype("datetime64[D]")
    n = rng.integers(1, 101, size)
    print(f"Calendar, {size:,} elements (England and Wales, {len(holidays):,} holidays, dates 1980-2090)")

    # n > 0: the n-th working day strictly after a; numpy rolls a non-working start backwards first.
    ours_t, ours = best_of(repeat, lambda: cal.add_working_days(a, n))
    numpy_t, theirs = best_of(repeat, lambda: np.busday_offset(a, n, roll="backward", busdaycal=busdaycal))
    assert np.array_equal(ours, theirs), "add_working_days differs from numpy.busday_offset"
    report("add_working_days (array n)", ours_t, "numpy.busday_offset", numpy_t, size)

    ours_t, ours = best_of(repeat, lambda: cal.add_working_days(a, 15))
    numpy_t, theirs = best_of(repeat, lambda: np.busday_offset(a, 15, roll="backward", busdaycal=busdaycal))
    assert np.array_equal(ours, theirs), "add_working_days differs from numpy.busday_offset"
    report("add_working_days (n = 15)", ours_t, "numpy.busday_offset", numpy_t, size)

    # Working days in (a, b] for a <= b is numpy's [a + 1, b + 1); the shifted inputs are prepared
    # outside numpy's timing.
    first, second = np.minimum(a, b), np.maximum(a, b)
    first_plus, second_plus = first + 1, second + 1
    ours_t, ours = best_of(repeat, lambda: cal.working_days_between(first, second))
    numpy_t, theirs = best_of(repeat, lambda: np.busday_count(first_plus, second_plus, busdaycal=busdaycal))
    assert np.array_equal(ours, theirs), "working_days_between differs from numpy.busday_count"
    report("working_days_between", ours_t, "numpy.busday_count", numpy_t, size)

    ours_t, ours = best_of(repeat, lambda: cal.is_working_day(a))
    numpy_t, theirs = best_of(repeat, lambda: np.is_busday(a, busdaycal=busdaycal))
    assert np.array_equal(ours, theirs), "is_working_day differs from numpy.is_busday"
    report("is_working_day", ours_t, "numpy.is_busday", numpy_t, size)

    m = rng.integers(1, 13, size)
    ours_t, ours = best_of(repeat, lambda: sg.add_months(a, m))
    print(f"  {'add_months (no numpy equivalent)':<34} {ours_t * 1e3:9.1f} ms  ({ours_t / size * 1e9:6.2f} ns/element)")


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


def timeliness_benchmark(children: int, per_child: int, repeat: int) -> None:
    t0 = time.perf_counter()
    events = looked_after_events(children, per_child)
    generated = time.perf_counter() - t0
    as_of = events["date"].max().to_datetime64().astype("datetime64[D]")  # every event known
    size = len(events)
    print(f"Timeliness, {children:,} children, {size:,} looked-after events (synthetic; generated in {generated:.1f} s)")
    cal = sg.Calendar.england_and_wales()
    holidays = np.array([h.date for h in cal.holidays()], dtype="datetime64[D]")

    def ours() -> tuple[pd.DataFrame, pd.DataFrame]:
        result = sg.timeliness(events, rules="lac.review.first", calendar=cal, as_of=as_of)
        return result, sg.summarise(result, by="month", date="completed", percentiles=(50,))

    def theirs() -> tuple[pd.DataFrame, pd.DataFrame]:
        reviews = pandas_timeliness.looked_after_reviews(events, holidays, as_of)
        return reviews, pandas_timeliness.monthly_table(reviews)

    ours_t, (result, table) = best_of(repeat, ours)  # type: ignore[misc]
    pandas_t, (reference, reference_table) = best_of(max(1, repeat // 3), theirs)  # type: ignore[misc]

    mine = result.sort_values(["case", "sequence"], ignore_index=True)
    assert len(mine) == len(reference), "different numbers of instances"
    for column in ("case", "sequence"):
        assert np.array_equal(mine[column].to_numpy(), reference[column].to_numpy()), column
    assert np.array_equal(mine["rule"].astype(str).to_numpy(), reference["rule"].to_numpy().astype(str)), "rule"
    for column in ("start", "due", "completed"):
        a = mine[column].to_numpy().astype("datetime64[D]").view(np.int64)
        b = reference[column].to_numpy().astype("datetime64[D]").view(np.int64)
        assert np.array_equal(a, b), column
    assert np.array_equal(mine["status"].astype(str).to_numpy(), reference["status"].to_numpy().astype(str)), "status"
    for column in ("late_working_days", "late_days", "duration_days"):
        assert np.allclose(mine[column].to_numpy(np.float64), reference[column].to_numpy(np.float64), equal_nan=True), column
    for column in ("met", "late", "overdue", "open"):
        assert np.array_equal(table[column].to_numpy(), reference_table[column].to_numpy()), column
    assert np.allclose(table["p50_days"].to_numpy(), reference_table["p50_days"].to_numpy(), equal_nan=True)
    assert int(table["instances"].sum()) == len(result)
    report("sg.timeliness + sg.summarise", ours_t, "pandas + numpy", pandas_t, size)
    statuses = result["status"].value_counts()
    print(f"  ({len(result):,} review instances: " + ", ".join(f"{k} {v:,}" for k, v in statuses.items() if v) + f"; {len(table)} table rows)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=10_000_000, help="elements per vectorised call (default 10 million)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the best is reported")
    parser.add_argument("--cpp-build", type=Path, default=None, help="CMake build directory holding the C++ benchmarks")
    parser.add_argument("--children", type=int, default=1_000_000, help="children in the timeliness benchmark (default 1 million)")
    parser.add_argument("--events-per-child", type=int, default=10, help="events per child (default 10: 10 million events)")
    parser.add_argument("--only", choices=("calendar", "timeliness"), default=None, help="run one section")
    args = parser.parse_args()
    print(f"safeguarding {sg.__version__}, numpy {np.__version__}, pandas {pd.__version__}, Python {sys.version.split()[0]}\n")
    if args.only in (None, "calendar"):
        calendar_benchmark(args.size, args.repeat)
        print()
        scalar_benchmark(args.cpp_build, args.size)
    if args.only in (None, "timeliness"):
        if args.only is None:
            print()
        timeliness_benchmark(args.children, args.events_per_child, args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
