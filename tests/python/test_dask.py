"""safeguarding.dask on a LocalCluster of 2 workers: a national collection partitioned by authority
(generated: 20 synthetic authorities, no real child) gives the same tables as one machine."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest

import safeguarding as sg

pytest.importorskip("distributed")
import safeguarding.dask as sgd  # noqa: E402
from distributed import Client, LocalCluster  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
import returns_data  # noqa: E402
from timeliness_data import looked_after_events  # noqa: E402

AUTHORITIES = 20
TODAY = "2025-01-01"


@pytest.fixture(scope="module")
def client():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster, \
            Client(cluster) as connected:
        yield connected


@pytest.fixture(scope="module")
def collection(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return returns_data.regional_ssda903(tmp_path_factory.mktemp("national"), AUTHORITIES, children=25)


def test_ssda903_measures_by_authority_equal_a_single_machine_run(client, collection):
    measures = ["reviews_in_timescale", "three_or_more_placements", "participation", "looked_after_at_31_march"]
    years = [2018, 2019, 2020]
    distributed = sgd.ssda903_figures(collection, measures, years=years, today=TODAY)
    whole = sg.ssda903.load_regional(collection, today=TODAY)
    assert sorted(whole.authorities) == [returns_data.authority(k) for k in range(AUTHORITIES)]
    for measure in measures:
        expected = sgd.figures(whole, measure, years).sort_values(["LA", "year"], kind="stable", ignore_index=True)
        pd.testing.assert_frame_equal(distributed[measure], expected, check_dtype=False)
    # Each table cell against the authority's own returns, not through sgd.figures.
    reviews = distributed["reviews_in_timescale"].set_index(["LA", "year"])
    participation = distributed["participation"]
    for authority, data in whole.authorities.items():
        for year in years:
            label = sg.ReportingYear.of(year).label
            figure = data.reviews_in_timescale(year)
            assert reviews.loc[(authority, label), ["in_timescale", "done", "overdue"]].tolist() == \
                [figure.in_timescale, figure.done, figure.overdue]
            mine = participation[(participation["LA"] == authority) & (participation["year"] == label)]
            assert mine["reviews"].tolist() == data.participation(year).to_frame()["reviews"].tolist()
    # Not a vacuous comparison: reviews were judged and placements counted.
    assert reviews["done"].sum() > 100 and distributed["three_or_more_placements"]["total"].sum() > 20


def test_an_authority_split_across_partitions_is_an_error(client, collection):
    with pytest.raises(sg.Error, match=r"authority 'LA001' is in partitions 0 .* and 1"):
        sgd.ssda903_figures([collection[0], [collection[1], collection[0]]], ["looked_after_at_31_march"], years=[2019])


def test_cin_figures_by_authority_equal_each_census_alone(client, tmp_path):
    censuses = returns_data.regional_cin(tmp_path, 4, children=40)
    table = sgd.cin_figures(censuses, years=[2020]).set_index("LA")  # the censuses' own year (<Year>2020)
    for authority, path in censuses.items():
        census = sg.cin_census.load(path)
        figure = census.assessments_within_45_working_days(2020)
        assert table.loc[authority, "assessments_within_45_working_days.in_timescale"] == figure.in_timescale
        assert table.loc[authority, "assessments_within_45_working_days.done"] == figure.done
    assert table["assessments_within_45_working_days.done"].sum() > 0


def test_timeliness_over_partitions_equals_a_single_machine_run(client):
    import dask.dataframe as dd

    events = looked_after_events(400, 6)
    # Three reviews with no date: each a finding (a row of use "problem"), wherever its partition.
    undated = pd.DataFrame({"case": events["case"].iloc[[0, 600, 1200]].to_numpy(), "event": "lac.review",
                            "date": pd.NaT}).astype(events.dtypes.to_dict())
    events = pd.concat([events, undated], ignore_index=True)
    # Not in case order, and partitions that cut through cases: the shuffle must make them whole.
    events = events.sample(frac=1.0, random_state=7).reset_index(drop=True)
    collection = dd.from_pandas(events, npartitions=4)
    result = sg.timeliness(events, rules="lac.review.first")
    expected = sg.summarise(result, by="month", date="completed", percentiles=(50, 90))
    summary = sgd.timeliness_summary(collection, by="month", date="completed", percentiles=(50, 90),
                                     rules="lac.review.first")
    assert isinstance(summary, sg.TimelinessSummary)
    pd.testing.assert_frame_equal(summary.table.reset_index(drop=True), expected.reset_index(drop=True))
    # The single-machine summary-only path gives the same table and row accounting.
    alone = sg.timeliness_summary(events, by="month", date="completed", percentiles=(50, 90), rules="lac.review.first")
    pd.testing.assert_frame_equal(summary.table.reset_index(drop=True), alone.table.reset_index(drop=True))
    assert int(summary.data_quality.rows["used"]) == int(result.data_quality.rows["used"]) == len(events) - 3
    assert int(summary.data_quality.rows["problem"]) == 3
    assert summary.data_quality.rows.equals(alone.data_quality.rows)
    assert summary.as_of == alone.as_of
    assert summary.data_quality.total == len(events)
    # Every partition's findings are kept: the three undated reviews, as on one machine.
    found = summary.data_quality.findings
    assert sorted(found["case"]) == sorted(alone.data_quality.findings["case"]) == sorted(undated["case"])
    assert set(found["message"]) == {"'lac.review' has no date"}
    assert set(found["partition"]) <= set(range(collection.npartitions))
    instances = sgd.timeliness(collection, rules="lac.review.first").compute()
    mine = instances.sort_values(["case", "sequence"], ignore_index=True)
    theirs = result.instances.sort_values(["case", "sequence"], ignore_index=True)
    for column in ("case", "sequence", "rule", "start", "due", "completed", "status", "late_working_days", "duration_days"):
        pd.testing.assert_series_equal(mine[column], theirs[column])
    assert set(mine["status"].astype(str)) >= {"met", "late"}
