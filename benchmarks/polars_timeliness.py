"""An independent implementation of the looked-after review rules in idiomatic polars: the polars
baseline of the timeliness benchmark (the same rules as benchmarks/pandas_timeliness.py).

First review within 20 working days of becoming looked after (polars' ``dt.add_business_days``
with the same holidays), the second within 3 months of the first, then every 6 months from the
previous review (``dt.offset_by``, which keeps the day of the month, clamped to the month's end);
lateness in working days by ``pl.business_day_count``. Each case holds one 'lac.start' followed by
its reviews (the synthetic benchmark data); the status of the review still awaited is as of
``as_of``.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

RULES = ("lac.review.first", "lac.review.second", "lac.review.subsequent")
WEEK = (True, True, True, True, True, False, False)


def _due(link: pl.Expr, start: pl.Expr, holidays: list[dt.date]) -> pl.Expr:
    return (
        pl.when(link == 0).then(start.dt.add_business_days(20, week_mask=WEEK, holidays=holidays, roll="backward"))
        .when(link == 1).then(start.dt.offset_by("3mo"))
        .otherwise(start.dt.offset_by("6mo"))
    )


def _signed_working_days(a: pl.Expr, b: pl.Expr, holidays: list[dt.date]) -> pl.Expr:
    """Working days in (a, b], or minus those in [b, a) when b < a."""
    one = pl.duration(days=1)
    forward = pl.business_day_count(a + one, b + one, week_mask=WEEK, holidays=holidays)
    backward = -pl.business_day_count(b, a, week_mask=WEEK, holidays=holidays)
    return pl.when(b >= a).then(forward).otherwise(backward)


def looked_after_reviews(events: pl.DataFrame, holidays: list[dt.date], as_of: dt.date) -> pl.DataFrame:
    """One row per review instance: case, rule, sequence, start, due, completed, status,
    late_working_days, late_days, duration_days."""
    df = (
        events.with_columns(pl.col("date").cast(pl.Date), rank=(pl.col("event") != "lac.start").cast(pl.Int8))
        .sort(["case", "date", "rank"], maintain_order=True)
        .with_columns(position=pl.int_range(pl.len()).over("case"), previous=pl.col("date").shift(1).over("case"))
    )
    done = (
        df.filter(pl.col("position") > 0)
        .select(
            "case",
            link=pl.min_horizontal(pl.col("position") - 1, 2),
            sequence=pl.col("position"),
            start=pl.col("previous"),
            completed=pl.col("date"),
        )
        .with_columns(due=_due(pl.col("link"), pl.col("start"), holidays))
        .with_columns(
            status=pl.when(pl.col("completed") <= pl.col("due")).then(pl.lit("met")).otherwise(pl.lit("late")),
            late_working_days=_signed_working_days(pl.col("due"), pl.col("completed"), holidays).cast(pl.Float64),
            late_days=(pl.col("completed") - pl.col("due")).dt.total_days().cast(pl.Float64),
            duration_days=(pl.col("completed") - pl.col("start")).dt.total_days().cast(pl.Float64),
        )
    )
    # The review still awaited after each case's last event.
    overdue = pl.col("due") < as_of
    waiting = (
        df.group_by("case", maintain_order=True).last()
        .select(
            "case",
            link=pl.min_horizontal(pl.col("position"), 2),
            sequence=pl.col("position") + 1,
            start=pl.col("date"),
            completed=pl.lit(None, dtype=pl.Date),
        )
        .with_columns(due=_due(pl.col("link"), pl.col("start"), holidays))
        .with_columns(
            status=pl.when(overdue).then(pl.lit("overdue")).otherwise(pl.lit("open")),
            late_working_days=pl.when(overdue).then(
                _signed_working_days(pl.col("due"), pl.lit(as_of), holidays)).cast(pl.Float64),
            late_days=pl.when(overdue).then((pl.lit(as_of) - pl.col("due")).dt.total_days()).cast(pl.Float64),
            duration_days=pl.lit(None, dtype=pl.Float64),
        )
    )
    columns = ["case", "link", "sequence", "start", "due", "completed", "status", "late_working_days", "late_days",
               "duration_days"]
    return (
        pl.concat([done.select(columns), waiting.select(columns)])
        .sort(["case", "sequence"])
        .with_columns(rule=pl.col("link").replace_strict(list(range(len(RULES))), list(RULES)))
        .drop("link")
    )


def monthly_table(reviews: pl.DataFrame) -> pl.DataFrame:
    """Reviews by rule and month held: met, late, overdue, open, instances and the median days from
    the clock start; reviews not yet held form a row with no month, last in each rule."""
    status = pl.col("status")
    return (
        reviews.group_by("rule", month=pl.col("completed").dt.truncate("1mo"))
        .agg(met=(status == "met").sum(), late=(status == "late").sum(), overdue=(status == "overdue").sum(),
             open=(status == "open").sum(), instances=pl.len(), p50_days=pl.col("duration_days").median())
        .sort(["rule", "month"], nulls_last=True)
    )
