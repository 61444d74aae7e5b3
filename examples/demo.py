"""The demo that `./dev demo` runs: the deadlines that appear in the Haringey reports (seeds 000
and 003), each counted by the library with the rule it applied; then the Haringey partnership's
governance compliance report (examples/haringey: the partnership as its published arrangements
describe it, with a synthetic year of meeting and activity records).

The JTAI letter date and the start of the new arrangements are the reports' own; the incident and
looked-after dates are illustrative (synthetic), chosen to cross the Christmas bank holidays.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path

import safeguarding as sg


@dataclass(frozen=True)
class Deadline:
    what: str
    rule: str  # the duty in words
    source: str  # where the duty is written down
    start_label: str
    start: dt.date
    timescale: str
    backwards: bool = False
    illustrative: bool = False


def _long(d: dt.date) -> str:
    return f"{d:%A} {d.day} {d:%B %Y}"


def seed_deadlines() -> list[Deadline]:
    return [
        Deadline(
            "Written statement of action after the JTAI",
            "statement of proposed action within 70 working days of the findings letter",
            "seed 000 (Cabinet, 2018): 'must be sent to Ofsted no later than 11 May 2018'",
            "findings letter published",
            dt.date(2018, 1, 30),
            "70 working days",
        ),
        Deadline(
            "Outstanding serious case reviews completed and published",
            "LSCBs have 12 months after the new arrangements start",
            "seed 003, item 9, §2.31.3",
            "new arrangements in force",
            dt.date(2019, 9, 29),
            "12 months",
        ),
        Deadline(
            "Child death overview panel grace period ends",
            "CDOPs have 4 months after the new arrangements start",
            "seed 003, item 9, §2.31.3",
            "new arrangements in force",
            dt.date(2019, 9, 29),
            "4 months",
        ),
        Deadline(
            "Serious incident notified to the national Panel",
            "notify within 5 working days of becoming aware",
            "seed 003, item 9, §2.19.3; Working Together 2018 ch. 4",
            "local authority became aware",
            dt.date(2019, 12, 20),
            "5 working days",
            illustrative=True,
        ),
        Deadline(
            "Rapid review sent to the national Panel",
            "rapid review within 15 working days of becoming aware",
            "seed 003, item 9, §2.19; Working Together 2018 ch. 4",
            "local authority became aware",
            dt.date(2019, 12, 20),
            "15 working days",
            illustrative=True,
        ),
        Deadline(
            "First looked-after review",
            "within 20 working days of becoming looked after",
            "Care Planning, Placement and Case Review (England) Regulations 2010, reg 33",
            "child became looked after",
            dt.date(2019, 12, 16),
            "20 working days",
            illustrative=True,
        ),
        Deadline(
            "Second looked-after review",
            "within 3 months of the first review",
            "Care Planning, Placement and Case Review (England) Regulations 2010, reg 33",
            "first review held",
            dt.date(2020, 1, 31),
            "3 months",
            illustrative=True,
        ),
        Deadline(
            "Practice review report sent to the Panel and the Secretary of State",
            "at least 7 working days before publication (confidence: check)",
            "Working Together 2018 ch. 4",
            "publication planned",
            dt.date(2020, 1, 6),
            "7 working days",
            backwards=True,
            illustrative=True,
        ),
    ]


def print_deadlines(calendar: sg.Calendar, out: object = sys.stdout) -> None:
    write = out.write  # type: ignore[attr-defined]
    write("Deadlines from the Haringey reports, counted on the England and Wales calendar\n")
    write("(dates marked illustrative are synthetic)\n\n")
    for d in seed_deadlines():
        timescale = sg.Timescale.parse(d.timescale)
        due = timescale.due_before(d.start, calendar) if d.backwards else timescale.due(d.start, calendar)
        direction = "before" if d.backwards else "after"
        write(f"{d.what}\n")
        write(f"  rule:   {d.rule}\n")
        write(f"  source: {d.source}\n")
        note = "; an illustrative date" if d.illustrative else ""
        write(f"  start:  {_long(d.start)} ({d.start_label}{note})\n")
        write(f"  due:    {_long(due)}  [{timescale} {direction}]\n\n")


HARINGEY = Path(__file__).resolve().parent / "haringey" / "partnership.json"
REPORT_DATE = dt.date(2020, 10, 31)  # a month after the partnership's first full year


def print_compliance(out: object = sys.stdout) -> None:
    write = out.write  # type: ignore[attr-defined]
    write("=" * 100 + "\n")
    write("Governance compliance of the Haringey partnership (examples/haringey/partnership.json)\n")
    write("The partnership is as its published arrangements describe it; its meeting and activity records are\n")
    write("SYNTHETIC (invented for the example). The same report: safeguarding report PARTNERSHIP.json --as-of DATE\n")
    write("=" * 100 + "\n\n")
    write(sg.Partnership.from_json(HARINGEY).evaluate(REPORT_DATE).to_text())


def main() -> int:
    calendar = sg.Calendar.england_and_wales()
    print(f"safeguarding {sg.__version__}\n")
    print_deadlines(calendar)
    print_compliance()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
