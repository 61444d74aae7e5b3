"""Loading speed of the statutory returns' readers (`./dev bench --only loading`): generated
SSDA903 returns (ten annual folders, stitched when loaded) and a CIN census XML for N synthetic
children (benchmarks/returns_data.py; no real child), each loaded by `sg.ssda903.load` and
`sg.cin_census.load` in a fresh Python process per measurement, best of several rounds, wall clock
and the process's CPU time (less disturbed by other work on a shared machine).

With `--baseline DIR` (an installed copy of another version of the package, for example
`pip install --no-deps --target DIR .` at an earlier commit), the baseline and this version are
measured alternately, round after round, and the ratio ours / baseline is printed: below 1 is
faster. Run it standalone:

    python benchmarks/load_speed.py --children 100000 --runs 5 --baseline /tmp/pkg-old
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

# Run in a fresh process: imports the package from `package` (None: the one installed), loads
# the return once and prints the wall-clock and CPU seconds of the load as JSON.
_MEASURE = """
import json, sys, time
package, which, path = sys.argv[1], sys.argv[2], sys.argv[3]
if package:
    sys.path.insert(0, package)
import safeguarding as sg
load = sg.cin_census.load if which == "cin_census" else sg.ssda903.load
t0, c0 = time.perf_counter(), time.process_time()
loaded = load(path)
print(json.dumps({"wall": time.perf_counter() - t0, "cpu": time.process_time() - c0, "version": sg.__file__}))
"""


def measure(package: str | None, which: str, path: Path) -> dict[str, float | str]:
    out = subprocess.run([sys.executable, "-c", _MEASURE, package or "", which, str(path)],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def generate(folder: Path, children: int) -> tuple[Path, Path]:
    """The generated SSDA903 folder and CIN census file in `folder` (made when not there yet)."""
    sys.path.insert(0, str(HERE))
    import returns_data

    ssda903, cin = folder / "ssda903", folder / "cin.xml"
    stamp = folder / "children.txt"
    if not stamp.exists() or stamp.read_text().strip() != str(children) or not cin.exists():
        folder.mkdir(parents=True, exist_ok=True)
        returns_data.ssda903(ssda903, children)
        returns_data.cin_census(cin, children)
        stamp.write_text(str(children))
    return ssda903, cin


def run(children: int, runs: int, baseline: str | None, data: Path | None) -> dict[str, dict[str, float]]:
    """Prints and returns the best times ({"cin_census": {"ours_cpu": ..., ...}, ...})."""
    with tempfile.TemporaryDirectory(prefix="sg_load_speed_") as tmp:
        t0 = time.perf_counter()
        ssda903, cin = generate(data or Path(tmp), children)
        size = {"ssda903": sum(p.stat().st_size for p in ssda903.rglob("*.csv")), "cin_census": cin.stat().st_size}
        print(f"Loading the statutory returns, {children:,} synthetic children (data ready in "
              f"{time.perf_counter() - t0:.0f} s): SSDA903 {size['ssda903'] / 1e6:.0f} MB of CSV in ten returns, "
              f"CIN census {size['cin_census'] / 1e6:.0f} MB of XML; best of {runs} rounds, a fresh process each"
              + (f", alternating with the baseline {baseline}" if baseline else ""))
        versions = {"ours": None, **({"baseline": baseline} if baseline else {})}
        best: dict[str, dict[str, float]] = {}
        modules: dict[str, str] = {}
        for which, path in (("cin_census", cin), ("ssda903", ssda903)):
            figures = best.setdefault(which, {})
            for _ in range(runs):
                for who, package in versions.items():
                    m = measure(package, which, path)
                    if who not in modules:
                        modules[who] = str(m["version"])
                        print(f"  {who}: {Path(modules[who]).parent}")
                    for kind in ("wall", "cpu"):
                        key = f"{who}_{kind}"
                        figures[key] = min(figures.get(key, float("inf")), float(m[kind]))
            line = (f"  sg.{which}.load: {figures['ours_wall']:6.2f} s wall, {figures['ours_cpu']:6.2f} s CPU  "
                    f"({size[which] / 1e6 / figures['ours_wall']:.0f} MB/s)")
            if baseline:
                line += (f";  baseline {figures['baseline_wall']:6.2f} s wall, {figures['baseline_cpu']:6.2f} s CPU;  "
                         f"ours / baseline {figures['ours_wall'] / figures['baseline_wall']:.3f} wall, "
                         f"{figures['ours_cpu'] / figures['baseline_cpu']:.3f} CPU")
            print(line)
        return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--children", type=int, default=100_000, help="children in the generated returns (100,000)")
    parser.add_argument("--runs", type=int, default=5, help="rounds; the best of each is reported (5)")
    parser.add_argument("--baseline", default=None, help="folder of an installed copy of another version to compare")
    parser.add_argument("--data", type=Path, default=None,
                        help="keep the generated returns in this folder and reuse them (default: a temporary one)")
    args = parser.parse_args()
    run(args.children, args.runs, args.baseline, args.data)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
