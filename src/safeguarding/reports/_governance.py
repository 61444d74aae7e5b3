"""The governance compliance report (``Partnership.evaluate``) as a board paper: the counts by status
first, then the breaches and what is due soon, then every finding by area. Every figure is the
compliance report's own (its summary and findings): this module arranges them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from . import _arrange as A
from ._format import long_date
from ._model import (
    Column,
    FindingItem,
    Findings,
    KeyFigure,
    KeyFigures,
    Measure,
    Paragraph,
    Report,
    Role,
    Section,
    StackedBarChart,
    Table,
)
from ._types import ColumnType as T
from ._types import Status

#: Each kind of finding as the report names its area, in the report's order (the library's, as
#: ``sg.FindingKind`` lists them: a test checks that every kind is named here).
AREAS: dict[str, tuple[str, str]] = {
    "safeguarding-partners": ("Safeguarding partners",
                              "The three safeguarding partners are named, each with a lead representative"),
    "health-partner": ("Health partner",
                       "The health partner is a CCG before 1 July 2022 and an integrated care board from that day"),
    "lead-partners": ("Lead partners",
                      "Each partner's lead safeguarding partner holds the post Working Together 2023 names"),
    "delegated-partners": ("Delegated partners", "Each partner names exactly one delegated safeguarding partner"),
    "partnership-chair": ("Partnership chair", "The partnership names its chair (Working Together 2023)"),
    "designated-agencies": ("Designated agencies",
                            "Each designated childcare or education agency is in the arrangements (2026 Act s2)"),
    "child-protection-teams": ("Child protection teams",
                               "Each multi-agency child protection team has its core members (2026 Act s3)"),
    "arrangements": ("Published arrangements", "The published arrangements cover each item the edition requires"),
    "republication": ("Republication", "Arrangements made under Working Together 2018 are republished under 2023 in time"),
    "sign-off": ("Sign-off", "The lead partners sign off the arrangements, the yearly report and the threshold document"),
    "group-chair": ("Chairs", "Each group has a chair"),
    "group-members": ("Members", "Each group has member agencies"),
    "meeting-frequency": ("Meetings", "Each group meets as often as the arrangements require"),
    "quorum": ("Quorum", "Each meeting of a group with a quorum rule is quorate"),
    "attendance": ("Attendance", "Each member agency attends at least the target share of its group's meetings"),
    "non-attendance": ("Non-attendance", "Absences without a valid reason, to report to the agency's line manager"),
    "statutory-duties": ("Statutory duties",
                         "A duty of the partnership discharges each of the law's: the yearly report, independent "
                         "scrutiny (with evidence) and sending the yearly report"),
    "duty": ("Duties", "Each recurring duty is done by its due date"),
}
STATUSES = ("breached", "due-soon", "met", "not-yet-due", "not-applicable")
#: The statuses' colours in the chart, as their tags': red, amber, green, then blue and grey for what is
#: not yet due and not applicable (each at least 3:1 against the page).
STATUS_COLOURS = ("#aa2a16", "#b58105", "#00703c", "#1d70b8", "#505a5f")
STATUS_HEADINGS = {"breached": "Breached", "due-soon": "Due soon", "met": "Met", "not-yet-due": "Not yet due",
                   "not-applicable": "Not applicable"}


def _status(value: str) -> Status:
    return A.compliance_status(value)


def _sources(findings: list[dict[str, Any]]) -> str:
    distinct = list(dict.fromkeys(f["source"] for f in findings if f["source"]))
    if len(distinct) <= 3:
        return "; ".join(distinct)
    return "each finding's own, in the Source column"


def _iso(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _day(value: str | None) -> dt.date | None:
    return None if not value else _iso(value)


def governance_report(report: Any) -> Report:
    """The compliance report (:class:`safeguarding.ComplianceReport`) as a document."""
    data = report.to_dict()
    findings: list[dict[str, Any]] = data["findings"]
    as_of = _iso(data["as_of"])
    sections = [_summary(data, as_of), _needing_action(findings, data["summary"]["by_status"]), *_areas(findings)]
    subtitle = f"{data['area']}; arrangements under {data['edition']}, in force from {long_date(_iso(data['start']))}"
    return Report(
        "Governance compliance report",
        as_of,
        sections,
        subtitle=subtitle,
        organisation=data["partnership"],
        note="Every finding tests one requirement of the partnership's arrangements or of statutory guidance; "
        "each names its source. The same report as JSON: safeguarding report PARTNERSHIP.json --format json.",
    )


def _summary(data: dict[str, Any], as_of: dt.date) -> Section:
    """Key figures, the findings by status, and a chart of the findings by area and status."""
    summary = data["summary"]
    by_status = summary["by_status"]
    key = KeyFigures([
        KeyFigure("findings breached: action needed", by_status["breached"],
                  status="breached" if by_status["breached"] else "met"),
        KeyFigure("due soon", by_status["due-soon"], status="due soon" if by_status["due-soon"] else None,
                  detail=f"within {data['due_soon']}"),
        KeyFigure("findings met", by_status["met"], status="met"),
        KeyFigure("meetings held", summary["meetings_held"], detail=f"by {summary['groups']} groups"),
        KeyFigure("meetings quorate", summary["meetings_quorate"],
                  detail=f"of {summary['meetings_assessed']} assessed for quorum"),
        KeyFigure("member places filled at meetings", summary["attendances"],
                  detail=f"of {summary['attendances_expected']} expected"),
        KeyFigure("absences without a valid reason", summary["absences_without_valid_reason"],
                  status="breached" if summary["absences_without_valid_reason"] else None,
                  detail="to report to each agency's line manager"),
    ])
    counts = ", ".join(f"{by_status[s]:,} {STATUS_HEADINGS[s].lower()}" for s in STATUSES)
    intro = Paragraph(
        f"{summary['findings']:,} findings as of {long_date(as_of)}: {counts}. Working days are counted on the "
        f"{data['calendar']} calendar; \"due soon\" means within {data['due_soon']}; the attendance target is "
        f"{data['attendance_target']}% of a group's meetings."
    )
    by_kind = Table(
        "Findings by area and status",
        [Column("area", "Area"), *[Column(s, STATUS_HEADINGS[s], T.INTEGER) for s in STATUSES]],
        [(AREAS[k][0], *[summary["by_kind"][k][s] for s in STATUSES]) for k in AREAS if k in summary["by_kind"]],
        totals=("All areas", *[by_status[s] for s in STATUSES]),
        sheet="By area",
    )
    unknown = [k for k in summary["by_kind"] if k not in AREAS]
    if unknown:  # pragma: no cover - a kind added to the library and not yet named here
        raise ValueError(f"the governance report does not name the finding kinds {unknown}")
    chart = StackedBarChart("Findings by area and status", by_kind, category="area", series=list(STATUSES),
                            y_label="Findings", horizontal=True, colours=STATUS_COLOURS)
    return Section("Summary", [key, intro, chart], role=Role.SUMMARY)



def _item(f: dict[str, Any]) -> FindingItem:
    area = AREAS[f["kind"]][0]
    return FindingItem(_status(f["status"]), f["text"], detail=f"{area}: {f['requirement']}.",
                       due=_day(f["due"]), source=f["source"] or None)


def _needing_action(findings: list[dict[str, Any]], by_status: dict[str, int]) -> Section:
    """The findings breached, and those due soon."""
    breached = [_item(f) for f in findings if f["status"] == "breached"]
    due = [_item(f) for f in findings if f["status"] == "due-soon"]
    return Section("Needing action", [
        Findings(breached, heading=f"Breached: action needed ({by_status['breached']})", empty="Nothing is breached.",
                 sheet="Breached"),
        Findings(due, heading=f"Due soon ({by_status['due-soon']})", empty="Nothing is due soon.", sheet="Due soon"),
    ], role=Role.ACTION)



def _areas(findings: list[dict[str, Any]]) -> list[Section]:
    """Every finding, area by area (in the library's order of finding kinds)."""
    sections = []
    for kind, (area, requirement) in AREAS.items():
        rows = [f for f in findings if f["kind"] == kind]
        if not rows:
            continue
        table = Table(
            f"{area}: every finding",
            [
                Column("status", "Status", T.RAG),
                Column("text", "Finding", row_header=True),
                Column("due", "Due", T.DATE, "d mmm yyyy"),
                Column("actual", "Done or held", T.DATE, "d mmm yyyy"),
                Column("late", "Working days late", T.INTEGER),
                Column("source", "Source"),
            ],
            [(_status(f["status"]), f["text"], _day(f["due"]), _day(f["actual"]), f["late_working_days"], f["source"])
             for f in rows],
            measures=[Measure(requirement, rule=kind, source=_sources(rows))],
            sheet=area,
        )
        sections.append(Section(area, [table]))
    return sections
