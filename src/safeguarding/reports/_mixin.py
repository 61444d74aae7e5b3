"""The methods every figure and table of the library has, through one mixin its classes inherit:
``to_report()`` (the document: ``to_report().to_text()`` for plain text), ``to_html()``, ``to_excel(path)``, ``plot(ax=None)``,
``to_frame()`` (where the class has none of its own) and ``_repr_html_()`` for notebooks.

Each class's document is made by its builder (this package's ``_builders``), which arranges the
result's own figures and computes none."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd  # type: ignore[import-untyped]

    from ._model import Report


class ReportMixin:
    """Reports of a result: see the module's doc. Options (a target, a title…) are passed to the
    builder by ``to_report``, ``to_html``, ``to_excel`` and ``plot``."""

    __slots__ = ()

    def to_report(self, **options: Any) -> Report:
        """The result as a :class:`safeguarding.reports.Report`: sections of key figures, findings,
        tables and charts, which can be added to before it is written."""
        from ._builders import build

        return build(self, **options)

    def to_html(self, path: str | Path | None = None, **options: Any) -> str:
        """The report as one self-contained HTML page (written to ``path`` too if given). Needs the
        ``reports`` extra (``pip install safeguarding[reports]``)."""
        return self.to_report(**options).to_html(path)

    def to_excel(self, path: str | Path, **options: Any) -> Path:
        """The report as an Excel workbook: a README sheet naming each measure's rule, source and
        confidence, a sheet per table, native charts. Needs the ``reports`` extra."""
        return self.to_report(**options).to_excel(path)

    def plot(self, ax: Any = None, **options: Any) -> Any:
        """The report's main chart drawn by matplotlib on ``ax`` (default: a new figure's); returns the
        Axes. Needs the ``reports`` extra."""
        from ._plot import plot_report

        return plot_report(self.to_report(**options), ax, what=type(self).__name__)

    def to_frame(self) -> pd.DataFrame:
        """The report's main table as a DataFrame (statuses as text, percentages as proportions)."""
        report = self.to_report()
        tables = report.tables()
        if report.main_table is None and not tables:  # pragma: no cover - every builder gives a table
            raise ValueError(f"{type(self).__name__}: the report has no table")
        return (report.main_table or tables[0]).to_frame()

    def _repr_html_(self) -> str:
        from ._fragment import fragment

        return fragment(self.to_report())
