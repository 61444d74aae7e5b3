"""The plain-text renderer: a report as a terminal or an email shows it, in the same order as the page
(summary, then what needs action, then detail). Every value is written as the page writes it; a
chart is named and its figures are given as its table. Needs nothing beyond the library."""

from __future__ import annotations

import textwrap

from . import _format
from ._model import Chart, DataQualitySummary, Findings, KeyFigures, Measure, Paragraph, Report, Table

WIDTH = 100


def _wrap(text: str, indent: str = "", first: str | None = None) -> str:
    return textwrap.fill(
        text, WIDTH, initial_indent=indent if first is None else first, subsequent_indent=indent, break_on_hyphens=False
    )


def _measures(measures: list[Measure], out: list[str]) -> None:
    for m in measures:
        out.append(_wrap(_format.measure_text(m, with_note=True), "    ", "  * "))


def table_text(table: Table, number: int | None = None) -> list[str]:
    """A table as aligned columns: numbers right-aligned, its caption above, its measures below."""
    out = [_wrap(f"Table {number}: {table.caption}" if number else table.caption)]
    header = [c.heading for c in table.columns]
    body = [[c.text(v) for c, v in zip(table.columns, row)] for row in table.rows]
    foot = (
        [("" if v is None else c.text(v)) for c, v in zip(table.columns, table.totals)] if table.totals is not None else None
    )
    if not body:
        out.append("  (no rows)")
    every = [header, *body, *([foot] if foot else [])]
    widths = [max(len(r[i]) for r in every) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        parts = [cell.rjust(w) if column.numeric else cell.ljust(w) for cell, w, column in zip(cells, widths, table.columns)]
        return ("  " + "  ".join(parts)).rstrip()

    if body:
        out.append(line(header))
        out.append("  " + "  ".join("-" * w for w in widths))
        out.extend(line(r) for r in body)
        if foot:
            out.append("  " + "  ".join("-" * w for w in widths))
            out.append(line(foot))
    if table.note:
        out.append(_wrap(table.note, "  "))
    if table.measures:
        out.append("  About these figures:")
        _measures(list(table.measures), out)
    return out


def render_text(report: Report) -> str:
    out: list[str] = [report.title]
    if report.subtitle:
        out.append(report.subtitle)
    if report.organisation:
        out.append(report.organisation)
    out.append(f"Figures as of {_format.long_date(report.as_of)}")
    placed = {id(b) for b in report.blocks() if isinstance(b, Table)}
    numbers: dict[int, int] = {}

    def number(table: Table) -> int:
        if id(table) not in numbers:
            numbers[id(table)] = len(numbers) + 1
        return numbers[id(table)]

    figures = 0
    for section in report.ordered_sections():
        out.extend(["", "", section.heading.upper(), "=" * len(section.heading)])
        for block in section.blocks:
            out.append("")
            if block.heading and not isinstance(block, Paragraph):
                out.extend([block.heading, "-" * len(block.heading)])
            if isinstance(block, Paragraph):
                if block.heading:
                    out.extend([block.heading, "-" * len(block.heading)])
                out.append(_wrap(block.text))
            elif isinstance(block, KeyFigures):
                width = max((len(k.text) for k in block.items), default=0)
                for k in block.items:
                    status = f" [{k.status}]" if k.status is not None else ""
                    detail = f" ({k.detail})" if k.detail else ""
                    out.append(_wrap(f"{k.label}{status}{detail}", " " * (width + 4), f"  {k.text.rjust(width)}  "))
            elif isinstance(block, Findings):
                if not block.items:
                    out.append(f"  {block.empty}")
                for item in block.items:
                    meta = _format.finding_meta(item, capitalised=False)
                    out.append(_wrap(f"[{item.status}] {item.title}", "      ", "  "))
                    if item.detail:
                        out.append(_wrap(item.detail, "      "))
                    if meta:
                        out.append(_wrap("; ".join(meta), "      "))
            elif isinstance(block, Table):
                out.extend(table_text(block, number(block)))
            elif isinstance(block, Chart):
                figures += 1
                out.append(_wrap(f"Figure {figures}: {block.title}"))
                if id(block.table) in placed:
                    out.append(f"  (a chart; its figures are in Table {number(block.table)})")
                else:
                    out.append("  (a chart; its figures:)")
                    out.extend(table_text(block.table, number(block.table)))
            elif isinstance(block, DataQualitySummary):
                if block.note:
                    out.append(_wrap(block.note))
                out.extend(table_text(block.as_table(), len(numbers) + 1))
                numbers[id(block)] = len(numbers) + 1
                out.append(f"  {_format.plural(block.findings, 'data-quality finding')}")
        if section.measures:
            out.append("")
            out.append("About the figures in this section:")
            _measures(list(section.measures), out)
    if report.note:
        out.extend(["", _wrap(report.note)])
    return "\n".join(out) + "\n"
