"""Builders of the library's small results: a measure table, a proportion, a timeliness figure, a
returns' timeliness measure (figure, monthly table, what is overdue) and the engine's data quality.
Each arranges the result's own figures into a :class:`Report`; none computes a figure."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import _arrange as A
from ._format import long_date, percent_text
from ._model import (
    Column,
    DataQualitySummary,
    FindingItem,
    Findings,
    FunnelChart,
    KeyFigure,
    KeyFigures,
    Measure,
    Paragraph,
    Report,
    Role,
    RowAccount,
    Section,
    StackedBarChart,
    Table,
    TimescaleChart,
)
from ._types import ColumnType as T
from ._types import Status, Tone

#: What each counting measure counts, as a reader names it.
MEASURE_NAMES: dict[str, str] = {
    "ssda903.participation": "Participation of children in their looked-after reviews",
    "ssda903.reasons_ceased": "Episodes ceased in the year, by reason",
    "ssda903.looked_after_at_31_march": "Children looked after",
    "ssda903.placements": "Placements during the year",
    "ssda903.three_or_more_placements": "Children looked after at 31 March with three or more placements in the year",
    "ssda903.missing_episodes": "Missing and away-from-placement episodes started in the year",
    "cin.referrals": "Referrals in the year",
    "cin.re_referrals": "Re-referrals within 12 months of the previous referral",
    "cin.nfa_referrals": "Referrals leading to no further action",
    "cin.plans_lasting_two_years_or_more": "Child protection plans ended in the year that lasted two years or more",
    "cin.second_or_later_plans": "Child protection plans started in the year that were a second or later plan",
}

MET = Status("Met", Tone.GREEN)
NOT_MET = Status("Not met", Tone.RED)


def measure_name(measure: str) -> str:
    return MEASURE_NAMES.get(measure, measure)


def counting(measure: str, source: str) -> Measure:
    return A.counting_measure(measure_name(measure), measure, source)


def against(percent: Any, target: float | None) -> Status | None:
    """Met or not met: a percentage (0 to 100) against a target proportion; nothing without either."""
    return against_share(A.proportion(percent), target)


def against_share(value: float | None, target: float | None) -> Status | None:
    """Met or not met: a share (0 to 1) against a target proportion; nothing without either."""
    if target is None or value is None:
        return None
    return MET if value >= target - 1e-12 else NOT_MET


# --- A timeliness figure and measure ------------------------------------------------------------


def figure_row(figure: Any) -> tuple[Any, ...]:
    return (figure.measure, figure.done, figure.in_timescale, A.share(figure.share), figure.out_of_timescale,
            figure.overdue, figure.missed)


FIGURE_COLUMNS = [
    Column("measure", "Measure"),
    Column("done", "Done in the year", T.INTEGER),
    Column("in_timescale", "In timescale", T.INTEGER),
    Column("share", "% in timescale", T.PERCENT, "0.0%"),
    Column("out_of_timescale", "Out of timescale", T.INTEGER),
    Column("overdue", "Overdue at the year's end", T.INTEGER),
    Column("missed", "Missed", T.INTEGER),
]


def not_computable_table(caption: str, what: str, reason: str, cited: Measure, sheet: str | None = None) -> Table:
    """A measure the data cannot give, in the place of its table: one row naming it as not
    computable with the library's reason, and its citation (a counting measure's definition, or
    the editions of a timeliness measure's rules). No zeros: they would read as nothing done."""
    return Table(caption, [Column("what", "Measure"), Column("figure", "Figure")], [(what, f"not computable: {reason}")],
                 measures=[cited], sheet=sheet)


def used_citations(measure: Any) -> list[tuple[str, str, str, str]]:
    """The citations (rule, edition, source, confidence) of the editions that judged the measure's
    instances; every citation of its rules when it judged none."""
    instances = measure.instances
    used = set(zip(instances["rule"].astype(str), instances["edition"].astype(str))) if len(instances) else set()
    citations = [c for c in measure.citations if (c.rule, c.edition) in used] or list(measure.citations)
    return [(c.rule, c.edition, c.source, c.confidence) for c in citations]


def timeliness_figure_report(figure: Any, **_: Any) -> Report:
    table = Table(
        f"{figure.measure.capitalize()} in {figure.year.label}",
        FIGURE_COLUMNS,
        [figure_row(figure)],
        measures=[Measure(figure.measure, rule=", ".join(figure.rules) or figure.rule, source=figure.source or None)],
        sheet="Figure",
    )
    chart = StackedBarChart(
        f"{figure.measure.capitalize()} in {figure.year.label}: in and out of timescale, overdue and missed",
        table, category="measure", series=["in_timescale", "out_of_timescale", "overdue", "missed"], y_label="Number",
        horizontal=True,
    )
    return Report(
        f"{figure.measure.capitalize()} in {figure.year.label}", figure.year.end,
        [Section("Summary", [_figure_key(figure, None), chart, table], role=Role.SUMMARY)],
    )


def _figure_key(figure: Any, target: float | None) -> KeyFigures:
    status = against_share(A.share(figure.share), target)
    return KeyFigures([
        KeyFigure(f"of {figure.measure} in timescale" + (f" (target {percent_text(target)})" if target else ""),
                  A.share(figure.share), T.PERCENT, "0.0%", status=status,
                  detail=f"{figure.in_timescale:,} of {figure.done:,} done in {figure.year.label}" if figure.computable
                  else f"not computable: {figure.not_computable}"),
        KeyFigure("done in the year", figure.done),
        KeyFigure(f"overdue at {long_date(figure.year.end)}", figure.overdue,
                  status="overdue" if figure.overdue else None),
        KeyFigure("missed (closed unfinished after the due date)", figure.missed),
    ])


def monthly_table(measure: Any, target: float | None, caption: str | None = None, sheet: str | None = None,
                  cited: Measure | None = None) -> Table:
    """A timeliness measure's monthly table (``by_month``), as the IRO report lays it out."""
    months = measure.by_month()
    frame = months.to_frame()
    figure = measure.figure
    rows: list[tuple[Any, ...]] = []
    for month, row in frame.iterrows():
        rows.append((A.day(month), A.whole(row["held"]), A.whole(row["in_timescale"]), A.whole(row["out_of_timescale"]),
                     A.proportion(row["percent_in_timescale"]), A.whole(row["not_judged"]),
                     against(row["percent_in_timescale"], target)))
    columns = [
        Column("month", "Month", T.DATE, "mmmm yyyy"),
        Column("held", "Held", T.INTEGER),
        Column("in_timescale", "In timescale", T.INTEGER),
        Column("out_of_timescale", "Out of timescale", T.INTEGER),
        Column("percent_in_timescale", "% in timescale", T.PERCENT, "0.0%"),
        Column("not_judged", "Not judged", T.INTEGER),
    ]
    if target is not None:
        columns.append(Column("against", f"Against the {percent_text(target)} target", T.RAG))
    else:
        rows = [r[:-1] for r in rows]
    totals: list[Any] = ["Year", None, figure.in_timescale, figure.out_of_timescale, A.share(figure.share),
                         None]
    if target is not None:
        totals.append(against_share(A.share(figure.share), target))
    return Table(
        caption or f"{figure.measure.capitalize()} held in and out of timescale, by month, {figure.year.label}",
        columns, rows, totals=totals,
        measures=[cited or A.cited_measure(figure.measure.capitalize(), used_citations(measure),
                                           note="in timescale: done on or before the due date")],
        note="Held: every one in the return, judged or not; not judged: in a period of care or a case that began "
        "before the returns loaded, or not usable (the JSON output lists each with its reason). The year's row "
        "counts those judged.",
        sheet=sheet or "By month",
    )


def timescale_chart(table: Table, target: float | None, what: str) -> TimescaleChart:
    return TimescaleChart(
        f"{what.capitalize()}: share in and out of timescale by month"
        + (f", against the {percent_text(target)} target" if target else ""),
        table, category="month", within="in_timescale", outside="out_of_timescale", target=target,
        share="percent_in_timescale", y_label=f"{what.capitalize()} judged",
        target_label=f"Target {percent_text(target)}" if target else None,
    )


def overdue_table(measure: Any, caption: str, sheet: str, id_heading: str = "Child") -> Table:
    """The instances overdue at the measure's date: who, which rule, when due, how late (from the
    engine), and the row of the return that started the clock (its file named once, in the table's
    note, when every clock started in the same file)."""
    instances = measure.instances
    overdue = instances[instances["status"] == "overdue"]
    files = {Path(str(f)).name for f in overdue["start_file"] if not A.missing(f)} if len(overdue) else set()
    one_file = len(files) == 1

    def started_by(r: Any) -> str:
        name = "" if A.missing(r.start_file) else Path(str(r.start_file)).name
        row = "" if A.missing(r.start_file_row) else f"row {A.whole(r.start_file_row)}"
        return (row or name) if one_file else " ".join(p for p in (name, row) if p)

    rows = [
        (str(r.child) if not A.missing(r.child) else str(r.case), str(r.rule), A.day(r.start), A.day(r.due),
         A.whole(r.late_working_days), A.whole(r.late_days), started_by(r))
        for r in overdue.itertuples()
    ]
    return Table(
        caption,
        [Column("child", id_heading), Column("rule", "Rule"), Column("start", "Clock started", T.DATE),
         Column("due", "Due", T.DATE), Column("late_working_days", "Working days overdue", T.INTEGER),
         Column("late_days", "Days overdue", T.INTEGER), Column("from", "Clock started by")],
        rows,
        measures=[A.cited_measure("Overdue: not done by the date, and due before it", used_citations(measure))],
        note=f"Clock started by: the row of {next(iter(files))} that started it." if one_file else None,
        sheet=sheet,
    )


def months_below(table: Table, target: float | None, what: str, rule: str) -> Findings:
    items = []
    if target is not None:
        for row in table.rows:
            if isinstance(row[-1], Status) and row[-1] is NOT_MET:
                items.append(FindingItem(
                    "not met",
                    f"{table.text(row, 'month')}: {table.text(row, 'percent_in_timescale')} of {what} in timescale",
                    detail=f"{table.text(row, 'in_timescale')} in timescale and {table.text(row, 'out_of_timescale')} out of "
                    f"timescale, against a target of {percent_text(target)}.",
                    reference=rule,
                ))
    return Findings(items, heading=f"Months below the {percent_text(target)} target" if target else "Months below the target",
                    empty="No month fell below the target.", sheet="Months below target")


def timeliness_measure_report(measure: Any, target: float | None = None, **_: Any) -> Report:
    figure = measure.figure
    what = figure.measure
    if not figure.computable:
        # No monthly table, overdue list or months below the target: the measure named as not
        # computable with its reason in their place, as the returns report shows it.
        cited = A.cited_measure(what.capitalize(), used_citations(measure))
        return Report(
            f"{what.capitalize()} in timescale, {figure.year.label}", figure.year.end,
            [
                Section("Summary", [_figure_key(figure, target)], role=Role.SUMMARY),
                Section("Needing action", [not_computable_table(f"Overdue at {long_date(figure.year.end)}: {what}", what,
                                                                figure.not_computable, cited, "Overdue")],
                        role=Role.ACTION),
                Section("By month", [not_computable_table(f"{what.capitalize()} held in and out of timescale, by month, "
                                                          f"{figure.year.label}", what, figure.not_computable, cited,
                                                          "By month")]),
                Section("Data quality", [_quality_block(measure.data_quality, "Events")]),
            ],
        )
    table = monthly_table(measure, target)
    chart = timescale_chart(table, target, what)
    overdue = overdue_table(measure, f"Overdue at {long_date(figure.year.end)}: {what}", "Overdue")
    action_blocks: list[Any] = [overdue]
    if target is not None:
        action_blocks.insert(0, months_below(table, target, what, figure.rule))
    return Report(
        f"{what.capitalize()} in timescale, {figure.year.label}", figure.year.end,
        [
            Section("Summary", [_figure_key(figure, target)], role=Role.SUMMARY),
            Section("Needing action", action_blocks, role=Role.ACTION),
            Section("By month", [chart, table]),
            Section("Data quality", [_quality_block(measure.data_quality, "Events")]),
        ],
    )


# --- Counting measures -----------------------------------------------------------------------------


def proportion_report(p: Any, **_: Any) -> Report:
    import datetime as dt

    table = Table(
        measure_name(p.measure) if p.measure else "Proportion",
        [Column("what", "Counted"), Column("count", "Count", T.INTEGER), Column("total", "Of", T.INTEGER),
         Column("share", "%", T.PERCENT, "0.0%")],
        [(measure_name(p.measure) if p.measure else "count", p.count, p.total, A.share(p.share))],
        measures=[counting(p.measure, p.source)] if p.measure else [],
        sheet="Figure",
    )
    bars = Table(
        f"{table.caption}: the count and its total",
        [Column("stage", "Of"), Column("number", "Number", T.INTEGER)],
        [("all", p.total), ("counted", p.count)],
    )
    chart = FunnelChart(table.caption, bars, stage="stage", count="number")
    return Report(table.caption, dt.date.today(), [Section("Summary", [table, chart], role=Role.SUMMARY)])


def measure_table(t: Any, caption: str | None = None, sheet: str | None = None) -> tuple[Table, Any]:
    """A measure table (``MeasureTable``) as a table, and the chart that fits it (or None)."""
    frame = t.to_frame()
    when = f" in {t.year.label}" if t.year is not None else (f" as of {long_date(t.as_of)}" if t.as_of else "")
    cited = None
    if t.rules:  # a timeliness measure's table: its rules are in its source text
        cited = Measure(t.measure.capitalize(), rule=", ".join(t.rules), source=t.source or None)
    measure = cited or (counting(t.measure, t.source) if t.measure in MEASURE_NAMES else Measure(t.measure, source=t.source))
    title = caption or f"{measure_name(t.measure)}{when}"
    if {"in_timescale", "out_of_timescale", "percent_in_timescale"} <= set(frame.columns) and frame.index.name == "month":
        table = A.frame_table(frame, title, measures=[measure], sheet=sheet)
        return table, TimescaleChart(title, table, category="month", within="in_timescale", outside="out_of_timescale",
                                     target=None, share="percent_in_timescale", y_label="Judged")
    if t.measure == "ssda903.participation":
        from ..ssda903 import PARTICIPATION_CODES

        table = A.frame_table(frame.assign(description=[PARTICIPATION_CODES.get(str(c), "") for c in frame.index]), title,
                              columns=["REVIEW_CODE", "description", "reviews", "share"],
                              headings={"description": "Participation", "share": "% of reviews"}, measures=[measure],
                              sheet=sheet)
        return table, FunnelChart(title, table, stage="REVIEW_CODE", count="reviews", share="share", x_label="Reviews")
    if t.measure == "Annex A: latest records overdue, per check":
        table = A.frame_table(frame, title, columns=["list", "check", "children", "judged", "overdue", "percent_overdue", "rule"],
                              values={"list": lambda v: f"List {A.plain(v)}"}, measures=[measure], sheet=sheet)
        return table, StackedBarChart(title, table, category="check", series=["overdue"], y_label="Children overdue",
                                      horizontal=True)
    table = A.frame_table(frame, title, measures=[measure], sheet=sheet)
    counts = [c.key for c in table.columns[1:] if c.type is T.INTEGER]
    if counts and table.columns[0].type is T.TEXT and len(table.rows) <= 40 and len(table.rows) > 0:
        share = next((c.key for c in table.columns if c.type is T.PERCENT), None)
        chart = FunnelChart(title, table, stage=table.columns[0].key, count=counts[0], share=share,
                            x_label=table.column(counts[0]).heading)
        return table, chart
    if counts and table.columns[0].type is T.INTEGER and 0 < len(table.rows) <= 40:
        # A count by number (placements: children with 1, 2, 3…): the number as the category.
        labelled = A.frame_table(frame, title, measures=[measure], sheet=sheet,
                                 values={table.columns[0].key: lambda v: str(A.plain(v))})
        return labelled, FunnelChart(title, labelled, stage=labelled.columns[0].key, count=counts[0],
                                     x_label=labelled.column(counts[0]).heading)
    return table, None


def measure_table_report(t: Any, **_: Any) -> Report:
    import datetime as dt

    table, chart = measure_table(t)
    blocks: list[Any] = [chart, table] if chart is not None else [table]
    as_of = t.year.end if t.year is not None else (t.as_of or dt.date.today())
    return Report(table.caption, as_of, [Section("Summary", blocks, role=Role.SUMMARY)])


# --- Data quality ----------------------------------------------------------------------------------

ROW_USES = {
    "used": "used by an instance",
    "after_as_of": "dated after the as-of date (not yet known)",
    "no_rule": "an event no rule asked for uses",
    "not_in_force": "no edition of the rule in force on its date",
    "not_needed": "not needed (a chain already closed)",
    "superseded": "superseded by a later row",
    "problem": "a data-quality finding",
}


def _quality_block(quality: Any, what: str) -> Table:
    rows = [(use, ROW_USES.get(str(use), str(use)), A.whole(n)) for use, n in quality.rows.items()]
    return Table(
        f"{what}: what became of each row ({quality.total:,} rows)",
        [Column("use", "Use"), Column("meaning", "Meaning", row_header=False), Column("rows", "Rows", T.INTEGER)],
        rows, totals=("All rows", None, quality.total), sheet="Rows",
    )


def findings_table(findings: Any, caption: str, columns: Sequence[str], sheet: str, limit: int | None = 500) -> Table:
    """A findings DataFrame as a table (the first ``limit`` rows, saying so)."""
    shown = findings if limit is None or len(findings) <= limit else findings.iloc[:limit]
    note = None
    if limit is not None and len(findings) > limit:
        note = f"The first {limit:,} of {len(findings):,} findings: the JSON output lists them all."
    return A.frame_table(shown.reset_index(drop=True), caption, columns=list(columns), note=note, sheet=sheet, index=False)


def data_quality_report(quality: Any, **_: Any) -> Report:
    import datetime as dt

    table = _quality_block(quality, "Events")
    findings = findings_table(quality.findings, "Data-quality findings",
                              ["row", "case", "event", "date", "rule", "kind", "message"], "Findings")
    chart = FunnelChart("Rows by use", table, stage="use", count="rows", x_label="Rows")
    return Report(
        "Data quality of the events", quality.as_of or dt.date.today(),
        [Section("Summary", [chart, table], role=Role.SUMMARY),
         Section("Findings", [findings], role=Role.ACTION)],
    )


def rows_account(summary: Any) -> list[RowAccount]:
    """A loaded return's ``summary`` (read, used, rejected, merged per table) as row accounts."""
    out = []
    for table, row in summary.iterrows():
        out.append(RowAccount(str(table), A.whole(row["read"]) or 0, A.whole(row["used"]) or 0,
                              A.whole(row["rejected"]) or 0, A.whole(row.get("merged", 0)) or 0,
                              A.whole(row.get("after_as_of", 0)) or 0))
    return out


def quality_summary(summary: Any, findings: int, note: str | None = None, sheet: str | None = None) -> DataQualitySummary:
    return DataQualitySummary(rows_account(summary), findings=findings, note=note, sheet=sheet)


def paragraph(text: str) -> Paragraph:
    return Paragraph(text)
