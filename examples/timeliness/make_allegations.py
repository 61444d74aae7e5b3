"""Writes allegations.csv: a SYNTHETIC year of allegations against people who work with children, as
the events a LADO service records (no real person or case; random, with a fixed seed).

    python examples/timeliness/make_allegations.py

Each case: the employer learns of the allegation (lado.allegation), refers it to the designated officer
(lado.referred, usually the same or the next working day) and the case is concluded (lado.concluded)
days to months later; a few are still open on 31 August 2019. Referrals run from 3 September 2018 (when
Keeping Children Safe in Education 2018 came into force) to 31 March 2019, so that every case is judged
by one edition of the rules lado.referral and lado.resolution."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
EMPLOYERS = ("school", "early years", "health", "police", "residential care", "sport and leisure", "faith group")


def make(seed: int = 2019, cases: int = 40) -> list[tuple[str, str, str, str]]:
    rng = np.random.default_rng(seed)
    first, last, as_of = dt.date(2018, 9, 3), dt.date(2019, 3, 31), dt.date(2019, 8, 31)
    rows = []
    for n in range(cases):
        case = f"LADO-{n + 1:03d}"
        employer = EMPLOYERS[int(rng.choice(len(EMPLOYERS), p=[0.45, 0.15, 0.12, 0.08, 0.1, 0.05, 0.05]))]
        known = first + dt.timedelta(days=int(rng.integers(0, (last - first).days + 1)))
        while known.weekday() >= 5:
            known += dt.timedelta(days=1)
        referred = known + dt.timedelta(days=int(rng.choice([0, 1, 1, 2, 3, 6], p=[0.45, 0.3, 0.1, 0.07, 0.05, 0.03])))
        kind = rng.random()
        if kind < 0.68:  # concluded within a month
            length = int(rng.integers(3, 30))
        elif kind < 0.88:  # within three months
            length = int(rng.integers(32, 90))
        elif kind < 0.96:  # a police investigation: months
            length = int(rng.integers(95, 330))
        else:
            length = None  # still open
        rows.append((case, "lado.allegation", known.isoformat(), employer))
        rows.append((case, "lado.referred", referred.isoformat(), employer))
        if length is not None and referred + dt.timedelta(days=length) <= as_of:
            rows.append((case, "lado.concluded", (referred + dt.timedelta(days=length)).isoformat(), employer))
    return rows


def main() -> None:
    with open(HERE / "allegations.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["case", "event", "date", "employer"])
        writer.writerows(make())


if __name__ == "__main__":
    main()
