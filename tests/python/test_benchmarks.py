"""The benchmarks' baselines at a tiny scale: ours, pandas and polars agree on every cell, and the
equality check that guards every printed ratio really fires on a tampered result, naming the cell."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

import safeguarding as sg

pl = pytest.importorskip("polars")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
import compare  # noqa: E402
import pandas_partnership  # noqa: E402
import pandas_returns  # noqa: E402
import pandas_timeliness  # noqa: E402
import polars_partnership  # noqa: E402
import polars_returns  # noqa: E402
import polars_timeliness  # noqa: E402
import returns_data  # noqa: E402
import run  # noqa: E402
from timeliness_data import looked_after_events  # noqa: E402

CAL = sg.Calendar.england_and_wales()
HOLIDAYS = np.array([h.date for h in CAL.holidays()], dtype="datetime64[D]")
HOLIDAY_LIST = polars_returns.holiday_list(HOLIDAYS)


def test_timeliness_baselines_agree_and_a_tampered_cell_is_named():
    events = looked_after_events(300, 8)
    as_of = events["date"].max().to_datetime64().astype("datetime64[D]")
    result = sg.timeliness(events, rules="lac.review.first", calendar=CAL, as_of=as_of)
    table = sg.summarise(result, by="month", date="completed", percentiles=(50,))
    reference = pandas_timeliness.looked_after_reviews(events, HOLIDAYS, as_of)
    reference_table = pandas_timeliness.monthly_table(reference)
    pl_reference = polars_timeliness.looked_after_reviews(pl.from_pandas(events), HOLIDAY_LIST, as_of.item())
    pl_table = polars_timeliness.monthly_table(pl_reference)
    run.check_timeliness(result, table, reference, reference_table, "pandas")
    run.check_timeliness(result, table, pl_reference, pl_table, "polars")
    assert len(pl_reference) == 300 * 8 and set(pl_reference["status"].unique()) >= {"met", "late"}

    # One due date a day later in the polars result: named by column and row.
    tampered = pl_reference.with_columns(
        due=pl.when(pl.int_range(pl.len()) == 5).then(pl.col("due") + pl.duration(days=1)).otherwise(pl.col("due")))
    with pytest.raises(compare.Mismatch, match=r"timeliness instances: column 'due', row 5: .* polars result"):
        run.check_timeliness(result, table, tampered, pl_table, "polars")
    # One count of the pandas monthly table.
    wrong = reference_table.copy()
    wrong.loc[3, "met"] += 1
    with pytest.raises(compare.Mismatch, match=r"monthly table: column 'met', row 3: .* pandas result"):
        run.check_timeliness(result, table, reference, wrong, "pandas")
    # A median off by half a day.
    median = pl_table.with_columns(p50_days=pl.col("p50_days") + 0.5)
    with pytest.raises(compare.Mismatch, match=r"column 'p50_days', row 0"):
        run.check_timeliness(result, table, pl_reference, median, "polars")


def test_returns_baselines_agree_and_a_tampered_cell_is_named(tmp_path: Path):
    folder, xml = tmp_path / "903", tmp_path / "cin.xml"
    returns_data.ssda903(folder, 400)
    returns_data.cin_census(xml, 400)
    years = sorted(p for p in folder.iterdir() if p.is_dir())
    data = sg.ssda903.load(folder)
    table = data.reviews_by_month(2019, calendar=CAL).to_frame()
    tables = pandas_returns.read_ssda903(years)
    reference = pandas_returns.reviews_by_month(tables["episodes"], tables["reviews"], "2019-03-31", HOLIDAYS)
    pl_tables = polars_returns.read_ssda903(years)
    pl_reference = polars_returns.reviews_by_month(pl_tables["episodes"], pl_tables["reviews"], "2019-03-31", HOLIDAY_LIST)
    run.check_ssda903(data, table, {"pandas": (tables, reference), "polars": (pl_tables, pl_reference)})
    assert int(table["in_timescale"].sum()) > 0 and int(table["out_of_timescale"].sum()) > 0
    # The ingestion bar reads every file with its dates.
    bar = polars_returns.read_csv_only(years)
    assert sum(len(f) for f in bar["reviews"]) >= len(pl_tables["reviews"])
    assert bar["reviews"][0]["REVIEW"].dtype == pl.Date

    tampered = pl_reference.with_columns(
        out_of_timescale=pl.when(pl.int_range(pl.len()) == 7).then(pl.col("out_of_timescale") - 1)
        .otherwise(pl.col("out_of_timescale")))
    with pytest.raises(compare.Mismatch, match=r"reviews_by_month: column 'out_of_timescale', row 7: .* polars"):
        run.check_ssda903(data, table, {"polars": (pl_tables, tampered)})
    short = dict(tables, reviews=tables["reviews"].iloc[1:])
    with pytest.raises(compare.Mismatch, match=r"SSDA903 reviews: .* rows here, .* in the pandas result"):
        run.check_ssda903(data, table, {"pandas": (short, reference)})

    census = sg.cin_census.load(xml)
    # The census's own year, 2019-20 (its Year, 2020): the one year it covers.
    figures = {"assessments": tuple(census.assessments_within_45_working_days(2020, calendar=CAL)),
               "initial_conferences": tuple(census.initial_conferences_within_15_working_days(2020, calendar=CAL)),
               "review_conferences": tuple(census.review_conferences_in_timescale(2020, calendar=CAL))}
    cin = pandas_returns.read_cin(xml)
    compare.values("CIN", figures, pandas_returns.cin_figures(cin, "2020-03-31", HOLIDAYS), "pandas")
    pl_figures = polars_returns.cin_figures(polars_returns.cin_tables(cin), "2020-03-31", HOLIDAY_LIST)
    compare.values("CIN", figures, pl_figures, "polars")
    assert figures["assessments"][1] > 0
    pl_figures["assessments"] = (pl_figures["assessments"][0] + 1, pl_figures["assessments"][1])
    with pytest.raises(compare.Mismatch, match=r"CIN: .* polars result"):
        compare.values("CIN", figures, pl_figures, "polars")


def test_calendar_baselines_agree_and_a_tampered_element_is_named():
    rng = np.random.default_rng(5)
    a = rng.integers(np.datetime64("2000-01-01").astype(np.int64), np.datetime64("2030-01-01").astype(np.int64),
                     2000).astype("datetime64[D]")
    n = rng.integers(1, 60, a.size)
    ours = CAL.add_working_days(a, n)
    theirs = pl.Series(a).dt.add_business_days(pl.Series(n), week_mask=polars_returns.WEEK, holidays=HOLIDAY_LIST,
                                               roll="backward")
    compare.column("add_working_days", "result", ours, theirs, "polars")
    # 30 May 2016 was the spring bank holiday: the 1st working day after Friday 27 May is Tuesday 31 May.
    assert CAL.add_working_days(np.array(["2016-05-27"], dtype="datetime64[D]"), 1)[0] == np.datetime64("2016-05-31")
    broken = ours.copy()
    broken[1234] += 1
    with pytest.raises(compare.Mismatch, match=r"add_working_days: column 'result', row 1234: .* polars result"):
        compare.column("add_working_days", "result", broken, theirs, "polars")


@pytest.mark.parametrize("as_of", ["2012-06-30", "2012-07-01", "2013-02-14"])
def test_partnership_baselines_agree_and_a_tampered_quarter_or_meeting_is_named(as_of: str):
    # As of the last day of a quarter, that quarter is not yet judged; as of the next day it is.
    data = run.generate_partnership(groups=6, years=4)
    report = sg.Partnership.from_dict(data).evaluate(as_of)
    theirs = pandas_partnership.meetings_and_quorum(data, as_of)
    theirs_pl = polars_partnership.meetings_and_quorum(data, as_of)
    run.check_partnership(report, {"pandas": theirs, "polars": theirs_pl})
    missed, quorate = theirs_pl
    assert missed and any(quorate.values()) and not all(quorate.values())
    # Judged quarters stop at as_of's quarter: "2012-04-01" is judged from 1 July 2012, not on 30 June.
    assert any(q == "2012-04-01" for _, q in missed) == (as_of != "2012-06-30")
    group, quarter = sorted(missed)[0]
    with pytest.raises(compare.Mismatch, match=f"partnership: quarter {quarter} of {group} is missed here, not in the polars"):
        run.check_partnership(report, {"polars": (missed - {(group, quarter)}, quorate)})
    meeting = sorted(quorate)[3]
    flipped = {**quorate, meeting: not quorate[meeting]}
    with pytest.raises(compare.Mismatch, match=f"partnership: meeting {meeting}: quorate {quorate[meeting]} here, "
                                               f"{not quorate[meeting]} in the polars result"):
        run.check_partnership(report, {"polars": (missed, flipped)})


def test_peak_memory_counts_allocations_made_after_the_setup():
    # 80 MB of pages touched by numpy after the setup's 40 MB: the peak counts the 80, not the 40.
    peak = run.peak_mb("import numpy as np\nsetup = np.ones(5_000_000)", "x = np.ones(10_000_000)")
    assert 70 < peak < 120


def test_the_calendar_and_its_floor_are_timed_in_interleaved_rounds(monkeypatch: pytest.MonkeyPatch):
    # Each round calls every function once in turn, after one warm-up round that is not counted, so
    # that ours and the np.copy floor meet the same load and the same kernel state; the median and
    # the best come from the counted calls. A clock of our own: each call takes the time given.
    class Clock:
        now = 0.0

        def perf_counter(self) -> float:
            return self.now

        def process_time(self) -> float:
            return 2 * self.now  # two threads' CPU time

    clock = Clock()
    monkeypatch.setattr(run, "time", clock)
    calls: list[str] = []
    took = {"floor": iter([9.0, 4.0, 1.0, 2.0]), "ours": iter([9.0, 3.0, 6.0, 9.0])}  # warm-up first

    def timed(name: str) -> object:
        calls.append(name)
        clock.now += next(took[name])
        return name

    timings, results = run.interleaved(3, {"floor": lambda: timed("floor"), "ours": lambda: timed("ours")})
    assert calls == ["floor", "ours"] * 4
    assert results == {"floor": "floor", "ours": "ours"}
    assert timings["floor"].wall == [4.0, 1.0, 2.0] and timings["ours"].wall == [3.0, 6.0, 9.0]
    assert (timings["floor"].median, timings["floor"].best) == (2.0, 1.0)
    assert (timings["ours"].median, timings["ours"].best, timings["ours"].cpu_median) == (6.0, 3.0, 12.0)
