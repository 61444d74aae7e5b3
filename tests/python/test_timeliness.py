"""sg.timeliness, sg.summarise and friends: worked examples, a cross-check against an independent
pandas implementation, and bad input."""

from __future__ import annotations

import datetime as dt
import sys

import numpy as np
import pandas as pd
import pytest

import safeguarding as sg
from safeguarding import _core

from conftest import ROOT, events_frame as frame, python_counting

sys.path.insert(0, str(ROOT / "benchmarks"))
import pandas_timeliness  # noqa: E402  (the independent implementation)
from timeliness_data import looked_after_events  # noqa: E402


def test_a_looked_after_chain_worked_by_hand():
    events = frame(
        [
            ("A-1", "lac.start", "2019-12-16"),
            ("A-1", "lac.review", "2020-01-16"),
            ("A-1", "lac.review", "2020-04-30"),
        ],
        team=["North", "North", "South"],
    )
    result = sg.timeliness(events, rules="lac.review.first", as_of="2020-06-01")
    # 20 working days from Monday 16 December 2019 (25, 26 December and 1 January are holidays):
    # Thursday 16 January 2020; then 3 months: 16 April, held 30 April (10 working days late);
    # then 6 months from 30 April: 30 October, open on 1 June.
    assert list(result.instances["rule"]) == ["lac.review.first", "lac.review.second", "lac.review.subsequent"]
    assert list(result.instances["due"].dt.strftime("%Y-%m-%d")) == ["2020-01-16", "2020-04-16", "2020-10-30"]
    assert list(result.instances["status"]) == ["met", "late", "open"]
    assert result.instances["late_working_days"].tolist()[:2] == [0.0, 10.0]
    assert list(result.instances["case"]) == ["A-1"] * 3
    assert list(result.instances["team"]) == ["North", "North", "South"]  # from the row that started each clock
    assert list(result.instances["edition"]) == ["Care Planning Regulations 2010"] * 3
    quality = result.data_quality
    assert quality.rows["used"] == 3 and quality.total == 3 and quality.findings.empty


def test_a_result_pickles_and_comes_back_equal():
    # The chain worked by hand above, with a finding (a review with no clock running, row 3): the
    # instances, the data quality (rows, findings, each row's use) and the rules come back equal,
    # with the catalogue and calendar they were computed with, and summarise gives the same table.
    import pickle

    events = frame([("A-1", "lac.start", "2019-12-16"), ("A-1", "lac.review", "2020-01-16"),
                    ("A-1", "lac.review", "2020-04-30"), ("B-2", "lac.review", "2020-02-03")])
    catalogue = sg.RuleCatalogue.builtin().extended({"local_choices": {"sin.rapid_review": {"start": ["sin.notified"]}}})
    result = sg.timeliness(events, rules="lac.review.first", as_of="2020-06-01", catalogue=catalogue)
    back = pickle.loads(pickle.dumps(result))
    assert type(back) is sg.TimelinessResult and back.rules == result.rules and back.as_of == result.as_of
    pd.testing.assert_frame_equal(back.instances, result.instances)
    pd.testing.assert_frame_equal(back.data_quality.findings, result.data_quality.findings)
    pd.testing.assert_series_equal(back.data_quality.rows, result.data_quality.rows)
    pd.testing.assert_series_equal(back.data_quality.row_use, result.data_quality.row_use)
    assert back.catalogue == catalogue and back.calendar == result.calendar
    assert len(result.data_quality.findings) >= 1 and list(back.instances["status"]) == ["met", "late", "open"]
    pd.testing.assert_frame_equal(sg.summarise(back, by="month"), sg.summarise(result, by="month"))


def test_numpy_columns_and_date_objects():
    events = {
        "case": np.array([1, 1]),
        "event": np.array(["sin.aware", "sin.notified"], dtype=object),
        "date": np.array([dt.date(2019, 12, 21), dt.date(2020, 1, 2)], dtype=object),
    }
    result = sg.timeliness(events, rules=["sin.notify_panel"])
    # Aware on Saturday 21 December 2019: due Tuesday 31 December; notified 2 January: 1 working day late.
    assert result.instances["due"].iloc[0] == pd.Timestamp("2019-12-31")
    assert result.instances["status"].iloc[0] == "late"
    assert result.instances["late_working_days"].iloc[0] == 1.0


def test_date_times_make_hours_exact():
    events = frame(
        [
            (1, "missing.returned", "2019-05-03 10:00"),
            (1, "missing.rhi_held", "2019-05-06 09:30"),
            (2, "missing.returned", "2019-05-03 10:00"),
            (2, "missing.rhi_held", "2019-05-06 10:30"),
        ]
    )
    result = sg.timeliness(events, rules="missing.rhi")
    assert list(result.instances["status"]) == ["met", "late"]
    assert result.instances["due_time"].iloc[0] == pd.Timestamp("2019-05-06 10:00")


def test_as_of_statuses():
    events = frame([(1, "lac.start", "2019-12-16")])
    assert sg.timeliness(events, rules="lac.review.first", as_of="2020-01-16").instances["status"].iloc[0] == "open"
    late = sg.timeliness(events, rules="lac.review.first", as_of="2020-01-20").instances
    assert late["status"].iloc[0] == "overdue"
    assert late["late_working_days"].iloc[0] == 2.0  # 17 and 20 January
    assert late["late_days"].iloc[0] == 4.0


def test_findings_are_listed_and_rows_add_up():
    events = frame(
        [
            (1, "lac.start", "2019-12-16"),
            (1, "lac.review", "2020-01-16"),
            (1, "lac.review", "2020-01-16"),
            (2, "lac.review", "2019-11-01"),
            (3, "lac.start", None),
            (4, "referral", "2019-11-01"),
        ]
    )
    result = sg.timeliness(events, rules="lac.review.first", as_of="2020-02-01")
    quality = result.data_quality
    assert quality.total == 6
    assert int(quality.rows.sum()) == 6
    assert dict(quality.rows[quality.rows > 0]) == {"used": 2, "no_rule": 1, "problem": 3}
    found = quality.findings.sort_values("row")
    assert list(found["row"]) == [2, 3, 4]
    assert list(found["kind"]) == ["duplicate", "stop_without_start", "missing_date"]
    assert list(found["case"]) == [1, 2, 3]
    assert "repeats an earlier row (row 1" in found["message"].iloc[0]
    assert list(quality.row_use) == ["used", "used", "problem", "problem", "problem", "no_rule"]
    assert "6 rows, 2 used" in repr(quality)


def test_summarise_by_month_adds_up_and_matches_hand_counts():
    events = frame(
        [
            (1, "lac.start", "2019-12-16"), (1, "lac.review", "2020-01-16"), (1, "lac.review", "2020-04-30"),
            (2, "lac.start", "2019-12-20"), (2, "lac.review", "2020-01-31"),
        ],
        team=["N", "N", "N", "S", "S"],
    )
    result = sg.timeliness(events, rules="lac.review.first", as_of="2020-05-31")
    table = sg.summarise(result, by="month", date="completed")
    assert table["instances"].sum() == len(result.instances) == 5
    january = table[(table["rule"] == "lac.review.first") & (table["month"] == pd.Period("2020-01", "M"))].iloc[0]
    # Child 1 met (16 Jan, due 16 Jan); child 2 late (31 Jan, due 22 Jan): 50%; durations 31 and 42 days.
    assert (january["met"], january["late"], january["percent_in_timescale"], january["p50_days"]) == (1, 1, 50.0, 36.5)
    by_team = sg.summarise(result, by=["year", "team"], percentiles=())
    assert by_team["instances"].sum() == 5
    assert set(by_team["team"]) == {"N", "S"}
    assert (by_team["in_timescale"] + by_team["out_of_timescale"] + by_team["open"] + by_team["ended"]).sum() == 5


def test_matches_an_independent_pandas_implementation():
    events = looked_after_events(3000, events_per_child=6, seed=7)
    events = events.sample(frac=1.0, random_state=3).reset_index(drop=True)  # any order
    as_of = np.datetime64("2021-06-30")
    result = sg.timeliness(events, rules="lac.review.first", as_of=as_of)
    holidays = np.array([h.date for h in sg.Calendar().holidays()], dtype="datetime64[D]")
    theirs = pandas_timeliness.looked_after_reviews(events[events["date"] <= as_of], holidays, as_of)
    ours = result.instances.sort_values(["case", "sequence"], ignore_index=True)
    assert len(ours) == len(theirs) == 18_000  # 3,000 children, 6 instances each
    assert {"met", "late", "overdue"} <= set(ours["status"].astype(str))
    for column in ("case", "sequence"):
        assert np.array_equal(ours[column].to_numpy(), theirs[column].to_numpy())
    assert list(ours["rule"].astype(str)) == list(theirs["rule"])
    for column in ("start", "due", "completed"):
        mine = ours[column].to_numpy().astype("datetime64[D]").view(np.int64)
        reference = theirs[column].to_numpy().astype("datetime64[D]").view(np.int64)
        assert np.array_equal(mine, reference), column
    assert list(ours["status"].astype(str)) == list(theirs["status"])
    for column in ("late_working_days", "late_days", "duration_days"):
        assert np.allclose(ours[column].to_numpy(np.float64), theirs[column].to_numpy(np.float64), equal_nan=True), column
    table = sg.summarise(result, by="month", date="completed", percentiles=(50,))
    reference = pandas_timeliness.monthly_table(theirs)
    assert table["instances"].sum() == len(ours)
    assert np.array_equal(table["met"].to_numpy(), reference["met"].to_numpy())
    assert np.array_equal(table["late"].to_numpy(), reference["late"].to_numpy())
    assert np.allclose(table["p50_days"].to_numpy(), reference["p50_days"].to_numpy(), equal_nan=True)


def _renumbered(rows: pd.Series, to_new: np.ndarray) -> np.ndarray:
    """Row numbers (-1 for none) through the map from one order of the rows to another."""
    values = rows.to_numpy()
    return np.where(values >= 0, to_new[np.maximum(values, 0)], values)


def test_rows_in_any_order_give_the_case_ordered_results_by_the_callers_rows():
    # Synthetic: 45,000 children with a start and 5 reviews each, in case order but every third
    # child's rows in reverse (so not in time order); with duplicated reviews, reviews without a
    # date, reviews dated before their child's start, and children with a review and no start:
    # about 280,000 rows, so that the engine
    # splits the cases between two threads. Then the same rows shuffled, not only the cases.
    rng = np.random.default_rng(14)
    base = looked_after_events(45_000, events_per_child=6, seed=14, shuffle=False)
    reviews = base[base["event"] == "lac.review"]
    starts = base[base["event"] == "lac.start"]
    duplicates = reviews.sample(4000, random_state=1)
    undated = reviews.sample(2000, random_state=2).assign(date=pd.NaT)
    early = starts.sample(1500, random_state=3).assign(event="lac.review")
    early["date"] -= pd.Timedelta(days=5)
    orphans = reviews.sample(1000, random_state=4)
    orphans = orphans.assign(case=orphans["case"] + 3)  # children with a review and no start
    ordered = pd.concat([base, duplicates, undated, early, orphans])
    child = ordered["case"].to_numpy() // 7
    ordered = ordered.assign(_key=np.where(child % 3 == 0, -np.arange(len(ordered)), np.arange(len(ordered))))
    ordered = ordered.sort_values(["case", "_key"], kind="stable").drop(columns="_key").reset_index(drop=True)
    n = len(ordered)
    # The shuffle keeps rows with the same case, event and date (duplicates, which the engine tells
    # apart only by their order) in their relative order: otherwise any shuffle.
    perm = rng.permutation(n)
    group = ordered.groupby(["case", "event", "date"], observed=True, dropna=False, sort=False).ngroup().to_numpy()
    at = np.lexsort((np.arange(n), group[perm]))  # new positions, by group then position
    original = np.lexsort((np.arange(n), group))  # original rows, by group then row
    perm[at] = original
    shuffled = ordered.iloc[perm].reset_index(drop=True)
    to_shuffled = np.empty(n, dtype=np.int64)
    to_shuffled[perm] = np.arange(n)

    a = sg.timeliness(ordered, rules="lac.review.first", as_of="2020-06-30")
    b = sg.timeliness(shuffled, rules="lac.review.first", as_of="2020-06-30")
    findings = a.data_quality.findings
    assert {"missing_date", "duplicate", "stop_before_start", "stop_without_start"} <= set(findings["kind"].astype(str))
    assert len(a.instances) > 200_000

    # Instances: the same, in the same order, with the rows of the shuffled events.
    expected = a.instances.copy()
    expected["start_row"] = _renumbered(expected["start_row"], to_shuffled)
    expected["stop_row"] = _renumbered(expected["stop_row"], to_shuffled)
    pd.testing.assert_frame_equal(b.instances, expected, check_exact=True)
    # Each row's use.
    assert np.array_equal(b.data_quality.row_use.to_numpy()[to_shuffled], a.data_quality.row_use.to_numpy())
    # Findings: the same ones (those about rows the engine never orders come in the rows' order), the
    # row numbers in their messages renumbered too.
    expected_findings = findings.assign(
        row=_renumbered(findings["row"], to_shuffled),
        related_row=_renumbered(findings["related_row"], to_shuffled),
        message=findings["message"].str.replace(r"row (\d+)", lambda m: f"row {to_shuffled[int(m.group(1))]}",
                                                regex=True),
    )
    order = ["row", "kind", "related_row", "rule"]
    pd.testing.assert_frame_equal(
        b.data_quality.findings.sort_values(order, ignore_index=True),
        expected_findings.sort_values(order, ignore_index=True),
        check_exact=True,
    )
    # The summary-only path on the shuffled rows: the same uses and findings.
    only = sg.timeliness_summary(shuffled, by="month", date="completed", percentiles=(50,), rules="lac.review.first",
                                 as_of="2020-06-30")
    pd.testing.assert_series_equal(only.data_quality.row_use, b.data_quality.row_use)
    pd.testing.assert_frame_equal(only.data_quality.findings, b.data_quality.findings)


def test_the_engine_lets_other_threads_run(monkeypatch: pytest.MonkeyPatch):
    # Python code counting in another thread moves on while the engine's C++ call is in flight,
    # which it could not do were the GIL held. Only the call itself is measured (the facade's
    # pandas work around it lets the GIL go at times): the binding is wrapped where the facade
    # finds it.
    events = looked_after_events(100_000, events_per_child=6, seed=7)
    compute = _core.timeliness.compute
    moved: list[int] = []
    with python_counting() as count:

        def measured(*args, **kwargs):
            before = count()
            out = compute(*args, **kwargs)
            moved.append(count() - before)
            return out

        monkeypatch.setattr(_core.timeliness, "compute", measured)
        # A short call may end before the counting thread is scheduled: tried again while the
        # count has not moved (a call holding the GIL gives 0 every time).
        for _ in range(20):
            result = sg.timeliness(events, rules="lac.review.first", as_of="2021-06-30")
            if moved[-1]:
                break
    assert len(result.instances) > 100_000
    assert moved[-1] > 0, moved


def test_lado_bands_against_targets():
    rows = []
    # Ten allegations referred on 1 October 2018 (KCSIE 2018): 7 concluded within a month, 2 more
    # within three months, 1 after five months: 70% (target 80%: missed), 90% (met), 100% (no
    # percentage target: "all but the most exceptional" within 12 months, so no verdict).
    for case in range(7):
        rows += [(case, "lado.referred", "2018-10-01"), (case, "lado.concluded", "2018-10-20")]
    for case in (7, 8):
        rows += [(case, "lado.referred", "2018-10-01"), (case, "lado.concluded", "2018-12-01")]
    rows += [(9, "lado.referred", "2018-10-01"), (9, "lado.concluded", "2019-03-01"), (10, "lado.referred", "2019-03-01")]
    result = sg.timeliness(frame(rows), rules="lado.resolution", as_of="2019-03-31")
    table = sg.bands(result)
    assert list(table["band"]) == ["1 month", "3 months", "12 months"]
    assert list(table["within"]) == [7, 9, 10]
    assert list(table["percent_within"]) == [70.0, 90.0, 100.0]
    assert list(table["meets_target"]) == [False, True, None]
    assert set(table["open"]) == {1}


def test_a_serious_incident_timeline():
    events = frame(
        [
            (5, "sin.aware", "2019-12-20"),
            (5, "sin.notified", "2019-12-23"),
            (5, "sin.rapid_review_sent", "2020-01-17"),
            (5, "review.decided_local", "2020-01-20"),
            (5, "review.sent_to_panel", "2020-06-30"),
            (5, "review.published", "2020-07-20"),
        ]
    )
    result = sg.timeliness(events, as_of="2020-08-01")
    line = sg.timeline(result, 5)
    # Aware Friday 20 December: notify by 31 December (23, 24, 27, 30, 31); rapid review in 15
    # working days: 15 January 2020 (sent the 17th: late); the practice review within 6 months of
    # the decision (20 July: met); sent at least 7 working days before publication (by 9 July: met).
    # The report to the safeguarding partners, due with the notification (31 December), is not
    # recorded: overdue.
    assert list(line["rule"]) == [
        "sin.notify_panel", "sin.notify_partners", "sin.rapid_review", "cspr.complete", "cspr.send_before_publication"
    ]
    assert list(line["due"].dt.strftime("%Y-%m-%d")) == ["2019-12-31", "2019-12-31", "2020-01-15", "2020-07-20", "2020-07-09"]
    assert list(line["status"]) == ["met", "overdue", "late", "met", "met"]


@pytest.mark.parametrize(
    "events, message",
    [
        (pd.DataFrame({"case": [1], "date": ["2019-01-01"]}), "missing required column 'event'"),
        (pd.DataFrame({"case": [1], "event": [3], "date": ["2019-01-01"]}), "column 'event' holds int64 values"),
        (pd.DataFrame({"case": [1, 2], "event": ["lac.start", "lac.strat"], "date": ["2019-01-01"] * 2}),
         r"column 'event', row 1: 'lac.strat' is not an event type of the catalogue 'built-in' \(did you mean 'lac.start'\?\)"),
        (pd.DataFrame({"case": [1, 2], "event": ["lac.start"] * 2, "date": ["2019-01-01", "2019-02-30"]}),
         "column 'date', row 1: '2019-02-30' is not a valid date: February 2019 has 28 days"),
        (pd.DataFrame({"case": [1, None], "event": ["lac.start"] * 2, "date": ["2019-01-01"] * 2}),
         "column 'case', row 1: None: the case id is missing"),
        (pd.DataFrame({"case": [1], "event": ["lac.start"], "date": [7]}), "column 'date' holds int64 values"),
        (pd.DataFrame({"case": [1], "event": ["lac.start"], "date": pd.to_datetime(["2019-01-01"]).tz_localize("UTC")}),
         "time-zone-aware"),
    ],
)
def test_bad_input_names_column_row_and_value(events, message):
    with pytest.raises(sg.Error, match=message):
        sg.timeliness(events)


def test_unknown_rule_and_bad_summary_arguments():
    events = frame([(1, "lac.start", "2019-12-16")])
    with pytest.raises(sg.Error, match="'lac.reviews' is not a rule"):
        sg.timeliness(events, rules=["lac.reviews"])
    result = sg.timeliness(events)
    with pytest.raises(sg.Error, match="no column 'team'"):
        sg.summarise(result, by="team")
    with pytest.raises(sg.Error, match="date must be"):
        sg.summarise(result, date="held")
    with pytest.raises(sg.Error, match="expected the result that sg.timeliness returned"):
        sg.summarise(pd.DataFrame({"rule": []}))


def test_a_timescale_chosen_by_a_category():
    # ILACS: a good judgement on 14 December 2018 brings the next inspection within about 3 years
    # (14 December 2021); an inadequate one starts no clock (monitoring visits follow instead).
    events = frame(
        [(1, "ilacs.judgement", "2018-12-14"), (2, "ilacs.judgement", "2018-12-14")],
        judgement=["good", "inadequate"],
    )
    result = sg.timeliness(events, rules="ilacs.cycle", as_of="2019-01-01")
    assert list(result.instances["case"]) == [1]
    assert result.instances["due"].iloc[0] == pd.Timestamp("2021-12-14")
    assert list(result.instances["judgement"]) == ["good"]
    assert result.data_quality.rows["not_in_force"] == 1
    # Without the attribute, each judgement is a finding.
    quality = sg.data_quality(sg.timeliness(events.drop(columns="judgement"), rules="ilacs.cycle", as_of="2019-01-01"))
    assert list(quality.findings["kind"]) == ["missing_attribute", "missing_attribute"]


def test_date_times_give_no_completion_time_to_an_instance_not_completed():
    # Looked after from Monday 16 December 2019 10:00: first review due 16 January 2020 (20 working
    # days); the child ceased to be looked after on 20 January with no review: missed, not completed.
    events = frame([(1, "lac.start", "2019-12-16 10:00"), (1, "lac.end", "2020-01-20 09:00"),
                    (2, "lac.start", "2019-12-16 10:00"), (2, "lac.review", "2020-01-15 14:30")])
    result = sg.timeliness(events, rules="lac.review.first", as_of="2020-02-01")
    first = result.instances[result.instances["rule"] == "lac.review.first"].set_index("case")
    assert list(first["status"]) == ["missed", "met"]
    assert first.loc[1, "stop_row"] == 1  # closed by the end event ...
    assert pd.isna(first.loc[1, "completed"]) and pd.isna(first.loc[1, "completed_time"])  # ... but not completed
    assert first.loc[2, "completed_time"] == pd.Timestamp("2020-01-15 14:30")


def test_unsigned_case_ids_beyond_int64_come_back_as_given():
    big = 2**64 - 1
    events = frame([(0, "lac.start", "2019-12-16"), (0, "lac.start", "2019-12-20")])
    events["case"] = np.array([big, 5], dtype=np.uint64)
    result = sg.timeliness(events, rules="lac.review.first", as_of="2020-01-01")
    assert sorted(int(c) for c in result.instances["case"]) == [5, big]
    assert list(sg.timeline(result, big)["start"]) == [pd.Timestamp("2019-12-16")]
    small = events.assign(case=np.array([7, 5], dtype=np.uint64))
    assert sorted(sg.timeliness(small, rules="lac.review.first", as_of="2020-01-01").instances["case"]) == [5, 7]


def test_the_result_is_typed_and_no_longer_answers_as_the_frame_it_replaced():
    events = frame([(1, "lac.start", "2019-12-16"), (1, "lac.review", "2020-01-16")])
    result = sg.timeliness(events, rules="lac.review.second", as_of="2020-02-01")
    assert isinstance(result, sg.TimelinessResult)
    assert result.rules == ("lac.review.first", "lac.review.second", "lac.review.subsequent")
    assert result.as_of == dt.date(2020, 2, 1)
    assert result.catalogue is sg.RuleCatalogue.builtin()
    assert result.calendar == sg.Calendar.england_and_wales()
    assert result.to_frame() is result.instances
    assert list(result.instances["status"]) == ["met", "open"]
    assert "2 instances of 3 rules" in repr(result)
    assert result.data_quality is sg.data_quality(result)
    # The DataFrame layer of the frame it replaced is gone: the instances are in .instances, the
    # metadata that attrs held in .data_quality.
    with pytest.raises(TypeError):
        result["status"]
    with pytest.raises(TypeError):
        len(result)  # type: ignore[arg-type]
    for name in ("attrs", "sort_values", "columns"):
        assert not hasattr(result, name)
    # A frame of instances, even one carrying its data quality in attrs, is refused.
    frame_with_quality = result.instances.copy()
    frame_with_quality.attrs["data_quality"] = result.data_quality
    expected = r"summarise: expected the result that sg.timeliness returned \(a TimelinessResult\), got DataFrame"
    for given in (frame_with_quality, result.instances):
        with pytest.raises(sg.Error, match=expected):
            sg.summarise(given)  # type: ignore[arg-type]
    assert sg.summarise(result)["instances"].sum() == 2


def _statuses(result: sg.TimelinessResult, rule: str) -> list[tuple[str, str, str, str]]:
    rows = result.instances[result.instances["rule"] == rule]
    return [
        (str(r.case), str(r.start.date()), str(r.due.date()), str(r.status))
        for r in rows.itertuples()
    ]


def test_duties_never_done_are_overdue_from_their_first_clock():
    # Each duty's first clock starts at the event that creates it (issue 11, point 1); as of
    # Tuesday 31 October 2023 none was done.
    # P (plan from Monday 2 October 2023): the first visit within 10 working days: 3-6 October (4),
    # 9-13 (9), 16 (10): due Monday 16 October, overdue by 11 working days (17-20, 23-27, 30-31).
    # L (looked after from Monday 2 October): the initial health assessment within 20 working
    # days: 3-6 (4), 9-13 (9), 16-20 (14), 23-27 (19), 30 (20): due Monday 30 October, overdue by 1.
    # Y (arrangements from Monday 3 October 2022): the first yearly report within 12 months: due
    # Tuesday 3 October 2023, overdue.
    events = pd.DataFrame({
        "case": ["P", "L", "Y"],
        "event": ["cp_plan.start", "lac.start", "arrangements.start"],
        "date": pd.to_datetime(["2023-10-02", "2023-10-02", "2022-10-03"]),
        "birth_date": pd.to_datetime(["NaT", "2015-01-01", "NaT"]),
    })
    result = sg.timeliness(
        events, rules=["cp.visit.first", "lac.health.initial", "partnership.yearly_report.first"], as_of="2023-10-31"
    )
    assert _statuses(result, "cp.visit.first") == [("P", "2023-10-02", "2023-10-16", "overdue")]
    assert _statuses(result, "lac.health.initial") == [("L", "2023-10-02", "2023-10-30", "overdue")]
    assert _statuses(result, "partnership.yearly_report.first") == [("Y", "2022-10-03", "2023-10-03", "overdue")]
    late = dict(zip(result.instances["rule"], result.instances["late_working_days"]))
    assert (late["cp.visit.first"], late["lac.health.initial"]) == (11.0, 1.0)


def test_the_initial_conference_counts_from_the_initiating_discussion_or_the_latest_by_choice():
    # Strategy discussions on Monday 2 and Monday 9 October 2023, conference Wednesday 25 October.
    # From the initiating one (the default): due Monday 23 October (3-6: 4, 9-13: 9, 16-20: 14,
    # 23: 15), held 2 working days late (24, 25). From the latest (a local choice): due Monday 30
    # October (10-13: 4, 16-20: 9, 23-27: 14, 30: 15): met.
    events = pd.DataFrame({
        "case": ["S", "S", "S"],
        "event": ["strategy_discussion", "strategy_discussion", "icpc"],
        "date": pd.to_datetime(["2023-10-02", "2023-10-09", "2023-10-25"]),
    })
    earliest = sg.timeliness(events, rules="icpc.held", as_of="2023-10-31")
    assert _statuses(earliest, "icpc.held") == [("S", "2023-10-02", "2023-10-23", "late")]
    assert earliest.instances["late_working_days"].tolist() == [2.0]
    latest_catalogue = sg.RuleCatalogue.builtin().extended({"local_choices": {"icpc.held": {"repeat": "latest"}}})
    latest = sg.timeliness(events, rules="icpc.held", as_of="2023-10-31", catalogue=latest_catalogue)
    assert _statuses(latest, "icpc.held") == [("S", "2023-10-09", "2023-10-30", "met")]


def test_the_rapid_review_counts_from_the_notification_under_the_2025_panel_guidance():
    # Aware Monday 1 September 2025, notified Friday 5 September, rapid review sent Friday 26
    # September. Under the June 2025 guidance the 15 working days run from the notification: 8-12
    # (5), 15-19 (10), 22-26 (15): due 26 September, met. (From becoming aware they would have run
    # to Monday 22 September: 2-5 (4), 8-12 (9), 15-19 (14), 22 (15), and the review been late.)
    # Under the earlier guidance, aware Monday 2 October 2023: due Monday 23 October.
    events = pd.DataFrame({
        "case": ["N", "N", "N", "O"],
        "event": ["sin.aware", "sin.notified", "sin.rapid_review_sent", "sin.aware"],
        "date": pd.to_datetime(["2025-09-01", "2025-09-05", "2025-09-26", "2023-10-02"]),
    })
    result = sg.timeliness(events, rules="sin.rapid_review", as_of="2025-10-31")
    assert sorted(_statuses(result, "sin.rapid_review")) == [
        ("N", "2025-09-05", "2025-09-26", "met"), ("O", "2023-10-02", "2023-10-23", "overdue"),
    ]
