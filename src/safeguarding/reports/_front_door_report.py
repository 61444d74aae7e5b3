"""The front door (``sg.FrontDoor``) as a report: the year's figures first, then the contacts still
waiting for a decision and the moves between levels the threshold document does not list, then the
quarterly table (contacts, referrals, decisions within the decision rule's timescale, re-referrals,
reliance on social care), the conversion funnel from contact to plan, agreement by referring agency,
step-downs, and data quality. Every figure is the front door's own measures'; this module arranges
them (and the JSON the ``safeguarding front-door`` command writes)."""

from __future__ import annotations

from typing import Any

from . import _arrange as A
from ._format import long_date
from ._json import frame_records, value
from ._model import (
    Column,
    FunnelChart,
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
from ._results import findings_table, quality_summary
from ._types import ColumnType as T

#: The outcomes of a decided contact, as the reliance measure counts them.
OUTCOMES = (("referred", "Referred to social care"), ("early_help", "Early help"), ("advice", "Advice"),
            ("nfa", "No further action"), ("no_outcome", "No outcome recorded"))
OUTCOME_COLOURS = ("#aa2a16", "#12436d", "#28a197", "#505a5f", "#801650")
ASSESSMENT_OUTCOMES = (("nfa", "No further action"), ("early_help", "Early help"), ("cin", "Child in need plan"),
                       ("cp", "Child protection plan"), ("looked_after", "Looked after"), ("other", "Other"),
                       ("not_recorded", "Not recorded"))


def _measures(door: Any) -> dict[str, Measure]:
    from .. import COUNTING_MEASURES

    rule = door.catalogue.rule("referral.decision")
    editions = [e for e in rule.editions]
    decision = A.cited_measure(f"Decisions within {door.decision_timescale} of the contact",
                               [(rule.id, e.name, e.source, e.confidence) for e in editions])
    re_referral = A.counting_measure("Re-referrals within 12 months of the child's previous referral", "previous_referrals",
                                     COUNTING_MEASURES["cin.re_referrals"])
    definition = "the front door's measures as docs/thresholds.md defines them"
    return {
        "decisions": decision,
        "re_referrals": re_referral,
        "conversion": Measure("Contacts referred to social care, assessed, and taken to a plan", rule="front_door.conversion",
                              source=definition),
        "reliance": Measure("Decided contacts resolved at early help level or below", rule="front_door.reliance",
                            source=definition),
        "agreement": Measure("The referrer's level of need against the level decided", rule="front_door.agreement",
                             source=definition + "; Cohen's kappa for agreement beyond chance"),
        "steps": Measure("Steps between levels of need, and step-downs re-escalated within 12 months", rule="front_door.steps",
                         source=definition),
        "outcomes": Measure("Assessments by outcome", rule="front_door.assessment_outcomes", source=definition),
        "rate": Measure("Referrals per 10,000 children aged 0 to 17", rule="front_door.referral_rate", source=definition),
    }


class FrontDoorResults:
    """The front door's measures, by quarter and for the whole, each as the front door gives it:
    what the report and the JSON are both made from."""

    def __init__(self, door: Any, population: Any = None) -> None:
        self.door = door
        self.decisions = door.decisions("quarter")
        self.volumes = door.volumes("quarter")
        self.conversion = door.conversion("quarter")
        self.reliance = door.reliance("quarter")
        self.steps = door.steps("quarter")
        self.year = {
            "decisions": door.decisions(),
            "volumes": door.volumes(),
            "conversion": door.conversion(),
            "reliance": door.reliance(),
            "steps": door.steps(),
            "assessment_outcomes": door.assessment_outcomes(),
        }
        self.agreement = door.agreement()
        self.records = door.records()
        self.steps_taken = door.step_records()
        self.rate = door.referral_rate(population) if population else None

    def overdue(self) -> Any:
        records = self.records
        return records[(records["use"] == "used") & (records["decision_status"] == "overdue")]

    def not_allowed(self) -> Any:
        steps = self.steps_taken
        return steps[(steps["use"] == "used") & ~steps["allowed"]]

    def found(self) -> dict[str, bool]:
        """What the command can fail on, as the measures give it."""
        year = self.year["decisions"].iloc[0]
        summary = self.door.summary
        return {
            "overdue": int(year["overdue"]) > 0,
            "late": int(year["late"]) > 0,
            "breached": int(year["out_of_timescale"]) > 0,
            "rejected": bool((summary["rejected"] > 0).any()),
            "findings": bool((summary["findings"] > 0).any()),
        }

    def to_dict(self) -> dict[str, Any]:
        door = self.door
        overdue = self.overdue()
        return {
            "partnership": door.partnership.name,
            "as_of": value(door.as_of),
            "decision_rule": "referral.decision",
            "decision_timescale": door.decision_timescale,
            "rows": frame_records(door.summary, index=True),
            "findings": frame_records(door.findings),
            "by_quarter": {name: frame_records(getattr(self, name)) for name in
                           ("decisions", "volumes", "conversion", "reliance", "steps")},
            "all": {name: frame_records(frame) for name, frame in self.year.items()},
            "agreement": frame_records(self.agreement),
            "referral_rate": None if self.rate is None else frame_records(self.rate),
            "overdue_decisions": frame_records(overdue[["contact", "child", "date", "agency", "decision_status"]])
            if "contact" in overdue.columns else frame_records(overdue[["date", "agency", "decision_status"]]),
            "steps_not_allowed": frame_records(self.not_allowed()[["child", "date", "from_level", "to_level"]])
            if "child" in self.steps_taken.columns else [],
        }


def front_door_report(door: Any, *, population: Any = None, title: str | None = None, results: Any = None,
                      **_: Any) -> Report:
    r = results or FrontDoorResults(door, population)
    m = _measures(door)
    year = {name: frame.iloc[0] for name, frame in r.year.items()}
    by_quarter, quarters = _by_quarter(door, r, m, year)
    report = Report(
        title or "The front door: contacts, referrals and decisions",
        door.as_of,
        [_summary(door, r, year), _needing_action(door, r, m), by_quarter, _conversion(r, m, year),
         _levels(door, r, m, year), _quality(door)],
        organisation=door.partnership.name,
        subtitle=f"The front door's records to {long_date(door.as_of)}, against the threshold document in force on each date",
        note="The same figures as JSON: safeguarding front-door PARTNERSHIP.json CONTACTS STEPS --format json.",
    )
    report.main_table = quarters
    return report


def _summary(door: Any, r: FrontDoorResults, year: dict[str, Any]) -> Section:
    """The year's key figures: decisions in time, volumes, conversion, re-referrals, reliance, and the
    referral rate when a population is given."""
    as_of = door.as_of
    d, v, c, rel = year["decisions"], year["volumes"], year["conversion"], year["reliance"]
    key = KeyFigures([
        KeyFigure(f"of contacts decided within {door.decision_timescale}", A.proportion(d["percent_in_timescale"]), T.PERCENT,
                  "0.0%", detail=f"{A.whole(d['met']):,} in time, {A.whole(d['late']):,} late, {A.whole(d['overdue']):,} "
                  "not yet decided and overdue"),
        KeyFigure("contacts", A.whole(v["contacts"])),
        KeyFigure("referrals to social care", A.whole(v["referrals"])),
        KeyFigure("of contacts were referred to social care", A.proportion(c["percent_referred"]), T.PERCENT, "0.0%"),
        KeyFigure("of referrals were re-referrals within 12 months", A.proportion(v["percent_re_referrals"]), T.PERCENT, "0.0%",
                  detail=f"{A.whole(v['re_referrals']):,} of {A.whole(v['referrals']):,}"),
        KeyFigure("of decided contacts were resolved at early help level or below", A.proportion(rel["percent_resolved_below"]),
                  T.PERCENT, "0.0%"),
    ])
    if r.rate is not None and len(r.rate):
        last = r.rate.iloc[-1]
        key.items = [*key.items, KeyFigure(f"referrals per 10,000 children, {last['year']}", A.plain(last["rate_per_10000"]),
                                           T.NUMBER,
                                   "#,##0.0", detail=f"{A.whole(last['children']):,} children aged 0 to 17")]
    return Section("Summary", [key, Paragraph(
        f"The front door of {door.partnership.name} as of {long_date(as_of)}: every contact and step checked against the "
        f"partnership's agencies and the version of its threshold document in force on its date; decisions judged by rule "
        f"referral.decision ({door.decision_timescale}).")], role=Role.SUMMARY)



def _needing_action(door: Any, r: FrontDoorResults, m: dict[str, Measure]) -> Section:
    """The contacts still waiting for a decision after the timescale, and the moves between levels
    the threshold document in force does not list."""
    as_of = door.as_of
    overdue = r.overdue()
    overdue_table = Table(
        f"Contacts not decided within {door.decision_timescale}, and still waiting, as of {long_date(as_of)}",
        [Column("contact", "Contact"), Column("child", "Child"), Column("date", "Contact date", T.DATE),
         Column("agency", "From")],
        # No "working days waiting" column: the front door gives working days for decided contacts only,
        # and the report computes no figure of its own.
        [(str(x.get("contact", "")), str(x.get("child", "")), A.day(x["date"]), str(x["agency"]))
         for _, x in overdue.iterrows()],
        measures=[m["decisions"]], sheet="Waiting for a decision",
    )
    not_allowed = r.not_allowed()
    moves = Table(
        "Moves between levels of need that the threshold document in force does not list",
        [Column("child", "Child"), Column("date", "Date", T.DATE), Column("from_level", "From"), Column("to_level", "To"),
         Column("version", "Threshold document")],
        [(str(x.get("child", "")), A.day(x["date"]), str(x["from_level"]), str(x["to_level"]), str(x["version"]))
         for _, x in not_allowed.iterrows()],
        measures=[m["steps"]], sheet="Moves not listed",
    )
    return Section("Needing action", [overdue_table, moves], role=Role.ACTION)



def _by_quarter(door: Any, r: FrontDoorResults, m: dict[str, Measure], year: dict[str, Any]) -> tuple[Section, Table]:
    """Contacts, referrals and decisions by quarter, and decided contacts by outcome (with the
    quarterly table, the report's main one)."""
    as_of = door.as_of
    d, v, c, rel = year["decisions"], year["volumes"], year["conversion"], year["reliance"]
    rows = []
    for i in range(len(r.decisions)):
        rows.append((
            A.quarter_label(r.decisions["quarter"].iat[i]), A.whole(r.volumes["contacts"].iat[i]),
            A.whole(r.volumes["referrals"].iat[i]), A.proportion(r.conversion["percent_referred"].iat[i]),
            A.proportion(r.decisions["percent_in_timescale"].iat[i]), A.proportion(r.volumes["percent_re_referrals"].iat[i]),
            A.proportion(r.reliance["percent_resolved_below"].iat[i]),
        ))
    quarters = Table(
        f"Contacts, referrals and decisions by quarter, to {long_date(as_of)}",
        [Column("quarter", "Quarter"), Column("contacts", "Contacts", T.INTEGER), Column("referrals", "Referrals", T.INTEGER),
         Column("referred", "% of contacts referred", T.PERCENT, "0.0%"),
         Column("decided", f"% decided within {door.decision_timescale}", T.PERCENT, "0.0%"),
         Column("re_referrals", "% re-referrals within 12 months", T.PERCENT, "0.0%"),
         Column("resolved_below", "% resolved at early help or below", T.PERCENT, "0.0%")],
        rows,
        totals=("All quarters", A.whole(v["contacts"]), A.whole(v["referrals"]), A.proportion(c["percent_referred"]),
                A.proportion(d["percent_in_timescale"]), A.proportion(v["percent_re_referrals"]),
                A.proportion(rel["percent_resolved_below"])),
        measures=[m["decisions"], m["re_referrals"], m["conversion"], m["reliance"]], sheet="By quarter",
    )
    outcome_rows = [(A.quarter_label(q), *[A.whole(r.reliance[key].iat[i]) for key, _ in OUTCOMES])
                    for i, q in enumerate(r.reliance["quarter"])]
    outcomes = Table(
        "Decided contacts by outcome, by quarter",
        [Column("quarter", "Quarter"), *[Column(key, name, T.INTEGER) for key, name in OUTCOMES]],
        outcome_rows,
        totals=("All quarters", *[A.whole(rel[key]) for key, _ in OUTCOMES]),
        measures=[m["reliance"]], sheet="Outcomes by quarter",
    )
    outcome_chart = StackedBarChart("Decided contacts by outcome, by quarter", outcomes, category="quarter",
                                    series=[key for key, _ in OUTCOMES], y_label="Contacts", colours=OUTCOME_COLOURS)
    return Section("The front door by quarter", [quarters, outcome_chart, outcomes]), quarters



def _conversion(r: FrontDoorResults, m: dict[str, Measure], year: dict[str, Any]) -> Section:
    """From contact to plan: the funnel, and assessments by outcome."""
    c = year["conversion"]
    funnel = Table(
        "From contact to plan: each stage's number, and its share of the stage before",
        [Column("stage", "Stage"), Column("number", "Number", T.INTEGER),
         Column("share", "% of the stage before", T.PERCENT, "0.0%")],
        [("Contacts", A.whole(c["contacts"]), None),
         ("Referrals to social care", A.whole(c["referrals"]), A.proportion(c["percent_referred"])),
         ("Assessments", A.whole(c["assessments"]), A.proportion(c["percent_assessed"])),
         ("Child in need or child protection plans", A.whole(c["plans"]), A.proportion(c["percent_to_plan"]))],
        measures=[m["conversion"]], sheet="Funnel",
    )
    funnel_chart = FunnelChart("How many contacts went on to each stage", funnel, stage="stage", count="number", share="share",
                               x_label="Number")
    ao = year["assessment_outcomes"]
    assessment = Table(
        "Assessments by outcome",
        [Column("outcome", "Outcome"), Column("assessments", "Assessments", T.INTEGER)],
        [(name, A.whole(ao[key])) for key, name in ASSESSMENT_OUTCOMES],
        totals=("All assessments", A.whole(ao["assessments"])), measures=[m["outcomes"]], sheet="Assessment outcomes",
        note=f"No further action after {A.plain(ao['percent_nfa']):.1f}% of assessments." if not A.missing(ao["percent_nfa"])
        else None,
    )
    return Section("From contact to plan", [funnel_chart, funnel, assessment])



def _levels(door: Any, r: FrontDoorResults, m: dict[str, Measure], year: dict[str, Any]) -> Section:
    """Agreement on levels of need by referring agency, steps between levels, and the referral rate."""
    names = door.agencies
    agreement = Table(
        "The referrer's level of need against the level decided, by referring agency",
        [Column("agency", "Agency"), Column("contacts", "Contacts", T.INTEGER), Column("rated", "Rated", T.INTEGER),
         Column("agree", "% agree", T.PERCENT, "0.0%"), Column("over", "% referrer's level higher", T.PERCENT, "0.0%"),
         Column("under", "% referrer's level lower", T.PERCENT, "0.0%"), Column("kappa", "Cohen's kappa", T.NUMBER, "0.00")],
        [(str(names.get(x.agency, x.agency)), A.whole(x.contacts), A.whole(x.rated), A.proportion(x.percent_agree),
          A.proportion(x.percent_over), A.proportion(x.percent_under), A.plain(x.kappa)) for x in r.agreement.itertuples()],
        measures=[m["agreement"]], sheet="Agreement",
        note="Rated: contacts with both the referrer's level and the decided level known.",
    )
    st = year["steps"]
    steps = Table(
        "Steps between levels of need, by quarter",
        [Column("quarter", "Quarter"), Column("steps", "Steps", T.INTEGER), Column("step_ups", "Step-ups", T.INTEGER),
         Column("step_downs", "Step-downs", T.INTEGER), Column("to_early_help", "To early help", T.INTEGER),
         Column("re_escalated", "Re-escalated within 12 months", T.INTEGER),
         Column("awaiting", "12 months not yet passed", T.INTEGER), Column("not_allowed", "Not listed", T.INTEGER)],
        [(A.quarter_label(x.quarter), A.whole(x.steps), A.whole(x.step_ups), A.whole(x.step_downs), A.whole(x.to_early_help),
          A.whole(x.re_escalated), A.whole(x.awaiting), A.whole(x.not_allowed)) for x in r.steps.itertuples()],
        totals=("All quarters", A.whole(st["steps"]), A.whole(st["step_ups"]), A.whole(st["step_downs"]),
                A.whole(st["to_early_help"]), A.whole(st["re_escalated"]), A.whole(st["awaiting"]), A.whole(st["not_allowed"])),
        measures=[m["steps"]], sheet="Steps",
    )
    detail_blocks: list[Any] = [agreement, steps]
    if r.rate is not None:
        detail_blocks.append(Table(
            "Referrals per 10,000 children aged 0 to 17",
            [Column("year", "Year"), Column("referrals", "Referrals", T.INTEGER), Column("children", "Children", T.INTEGER),
             Column("rate", "Per 10,000", T.NUMBER, "#,##0.0"), Column("complete", "Year complete")],
            [(str(x.year), A.whole(x.referrals), A.whole(x.children), A.plain(x.rate_per_10000), A.yes_no(x.complete))
             for x in r.rate.itertuples()],
            measures=[m["rate"]], sheet="Referral rate",
        ))
    return Section("Agencies and levels of need", detail_blocks)


def _quality(door: Any) -> Section:
    """Rows read, used and rejected, and the data-quality findings."""
    return Section("Data quality", [
        quality_summary(door.summary, len(door.findings), sheet="Rows"),
        findings_table(door.findings, "Contacts and steps with a data-quality finding",
                       ["table", "row", "contact", "column", "value", "problem", "action"], "Findings"),
    ])
