"""Reports people read: a small document model (a report of sections of paragraphs, key figures,
tables, charts, findings and data quality) written as one self-contained HTML page, as an Excel
workbook with native charts, or as plain text (see docs/reports.md); and the reports of the library's
results: every figure and table object has ``to_report()``, ``to_html()``, ``to_excel(path)``,
``plot(ax=None)`` and a notebook display (:class:`ReportMixin`), :func:`returns` reads and measures
statutory returns recognised by their content, :func:`action_plan` reports ``safeguarding.rag``'s
ratings.

The model holds figures already computed; the builders arrange the results' figures and the
renderers write them: neither computes one. Rendering HTML and Excel, and plotting, need the
``reports`` extra (``pip install safeguarding[reports]``: Jinja2, XlsxWriter, matplotlib); building
a report, its text and a notebook's table do not."""

from __future__ import annotations

from ._deps import EXTRA, MissingDependencyError
from ._format import long_date
from ._mixin import ReportMixin
from ._returns_report import Returns, detect, returns
from ._timeliness_report import action_plan_report as action_plan
from ._model import (
    BandsChart,
    Block,
    Chart,
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
from ._types import (
    AMBER,
    BLUE,
    BREACHED,
    COMPLETED,
    DUE_SOON,
    GREEN,
    LATE,
    MET,
    NOT_YET_DUE,
    ON_TRACK,
    OVERDUE,
    RED,
    ColumnType,
    Status,
    Tone,
)

__all__ = [
    # The document.
    "Report",
    "Role",
    "Section",
    # Blocks.
    "Block",
    "Paragraph",
    "KeyFigure",
    "KeyFigures",
    "Column",
    "ColumnType",
    "Measure",
    "Table",
    "Chart",
    "TimescaleChart",
    "BandsChart",
    "FunnelChart",
    "StackedBarChart",
    "FindingItem",
    "Findings",
    "RowAccount",
    "DataQualitySummary",
    # Statuses: always text and colour.
    "Status",
    "Tone",
    "RED",
    "AMBER",
    "GREEN",
    "BLUE",
    "BREACHED",
    "OVERDUE",
    "LATE",
    "DUE_SOON",
    "MET",
    "ON_TRACK",
    "COMPLETED",
    "NOT_YET_DUE",
    # The library's results as reports.
    "ReportMixin",
    "Returns",
    "action_plan",
    "detect",
    "returns",
    # Helpers.
    "long_date",
    "EXTRA",
    "MissingDependencyError",
]
