"""The HTML renderer: the model laid out for the Jinja2 templates in ``templates/``, one
self-contained page."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from . import _format
from ._charts import chart_svg
from ._deps import require
from ._model import (
    Block,
    Chart,
    Column,
    DataQualitySummary,
    Findings,
    KeyFigures,
    Measure,
    Paragraph,
    Report,
    Section,
    Table,
    Value,
)
from ._types import ColumnType, Status


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "section"


@dataclass
class Cell:
    text: str
    classes: str = ""
    status: Status | None = None
    header: bool = False


@dataclass
class TableView:
    table: Table
    id: str
    number: int
    head: list[tuple[Column, str]]
    rows: list[list[Cell]]
    totals: list[Cell] | None


@dataclass
class BlockView:
    kind: str
    block: Block
    id: str
    table: TableView | None = None
    svg: str = ""
    number: int = 0
    data_table: TableView | None = None  # a chart's table, when it has no place of its own
    linked_table: TableView | None = None  # a chart's table, placed elsewhere in the report


@dataclass
class SectionView:
    section: Section
    id: str
    blocks: list[BlockView] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)  # the section's, less those named under its tables


def _cell_class(column: Column) -> str:
    return "num" if column.numeric else ("date" if column.type is ColumnType.DATE else "")


def _column_classes(table: Table) -> list[str]:
    """Each column's cell classes: numbers right-aligned, and a row-header column whose every cell
    fits on one line ('Q2 (July to September)') kept unwrapped."""
    out = []
    for i, column in enumerate(table.columns):
        short = bool(column.row_header) and all(len(column.text(r[i])) <= 26 for r in table.rows)
        out.append(" ".join(filter(None, [_cell_class(column), "nowrap" if short else ""])))
    return out


def _cells(table: Table, row: tuple[Value, ...], classes: list[str], totals: bool = False) -> list[Cell]:
    cells = []
    for column, value, cls in zip(table.columns, row, classes):
        status = value if isinstance(value, Status) else None
        text = "" if totals and value is None else column.text(value)
        cells.append(Cell(text, cls, status, header=bool(column.row_header)))
    return cells


class _Layout:
    """Numbers tables and figures in reading order and gives everything an id."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.ids: set[str] = set()
        self.tables = 0
        self.figures = 0
        self.table_views: dict[int, TableView] = {}
        placed = {id(b) for b in report.blocks() if isinstance(b, Table)}
        self.sections = [self._section(s, placed) for s in report.ordered_sections()]

    def _id(self, base: str) -> str:
        candidate, n = base, 2
        while candidate in self.ids:
            candidate, n = f"{base}-{n}", n + 1
        self.ids.add(candidate)
        return candidate

    def _table(self, table: Table) -> TableView:
        self.tables += 1
        classes = _column_classes(table)
        view = TableView(
            table,
            self._id(f"table-{self.tables}"),
            self.tables,
            [(c, _cell_class(c)) for c in table.columns],
            [_cells(table, r, classes) for r in table.rows],
            _cells(table, table.totals, classes, totals=True) if table.totals is not None else None,
        )
        self.table_views[id(table)] = view
        return view

    def _section(self, section: Section, placed: set[int]) -> SectionView:
        view = SectionView(section, self._id(_slug(section.heading)))
        for block in section.blocks:
            view.blocks.append(self._block(block, placed))
        shown = {m for b in view.blocks for t in (b.table, b.data_table) if t is not None for m in t.table.measures}
        view.measures = [m for m in section.measures if m not in shown]
        return view

    def _block(self, block: Block, placed: set[int]) -> BlockView:
        if isinstance(block, Table):
            table = self.table_views.get(id(block)) or self._table(block)
            return BlockView("table", block, table.id, table=table)
        if isinstance(block, Chart):
            self.figures += 1
            chart_id = self._id(f"figure-{self.figures}")
            out = BlockView("chart", block, chart_id, svg=chart_svg(block, f"{chart_id}-chart"), number=self.figures)
            if id(block.table) in placed:
                # Number the chart's table now if it comes later, so the link can name it.
                out.linked_table = self.table_views.get(id(block.table)) or self._table(block.table)
            else:
                out.data_table = self._table(block.table)
            return out
        if isinstance(block, DataQualitySummary):
            return BlockView("data_quality", block, self._id("data-quality"), table=self._table(block.as_table()))
        if isinstance(block, Findings):
            return BlockView("findings", block, self._id("findings"))
        if isinstance(block, KeyFigures):
            return BlockView("key_figures", block, self._id("key-figures"))
        if isinstance(block, Paragraph):
            return BlockView("paragraph", block, self._id("paragraph"))
        raise TypeError(f"no HTML for a {type(block).__name__}")


def _css_string(text: str) -> Any:
    """Text as a CSS string literal, safe inside a <style> element."""
    markup = require("markupsafe", "An HTML report").Markup
    escaped = "".join(c if c.isalnum() or c in " -–.,:;()'" else f"\\{ord(c):x} " for c in text)
    return markup(f'"{escaped}"')


def _environment() -> Any:
    jinja2 = require("jinja2", "An HTML report")
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("safeguarding.reports", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["long_date"] = _format.long_date
    env.filters["plural"] = _format.plural
    env.filters["css_string"] = _css_string
    env.globals["finding_meta"] = _format.finding_meta
    return env


def render_html(report: Report) -> str:
    from .. import __version__

    layout = _Layout(report)
    env = _environment()
    markup = require("markupsafe", "An HTML report").Markup
    for section in layout.sections:
        for block in section.blocks:
            block.svg = markup(block.svg)
    template = env.get_template("report.html.j2")
    return str(template.render(report=report, sections=layout.sections, version=__version__))
