"""The measures of the end-to-end returns figure alone (`./dev bench --only returns` times them
with the loads): `Ssda903.reviews_by_month` for one reporting year and the CIN census's three
figures (`assessments_within_45_working_days`, `initial_conferences_within_15_working_days`,
`review_conferences_in_timescale`) for its collection year, on the generated returns of
benchmarks/returns_data.py (synthetic: no real child). Each round is a fresh Python process that
loads both returns once (not timed), then calls each measure `--calls` times and keeps the best
CPU time of a call (the process's: every thread's; steadier than wall clock on a shared machine).

With `--baseline DIR` (an installed copy of another version, `pip install --no-deps --target DIR
.` at an earlier commit), the baseline and this version are measured alternately, round after
round, and the ratio ours / baseline of the best of all rounds is printed: below 1 is faster.

    python benchmarks/measure_speed.py --children 20000 --rounds 3 --baseline /tmp/pkg-old --data /tmp/returns
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

# Run in a fresh process: imports the package from `package` (empty: the one installed), loads
# both returns, and prints the best CPU milliseconds of each measure's call as JSON.
_MEASURE = """
import json, sys, time
package, ssda903, cin, year, cin_year, calls = sys.argv[1:7]
if package:
    sys.path.insert(0, package)
import safeguarding as sg
cal = sg.Calendar.england_and_wales()
d, c = sg.ssda903.load(ssda903), sg.cin_census.load(cin)
year, cin_year = int(year), int(cin_year)
measures = {
    "reviews_by_month": lambda: d.reviews_by_month(year, calendar=cal).to_frame(),
    "cin_assessments": lambda: tuple(c.assessments_within_45_working_days(cin_year, calendar=cal)),
    "cin_initial_conferences": lambda: tuple(c.initial_conferences_within_15_working_days(cin_year, calendar=cal)),
    "cin_review_conferences": lambda: tuple(c.review_conferences_in_timescale(cin_year, calendar=cal)),
}
best = {}
for name, call in measures.items():
    for _ in range(int(calls)):
        t0 = time.process_time()
        call()
        best[name] = min(best.get(name, float("inf")), 1000 * (time.process_time() - t0))
best["version"] = sg.__file__
print(json.dumps(best))
"""


def run(children: int, rounds: int, calls: int, year: int, baseline: str | None, data: Path | None) -> None:
    sys.path.insert(0, str(HERE))
    import load_speed
    import returns_data

    with tempfile.TemporaryDirectory(prefix="sg_measure_speed_") as tmp:
        ssda903, cin = load_speed.generate(data or Path(tmp), children)
        print(f"The end-to-end figure's measures alone, {children:,} synthetic children: reviews_by_month({year}) and "
              f"the CIN census's three figures for {returns_data.CIN_YEAR}; best CPU time (ms) of {calls} calls per "
              f"round, {rounds} rounds, a fresh process each" + (f", alternating with {baseline}" if baseline else ""))
        versions = {"ours": "", **({"baseline": baseline} if baseline else {})}
        best: dict[str, dict[str, float]] = {}
        for r in range(rounds):
            for who, package in versions.items():
                out = subprocess.run([sys.executable, "-c", _MEASURE, package, str(ssda903), str(cin), str(year),
                                      str(returns_data.CIN_YEAR), str(calls)],
                                     check=True, capture_output=True, text=True).stdout
                figures = json.loads(out.strip().splitlines()[-1])
                version = figures.pop("version")
                times = {k: float(v) for k, v in figures.items()}
                times["all four"] = sum(times.values())
                print(f"  round {r + 1}, {who:<8} " + ", ".join(f"{k} {v:.1f}" for k, v in times.items())
                      + f"  ({Path(version).parent})")
                for k, v in times.items():
                    best.setdefault(who, {})[k] = min(best.get(who, {}).get(k, float("inf")), v)
        if baseline:
            print("  ours / baseline, best of the rounds: "
                  + ", ".join(f"{k} {best['ours'][k] / best['baseline'][k]:.3f}" for k in best["ours"]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--children", type=int, default=20_000, help="children in the generated returns (20,000)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds, a fresh process per version each (3)")
    parser.add_argument("--calls", type=int, default=9, help="calls of each measure per round; the best kept (9)")
    parser.add_argument("--year", type=int, default=2019, help="the SSDA903 reporting year (2019, as ./dev bench)")
    parser.add_argument("--baseline", default=None, help="folder of an installed copy of another version to compare")
    parser.add_argument("--data", type=Path, default=None,
                        help="keep the generated returns in this folder and reuse them (default: a temporary one)")
    args = parser.parse_args()
    run(args.children, args.rounds, args.calls, args.year, args.baseline, args.data)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
