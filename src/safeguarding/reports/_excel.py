"""The Excel renderer (XlsxWriter): a README sheet, then one sheet per table with real Excel types,
frozen header row, filters and fitted column widths, and native Excel charts beside their tables."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ._deps import require
from ._format import percent_text
from ._model import (
    BandsChart,
    Chart,
    Column,
    DataQualitySummary,
    Findings,
    FunnelChart,
    KeyFigures,
    Measure,
    Report,
    StackedBarChart,
    Table,
    TimescaleChart,
    Value,
)
from ._types import INK, SECONDARY_INK, SERIES_COLOURS, TARGET_COLOUR, TONE_COLOURS, ColumnType, Status

#: Where a table starts on its sheet: its caption in row 1, a note in row 2, headers in row 4.
CAPTION_ROW, NOTE_ROW, HEADER_ROW = 0, 1, 3
FIRST_ROW = HEADER_ROW + 1
MAX_WIDTH = 60
FONT = "Arial"


def sheet_name(wanted: str, taken: set[str]) -> str:
    """A valid, unused sheet name: no []:*?/\\ characters, at most 31 characters."""
    base = re.sub(r"[\[\]:*?/\\]", "-", wanted).strip().strip("'") or "Sheet"
    if len(base) > 31:
        cut = base[:31]
        base = cut.rsplit(" ", 1)[0] if " " in cut[10:] else cut
    name, n = base, 2
    while name.lower() in {t.lower() for t in taken} or name.lower() == "history":
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name)
    return name


@dataclass
class Placed:
    """Where a table was written: its sheet and the rows of its data."""

    sheet: Any
    name: str
    table: Table
    first: int
    last: int
    next_free_column: int


class _Formats:
    def __init__(self, workbook: Any) -> None:
        self.workbook = workbook
        self.cache: dict[tuple[Any, ...], Any] = {}

    def get(self, **properties: Any) -> Any:
        key = tuple(sorted(properties.items()))
        if key not in self.cache:
            self.cache[key] = self.workbook.add_format({"font_name": FONT, "font_size": 10, "valign": "top", **properties})
        return self.cache[key]


def _excel_datetime(value: dt.date) -> dt.datetime:
    return dt.datetime.combine(value, dt.time())


class _Writer:
    def __init__(self, report: Report, path: Path) -> None:
        xlsxwriter = require("xlsxwriter", "An Excel report")
        self.report = report
        self.workbook = xlsxwriter.Workbook(str(path), {"default_date_format": "d mmmm yyyy"})
        created = _excel_datetime(report.as_of)
        self.workbook.set_properties(
            {
                "title": report.title,
                "subject": report.subtitle or "",
                "company": report.organisation or "",
                "comments": "Produced with the safeguarding library",
                "created": created,
            }
        )
        self.formats = _Formats(self.workbook)
        self.names: set[str] = set()
        self.placed: dict[int, Placed] = {}
        self.contents: list[tuple[str, str]] = []
        self.measures: list[tuple[Measure, str]] = []

    # Cells -------------------------------------------------------------------------------------
    def _cell_format(self, column: Column, value: Value, totals: bool, wrap: bool) -> Any:
        props: dict[str, Any] = {}
        if column.type in (ColumnType.INTEGER, ColumnType.NUMBER, ColumnType.PERCENT, ColumnType.DATE):
            props["num_format"] = column.format
        if column.type in (ColumnType.INTEGER, ColumnType.NUMBER, ColumnType.PERCENT):
            props["align"] = "right"
        if isinstance(value, Status):
            colours = TONE_COLOURS[value.tone]
            props.update(bold=True, bg_color=colours.fill, font_color=colours.text)
        if wrap:
            props["text_wrap"] = True
        if totals:
            props.update(bold=True, top=2)
        return self.formats.get(**props)

    def _write_value(
        self, sheet: Any, row: int, col: int, column: Column, value: Value, totals: bool = False, wrap: bool = False
    ) -> None:
        fmt = self._cell_format(column, value, totals, wrap)
        if value is None and column.missing and not totals:
            sheet.write_string(row, col, column.missing, fmt)  # "no target": a word, where a blank would say nothing
        elif value is None:
            sheet.write_blank(row, col, None, fmt)
        elif isinstance(value, Status):
            sheet.write_string(row, col, value.label, fmt)
        elif isinstance(value, dt.date):
            sheet.write_datetime(row, col, _excel_datetime(value), fmt)
        elif isinstance(value, (int, float)):
            sheet.write_number(row, col, value, fmt)
        else:
            sheet.write_string(row, col, str(value), fmt)

    # Tables ------------------------------------------------------------------------------------
    def table(self, table: Table, number: int | None) -> Placed:
        if id(table) in self.placed:
            return self.placed[id(table)]
        name = sheet_name(table.sheet or table.caption, self.names)
        sheet = self.workbook.add_worksheet(name)
        sheet.hide_gridlines(2)
        caption = f"Table {number}: {table.caption}" if number else table.caption
        sheet.write_string(CAPTION_ROW, 0, caption, self.formats.get(bold=True, font_size=14, valign="vcenter"))
        sheet.set_row(CAPTION_ROW, 24)
        note = f"Figures as of {self.report.as_of.day} {self.report.as_of:%B} {self.report.as_of.year}."
        if table.measures:
            note += " Measures: " + "; ".join(m.name for m in table.measures) + " (rules and sources in the README sheet)."
        if table.note:
            note += " " + table.note
        sheet.write_string(NOTE_ROW, 0, note, self.formats.get(font_color=SECONDARY_INK))
        header = self.formats.get(bold=True, bottom=2, text_wrap=True, valign="bottom", bg_color="#f3f2f1")
        header_num = self.formats.get(bold=True, bottom=2, text_wrap=True, valign="bottom", align="right", bg_color="#f3f2f1")
        widths = []
        for c, column in enumerate(table.columns):
            sheet.write_string(HEADER_ROW, c, column.heading, header_num if column.numeric else header)
            texts = [column.text(r[c]) for r in table.rows] + ([column.text(table.totals[c])] if table.totals else [])
            longest = max([len(t) for t in texts] + [min(len(column.heading), 18)])
            widths.append(min(MAX_WIDTH, max(8, longest + 2)))
        for c, width in enumerate(widths):
            sheet.set_column(c, c, width)
        for r, row in enumerate(table.rows):
            for c, (column, value) in enumerate(zip(table.columns, row)):
                wrap = column.type is ColumnType.TEXT and len(column.text(value)) > MAX_WIDTH - 2
                self._write_value(sheet, FIRST_ROW + r, c, column, value, wrap=wrap)
        last = FIRST_ROW + len(table.rows) - 1
        if table.totals is not None:
            for c, (column, value) in enumerate(zip(table.columns, table.totals)):
                self._write_value(sheet, last + 1, c, column, value, totals=True)
        sheet.freeze_panes(FIRST_ROW, 0)
        sheet.autofilter(HEADER_ROW, 0, max(last, HEADER_ROW), len(table.columns) - 1)
        # Printed: A4 landscape, one page wide, the header row on every page.
        sheet.set_paper(9)
        sheet.set_landscape()
        sheet.fit_to_pages(1, 0)
        sheet.repeat_rows(HEADER_ROW)
        placed = Placed(sheet, name, table, FIRST_ROW, last, len(table.columns) + 1)
        self.placed[id(table)] = placed
        self.contents.append((name, caption))
        for measure in table.measures:
            self._measure(measure, name)
        return placed

    # Charts ------------------------------------------------------------------------------------
    def _ref(self, placed: Placed, key: str) -> list[Any]:
        col = placed.table.index(key)
        return [placed.name, placed.first, col, placed.last, col]

    def _header_ref(self, placed: Placed, key: str) -> list[Any]:
        return [placed.name, HEADER_ROW, placed.table.index(key)]

    def _base_chart(self, options: dict[str, Any], chart: Chart) -> Any:
        out = self.workbook.add_chart(options)
        out.set_title(
            {"name": chart.title, "name_font": {"name": FONT, "size": 12, "bold": True, "color": INK}, "overlay": False}
        )
        out.set_legend({"position": "top", "font": {"name": FONT, "size": 9, "color": INK}})
        out.set_chartarea({"border": {"none": True}})
        out.set_size({"width": 760, "height": 400})
        return out

    @staticmethod
    def _axis(title: str | None, **more: Any) -> dict[str, Any]:
        axis: dict[str, Any] = {"num_font": {"name": FONT, "size": 9, "color": INK}, "line": {"color": "#b1b4b6"}}
        if title:
            axis["name"] = title
            axis["name_font"] = {"name": FONT, "size": 10, "bold": False, "color": INK}
        axis.update(more)
        return axis

    def _timescale(self, chart: TimescaleChart, placed: Placed) -> Any:
        out = self._base_chart({"type": "column", "subtype": "percent_stacked"}, chart)
        categories = self._ref(placed, chart.category)
        for key, colour in ((chart.within, SERIES_COLOURS[0]), (chart.outside, SERIES_COLOURS[3])):
            out.add_series(
                {
                    "name": self._header_ref(placed, key),
                    "categories": categories,
                    "values": self._ref(placed, key),
                    "fill": {"color": colour},
                    "border": {"color": "#ffffff"},
                    "gap": 50,
                    "overlap": 100,
                }
            )
        out.set_y_axis(
            self._axis(
                chart.y_label, min=0, max=1, num_format="0%", major_gridlines={"visible": True, "line": {"color": "#d9dadb"}}
            )
        )
        out.set_x_axis(self._axis(placed.table.column(chart.category).heading, num_format="mmm yyyy"))
        if chart.target is None:
            return out
        # The target line needs cells of its own: a column beside the table, one value per row.
        col = placed.next_free_column
        sheet = placed.sheet
        label = chart.target_label or f"Target {percent_text(chart.target)}"
        sheet.write_string(
            HEADER_ROW, col, label, self.formats.get(bold=True, bottom=2, text_wrap=True, valign="bottom", align="right")
        )
        for r in range(placed.first, placed.last + 1):
            sheet.write_number(r, col, chart.target, self.formats.get(num_format="0%", font_color=SECONDARY_INK))
        sheet.set_column(col, col, 12)
        placed.next_free_column = col + 2
        line = self.workbook.add_chart({"type": "line"})
        line.add_series(
            {
                "name": [placed.name, HEADER_ROW, col],
                "categories": categories,
                "values": [placed.name, placed.first, col, placed.last, col],
                "line": {"color": TARGET_COLOUR, "width": 2.25, "dash_type": "dash"},
                "marker": {"type": "none"},
                "y2_axis": True,
            }
        )
        # The line on a secondary axis with the same 0 to 1 scale as the percent-stacked columns
        # (Excel and LibreOffice both draw it at 90% so), its labels hidden.
        out.combine(line)
        out.set_y2_axis(
            {"min": 0, "max": 1, "num_format": "0%", "label_position": "none", "major_tick_mark": "none", "line": {"none": True}}
        )
        return out

    def _bands(self, chart: BandsChart, placed: Placed) -> Any:
        out = self._base_chart({"type": "column"}, chart)
        categories = self._ref(placed, chart.category)
        out.add_series(
            {
                "name": self._header_ref(placed, chart.value),
                "categories": categories,
                "values": self._ref(placed, chart.value),
                "fill": {"color": SERIES_COLOURS[0]},
                "gap": 80,
                "data_labels": {
                    "value": True,
                    "num_format": placed.table.column(chart.value).format,
                    "position": "inside_end",
                    "font": {"name": FONT, "bold": True, "color": "#ffffff"},
                },
            }
        )
        name, values = self._header_ref(placed, chart.target), self._ref(placed, chart.target)
        marked = placed.table.values(chart.target)
        if any(t is None for t in marked):
            # A band without a target says so in its cell ("no target"), which a chart would draw as
            # 0%: the markers take cells of their own beside the table, blank (no marker) there.
            col = placed.next_free_column
            sheet = placed.sheet
            sheet.write_string(HEADER_ROW, col, f"{placed.table.column(chart.target).heading} (chart)",
                               self.formats.get(bold=True, bottom=2, text_wrap=True, valign="bottom", align="right"))
            for r, t in enumerate(marked, start=placed.first):
                if isinstance(t, (int, float)):
                    sheet.write_number(r, col, t, self.formats.get(num_format="0%", font_color=SECONDARY_INK))
            sheet.set_column(col, col, 12)
            placed.next_free_column = col + 2
            name, values = [placed.name, HEADER_ROW, col], [placed.name, placed.first, col, placed.last, col]
        targets = self.workbook.add_chart({"type": "line"})
        targets.add_series(
            {
                "name": name,
                "categories": categories,
                "values": values,
                "line": {"none": True},
                "marker": {"type": "long_dash", "size": 24, "border": {"color": TARGET_COLOUR}, "fill": {"color": TARGET_COLOUR}},
            }
        )
        out.combine(targets)
        out.set_y_axis(
            self._axis(
                chart.y_label, min=0, max=1, num_format="0%", major_gridlines={"visible": True, "line": {"color": "#d9dadb"}}
            )
        )
        out.set_x_axis(self._axis(placed.table.column(chart.category).heading))
        return out

    def _funnel(self, chart: FunnelChart, placed: Placed) -> Any:
        out = self._base_chart({"type": "bar"}, chart)
        out.add_series(
            {
                "name": self._header_ref(placed, chart.count),
                "categories": self._ref(placed, chart.stage),
                "values": self._ref(placed, chart.count),
                "fill": {"color": SERIES_COLOURS[0]},
                "gap": 50,
                "data_labels": {"value": True, "num_format": "#,##0", "font": {"name": FONT, "color": INK}},
            }
        )
        # In an Excel bar chart the x axis is the horizontal (value) axis, the y axis the categories.
        out.set_y_axis(self._axis(None, reverse=True, crossing="max"))  # largest first, values along the bottom
        out.set_x_axis(
            self._axis(chart.x_label, num_format="#,##0", major_gridlines={"visible": True, "line": {"color": "#d9dadb"}})
        )
        out.set_legend({"none": True})
        return out

    def _stacked(self, chart: StackedBarChart, placed: Placed) -> Any:
        out = self._base_chart({"type": "bar" if chart.horizontal else "column", "subtype": "stacked"}, chart)
        for s, key in enumerate(chart.series):
            out.add_series(
                {
                    "name": self._header_ref(placed, key),
                    "categories": self._ref(placed, chart.category),
                    "values": self._ref(placed, key),
                    "fill": {"color": chart.colours[s] if chart.colours else SERIES_COLOURS[s % len(SERIES_COLOURS)]},
                    "border": {"color": "#ffffff"},
                    "gap": 60,
                    "overlap": 100,
                }
            )
        category_axis = self._axis(
            placed.table.column(chart.category).heading, **({"reverse": True, "crossing": "max"} if chart.horizontal else {})
        )
        value_axis = self._axis(
            chart.y_label, num_format="#,##0", major_gridlines={"visible": True, "line": {"color": "#d9dadb"}}
        )
        if chart.horizontal:  # in an Excel bar chart the x axis is the horizontal (value) axis
            category_axis, value_axis = value_axis, category_axis
        out.set_x_axis(category_axis)
        out.set_y_axis(value_axis)
        return out

    def chart(self, chart: Chart, placed: Placed) -> None:
        if isinstance(chart, TimescaleChart):
            out = self._timescale(chart, placed)
        elif isinstance(chart, BandsChart):
            out = self._bands(chart, placed)
        elif isinstance(chart, FunnelChart):
            out = self._funnel(chart, placed)
        elif isinstance(chart, StackedBarChart):
            out = self._stacked(chart, placed)
        else:
            raise TypeError(f"no Excel chart for a {type(chart).__name__}")
        placed.sheet.insert_chart(
            HEADER_ROW, placed.next_free_column, out, {"description": chart.description, "object_position": 1}
        )
        placed.next_free_column += 12

    def _measure(self, measure: Measure, sheet: str) -> None:
        """Each measure once in the README, with the sheets that show it."""
        for i, (known, sheets) in enumerate(self.measures):
            if known == measure:
                if sheet and sheet not in sheets.split(", "):
                    self.measures[i] = (known, ", ".join(filter(None, [sheets, sheet])))
                return
        self.measures.append((measure, sheet))

    # README ------------------------------------------------------------------------------------
    def readme(self, sheet: Any) -> None:
        from .. import __version__

        title = self.formats.get(bold=True, font_size=16)
        bold = self.formats.get(bold=True)
        plain = self.formats.get(text_wrap=True)
        header = self.formats.get(bold=True, bottom=2, bg_color="#f3f2f1", text_wrap=True, valign="bottom")
        sheet.hide_gridlines(2)
        sheet.set_paper(9)
        sheet.set_landscape()
        sheet.fit_to_pages(1, 0)
        sheet.set_column(0, 0, 34)
        sheet.set_column(1, 1, 60)
        sheet.set_column(2, 2, 48)
        sheet.set_column(3, 3, 14)
        sheet.set_column(4, 5, 30)
        r = 0
        sheet.write_string(r, 0, self.report.title, title)
        sheet.set_row(r, 24)
        r += 1
        if self.report.subtitle:
            sheet.write_string(r, 0, self.report.subtitle)
            r += 1
        if self.report.organisation:
            sheet.write_string(r, 0, "Organisation", bold)
            sheet.write_string(r, 1, self.report.organisation)
            r += 1
        sheet.write_string(r, 0, "Figures as of", bold)
        sheet.write_datetime(r, 1, _excel_datetime(self.report.as_of), self.formats.get(num_format="d mmmm yyyy", align="left"))
        r += 1
        sheet.write_string(r, 0, "Produced with", bold)
        sheet.write_string(r, 1, f"the safeguarding library, version {__version__}")
        r += 2
        sheet.write_string(r, 0, "Sheets", self.formats.get(bold=True, font_size=12))
        r += 1
        sheet.write_string(r, 0, "Sheet", header)
        sheet.write_string(r, 1, "What it holds", header)
        r += 1
        for name, what in self.contents:
            sheet.write_url(r, 0, f"internal:'{name}'!A1", string=name)
            sheet.write_string(r, 1, what, plain)
            r += 1
        r += 1
        sheet.write_string(r, 0, "Measures", self.formats.get(bold=True, font_size=12))
        r += 1
        for c, heading in enumerate(("Measure", "Rule", "Source", "Confidence", "Notes", "Sheet")):
            sheet.write_string(r, c, heading, header)
        r += 1
        if not self.measures:
            sheet.write_string(r, 0, "No measure is named in this report.")
        for measure, name in self.measures:
            for c, value in enumerate((measure.name, measure.rule, measure.source, measure.confidence, measure.note, name)):
                if value:
                    sheet.write_string(r, c, value, plain)
            r += 1
        if self.report.note:
            r += 1
            sheet.write_string(r, 0, self.report.note, plain)

    def write(self) -> None:
        readme = self.workbook.add_worksheet(sheet_name("README", self.names))
        numbers = iter(range(1, 10**6))  # tables are numbered as the HTML numbers them
        for section in self.report.ordered_sections():
            for block in section.blocks:
                if isinstance(block, Table):
                    if id(block) not in self.placed:
                        self.table(block, next(numbers))
                elif isinstance(block, Chart):
                    if id(block.table) not in self.placed:
                        self.table(block.table, next(numbers))
                    self.chart(block, self.placed[id(block.table)])
                elif isinstance(block, DataQualitySummary):
                    self.table(block.as_table(), next(numbers))
                elif isinstance(block, KeyFigures):
                    placed = self.table(block.as_table(block.heading or "Key figures"), None)
                    # Each figure has its own type: write its value as a number, a percentage or a date.
                    for r, item in enumerate(block.items):
                        self._write_value(placed.sheet, FIRST_ROW + r, 1, item.column, item.value)
                elif isinstance(block, Findings):
                    self.table(block.as_table(), None)
            for measure in section.measures:
                self._measure(measure, "")
        self.readme(readme)
        self.workbook.close()


def write_excel(report: Report, path: Path) -> Path:
    _Writer(report, path).write()
    return path
