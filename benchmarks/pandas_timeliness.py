"""An independent implementation of the looked-after review rules in idiomatic pandas and numpy:
the baseline of the timeliness benchmark and the cross-check of the test suite.

First review within 20 working days of becoming looked after (numpy's business-day functions with
the same holidays), the second within 3 months of the first, then every 6 months from the
previous review; months keep the day of the month, clamped to the month's end. Each case holds
one 'lac.start' followed by its reviews (the synthetic benchmark data); the status of the review
still awaited is as of ``as_of``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

RULES = ("lac.review.first", "lac.review.second", "lac.review.subsequent")


def add_months(days: np.ndarray, months: np.ndarray) -> np.ndarray:
    """datetime64[D] + whole months, clamped to the end of a shorter month."""
    month = days.astype("datetime64[M]")
    day_of_month = (days - month.astype("datetime64[D]")).astype(np.int64)
    target = month + months.astype("timedelta64[M]")
    first = target.astype("datetime64[D]")
    length = ((target + 1).astype("datetime64[D]") - first).astype(np.int64)
    return first + np.minimum(day_of_month, length - 1).astype("timedelta64[D]")


def signed_working_days(a: np.ndarray, b: np.ndarray, busdaycal: np.busdaycalendar) -> np.ndarray:
    """Working days in (a, b], or minus those in [b, a) when b < a."""
    forward = np.busday_count(a + 1, b + 1, busdaycal=busdaycal)
    backward = -np.busday_count(b, a, busdaycal=busdaycal)
    return np.where(b >= a, forward, backward)


def due_dates(link: np.ndarray, start: np.ndarray, busdaycal: np.busdaycalendar) -> np.ndarray:
    first = np.busday_offset(start, 20, roll="backward", busdaycal=busdaycal)
    months = np.where(link == 1, 3, 6)
    return np.where(link == 0, first, add_months(start, months))


def looked_after_reviews(events: pd.DataFrame, holidays: np.ndarray, as_of: np.datetime64) -> pd.DataFrame:
    """One row per review instance: case, rule, sequence, start, due, completed, status,
    late_working_days, late_days, duration_days."""
    busdaycal = np.busdaycalendar(weekmask="1111100", holidays=holidays)
    df = events.assign(
        date=events["date"].to_numpy().astype("datetime64[D]"), rank=(events["event"] != "lac.start").astype(np.int8)
    )
    df = df.sort_values(["case", "date", "rank"], kind="stable", ignore_index=True)
    by_case = df.groupby("case", sort=False)
    position = by_case.cumcount().to_numpy()  # 0 for the start, k for the k-th review
    previous = by_case["date"].shift(1).to_numpy().astype("datetime64[D]")
    dates = df["date"].to_numpy().astype("datetime64[D]")
    cases = df["case"].to_numpy()

    held = position > 0
    link = np.minimum(position[held] - 1, 2)
    start = previous[held]
    completed = dates[held]
    due = due_dates(link, start, busdaycal)
    done = pd.DataFrame(
        {
            "case": cases[held],
            "link": link,
            "sequence": position[held],
            "start": start,
            "due": due,
            "completed": completed,
            "status": np.where(completed <= due, "met", "late"),
            "late_working_days": signed_working_days(due, completed, busdaycal).astype(np.float64),
            "late_days": (completed - due).astype(np.int64).astype(np.float64),
            "duration_days": (completed - start).astype(np.int64).astype(np.float64),
        }
    )

    # The review still awaited after each case's last event.
    last = np.r_[cases[1:] != cases[:-1], True]
    waiting_link = np.minimum(position[last], 2)
    waiting_start = dates[last]
    waiting_due = due_dates(waiting_link, waiting_start, busdaycal)
    as_of_day = np.datetime64(as_of, "D")
    overdue = waiting_due < as_of_day
    open_ = pd.DataFrame(
        {
            "case": cases[last],
            "link": waiting_link,
            "sequence": position[last] + 1,
            "start": waiting_start,
            "due": waiting_due,
            "completed": np.full(len(waiting_due), np.datetime64("NaT"), dtype="datetime64[D]"),
            "status": np.where(overdue, "overdue", "open"),
            "late_working_days": np.where(
                overdue, signed_working_days(waiting_due, np.full(len(waiting_due), as_of_day), busdaycal), np.nan
            ),
            "late_days": np.where(overdue, (as_of_day - waiting_due).astype(np.int64), np.nan),
            "duration_days": np.nan,
        }
    )
    out = pd.concat([done, open_], ignore_index=True).sort_values(["case", "sequence"], kind="stable", ignore_index=True)
    out.insert(1, "rule", np.asarray(RULES)[out.pop("link").to_numpy()])
    return out


def monthly_table(reviews: pd.DataFrame) -> pd.DataFrame:
    """Reviews by rule and month held: met (in timescale), late, and the median days from the clock
    start; reviews not yet held form a row with no month (overdue and open counts)."""
    month = reviews["completed"].dt.to_period("M")
    table = (
        reviews.assign(month=month, met=reviews["status"] == "met", late=reviews["status"] == "late",
                       overdue=reviews["status"] == "overdue", open=reviews["status"] == "open")
        .groupby(["rule", "month"], dropna=False, sort=True)
        .agg(met=("met", "sum"), late=("late", "sum"), overdue=("overdue", "sum"), open=("open", "sum"),
             instances=("status", "size"), p50_days=("duration_days", "median"))
        .reset_index()
    )
    inside, outside = table["met"], table["late"] + table["overdue"]
    judged = inside + outside
    table["percent_in_timescale"] = np.where(judged > 0, 100.0 * inside / judged.where(judged > 0, 1), np.nan)
    return table
