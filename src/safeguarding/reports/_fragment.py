"""What a result shows in a notebook (``_repr_html_``): its key figures and its main table as an HTML
fragment with styles scoped to it (a class of its own), not a whole page. Written with the standard
library alone, so that a notebook without the ``reports`` extra still shows the table."""

from __future__ import annotations

import html

from . import _format
from ._model import KeyFigures, Report, Table
from ._types import TONE_COLOURS, Status

#: Rows shown before the fragment says how many more there are (``to_frame()`` has them all).
MAX_ROWS = 60

STYLE = """<style>
.sg-fragment { font-family: Arial, "Liberation Sans", Helvetica, sans-serif; color: #0b0c0c; }
.sg-fragment table { border-collapse: collapse; font-variant-numeric: tabular-nums; margin: 0.25em 0; }
.sg-fragment caption { text-align: left; font-weight: bold; padding: 0 0 0.4em; }
.sg-fragment th, .sg-fragment td { text-align: left; vertical-align: top; padding: 0.25em 1em 0.25em 0;
  border-bottom: 1px solid #b1b4b6; }
.sg-fragment thead th { border-bottom: 2px solid #0b0c0c; }
.sg-fragment tbody th { font-weight: normal; }
.sg-fragment tfoot th, .sg-fragment tfoot td { font-weight: bold; border-top: 2px solid #0b0c0c; border-bottom: 0; }
.sg-fragment .sg-num { text-align: right; white-space: nowrap; }
.sg-fragment .sg-tag { display: inline-block; padding: 0 0.4em; font-weight: bold; white-space: nowrap; }
.sg-fragment .sg-key { margin: 0 0 0.5em; padding: 0; list-style: none; }
.sg-fragment .sg-key li { margin: 0.1em 0; }
.sg-fragment .sg-key strong { font-size: 1.15em; }
.sg-fragment .sg-note { color: #505a5f; font-size: 0.9em; margin: 0.3em 0 0; }
</style>"""


def _tag(status: Status) -> str:
    colours = TONE_COLOURS[status.tone]
    return (
        f'<span class="sg-tag" style="color:{colours.text};background:{colours.fill}">{html.escape(status.label)}</span>'
    )


def _cell(tag: str, column_numeric: bool, value: object, text: str, scope: str = "") -> str:
    inner = _tag(value) if isinstance(value, Status) else html.escape(text)
    cls = ' class="sg-num"' if column_numeric else ""
    return f"<{tag}{scope}{cls}>{inner}</{tag}>"


def table_fragment(table: Table, max_rows: int = MAX_ROWS) -> str:
    num = ' class="sg-num"'
    head = "".join(f'<th scope="col"{num if c.numeric else ""}>{html.escape(c.heading)}</th>' for c in table.columns)
    rows = []
    for row in table.rows[:max_rows]:
        cells = []
        for column, value in zip(table.columns, row):
            if column.row_header:
                cells.append(_cell("th", column.numeric, value, column.text(value), ' scope="row"'))
            else:
                cells.append(_cell("td", column.numeric, value, column.text(value)))
        rows.append("<tr>" + "".join(cells) + "</tr>")
    foot = ""
    if table.totals is not None:
        cells = [
            _cell("th" if c.row_header else "td", c.numeric, v, "" if v is None else c.text(v),
                  ' scope="row"' if c.row_header else "")
            for c, v in zip(table.columns, table.totals)
        ]
        foot = "<tfoot><tr>" + "".join(cells) + "</tr></tfoot>"
    out = (
        f"<table><caption>{html.escape(table.caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody>{foot}</table>"
    )
    notes = []
    if len(table.rows) > max_rows:
        notes.append(
            f"The first {max_rows} of {len(table.rows):,} rows: to_frame() has them all, to_html() and to_excel() show them all."
        )
    if table.note:
        notes.append(table.note)
    notes.extend(_format.measure_text(m) for m in table.measures)
    return out + "".join(f'<p class="sg-note">{html.escape(n)}</p>' for n in notes)




def fragment(report: Report, table: Table | None = None) -> str:
    """The report's key figures and its main table (``table``, else the first), as a fragment."""
    parts = [f'<div class="sg-fragment">{STYLE}']
    parts.append(f"<p><strong>{html.escape(report.title)}</strong>, as of {_format.long_date(report.as_of)}</p>")
    for block in report.blocks():
        if isinstance(block, KeyFigures):
            items = []
            for k in block.items:
                status = f" {_tag(k.status)}" if isinstance(k.status, Status) else ""
                detail = f" ({html.escape(k.detail)})" if k.detail else ""
                items.append(f"<li><strong>{html.escape(k.text)}</strong> {html.escape(k.label)}{status}{detail}</li>")
            parts.append('<ul class="sg-key">' + "".join(items) + "</ul>")
            break
    main = table or report.main_table or next(iter(report.tables()), None)
    if main is not None:
        parts.append(table_fragment(main))
    parts.append("</div>")
    return "".join(parts)
