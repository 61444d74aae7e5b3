"""Reports people read: a small document model (a report of sections of paragraphs, key figures,
tables, charts, findings and data quality) written as one self-contained HTML page or as an Excel
workbook with native charts (see docs/reports.md).

The model holds figures already computed; the renderers write them and compute nothing. Rendering
needs the ``reports`` extra (``pip install safeguarding[reports]``: Jinja2, XlsxWriter, matplotlib);
building a report does not."""

from __future__ import annotations

from ._deps import EXTRA, MissingDependencyError
from ._format import long_date
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
    # Helpers.
    "long_date",
    "EXTRA",
    "MissingDependencyError",
]
