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

Partnership: a generated partnership of 50 groups with 10 years of meetings and activities,
evaluated as of a date (every finding), against a plain pandas computation of two of its finding
kinds (meetings per calendar quarter and quorum per meeting; results asserted equal).

Timeliness: 1 million children with 10 million looked-after events (synthetic): every review's due
date, status and lateness, and the monthly table of reviews held in and out of timescale, by
sg.timeliness + sg.summarise against an idiomatic pandas and numpy implementation of the same
rules (benchmarks/pandas_timeliness.py; results asserted equal).

Prints each figure and the speed ratio against the named baseline. `--only SECTION` runs one
section (calendar, returns, partnership, timeliness).
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


def _peak_rss_mb(code: str) -> float:
    """Peak resident memory (MB) of a fresh Python running `code` after importing the package."""
    # VmHWM, the process's own high-water mark (getrusage's ru_maxrss would carry over the parent's
    # across exec on Linux).
    script = (
        "import safeguarding as sg\n" + code + "\n"
        "print([l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1])"
    )
    out = subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True).stdout
    return int(out.split()[-1]) / 1024


def returns_benchmark(children: int, repeat: int, year: int) -> None:
    """End to end: generated SSDA903 returns (one folder per year) and a CIN census loaded and
    measured for one reporting year, against pandas read_csv/read_xml plus the same measures in
    plain pandas (benchmarks/pandas_returns.py); results asserted equal."""
    import tempfile

    import pandas_returns
    import returns_data

    cal = sg.Calendar.england_and_wales()
    holidays = np.array([h.date for h in cal.holidays()], dtype="datetime64[D]")
    year_end = f"{year}-03-31"
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

        load_t, _ = best_of(repeat, lambda: sg.ssda903.load(folder).tables)  # loaded, and the tables as DataFrames
        ours_t, (data, table) = best_of(repeat, ours_903)  # type: ignore[misc]
        read_t, _ = best_of(max(1, repeat // 3), lambda: pandas_returns.read_ssda903(years))
        theirs_t, (tables, reference) = best_of(max(1, repeat // 3), pandas_903)  # type: ignore[misc]
        for name in ("header", "episodes", "reviews"):
            assert len(data.tables[name]) == len(tables[name]), name  # type: ignore[attr-defined]
        for column in ("held", "in_timescale", "out_of_timescale"):
            assert table[column].tolist() == reference[column].tolist(), column
        judged = int(table["in_timescale"].sum() + table["out_of_timescale"].sum())
        mb = csv_bytes / 1e6
        print(f"  {'sg.ssda903.load (10 returns, stitched)':<46} {load_t:7.2f} s  {mb / load_t:7.1f} MB/s")
        print(f"  {'pandas read_csv + dates, codes, stitching':<46} {read_t:7.2f} s  {mb / read_t:7.1f} MB/s"
              f"  ratio {read_t / load_t:5.1f}x")
        print(f"  {'sg: load + reviews_by_month':<46} {ours_t:7.2f} s  {mb / ours_t:7.1f} MB/s")
        print(f"  {'pandas: read_csv + the same table':<46} {theirs_t:7.2f} s  {mb / theirs_t:7.1f} MB/s"
              f"  ratio {theirs_t / ours_t:5.1f}x"
              f"  ({judged:,} reviews judged, equal)")

        # CIN census: load and the three timeliness figures.
        def ours_cin() -> dict[str, tuple[int, int]]:
            census = sg.cin_census.load(xml)
            return {
                "assessments": tuple(census.assessments_within_45_working_days(year, calendar=cal)),
                "initial_conferences": tuple(census.initial_conferences_within_15_working_days(year, calendar=cal)),
                "review_conferences": tuple(census.review_conferences_in_timescale(year, calendar=cal)),
            }

        def pandas_cin() -> dict[str, tuple[int, int]]:
            return pandas_returns.cin_figures(pandas_returns.read_cin(xml), year_end, holidays)

        cin_load_t, _ = best_of(repeat, lambda: sg.cin_census.load(xml).tables)
        cin_t, figures = best_of(repeat, ours_cin)
        cin_read_t, _ = best_of(max(1, repeat // 3), lambda: pandas_returns.read_cin(xml))
        cin_theirs_t, reference_figures = best_of(max(1, repeat // 3), pandas_cin)
        assert figures == reference_figures, (figures, reference_figures)
        mb = xml_bytes / 1e6
        print(f"  {'sg.cin_census.load (all ten tables)':<46} {cin_load_t:7.2f} s  {mb / cin_load_t:7.1f} MB/s")
        print(f"  {'pandas read_xml (4 tables, lxml + XSLT)':<46} {cin_read_t:7.2f} s  {mb / cin_read_t:7.1f} MB/s"
              f"  ratio {cin_read_t / cin_load_t:5.1f}x")
        print(f"  {'sg: load + the three CIN figures':<46} {cin_t:7.2f} s  {mb / cin_t:7.1f} MB/s")
        print(f"  {'pandas: read_xml + the same figures':<46} {cin_theirs_t:7.2f} s  {mb / cin_theirs_t:7.1f} MB/s"
              f"  ratio {cin_theirs_t / cin_t:5.1f}x"
              f"  ({', '.join(f'{k} {a:,}/{b:,}' for k, (a, b) in figures.items())}, equal)")
        total, baseline = ours_t + cin_t, theirs_t + cin_theirs_t
        print(f"  {'end to end, both returns: sg':<46} {total:7.2f} s  {(csv_bytes + xml_bytes) / 1e6 / total:7.1f} MB/s")
        print(f"  {'end to end, both returns: pandas':<46} {baseline:7.2f} s  ratio {baseline / total:5.1f}x (target 10x)")

        base = _peak_rss_mb("")
        csv_peak = _peak_rss_mb(f"d = sg.ssda903.load({str(folder)!r}); t = d.tables") - base
        xml_peak = _peak_rss_mb(f"d = sg.cin_census.load({str(xml)!r}); t = d.tables") - base
        for what, peak, size in (("SSDA903 CSV", csv_peak, csv_bytes), ("CIN census XML", xml_peak, xml_bytes)):
            print(f"  {'peak memory, ' + what + ' load':<46} {peak:7.0f} MB  ({peak / (size / 2**20):4.1f}x the input)")


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


def pandas_meetings_and_quorum(data: dict, as_of: str) -> tuple[set[tuple[str, str]], dict[str, bool]]:
    """The baseline: quarters without a meeting per group, and quorum per meeting, in plain pandas."""
    import pandas as pd

    meetings = pd.DataFrame([{"id": m["id"], "group": m["group"], "date": m["date"]} for m in data["meetings"]])
    meetings["date"] = pd.to_datetime(meetings["date"])
    meetings = meetings[meetings["date"] <= pd.Timestamp(as_of)]
    start, end = pd.Timestamp(data["start"]), pd.Timestamp(as_of)
    quarters = pd.period_range(start, end, freq="Q")
    quarters = quarters[quarters.start_time >= start]
    held = set(zip(meetings["group"], meetings["date"].dt.to_period("Q")))
    missed = {(g["id"], str(q.start_time.date())) for g in data["groups"] for q in quarters
              if q.end_time < end and (g["id"], q) not in held}
    rows = [{"meeting": m["id"], "agency": a["agency"], "counts": a.get("capacity", "member") == "member"
             or (a.get("capacity") == "deputy" and a.get("delegated_authority", False))}
            for m in data["meetings"] for a in m["attendance"]]
    attendance = pd.DataFrame(rows)
    partners = attendance[attendance["agency"].isin(["la", "ccg", "police"]) & attendance["counts"]]
    present = partners.groupby("meeting")["agency"].nunique()
    quorate = {m: bool(present.get(m, 0) == 3) for m in meetings["id"]}
    return missed, quorate


def partnership_benchmark(repeat: int) -> None:
    data = generate_partnership(groups=50, years=10)
    as_of = "2020-01-15"
    attendances = sum(len(m["attendance"]) for m in data["meetings"])
    print(f"Partnership: {len(data['groups'])} groups, {len(data['meetings']):,} meetings over 10 years "
          f"({attendances:,} attendances), {len(data['duties'])} duties, {len(data['activities']):,} activities")
    load_t, partnership = best_of(repeat, lambda: sg.Partnership.from_dict(data))
    assert isinstance(partnership, sg.Partnership)
    core_t, _ = best_of(repeat, lambda: partnership._impl.evaluate(sg._convert.as_date(as_of), None, None))
    ours_t, report = best_of(repeat, lambda: partnership.evaluate(as_of))
    assert isinstance(report, sg.ComplianceReport)
    frame_t, frame = best_of(repeat, report.to_frame)
    baseline_t, (missed, quorate) = best_of(repeat, lambda: pandas_meetings_and_quorum(data, as_of))
    findings = report.findings
    ours_missed = {(f.subject, f.period_start.isoformat()) for f in findings
                   if f.kind is sg.FindingKind.MEETING_FREQUENCY and f.status is sg.Status.BREACHED and f.period_start}
    ours_quorate = {f.subject: f.status is sg.Status.MET for f in findings if f.kind is sg.FindingKind.QUORUM}
    assert ours_missed == missed, "missed quarters differ from the pandas computation"
    assert ours_quorate == quorate, "quorum differs from the pandas computation"
    print(f"  {'read and check the data (from_dict)':<34} {load_t * 1e3:9.1f} ms")
    print(f"  {'evaluate, C++ core':<34} {core_t * 1e3:9.1f} ms  ({len(findings):,} findings)")
    print(f"  {'evaluate, Python (with findings)':<34} {ours_t * 1e3:9.1f} ms")
    print(f"  {'report.to_frame()':<34} {frame_t * 1e3:9.1f} ms  ({len(frame):,} rows)")
    print(f"  {'plain pandas: 2 of the 9 kinds':<34} {baseline_t * 1e3:9.1f} ms  "
          f"({len(missed):,} missed quarters, {sum(not q for q in quorate.values()):,} inquorate meetings: equal)")
    print(f"  {'speed ratio (pandas / C++ core)':<34} {baseline_t / core_t:9.1f}x  (the core computes all 9 kinds)")


SECTIONS = ("calendar", "returns", "partnership", "timeliness")


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
    counts = ", ".join(f"{k} {v:,}" for k, v in statuses.items() if v)
    print(f"  ({len(result):,} review instances: {counts}; {len(table)} table rows)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=10_000_000, help="elements per vectorised call (default 10 million)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the best is reported")
    parser.add_argument("--cpp-build", type=Path, default=None, help="CMake build directory holding the C++ benchmarks")
    parser.add_argument("--returns-children", type=int, default=20_000,
                        help="children in the generated returns (default 20,000; national scale: 100000)")
    parser.add_argument("--returns-year", type=int, default=2019,
                        help="reporting year measured, by the year it ends (default 2019)")
    parser.add_argument("--children", type=int, default=1_000_000,
                        help="children in the timeliness benchmark (default 1 million)")
    parser.add_argument("--events-per-child", type=int, default=10, help="events per child (default 10: 10 million events)")
    parser.add_argument("--only", choices=SECTIONS, help="run one section (default: all)")
    args = parser.parse_args()
    print(f"safeguarding {sg.__version__}, numpy {np.__version__}, pandas {pd.__version__}, Python {sys.version.split()[0]}")
    sections = {
        "calendar": lambda: (calendar_benchmark(args.size, args.repeat), print(), scalar_benchmark(args.cpp_build, args.size)),
        "returns": lambda: returns_benchmark(args.returns_children, args.repeat, args.returns_year),
        "partnership": lambda: partnership_benchmark(args.repeat),
        "timeliness": lambda: timeliness_benchmark(args.children, args.events_per_child, args.repeat),
    }
    for name in SECTIONS:
        if args.only in (None, name):
            print()
            sections[name]()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
