"""The case timeliness engine's result (``sg.timeliness``) as a report, and an action plan's RAG
ratings (``sg.rag``) as one: what is overdue first, then each rule's figures, the outcome bands of a
banded rule (the LADO's 1, 3 and 12 months against the targets their source sets, from ``sg.bands``), month by month,
and what became of every event row. The figures are the library's (``summarise``, ``bands``, the
instances); this module arranges them."""

from __future__ import annotations

import datetime as dt
from typing import Any
from collections.abc import Sequence

from . import _arrange as A
from ._format import long_date, percent_text
from ._model import (
    BandsChart,
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
    Table,
    TimescaleChart,
)
from ._results import MET, NOT_MET, _quality_block, against, against_share, findings_table
from ._types import ColumnType as T
from ._types import Status


def short_title(title: str) -> str:
    """A rule's title up to its colon ("Allegation cases resolved: 80% within 1 month…" is
    "Allegation cases resolved"): the rest is its timescale, which the tables give."""
    return title.split(":", 1)[0].strip() or title


def rule_measure(catalogue: Any, rule_id: str, editions: Sequence[str] = ()) -> Measure:
    """A rule of the catalogue as a measure: its id, the editions that judged (or all), their
    sources and confidence."""
    rule = catalogue.rule(rule_id)
    chosen = [e for e in rule.editions if not editions or e.name in editions] or list(rule.editions)
    return A.cited_measure(rule.title, [(rule.id, e.name, e.source, e.confidence) for e in chosen])


def _editions_of(instances: Any, rule_id: str) -> list[str]:
    part = instances[instances["rule"] == rule_id]
    return [str(e) for e in dict.fromkeys(part["edition"].astype(str))] if len(part) else []


def _in_year(month: Any, year: Any) -> bool:
    start = A.day(month)
    return year is None or (start is not None and year.start <= start <= year.end)


def _band_rows(result: Any, present: Sequence[str]) -> dict[str, list[tuple[str, list[tuple[Any, ...]]]]]:
    """Each banded rule's bands (``sg.bands``), by edition: band, concluded, within, share, target,
    met or not, open."""
    from .._timeliness import bands

    out: dict[str, list[tuple[str, list[tuple[Any, ...]]]]] = {}
    for rule_id in present:
        if not any(e.bands for e in result.catalogue.rule(rule_id).editions):
            continue
        table = bands(result, rule_id)
        out[rule_id] = []
        for edition, part in table.groupby("edition", sort=False):
            rows: list[tuple[Any, ...]] = []
            for b in part.itertuples():
                met = None if A.missing(b.meets_target) else (MET if bool(b.meets_target) else NOT_MET)
                rows.append((f"Within {b.band}", A.whole(b.concluded), A.whole(b.within), A.proportion(b.percent_within),
                             A.proportion(b.target), met, A.whole(b.open)))
            out[rule_id].append((str(edition), rows))
    return out


def timeliness_report(
    result: Any,
    *,
    target: float | None = None,
    year: Any = None,
    title: str | None = None,
    organisation: str | None = None,
    overdue_limit: int | None = None,
    **_: Any,
) -> Report:
    """A :class:`~safeguarding.TimelinessResult` as a report. ``target`` (a proportion) draws a line on
    the monthly charts and rates each month; ``year`` (a :class:`~safeguarding.ReportingYear`) keeps
    the monthly tables to its months."""
    from .._timeliness import summarise

    catalogue = result.catalogue
    as_of = result.as_of or dt.date.today()
    summary = summarise(result, percentiles=(50,))
    present = [str(r) for r in summary["rule"]]
    titles = {r: short_title(catalogue.rule(r).title) for r in present}
    name = title or ("Timeliness: " + "; ".join(titles[r] for r in present[:3]) + ("…" if len(present) > 3 else "")
                     if present else "Timeliness")
    banded = _band_rows(result, present)
    sections = [_summary_section(result, summary, titles, banded, target, as_of)]
    action_blocks = _overdue_blocks(result, as_of, overdue_limit)
    band_sections = []
    for rule_id, editions in banded.items():
        for edition, band_rows in editions:
            section, missed = _bands_section(catalogue, rule_id, edition, band_rows)
            band_sections.append(section)
            if missed is not None:
                action_blocks.append(missed)
    month_sections, below = _month_sections(result, present, titles, year, target)
    if target is not None:
        action_blocks.insert(0, Findings(below, heading=f"Months below the {percent_text(target)} target",
                                         empty="No month fell below the target.", sheet="Months below target"))
    sections.append(Section("Needing action", action_blocks, role=Role.ACTION))
    sections.extend(band_sections)
    sections.extend(month_sections)
    sections.append(_quality_section(result.data_quality))
    return Report(name, as_of, sections, organisation=organisation,
                  subtitle=f"Rules {', '.join(present)}" if present else None)


def _summary_section(result: Any, summary: Any, titles: dict[str, str],
                     banded: dict[str, list[tuple[str, list[tuple[Any, ...]]]]], target: float | None,
                     as_of: dt.date) -> Section:
    """The summary: key figures (each band of a banded rule, each other rule's share in timescale)
    and each rule's instances in and out of timescale."""
    instances = result.instances
    catalogue = result.catalogue
    present = list(titles)
    rows: list[tuple[Any, ...]] = []
    measures = []
    for r in summary.itertuples():
        rule_id = str(r.rule)
        rows.append((f"{titles[rule_id]} ({rule_id})", A.whole(r.instances), A.whole(r.in_timescale),
                     A.whole(r.out_of_timescale), A.proportion(r.percent_in_timescale), A.whole(r.overdue), A.whole(r.open),
                     A.whole(r.ended)))
        measures.append(rule_measure(catalogue, rule_id, _editions_of(instances, rule_id)))
    by_rule = Table(
        "Each rule's instances, in and out of timescale, as of " + long_date(as_of),
        [Column("rule", "Rule"), Column("instances", "Instances", T.INTEGER),
         Column("in_timescale", "In timescale", T.INTEGER), Column("out_of_timescale", "Out of timescale", T.INTEGER),
         Column("percent_in_timescale", "% in timescale", T.PERCENT, "0.0%"), Column("overdue", "Overdue", T.INTEGER),
         Column("open", "Open (in time)", T.INTEGER), Column("ended", "Ended (not needed)", T.INTEGER)],
        rows, measures=measures, sheet="By rule",
        note="In timescale: done on or before the due date; out of timescale: done late, overdue, or missed (closed "
        "unfinished after the due date); open: not yet due; ended: closed before it was due. The JSON output gives "
        "each status, and the median time to done.",
    )
    key = []
    for rule_id, row in zip(present, rows):
        if rule_id in banded:
            for _edition, band_rows in banded[rule_id]:
                for b in band_rows:
                    # A band without a target (the LADO's 12 months: "all but the most exceptional") is
                    # shown with no status: a share, not a verdict.
                    aim = "no target" if b[4] is None else f"target {percent_text(b[4], '0%')}"
                    key.append(KeyFigure(f"of cases concluded {b[0][0].lower()}{b[0][1:]} ({aim})",
                                         b[3], T.PERCENT, "0%", status=b[5],
                                         detail=f"{b[2]:,} of {b[1]:,} concluded; {b[6]:,} still open"))
            continue
        key.append(KeyFigure(f"{titles[rule_id]} in timescale" + (f" (target {percent_text(target)})" if target else ""),
                             row[4], T.PERCENT, "0.0%", status=against_share(row[4], target),
                             detail=f"{row[2]:,} in and {row[3]:,} out of timescale; {row[5]:,} overdue"))
    key = key[:8]
    summary_blocks: list[Any] = []
    if key:
        summary_blocks.append(KeyFigures(key))
    summary_blocks.append(Paragraph(
        f"Every instance of {len(present)} rule{'s' if len(present) != 1 else ''} computed from "
        f"{result.data_quality.total:,} event rows, statuses as of {long_date(as_of)}, working days on the "
        f"{result.calendar.name} calendar."
    ))
    summary_blocks.append(by_rule)
    return Section("Summary", summary_blocks, role=Role.SUMMARY)


def _overdue_blocks(result: Any, as_of: dt.date, overdue_limit: int | None) -> list[Any]:
    """Needing action: what is overdue, case by case (the first ``overdue_limit``)."""
    instances = result.instances
    overdue = instances[instances["status"] == "overdue"]
    shown = overdue if overdue_limit is None or len(overdue) <= overdue_limit else overdue.iloc[:overdue_limit]
    overdue_rows = [(str(o.case), str(o.rule), A.day(o.start), A.day(o.due), A.whole(o.late_working_days), A.whole(o.late_days))
                    for o in shown.itertuples()]
    overdue_table = Table(
        f"Overdue as of {long_date(as_of)}: not done, and due before then",
        [Column("case", "Case"), Column("rule", "Rule"), Column("start", "Clock started", T.DATE), Column("due", "Due", T.DATE),
         Column("late_working_days", "Working days overdue", T.INTEGER), Column("late_days", "Days overdue", T.INTEGER)],
        overdue_rows, sheet="Overdue",
        note=None if len(shown) == len(overdue)
        else f"The first {len(shown):,} of {len(overdue):,}: the JSON output lists them all.",
        measures=[rule_measure(result.catalogue, r, _editions_of(overdue, r))
                  for r in dict.fromkeys(overdue["rule"].astype(str))],
    )
    return [overdue_table] if len(overdue) else [
        Findings([], heading=f"Overdue as of {long_date(as_of)}", empty="Nothing is overdue.")]


def _bands_section(catalogue: Any, rule_id: str, edition: str,
                   band_rows: list[tuple[Any, ...]]) -> tuple[Section, Findings | None]:
    """The outcome bands of a banded rule's edition (the LADO's allegations): a chart and a table;
    and, when a band has a target, the bands below theirs (None when none has one)."""
    rule = catalogue.rule(rule_id)
    caption = f"{short_title(rule.title)}: cases concluded within each band (cumulative), {edition}"
    bands_table = Table(
        caption,
        [Column("band", "Concluded"), Column("concluded", "Cases concluded", T.INTEGER),
         Column("within", "Within the band", T.INTEGER),
         Column("percent_within", "% of cases concluded", T.PERCENT, "0%"),
         Column("target", "Target", T.PERCENT, "0%", missing="no target"),
         Column("against", "Against the target", T.RAG),
         Column("open", "Still open", T.INTEGER)],
        band_rows, measures=[rule_measure(catalogue, rule_id, [str(edition)])], sheet="Bands",
        note="Cumulative: a case concluded within 1 month is also within 3 and 12 months. Open cases are not counted."
        + ("" if all(t[4] is not None for t in band_rows) else
           " A band with no target has none in the rule's source (for the LADO's 12 months, \"all but the most "
           "exceptional\" is not a percentage): its share is shown, not judged."),
    )
    targeted = any(t[4] is not None for t in band_rows)
    each = [f"{t[0][len('Within '):]} ({'no target' if t[4] is None else 'target ' + percent_text(float(t[4]))})"
            for t in band_rows]
    bands_chart = BandsChart(
        f"Cases concluded within {', '.join(each)}",
        bands_table, category="band", value="percent_within", target="target", y_label="Cases concluded (cumulative)")
    section = Section(f"{short_title(rule.title)}: outcome bands ({edition})", [bands_chart, bands_table])
    missed = [FindingItem(
        "not met", f"{b[0]}: {percent_text(float(b[3] or 0), '0%')} of cases concluded, against a target of "
        f"{percent_text(float(b[4] or 0), '0%')}", detail=f"{b[2]:,} of the {b[1]:,} cases concluded were concluded "
        f"{b[0][0].lower()}{b[0][1:]}.", reference=rule_id) for b in band_rows if b[5] is NOT_MET]
    if not targeted:
        return section, None
    return section, Findings(missed, heading=f"Bands below their target ({edition})",
                             empty="Every band with a target met it.", sheet="Bands below target")


def _month_sections(result: Any, present: list[str], titles: dict[str, str], year: Any,
                    target: float | None) -> tuple[list[Section], list[FindingItem]]:
    """Month by month, each rule (by the month each was done): a chart and a table per rule; and
    the months below ``target``."""
    from .._timeliness import summarise

    catalogue = result.catalogue
    monthly = summarise(result, by="month", date="completed", percentiles=())
    month_sections = []
    below: list[FindingItem] = []
    for rule_id in present:
        part = monthly[(monthly["rule"] == rule_id) & monthly["month"].notna()]
        part = part[[_in_year(m, year) for m in part["month"]]]
        if part.empty:
            continue
        month_rows: list[tuple[Any, ...]] = []
        for m in part.itertuples():
            month_rows.append((A.day(m.month), A.whole(m.in_timescale), A.whole(m.out_of_timescale),
                               A.proportion(m.percent_in_timescale), A.whole(m.instances),
                               against(m.percent_in_timescale, target)))
        columns = [Column("month", "Month done", T.DATE, "mmmm yyyy"), Column("in_timescale", "In timescale", T.INTEGER),
                   Column("out_of_timescale", "Out of timescale", T.INTEGER),
                   Column("percent_in_timescale", "% in timescale", T.PERCENT, "0.0%"),
                   Column("instances", "Done", T.INTEGER)]
        if target is not None:
            columns.append(Column("against", f"Against the {percent_text(target)} target", T.RAG))
        else:
            month_rows = [r[:-1] for r in month_rows]
        span = f", {year.label}" if year is not None else ""
        table = Table(f"{titles[rule_id]}: done in and out of timescale, by month{span}", columns, month_rows,
                      measures=[rule_measure(catalogue, rule_id, _editions_of(result.instances, rule_id))],
                      sheet=f"{rule_id} by month")
        chart = TimescaleChart(f"{titles[rule_id]}: share done in and out of timescale, by month"
                               + (f", against the {percent_text(target)} target" if target else ""),
                               table, category="month", within="in_timescale", outside="out_of_timescale", target=target,
                               share="percent_in_timescale", y_label="Done in the month")
        month_sections.append(Section(f"{titles[rule_id]}: by month", [chart, table]))
        for month_row in month_rows:
            if target is not None and month_row[-1] is NOT_MET:
                below.append(FindingItem("not met", f"{table.text(month_row, 'month')}: "
                                         f"{table.text(month_row, 'percent_in_timescale')} of {titles[rule_id].lower()} in "
                                         "timescale",
                                         detail=f"{month_row[2]:,} out of timescale, against a target of {percent_text(target)}.",
                                         reference=rule_id))
    return month_sections, below


def _quality_section(quality: Any) -> Section:
    """What became of every event row, and the data-quality findings."""
    findings = findings_table(quality.findings, "Event rows with a data-quality finding",
                              ["row", "case", "event", "date", "rule", "kind", "message"], "Findings")
    return Section("Data quality", [
        Paragraph(f"{quality.total:,} event rows; {len(quality.findings):,} data-quality findings. Rows are numbered from 0 "
                  "in the order given (a CSV file's row numbers are in the command's messages)."),
        _quality_block(quality, "Event rows"), findings])


def timeliness_dict(result: Any, year: Any = None, lines: Sequence[int] | None = None) -> dict[str, Any]:
    """The result as the ``safeguarding timeliness`` command writes it in JSON: each rule's figures,
    the bands of banded rules, the months, what is overdue and the data quality; ``lines`` names each
    event row's line in the file read (the JSON's ``line`` beside the engine's ``row``)."""
    from .._timeliness import bands, summarise
    from ._json import frame_records, value

    instances = result.instances
    monthly = summarise(result, by="month", date="completed", percentiles=())
    monthly = monthly[monthly["month"].notna()]
    if year is not None:
        monthly = monthly[[_in_year(m, year) for m in monthly["month"]]]
    overdue = instances[instances["status"] == "overdue"]
    quality = result.data_quality
    findings = frame_records(quality.findings)
    if lines is not None:
        for f in findings:
            f["line"] = lines[f["row"]] if f.get("row") is not None and 0 <= f["row"] < len(lines) else None
    catalogue = result.catalogue
    banded = [r for r in result.rules if any(e.bands for e in catalogue.rule(r).editions)]
    return {
        "as_of": value(result.as_of),
        "rules": list(result.rules),
        "calendar": result.calendar.name,
        "year": None if year is None else year.label,
        "summary": frame_records(summarise(result, percentiles=(50,))),
        "bands": {r: frame_records(bands(result, r)) for r in banded if (instances["rule"] == r).any()},
        "by_month": frame_records(monthly),
        "overdue": frame_records(overdue[["case", "rule", "edition", "start", "due", "late_working_days", "late_days"]]),
        "rows": {str(k): int(v) for k, v in quality.rows.items()},
        "row_count": quality.total,
        "findings": findings,
    }


# --- Action plans ------------------------------------------------------------------------------

RAG_ORDER = ("Red", "Amber", "Green", "Blue")


def action_plan_report(
    rated: Any,
    as_of: Any,
    *,
    title: str = "Action plan: progress",
    action: str | None = None,
    target: str = "target",
    owner: str | None = None,
    organisation: str | None = None,
    subtitle: str | None = None,
) -> Report:
    """An action plan rated by :func:`safeguarding.rag` (its ``rag`` and ``rag_reason`` columns) as a
    report: the red and amber actions first, then every action with its rating as text and colour.
    ``as_of`` is the date the plan was rated as of; ``action`` the column naming each action (the
    first text column by default), ``owner`` the column naming who leads it."""
    from .._convert import as_date

    day = as_date(as_of, "as_of")
    if "rag" not in rated.columns:
        raise ValueError("the action plan has no 'rag' column: rate it first with safeguarding.rag(plan, as_of)")
    label = action or next((c for c in rated.columns if c not in ("rag", "rag_reason", target, "completed", "progress")),
                           rated.columns[0])
    needing = []
    for row in rated.itertuples(index=False):
        data = row._asdict()
        rating = str(data["rag"])
        if rating in ("Red", "Amber"):
            reason = str(data.get("rag_reason", ""))
            needing.append(FindingItem(rating, str(data[label]), detail=reason[:1].upper() + reason[1:] + ".",
                                       due=A.day(data.get(target)),
                                       owner=str(data[owner]) if owner and not A.missing(data.get(owner)) else None))
    order = {r: i for i, r in enumerate(RAG_ORDER)}
    needing.sort(key=lambda f: order[f.status.label] if isinstance(f.status, Status) else 9)
    columns = [c for c in rated.columns if c not in ("rag", "rag_reason")]
    table = A.frame_table(
        rated.reset_index(drop=True), f"Every action, rated as of {long_date(day)}",
        columns=[*columns, "rag", "rag_reason"], index=False,
        headings={"rag": "RAG rating", "rag_reason": "Why", "target": "Target date", "completed": "Completed",
                  "progress": "Progress declared"},
        types={"rag": (T.RAG, None)},
        values={"rag": lambda v: Status.of(str(v)), "target": A.day, "completed": A.day},
        measures=[Measure("RAG rating of an action", rule="sg.rag",
                          source="the library's rule (docs/timeliness.md, Action plans): Blue completed; Red declared not on "
                          "track or past its target date; Amber a concern, no target date, or the target within 20 working "
                          "days and no progress declared; otherwise Green")],
        sheet="Actions",
    )
    return Report(title, day, [
        Section("Summary", [Paragraph(
            f"Each action's rating as of {long_date(day)}: red and amber actions are listed first, each with why; every "
            "action follows with its rating as text and colour (Blue: completed).")], role=Role.SUMMARY),
        Section("Needing action", [Findings(needing, heading="Red and amber actions", empty="No action is red or amber.",
                                            sheet="Red and amber")], role=Role.ACTION),
        Section("Every action", [table]),
    ], organisation=organisation, subtitle=subtitle)
