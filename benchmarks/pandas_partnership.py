"""The partnership benchmark's pandas baseline (benchmarks/run.py, partnership section): two of the
nine finding kinds ours computes, meetings per calendar quarter and quorum per meeting, in plain
pandas, as an analyst would write them from the partnership's data."""

from __future__ import annotations

import pandas as pd


def meetings_and_quorum(data: dict, as_of: str) -> tuple[set[tuple[str, str]], dict[str, bool]]:
    """Quarters without a meeting per group ((group, quarter start) pairs) and quorum per meeting held by
    `as_of`, from the partnership's data as Partnership.from_dict takes it."""
    meetings = pd.DataFrame([{"id": m["id"], "group": m["group"], "date": m["date"]} for m in data["meetings"]])
    meetings["date"] = pd.to_datetime(meetings["date"])
    meetings = meetings[meetings["date"] <= pd.Timestamp(as_of)]
    start, end = pd.Timestamp(data["start"]), pd.Timestamp(as_of)
    quarters = pd.period_range(start, end, freq="Q")
    quarters = quarters[quarters.start_time >= start]
    held = set(zip(meetings["group"], meetings["date"].dt.to_period("Q")))
    missed = {(g["id"], str(q.start_time.date())) for g in data["groups"] for q in quarters
              if q.end_time < end and (g["id"], q) not in held}
    rows = [{"meeting": m["id"], "agency": a["agency"], "counts": a.get("capacity", "member") == "member"
             or (a.get("capacity") == "deputy" and a.get("delegated_authority", False))}
            for m in data["meetings"] for a in m["attendance"]]
    attendance = pd.DataFrame(rows)
    partners = attendance[attendance["agency"].isin(["la", "ccg", "police"]) & attendance["counts"]]
    present = partners.groupby("meeting")["agency"].nunique()
    quorate = {m: bool(present.get(m, 0) == 3) for m in meetings["id"]}
    return missed, quorate
