"""The partnership benchmark's polars baseline (benchmarks/run.py, partnership section): the same two
finding kinds as benchmarks/pandas_partnership.py, meetings per calendar quarter and quorum per
meeting, written with polars' own date truncation, date ranges and joins."""

from __future__ import annotations

from datetime import date

import polars as pl

PARTNERS = ["la", "ccg", "police"]


def meetings_and_quorum(data: dict, as_of: str) -> tuple[set[tuple[str, str]], dict[str, bool]]:
    """Quarters without a meeting per group ((group, quarter start) pairs) and quorum per meeting held by
    `as_of`, from the partnership's data as Partnership.from_dict takes it."""
    start, end = date.fromisoformat(data["start"]), date.fromisoformat(as_of)
    meetings = pl.DataFrame(
        {"id": [m["id"] for m in data["meetings"]], "group": [m["group"] for m in data["meetings"]],
         "date": [m["date"] for m in data["meetings"]]},
        schema={"id": pl.String, "group": pl.String, "date": pl.String},
    ).with_columns(pl.col("date").str.to_date("%Y-%m-%d")).filter(pl.col("date") <= end)
    # The calendar quarters that start on or after `start` and end before `as_of`.
    quarters = (
        pl.select(quarter=pl.date_range(pl.lit(start).dt.truncate("1q"), end, "1q"))
        .filter((pl.col("quarter") >= start) & (pl.col("quarter").dt.offset_by("1q") <= end))
    )
    held = meetings.select("group", quarter=pl.col("date").dt.truncate("1q")).unique()
    groups = pl.DataFrame({"group": [g["id"] for g in data["groups"]]}, schema={"group": pl.String})
    missed_frame = groups.join(quarters, how="cross").join(held, on=["group", "quarter"], how="anti")
    missed = {(g, q.isoformat()) for g, q in missed_frame.iter_rows()}
    attendance = pl.DataFrame(
        {"meeting": [m["id"] for m in data["meetings"] for _ in m["attendance"]],
         "agency": [a["agency"] for m in data["meetings"] for a in m["attendance"]],
         "capacity": [a.get("capacity", "member") for m in data["meetings"] for a in m["attendance"]],
         "delegated": [bool(a.get("delegated_authority", False)) for m in data["meetings"] for a in m["attendance"]]},
        schema={"meeting": pl.String, "agency": pl.String, "capacity": pl.String, "delegated": pl.Boolean},
    )
    counts = (pl.col("capacity") == "member") | ((pl.col("capacity") == "deputy") & pl.col("delegated"))
    present = (
        attendance.filter(pl.col("agency").is_in(PARTNERS) & counts)
        .group_by("meeting")
        .agg(present=pl.col("agency").n_unique())
    )
    quorum = meetings.select("id").join(present, left_on="id", right_on="meeting", how="left")
    quorate = dict(zip(quorum["id"].to_list(), (quorum["present"].fill_null(0) == len(PARTNERS)).to_list()))
    return missed, quorate
