"""Charts as inline SVG, drawn by matplotlib's SVG backend (see docs/reports.md for the choice).

Each chart is drawn on its own ``Figure`` (no pyplot state), with text kept as text, no date or tool
metadata and a fixed hash salt, so the same chart gives the same bytes. The SVG is then made fit to
sit inside an HTML page: no XML prolog or namespace URLs, every id prefixed with the chart's id (so
two charts never share one), ``role="img"`` with a ``<title>`` and ``<desc>`` naming it, and each
data mark a ``<g class="mark">`` carrying its series, category and value."""

from __future__ import annotations

import datetime as dt
import html
import io
import re
import textwrap
from dataclasses import dataclass
from typing import Any
from collections.abc import Sequence

from . import _format
from ._deps import require
from ._model import BandsChart, Chart, FunnelChart, StackedBarChart, Table, TimescaleChart, Value
from ._types import GRID, INK, SECONDARY_INK, SERIES_COLOURS, TARGET_COLOUR, ColumnType

WIDTH_IN = 7.2
HEIGHT_IN = 3.5
FONT = ["Liberation Sans", "Arial", "Helvetica", "DejaVu Sans"]

RC = {
    "svg.hashsalt": "safeguarding-reports",
    "svg.fonttype": "none",
    "font.family": "sans-serif",
    "font.sans-serif": FONT,
    "font.size": 10.5,
    "text.color": INK,
    "axes.labelcolor": INK,
    "axes.edgecolor": SECONDARY_INK,
    "xtick.color": SECONDARY_INK,
    "ytick.color": SECONDARY_INK,
    "xtick.labelcolor": INK,
    "ytick.labelcolor": INK,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.axisbelow": True,
    "legend.frameon": False,
    "hatch.linewidth": 1.0,
}


@dataclass
class Mark:
    series: str
    category: str
    value: Value


def _category_labels(table: Table, key: str) -> list[str]:
    """Tick labels: a month column as 'Apr' with its year under the first month and each January."""
    column = table.column(key)
    values = table.values(key)
    if column.type is ColumnType.DATE and column.format in ("mmmm yyyy", "mmm yyyy"):
        labels = []
        for i, value in enumerate(values):
            if isinstance(value, dt.date):
                month = _format.MONTHS[value.month - 1][:3]
                labels.append(f"{month}\n{value.year}" if i == 0 or value.month == 1 else month)
            else:
                labels.append(_format.MISSING)
        return labels
    return [column.text(v) for v in values]


def _number(value: Value) -> float:
    return float(value) if isinstance(value, (int, float)) else 0.0


def _halo(width: float) -> list[Any]:
    patheffects = require("matplotlib.patheffects", "Drawing a chart")
    return [patheffects.Stroke(linewidth=width + 1.5, foreground="white"), patheffects.Normal()]


def _percent_axis(axis: Any) -> None:
    ticker = require("matplotlib.ticker", "Drawing a chart")
    axis.set_major_formatter(ticker.PercentFormatter(xmax=1, decimals=0))


def _style_value_axis(ax: Any, horizontal: bool = False) -> None:
    ax.grid(axis="x" if horizontal else "y", color=GRID, linewidth=0.8)
    ax.tick_params(length=0, axis="x" if horizontal else "y")
    if horizontal:
        ax.spines["bottom"].set_visible(False)
    else:
        ax.spines["left"].set_visible(False)


def _legend(ax: Any, handles: Sequence[Any], labels: Sequence[str]) -> None:
    """The legend above the plot, left-aligned, in as many columns as fit the width, read row by row."""
    # About 5.4pt a character at 10pt, and 36pt for the key and the gap: enough to choose the columns.
    widths = [len(label) * 5.4 + 36 for label in labels]
    n = len(labels)
    ncol = n
    while ncol > 1 and sum(sorted(widths, reverse=True)[:ncol]) > WIDTH_IN * 72 - 30:
        ncol -= 1
    rows = -(-n // ncol)
    # matplotlib fills the legend column by column: order the entries so that it reads row by row.
    order = [r * ncol + c for c in range(ncol) for r in range(rows) if r * ncol + c < n]
    figure = ax.figure
    engine = figure.get_layout_engine()
    if engine is None or type(engine).__name__ != "ConstrainedLayoutEngine" or len(figure.axes) > 1:
        # An axes of the caller's (``.plot(ax)``): the legend inside it.
        ax.legend(
            [handles[i] for i in order],
            [labels[i] for i in order],
            loc="best",
            ncol=ncol,
            framealpha=0.9,
            handlelength=1.6,
            columnspacing=1.2,
            fontsize=9,
        )
        return
    figure.legend(
        [handles[i] for i in order],
        [labels[i] for i in order],
        loc="outside upper left",
        ncol=ncol,
        handlelength=1.6,
        handletextpad=0.6,
        columnspacing=1.2,
        fontsize=10,
    )


def _wrap(labels: Sequence[str], width: int) -> list[str]:
    return [textwrap.fill(label, width) if "\n" not in label else label for label in labels]


def _timescale(ax: Any, chart: TimescaleChart, marks: dict[str, Mark]) -> None:
    table = chart.table
    labels = _category_labels(table, chart.category)
    categories = [table.column(chart.category).text(v) for v in table.values(chart.category)]
    within = [_number(v) for v in table.values(chart.within)]
    outside = [_number(v) for v in table.values(chart.outside)]
    totals = [a + b for a, b in zip(within, outside)]
    share_in = [a / t if t else 0.0 for a, t in zip(within, totals)]
    share_out = [b / t if t else 0.0 for b, t in zip(outside, totals)]
    x = list(range(len(labels)))
    names = (table.column(chart.within).heading, table.column(chart.outside).heading)
    bars_in = ax.bar(x, share_in, width=0.78, color=SERIES_COLOURS[0], label=names[0], edgecolor="white", linewidth=0.6)
    bars_out = ax.bar(
        x, share_out, bottom=share_in, width=0.78, color=SERIES_COLOURS[3], label=names[1], edgecolor="white", linewidth=0.6
    )
    for key, bars, values in (
        (chart.within, bars_in, table.values(chart.within)),
        (chart.outside, bars_out, table.values(chart.outside)),
    ):
        for i, bar in enumerate(bars):
            gid = f"mark-{key}-{i}"
            bar.set_gid(gid)
            marks[gid] = Mark(key, categories[i], values[i])
    shares = table.values(chart.share) if chart.share else None
    share_column = table.column(chart.share) if chart.share else None
    for i, total in enumerate(totals):
        if not total:
            continue
        text = (
            share_column.text(shares[i]) if shares is not None and share_column is not None else _format.percent_text(share_in[i])
        )
        if share_in[i] >= 0.2:
            ax.text(i, 0.025, text, ha="center", va="bottom", color="white", fontsize=8.5, fontweight="bold")
    handles, legend = [bars_in, bars_out], [names[0], names[1]]
    if chart.target is not None:
        target = ax.axhline(chart.target, color=TARGET_COLOUR, linewidth=2, zorder=5, path_effects=_halo(2))
        target.set_gid("target")
        handles.append(target)
        legend.append(chart.target_label or "")
    ax.set_xticks(x, labels)
    ax.set_xlim(-0.6, len(x) - 0.4)
    ax.set_ylim(0, 1)
    _percent_axis(ax.yaxis)
    ax.set_ylabel(chart.y_label)
    ax.set_xlabel(table.column(chart.category).heading)
    _style_value_axis(ax)
    ax.tick_params(axis="x", length=0)
    _legend(ax, handles, legend)


def _bands(ax: Any, chart: BandsChart, marks: dict[str, Mark]) -> None:
    matplotlib_lines = require("matplotlib.lines", "Drawing a chart")
    table = chart.table
    value_column, target_column = table.column(chart.value), table.column(chart.target)
    categories = [table.column(chart.category).text(v) for v in table.values(chart.category)]
    values = table.values(chart.value)
    targets = table.values(chart.target)
    # Each band's target is written under its name, and marked on its column by a black line; a band
    # without one says so ("no target"), and has no mark.
    labels = [
        f"{label}\ntarget {target_column.text(t)}" if t is not None else f"{label}\n{target_column.missing or 'no target'}"
        for label, t in zip(_wrap(_category_labels(table, chart.category), 18), targets)
    ]
    x = list(range(len(labels)))
    bars = ax.bar(x, [_number(v) for v in values], width=0.5, color=SERIES_COLOURS[0])
    for i, bar in enumerate(bars):
        gid = f"mark-{chart.value}-{i}"
        bar.set_gid(gid)
        marks[gid] = Mark(chart.value, categories[i], values[i])
        value = _number(values[i])
        if value >= 0.12:
            ax.text(
                i, 0.03, value_column.text(values[i]), ha="center", va="bottom", color="white", fontsize=11, fontweight="bold"
            )
        else:
            ax.text(
                i, value + 0.02, value_column.text(values[i]), ha="center", va="bottom", color=INK, fontsize=11, fontweight="bold"
            )
        if targets[i] is not None:
            target = _number(targets[i])
            line = ax.plot(
                [i - 0.34, i + 0.34],
                [target, target],
                color=TARGET_COLOUR,
                linewidth=2.5,
                solid_capstyle="butt",
                zorder=5,
                path_effects=_halo(2.5),
            )[0]
            line.set_gid(f"target-{i}")
    ax.set_xticks(x, labels)
    ax.set_xlim(-0.6, len(x) - 0.4)
    ax.set_ylim(0, 1.02)
    _percent_axis(ax.yaxis)
    ax.set_yticks([0, 0.2, 0.4, 0.6, 0.8, 1.0])
    ax.set_ylabel(chart.y_label)
    _style_value_axis(ax)
    ax.tick_params(axis="x", length=0)
    handles = [bars, matplotlib_lines.Line2D([], [], color=TARGET_COLOUR, linewidth=2.5)]
    _legend(ax, handles, [value_column.heading, target_column.heading])


def _funnel(ax: Any, chart: FunnelChart, marks: dict[str, Mark]) -> None:
    table = chart.table
    labels = [table.column(chart.stage).text(v) for v in table.values(chart.stage)]
    counts = table.values(chart.count)
    y = list(range(len(labels)))
    widths = [_number(v) for v in counts]
    bars = ax.barh(y, widths, height=0.62, color=SERIES_COLOURS[0])
    top = max(widths) if widths and max(widths) > 0 else 1.0
    count_column = table.column(chart.count)
    shares = table.values(chart.share) if chart.share else None
    for i, bar in enumerate(bars):
        gid = f"mark-{chart.count}-{i}"
        bar.set_gid(gid)
        marks[gid] = Mark(chart.count, labels[i], counts[i])
        text = count_column.text(counts[i])
        if shares is not None and chart.share:
            text += f"  ({table.column(chart.share).text(shares[i])})"
        ax.text(widths[i] + top * 0.012, i, text, ha="left", va="center", fontsize=10, color=INK)
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    ax.set_xlim(0, top * 1.3)
    ax.set_xlabel(chart.x_label)
    ticker = require("matplotlib.ticker", "Drawing a chart")
    ax.xaxis.set_major_locator(ticker.MaxNLocator(nbins=5, steps=[1, 2, 2.5, 5, 10], integer=True))
    ax.xaxis.set_major_formatter(ticker.StrMethodFormatter("{x:,.0f}"))
    _style_value_axis(ax, horizontal=True)
    ax.tick_params(axis="y", length=0)


def _stacked(ax: Any, chart: StackedBarChart, marks: dict[str, Mark]) -> None:
    table = chart.table
    labels = _category_labels(table, chart.category)
    if not chart.horizontal:
        labels = _wrap(labels, max(8, int(60 / max(1, len(labels)))))
    categories = [table.column(chart.category).text(v) for v in table.values(chart.category)]
    positions = list(range(len(labels)))
    base = [0.0] * len(labels)
    handles = []
    for s, key in enumerate(chart.series):
        values = table.values(key)
        numbers = [_number(v) for v in values]
        colour = chart.colours[s] if chart.colours else SERIES_COLOURS[s % len(SERIES_COLOURS)]
        common = {"color": colour, "label": table.column(key).heading, "edgecolor": "white", "linewidth": 1}
        if chart.horizontal:
            bars = ax.barh(positions, numbers, left=base, height=0.62, **common)
        else:
            bars = ax.bar(positions, numbers, bottom=base, width=0.62, **common)
        handles.append(bars)
        for i, bar in enumerate(bars):
            gid = f"mark-{key}-{i}"
            bar.set_gid(gid)
            marks[gid] = Mark(key, categories[i], values[i])
        base = [b + n for b, n in zip(base, numbers)]
    ticker = require("matplotlib.ticker", "Drawing a chart")
    formatter = ticker.StrMethodFormatter("{x:,.0f}")
    (ax.xaxis if chart.horizontal else ax.yaxis).set_major_locator(
        ticker.MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10], integer=True)
    )
    if chart.horizontal:
        ax.set_yticks(positions, labels)
        ax.invert_yaxis()
        ax.set_xlabel(chart.y_label)
        ax.xaxis.set_major_formatter(formatter)
        ax.tick_params(axis="y", length=0)
    else:
        ax.set_xticks(positions, labels)
        ax.set_ylabel(chart.y_label)
        ax.set_xlabel(table.column(chart.category).heading)
        ax.yaxis.set_major_formatter(formatter)
        ax.tick_params(axis="x", length=0)
    _style_value_axis(ax, horizontal=chart.horizontal)
    _legend(ax, handles, [table.column(key).heading for key in chart.series])


DRAW = {TimescaleChart: _timescale, BandsChart: _bands, FunnelChart: _funnel, StackedBarChart: _stacked}


def _height(chart: Chart) -> float:
    if isinstance(chart, FunnelChart):
        return max(2.0, 0.5 * len(chart.table.rows) + 0.9)
    if isinstance(chart, StackedBarChart) and chart.horizontal:
        return max(2.2, 0.45 * len(chart.table.rows) + 1.3)
    return HEIGHT_IN


_FONTS_CHECKED = False


def _register_page_font() -> None:
    """Make matplotlib measure text with the font the page is read in (Arial, or Liberation Sans,
    its metric twin) when the system has it but matplotlib's font cache predates it: labels are then
    placed for the glyphs the browser draws."""
    global _FONTS_CHECKED
    if _FONTS_CHECKED:
        return
    _FONTS_CHECKED = True
    font_manager = require("matplotlib.font_manager", "Drawing a chart")
    known = {f.name for f in font_manager.fontManager.ttflist}
    if known & set(FONT[:3]):
        return
    for path in font_manager.findSystemFonts(fontext="ttf"):
        name = path.rsplit("/", 1)[-1].lower()
        if name.startswith(("liberationsans-", "arial")):
            font_manager.fontManager.addfont(path)


def draw_svg(chart: Chart) -> tuple[str, dict[str, Mark]]:
    """The chart as matplotlib writes it, and its marks by group id (before any id is prefixed)."""
    matplotlib = require("matplotlib", "Drawing a chart")
    figure_module = require("matplotlib.figure", "Drawing a chart")
    backend = require("matplotlib.backends.backend_svg", "Drawing a chart")
    marks: dict[str, Mark] = {}
    _register_page_font()
    with matplotlib.rc_context(RC):
        figure = figure_module.Figure(figsize=(WIDTH_IN, _height(chart)), layout="constrained")
        backend.FigureCanvasSVG(figure)
        ax = figure.add_subplot()
        for kind, draw in DRAW.items():
            if isinstance(chart, kind):
                draw(ax, chart, marks)  # type: ignore[operator]
                break
        else:
            raise TypeError(f"no drawing for a {type(chart).__name__}")
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None, "Format": None, "Type": None})
    return buffer.getvalue(), marks


_ROOT = re.compile(r"<svg\b[^>]*>")


def inline_svg(svg: str, chart_id: str, title: str, description: str, marks: dict[str, Mark]) -> str:
    """matplotlib's SVG made fit for an HTML page (see the module's docstring)."""
    svg = re.sub(r"<\?xml[^>]*\?>\s*", "", svg)
    svg = re.sub(r"<!DOCTYPE[^>]*>\s*", "", svg, flags=re.S)
    svg = re.sub(r"\s*<metadata>.*?</metadata>", "", svg, flags=re.S)
    # matplotlib's one style rule (round joins, butt caps) is in the page's stylesheet instead.
    svg = re.sub(r"\s*<defs>\s*<style[^>]*>[^<]*</style>\s*</defs>", "", svg)
    svg = svg.replace("xlink:href=", "href=")
    svg = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{chart_id}-{m.group(1)}"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{chart_id}-{m.group(1)})", svg)
    svg = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{chart_id}-{m.group(1)}"', svg)

    def mark_attributes(match: re.Match[str]) -> str:
        gid = match.group(1)
        mark = marks[gid]
        value = "" if mark.value is None else str(mark.value)
        return (
            f'<g id="{chart_id}-{gid}" class="mark" data-series="{html.escape(mark.series)}" '
            f'data-category="{html.escape(mark.category)}" data-value="{html.escape(value)}">'
        )

    svg = re.sub(rf'<g id="{re.escape(chart_id)}-(mark-[^"]+)">', mark_attributes, svg)
    svg = re.sub(rf'<g id="{re.escape(chart_id)}-(target(?:-\d+)?)">', rf'<g id="{chart_id}-\1" class="target">', svg)
    root = _ROOT.search(svg)
    if root is None:
        raise ValueError("matplotlib wrote no <svg> element")
    view_box = re.search(r'viewBox="([^"]+)"', root.group(0))
    opening = (
        f'<svg id="{chart_id}" class="chart-svg" viewBox="{view_box.group(1) if view_box else ""}" version="1.1" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" focusable="false">\n'
        f' <title id="{chart_id}-title">{html.escape(title)}</title>\n'
        f' <desc id="{chart_id}-desc">{html.escape(description)}</desc>'
    )
    return svg[: root.start()] + opening + svg[root.end() :]


def chart_svg(chart: Chart, chart_id: str) -> str:
    """The chart as an accessible SVG element to write inline in a page."""
    svg, marks = draw_svg(chart)
    return inline_svg(svg, chart_id, chart.title, chart.description, marks).strip()
