"""Synthetic looked-after review events for the timeliness benchmark (no real child's data):
children become looked after between 2012 and 2018 and are reviewed roughly on time, some late.
The rows come shuffled (seeded), not in case order, as an extract joined from several sources would."""

from __future__ import annotations

import numpy as np
import pandas as pd


def looked_after_events(children: int, events_per_child: int = 10, seed: int = 20190919,
                        shuffle: bool = True) -> pd.DataFrame:
    """``children`` × ``events_per_child`` rows: for each child one 'lac.start' and then reviews;
    the rows in a random order drawn from ``seed`` (each child's rows scattered through the
    table), or with ``shuffle=False`` in case order, each child's start first."""
    rng = np.random.default_rng(seed)
    reviews = events_per_child - 1
    start = rng.integers(np.datetime64("2012-01-01").astype(np.int64), np.datetime64("2018-12-31").astype(np.int64), children)
    # Gaps in calendar days: first review ~4 weeks, second ~3 months, then ~6 months; a few late.
    gaps = np.empty((children, reviews), dtype=np.int64)
    gaps[:, 0] = rng.integers(14, 34, children)
    if reviews > 1:
        gaps[:, 1] = rng.integers(70, 97, children)
    if reviews > 2:
        gaps[:, 2:] = rng.integers(150, 190, (children, reviews - 2))
    days = np.empty((children, events_per_child), dtype=np.int64)
    days[:, 0] = start
    days[:, 1:] = start[:, None] + np.cumsum(gaps, axis=1)
    event = np.ones((children, events_per_child), dtype=np.int8)
    event[:, 0] = 0
    case = np.repeat(np.arange(1, children + 1, dtype=np.int64) * 7 + 1000, events_per_child)
    code, day = event.ravel(), days.ravel()
    if shuffle:
        rows = rng.permutation(len(case))
        case, code, day = case[rows], code[rows], day[rows]
    return pd.DataFrame(
        {
            "case": case,
            "event": pd.Categorical.from_codes(code, categories=["lac.start", "lac.review"]),
            "date": day.astype("datetime64[D]").astype("datetime64[s]"),
        }
    )
