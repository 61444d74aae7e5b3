"""What the builders share: turning the library's result values (DataFrames, pandas periods, percents
from 0 to 100, citations) into the document model's, without computing any figure. A percentage the
library gives from 0 to 100 is written as the proportion the model holds (divided by 100: the same
figure); a missing value (NaN, NA, NaT) is an empty cell."""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any
from collections.abc import Iterable, Mapping, Sequence

from ._model import Column, Measure, Table
from ._types import ColumnType as T
from ._types import Status, Tone

MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

#: Headings for the column names the library's results use.
HEADINGS: dict[str, str] = {
    "held": "Held",
    "done": "Done",
    "in_timescale": "In timescale",
    "out_of_timescale": "Out of timescale",
    "percent_in_timescale": "% in timescale",
    "share_in_timescale": "% in timescale",
    "not_judged": "Not judged",
    "overdue": "Overdue",
    "missed": "Missed",
    "open": "Open",
    "met": "Met",
    "late": "Late",
    "ended": "Ended",
    "instances": "Instances",
    "reviews": "Reviews",
    "children": "Children",
    "episodes": "Episodes",
    "still_open": "Still open at 31 March",
    "median_days": "Median length (days)",
    "placements": "Placements",
    "looked_after_at_31_march": "Looked after at 31 March",
    "CHILD": "Child",
    "child": "Child",
    "case": "Case",
    "REVIEW_CODE": "Participation code",
    "REC": "Reason ceased (REC)",
    "MISSING": "Kind of episode",
    "list": "List",
    "check": "Check",
    "judged": "Judged",
    "percent_overdue": "% overdue",
    "rule": "Rule",
    "source": "Source",
    "confidence": "Confidence",
    "child_unique_id": "Child",
    "row": "Row",
    "last": "Latest record",
    "due": "Due",
    "start": "Clock started",
    "completed": "Done",
    "status": "Status",
    "overdue_days": "Days overdue",
    "overdue_working_days": "Working days overdue",
    "late_days": "Days late",
    "late_working_days": "Working days late",
    "month": "Month",
    "quarter": "Quarter",
    "year": "Year",
    "edition": "Edition",
    "band": "Concluded within",
    "concluded": "Concluded",
    "within": "Concluded within the band",
    "percent_within": "% within the band",
    "target": "Target",
    "meets_target": "Against the target",
    "contacts": "Contacts",
    "referrals": "Referrals",
    "re_referrals": "Re-referrals",
    "percent_re_referrals": "% re-referrals within 12 months",
    "decided": "Decided",
    "assessments": "Assessments",
    "plans": "Plans",
    "percent_referred": "% referred",
    "percent_assessed": "% of referrals assessed",
    "percent_to_plan": "% of assessments to a plan",
    "nfa": "No further action",
    "advice": "Advice",
    "early_help": "Early help",
    "resolved_below": "Resolved at early help or below",
    "referred": "Referred to social care",
    "no_outcome": "No outcome",
    "percent_resolved_below": "% resolved at early help or below",
    "agency": "Agency",
    "rated": "Rated",
    "agree": "Agree",
    "over": "Referrer's level higher",
    "under": "Referrer's level lower",
    "kappa": "Cohen's kappa",
    "percent_agree": "% agree",
    "percent_over": "% higher",
    "percent_under": "% lower",
    "file": "File",
    "table": "Table",
    "column": "Column",
    "where": "Where",
    "value": "Value",
    "problem": "Problem",
    "action": "Action",
    "read": "Rows read",
    "used": "Used",
    "rejected": "Rejected",
    "merged": "Merged",
    "findings": "Findings",
    "after_as_of": "After the as-of date",
    "share": "Share",
    "count": "Count",
    "total": "Of",
}


def heading(key: str) -> str:
    return HEADINGS.get(key, key.replace("_", " ").capitalize())


def missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    try:
        import pandas as pd  # type: ignore[import-untyped]

        return bool(value is pd.NA or value is pd.NaT or (not isinstance(value, (str, bytes)) and pd.isna(value) is True))
    except (TypeError, ValueError):  # pragma: no cover - a container
        return False


def plain(value: Any) -> Any:
    """A pandas or numpy scalar as a Python one (a missing one as None)."""
    if missing(value):
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        try:
            return value.item()
        except (ValueError, AttributeError):
            pass
    return value


def number(value: Any) -> int | float | None:
    value = plain(value)
    if value is None or isinstance(value, bool):
        return None if value is None else int(value)
    if isinstance(value, float) and value.is_integer() and not math.isinf(value):
        return value
    return value  # type: ignore[no-any-return]


def whole(value: Any) -> int | None:
    value = plain(value)
    if value is None:
        return None
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError(f"{value!r} is not a whole number")
        return int(value)
    return int(value)


def proportion(percent: Any) -> float | None:
    """A percentage the library gives from 0 to 100, as the proportion the model holds."""
    value = plain(percent)
    return None if value is None else float(value) / 100.0


def share(value: Any) -> float | None:
    """A share the library gives from 0 to 1 (NaN when there is no total)."""
    value = plain(value)
    return None if value is None else float(value)


def day(value: Any) -> dt.date | None:
    """A date, a datetime, a pandas Timestamp or a month or quarter Period as a date (its first day)."""
    value = plain(value)
    if value is None:
        return None
    if hasattr(value, "start_time"):  # a pandas Period
        return value.start_time.date()  # type: ignore[no-any-return]
    if hasattr(value, "to_pydatetime"):
        return value.to_pydatetime().date()  # type: ignore[no-any-return]
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):  # a date as the library reads one (an action plan's target date)
        from .._convert import as_date

        return as_date(value, "date")
    if isinstance(value, int):  # nanoseconds, as numpy datetime64[ns].item() gives them
        return (dt.datetime(1970, 1, 1) + dt.timedelta(microseconds=value // 1000)).date()
    raise ValueError(f"{value!r} is not a date")


def quarter_label(period: Any) -> str:
    """A quarter as a reader names it: 'April to June 2019'."""
    start = day(period)
    if start is None:
        return "–"
    first, last = MONTH_NAMES[start.month - 1], MONTH_NAMES[(start.month + 1) % 12]
    end_year = start.year + (1 if start.month + 2 > 12 else 0)
    return f"{first} to {last} {end_year}" if end_year == start.year else f"{first} {start.year} to {last} {end_year}"


def month_label(value: Any) -> str:
    start = day(value)
    return "–" if start is None else f"{MONTH_NAMES[start.month - 1]} {start.year}"


def yes_no(value: Any) -> str | None:
    value = plain(value)
    return None if value is None else ("yes" if value else "no")


def compliance_status(status: str) -> Status:
    """A compliance, instance or check status as the reports write it (text and colour)."""
    return Status.of(str(status))


INSTANCE_STATUSES: dict[str, Status] = {
    "met": Status("Met", Tone.GREEN),
    "late": Status("Late", Tone.RED),
    "overdue": Status("Overdue", Tone.RED),
    "missed": Status("Missed", Tone.RED),
    "open": Status("Open", Tone.GREY),
    "ended": Status("Ended", Tone.GREY),
    "not recorded": Status("Not recorded", Tone.AMBER),
}


def instance_status(status: Any) -> Status | None:
    value = plain(status)
    if value is None:
        return None
    return INSTANCE_STATUSES.get(str(value)) or Status(str(value).capitalize(), Tone.GREY)


_CONFIDENCE = re.compile(r"\s*\(confidence: ([^)]+)\)\s*$")


def counting_measure(name: str, measure_id: str, source: str) -> Measure:
    """A counting measure as the library defines it: its id is its rule, its source text ends with
    its confidence ("… (confidence: check)")."""
    match = _CONFIDENCE.search(source)
    confidence = match.group(1) if match else None
    return Measure(name, rule=measure_id, source=_CONFIDENCE.sub("", source) or None, confidence=confidence)


def cited_measure(name: str, citations: Iterable[Any], note: str | None = None) -> Measure:
    """A timeliness measure named by the editions of its rules that judged it: each citation is a
    rule, an edition, a source and a confidence (``RuleCitation`` or the like)."""
    rules: list[str] = []
    sources: list[str] = []
    confidences: list[str] = []
    for c in citations:
        rule, edition, source, confidence = c
        if rule not in rules:
            rules.append(rule)
        text = f"{rule} ({edition}): {source}" if edition else f"{rule}: {source}"
        if text not in sources:
            sources.append(text)
        if confidence and confidence not in confidences:
            confidences.append(confidence)
    return Measure(
        name, rule=", ".join(rules) or None, source="; ".join(sources) or None, confidence=", ".join(confidences) or None,
        note=note,
    )


def kind_of(values: Sequence[Any], key: str) -> T:
    """The column type of a column's values (all Python scalars or None)."""
    given = [v for v in values if v is not None]
    if key.startswith("percent") or key.startswith("share"):
        return T.PERCENT
    if not given:
        return T.TEXT
    if all(isinstance(v, Status) for v in given):
        return T.RAG
    if all(isinstance(v, dt.date) for v in given):
        return T.DATE
    if all(isinstance(v, bool) for v in given):
        return T.TEXT
    if all(isinstance(v, int) and not isinstance(v, bool) for v in given):
        return T.INTEGER
    if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in given):
        return T.NUMBER
    return T.TEXT


def frame_table(
    frame: Any,
    caption: str,
    *,
    index: bool | None = None,
    columns: Sequence[str] | None = None,
    headings: Mapping[str, str] | None = None,
    types: Mapping[str, tuple[T, str | None]] | None = None,
    values: Mapping[str, Any] | None = None,
    measures: Sequence[Measure] = (),
    note: str | None = None,
    sheet: str | None = None,
    totals: Sequence[Any] | None = None,
) -> Table:
    """A DataFrame as a table: each column typed from its values (whole numbers, decimals, dates,
    text), ``percent_…`` columns (0 to 100) and ``share…`` columns (0 to 1) as percentages, pandas
    periods as dates (months) or quarter names, the index first when it is named (or ``index``).
    ``values`` maps a column to a function applied to each of its values."""
    data = frame.reset_index() if (index if index is not None else frame.index.name is not None) else frame
    keys = list(columns) if columns is not None else [str(c) for c in data.columns]
    headings = dict(headings or {})
    converters = dict(values or {})
    types = dict(types or {})
    cells: dict[str, list[Any]] = {}
    formats: dict[str, tuple[T, str | None]] = {}
    for key in keys:
        series = data[key]
        convert = converters.get(key)
        raw = list(series)
        if convert is not None:
            out = [convert(v) for v in raw]
        elif key.startswith("percent"):
            out = [proportion(v) for v in raw]
        elif key.startswith("share"):
            out = [share(v) for v in raw]
        elif str(getattr(series, "dtype", "")).startswith("period[Q"):
            out = [quarter_label(v) if not missing(v) else None for v in raw]
        elif str(getattr(series, "dtype", "")).startswith(("period[M", "datetime64")):
            out = [day(v) for v in raw]
        else:
            out = [plain(v) for v in raw]
            if out and all(isinstance(v, bool) or v is None for v in out) and any(v is not None for v in out):
                out = [yes_no(v) for v in out]
            elif any(isinstance(v, float) for v in out) and all(
                v is None or (isinstance(v, (int, float)) and float(v).is_integer()) for v in out
            ) and str(getattr(series, "dtype", "")).lower().startswith(("int", "uint")):
                out = [None if v is None else int(v) for v in out]
        cells[key] = out
        if key in types:
            formats[key] = types[key]
        else:
            kind = kind_of(out, key)
            fmt = None
            if kind is T.PERCENT:
                fmt = "0.0%"
            elif kind is T.NUMBER:
                fmt = "#,##0.0" if not key.startswith("kappa") else "0.00"
            elif kind is T.DATE and str(getattr(series, "dtype", "")).startswith("period[M"):
                fmt = "mmmm yyyy"
            formats[key] = (kind, fmt)
    model_columns = [Column(key, headings.get(key, heading(key)), formats[key][0], formats[key][1]) for key in keys]
    rows = [tuple(cells[key][i] for key in keys) for i in range(len(data))]
    return Table(caption, model_columns, rows, measures=measures, note=note, sheet=sheet, totals=totals)
