"""An independent implementation of the returns' timeliness measures in idiomatic polars: the polars
baseline of the returns benchmark (the same measures as benchmarks/pandas_returns.py, written the way
a data team using polars would write them).

SSDA903: each return's CSV tables read with polars' ``read_csv`` (every column as text, then the
dates parsed with ``str.to_date("%d/%m/%Y")`` and the codes stripped and upper-cased), returns
stitched (a record in several returns kept once, the latest return's row winning), episodes merged
into periods of care by a cumulative maximum of DEC over each child, reviews placed in periods with
``join_asof``, and the k-th review of a period judged against 20 working days (polars'
``dt.add_business_days`` with the same holidays; 28 days before April 2011), 3 months or 6 months
(``dt.offset_by``, which clamps to the end of a shorter month) after the previous event.

CIN census: polars reads no XML, so the census's tables are read by pandas_returns.read_cin (lxml)
and handed to polars (``pl.from_pandas``); the three figures are then computed in polars.

``read_csv_only`` is the ingestion bar: polars' ``read_csv`` of the same files with the date columns
parsed, and nothing else (no stitching, no checks).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import polars as pl

DATES = {"header": ["DOB"], "episodes": ["DECOM", "DEC"], "reviews": ["DOB", "REVIEW"]}
CODES = {"header": ["CHILD", "SEX"], "episodes": ["CHILD", "RNE", "LS", "REC"], "reviews": ["CHILD", "REVIEW_CODE"]}
KEYS = {"header": ["CHILD"], "episodes": ["CHILD", "DECOM"], "reviews": ["CHILD", "REVIEW"]}
WEEK = (True, True, True, True, True, False, False)


def holiday_list(holidays: np.ndarray) -> list[dt.date]:
    """numpy datetime64[D] holidays as the list of dates polars' business-day functions take."""
    return [d.item() for d in np.asarray(holidays, dtype="datetime64[D]")]


def _read(path: Path, name: str) -> pl.DataFrame:
    frame = pl.read_csv(path, infer_schema=False)  # every column as text
    return frame.with_columns(
        *[pl.col(c).str.to_date("%d/%m/%Y", strict=True) for c in DATES[name]],
        *[pl.col(c).str.strip_chars().str.to_uppercase() for c in CODES[name]],
    )


def read_csv_only(folders: list[Path]) -> dict[str, list[pl.DataFrame]]:
    """The ingestion bar: every file read, its date columns parsed; nothing else."""
    return {
        name: [pl.read_csv(folder / f"{name}.csv", infer_schema=False).with_columns(
            *[pl.col(c).str.to_date("%d/%m/%Y") for c in DATES[name]]) for folder in folders]
        for name in DATES
    }


def read_ssda903(folders: list[Path]) -> dict[str, pl.DataFrame]:
    """Each return's header, episodes and reviews (dates and codes), stitched: a record in several
    returns is kept once, from the latest return (folders are in year order)."""
    out = {}
    for name in DATES:
        frames = [_read(folder / f"{name}.csv", name).with_columns(pl.lit(order).alias("return"))
                  for order, folder in enumerate(folders)]
        out[name] = pl.concat(frames).unique(KEYS[name], keep="last", maintain_order=True).sort(KEYS[name])
    return out


def reviews_by_month(episodes: pl.DataFrame, reviews: pl.DataFrame, year_end: str, holidays: list[dt.date]) -> pl.DataFrame:
    """Reviews held in each month of the year ending `year_end` (YYYY-03-31): held, in and out of
    timescale (the same rules as pandas_returns.reviews_by_month)."""
    as_of = dt.date.fromisoformat(year_end)
    year_start = dt.date(as_of.year - 1, 4, 1)
    never = dt.date(9999, 12, 31)
    short = pl.col("LS").is_in(["V3", "V4"])
    in_care = episodes.filter(~short)
    breaks_only = episodes.select("CHILD").unique().join(in_care.select("CHILD").unique(), on="CHILD", how="anti")
    ep = (
        in_care.sort(["CHILD", "DECOM"], maintain_order=True)
        .with_columns(end=pl.col("DEC").fill_null(never))
        .with_columns(previous_end=pl.col("end").cum_max().shift(1).over("CHILD"))
        .with_columns(period=(pl.col("previous_end").is_null() | (pl.col("DECOM") > pl.col("previous_end"))).cum_sum())
    )
    periods = (
        ep.group_by("period", maintain_order=True)
        .agg(pl.col("CHILD").first(), start=pl.col("DECOM").first(), end=pl.col("end").max(), rne=pl.col("RNE").first())
        .with_columns(
            known=(pl.int_range(pl.len()).over("CHILD") > 0) | (pl.col("rne") == "S"),
            end=pl.when(pl.col("end") == never).then(None).otherwise(pl.col("end")),
        )
    )
    placed = reviews.select("CHILD", "REVIEW").sort("REVIEW").join_asof(
        periods.sort("start"), left_on="REVIEW", right_on="start", by="CHILD", strategy="backward", check_sortedness=False
    )
    judged = placed.filter(
        pl.col("period").is_not_null() & pl.col("known")
        & ~pl.col("CHILD").is_in(breaks_only["CHILD"].implode())
        & (pl.col("end").is_null() | (pl.col("REVIEW") <= pl.col("end")))
        & (pl.col("REVIEW") <= as_of)
    )
    k = pl.int_range(pl.len()).over("period")
    done = (
        judged.sort(["period", "REVIEW"], maintain_order=True)
        .with_columns(k=k, previous=pl.col("REVIEW").shift(1).over("period"))
        .with_columns(clock=pl.when(pl.col("k") == 0).then(pl.col("start")).otherwise(pl.col("previous")))
        .with_columns(
            due=pl.when(pl.col("k") == 0).then(
                pl.when(pl.col("clock") < dt.date(2011, 4, 1)).then(pl.col("clock") + pl.duration(days=28)).otherwise(
                    pl.col("clock").dt.add_business_days(20, week_mask=WEEK, holidays=holidays, roll="backward")))
            .when(pl.col("k") == 1).then(pl.col("clock").dt.offset_by("3mo"))
            .otherwise(pl.col("clock").dt.offset_by("6mo"))
        )
        .with_columns(met=pl.col("REVIEW") <= pl.col("due"))
    )
    months = pl.DataFrame({"month": pl.date_range(year_start, as_of, "1mo", eager=True)})

    def per_month(frame: pl.DataFrame, name: str) -> pl.DataFrame:
        return (
            frame.filter(pl.col("REVIEW").is_between(year_start, as_of))
            .group_by(month=pl.col("REVIEW").dt.truncate("1mo")).len(name=name)
        )

    return (
        months.join(per_month(placed, "held"), on="month", how="left")
        .join(per_month(done.filter(pl.col("met")), "in_timescale"), on="month", how="left")
        .join(per_month(done.filter(~pl.col("met")), "out_of_timescale"), on="month", how="left")
        .fill_null(0)
        .sort("month")
    )


# ---- CIN census --------------------------------------------------------------------------------


def _in_year(column: str, year_end: str) -> pl.Expr:
    end = dt.date.fromisoformat(year_end)
    return pl.col(column).is_between(dt.date(end.year - 1, 4, 1), end).fill_null(False)


def _count(frame: pl.DataFrame, done: pl.Expr, met: pl.Expr) -> tuple[int, int]:
    row = frame.select(met=(done & met.fill_null(False)).sum(), done=done.sum()).row(0)
    return int(row[0]), int(row[1])


def cin_tables(pandas_tables: dict) -> dict[str, pl.DataFrame]:
    """The census's tables read by pandas_returns.read_cin (lxml), as polars frames with Date columns."""
    out = {}
    for name, frame in pandas_tables.items():
        table = pl.from_pandas(frame)
        out[name] = table.with_columns(pl.col(pl.Datetime).cast(pl.Date))
    return out


def cin_figures(cin: dict[str, pl.DataFrame], year_end: str, holidays: list[dt.date]) -> dict[str, tuple[int, int]]:
    """(in timescale, done in the year) for the three measures."""
    out = {}
    a = cin["assessments"]
    done = _in_year("AssessmentAuthorisationDate", year_end) & (
        pl.col("AssessmentAuthorisationDate") >= pl.col("referral_date")).fill_null(False)
    due = pl.col("referral_date").dt.add_business_days(45, week_mask=WEEK, holidays=holidays, roll="backward")
    out["assessments"] = _count(a, done, pl.col("AssessmentAuthorisationDate") <= due)

    s = cin["section47"].filter(
        pl.col("ICPCnotRequired").str.to_lowercase().is_in(["false", "0"]) | pl.col("ICPCnotRequired").is_null())
    # The clock runs from the last strategy discussion of the referral on or before the conference.
    conferences = s.drop_nulls("DateOfInitialCPC").unique(["referral", "DateOfInitialCPC"], keep="first", maintain_order=True)
    starts = s.select("referral", last_start=pl.col("S47ActualStartDate")).drop_nulls("last_start").sort("last_start")
    last = conferences.sort("DateOfInitialCPC").join_asof(
        starts, left_on="DateOfInitialCPC", right_on="last_start", by="referral", strategy="backward", check_sortedness=False)
    due = pl.col("last_start").dt.add_business_days(15, week_mask=WEEK, holidays=holidays, roll="backward")
    out["initial_conferences"] = _count(last, _in_year("DateOfInitialCPC", year_end), pl.col("DateOfInitialCPC") <= due)

    plans = cin["cp_plans"].select("plan", "CPPstartDate", "CPPendDate")
    r = (
        cin["cp_reviews"].join(plans, on="plan", how="left", maintain_order="left")
        .filter((pl.col("CPPreviewDate") >= pl.col("CPPstartDate"))
                & (pl.col("CPPendDate").is_null() | (pl.col("CPPreviewDate") <= pl.col("CPPendDate"))))
        .sort(["plan", "CPPreviewDate"], maintain_order=True)
        .with_columns(k=pl.int_range(pl.len()).over("plan"), previous=pl.col("CPPreviewDate").shift(1).over("plan"))
    )
    due = pl.when(pl.col("k") == 0).then(pl.col("CPPstartDate").dt.offset_by("3mo")).otherwise(
        pl.col("previous").dt.offset_by("6mo"))
    out["review_conferences"] = _count(r, _in_year("CPPreviewDate", year_end), pl.col("CPPreviewDate") <= due)
    return out
