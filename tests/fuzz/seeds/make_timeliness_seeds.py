"""Writes the seed inputs of the `timeliness` fuzz target (tests/fuzz/fuzz_readers.cpp): event
columns of a few synthetic cases, encoded as that target decodes them. The event codes are indices
into the built-in catalogue's events (`safeguarding.RuleCatalogue.builtin().events`); run with the
package installed: python tests/fuzz/seeds/make_timeliness_seeds.py"""

from pathlib import Path

import safeguarding as sg

OUT = Path(__file__).parent / "timeliness"
CODES = {event: i for i, (event, _title) in enumerate(sg.RuleCatalogue.builtin().events)}
BASE = 16_436  # 2015-01-01, the target's first day


def row(case: int, event: str, day: int, attribute: int = 0, flags: int = 0) -> bytes:
    # flags 1 byte, case 1, event 1, day offset 3, attribute 2 (the target's layout, no raw fields)
    return bytes([flags, case, CODES[event]]) + (day - BASE).to_bytes(3, "little") + attribute.to_bytes(2, "little")


def day(y: int, m: int, d: int) -> int:
    import datetime

    return (datetime.date(y, m, d) - datetime.date(1970, 1, 1)).days


SEEDS = {
    # header: bit 0 seconds, bit 1 as-of given, bit 2 regime, bit 3 emergency/long_term, bit 4 birth date
    "looked_after": bytes([0b10100])
    + row(1, "lac.start", day(2020, 1, 6), 3)
    + row(1, "lac.placement_start", day(2020, 1, 6), 3)
    + row(1, "lac.review", day(2020, 1, 31))
    + row(1, "lac.visit", day(2020, 1, 13))
    + row(1, "lac.health_assessment", day(2020, 2, 20))
    + row(1, "lac.review", day(2020, 4, 30))
    + row(1, "lac.end", day(2020, 9, 1)),
    "child_protection": bytes([0b00010, 0x10, 0x00])
    + row(2, "referral", day(2023, 10, 2))
    + row(2, "strategy_discussion", day(2023, 10, 4))
    + row(2, "icpc", day(2023, 10, 20))
    + row(2, "cp_plan.start", day(2023, 10, 20))
    + row(2, "core_group", day(2023, 10, 27))
    + row(2, "cp.visit", day(2023, 10, 30))
    + row(2, "cp_review", day(2024, 1, 19))
    + row(2, "assessment.authorised", day(2023, 12, 1))
    + row(2, "referral.closed", day(2024, 1, 31)),
    "incident": bytes([0b01000])
    + row(3, "sin.incident", day(2021, 3, 1), flags=16)
    + row(3, "sin.aware", day(2021, 3, 2))
    + row(3, "sin.notified", day(2021, 3, 10))
    + row(3, "sin.rapid_review_sent", day(2021, 3, 25))
    + row(3, "review.decided_local", day(2021, 3, 25))
    + row(3, "review.published", day(2021, 11, 1))
    + row(4, "missing.returned", day(2022, 5, 6))
    + row(4, "missing.rhi_offered", day(2022, 5, 7))
    + row(4, "missing.rhi_held", day(2022, 5, 12)),
}

if __name__ == "__main__":
    OUT.mkdir(exist_ok=True)
    for name, data in SEEDS.items():
        (OUT / name).write_bytes(data)
        print(f"{OUT / name}: {len(data)} bytes")
