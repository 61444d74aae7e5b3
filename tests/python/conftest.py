from __future__ import annotations

import contextlib
import json
import shutil
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
#: The sample returns the examples ship (examples/returns/README.md). The tests read them where
#: they are; tests/data holds only the sample files no example uses (tests/data/README.md).
RETURNS = ROOT / "examples" / "returns"

#: The SSDA903 tables of csc-validator-be-903's fake return, by table: the four the examples use
#: are in examples/returns/ssda903, the other seven in tests/data/ssda903.
SSDA903_CSV = {
    name: (RETURNS if name in ("header", "episodes", "reviews", "missing") else DATA) / "ssda903" / f"{name}.csv"
    for name in (
        "header", "episodes", "reviews", "uasc", "oc2", "oc3", "ad1",
        "placed_for_adoption", "previous_permanence", "missing", "sw_episodes",
    )
}
#: The SSDA903 return in its XML form.
SSDA903_XML = DATA / "ssda903" / "fake_903.xml"
#: The CIN census samples of csc-validator-be-cin, in order of file name.
CIN_CENSUS_XML = sorted(
    [DATA / "cin_census" / f"CIN_Census_{year}.xml" for year in (2021, 2024, 2026)] + [RETURNS / "fake_CIN_data.xml"],
    key=lambda p: p.name,
)
#: liia-tools' sample Annex A workbook.
ANNEX_A = RETURNS / "Annex_A.xlsx"


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA


@pytest.fixture(scope="session")
def govuk_reference() -> dict:
    return json.loads((DATA / "bank-holidays.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def ssda903_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fake SSDA903 return's eleven tables in one folder, as an authority exports them: the
    files of one folder are one return (several folders would be several returns, stitched)."""
    folder = tmp_path_factory.mktemp("fixtures") / "ssda903"
    folder.mkdir()
    for path in SSDA903_CSV.values():
        shutil.copyfile(path, folder / path.name)
    return folder


@contextlib.contextmanager
def python_counting() -> Iterator[Callable[[], int]]:
    """A thread counting in pure Python for as long as the block runs; gives a function that reads
    the count. Python code, this thread's included, runs only while it holds the GIL: the count
    moves on during a call made in another thread only if the call lets the GIL go.

    The switch interval is raised meanwhile, so that the GIL changes hands only when a thread lets
    it go (C++ code releasing it, a blocking call), never because a thread has held it for long:
    a call that held it throughout would see the count not move at all. The counting thread lets
    it go between counts (time.sleep(0)) so that a thread coming back from C++ has it at once."""
    count = [0]
    started, stop = threading.Event(), threading.Event()

    def run() -> None:
        started.set()
        while not stop.is_set():
            count[0] += 1
            time.sleep(0)

    interval = sys.getswitchinterval()
    sys.setswitchinterval(10.0)  # far longer than any call timed here
    counter = threading.Thread(target=run, daemon=True)
    counter.start()
    try:
        started.wait()
        yield lambda: count[0]
    finally:
        stop.set()
        counter.join()
        sys.setswitchinterval(interval)


def python_progress_during(call: Callable[[], object], attempts: int = 100) -> int:
    """How far the counting thread of :func:`python_counting` got while ``call`` ran in this
    thread: 0 if the call held the GIL throughout. A call of a few milliseconds may end before the
    counting thread is scheduled, so it is made again, up to ``attempts`` times, while the count
    has not moved; a call that holds the GIL gives 0 every time."""
    with python_counting() as count:
        for _ in range(attempts):
            before = count()
            call()
            moved = count() - before
            if moved:
                return moved
    return 0


def events_frame(rows: list[tuple[object, ...]], **extra: object) -> pd.DataFrame:
    """Timeliness events from hand-written (case, event, date) rows, the dates parsed; ``extra``
    adds columns (attributes such as regime or birth_date)."""
    out = pd.DataFrame(rows, columns=["case", "event", "date"])
    out["date"] = pd.to_datetime(out["date"])
    for name, values in extra.items():
        out[name] = values
    return out
