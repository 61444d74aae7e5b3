"""The demo that `./dev demo` runs: the deadlines that appear in the Haringey reports (seeds 000
and 003), each counted by the library with the rule it applied; then the Haringey partnership's
governance compliance report (examples/haringey: the partnership as its published arrangements
describe it, with a synthetic year of meeting and activity records); then a synthetic year of
looked-after reviews for the example partnership, tabulated month by month as the IRO service's
annual report does (seed 003, item 11), a serious incident's timeline, the RAG ratings of an
action plan, and the front door's measures over a synthetic year of contacts.

The JTAI letter date and the start of the new arrangements are the reports' own; the incident and
looked-after dates are illustrative (synthetic), chosen to cross the Christmas bank holidays. The
year of cases is generated at random (a fixed seed): no real child's data.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

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
    rule_id: str = ""  # the catalogue's rule, where one applies


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
            rule_id="jtai.statement",
        ),
        Deadline(
            "Outstanding serious case reviews completed and published",
            "LSCBs have 12 months after the new arrangements start",
            "seed 003, item 9, §2.31.3",
            "new arrangements in force",
            dt.date(2019, 9, 29),
            "12 months",
            rule_id="transition.scr",
        ),
        Deadline(
            "Child death overview panel grace period ends",
            "CDOPs have 4 months after the new arrangements start",
            "seed 003, item 9, §2.31.3",
            "new arrangements in force",
            dt.date(2019, 9, 29),
            "4 months",
            rule_id="transition.cdop",
        ),
        Deadline(
            "Serious incident notified to the national Panel",
            "notify within 5 working days of becoming aware",
            "seed 003, item 9, §2.19.3; Working Together 2018 ch. 4",
            "local authority became aware",
            dt.date(2019, 12, 20),
            "5 working days",
            illustrative=True,
            rule_id="sin.notify_panel",
        ),
        Deadline(
            "Rapid review sent to the national Panel",
            "rapid review within 15 working days of becoming aware",
            "seed 003, item 9, §2.19; Working Together 2018 ch. 4",
            "local authority became aware",
            dt.date(2019, 12, 20),
            "15 working days",
            illustrative=True,
            rule_id="sin.rapid_review",
        ),
        Deadline(
            "First looked-after review",
            "within 20 working days of becoming looked after",
            "Care Planning, Placement and Case Review (England) Regulations 2010, reg 33",
            "child became looked after",
            dt.date(2019, 12, 16),
            "20 working days",
            illustrative=True,
            rule_id="lac.review.first",
        ),
        Deadline(
            "Second looked-after review",
            "within 3 months of the first review",
            "Care Planning, Placement and Case Review (England) Regulations 2010, reg 33",
            "first review held",
            dt.date(2020, 1, 31),
            "3 months",
            illustrative=True,
            rule_id="lac.review.second",
        ),
        Deadline(
            "Practice review report sent to the Panel and the Secretary of State",
            "at least 7 working days before publication",
            "Working Together 2018 ch. 4",
            "publication planned",
            dt.date(2020, 1, 6),
            "7 working days",
            backwards=True,
            illustrative=True,
            rule_id="cspr.send_before_publication",
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
        if d.rule_id:
            rule = sg.RuleCatalogue.builtin()[d.rule_id]
            write(f"  id:     {rule.id} (confidence: {rule.confidence})\n")
        write(f"  source: {d.source}\n")
        note = "; an illustrative date" if d.illustrative else ""
        write(f"  start:  {_long(d.start)} ({d.start_label}{note})\n")
        write(f"  due:    {_long(due)}  [{timescale} {direction}]\n\n")


EXAMPLES = Path(__file__).resolve().parent
HARINGEY = EXAMPLES / "haringey" / "partnership.json"
REPORT_DATE = dt.date(2020, 10, 31)  # a month after the partnership's first full year


def print_compliance(out: object = sys.stdout) -> None:
    write = out.write  # type: ignore[attr-defined]
    write("=" * 100 + "\n")
    write("Governance compliance of the Haringey partnership (examples/haringey/partnership.json)\n")
    write("The partnership is as its published arrangements describe it; its meeting and activity records are\n")
    write("SYNTHETIC (invented for the example). The same report: safeguarding report PARTNERSHIP.json --as-of DATE\n")
    write("=" * 100 + "\n\n")
    write(sg.Partnership.from_json(HARINGEY).evaluate(REPORT_DATE).to_text())


def synthetic_year(seed: int = 2019) -> pd.DataFrame:
    """Looked-after children of an example partnership, April 2018 to March 2019: SYNTHETIC (random,
    fixed seed). About 430 children, some looked after since before the year, some coming into care
    during it, some leaving; reviews mostly on time, a few late."""
    rng = np.random.default_rng(seed)
    rows: list[tuple[str, str, dt.date]] = []
    first_day, last_day = dt.date(2018, 4, 1), dt.date(2019, 3, 31)
    for child in range(430):
        case = f"SYN-{child:04d}"
        start = first_day + dt.timedelta(days=int(rng.integers(-1500, 330)))
        rows.append((case, "lac.start", start))
        gaps = [28, 90] + [180] * 12
        day = start
        for k, gap in enumerate(gaps):
            early = int(rng.integers(0, 25 if k else 6))
            late = int(rng.integers(1, 40)) if rng.random() < 0.085 else 0
            day = day + dt.timedelta(days=gap - early + late)
            if day > last_day:
                break
            rows.append((case, "lac.review", day))
        if rng.random() < 0.1:
            leave = start + dt.timedelta(days=int(rng.integers(20, 900)))
            if first_day <= leave <= last_day:
                rows = [r for r in rows if not (r[0] == case and r[2] > leave)]
                rows.append((case, "lac.end", leave))
    frame = pd.DataFrame(rows, columns=["case", "event", "date"])
    frame["date"] = pd.to_datetime(frame["date"])
    return frame


def print_review_table(calendar: sg.Calendar, out: object = sys.stdout) -> None:
    write = out.write  # type: ignore[attr-defined]
    events = synthetic_year()
    result = sg.timeliness(events, rules="lac.review.first", calendar=calendar, as_of="2019-03-31")
    quality = result.data_quality
    table = sg.summarise(result, by="month", date="completed", percentiles=())
    held = table[table["month"].notna()]
    held = held[(held["month"] >= pd.Period("2018-04", "M")) & (held["month"] <= pd.Period("2019-03", "M"))]
    monthly = held.groupby("month", observed=True)[["in_timescale", "out_of_timescale"]].sum()
    write("Looked-after reviews held in timescale, April 2018 to March 2019\n")
    write(f"(SYNTHETIC cases: {events['case'].nunique()} children, {len(events)} events; rules lac.review.first,\n")
    write(" lac.review.second, lac.review.subsequent; laid out as the IRO annual report's table, seed 003 item 11)\n\n")
    write(f"  {'Month':<8} {'In timescale':>12} {'%':>6} {'Not in timescale':>17} {'%':>6} {'Total':>6}\n")
    for month, row in monthly.iterrows():
        total = int(row.in_timescale + row.out_of_timescale)
        write(
            f"  {month.strftime('%b %Y'):<8} {int(row.in_timescale):>12} {100 * row.in_timescale / total:>5.1f}%"
            f" {int(row.out_of_timescale):>17} {100 * row.out_of_timescale / total:>5.1f}% {total:>6}\n"
        )
    inside, outside = int(monthly["in_timescale"].sum()), int(monthly["out_of_timescale"].sum())
    total = inside + outside
    write(f"  {'Year':<8} {inside:>12} {100 * inside / total:>5.1f}% {outside:>17} {100 * outside / total:>5.1f}% {total:>6}\n")
    waiting = result.instances[result.instances["status"].isin(["overdue", "open"])]
    write(f"\n  as of 31 March 2019: overdue {int((waiting['status'] == 'overdue').sum())},"
          f" awaited in time {int((waiting['status'] == 'open').sum())}\n")
    write(f"  rows: {quality.total} in, " + ", ".join(f"{int(n)} {use}" for use, n in quality.rows.items() if n) + "\n\n")


def incident_events() -> pd.DataFrame:
    """An ILLUSTRATIVE serious incident (synthetic dates) in the example partnership."""
    return pd.DataFrame(
        {
            "case": "INC-1",
            "event": ["sin.incident", "sin.aware", "sin.notified", "sin.rapid_review_sent", "review.decided_local",
                      "review.sent_to_panel", "review.published"],
            "date": pd.to_datetime(["2019-12-18", "2019-12-20", "2019-12-23", "2020-01-17", "2020-01-20",
                                    "2020-06-30", "2020-07-20"]),
        }
    )


def print_incident(calendar: sg.Calendar, out: object = sys.stdout) -> None:
    write = out.write  # type: ignore[attr-defined]
    result = sg.timeliness(incident_events(), calendar=calendar, as_of="2020-08-01")
    write("A serious incident's timeline (ILLUSTRATIVE dates; statuses as of 1 August 2020)\n\n")
    for row in sg.timeline(result, "INC-1").itertuples():
        done = "-" if pd.isna(row.completed) else _long(row.completed.date())
        write(f"{row.title}\n")
        write(f"  rule:   {row.rule}\n")
        write(f"  start:  {_long(row.start.date())}\n")
        write(f"  due:    {_long(row.due.date())}\n")
        write(f"  done:   {done}  [{row.status}]\n\n")


def print_action_plan(calendar: sg.Calendar, out: object = sys.stdout) -> None:
    write = out.write  # type: ignore[attr-defined]
    rated = sg.rag(action_plan(), as_of="2019-09-19", calendar=calendar)
    write("Action plan RAG ratings as of Thursday 19 September 2019 (rule: docs/timeliness.md)\n\n")
    for row in rated.itertuples():
        write(f"  {row.rag:<6} {row.action}  ({row.rag_reason})\n")
    write("\n")


def print_front_door(out: object = sys.stdout) -> None:
    """The Haringey front door's measures over a SYNTHETIC year of contacts (examples/haringey)."""
    write = out.write  # type: ignore[attr-defined]
    here = HARINGEY.parent
    haringey = sg.Partnership.from_json(HARINGEY)
    door = sg.FrontDoor(haringey, here / "contacts.csv", here / "steps.csv")
    write("The Haringey front door, April 2019 to March 2020 (SYNTHETIC contacts and steps:\n")
    write(f" examples/haringey/contacts.csv and steps.csv; as of {_long(door.as_of)}; docs/thresholds.md)\n\n")
    write("  " + door.summary_text().replace("\n", "\n  ") + "\n\n")
    decisions, volumes, reliance = door.decisions("quarter"), door.volumes("quarter"), door.reliance("quarter")
    write(f"  {'Quarter':<8} {'Contacts':>8} {'Referrals':>9} {'Re-referred':>11} {'Decided in 1 wd':>15}"
          f" {'Early help or below':>19}\n")
    for i, quarter in enumerate(decisions["quarter"]):
        write(f"  {str(quarter):<8} {volumes['contacts'].iat[i]:>8,} {volumes['referrals'].iat[i]:>9,}"
              f" {volumes['percent_re_referrals'].iat[i]:>10.1f}% {decisions['percent_in_timescale'].iat[i]:>14.1f}%"
              f" {reliance['percent_resolved_below'].iat[i]:>18.1f}%\n")
    c = door.conversion().iloc[0]
    nfa = door.assessment_outcomes()["percent_nfa"].iat[0]
    write(f"\n  Conversion: {int(c['contacts']):,} contacts -> {int(c['referrals']):,} referrals ({c['percent_referred']:.0f}%)"
          f" -> {int(c['assessments']):,} assessments ({c['percent_assessed']:.0f}%)\n"
          f"  -> {int(c['plans']):,} child in need or child protection plans ({c['percent_to_plan']:.0f}%);"
          f" no further action after {nfa:.0f}% of assessments\n")
    rate = door.referral_rate({"2019-20": 59_100}).iloc[0]
    write(f"  Referrals per 10,000 children: {rate['rate_per_10000']:.0f} (population of 59,100 aged 0-17: illustrative)\n")
    s = door.steps().iloc[0]
    write(f"  Step-downs from social care to early help: {int(s['to_early_help'])}; re-escalated within 12 months so"
          f" far: {int(s['re_escalated'])}; {int(s['awaiting'])} still within their 12 months\n\n")
    agreement = door.agreement().sort_values("contacts", ascending=False).head(6)
    write("  Referrer's level against the decided level, the six largest sources\n")
    write(f"  {'Agency':<18} {'Rated':>6} {'Agree':>6} {'Over':>6} {'Under':>6} {'Kappa':>6}\n")
    for row in agreement.itertuples():
        write(f"  {row.agency:<18} {row.rated:>6,} {row.percent_agree:>5.0f}% {row.percent_over:>5.0f}%"
              f" {row.percent_under:>5.0f}% {row.kappa:>6.2f}\n")
    write("\n")


RETURNS = EXAMPLES / "returns"


def print_returns(calendar: sg.Calendar, out: object = sys.stdout) -> None:
    """The statutory returns' figures for the sample files in examples/returns (SYNTHETIC: the
    validators' fake samples and a generated CIN census; see examples/returns/README.md)."""
    write = out.write  # type: ignore[attr-defined]
    write("=" * 100 + "\n")
    write("Statutory returns: the figures for the sample files in examples/returns (SYNTHETIC: no real child)\n")
    write("Walk-through with a chart: examples/notebooks/returns.ipynb; each measure's rule and source: docs/returns.md\n")
    write("=" * 100 + "\n\n")
    year = "2017-18"  # the year the fake episodes fill
    looked_after = sg.ssda903.load(RETURNS / "ssda903")
    write(f"SSDA903 (ssda903/*.csv), reporting year {year}\n{looked_after.summary_text()}\n\n")
    write(f"  {looked_after.reviews_in_timescale(year, calendar=calendar)}\n")
    shares = looked_after.participation(year).to_frame()["share"]
    write("  participation: " + ", ".join(f"{code} {share:.0%}" for code, share in shares.items()) + "\n")
    write(f"  looked after at 31 March: {looked_after.looked_after_at_31_march(year)}; "
          f"three or more placements: {looked_after.three_or_more_placements(year)}\n")
    ceased = looked_after.reasons_ceased(year).to_frame()["episodes"]
    write("  episodes ceased, by reason: " + ", ".join(f"{rec} {n}" for rec, n in ceased.items()) + "\n\n")
    year = "2019-20"  # the census's collection year (its Year, 2020): the one year it covers
    census = sg.cin_census.load(RETURNS / "cin_census_synthetic.xml")
    write(f"CIN census (cin_census_synthetic.xml), reporting year {year}\n")
    write(f"  referrals: {len(census.referrals(year))}; re-referrals within 12 months: {census.re_referrals(year)}; "
          f"no further action: {census.nfa_referrals(year)}\n")
    for figure in (census.assessments_within_45_working_days(year, calendar=calendar),
                   census.initial_conferences_within_15_working_days(year, calendar=calendar),
                   census.review_conferences_in_timescale(year, calendar=calendar)):
        write(f"  {figure}\n")
    write(f"  plans ending in the year that lasted two years or more: {census.plans_lasting_two_years_or_more(year)}\n")
    write(f"  second or later plans: {census.second_or_later_plans(year)}\n\n")
    annex = sg.annex_a.load(RETURNS / "Annex_A.xlsx")
    write(f"Annex A (Annex_A.xlsx): latest records overdue as of the list date {annex.list_date()}\n")
    for row in annex.overdue(calendar=calendar).to_frame().itertuples():
        write(f"  list {row.list} {row.check:<28} {row.overdue} of {row.judged} overdue  [rule {row.rule}]\n")
    write("\n")


ROOT = EXAMPLES.parent
ALLEGATIONS = EXAMPLES / "timeliness" / "allegations.csv"


def action_plan() -> pd.DataFrame:
    """Four actions of the Ofsted action plan (seed 003 item 13) with their target dates; the
    progress declarations paraphrase the plan's progress column; completion dates ILLUSTRATIVE."""
    return pd.DataFrame(
        {
            "action": ["1.5 assessment tools in place", "1.7 enhanced training programme", "4.4 care plans amended in time",
                       "7.2 joint quarterly exploitation report"],
            "target": ["2019-04-30", "2019-09-30", "2019-06-30", "2019-05-31"],
            "completed": ["2019-04-26", None, None, None],
            "progress": [None, "on_track", "concern", None],
        }
    )


def write_reports(calendar: sg.Calendar, folder: Path, out: object = sys.stdout) -> list[Path]:
    """The HTML page and the Excel workbook of each report (docs/reports.md): the Haringey
    partnership's governance compliance, the sample returns, the Haringey front door, the LADO's
    allegations (examples/timeliness/allegations.csv) and the action plan above; every record
    SYNTHETIC. The same reports come from the commands: safeguarding report|returns|front-door|timeliness
    … --format html|xlsx -o FILE."""
    write = out.write  # type: ignore[attr-defined]
    folder.mkdir(parents=True, exist_ok=True)
    haringey = sg.Partnership.from_json(HARINGEY)
    events = pd.read_csv(ALLEGATIONS)
    rated = sg.rag(action_plan(), as_of="2019-09-19", calendar=calendar)
    reports = {
        "governance": haringey.evaluate(REPORT_DATE).to_report(),
        "returns": sg.reports.returns([RETURNS], year="2017-18", calendar=calendar).to_report(),
        "front-door": sg.FrontDoor(haringey, HARINGEY.parent / "contacts.csv", HARINGEY.parent / "steps.csv").to_report(),
        "lado": sg.timeliness(events, rules=["lado.referral", "lado.resolution"], calendar=calendar,
                              as_of="2019-08-31").to_report(title="Allegations against people who work with children: "
                                                                  "LADO timescales", organisation=haringey.name),
        "action-plan": sg.reports.action_plan(rated, "2019-09-19", title="Ofsted action plan: progress",
                                              organisation="London Borough of Haringey"),
    }
    write("=" * 100 + "\n")
    write("Reports of the above as HTML pages and Excel workbooks (docs/reports.md; all records SYNTHETIC)\n")
    write("=" * 100 + "\n\n")
    written = []
    for name, report in reports.items():
        for path in (folder / f"{name}.html", folder / f"{name}.xlsx"):
            report.to_html(path) if path.suffix == ".html" else report.to_excel(path)
            written.append(path)
            shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
            write(f"  {shown}\n")
    write("\n")
    return written


def main() -> int:
    calendar = sg.Calendar.england_and_wales()
    print(f"safeguarding {sg.__version__}\n")
    print_deadlines(calendar)
    print_compliance()
    print_review_table(calendar)
    print_incident(calendar)
    print_action_plan(calendar)
    print_front_door()
    print_returns(calendar)
    write_reports(calendar, ROOT / "build" / "reports")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
