"""``.plot(ax=None)``: a result's chart drawn by matplotlib on the caller's axes (or new ones), the
same chart as its report's, for a notebook. Needs the ``reports`` extra (matplotlib)."""

from __future__ import annotations

import textwrap
from typing import Any

from ._charts import DRAW, RC, WIDTH_IN, _height, _register_page_font
from ._deps import require
from ._model import Chart, Report


def plot_chart(chart: Chart, ax: Any = None) -> Any:
    """Draws ``chart`` on ``ax`` (a matplotlib Axes; default: a new figure's) and returns the Axes."""
    matplotlib = require("matplotlib", "Plotting")
    _register_page_font()
    with matplotlib.rc_context(RC):
        if ax is None:
            pyplot = require("matplotlib.pyplot", "Plotting")
            _, ax = pyplot.subplots(figsize=(WIDTH_IN, _height(chart) + 0.4), layout="constrained")
        for kind, draw in DRAW.items():
            if isinstance(chart, kind):
                draw(ax, chart, {})  # type: ignore[operator]
                break
        else:  # pragma: no cover - every chart kind has a drawing
            raise TypeError(f"no drawing for a {type(chart).__name__}")
        ax.set_title(textwrap.fill(chart.title, 90), loc="left", fontsize=11, fontweight="bold")
    return ax


def plot_report(report: Report, ax: Any = None, what: str = "") -> Any:
    """The report's first chart (its main one) drawn on ``ax``."""
    charts = report.charts()
    if not charts:
        raise ValueError(f"{what or report.title}: there is no chart to plot (to_frame() gives its table)")
    return plot_chart(charts[0], ax)
