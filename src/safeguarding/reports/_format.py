"""How a value is written for a reader: one function per column type, shared by the HTML and the
chart labels, and the Excel number format codes that say the same thing to Excel.

A column's ``format`` is an Excel number format code, from a small supported set, so that the
workbook and the page show a figure the same way."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from ._types import ColumnType

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

#: The format codes each column type accepts; the first is the default.
FORMATS: dict[ColumnType, tuple[str, ...]] = {
    ColumnType.TEXT: ("@",),
    ColumnType.RAG: ("@",),
    ColumnType.INTEGER: ("#,##0", "0"),
    ColumnType.NUMBER: ("#,##0.0", "#,##0", "#,##0.00", "0.0", "0.00"),
    ColumnType.PERCENT: ("0%", "0.0%", "0.00%"),
    ColumnType.DATE: ("d mmmm yyyy", "mmmm yyyy", "mmm yyyy", "d mmm yyyy"),
}

#: What an empty cell says (an en dash, read out by screen readers as "dash").
MISSING = "–"


def default_format(kind: ColumnType) -> str:
    return FORMATS[kind][0]


def check_format(kind: ColumnType, code: str | None) -> str:
    if code is None:
        return default_format(kind)
    if code not in FORMATS[kind]:
        raise ValueError(f"format {code!r} is not one for a {kind.value} column (one of: {', '.join(FORMATS[kind])})")
    return code


def long_date(day: dt.date) -> str:
    """'31 March 2020', as GOV.UK writes a date."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def month_text(day: dt.date, short: bool = False) -> str:
    name = MONTHS[day.month - 1]
    return f"{name[:3] if short else name} {day.year}"


def _decimals(code: str) -> int:
    return len(code.split(".", 1)[1].rstrip("%")) if "." in code else 0


def _round_half_up(value: float, decimals: int) -> float:
    # Reports round as a person does (and as Excel shows): 0.5 goes up, not to the even neighbour.
    scale = 10.0**decimals
    return float(math.floor(abs(value) * scale + 0.5 + 1e-9)) / scale * (1.0 if value >= 0 else -1.0)


def number_text(value: float, code: str) -> str:
    decimals = _decimals(code)
    rounded = _round_half_up(value, decimals)
    return f"{rounded:,.{decimals}f}" if code.startswith("#,##") else f"{rounded:.{decimals}f}"


def percent_text(value: float, code: str = "0%") -> str:
    """A proportion (0.915) as a percentage ('92%' or '91.5%')."""
    decimals = _decimals(code)
    return f"{_round_half_up(value * 100, decimals):.{decimals}f}%"


def date_text(value: dt.date, code: str = "d mmmm yyyy") -> str:
    if code == "d mmmm yyyy":
        return long_date(value)
    if code == "mmmm yyyy":
        return month_text(value)
    if code == "mmm yyyy":
        return month_text(value, short=True)
    return f"{value.day} {MONTHS[value.month - 1][:3]} {value.year}"


def integer_text(value: int, code: str = "#,##0") -> str:
    return f"{value:,}" if code == "#,##0" else str(value)


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """'1 finding', '1,204 findings'."""
    word = singular if count == 1 else (plural_form or singular + "s")
    return f"{count:,} {word}"


def finding_meta(item: Any, capitalised: bool = True) -> list[str]:
    """A finding's due date, owner, rule and source, each that it has: "Due 1 May 2020", "Owner: …",
    "Rule: …", "Source: …" (lower case for plain text, where they follow the title on one line)."""
    parts = [("Due ", None if item.due is None else long_date(item.due)), ("Owner: ", item.owner),
             ("Rule: ", item.reference), ("Source: ", item.source)]
    return [(label if capitalised else label.lower()) + str(value) for label, value in parts if value]


def measure_text(measure: Any, with_note: bool = False) -> str:
    """What a measure is, as one sentence: its name, then "rule …", "source: …", "confidence: …"
    (and its note when ``with_note``), each that it has: the notes under a table in HTML and in text."""
    parts = [measure.name]
    parts += [f"{label}{value}" for label, value in (("rule ", measure.rule), ("source: ", measure.source),
                                                     ("confidence: ", measure.confidence)) if value]
    if with_note and measure.note:
        parts.append(measure.note)
    return "; ".join(parts) + "."
