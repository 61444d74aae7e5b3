"""sg.timeliness_summary, the summary-only path: the same table as sg.summarise(sg.timeliness(...))
on worked examples, on generated data in any order, and for every period, date and duration; the
same data quality; and its bad arguments."""

from __future__ import annotations

import sys

import pandas as pd
import pytest

import safeguarding as sg

from conftest import ROOT, events_frame as frame

sys.path.insert(0, str(ROOT / "benchmarks"))
from timeliness_data import looked_after_events  # noqa: E402


WORKED = [
    (1, "lac.start", "2019-12-16"), (1, "lac.review", "2020-01-16"), (1, "lac.review", "2020-04-30"),
    (2, "lac.start", "2019-12-20"), (2, "lac.review", "2020-01-31"),
]


def both(events, by="month", date="due", percentiles=(50, 90), durations="days", **engine):
    """The summary-only table and summarise(timeliness(...)), after checking they are equal."""
    only = sg.timeliness_summary(events, by=by, date=date, percentiles=percentiles, durations=durations, **engine)
    full = sg.summarise(sg.timeliness(events, **engine), by=by, date=date, percentiles=percentiles, durations=durations)
    pd.testing.assert_frame_equal(only.table, full, check_exact=True)
    return only


def test_the_worked_example_by_hand():
    only = both(frame(WORKED), date="completed", rules="lac.review.first", as_of="2020-05-31")
    table = only.table
    january = table[(table["rule"] == "lac.review.first") & (table["month"] == pd.Period("2020-01", "M"))].iloc[0]
    # Child 1: 20 working days from Monday 16 December 2019 (25, 26 December and 1 January are
    # holidays) is Thursday 16 January: held that day, met, 31 days. Child 2: from Friday 20
    # December, due Wednesday 22 January; held 31 January, late, 42 days. 50%; median 36.5 days.
    assert (january["met"], january["late"], january["percent_in_timescale"], january["p50_days"]) == (1, 1, 50.0, 36.5)
    # Child 1's second review, due 16 April (3 months after 16 January), held 30 April: late, in April.
    april = table[(table["rule"] == "lac.review.second") & (table["month"] == pd.Period("2020-04", "M"))].iloc[0]
    assert (april["late"], april["instances"], april["p50_days"]) == (1, 1, 105.0)  # 16 January to 30 April
    # Not yet held, so without a completion date (the last row of their rules): child 1's third
    # review, due 30 October (6 months after 30 April), open on 31 May; child 2's second, due 30
    # April (3 months after 31 January, the month's last day), overdue.
    assert table["instances"].sum() == 5
    undated = table[table["month"].isna()]
    assert (undated["open"].sum(), undated["overdue"].sum()) == (1, 1)
    assert only.data_quality.total == 5 and only.data_quality.rows["used"] == 5
    assert only.rules == ("lac.review.first", "lac.review.second", "lac.review.subsequent")
    assert "TimelinessSummary: " in repr(only)


def test_findings_and_row_uses_are_those_of_timeliness():
    events = frame(
        [
            (1, "lac.start", "2019-12-16"), (1, "lac.review", "2020-01-16"), (1, "lac.review", "2020-01-16"),
            (2, "lac.review", "2019-11-01"), (3, "lac.start", None), (4, "referral", "2019-11-01"),
            (5, "lac.start", "2020-03-01"),
        ]
    )
    only = both(events, rules="lac.review.first", as_of="2020-02-01")
    full = sg.timeliness(events, rules="lac.review.first", as_of="2020-02-01").data_quality
    quality = only.data_quality
    # As worked in test_timeliness.py: 1 duplicate, 1 review without a start, 1 without a date, 1
    # event no rule uses; and one start after the as-of date.
    assert dict(quality.rows[quality.rows > 0]) == {"used": 2, "after_as_of": 1, "no_rule": 1, "problem": 3}
    assert quality.total == 7
    pd.testing.assert_frame_equal(quality.findings, full.findings)
    pd.testing.assert_series_equal(quality.row_use, full.row_use)
    assert only.as_of == full.as_of


@pytest.mark.parametrize("by", [None, "month", "quarter", "year", "reporting_year", "reporting_quarter"])
@pytest.mark.parametrize("date", ["due", "completed", "start"])
def test_every_period_and_date_on_generated_data_in_any_order(by, date):
    # 40,000 children × 6 events: above the size at which the engine splits cases between threads,
    # and many times the scratch columns of each worker; shuffled, so not in case order.
    events = looked_after_events(40_000, events_per_child=6, seed=11).sample(frac=1.0, random_state=5)
    events = events.reset_index(drop=True)
    only = both(events, by=by, date=date, percentiles=(0, 25, 50, 90, 100), rules="lac.review.first",
                as_of="2020-06-30")
    # Each event known by the as-of date opens one instance (the start the first review, each review the next).
    assert only.table["instances"].sum() == (events["date"] <= "2020-06-30").sum()
    assert {"met", "late", "overdue"} <= {s for s in sg._timeliness.STATUSES if only.table[s].sum() > 0}


def test_working_days_every_rule_and_no_percentiles():
    events = looked_after_events(2000, events_per_child=5, seed=3).sample(frac=1.0, random_state=1)
    both(events, by="quarter", durations="working_days", percentiles=(10, 50))
    both(events, by="month", percentiles=())


def test_date_times():
    events = frame(
        [
            (1, "missing.returned", "2019-05-03 10:00"), (1, "missing.rhi_held", "2019-05-06 09:30"),
            (2, "missing.returned", "2019-05-03 10:00"), (2, "missing.rhi_held", "2019-05-06 10:30"),
            (3, "missing.returned", "2019-05-31 23:00"),
        ]
    )
    only = both(events, by="month", date="due", rules="missing.rhi", as_of="2019-06-30")
    # 72 hours from Friday 3 May 10:00 is Monday 6 May 10:00: held 09:30 met, 10:30 late; the third,
    # due Monday 3 June, is overdue on 30 June: due in June.
    assert list(only.table["met"]) == [1, 0] and list(only.table["late"]) == [1, 0]
    assert list(only.table["overdue"]) == [0, 1]


def test_empty_and_bad_arguments():
    empty = frame([(1, "referral", "2019-11-01")])
    assert both(empty, rules="lac.review.first").table.empty
    events = frame(WORKED, team=["N", "N", "N", "S", "S"])
    with pytest.raises(sg.Error, match="groups by one period only, not by 'team'"):
        sg.timeliness_summary(events, by=["month", "team"])
    with pytest.raises(sg.Error, match="date must be 'due', 'completed' or 'start'"):
        sg.timeliness_summary(events, date="held")
    with pytest.raises(sg.Error, match="durations must be"):
        sg.timeliness_summary(events, durations="hours")
    with pytest.raises(sg.Error, match="a percentile must be between 0 and 100"):
        sg.timeliness_summary(events, percentiles=(101,))
    with pytest.raises(sg.Error, match="missing required column 'when'"):
        sg.timeliness_summary(events, event_date="when")


def test_scratch_buffers_kept_between_calls_and_released():
    # 40,000 generated children (synthetic), 240,000 rows shuffled: the engine's copies of them (the
    # radix sort's records, two blocks of some 1.9 MB) are above the smallest block kept between
    # calls (1 MiB).
    events = looked_after_events(40_000, events_per_child=6, seed=4).sample(frac=1.0, random_state=2)
    previous = sg.set_timeliness_scratch_limit(0)  # nothing kept: the reference
    assert previous == 256 << 20  # the default
    reference = sg.timeliness_summary(events).table
    assert sg.release_timeliness_scratch() == 0
    sg.set_timeliness_scratch_limit(previous)
    first = sg.timeliness_summary(events).table
    again = sg.timeliness_summary(events).table  # on the buffers the first call left
    small = sg.timeliness_summary(events.iloc[:5000]).table
    pd.testing.assert_frame_equal(first, reference, check_exact=True)
    pd.testing.assert_frame_equal(again, reference, check_exact=True)
    pd.testing.assert_frame_equal(small, sg.summarise(sg.timeliness(events.iloc[:5000])), check_exact=True)
    assert sg.release_timeliness_scratch() > 0
    assert sg.release_timeliness_scratch() == 0
    with pytest.raises(sg.Error, match="a number of bytes, got -1"):
        sg.set_timeliness_scratch_limit(-1)
