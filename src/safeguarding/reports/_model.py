"""The document model: a report is a title, an as-of date and an ordered list of sections; a section
is a heading and blocks (paragraphs, key figures, tables, charts, findings, data quality).

The model holds figures already computed: a renderer writes them, it computes nothing. A table's
values are checked against its columns' types when it is made, so that every renderer can rely on
them (a percentage is a proportion between 0 and 1, a date is a ``datetime.date``…)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import math
import numbers
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Union
from collections.abc import Iterable, Iterator, Mapping, Sequence

from . import _format
from ._types import ColumnType, Status

if TYPE_CHECKING:
    import pandas as pd  # type: ignore[import-untyped]

Value = Union[None, str, int, float, dt.date, Status]


@dataclass(frozen=True)
class Measure:
    """What a figure is and where its definition comes from: its name, the rule that decides it,
    the statutory or local source, and how sure the library is of that reading (the README sheet of
    the workbook and the notes under each table list them)."""

    name: str
    rule: str | None = None
    source: str | None = None
    confidence: str | None = None
    note: str | None = None


@dataclass
class Column:
    """A column: its key (how rows name it), its heading, its type and its format (an Excel number
    format code from the supported set: ``"0.0%"``, ``"#,##0"``, ``"d mmmm yyyy"``, ``"mmmm yyyy"``…).

    ``row_header`` marks the column whose cells name their row (``<th scope="row">``); by default
    the first column of a table does. ``missing`` is what an empty cell says, where an en dash
    would mislead: a band's target that does not exist is "no target", not a figure left out."""

    key: str
    heading: str
    type: ColumnType = ColumnType.TEXT
    format: str | None = None
    row_header: bool | None = None
    missing: str | None = None

    def __post_init__(self) -> None:
        self.type = ColumnType(self.type)
        self.format = _format.check_format(self.type, self.format)

    @property
    def numeric(self) -> bool:
        return self.type in (ColumnType.INTEGER, ColumnType.NUMBER, ColumnType.PERCENT)

    def check(self, value: Any, where: str) -> Value:
        """The value as the model keeps it, or a ValueError naming the cell."""
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return None
        kind = self.type
        problem = None
        if kind is ColumnType.TEXT:
            return str(value)
        if kind is ColumnType.RAG:
            try:
                return Status.of(value)
            except ValueError as error:
                problem = str(error)
        elif kind is ColumnType.DATE:
            if isinstance(value, dt.datetime):
                return value.date()
            if isinstance(value, dt.date):
                return value
            problem = f"{value!r} is not a date"
        elif kind is ColumnType.INTEGER:
            if isinstance(value, numbers.Integral) and not isinstance(value, bool):
                return int(value)
            problem = f"{value!r} is not a whole number"
        elif isinstance(value, numbers.Real) and not isinstance(value, bool):
            if kind is ColumnType.PERCENT and not -1e-9 <= float(value) <= 1 + 1e-9:
                problem = f"{value!r} is not a proportion between 0 and 1 (a percentage column holds 0.92 for 92%)"
            else:
                return float(value)
        else:
            problem = f"{value!r} is not a number"
        raise ValueError(f"{where}, column {self.key!r}: {problem}")

    def text(self, value: Value) -> str:
        """The value as the reader sees it: '1,220', '92%', '31 March 2019', 'Amber'."""
        if value is None:
            return self.missing or _format.MISSING
        code = self.format or ""
        if isinstance(value, Status):
            return value.label
        if self.type is ColumnType.DATE and isinstance(value, dt.date):
            return _format.date_text(value, code)
        if self.type is ColumnType.PERCENT and isinstance(value, float):
            return _format.percent_text(value, code)
        if self.type is ColumnType.INTEGER and isinstance(value, int):
            return _format.integer_text(value, code)
        if self.type is ColumnType.NUMBER and isinstance(value, float):
            return _format.number_text(value, code)
        return str(value)


class Block:
    """A part of a section. Every block has an optional heading (a level-3 heading in HTML)."""

    heading: str | None = None


@dataclass
class Paragraph(Block):
    text: str
    heading: str | None = None


@dataclass
class KeyFigure:
    """A headline figure: '92%' — 'of looked-after reviews were held in timescale'."""

    label: str
    value: Value
    type: ColumnType = ColumnType.INTEGER
    format: str | None = None
    status: Status | str | None = None
    detail: str | None = None

    def __post_init__(self) -> None:
        self._column = Column("value", self.label, self.type, self.format)
        self.type, self.format = self._column.type, self._column.format
        self.value = self._column.check(self.value, f"key figure {self.label!r}")
        if self.status is not None:
            self.status = Status.of(self.status)

    @property
    def column(self) -> Column:
        """The figure's type and format, as a column's."""
        return self._column

    @property
    def text(self) -> str:
        return self._column.text(self.value)


@dataclass
class KeyFigures(Block):
    items: Sequence[KeyFigure]
    heading: str | None = None

    def __post_init__(self) -> None:
        self.items = list(self.items)

    def as_table(self, caption: str = "Key figures") -> Table:
        """The key figures as a table (one row each; values as text, as each figure has its own type)."""
        columns = [
            Column("figure", "Figure"),
            Column("value", "Value"),
            Column("status", "Status", ColumnType.RAG),
            Column("detail", "Detail"),
        ]
        return Table(caption, columns, [(k.label, k.text, k.status, k.detail) for k in self.items], sheet="Summary")


class Table(Block):
    """A table: caption, columns, rows, an optional totals row, and the measures it shows.

    Rows are mappings from column key to value, or sequences in column order. ``sheet`` names the
    Excel sheet (else one is made from the caption)."""

    def __init__(
        self,
        caption: str,
        columns: Sequence[Column],
        rows: Iterable[Mapping[str, Any] | Sequence[Any]],
        *,
        totals: Mapping[str, Any] | Sequence[Any] | None = None,
        measures: Sequence[Measure] = (),
        note: str | None = None,
        sheet: str | None = None,
        heading: str | None = None,
    ) -> None:
        if not columns:
            raise ValueError(f"table {caption!r} has no columns")
        keys = [c.key for c in columns]
        if len(set(keys)) != len(keys):
            raise ValueError(f"table {caption!r}: column keys repeat: {keys}")
        self.caption = caption
        self.columns = [dataclasses.replace(c) for c in columns]  # a table's own: it may mark its row header
        if not any(c.row_header for c in self.columns) and self.columns[0].row_header is None:
            self.columns[0].row_header = True
        self.rows: list[tuple[Value, ...]] = [self._row(r, f"table {caption!r}, row {i + 1}") for i, r in enumerate(rows)]
        self.totals = None if totals is None else self._row(totals, f"table {caption!r}, totals row", totals=True)
        self.measures = list(measures)
        self.note = note
        self.sheet = sheet
        self.heading = heading

    def _row(self, row: Mapping[str, Any] | Sequence[Any], where: str, totals: bool = False) -> tuple[Value, ...]:
        if isinstance(row, Mapping):
            unknown = set(row) - {c.key for c in self.columns}
            if unknown:
                raise ValueError(f"{where}: no column named {sorted(unknown)}")
            values = [row.get(c.key) for c in self.columns]
        else:
            values = list(row)
            if len(values) != len(self.columns):
                raise ValueError(f"{where}: {len(values)} values for {len(self.columns)} columns")
        # The totals row may name itself ("Total", "Year") in its row-header column, whatever its type.
        return tuple(
            v if totals and c.row_header and isinstance(v, str) else c.check(v, where) for c, v in zip(self.columns, values)
        )

    def index(self, key: str) -> int:
        for i, column in enumerate(self.columns):
            if column.key == key:
                return i
        raise KeyError(f"table {self.caption!r} has no column {key!r} (columns: {', '.join(c.key for c in self.columns)})")

    def column(self, key: str) -> Column:
        return self.columns[self.index(key)]

    def values(self, key: str) -> list[Value]:
        """A column's values, in row order (the totals row not included)."""
        i = self.index(key)
        return [row[i] for row in self.rows]

    def text(self, row: Sequence[Value], key: str) -> str:
        i = self.index(key)
        return self.columns[i].text(row[i])

    def to_frame(self) -> pd.DataFrame:
        """The rows as a DataFrame, one column per column key (statuses as their labels)."""
        import pandas as pd

        def plain(value: Value) -> Value:
            return value.label if isinstance(value, Status) else value

        data = {c.key: [plain(r[i]) for r in self.rows] for i, c in enumerate(self.columns)}
        return pd.DataFrame(data, columns=[c.key for c in self.columns])

    def __repr__(self) -> str:
        return f"Table({self.caption!r}, {len(self.columns)} columns, {len(self.rows)} rows{', totals' if self.totals else ''})"


class Chart(Block):
    """A chart of a table's columns. Subclasses draw one kind each; every data mark is counted
    (:attr:`marks`) and tagged, so tests can find each one in the SVG.

    ``description`` is the chart's accessible description; by default it is written from the data."""

    kind: ClassVar[str] = "chart"

    def __init__(self, title: str, table: Table, *, description: str | None = None, heading: str | None = None) -> None:
        self.title = title
        self.table = table
        self._description = description
        self.heading = heading

    @property
    def marks(self) -> int:
        """How many data marks (bars, bar segments) the chart draws."""
        raise NotImplementedError

    @property
    def description(self) -> str:
        return self._description or self.describe()

    def describe(self) -> str:
        raise NotImplementedError

    def categories(self) -> list[str]:
        raise NotImplementedError

    def _range(self, key: str) -> str:
        values = self.table.values(key)
        first, last = self.table.column(key).text(values[0]), self.table.column(key).text(values[-1])
        return f"{first} to {last}" if len(values) > 1 else first

    def _extremes(self, category: str, value: str) -> str:
        pairs = [(v, c) for c, v in zip(self.table.values(category), self.table.values(value)) if isinstance(v, (int, float))]
        if not pairs:
            return ""
        low = min(pairs, key=lambda p: p[0])
        high = max(pairs, key=lambda p: p[0])
        col, cat = self.table.column(value), self.table.column(category)
        return f"; lowest {col.text(low[0])} ({cat.text(low[1])}), highest {col.text(high[0])} ({cat.text(high[1])})"


class TimescaleChart(Chart):
    """Per period (usually month), the share in and out of timescale as stacked 100% columns, with
    the target (if any) as a horizontal line: the chart of the IRO annual report's monthly table.

    ``within`` and ``outside`` are count columns; ``share`` (optional) is the table's percentage in
    timescale, written on each column."""

    kind = "timescale"

    def __init__(
        self,
        title: str,
        table: Table,
        *,
        category: str,
        within: str,
        outside: str,
        target: float | None,
        share: str | None = None,
        y_label: str = "Percentage of the period's total",
        target_label: str | None = None,
        description: str | None = None,
        heading: str | None = None,
    ) -> None:
        super().__init__(title, table, description=description, heading=heading)
        for key in (category, within, outside) + ((share,) if share else ()):
            table.index(key)
        if target is not None and not 0 < target <= 1:
            raise ValueError(f"target {target!r} is not a proportion between 0 and 1")
        #: How the target is named in the legend ("Target 90%" unless given: "Local target 90%").
        self.target_label = target_label or (None if target is None else f"Target {_format.percent_text(target)}")
        self.category, self.within, self.outside, self.target, self.share, self.y_label = (
            category,
            within,
            outside,
            target,
            share,
            y_label,
        )

    @property
    def marks(self) -> int:
        return 2 * len(self.table.rows)

    def describe(self) -> str:
        target = (
            f", against a target of {_format.percent_text(self.target)} shown as a horizontal line"
            if self.target is not None
            else ""
        )
        share = self._extremes(self.category, self.share) if self.share else ""
        return (
            f"Stacked columns, one per period from {self._range(self.category)}: the share of "
            f"{self.table.column(self.within).heading.lower()} and {self.table.column(self.outside).heading.lower()}"
            f"{target}{share}."
        )


class BandsChart(Chart):
    """Cumulative bands against their targets: a column per band (e.g. concluded within 1, 3 and
    12 months) with the band's target marked on it: the LADO report's timescales."""

    kind = "bands"

    def __init__(
        self,
        title: str,
        table: Table,
        *,
        category: str,
        value: str,
        target: str,
        y_label: str = "Cumulative percentage",
        description: str | None = None,
        heading: str | None = None,
    ) -> None:
        super().__init__(title, table, description=description, heading=heading)
        for key in (category, value, target):
            table.index(key)
        self.category, self.value, self.target, self.y_label = category, value, target, y_label

    @property
    def marks(self) -> int:
        return len(self.table.rows)

    def describe(self) -> str:
        text, i = self.table.text, self.table.index(self.target)
        parts = [f"{text(r, self.category)}: {text(r, self.value)} "
                 + (f"against a target of {text(r, self.target)}" if r[i] is not None else "with no target")
                 for r in self.table.rows]
        marked = ("each with its target marked" if all(r[i] is not None for r in self.table.rows)
                  else "each band's target marked where it has one")
        return f"Columns, one per band, {marked}: " + "; ".join(parts) + "."


class FunnelChart(Chart):
    """A conversion funnel: one horizontal bar per stage, largest first (contacts, referrals,
    assessments…), each labelled with its count and, if given, its share."""

    kind = "funnel"

    def __init__(
        self,
        title: str,
        table: Table,
        *,
        stage: str,
        count: str,
        share: str | None = None,
        x_label: str = "Number",
        description: str | None = None,
        heading: str | None = None,
    ) -> None:
        super().__init__(title, table, description=description, heading=heading)
        for key in (stage, count) + ((share,) if share else ()):
            table.index(key)
        self.stage, self.count, self.share, self.x_label = stage, count, share, x_label

    @property
    def marks(self) -> int:
        return len(self.table.rows)

    def describe(self) -> str:
        parts = []
        for r in self.table.rows:
            text = f"{self.table.text(r, self.stage)} {self.table.text(r, self.count)}"
            if self.share:
                text += f" ({self.table.text(r, self.share)})"
            parts.append(text)
        return "Horizontal bars, one per stage: " + ", ".join(parts) + "."


class StackedBarChart(Chart):
    """Counts by category, stacked by series (e.g. each quarter's contacts by outcome)."""

    kind = "stacked"

    def __init__(
        self,
        title: str,
        table: Table,
        *,
        category: str,
        series: Sequence[str],
        y_label: str = "Number",
        horizontal: bool = False,
        description: str | None = None,
        heading: str | None = None,
        colours: Sequence[str] | None = None,
    ) -> None:
        super().__init__(title, table, description=description, heading=heading)
        for key in (category, *series):
            table.index(key)
        if not series:
            raise ValueError("a stacked bar chart needs at least one series")
        self.category, self.series, self.y_label, self.horizontal = category, list(series), y_label, horizontal
        #: Each series' colour (``#rrggbb``, at least 3:1 against white), else the charts' palette in order.
        self.colours = list(colours) if colours else None
        if self.colours is not None and len(self.colours) != len(self.series):
            raise ValueError(f"{len(self.colours)} colours for {len(self.series)} series")

    @property
    def marks(self) -> int:
        return len(self.series) * len(self.table.rows)

    def describe(self) -> str:
        names = ", ".join(self.table.column(s).heading for s in self.series)
        return (
            f"{'Horizontal bars' if self.horizontal else 'Columns'}, one per {self.table.column(self.category).heading.lower()} "
            f"({self._range(self.category)}), each divided into: {names}."
        )


@dataclass
class FindingItem:
    """One finding: its status (as text and colour), what it is, and what a reader needs to act."""

    status: Status | str
    title: str
    detail: str | None = None
    due: dt.date | None = None
    owner: str | None = None
    reference: str | None = None
    #: Where the requirement is written (the arrangements' paragraph, the guidance).
    source: str | None = None

    def __post_init__(self) -> None:
        self.status = Status.of(self.status)
        if self.due is not None and not isinstance(self.due, dt.date):
            raise ValueError(f"finding {self.title!r}: due {self.due!r} is not a date")
        if isinstance(self.due, dt.datetime):
            self.due = self.due.date()


@dataclass
class Findings(Block):
    """A list of findings, in the order given (put the ones needing action first)."""

    items: Sequence[FindingItem]
    heading: str | None = None
    empty: str = "None."
    sheet: str | None = None

    def __post_init__(self) -> None:
        self.items = list(self.items)

    def as_table(self) -> Table:
        """The findings as a table: status, finding, detail, due date, owner, rule."""
        columns = [
            Column("status", "Status", ColumnType.RAG),
            Column("finding", "Finding", row_header=True),
            Column("detail", "Detail"),
            Column("due", "Due", ColumnType.DATE),
            Column("owner", "Owner"),
            Column("rule", "Rule"),
        ]
        rows: list[tuple[Any, ...]] = [(i.status, i.title, i.detail, i.due, i.owner, i.reference) for i in self.items]
        if any(i.source for i in self.items):
            columns.append(Column("source", "Source"))
            rows = [(*r, i.source) for r, i in zip(rows, self.items)]
        return Table(self.heading or "Findings", columns, rows, sheet=self.sheet or self.heading or "Findings")


@dataclass
class RowAccount:
    """One input table's rows: read = used + rejected + merged (+ dated after the as-of date, for
    inputs that keep what was not yet known out)."""

    table: str
    read: int
    used: int
    rejected: int = 0
    merged: int = 0
    after_as_of: int = 0

    def __post_init__(self) -> None:
        if self.read != self.used + self.rejected + self.merged + self.after_as_of:
            later = f" + {self.after_as_of:,}" if self.after_as_of else ""
            raise ValueError(
                f"{self.table}: rows read ({self.read:,}) are not used + rejected + merged"
                f"{' + after the as-of date' if self.after_as_of else ''} "
                f"({self.used:,} + {self.rejected:,} + {self.merged:,}{later})"
            )


@dataclass
class DataQualitySummary(Block):
    """What the figures were made from: each input table's row accounting and the number of
    data-quality findings (each one named elsewhere, in the JSON output or a findings list)."""

    tables: Sequence[RowAccount]
    findings: int
    heading: str | None = None
    note: str | None = None
    sheet: str | None = None
    caption: str | None = None
    #: Whether to show the rows dated after the as-of date even when there are none.
    after_as_of: bool = False

    def __post_init__(self) -> None:
        self.tables = list(self.tables)

    @property
    def later(self) -> bool:
        """Whether an input keeps rows dated after the as-of date out (a column of its own)."""
        return any(t.after_as_of for t in self.tables) or self.after_as_of

    def as_table(self) -> Table:
        columns = [
            Column("table", "Table"),
            Column("read", "Rows read", ColumnType.INTEGER),
            Column("used", "Used", ColumnType.INTEGER),
            Column("rejected", "Rejected", ColumnType.INTEGER),
            Column("merged", "Merged", ColumnType.INTEGER),
        ]
        rows: list[tuple[Any, ...]] = [(t.table, t.read, t.used, t.rejected, t.merged) for t in self.tables]
        if self.later:
            columns.append(Column("after_as_of", "After the as-of date", ColumnType.INTEGER))
            rows = [(*r, t.after_as_of) for r, t in zip(rows, self.tables)]
        return Table(
            self.caption or "Rows read, used, rejected and merged",
            columns,
            rows,
            sheet=self.sheet or "Data quality",
        )


class Role(str, enum.Enum):
    """Where a section goes: a report reads summary first, then what needs action, then detail."""

    SUMMARY = "summary"
    ACTION = "action"
    DETAIL = "detail"


@dataclass
class Section:
    heading: str
    blocks: list[Block] = field(default_factory=list)
    role: Role = Role.DETAIL
    measures: Sequence[Measure] = ()

    def __post_init__(self) -> None:
        self.role = Role(self.role)
        self.blocks = list(self.blocks)
        self.measures = list(self.measures)

    def add(self, *blocks: Block) -> Section:
        self.blocks.extend(blocks)
        return self


@dataclass
class Report:
    """A report: title, as-of date and sections. Sections are written summary first, then those
    needing action, then detail, each group in the order given."""

    title: str
    as_of: dt.date
    sections: list[Section] = field(default_factory=list)
    subtitle: str | None = None
    organisation: str | None = None
    note: str | None = None

    #: The table a result's ``to_frame()`` and notebook display show (default: the first).
    main_table: Table | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if isinstance(self.as_of, dt.datetime):
            self.as_of = self.as_of.date()
        if not isinstance(self.as_of, dt.date):
            raise ValueError(f"as_of {self.as_of!r} is not a date")
        self.sections = list(self.sections)

    def add(self, *sections: Section) -> Report:
        self.sections.extend(sections)
        return self

    def ordered_sections(self) -> list[Section]:
        order = list(Role)
        return sorted(self.sections, key=lambda s: order.index(Role(s.role)))

    def blocks(self) -> Iterator[Block]:
        for section in self.ordered_sections():
            yield from section.blocks

    def tables(self) -> list[Table]:
        return [b for b in self.blocks() if isinstance(b, Table)]

    def charts(self) -> list[Chart]:
        return [b for b in self.blocks() if isinstance(b, Chart)]

    def to_html(self, path: str | Path | None = None) -> str:
        """The report as one self-contained HTML page (styles and charts inline, no network); written
        to ``path`` too if given. Needs the ``reports`` extra."""
        from ._html import render_html

        html = render_html(self)
        if path is not None:
            Path(path).write_text(html, encoding="utf-8")
        return html

    def to_text(self) -> str:
        """The report as plain text, in the same order as the page."""
        from ._text import render_text

        return render_text(self)

    def to_excel(self, path: str | Path) -> Path:
        """The report as an Excel workbook: a README sheet, one sheet per table, native charts. Needs
        the ``reports`` extra."""
        from ._excel import write_excel

        return write_excel(self, Path(path))
