"""A national collection on Dask: the returns' measures and the timeliness engine over data
partitioned by authority (and by case inside), each partition computed by the compiled core, the
results combined into the same tables a single-machine run gives (see ``docs/dask.md``).

Needs the optional extra: ``pip install "safeguarding[dask]"``. Work runs on Dask's current
scheduler: a ``distributed.Client`` when one is active (a ``LocalCluster`` or a real cluster),
else Dask's local threads.

>>> import safeguarding.dask as sgd                                  # doctest: +SKIP
>>> figures = sgd.ssda903_figures(["LA_301/", "LA_302/"], ["reviews_in_timescale"])  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Union

import numpy as np
import pandas as pd  # type: ignore[import-untyped]  # pandas ships no type information

try:
    import dask.dataframe as dd
    from dask.base import compute as _dask_compute
    from dask.delayed import delayed as _delayed
except ImportError as error:  # pragma: no cover - the extra is installed wherever the tests run
    raise ImportError("safeguarding.dask needs Dask: pip install 'safeguarding[dask]'") from error

from . import cin_census, ssda903
from ._calendar import Calendar
from ._convert import as_date
from ._errors import Error
from ._measures import TimelinessFigure
from ._returns import MeasureTable, ReportingYear, YearLike
from ._rules import RuleCatalogue
from ._timeliness import DataQuality, TimelinessResult, TimelinessSummary, summarise, timeliness as _timeliness

#: The SSDA903 measures whose result is a table (one row per code, kind or month): in the combined
#: result each row also names its authority (``LA``) and reporting year (``year``).
TABLE_MEASURES: tuple[str, ...] = ("participation", "reasons_ceased", "placement_counts", "missing_episodes",
                                   "reviews_by_month")

Partition = Union[str, "os.PathLike[str]", Sequence[Union[str, "os.PathLike[str]"]]]


def _compute(*tasks: Any) -> tuple[Any, ...]:
    return tuple(_dask_compute(*tasks))  # type: ignore[no-untyped-call]


# ---- SSDA903: one partition = one or more authorities' regional files ---------------------------


def figures(regional: ssda903.Regional, measure: str, years: Iterable[YearLike] | None = None,
            **options: Any) -> pd.DataFrame:
    """One measure for every authority and year of a regional collection, as one DataFrame: for a
    figure, proportion or count, :meth:`~safeguarding.ssda903.Regional.figures`' rows; for a
    table measure (:data:`TABLE_MEASURES`), each authority's and year's table with ``LA`` and
    ``year`` in front. The single-machine form of :func:`ssda903_figures`."""
    if measure not in TABLE_MEASURES:
        return regional.figures(measure, years, **options)
    frames = []
    for authority, data in regional.authorities.items():
        wanted = [ReportingYear.of(y) for y in years] if years is not None else \
            [ReportingYear.of(int(y)) for y in data.returns["year"]]
        for year in wanted:
            table: MeasureTable = getattr(data, measure)(year, **options)
            frame = table.to_frame().reset_index()
            frame.insert(0, "year", year.label)
            frame.insert(0, "LA", authority)
            frames.append(frame)
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["LA", "year"])


def _ssda903_partition(paths: list[str], measures: list[str], years: list[int] | None, dayfirst: bool,
                       today: _dt.date | None) -> tuple[list[str], dict[str, pd.DataFrame]]:
    regional = ssda903.load_regional(paths, dayfirst=dayfirst, today=today)
    return list(regional.authorities), {m: figures(regional, m, years) for m in measures}


def _as_paths(partition: Partition) -> list[str]:
    if isinstance(partition, (str, os.PathLike)):
        return [os.fspath(partition)]
    return [os.fspath(p) for p in partition]


def _year_ends(years: Iterable[YearLike] | None) -> list[int] | None:
    return None if years is None else [ReportingYear.of(y).end.year for y in years]


def _combine(parts: list[tuple[list[str], dict[str, pd.DataFrame]]], measures: list[str],
             names: list[list[str]]) -> dict[str, pd.DataFrame]:
    seen: dict[str, int] = {}
    for index, (authorities, _) in enumerate(parts):
        for authority in authorities:
            if authority in seen:
                raise Error(
                    f"authority {authority!r} is in partitions {seen[authority]} ({', '.join(names[seen[authority]])}) and "
                    f"{index} ({', '.join(names[index])}): each authority's rows must be in one partition, or its "
                    "returns would be stitched apart")
            seen[authority] = index
    out = {}
    for measure in measures:
        tables = [found[measure] for _, found in parts if len(found[measure])]
        table = pd.concat(tables, ignore_index=True) if tables else parts[0][1][measure]
        out[measure] = table.sort_values(["LA", "year"], kind="stable", ignore_index=True)
    return out


def ssda903_figures(partitions: Iterable[Partition], measures: Sequence[str] = ("reviews_in_timescale",),
                    years: Iterable[YearLike] | None = None, dayfirst: bool = True,
                    today: Any | None = None) -> dict[str, pd.DataFrame]:
    """SSDA903 measures over a national collection, one Dask task per partition.

    ``partitions``: each is a regional file set that :func:`safeguarding.ssda903.load_regional`
    reads (a folder, a file, or a list of them, with LA and YEAR columns), holding every row of
    the authorities it names; an authority found in two partitions is an error (its returns would
    otherwise be stitched apart). Each task reads its partition with the compiled core and forms
    each measure there; only the small tables travel back.

    ``measures``: :class:`~safeguarding.ssda903.Ssda903` methods taking a year: figures
    ("reviews_in_timescale"), proportions ("three_or_more_placements"), counts
    ("looked_after_at_31_march") or tables (:data:`TABLE_MEASURES`, e.g. "participation").
    ``years``: default each year of each authority's returns.

    Returns ``{measure: DataFrame}``, rows sorted by authority then year, equal to
    :func:`figures` of one ``load_regional`` of every partition's files together."""
    measures = list(measures)
    partition_paths = [_as_paths(p) for p in partitions]
    if not partition_paths:
        raise Error("ssda903_figures: no partitions given")
    day = None if today is None else as_date(today, "today")
    task = _delayed(_ssda903_partition, pure=True)
    parts = _compute(*[task(paths, measures, _year_ends(years), bool(dayfirst), day) for paths in partition_paths])
    return _combine(list(parts), measures, partition_paths)


# ---- CIN census: one partition = one authority's census -----------------------------------------

#: The CIN census figures :func:`cin_figures` computes (methods of ``CinCensus`` taking a year).
CIN_FIGURES: tuple[str, ...] = ("assessments_within_45_working_days", "initial_conferences_within_15_working_days",
                                "review_conferences_in_timescale")


def _cin_partition(authority: str, path: str, measures: list[str], years: list[int], dayfirst: bool) -> pd.DataFrame:
    census = cin_census.load(path, dayfirst=dayfirst)
    rows = []
    for year in years:
        period = ReportingYear.of(year)
        row: dict[str, Any] = {"LA": authority, "year": period.label}
        for measure in measures:
            value = getattr(census, measure)(period)
            if isinstance(value, TimelinessFigure):
                row.update({f"{measure}.in_timescale": value.in_timescale, f"{measure}.done": value.done})
            else:
                count, total = value
                row.update({f"{measure}.count": count, f"{measure}.total": total})
        rows.append(row)
    return pd.DataFrame(rows)


def cin_figures(censuses: Mapping[str, Any], years: Iterable[YearLike],
                measures: Sequence[str] = CIN_FIGURES, dayfirst: bool = True) -> pd.DataFrame:
    """CIN census figures for each authority and year, one Dask task per authority: ``censuses``
    maps each LA to its census file (XML). Timeliness figures give ``<measure>.in_timescale`` and
    ``<measure>.done``, proportions ``<measure>.count`` and ``<measure>.total``. Rows sorted by
    authority then year, equal to computing each census on one machine."""
    wanted = _year_ends(years) or []
    task = _delayed(_cin_partition, pure=True)
    parts = _compute(*[task(str(la), os.fspath(path), list(measures), wanted, bool(dayfirst))
                           for la, path in censuses.items()])
    if not parts:
        raise Error("cin_figures: no censuses given")
    return pd.concat(parts, ignore_index=True).sort_values(["LA", "year"], kind="stable", ignore_index=True)


# ---- timeliness over a Dask DataFrame of events -------------------------------------------------


def _summary_inputs(events: pd.DataFrame, rules: list[str] | None, as_of: _dt.date, case: str, event: str,
                    event_date: str, by: list[str], date: str, durations: str) -> tuple[pd.DataFrame, Any, pd.DataFrame]:
    result = _timeliness(events, rules=rules, as_of=as_of, case=case, event=event, date=event_date)
    columns = ["rule", "status", date, f"duration_{durations}", *by]
    frame = result.instances[columns]
    return frame, result.data_quality.rows.to_numpy(), result.data_quality.findings


def _whole_cases(events: dd.DataFrame, case: str, partitioned: bool) -> dd.DataFrame:
    return events if partitioned else events.shuffle(on=case)


def _global_as_of(events: dd.DataFrame, date: str, as_of: Any) -> _dt.date:
    if as_of is not None:
        return as_date(as_of, "as_of")
    latest = events[date].max().compute()
    if pd.isna(latest):
        raise Error("timeliness: the events have no date, so as_of must be given")
    return as_date(pd.Timestamp(latest).date(), "as_of")


def timeliness(events: dd.DataFrame, rules: None | str | Sequence[str] = None, as_of: Any = None,
               case: str = "case", event: str = "event", date: str = "date",
               partitioned_by_case: bool = False) -> dd.DataFrame:
    """:func:`safeguarding.timeliness` over a Dask DataFrame of events: the instances, as a Dask
    DataFrame with one partition per partition of the events. Rows are first shuffled so that
    each case is in one partition (skip with ``partitioned_by_case=True`` when they already are);
    each partition is then computed by the compiled core. ``as_of`` defaults to the latest date of
    all the events (computed first), as a single-machine run's does. Built-in catalogue and the
    England and Wales calendar."""
    rule_ids = None if rules is None else ([rules] if isinstance(rules, str) else list(rules))
    day = _global_as_of(events, date, as_of)
    whole = _whole_cases(events, case, partitioned_by_case)

    def compute(part: pd.DataFrame) -> pd.DataFrame:
        return _timeliness(part, rules=rule_ids, as_of=day, case=case, event=event, date=date).instances

    meta = compute(events._meta)
    out: dd.DataFrame = whole.map_partitions(compute, meta=meta)  # type: ignore[no-untyped-call]
    return out


def timeliness_summary(events: dd.DataFrame, by: None | str | Sequence[str] = None, date: str = "due",
                       percentiles: Sequence[float] = (50, 90), durations: str = "days", *,
                       rules: None | str | Sequence[str] = None, as_of: Any = None, case: str = "case",
                       event: str = "event", event_date: str = "date",
                       partitioned_by_case: bool = False) -> TimelinessSummary:
    """:func:`safeguarding.timeliness_summary` over a Dask DataFrame of events, with the same
    arguments (``by``, ``date``, ``percentiles`` and ``durations`` as :func:`safeguarding.summarise`
    takes them; ``case``, ``event`` and ``event_date`` name the events' columns) and the same
    result: a :class:`~safeguarding.TimelinessSummary` whose ``.table`` is the table a
    single-machine run gives and whose ``.data_quality.rows`` counts the input rows by use, summed
    over the partitions (``.total`` is their sum; ``.findings`` holds every partition's findings,
    with a ``partition`` column, their ``row`` counting within it; ``.row_use`` is empty). ``by``
    may also name columns of the instances (as summarise's does). Each partition (whole cases) is
    computed by the compiled core, which hands back only the columns the table needs (rule, status,
    the date, the duration, the ``by`` columns); the table is then formed by the compiled core from
    all of them together, so percentiles are exact."""
    rule_ids = None if rules is None else ([rules] if isinstance(rules, str) else list(rules))
    keys = [] if by is None else ([by] if isinstance(by, str) else list(by))
    from ._timeliness import PERIODS

    others = [k for k in keys if k not in PERIODS]
    day = _global_as_of(events, event_date, as_of)
    whole = _whole_cases(events, case, partitioned_by_case)
    task = _delayed(_summary_inputs, pure=True)
    parts = _compute(*[task(p, rule_ids, day, case, event, event_date, others, date, durations)
                           for p in whole.to_delayed()])  # type: ignore[no-untyped-call]
    counts = np.sum([rows for _, rows, _ in parts], axis=0)
    inputs = pd.concat([frame for frame, _, _ in parts], ignore_index=True)
    # Every partition's findings, each naming its partition (its `row` counts within the partition).
    findings = pd.concat([found.assign(partition=k) for k, (_, _, found) in enumerate(parts)], ignore_index=True)
    catalogue, calendar = RuleCatalogue.builtin(), Calendar.england_and_wales()
    quality = DataQuality(findings, pd.Series(np.zeros(0, dtype=np.int8)), counts, day, catalogue, calendar, False)
    quality.total = int(np.sum(counts))  # the rows of every partition (each row's own use is not gathered)
    rule_list = tuple(str(r) for r in pd.unique(inputs["rule"]))
    table = summarise(TimelinessResult(inputs, quality, rule_list), by=by, date=date, percentiles=percentiles,
                      durations=durations)
    return TimelinessSummary(table, quality, rule_list)


__all__ = ["CIN_FIGURES", "TABLE_MEASURES", "cin_figures", "figures", "ssda903_figures", "timeliness",
           "timeliness_summary"]
