"""The national-scale run of safeguarding.dask (`./dev bench --national`): generated regional
SSDA903 returns for N synthetic authorities x 10 years (no real child), their measures computed on
a LocalCluster of 2 worker processes (one thread each), one task per authority, then the same
measures on one machine (one process, sg.ssda903.load_regional of every file): results asserted
equal, times and peak memory (per worker: the kernel's VmHWM after a reset) printed."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

import returns_data

MEASURES = ["reviews_in_timescale", "three_or_more_placements", "participation", "looked_after_at_31_march"]
YEARS = list(range(2012, 2021))


def _reset_peak() -> int:
    open("/proc/self/clear_refs", "w").write("5")
    return _status("VmRSS")


def _status(key: str) -> int:
    with open("/proc/self/status") as status:
        return int(next(line for line in status if line.startswith(key)).split()[1])


def _peak() -> int:
    return _status("VmHWM")


def run(authorities: int, children: int) -> None:
    from distributed import Client, LocalCluster

    import safeguarding as sg
    import safeguarding.dask as sgd

    with tempfile.TemporaryDirectory(prefix="sg_national_") as tmp:
        t0 = time.perf_counter()
        folders = returns_data.regional_ssda903(Path(tmp), authorities, children)
        size = sum(p.stat().st_size for f in folders for p in f.glob("*.csv"))
        print(f"National collection: {authorities} synthetic authorities x 10 annual SSDA903 returns, {children:,} children "
              f"each ({authorities * children:,} in all), {size / 1e6:.0f} MB of regional CSV "
              f"(generated in {time.perf_counter() - t0:.0f} s); measures {', '.join(MEASURES)} for {len(YEARS)} years")
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
                Client(cluster) as client:
            client.run(lambda: sys.path.insert(0, str(Path(__file__).resolve().parent)))
            before = client.run(_reset_peak)
            t0 = time.perf_counter()
            distributed = sgd.ssda903_figures(folders, MEASURES, years=YEARS)
            dask_t = time.perf_counter() - t0
            peaks = client.run(_peak)
        print(f"  {'safeguarding.dask, 2 workers (processes)':<46} {dask_t:7.1f} s  {size / 1e6 / dask_t:7.1f} MB/s  "
              f"({authorities} tasks)")
        for worker, peak in sorted(peaks.items()):
            print(f"  {'  peak memory, worker ' + worker.split(':')[-1]:<46} {peak / 1024:7.0f} MB "
                  f"({(peak - before[worker]) / 1024:.0f} MB above its resting size)")
        base = _reset_peak()
        t0 = time.perf_counter()
        whole = sg.ssda903.load_regional(folders)
        single = {m: sgd.figures(whole, m, YEARS).sort_values(["LA", "year"], kind="stable", ignore_index=True)
                  for m in MEASURES}
        single_t = time.perf_counter() - t0
        single_peak = (_peak() - base) / 1024
        del whole
        for measure in MEASURES:
            pd.testing.assert_frame_equal(distributed[measure], single[measure], check_dtype=False)
        print(f"  {'one machine, one process (load_regional)':<46} {single_t:7.1f} s  {size / 1e6 / single_t:7.1f} MB/s  "
              f"peak {single_peak:.0f} MB above the resting size ({single_peak / (size / 2**20):.1f}x the input)")
        reviews = distributed["reviews_in_timescale"]
        print(f"  (every table equal to the single-machine run: {len(reviews):,} authority-years, "
              f"{int(reviews['done'].sum()):,} reviews judged, {int(reviews['in_timescale'].sum()):,} in timescale)")
