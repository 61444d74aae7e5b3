"""The partnership model and its governance compliance report (see ``docs/partnership.md``)."""

from __future__ import annotations

import datetime as _dt
import json
import math
import os
from pathlib import Path
import importlib
from typing import Any, NamedTuple, Optional, Union

from . import _core
from ._calendar import Calendar
from ._convert import as_date, check_json_nesting, is_plain_json, path_text
from ._errors import Error
from ._thresholds import ThresholdDocument
from ._timescale import Timescale
from .reports._mixin import ReportMixin

PathLike = Union[str, "os.PathLike[str]"]

_PICKLE_VERSION = 1


_pa = _core.partnership

# The report's enums, built by the compiled module from the C++ names (``Status.DUE_SOON`` is
# "due-soon"); str() of a member is its name.
Status = _pa.Status
FindingKind = _pa.FindingKind


class Finding(NamedTuple):
    """One requirement tested on one subject (a group, an agency, a meeting, a duty, an item of the
    published arrangements). Dates not set are None; lateness is in working and calendar days after
    the due date (to the actual date, or to the as-of date while still outstanding)."""

    kind: FindingKind
    status: Status
    requirement: str
    source: str
    subject_type: str
    subject: str
    subject_name: str
    group: str
    period_start: Optional[_dt.date]
    period_end: Optional[_dt.date]
    due: Optional[_dt.date]
    actual: Optional[_dt.date]
    late_working_days: Optional[int]
    late_calendar_days: Optional[int]
    text: str
    #: How sure the requirement is: "confirmed", "secondary" or "check" for the law's and the
    #: guidance's (:func:`governance_requirements`), "local" for the partnership's own.
    confidence: str

    @classmethod
    def _from_core(cls, row: _pa._FindingTuple) -> Finding:
        return cls(_KINDS[row[0]], _STATUSES[row[1]], *row[2:])

    @classmethod
    def _from_impl(cls, f: _pa.ComplianceFinding) -> Finding:
        return cls(_KINDS[f.kind], _STATUSES[f.status], f.requirement, f.source, f.subject_type, f.subject,
                   f.subject_name, f.group, f.period_start, f.period_end, f.due, f.actual, f.late_working_days,
                   f.late_calendar_days, f.text, f.confidence)


_KINDS = {k.value: k for k in FindingKind}
_STATUSES = {s.value: s for s in Status}


_FRAME_COLUMNS = list(Finding._fields)
_DATE_COLUMNS = ("period_start", "period_end", "due", "actual")


class ComplianceReport(ReportMixin):
    """The governance compliance of a partnership as of a date: ``findings`` in a fixed order (by
    kind, then by the subject's order in the partnership's data) and a partnership-level
    ``summary``. ``to_frame()`` gives a pandas DataFrame, ``to_json()`` the JSON form, ``to_text()``
    the report a partnership manager reads."""

    __slots__ = ("_impl", "_rows", "_summary", "_inputs")
    _impl: _pa.ComplianceReport
    _rows: list[_pa._FindingTuple]
    _summary: dict[str, Any]
    # What evaluate() was given: the partnership, the as-of date, the due-soon window and the
    # attendance target. A pickle holds these and evaluates again (the evaluation is
    # deterministic), so it stays small and is read back by any later release.
    _inputs: tuple[Partnership, _dt.date, Optional[str], Optional[int]]

    @classmethod
    def _wrap(
        cls, core: _pa.ComplianceReport, inputs: tuple[Partnership, _dt.date, Optional[str], Optional[int]]
    ) -> ComplianceReport:
        report = cls.__new__(cls)
        report._impl = core
        report._rows = core.findings()
        report._summary = json.loads(core.summary_json_text())
        report._inputs = inputs
        return report

    def __reduce__(self) -> tuple[Any, tuple[dict[str, Any]]]:
        partnership, as_of, due_soon, target = self._inputs
        state = {"version": _PICKLE_VERSION, "partnership": partnership, "as_of": as_of.isoformat(),
                 "due_soon": due_soon, "attendance_target": target}
        return (_report_from_state, (state,))

    @property
    def partnership(self) -> str:
        return self._impl.partnership

    @property
    def as_of(self) -> _dt.date:
        return self._impl.as_of

    @property
    def findings(self) -> list[Finding]:
        """Every finding, in report order."""
        return [Finding._from_core(row) for row in self._rows]

    @property
    def summary(self) -> dict[str, Any]:
        """Counts by status and by kind and status, meetings held and quorate, attendance."""
        result: dict[str, Any] = json.loads(self._impl.summary_json_text())
        return result

    def with_status(self, status: Status | str) -> list[Finding]:
        """The findings with one status (``"breached"``, ``Status.DUE_SOON``, …), in report order."""
        return [Finding._from_impl(f) for f in self._impl.with_status(Status(status).value)]

    def to_dict(self) -> dict[str, Any]:
        """The report as the JSON document ``to_json`` writes, parsed."""
        result: dict[str, Any] = json.loads(self._impl.to_json_text())
        return result

    def to_json(self, indent: int | None = 2) -> str:
        """The report as JSON: its context, the summary and every finding."""
        return self._impl.to_json_text(-1 if indent is None else indent)

    def to_text(self) -> str:
        """The report as text for a partnership manager (what ``safeguarding report`` prints)."""
        return self._impl.to_text()

    def to_frame(self) -> Any:
        """A pandas DataFrame, one row per finding in report order, with the columns of
        :class:`Finding`: dates as ``datetime64[ns]`` (NaT when unset), lateness as nullable
        ``Int64``."""
        pd: Any = importlib.import_module("pandas")

        frame = pd.DataFrame.from_records(self._rows, columns=_FRAME_COLUMNS)
        for column in _DATE_COLUMNS:
            late = [d for d in frame[column] if isinstance(d, _dt.date) and not _dt.date(1678, 1, 1) <= d < _dt.date(2262, 4, 11)]
            if late:
                # datetime64[ns] holds 1677-09-22 to 2262-04-11 only: say so rather than OutOfBoundsDatetime.
                raise Error(f"to_frame: column {column!r}: {late[0].isoformat()} is beyond the dates a DataFrame's "
                            "datetime64[ns] column holds (1678 to 2262); use the report's findings instead")
            frame[column] = pd.to_datetime(frame[column]).astype("datetime64[ns]")
        for column in ("late_working_days", "late_calendar_days"):
            frame[column] = frame[column].astype("Int64")
        return frame

    def __str__(self) -> str:
        return self.to_text()

    def __repr__(self) -> str:
        counts = self._summary["by_status"]
        return (
            f"<ComplianceReport {self.partnership!r} as of {self.as_of.isoformat()}: "
            f"{self._summary['findings']} findings, {counts['met']} met, {counts['breached']} breached, "
            f"{counts['due-soon']} due soon>"
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ComplianceReport):
            return NotImplemented
        return bool(self._impl == other._impl)

    __hash__ = None  # type: ignore[assignment]


class Group(NamedTuple):
    """A group in the accountability tree (``parent`` is the group it reports to, or "")."""

    id: str
    name: str
    kind: str
    parent: str
    chairs: tuple[str, ...]
    members: tuple[str, ...]
    frequency: dict[str, Any]
    quorum: Optional[dict[str, Any]]


class Agency(NamedTuple):
    """A safeguarding partner (``partner_kind`` set) or a relevant agency, in place from ``start``
    to ``until`` (None: no bound), succeeding the one ``succeeds`` names (a merger, a renaming)."""

    id: str
    name: str
    sector: str
    partner_kind: Optional[str]
    named_in_regulations: bool
    start: Optional[_dt.date] = None
    until: Optional[_dt.date] = None
    succeeds: str = ""


class Role(NamedTuple):
    """A post in the partnership (independent chair, scrutineer, a partner's lead or delegated
    representative…), the agency that hosts it, if any, and which post it is ("chief-executive"…)
    where the guidance names one."""

    id: str
    title: str
    kind: str
    agency: str
    post: str = ""


class Duty(NamedTuple):
    """A recurring duty and the activity type that discharges it; ``statutory`` names the
    requirement of the law it discharges ("yearly-report", "independent-scrutiny",
    "yearly-report-sent"), if any."""

    id: str
    title: str
    owner: str
    activity: str
    schedule: dict[str, Any]
    source: str
    statutory: str = ""


class Requirement(NamedTuple):
    """A requirement of the law or guidance the compliance report checks, with its source and how
    sure it is ("confirmed", "secondary", "check")."""

    id: str
    text: str
    source: str
    confidence: str


def governance_requirements() -> list[Requirement]:
    """Every requirement of the law or guidance the compliance report checks beyond the
    partnership's own rules (docs/partnership.md, "Requirements and their sources")."""
    return [Requirement(*r) for r in _pa.governance_requirements()]


class Partnership:
    """A safeguarding children partnership: partners, relevant agencies, roles, groups, duties, the
    published arrangements' coverage, and its records of meetings and activities.

    Read one with :meth:`from_json` (the format is in ``docs/partnership.md``; a JSON Schema ships
    as ``safeguarding/schemas/partnership.schema.json``): every problem in the file is reported at
    once, each with its JSON pointer. :meth:`evaluate` gives the :class:`ComplianceReport` as of a
    date.
    """

    __slots__ = ("_impl", "_base_dir", "_calendar_anywhere")
    _impl: _pa.Partnership
    _base_dir: str
    _calendar_anywhere: bool

    def __init__(
        self,
        data: dict[str, Any],
        source: str = "<dict>",
        base_dir: PathLike | None = None,
        *,
        calendar_anywhere: bool = False,
    ) -> None:
        """A partnership from its parsed JSON; a calendar file it names is read relative to
        ``base_dir`` (default: the current directory), and must lie in that folder or below it
        unless ``calendar_anywhere`` is true (for a partnership file you trust)."""
        self._base_dir = os.fspath(base_dir) if base_dir is not None else ""
        self._calendar_anywhere = calendar_anywhere
        self._impl = _pa.Partnership.from_json_text(
            _json_text(data, source), source, self._base_dir, calendar_anywhere
        )

    @classmethod
    def _wrap(cls, core: _pa.Partnership, base_dir: str, calendar_anywhere: bool = False) -> Partnership:
        partnership = cls.__new__(cls)
        partnership._impl = core
        partnership._base_dir = base_dir
        partnership._calendar_anywhere = calendar_anywhere
        return partnership

    @classmethod
    def load(cls, path: PathLike, *, calendar_anywhere: bool = False) -> Partnership:
        """Reads a partnership file; a calendar file it names is read relative to it, and must lie
        in its folder or below unless ``calendar_anywhere`` is true (for a file you trust)."""
        core = _pa.Partnership.load(path_text(path), calendar_anywhere)
        return cls._wrap(core, os.fspath(Path(path).parent), calendar_anywhere)

    @classmethod
    def from_json(
        cls,
        text: str | PathLike,
        source: str = "<json>",
        base_dir: PathLike | None = None,
        *,
        calendar_anywhere: bool = False,
    ) -> Partnership:
        """A partnership from its JSON text (what :meth:`to_json` writes); ``source`` names it in
        messages. Given a path (an ``os.PathLike``, or text that is not a JSON object), reads that
        file, as :meth:`load` does."""
        if isinstance(text, str) and text.lstrip().startswith("{"):
            directory = os.fspath(base_dir) if base_dir is not None else ""
            core = _pa.Partnership.from_json_text(text, source, directory, calendar_anywhere)
            return cls._wrap(core, directory, calendar_anywhere)
        return cls.load(text, calendar_anywhere=calendar_anywhere)

    @classmethod
    def from_dict(
        cls,
        data: dict[str, Any],
        source: str = "<dict>",
        base_dir: PathLike | None = None,
        *,
        calendar_anywhere: bool = False,
    ) -> Partnership:
        """As :meth:`from_json`, from the parsed JSON."""
        return cls(data, source, base_dir, calendar_anywhere=calendar_anywhere)

    def to_dict(self) -> dict[str, Any]:
        """The partnership in the canonical JSON form, parsed."""
        result: dict[str, Any] = json.loads(self._impl.to_json_text())
        return result

    def to_json(self, indent: int | None = 2) -> str:
        """The partnership as JSON text in the canonical form, which reads back equal."""
        return self._impl.to_json_text(-1 if indent is None else indent)

    # Facts -----------------------------------------------------------------------------------

    @property
    def name(self) -> str:
        return self._impl.name

    @property
    def area(self) -> str:
        return self._impl.area

    @property
    def edition(self) -> str:
        """The edition from the start: ``"LSCB-WT2015"``, ``"WT2018"``, ``"WT2023"`` or ``"CWSA2026"``."""
        return self._impl.edition

    @property
    def editions(self) -> list[tuple[str, _dt.date]]:
        """Each framework edition and the day it applies from: the first from the start, then the
        file's later ones (``"editions"``)."""
        first = [(self._impl.edition, self._impl.start)]
        return first + [(c.edition, c.start) for c in self._impl.edition_changes]

    def edition_on(self, day: Any) -> str:
        """The framework edition in force on a day."""
        return self._impl.edition_on(as_date(day, "day"))

    @property
    def start(self) -> _dt.date:
        """The date the arrangements came into force."""
        return self._impl.start

    @property
    def calendar(self) -> Calendar:
        """The working-day calendar the partnership counts on."""
        return Calendar._wrap(self._impl.calendar)

    @property
    def groups(self) -> list[Group]:
        return [
            Group(
                g.id, g.name, g.kind, g.parent, tuple(g.chairs), tuple(m.agency for m in g.members),
                json.loads(g.frequency.to_json_text()), None if g.quorum is None else json.loads(g.quorum.to_json_text()),
            )
            for g in self._impl.groups
        ]

    @property
    def agencies(self) -> list[Agency]:
        """The safeguarding partners, then the relevant agencies."""
        partners = [Agency(p.id, p.name, "", p.kind, True, p.start, p.until, p.succeeds) for p in self._impl.partners]
        return partners + [
            Agency(a.id, a.name, a.sector, None, a.named_in_regulations, a.start, a.until, a.succeeds)
            for a in self._impl.agencies
        ]

    @property
    def roles(self) -> list[Role]:
        return [Role(r.id, r.title, r.kind, r.agency, r.post) for r in self._impl.roles]

    @property
    def duties(self) -> list[Duty]:
        return [
            Duty(d.id, d.title, d.owner, d.activity, json.loads(d.schedule.to_json_text()), d.source, d.statutory)
            for d in self._impl.duties
        ]

    @property
    def thresholds(self) -> ThresholdDocument:
        """The threshold document (docs/thresholds.md): the partnership's own versions, or the
        built-in London Continuum of Help and Support when it gives none."""
        return ThresholdDocument._wrap(self._impl.thresholds)

    # Evaluation ------------------------------------------------------------------------------

    def evaluate(
        self,
        as_of: Any,
        due_soon: Timescale | str | None = None,
        attendance_target: int | None = None,
    ) -> ComplianceReport:
        """The governance compliance report as of a date. ``due_soon`` (default: the partnership's
        setting, usually 90 calendar days) is how far ahead a due date counts as due soon;
        ``attendance_target`` (default: the partnership's, usually 75) the percentage of a group's
        meetings each member agency should attend."""
        window = None
        if due_soon is not None:
            window = (Timescale.parse(due_soon) if isinstance(due_soon, str) else due_soon)._impl
        if attendance_target is not None and (isinstance(attendance_target, bool) or not isinstance(attendance_target, int)):
            raise Error(f"attendance_target: expected a whole-number percentage, got {attendance_target!r}")
        day = as_of_date(as_of)
        inputs = (self, day, None if window is None else str(window), attendance_target)
        return ComplianceReport._wrap(self._impl.evaluate(day, window, attendance_target), inputs)

    # Value behaviour -------------------------------------------------------------------------

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Partnership):
            return NotImplemented
        return bool(self._impl == other._impl)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        groups, meetings, activities = self._impl.sizes
        return (
            f"<Partnership {self.name!r} ({self.edition}, from {self.start.isoformat()}): {groups} groups,"
            f" {meetings} meetings, {activities} activities>"
        )

    def __reduce__(self) -> tuple[Any, tuple[dict[str, Any]]]:
        state = {"version": _PICKLE_VERSION, "json": self.to_json(None), "base_dir": self._base_dir,
                 "calendar_anywhere": self._calendar_anywhere}
        return (_partnership_from_state, (state,))


def _json_text(data: Any, source: str) -> str:
    """``data`` as JSON text; an Error listing every value JSON cannot hold (a date object, NaN, a
    key that is not text), each at its JSON pointer."""
    if is_plain_json(data):
        return json.dumps(data)
    check_json_nesting(data, source)
    problems: list[tuple[str, str]] = []

    def visit(value: Any, pointer: str) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if not isinstance(key, str):
                    problems.append((pointer or "/", f"the key {key!r} is not text"))
                    continue
                visit(item, pointer + "/" + key.replace("~", "~0").replace("/", "~1"))
        elif isinstance(value, (list, tuple)):
            for i, item in enumerate(value):
                visit(item, f"{pointer}/{i}")
        elif isinstance(value, float) and not math.isfinite(value):
            problems.append((pointer or "/", f"{value!r} is not a JSON number"))
        elif isinstance(value, (_dt.date, _dt.datetime)):
            problems.append((pointer or "/", f"{value!r} is not a JSON value: write dates as text, as in \"2019-09-29\""))
        elif not (value is None or isinstance(value, (str, int, float))):
            problems.append((pointer or "/", f"{type(value).__name__} {value!r} is not a JSON value"))

    visit(data, "")
    if problems:
        _pa.reject(problems, source)  # one Error, worded as every Error of the library
    return json.dumps(data)


def as_of_date(value: Any) -> _dt.date:
    return as_date(value, "as_of")


def _partnership_from_state(state: dict[str, Any]) -> Partnership:
    version = state.get("version")
    if version != _PICKLE_VERSION:
        raise Error(f"cannot read a pickled Partnership of version {version!r} (this release reads version {_PICKLE_VERSION})")
    anywhere = bool(state.get("calendar_anywhere", False))  # absent from pickles of earlier releases
    core = _pa.Partnership.from_json_text(state["json"], "pickled Partnership", state["base_dir"], anywhere)
    return Partnership._wrap(core, state["base_dir"], anywhere)


def _report_from_state(state: dict[str, Any]) -> ComplianceReport:
    version = state.get("version")
    if version != _PICKLE_VERSION:
        raise Error(f"cannot read a pickled ComplianceReport of version {version!r} (this release reads version {_PICKLE_VERSION})")
    partnership: Partnership = state["partnership"]
    return partnership.evaluate(state["as_of"], due_soon=state["due_soon"], attendance_target=state["attendance_target"])


def schema_path() -> Path:
    """The JSON Schema of partnership files, shipped with the package."""
    return Path(__file__).resolve().parent / "schemas" / "partnership.schema.json"


__all__ = [
    "Agency", "ComplianceReport", "Duty", "Finding", "FindingKind", "Group", "Partnership", "Requirement", "Role", "Status",
    "governance_requirements", "schema_path",
]
