"""The statutory returns report: the files given, each recognised by its content (an SSDA903 table or
XML, a CIN census, an Annex A workbook), read by the library's readers, and every measure of each for
a reporting year, with the data-quality findings and the row accounting. For Annex A, the overdue
lists name each child, so that a team can act on them.

:func:`returns` loads and measures (every figure is a call of the library's), and gives a
:class:`Returns`, whose report (``to_html``, ``to_excel``, ``to_text``) is arranged from those results
alone. Its JSON (``to_dict``) is the library's for each SSDA903 and CIN census part
(``returns::ssda903_report_json``, ``cin_census_report_json``: the browser page's bytes too), and
arranged here for an Annex A workbook (which the page does not read) and around the parts."""

from __future__ import annotations

import datetime as dt
import os
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import _arrange as A
from ._format import long_date, percent_text
from ._json import frame_records, measure_dict
from ._mixin import ReportMixin
from ._model import (
    Column,
    Findings,
    KeyFigure,
    KeyFigures,
    Measure,
    Paragraph,
    Report,
    Role,
    Section,
    Table,
)
from ._results import (
    FIGURE_COLUMNS,
    counting,
    figure_row,
    findings_table,
    measure_name,
    measure_table,
    monthly_table,
    months_below,
    not_computable_table,
    overdue_table,
    quality_summary,
    timescale_chart,
    used_citations,
)
from ._types import ColumnType as T

SSDA903, CIN_CENSUS, ANNEX_A = "ssda903", "cin_census", "annex_a"
KIND_NAMES = {SSDA903: "SSDA903 return", CIN_CENSUS: "CIN census", ANNEX_A: "Annex A"}
#: The reviews' default target: a local performance target (the regulations expect every review in
#: time); ``--target`` sets another.
DEFAULT_TARGET = 0.9

#: Told each step's name as it starts, and how many steps there are with the first.
Progress = Callable[..., None]


def _nothing(_: str, total: int | None = None) -> None:
    pass


# --- Recognising a file by its content ------------------------------------------------------------


def _head(path: Path, size: int = 65536) -> bytes:
    with open(path, "rb") as f:
        return f.read(size)


def _text_head(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(data) > 1 and (data[0] == 0 or data[1] == 0)):
        for encoding in ("utf-16",) if data.startswith((b"\xff\xfe", b"\xfe\xff")) else ("utf-16-le", "utf-16-be"):
            try:
                return data.decode(encoding, errors="ignore")
            except UnicodeDecodeError:  # pragma: no cover - errors ignored
                continue
    return data.decode("utf-8", errors="ignore").lstrip("\ufeff")


def _root_element(text: str) -> str | None:
    import re

    body = re.sub(r"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>", "", text, flags=re.S)
    match = re.search(r"<\s*([A-Za-z_][\w.:-]*)", body)
    return match.group(1).split(":")[-1] if match else None


def detect(path: str | os.PathLike[str]) -> tuple[str | None, str]:
    """What a file is, judged by its content: ``ssda903`` (a CSV table with a CHILD column, or XML
    whose root is EXPSSDA903), ``cin_census`` (XML whose root is Message, of the CIN collection),
    ``annex_a`` (an xlsx workbook), or None; and why (for a file not recognised)."""
    file = Path(path)
    data = _head(file)
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(file) as z:
                if "xl/workbook.xml" in z.namelist():
                    return ANNEX_A, "an xlsx workbook"
        except zipfile.BadZipFile:
            return None, "a damaged zip archive"
        return None, "a zip archive that is not an xlsx workbook"
    text = _text_head(data)
    stripped = text.lstrip()
    if stripped.startswith("<"):
        root = _root_element(stripped)
        if root == "EXPSSDA903":
            return SSDA903, "SSDA903 XML"
        if root == "Message":
            if "<Collection>CIN</Collection>" in text.replace(" ", "") or "<Collection>CIN<" in text:
                return CIN_CENSUS, "CIN census XML"
            return None, "an XML Message that is not of the CIN collection"
        return None, f"XML whose root element is {root!r} (neither EXPSSDA903 nor a CIN census Message)"
    first = stripped.splitlines()[0] if stripped else ""
    columns = [c.strip().strip('"').upper() for c in first.split(",")]
    if "CHILD" in columns:
        return SSDA903, "an SSDA903 CSV table"
    if not first:
        return None, "an empty file"
    return None, "not an SSDA903 table (no CHILD column), XML return or xlsx workbook"


@dataclass
class Found:
    """The files given, by kind, and those not read (with why)."""

    ssda903: list[str] = field(default_factory=list)
    cin_census: list[str] = field(default_factory=list)
    annex_a: list[str] = field(default_factory=list)
    not_read: list[tuple[str, str]] = field(default_factory=list)


def find(paths: Iterable[str | os.PathLike[str]]) -> Found:
    """Every return among ``paths`` (files, and folders searched through): a file named on its own
    that is not a return is an error; one found in a folder is listed in ``not_read``."""
    from .._errors import Error

    found = Found()
    problems: list[tuple[str, str]] = []

    def visit(path: Path, given: bool) -> None:
        if path.is_dir():
            for child in sorted(path.iterdir()):
                if not child.name.startswith("."):
                    visit(child, False)
            return
        if not path.exists():
            problems.append((str(path), "no such file or folder"))
            return
        try:
            kind, why = detect(path)
        except OSError as error:
            problems.append((str(path), f"cannot be read ({error.strerror or error})"))
            return
        if kind is None:
            if given:
                problems.append((str(path), f"not a statutory return: {why}"))
            else:
                found.not_read.append((str(path), why))
            return
        getattr(found, kind).append(str(path))

    for p in paths:
        visit(Path(p), True)
    if len(problems) == 1:
        raise Error(f"{problems[0][0]}: {problems[0][1]}")
    if problems:
        from .. import _core

        raise _core.errors.error(f"{len(problems)} of the paths given cannot be read as returns", problems)
    if not (found.ssda903 or found.cin_census or found.annex_a):
        raise Error("no SSDA903 table, CIN census or Annex A workbook among the paths given"
                    + (f" ({len(found.not_read)} other files)" if found.not_read else ""))
    return found


# --- Loading and measuring ---------------------------------------------------------------------------


@dataclass
class SsdaPart:
    data: Any
    year: Any
    year_from: str
    reviews: Any
    participation: Any
    looked_after: int | NotComputable
    three_or_more: Any
    placement_counts: Any
    reasons_ceased: Any
    missing: Any
    calendar: Any = None  # what the measures were formed with (the JSON forms them again, in C++)
    catalogue: Any = None


@dataclass
class NotComputable:
    """A count or a measure table the data cannot give (the library raised, e.g. the year's return
    did not supply the table it counts): shown as no figure, with the library's reason, instead of stopping the whole
    report. ``source`` is the measure's own (the library's list of counting measures)."""
    measure: str
    reason: str
    source: str = ""
    count: None = None
    total: None = None
    share: float = float("nan")


def _counted(measure: str, count: Any, year: Any) -> Any:
    from .._errors import Error
    from .._returns import COUNTING_MEASURES

    try:
        return count(year)
    except Error as error:  # "the 2020 return has no missing table: …", "… is outside the years the data covers …"
        return NotComputable(measure, str(error), COUNTING_MEASURES.get(measure, ""))


@dataclass
class CinPart:
    data: Any
    file: str
    year: Any
    year_from: str
    assessments: Any
    initial_conferences: Any
    review_conferences: Any
    re_referrals: Any
    nfa: Any
    two_years: Any
    second_plans: Any
    calendar: Any = None
    catalogue: Any = None


@dataclass
class AnnexPart:
    data: Any
    file: str
    as_of: dt.date
    as_of_from: str
    checks: Any
    children: Any


def returns(
    paths: Iterable[str | os.PathLike[str]],
    year: Any = None,
    as_of: Any = None,
    *,
    target: float | None = DEFAULT_TARGET,
    calendar: Any = None,
    catalogue: Any = None,
    progress: Progress = _nothing,
) -> Returns:
    """Reads every return among ``paths`` and forms each of its measures: the SSDA903 (one history
    stitched from all its files), each CIN census and each Annex A workbook. ``year`` (2019,
    "2019-20") is the reporting year of every return; by default each return's own (the SSDA903's
    latest return, the census's Year). ``as_of`` is the date the Annex A lists are judged as of
    (default: the latest date in them). ``target`` is the reviews' local target (a proportion, or
    None for none)."""
    from .. import _core, annex_a, cin_census, ssda903
    from .._calendar import Calendar
    from .._convert import as_date
    from .._returns import ReportingYear
    from .._rules import RuleCatalogue

    found = find(paths)
    calendar = calendar or Calendar.england_and_wales()
    catalogue = catalogue or RuleCatalogue.builtin()
    chosen = None if year is None else ReportingYear.of(year)
    day = None if as_of is None else as_date(as_of, "--as-of")
    parts: list[Any] = []
    progress("recognising the returns", total=2 * (bool(found.ssda903) + len(found.cin_census) + len(found.annex_a)) + 2)
    if found.ssda903:
        progress(f"reading the SSDA903 return ({len(found.ssda903)} files)")
        data = ssda903.load(found.ssda903)
        # The year given, else the latest return's: the library's choice, as the browser page's.
        year_impl, why = _core.returns.ssda903_report_year(data._impl, None if chosen is None else chosen._impl)
        period = ReportingYear(year_impl)
        progress("measuring the SSDA903 return")
        # Each counting measure on its own: one whose table the year's return did not supply (no missing
        # episodes) is not computable, and every other figure is still given.
        parts.append(SsdaPart(
            data, period, why, data.review_timeliness(period, calendar, catalogue),
            _counted("ssda903.participation", data.participation, period),
            _counted("ssda903.looked_after_at_31_march", data.looked_after_at_31_march, period),
            _counted("ssda903.three_or_more_placements", data.three_or_more_placements, period),
            _counted("ssda903.placements", data.placement_counts, period),
            _counted("ssda903.reasons_ceased", data.reasons_ceased, period),
            _counted("ssda903.missing_episodes", data.missing_episodes, period), calendar, catalogue,
        ))
    for file in found.cin_census:
        progress(f"reading the CIN census {file}")
        census = cin_census.load(file)
        year_impl, why = _core.returns.cin_census_report_year(census._impl, None if chosen is None else chosen._impl)
        period = ReportingYear(year_impl)
        progress(f"measuring the CIN census {file}")
        parts.append(CinPart(
            census, file, period, why, census.assessment_timeliness(period, calendar, catalogue),
            census.initial_conference_timeliness(period, calendar, catalogue),
            census.review_conference_timeliness(period, calendar, catalogue),
            _counted("cin.re_referrals", census.re_referrals, period),
            _counted("cin.nfa_referrals", census.nfa_referrals, period),
            _counted("cin.plans_lasting_two_years_or_more", census.plans_lasting_two_years_or_more, period),
            _counted("cin.second_or_later_plans", census.second_or_later_plans, period), calendar, catalogue,
        ))
    for file in found.annex_a:
        progress(f"reading the Annex A workbook {file}")
        workbook = annex_a.load(file)
        when, why = (day, "given") if day is not None else (workbook.list_date(), "the latest date in the lists")
        if when is None:
            from .._errors import Error

            raise Error(f"{file}: the Annex A lists hold no dates; give --as-of (the date the lists were made)")
        progress(f"judging the Annex A lists {file}")
        parts.append(AnnexPart(workbook, file, when, why, workbook.overdue(when, calendar, catalogue),
                               workbook.timeliness(when, calendar, catalogue)))
    return Returns(parts, found.not_read, target, calendar.name)


class Returns(ReportMixin):
    """The returns read by :func:`returns` and their measures. ``to_dict()`` is the JSON the
    ``safeguarding returns`` command writes; the report methods come from the mixin."""

    __slots__ = ("parts", "not_read", "target", "calendar")

    def __init__(self, parts: list[Any], not_read: list[tuple[str, str]], target: float | None, calendar: str) -> None:
        self.parts = parts
        self.not_read = not_read
        self.target = target
        self.calendar = calendar

    def __repr__(self) -> str:
        kinds = ", ".join(type(p).__name__.replace("Part", "") for p in self.parts)
        return f"<Returns: {kinds}; {len(self.not_read)} files not read>"

    @property
    def as_of(self) -> dt.date:
        """The report's date: the latest of the returns' year ends and the Annex A lists' dates."""
        days: list[dt.date] = [p.year.end if not isinstance(p, AnnexPart) else p.as_of for p in self.parts]
        return max(days)

    def found(self) -> dict[str, bool]:
        """What the command can fail on, as the results give it: a record overdue (an Annex A child's,
        or an instance of a timeliness measure), a row rejected, a data-quality finding."""
        overdue = rejected = findings = False
        for p in self.parts:
            if isinstance(p, SsdaPart):
                overdue |= (p.reviews.figure.overdue or 0) > 0
            elif isinstance(p, CinPart):
                overdue |= any((m.figure.overdue or 0) > 0 for m in (p.assessments, p.initial_conferences, p.review_conferences))
            else:
                overdue |= bool((p.checks.to_frame()["overdue"] > 0).any())
            rejected |= bool((p.data.summary["rejected"] > 0).any())
            findings |= len(p.data.findings) > 0
        return {"overdue": overdue, "rejected": rejected, "findings": findings}

    # JSON ---------------------------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """The report's JSON as the library writes it (``returns::report_json``): each SSDA903 and CIN
        census part is the library's own, as the browser page's; an Annex A part is arranged here."""
        import json

        from .. import _core

        parts = [_ssda_json(p) if isinstance(p, SsdaPart) else _cin_json(p) if isinstance(p, CinPart)
                 else json.dumps(_annex_dict(p), ensure_ascii=False) for p in self.parts]
        text = _core.returns.report_json(parts, self.as_of, self.calendar, self.target, list(self.not_read))
        return dict(json.loads(text))

    def to_json(self, indent: int | None = 2) -> str:
        import json

        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    # The report ---------------------------------------------------------------------------------------

    def _report(self, target: Any = "default", title: str | None = None, organisation: str | None = None) -> Report:
        goal = self.target if target == "default" else target
        return returns_report(self, goal, title, organisation)


def _quality_dict(data: Any) -> dict[str, Any]:
    return {"rows": frame_records(data.summary, index=True), "finding_count": len(data.findings),
            "findings": frame_records(data.findings)}


def _ssda_json(p: SsdaPart) -> str:
    """The SSDA903's part of the JSON: the library's (returns::ssda903_report_json), the browser page's bytes."""
    from .. import _core

    return _core.returns.ssda903_report_json(p.data._impl, p.year._impl, p.year_from, p.catalogue._impl, p.calendar._impl)


def _cin_json(p: CinPart) -> str:
    """A CIN census's part of the JSON: the library's (returns::cin_census_report_json), the browser page's bytes."""
    from .. import _core

    return _core.returns.cin_census_report_json(p.data._impl, p.file, p.year._impl, p.year_from, p.catalogue._impl,
                                                p.calendar._impl)


def _annex_dict(p: AnnexPart) -> dict[str, Any]:
    children = p.children.to_frame()
    return {
        "return": ANNEX_A,
        "file": p.file,
        "as_of": p.as_of.isoformat(),
        "as_of_from": p.as_of_from,
        **_quality_dict(p.data),
        "checks": measure_dict(p.checks),
        "overdue": frame_records(children[children["status"] == "overdue"]),
        "children": frame_records(children),
    }


# --- The report ------------------------------------------------------------------------------------


def _check_measure(p: AnnexPart, check: Any) -> Measure:
    rows = p.children.to_frame()
    mine = rows[(rows["list"] == check.list) & (rows["check"] == check.check)]
    confidence = ", ".join(dict.fromkeys(str(c) for c in mine["confidence"] if not A.missing(c) and str(c))) or None
    return Measure(f"List {check.list}: {check.check}", rule=str(check.rule), source=str(check.source) or None,
                   confidence=confidence)


def _percent_key(label: str, figure: Any, target: float | None = None, when: str = "") -> KeyFigure:
    from ._results import against_share

    return KeyFigure(
        label, A.share(figure.share), T.PERCENT, "0.0%", status=against_share(A.share(figure.share), target),
        detail=f"{figure.in_timescale:,} of {figure.done:,}{when}; {figure.overdue:,} overdue at {long_date(figure.year.end)}"
        if figure.computable else f"not computable: {figure.not_computable}",
    )


def _not_computable_note(figures: Iterable[Any]) -> str | None:
    """The counts of a table the data cannot give, each named with the library's reason."""
    return " ".join(f"{measure_name(x.measure)} — not computable: {x.reason}." for x in figures
                    if isinstance(x, NotComputable)) or None


def _measure_table(t: Any, caption: str, sheet: str) -> tuple[Table, Any]:
    """A measure table and its chart; one the data cannot give is a row naming the measure as not
    computable with the library's reason (and no chart)."""
    if not isinstance(t, NotComputable):
        return measure_table(t, caption=caption, sheet=sheet)
    return not_computable_table(caption, measure_name(t.measure), t.reason, counting(t.measure, t.source), sheet), None


def _ssda_sections(p: SsdaPart, target: float | None, key: list[KeyFigure], action: list[Any], detail: list[Section],
                   quality: list[Any]) -> None:
    label = p.year.label
    figure = p.reviews.figure
    if figure.done:
        key.append(_percent_key(f"of looked-after reviews held in {label} were in timescale"
                                + (f" (target {percent_text(target)})" if target else ""), figure, target, " judged"))
    elif figure.computable:
        # 0 of 0: no share to give, and saying so, with what fell due and was not held.
        key.append(KeyFigure(f"looked-after reviews held in {label}", 0, status="overdue" if figure.overdue else None,
                             detail=f"none held in the year (no share in timescale); {figure.overdue:,} overdue at "
                             f"{long_date(p.year.end)}"))
    looked_after = p.looked_after
    if isinstance(looked_after, NotComputable):
        key.append(KeyFigure(f"children looked after at 31 March {p.year.end.year}", None,
                             detail=f"not computable: {looked_after.reason}"))
    else:
        key.append(KeyFigure(f"children looked after at 31 March {p.year.end.year}", looked_after))
    placements = p.three_or_more
    if placements.total:
        key.append(KeyFigure("of them had three or more placements in the year", A.share(placements.share), T.PERCENT, "0.0%",
                             detail=f"{placements.count:,} of {placements.total:,}"))
    reviews_blocks: list[Any]
    if figure.computable:
        table = monthly_table(p.reviews, target, caption=f"Looked-after reviews held in and out of timescale, by month, "
                              f"{label}", sheet="Reviews by month")
        reviews_blocks = [timescale_chart(table, target, "looked-after reviews"), table]
        if target is not None:
            action.append(months_below(table, target, "looked-after reviews", figure.rule))
        action.append(overdue_table(p.reviews, f"Overdue at {long_date(p.year.end)}: looked-after reviews (SSDA903)",
                                    "Reviews overdue"))
    else:
        # No monthly table, no months below the target and no overdue list: zeros there would read
        # as a year with nothing held or overdue.
        key.append(KeyFigure(f"looked-after reviews held in {label} in timescale", None,
                             detail=f"not computable: {figure.not_computable}"))
        cited = A.cited_measure(figure.measure.capitalize(), used_citations(p.reviews))
        reviews_blocks = [not_computable_table(f"Looked-after reviews held in and out of timescale, by month, {label}",
                                               figure.measure, figure.not_computable, cited, "Reviews by month")]
        action.append(not_computable_table(f"Overdue at {long_date(p.year.end)}: looked-after reviews (SSDA903)",
                                           figure.measure, figure.not_computable, cited, "Reviews overdue"))
    participation, participation_chart = _measure_table(p.participation, f"Participation of children in their "
                                                        f"looked-after reviews, {label}", "Participation")
    counts, _ = _measure_table(p.placement_counts, f"Children looked after in {label}, by number of placements", "Placements")
    three = Table(f"Placement stability, {label}",
                  [Column("what", "Measure"), Column("count", "Children", T.INTEGER), Column("total", "Of", T.INTEGER),
                   Column("share", "%", T.PERCENT, "0.0%")],
                  [(measure_name(placements.measure), placements.count, placements.total, A.share(placements.share))],
                  measures=[counting(placements.measure, placements.source)], sheet="Placement stability",
                  note=_not_computable_note([placements]))
    ceased, _ = _measure_table(p.reasons_ceased, f"Episodes ceased in {label} with the child leaving care, by reason",
                               "Reasons ceased")
    missing, _ = _measure_table(p.missing, f"Missing and away-from-placement episodes started in {label}", "Missing episodes")
    detail.append(Section(f"Looked-after reviews, {label}", [
        Paragraph(f"The SSDA903 return: {len(p.data.returns)} return{'s' if len(p.data.returns) != 1 else ''} loaded; the "
                  f"reporting year {label} is {p.year_from}. Each review is judged by the rule chain lac.review.first, "
                  "lac.review.second, lac.review.subsequent as of 31 March."),
        *reviews_blocks]))
    detail.append(Section(f"Children's participation in their reviews, {label}", [participation_chart, participation]
                          if participation_chart is not None else [participation]))
    detail.append(Section(f"Placements, leaving care and missing episodes, {label}", [three, counts, ceased, missing]))
    quality.append(Section("Data quality: the SSDA903 return", [
        quality_summary(p.data.summary, len(p.data.findings), sheet="SSDA903 rows"),
        findings_table(p.data.findings, "SSDA903: data-quality findings",
                       ["file", "table", "where", "count", "value", "problem", "action"], "SSDA903 findings"),
    ]))


def _cin_sections(p: CinPart, key: list[KeyFigure], action: list[Any], detail: list[Section], quality: list[Any]) -> None:
    label, name = p.year.label, Path(p.file).name
    timed = [(p.assessments, "Assessments authorised within 45 working days of the referral"),
             (p.initial_conferences, "Initial child protection conferences within 15 working days of the strategy discussion"),
             (p.review_conferences, "Child protection review conferences in timescale")]
    names = {id(p.assessments): "assessments not yet authorised", id(p.initial_conferences): "initial conferences not yet held",
             id(p.review_conferences): "review conferences not yet held"}
    for measure, label_ in timed[:2]:
        if measure.figure.done:
            key.append(_percent_key(f"{label_.lower()} ({name})", measure.figure, None))
    if p.re_referrals.total:
        key.append(KeyFigure(f"of referrals in {label} were re-referrals within 12 months ({name})",
                             A.share(p.re_referrals.share), T.PERCENT, "0.0%",
                             detail=f"{p.re_referrals.count:,} of {p.re_referrals.total:,} referrals"))
    for measure, _ in timed:
        if measure.figure.overdue:
            action.append(overdue_table(measure, f"Overdue at {long_date(p.year.end)}: {names[id(measure)]} ({name})",
                                        f"Overdue {measure.figure.rule}"))
    figures = Table(
        f"Timeliness in the CIN census, {label} ({name})", FIGURE_COLUMNS, [figure_row(m.figure) for m, _ in timed],
        measures=[A.cited_measure(what, used_citations(m)) for m, what in timed], sheet="CIN timeliness",
        note=" ".join(f"{m.figure.measure.capitalize()} — not computable: {m.figure.not_computable}." for m, _ in timed
                      if not m.figure.computable) or None,
    )
    proportions = [p.re_referrals, p.nfa, p.two_years, p.second_plans]
    counted = Table(
        f"Referrals and child protection plans, {label} ({name})",
        [Column("what", "Measure"), Column("count", "Count", T.INTEGER), Column("total", "Of", T.INTEGER),
         Column("share", "%", T.PERCENT, "0.0%")],
        [(measure_name(x.measure), x.count, x.total, A.share(x.share)) for x in proportions],
        measures=[counting(x.measure, x.source) for x in proportions], sheet="CIN counts",
        note=_not_computable_note(proportions),
    )
    blocks: list[Any] = [
        Paragraph(f"The CIN census {name} (collection {p.data.collection}, Year {p.data.year}); the reporting year {label} "
                  f"is {p.year_from}. Referrals in the year: "
                  f"{'not computable' if p.re_referrals.total is None else format(p.re_referrals.total, ',')}."),
        figures, counted,
    ]
    if p.assessments.figure.done:
        table = monthly_table(p.assessments, None, caption=f"Assessments authorised in and out of timescale, by month, "
                              f"{label} ({name})", sheet="Assessments by month")
        blocks[1:1] = [timescale_chart(table, None, "assessments"), table]
    detail.append(Section(f"Children in need and child protection, {label} ({name})", blocks))
    quality.append(Section(f"Data quality: the CIN census {name}", [
        quality_summary(p.data.summary, len(p.data.findings), sheet="CIN rows"),
        findings_table(p.data.findings, f"CIN census {name}: data-quality findings",
                       ["table", "row", "where", "value", "problem", "action"], "CIN findings"),
    ]))


def _annex_sections(p: AnnexPart, key: list[KeyFigure], action: list[Any], detail: list[Section], quality: list[Any]) -> None:
    name = Path(p.file).name
    checks = p.checks.to_frame()
    children = p.children.to_frame()
    for check in checks.itertuples():
        mine = (children["list"] == check.list) & (children["check"] == check.check)
        overdue = children[mine & (children["status"] == "overdue")]
        if check.overdue:
            key.append(KeyFigure(f"children overdue: {check.check} (Annex A List {check.list})", A.whole(check.overdue),
                                 status="overdue", detail=f"of {A.whole(check.judged):,} judged as of {long_date(p.as_of)}"))
        if len(overdue):
            action.append(Table(
                f"Annex A List {check.list}: children overdue, {check.check}, as of {long_date(p.as_of)} ({name})",
                [Column("child", "Child"), Column("row", "Sheet row", T.INTEGER), Column("last", "Latest record", T.DATE),
                 Column("due", "Next due", T.DATE), Column("days", "Days overdue", T.INTEGER),
                 Column("working_days", "Working days overdue", T.INTEGER), Column("rule", "Rule")],
                [(str(c.child_unique_id), A.whole(c.row), A.day(c.last), A.day(c.due), A.whole(c.overdue_days),
                  A.whole(c.overdue_working_days), str(c.rule)) for c in overdue.itertuples()],
                measures=[_check_measure(p, check)], sheet=f"List {check.list} overdue {check.check}"[:31],
            ))
    table, chart = measure_table(p.checks, caption=f"Annex A: latest records overdue as of {long_date(p.as_of)}, per check "
                                 f"({name})", sheet="Annex A checks")
    table.measures = [_check_measure(p, c) for c in checks.itertuples()]
    blocks: list[Any] = [Paragraph(f"The Annex A workbook {name}, judged as of {long_date(p.as_of)} ({p.as_of_from}). "
                                   "Each child's latest record is judged by the rule of its check; the lists give only the "
                                   "latest record, so each is judged as the next in its chain.")]
    if chart is not None:
        blocks.append(chart)
    blocks.append(table)
    detail.append(Section(f"Annex A: overdue as of {long_date(p.as_of)} ({name})", blocks))
    quality.append(Section(f"Data quality: the Annex A workbook {name}", [
        quality_summary(p.data.summary, len(p.data.findings), sheet="Annex A rows"),
        findings_table(p.data.findings, f"Annex A {name}: data-quality findings",
                       ["table", "row", "column", "value", "problem", "action"], "Annex A findings"),
    ]))


def returns_report(result: Returns, target: float | None, title: str | None = None, organisation: str | None = None) -> Report:
    key: list[KeyFigure] = []
    action: list[Any] = []
    detail: list[Section] = []
    quality: list[Any] = []
    read = []
    for p in result.parts:
        if isinstance(p, SsdaPart):
            _ssda_sections(p, target, key, action, detail, quality)
            read.append(f"SSDA903 ({p.year.label})")
        elif isinstance(p, CinPart):
            _cin_sections(p, key, action, detail, quality)
            read.append(f"CIN census {Path(p.file).name} ({p.year.label})")
        else:
            _annex_sections(p, key, action, detail, quality)
            read.append(f"Annex A {Path(p.file).name} (as of {long_date(p.as_of)})")
    summary: list[Any] = []
    if key:
        summary.append(KeyFigures(key))
    summary.append(Paragraph(
        "Read: " + "; ".join(read) + ". Working days are counted on the " + result.calendar + " calendar"
        + (f"; the {percent_text(target)} target for reviews is a local choice (the regulations expect every review in "
           "time)" if target is not None else "") + "."
    ))
    if result.not_read:
        quality.append(Section("Files not read", [Table(
            "Files found in the folders given that are not returns",
            [Column("file", "File"), Column("why", "Why not read")], list(result.not_read), sheet="Files not read")]))
    if not action:
        action.append(Findings([], heading="Overdue", empty="Nothing is overdue."))
    sections = [Section("Summary", summary, role=Role.SUMMARY), Section("Needing action", action, role=Role.ACTION),
                *detail]
    for block in quality:
        sections.append(block)
    kinds = sorted({KIND_NAMES[SSDA903 if isinstance(p, SsdaPart) else CIN_CENSUS if isinstance(p, CinPart) else ANNEX_A]
                    for p in result.parts})
    return Report(
        title or "Statutory returns: figures, overdue lists and data quality",
        result.as_of,
        sections,
        subtitle=", ".join(kinds),
        organisation=organisation,
        note="Every figure is the library's reading of the files given, each through its rule or definition and source "
        "(named under each table). The same figures as JSON: safeguarding returns PATH… --format json.",
    )
