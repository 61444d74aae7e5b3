# Type stub for safeguarding._core.returns (bindings/register_returns.cpp): the statutory returns
# loaded and measured in C++. The facade (ssda903.py, cin_census.py, annex_a.py, _measures.py,
# _returns.py) wraps these in typed results.
import datetime
import os
from typing import TypedDict
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from .calendar import Calendar
from .rules import RuleCatalogue

# pybind11's classes have a metaclass of their own (pybind11_builtins.pybind11_type).
class _pybind11_type(type): ...

_Path = str | os.PathLike[str]
_I64 = npt.NDArray[np.int64]
_I32 = npt.NDArray[np.int32]
_I8 = npt.NDArray[np.int8]
_U8 = npt.NDArray[np.uint8]
_F32 = npt.NDArray[np.float32]
_F64 = npt.NDArray[np.float64]
_Array = _I64 | _I32 | _I8
_ReturnInput = tuple[int, str, Sequence[_Path]]
_CountTuple = tuple[str, int, int, int, int]
_Column = tuple[str, str, _Array | tuple[_I32, list[str]]]
_Citation = tuple[str, str, str, str, str, str]

class _Table(TypedDict):
    columns: list[_Column]
    file: _I32
    row: _I64

class _Instances(TypedDict):
    case: _I64
    rule: _I32
    sequence: _I32
    citation: _I32
    start: _I64
    due: _I64
    completed: _I64
    status: _U8
    late_working_days: _F32
    late_days: _F32
    duration_working_days: _F32
    duration_days: _F32
    band: _I8
    start_row: _I64
    stop_row: _I64
    child: _I32
    start_table: _I8
    start_file: _I32
    start_file_row: _I64
    stop_table: _I8
    stop_file: _I32
    stop_file_row: _I64

class _NotJudged(TypedDict):
    table: _I8
    position: _I64
    file: _I32
    row: _I64
    child: _I32
    reason: _U8

class _ByMonth(TypedDict):
    month: _I64
    held: _I64
    in_timescale: _I64
    out_of_timescale: _I64
    percent_in_timescale: _F64
    not_judged: _I64

class _DataQuality(TypedDict):
    case: _I64
    event: _I32
    date: _I64
    row_use: _U8
    finding_row: _I64
    finding_kind: _U8
    finding_rule: _I32
    finding_related_row: _I64
    finding_message: list[str]
    finding_where: list[str]
    row_counts: list[int]

class _Periods(TypedDict):
    child: _I64
    start: _I64
    end: _I64
    first_episode: _I64
    start_known: _U8
    period_of: _I64

class _Judged(TypedDict):
    rule: list[str]
    due: _I64
    status: list[str]
    overdue_days: _F64
    overdue_working_days: _F64
    source: list[str]
    confidence: list[str]
    summary: tuple[int, int, int, float, str, str]

class _Findings(TypedDict):
    file: list[str]
    table: list[str]
    child: list[str]
    row: list[int]
    column: list[str]
    where: list[str]
    value: list[str]
    problem: list[str]
    action: list[str]
    count: list[int]
    rows: list[list[tuple[int, int]] | None]
    # SSDA903 rows merged when returns are stitched: the file of the rows kept and the row kept for
    # each row of `rows` (for one row merged, [(k, k)] of its kept row); "" and None otherwise.
    kept_file: list[str]
    kept_rows: list[list[tuple[int, int]] | None]

left_out_reasons: list[tuple[str, str]]
not_judged_reasons: list[str]
counting_measures: list[tuple[str, str]]
ssda903_tables: list[str]
cin_census_tables: list[str]
short_break_statuses: list[str]
annex_a_checks: list[tuple[int, str, str, str, str, str]]

def summary_text(counts: list[_CountTuple], findings: list[int], findings_outside_tables: int) -> str: ...
def group_ssda903_files(paths: Sequence[_Path]) -> list[tuple[int, str, list[str]]]: ...
def annex_a_list_date(arg0: list[list[int]]) -> datetime.date | None: ...
def annex_a_choose_list_date(
    columns: list[list[int]], today: datetime.date
) -> tuple[datetime.date | None, str, list[tuple[int, int]], list[str]]: ...
def annex_a_read_text_dates(
    texts: list[str], dayfirst: bool = True
) -> tuple[list[int], list[str], list[int], list[int]]: ...
def nearest_names(name: str, known: list[str]) -> list[str]: ...
def annex_a_judge(
    check: int, last: _I64, started: _I64, ended: _I64, born: _I64, as_of: datetime.date, rules: RuleCatalogue,
    calendar: Calendar,
) -> _Judged: ...

# The returns report's JSON (returns/report_json.hpp): the reporting year a report gives a return and
# why, and each return's part of `safeguarding returns --format json`, as the browser page writes it.
def ssda903_report_year(loaded: Ssda903, given: ReportingYear | None) -> tuple[ReportingYear, str]: ...
def cin_census_report_year(census: CinCensus, given: ReportingYear | None) -> tuple[ReportingYear, str]: ...
def ssda903_report_json(
    loaded: Ssda903, year: ReportingYear, year_from: str, rules: RuleCatalogue, calendar: Calendar
) -> str: ...
def cin_census_report_json(
    census: CinCensus, file: str, year: ReportingYear, year_from: str, rules: RuleCatalogue, calendar: Calendar
) -> str: ...
def report_json(
    parts: list[str], as_of: datetime.date, calendar: str, target: float | None, files_not_read: list[tuple[str, str]]
) -> str: ...

class ReportingYear(metaclass=_pybind11_type):
    def __init__(self, ending: int) -> None: ...
    @staticmethod
    def parse(text: str) -> ReportingYear: ...
    @staticmethod
    def ending_of(day: datetime.date) -> int: ...
    @staticmethod
    def quarter_of(day: datetime.date) -> int: ...
    @property
    def ending(self) -> int: ...
    @property
    def start(self) -> datetime.date: ...
    @property
    def end(self) -> datetime.date: ...
    @property
    def label(self) -> str: ...
    def __eq__(self, other: object) -> bool: ...
    def __hash__(self) -> int: ...

class Proportion(metaclass=_pybind11_type):
    def __init__(self, count: int, total: int, measure: str = "") -> None: ...
    @property
    def count(self) -> int: ...
    @property
    def total(self) -> int: ...
    @property
    def measure(self) -> str: ...
    @property
    def share(self) -> float: ...
    @property
    def source(self) -> str: ...

class TimelinessFigure(metaclass=_pybind11_type):
    @property
    def measure(self) -> str: ...
    @property
    def computable(self) -> bool: ...
    @property
    def not_computable(self) -> str: ...
    @property
    def year(self) -> ReportingYear: ...
    @property
    def rule(self) -> str: ...
    @property
    def rules(self) -> list[str]: ...
    @property
    def source(self) -> str: ...
    @property
    def done(self) -> int: ...
    @property
    def in_timescale(self) -> int: ...
    @property
    def out_of_timescale(self) -> int: ...
    @property
    def overdue(self) -> int: ...
    @property
    def missed(self) -> int: ...
    @property
    def not_judged(self) -> int: ...
    @property
    def share(self) -> float: ...

class TimelinessMeasure(metaclass=_pybind11_type):
    @property
    def measure(self) -> str: ...
    @property
    def rule(self) -> str: ...
    @property
    def case_is_child(self) -> bool: ...
    @property
    def year(self) -> ReportingYear: ...
    @property
    def as_of(self) -> datetime.date: ...
    @property
    def calendar(self) -> str: ...
    @property
    def tables(self) -> list[str]: ...
    @property
    def files(self) -> list[str]: ...
    @property
    def figure(self) -> TimelinessFigure: ...
    @property
    def citations(self) -> list[_Citation]: ...
    def instances(self) -> _Instances: ...
    def not_judged(self) -> _NotJudged: ...
    def by_month(self) -> _ByMonth: ...
    def data_quality(self) -> _DataQuality: ...

class _Loaded(metaclass=_pybind11_type):
    def tables(self) -> dict[str, _Table]: ...
    @property
    def files(self) -> list[str]: ...
    def counts(self) -> list[_CountTuple]: ...
    def findings_per_table(self) -> list[int]: ...
    def finding_count(self) -> int: ...
    def findings(self) -> _Findings: ...
    def summary_text(self) -> str: ...

class Ssda903(_Loaded):
    @staticmethod
    def load(
        returns: Sequence[_ReturnInput], dayfirst: bool = True, today: datetime.date | None = None
    ) -> Ssda903: ...
    @staticmethod
    def load_regional(
        paths: Sequence[_Path], dayfirst: bool = True, today: datetime.date | None = None
    ) -> list[tuple[str, Ssda903]]: ...
    @property
    def returns(self) -> list[tuple[int, str, list[str], list[str]]]: ...
    def periods_of_care(self) -> _Periods: ...
    def review_timeliness(
        self, arg0: ReportingYear, arg1: RuleCatalogue, arg2: Calendar
    ) -> TimelinessMeasure: ...
    def return_home_interviews(
        self, arg0: ReportingYear, arg1: _I64, arg2: _I64, arg3: RuleCatalogue, arg4: Calendar
    ) -> TimelinessMeasure: ...
    def participation(self, arg0: ReportingYear) -> tuple[list[str], list[int], list[float]]: ...
    def reasons_ceased(self, arg0: ReportingYear) -> tuple[list[str], list[int]]: ...
    def looked_after_on(self, arg0: datetime.date, arg1: bool) -> list[int]: ...
    def looked_after_at_31_march(self, arg0: ReportingYear, arg1: bool) -> int: ...
    def placements(
        self, arg0: ReportingYear, arg1: bool
    ) -> tuple[list[str], list[int], list[int], list[tuple[int, int]]]: ...
    def three_or_more_placements(self, arg0: ReportingYear, arg1: bool) -> Proportion: ...
    def missing_episodes(
        self, arg0: ReportingYear
    ) -> tuple[list[str], list[int], list[int], list[int], list[float]]: ...

class CinCensus(_Loaded):
    @staticmethod
    def load(path: _Path, dayfirst: bool = True) -> CinCensus: ...
    @property
    def collection(self) -> str: ...
    @property
    def year(self) -> str: ...
    @property
    def reference_date(self) -> datetime.date | None: ...
    def assessment_timeliness(self, arg0: ReportingYear, arg1: RuleCatalogue, arg2: Calendar) -> TimelinessMeasure: ...
    def initial_conference_timeliness(
        self, arg0: ReportingYear, arg1: RuleCatalogue, arg2: Calendar
    ) -> TimelinessMeasure: ...
    def review_conference_timeliness(
        self, arg0: ReportingYear, arg1: RuleCatalogue, arg2: Calendar
    ) -> TimelinessMeasure: ...
    def referrals(self, arg0: ReportingYear) -> tuple[list[int], list[int], list[int]]: ...
    def re_referrals(self, arg0: ReportingYear) -> Proportion: ...
    def nfa_referrals(self, arg0: ReportingYear) -> Proportion: ...
    def plans_lasting_two_years_or_more(self, arg0: ReportingYear) -> Proportion: ...
    def second_or_later_plans(self, arg0: ReportingYear) -> Proportion: ...
