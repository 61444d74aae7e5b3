"""Sample reports of each kind, from synthetic figures (no real child or case): what the tests render,
and what docs/reports.md shows. Their shapes follow the partnership papers the library serves: the
IRO annual report's monthly table of reviews in timescale, the LADO report's 1/3/12-month bands
against the 80% and 90% targets (the 12 months' "all but the most exceptional" is no percentage: that
band has no target), a RAG-rated action plan, the governance compliance findings and the
front door's quarterly measures."""

from __future__ import annotations

import datetime as dt
from typing import Callable

from ._model import (BandsChart, Column, DataQualitySummary, FindingItem, Findings, FunnelChart, KeyFigure, KeyFigures, Measure,
                     Paragraph, Report, Role, RowAccount, Section, StackedBarChart, Table, TimescaleChart)
from ._types import ColumnType as T
from ._types import Status, Tone

ORGANISATION = "Example Safeguarding Children Partnership"
SYNTHETIC = "All figures in this report are synthetic: they describe no real child, family or case."


def _status(value: object) -> Status:
    if not isinstance(value, Status):
        raise TypeError(f"{value!r} is not a status")
    return value


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _months(first: dt.date, count: int) -> list[dt.date]:
    out, year, month = [], first.year, first.month
    for _ in range(count):
        out.append(dt.date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


# --- IRO ---------------------------------------------------------------------------------------

REVIEWS_IN = (78, 121, 92, 98, 70, 69, 118, 117, 84, 99, 72, 110)
REVIEWS_OUT = (8, 14, 13, 9, 5, 7, 10, 8, 8, 7, 6, 4)
REVIEW_TARGET = 0.9
REVIEW_MEASURE = Measure("Looked-after reviews held in timescale",
                         rule="lac.review.first, lac.review.second, lac.review.subsequent",
                         source="Care Planning, Placement and Case Review (England) Regulations 2010 (SI 2010/959), reg 33",
                         confidence="confirmed", note="A review is in timescale when held on or before its due date")
PARTICIPATION = (("PN0", "Child under 4 years old", 220), ("PN1", "Attended and spoke for themselves", 712),
                 ("PN2", "Attended, an advocate spoke for them", 92), ("PN3", "Attended, conveyed views by symbols", 2),
                 ("PN4", "Attended, did not contribute", 4), ("PN5", "Did not attend, an advocate conveyed views", 130),
                 ("PN6", "Did not attend, views conveyed by other means", 40), ("PN7", "Did not attend, views not conveyed", 27))
PARTICIPATION_BY_QUARTER = (("Q1 (April to June)", 58, 215, 46, 7), ("Q2 (July to September)", 46, 170, 36, 6),
                            ("Q3 (October to December)", 62, 228, 48, 7), ("Q4 (January to March)", 54, 197, 40, 7))


def monthly_reviews_table() -> Table:
    columns = [Column("month", "Month", T.DATE, "mmmm yyyy"), Column("in_timescale", "In timescale", T.INTEGER),
               Column("in_share", "% in timescale", T.PERCENT, "0.0%"), Column("out_of_timescale", "Out of timescale", T.INTEGER),
               Column("out_share", "% out of timescale", T.PERCENT, "0.0%"), Column("total", "Reviews held", T.INTEGER),
               Column("status", "Against the 90% target", T.RAG)]
    rows = []
    for month, held_in, held_out in zip(_months(dt.date(2018, 4, 1), 12), REVIEWS_IN, REVIEWS_OUT):
        total = held_in + held_out
        met = _share(held_in, total) >= REVIEW_TARGET
        rows.append((month, held_in, _share(held_in, total), held_out, _share(held_out, total), total,
                     Status("Met", Tone.GREEN) if met else Status("Not met", Tone.RED)))
    total_in, total_out = sum(REVIEWS_IN), sum(REVIEWS_OUT)
    totals = ("Year", total_in, _share(total_in, total_in + total_out), total_out, _share(total_out, total_in + total_out),
              total_in + total_out, "met" if _share(total_in, total_in + total_out) >= REVIEW_TARGET else "not met")
    return Table("Looked-after reviews held in and out of timescale, by month, April 2018 to March 2019", columns, rows,
                 totals=totals, measures=[REVIEW_MEASURE], sheet="Reviews by month")


def iro() -> Report:
    """The IRO service's annual report: reviews in timescale by month, participation, data quality."""
    monthly = monthly_reviews_table()
    total_in, total = sum(REVIEWS_IN), sum(REVIEWS_IN) + sum(REVIEWS_OUT)
    missed = [r for r in monthly.rows if isinstance(r[6], Status) and r[6].label == "Not met"]
    participation = Table(
        "Participation of children in their reviews, April 2018 to March 2019",
        [Column("code", "Code"), Column("description", "Participation", row_header=False),
         Column("reviews", "Reviews", T.INTEGER), Column("share", "% of reviews", T.PERCENT, "0.0%")],
        [(code, text, n, _share(n, total)) for code, text, n in PARTICIPATION],
        totals=("Total", None, total, 1.0),
        measures=[Measure("Participation codes of looked-after reviews", rule="ssda903.reviews.review_code",
                          source="SSDA903 guide, REVIEW_CODE (PN0 to PN7)", confidence="confirmed")],
        sheet="Participation")
    by_quarter = Table(
        "Participation by quarter, grouped, April 2018 to March 2019",
        [Column("quarter", "Quarter"), Column("under_4", "Under 4 (PN0)", T.INTEGER),
         Column("attended", "Attended (PN1 to PN4)", T.INTEGER), Column("conveyed", "Views conveyed (PN5, PN6)", T.INTEGER),
         Column("not_conveyed", "Views not conveyed (PN7)", T.INTEGER)],
        PARTICIPATION_BY_QUARTER, totals=("Year", 220, 810, 170, 27), sheet="Participation by quarter")
    summary = Section("Summary", role=Role.SUMMARY, blocks=[
        KeyFigures([
            KeyFigure("of looked-after reviews were held in timescale (target 90%)", _share(total_in, total), T.PERCENT, "0.0%",
                      status="met", detail=f"{total_in:,} of {total:,} reviews"),
            KeyFigure("reviews held in the year", total, T.INTEGER),
            KeyFigure("months below the 90% target", len(missed), T.INTEGER, status="not met" if missed else "met",
                      detail=", ".join(monthly.column("month").text(r[0]) for r in missed)),
            KeyFigure("of children aged 4 or over took part in their review", _share(810 + 170, total - 220), T.PERCENT, "0%"),
        ]),
        Paragraph("Nine in ten reviews were held in timescale across the year. Two months, May and June 2018, fell below "
                  "the target while two reviewing officers left and cover was arranged; the year ended at its highest rate."),
    ])
    action = Section("Needing action", role=Role.ACTION, blocks=[
        Findings([FindingItem("not met",
                              f"{monthly.column('month').text(r[0])}: {monthly.column('in_share').text(r[2])} "
                              "of reviews in timescale",
                              detail=f"{r[3]} of {r[5]} reviews were held after their due date, "
                                     "against a target of 90% in timescale.",
                              reference="lac.review.subsequent") for r in missed],
                 heading="Months below the target"),
    ])
    detail = Section("Reviews in timescale by month", blocks=[
        TimescaleChart("Share of looked-after reviews held in timescale, by month, against the 90% target", monthly,
                       category="month", within="in_timescale", outside="out_of_timescale", target=REVIEW_TARGET,
                       share="in_share",
                       y_label="Reviews held"),
        monthly,
    ], measures=[REVIEW_MEASURE])
    participation_section = Section("Children's participation", blocks=[
        participation,
        StackedBarChart("Participation by quarter", by_quarter, category="quarter",
                        series=["under_4", "attended", "conveyed", "not_conveyed"], y_label="Reviews"),
        by_quarter,
    ])
    quality = Section("Data quality", blocks=[
        DataQualitySummary([RowAccount("SSDA903 header", 642, 640, 2, 0), RowAccount("SSDA903 episodes", 1910, 1884, 6, 20),
                            RowAccount("SSDA903 reviews", 1239, 1227, 9, 3)], findings=17,
                           note="Rejected rows are listed with their file, row and column in the JSON output."),
    ])
    return Report("Independent Reviewing Officer service: annual report 2018 to 2019", dt.date(2019, 3, 31),
                  [summary, action, detail, participation_section, quality], organisation=ORGANISATION,
                  subtitle="Looked-after reviews held in timescale, and children's participation in them", note=SYNTHETIC)


# --- LADO --------------------------------------------------------------------------------------

LADO_MEASURE = Measure("Allegations concluded within 1, 3 and 12 months", rule="lado.resolution",
                       source="Keeping Children Safe in Education (July 2018), para 218, p. 57", confidence="confirmed",
                       note="Cumulative: a case concluded within 1 month is also within 3 and 12 months")
CONSULTATIONS = (("Q1 (April to June)", 38, 9, 4, 6, 5, 16), ("Q2 (July to September)", 18, 8, 3, 5, 4, 17),
                 ("Q3 (October to December)", 42, 10, 4, 6, 5, 17), ("Q4 (January to March)", 36, 9, 3, 5, 3, 18))


def lado_bands_table() -> Table:
    concluded = ((1, 15), (3, 20), (12, 23))
    # Keeping Children Safe in Education: 80% within 1 month, 90% within 3, and "all but the most
    # exceptional" within 12, which is no percentage: that band has no target and no verdict.
    targets: dict[int, float | None] = {1: 0.8, 3: 0.9, 12: None}
    rows = []
    for months, n in concluded:
        share, target = _share(n, 23), targets[months]
        verdict = None if target is None else Status("Met", Tone.GREEN) if share >= target else Status("Not met", Tone.RED)
        rows.append((f"Within {months} month{'s' if months > 1 else ''}", n, share, target, verdict))
    return Table("Allegations concluded within 1, 3 and 12 months of referral (cumulative), April 2018 to March 2019",
                 [Column("band", "Concluded"), Column("cases", "Cases", T.INTEGER),
                  Column("share", "% of cases", T.PERCENT, "0%"),
                  Column("target", "Target", T.PERCENT, "0%", missing="no target"),
                  Column("status", "Against the target", T.RAG)],
                 rows, measures=[LADO_MEASURE], note="23 allegations met the threshold for a LADO record in the year.",
                 sheet="Timescales")


def lado() -> Report:
    """The LADO annual report: consultations by source, allegations' timescales against the bands."""
    bands = lado_bands_table()
    consultations = Table(
        "Consultations with the LADO by quarter and by who made contact, April 2018 to March 2019",
        [Column("quarter", "Quarter"), Column("schools", "Schools", T.INTEGER), Column("early_years", "Early years", T.INTEGER),
         Column("health", "Health", T.INTEGER), Column("police", "Police", T.INTEGER), Column("parents", "Parents", T.INTEGER),
         Column("other", "Other", T.INTEGER)],
        CONSULTATIONS, totals=("Year", 134, 36, 14, 22, 17, 68), sheet="Consultations")
    missed = [r for r in bands.rows if isinstance(r[4], Status) and r[4].label == "Not met"]
    summary = Section("Summary", role=Role.SUMMARY, blocks=[
        KeyFigures([
            KeyFigure("consultations with the LADO", 291, T.INTEGER, detail="5.6 a week; 271 the year before"),
            KeyFigure("allegations needing a LADO record", 23, T.INTEGER, detail="39 the year before"),
            KeyFigure("concluded within 1 month (target 80%)", bands.rows[0][2], T.PERCENT, "0%",
                      status=_status(bands.rows[0][4])),
            KeyFigure("concluded within 3 months (target 90%)", bands.rows[1][2], T.PERCENT, "0%",
                      status=_status(bands.rows[1][4])),
        ]),
        Paragraph("Most allegations were concluded within the expected timescales; those open longest awaited the end of "
                  "a police investigation."),
    ])
    action = Section("Needing action", role=Role.ACTION, blocks=[
        Findings([FindingItem(r[4] if isinstance(r[4], Status) else "not met",
                              f"{r[0]}: {bands.column('share').text(r[2])} of cases "
                              f"against a target of {bands.column('target').text(r[3])}",
                              detail="Cases concluded later were awaiting the outcome of police investigations.",
                              reference="lado.resolution")
                  for r in missed], heading="Bands below their target"),
    ])
    detail = Section("Timescales", blocks=[
        BandsChart("Allegations concluded within 1 month (target 80%), 3 months (target 90%) and 12 months (no target)", bands,
                   category="band", value="share", target="target", y_label="Cases concluded (cumulative)"),
        bands,
    ], measures=[LADO_MEASURE])
    contacts = Section("Who contacts the LADO", blocks=[
        StackedBarChart("Consultations by quarter and by who made contact", consultations, category="quarter",
                        series=["schools", "early_years", "health", "police", "parents", "other"], y_label="Consultations"),
        consultations,
    ])
    return Report("Allegations against people who work with children: LADO annual report 2018 to 2019", dt.date(2019, 3, 31),
                  [summary, action, detail, contacts], organisation=ORGANISATION,
                  subtitle="The work of the Local Authority Designated Officer, April 2018 to March 2019", note=SYNTHETIC)


# --- Action plan -------------------------------------------------------------------------------

ACTIONS = (
    ("1.1", "Managers and conference chairs check that each child's plan is current, specific and reviewed at least yearly",
     "Head of Service, Assessment", dt.date(2019, 3, 31), "On track; evidenced through the monthly audits", "green"),
    ("1.2", "Practice standards reviewed and published in the online procedures", "Principal Social Worker", dt.date(2019, 1, 31),
     "Completed; reviewed every six months", "blue"),
    ("1.4", "85% of assessments meet the required standard and reflect the child's current circumstances", "Assistant Director",
     dt.date(2019, 12, 31), "Baseline 35% in January 2019 after a more rigorous audit; 60% by September 2019 is at risk",
     "amber"),
    ("1.7", "Training programme on high-quality practice available to all staff", "Workforce Development Lead",
     dt.date(2019, 9, 30), "To be embedded through the Academy launching in November 2019", "amber"),
    ("2.1", "Disabled children's team practitioners complete child-centred practice training",
     "Service Manager, Disabled Children", dt.date(2019, 6, 30), "Completed", "blue"),
    ("2.5", "Thresholds for disabled children's cases applied consistently, evidenced in case file reviews",
     "Service Manager, Disabled Children", dt.date(2019, 3, 31),
     "Eligibility criteria not yet launched; review found inconsistent decisions", "red"),
    ("3.1", "Supervision takes place in line with the policy: 95% of cases with management oversight", "Heads of Service",
     dt.date(2019, 4, 30), "Target achieved and monitored", "blue"),
    ("3.3", "Weekly reports show management oversight recorded on children's records: 80% by September 2019",
     "Performance Manager", dt.date(2019, 9, 30), "50% in April 2019, on the planned trajectory", "green"),
    ("4.2", "Each child in care's plan tracked monthly to prevent drift", "Head of Service, Children in Care",
     dt.date(2019, 6, 30), "Reinforced through the case management panel and reviews", "green"),
    ("4.3", "Permanence plans presented twice a year to the resources panel", "Head of Service, Children in Care",
     dt.date(2019, 6, 30), "Panel dates set; two of six teams presenting so far", "amber"),
    ("4.5", "Reviewing officers' escalations recorded with their outcome and theme", "IRO Service Manager", dt.date(2019, 9, 30),
     "New recording form in use", "green"),
)


def action_plan() -> Report:
    """A RAG-rated improvement plan: counts by rating, the red and amber actions first, every action."""
    table = Table(
        "Actions of the improvement plan and their RAG rating as of 30 September 2019",
        [Column("ref", "Ref"), Column("action", "Action", row_header=False), Column("owner", "Owner"),
         Column("target", "Target date", T.DATE), Column("progress", "Progress"), Column("rag", "RAG rating", T.RAG)],
        ACTIONS, measures=[Measure("Action plan RAG rating", rule="actions.rag", confidence="local",
                                   source="The plan's own coding: Red not on track, Amber concern, "
                                          "Green on track, Blue completed")], sheet="Actions")
    counts = {name: sum(1 for a in ACTIONS if a[5] == name) for name in ("red", "amber", "green", "blue")}
    meaning = {"red": "not on track: exception report", "amber": "concern: action under way to recover",
               "green": "on track to complete within the agreed timescales", "blue": "completed"}
    summary = Section("Summary", role=Role.SUMMARY, blocks=[
        KeyFigures([KeyFigure(meaning[name], counts[name], T.INTEGER, status=name) for name in ("red", "amber", "green", "blue")],
                   heading="Actions by RAG rating"),
        Paragraph("The plan answers the inspection's areas for improvement. Each action is rated Red, Amber, Green or Blue "
                  "by its owner at the quarterly improvement board."),
    ])
    attention = [FindingItem(a[5], f"{a[0]} {a[1]}", detail=a[4], due=a[3], owner=a[2])
                 for rating in ("red", "amber") for a in ACTIONS if a[5] == rating]
    action = Section("Needing action", role=Role.ACTION, blocks=[Findings(attention, heading="Red and amber actions")])
    detail = Section("Every action", blocks=[table])
    return Report("Improvement plan: progress report", dt.date(2019, 9, 30), [summary, action, detail], organisation=ORGANISATION,
                  subtitle="Progress against the actions agreed after the inspection of children's services", note=SYNTHETIC)


# --- Governance compliance ---------------------------------------------------------------------

def governance() -> Report:
    """The partnership's governance compliance: duties breached and due, meetings, data quality."""
    breached = [
        FindingItem("breached", "Rapid review sent to the National Panel 4 working days late",
                    detail="Incident SI-2019-03: the local authority became aware on 4 March 2019; the rapid review was due on "
                           "25 March 2019 (15 working days) and sent on 29 March 2019.", due=dt.date(2019, 3, 25),
                    owner="Strategic Safeguarding Partnership Manager", reference="sin.rapid_review"),
        FindingItem("overdue", "Local child safeguarding practice review not completed",
                    detail="Review CSPR-2018-01 was commissioned on 12 September 2018; its final report was due within 6 months.",
                    due=dt.date(2019, 3, 12), owner="Independent Chair", reference="cspr.complete"),
        FindingItem("breached", "Quality, Performance and Outcomes subgroup met twice in the year",
                    detail="The arrangements set 4 meetings a year; 2 were held, on 10 July 2018 and 5 February 2019.",
                    owner="Chair of the subgroup", reference="partnership.meetings"),
    ]
    due = [
        FindingItem("due soon", "Yearly report to be published", detail="The first yearly report under the new arrangements.",
                    due=dt.date(2019, 9, 29), owner="Independent Chair", reference="partnership.yearly_report"),
        FindingItem("due soon", "Threshold document review", detail="The threshold document is reviewed every year.",
                    due=dt.date(2019, 7, 31), owner="Leadership group", reference="thresholds.review"),
    ]
    met = [
        FindingItem("met", "Serious incident SI-2019-03 notified to the National Panel within 5 working days",
                    reference="sin.notify_panel"),
        FindingItem("met", "Safeguarding arrangements published before 29 June 2019", reference="transition.arrangements"),
        FindingItem("met", "Executive group met quarterly (4 of 4 meetings, all quorate)", reference="partnership.meetings"),
        FindingItem("met", "Leadership group met every two months (6 of 6 meetings)", reference="partnership.meetings"),
        FindingItem("met", "Practice, Learning and Workforce subgroup met quarterly (4 of 4 meetings)",
                    reference="partnership.meetings"),
        FindingItem("met", "Every relevant agency named in the arrangements", reference="arrangements.coverage"),
    ]
    meetings = Table(
        "Meetings held against the arrangements, July 2018 to June 2019",
        [Column("group", "Group"), Column("required", "Meetings required", T.INTEGER), Column("held", "Held", T.INTEGER),
         Column("quorate", "Quorate", T.INTEGER), Column("attendance", "Attendance", T.PERCENT, "0%"),
         Column("last", "Last met", T.DATE), Column("status", "Status", T.RAG)],
        [("Executive group", 4, 4, 4, 0.92, dt.date(2019, 6, 11), "met"),
         ("Leadership group", 6, 6, 5, 0.81, dt.date(2019, 6, 18), "met"),
         ("Quality, Performance and Outcomes subgroup", 4, 2, 2, 0.74, dt.date(2019, 2, 5), "not met"),
         ("Practice, Learning and Workforce subgroup", 4, 4, 4, 0.88, dt.date(2019, 5, 21), "met")],
        totals=("All groups", 18, 16, 15, None, None, None),
        measures=[Measure("Meetings per period and quorum", rule="partnership.meetings",
                          source="The partnership's published arrangements (frequency and quorum of each group)",
                          confidence="local")],
        sheet="Meetings")
    summary = Section("Summary", role=Role.SUMMARY, blocks=[
        KeyFigures([
            KeyFigure("duties breached or overdue", len(breached), T.INTEGER, status="breached"),
            KeyFigure("duties due in the next 3 months", len(due), T.INTEGER, status="due soon"),
            KeyFigure("duties met", len(met), T.INTEGER, status="met"),
            KeyFigure("of required meetings held", 16 / 18, T.PERCENT, "0%", detail="16 of 18; 15 quorate"),
        ]),
        Paragraph("Most duties were met. A rapid review was late, a practice review is overdue and one subgroup met "
                  "half as often as the arrangements require; the executive group is asked to agree the actions below."),
    ])
    action = Section("Needing action", role=Role.ACTION, blocks=[
        Findings(breached, heading="Breached or overdue"),
        Findings(due, heading="Due soon", sheet="Due soon"),
    ])
    detail = Section("Meetings", blocks=[meetings])
    met_section = Section("Duties met", blocks=[Findings(met, heading="Met in the period", sheet="Met")])
    quality = Section("Data quality", blocks=[
        DataQualitySummary([RowAccount("Meetings", 24, 23, 1, 0), RowAccount("Attendance records", 312, 305, 3, 4),
                            RowAccount("Activities", 41, 41, 0, 0)], findings=8),
    ])
    return Report("Governance compliance report", dt.date(2019, 6, 30), [summary, action, detail, met_section, quality],
                  organisation=ORGANISATION, subtitle="The partnership's statutory duties, meetings and arrangements",
                  note=SYNTHETIC)


# --- Front door --------------------------------------------------------------------------------

QUARTERS = (("Q1 (April to June)", 3120, 790, 712, 166), ("Q2 (July to September)", 2810, 705, 620, 141),
            ("Q3 (October to December)", 3380, 842, 690, 185), ("Q4 (January to March)", 3170, 769, 700, 158))
FUNNEL = (("Contacts", 12480), ("Referrals", 3106), ("Assessments completed", 2950), ("Section 47 enquiries", 1040),
          ("Initial child protection conferences", 412), ("Child protection plans started", 355))
SOURCES = (("Police", 880, 420, 2600), ("Schools", 760, 610, 1230), ("Health services", 520, 240, 1090),
           ("Local authority services", 430, 210, 760), ("Individuals", 250, 180, 900), ("Other", 266, 190, 944))
DECISION_MEASURE = Measure("Decisions within 1 working day of the referral", rule="referral.decision",
                           source="Working Together to Safeguard Children (2013, 2015, 2018, 2023), assessment chapter",
                           confidence="secondary")
RE_REFERRAL_MEASURE = Measure("Re-referrals within 12 months", rule="front_door.re_referrals",
                              source="DfE children in need statistics: a referral within 12 months of a previous one",
                              confidence="confirmed")


def front_door() -> Report:
    """The front door: the quarterly table, the conversion funnel and contacts by source."""
    quarterly = Table(
        "Contacts, referrals and decisions by quarter, April 2019 to March 2020",
        [Column("quarter", "Quarter"), Column("contacts", "Contacts", T.INTEGER), Column("referrals", "Referrals", T.INTEGER),
         Column("conversion", "Contacts becoming referrals", T.PERCENT, "0.0%"),
         Column("decided", "Decided within 1 working day", T.PERCENT, "0.0%"),
         Column("re_referrals", "Re-referrals within 12 months", T.PERCENT, "0.0%")],
        [(q, c, r, _share(r, c), _share(d, r), _share(rr, r)) for q, c, r, d, rr in QUARTERS],
        totals=("Year", 12480, 3106, _share(3106, 12480), _share(2722, 3106), _share(650, 3106)),
        measures=[DECISION_MEASURE, RE_REFERRAL_MEASURE], sheet="By quarter")
    funnel = Table(
        "From contact to child protection plan, April 2019 to March 2020",
        [Column("stage", "Stage"), Column("number", "Number", T.INTEGER), Column("share", "% of contacts", T.PERCENT, "0.0%")],
        [(stage, n, _share(n, 12480)) for stage, n in FUNNEL], sheet="Funnel")
    sources = Table(
        "Contacts by source and outcome, April 2019 to March 2020",
        [Column("source", "Source"), Column("referral", "Referral to social care", T.INTEGER),
         Column("early_help", "Early help", T.INTEGER), Column("advice", "Advice or no further action", T.INTEGER)],
        SOURCES, totals=("All sources", 3106, 1850, 7524), sheet="By source")
    summary = Section("Summary", role=Role.SUMMARY, blocks=[
        KeyFigures([
            KeyFigure("of referrals decided within 1 working day", _share(2722, 3106), T.PERCENT, "0.0%", status="not met",
                      detail="2,722 of 3,106; Q3 lowest at 81.9%"),
            KeyFigure("contacts received", 12480, T.INTEGER),
            KeyFigure("referrals per 10,000 children", 516.0, T.NUMBER, "#,##0.0", detail="60,200 children aged under 18"),
            KeyFigure("of referrals were re-referrals within 12 months", _share(650, 3106), T.PERCENT, "0.0%"),
        ]),
    ])
    action = Section("Needing action", role=Role.ACTION, blocks=[
        Findings([FindingItem("not met", "Q3 (October to December): 81.9% of referrals decided within 1 working day",
                              detail="152 referrals waited longer than 1 working day for a decision.",
                              reference="referral.decision"),
                  FindingItem("not met", "Q2 (July to September): 87.9% of referrals decided within 1 working day",
                              detail="85 referrals waited longer than 1 working day for a decision.",
                              reference="referral.decision")],
                 heading="Decisions later than 1 working day", sheet="Late decisions"),
    ])
    detail = Section("The front door by quarter", blocks=[quarterly])
    conversion = Section("From contact to child protection plan", blocks=[
        FunnelChart("How many contacts went on to each stage, April 2019 to March 2020", funnel,
                    stage="stage", count="number", share="share", x_label="Number"),
        funnel,
        StackedBarChart("Contacts by source and outcome", sources, category="source",
                        series=["referral", "early_help", "advice"], y_label="Contacts", horizontal=True),
        sources,
    ])
    quality = Section("Data quality", blocks=[
        DataQualitySummary([RowAccount("Contacts", 12511, 12480, 19, 12), RowAccount("Steps", 9020, 8998, 22, 0)], findings=41),
    ])
    return Report("The front door: contacts, referrals and decisions, 2019 to 2020", dt.date(2020, 3, 31),
                  [summary, action, detail, conversion, quality], organisation=ORGANISATION,
                  subtitle="Multi-agency safeguarding hub: how contacts were decided and what followed", note=SYNTHETIC)


#: Every sample report by name.
SAMPLES: dict[str, Callable[[], Report]] = {
    "governance": governance, "iro": iro, "lado": lado, "action-plan": action_plan, "front-door": front_door,
}
