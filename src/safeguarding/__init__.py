"""safeguarding: the working-day clock, statutory timescales, the partnership model and its
governance compliance, the rule catalogue and case timeliness, thresholds and the front door, and
the statutory returns, for England's safeguarding children partnerships.

>>> import datetime, safeguarding as sg
>>> cal = sg.Calendar.england_and_wales()
>>> cal.add_working_days(datetime.date(2019, 9, 27), 5)
datetime.date(2019, 10, 4)
"""

from __future__ import annotations

from . import _core, annex_a, cin_census, ssda903
from ._calendar import Calendar, Holiday, add_months, add_years
from ._errors import Error
from ._partnership import (
    Agency,
    ComplianceReport,
    Duty,
    Finding,
    FindingKind,
    Group,
    Partnership,
    Requirement,
    Role,
    Status,
    governance_requirements,
)
from ._measures import TimelinessFigure, TimelinessMeasure
from ._returns import COUNTING_MEASURES, MeasureTable, Proportion, ReportingYear
from ._timescale import Timescale, TimeUnit
from ._rules import Rule, RuleCatalogue, RuleEdition
from ._timeliness import (
    DataQuality,
    TimelinessResult,
    TimelinessSummary,
    bands,
    data_quality,
    release_timeliness_scratch,
    set_timeliness_scratch_limit,
    summarise,
    timeline,
    timeliness,
    timeliness_summary,
)
from ._actions import rag
from ._thresholds import LevelOfNeed, ThresholdDocument, ThresholdVersion
from ._front_door import FrontDoor

__version__: str = _core.__version__

__all__ = [
    # The working-day clock.
    "Calendar",
    "Holiday",
    "TimeUnit",
    "Timescale",
    "add_months",
    "add_years",
    # The partnership model and its governance compliance report.
    "Agency",
    "ComplianceReport",
    "Duty",
    "Finding",
    "FindingKind",
    "Group",
    "Partnership",
    "Requirement",
    "Role",
    "Status",
    "governance_requirements",
    # The statutory returns.
    "COUNTING_MEASURES",
    "MeasureTable",
    "Proportion",
    "ReportingYear",
    "TimelinessFigure",
    "TimelinessMeasure",
    "annex_a",
    "cin_census",
    "ssda903",
    # Case timeliness: the rule catalogue, the engine, summaries, action plans.
    "DataQuality",
    "Rule",
    "RuleCatalogue",
    "RuleEdition",
    "TimelinessResult",
    "TimelinessSummary",
    "bands",
    "data_quality",
    "rag",
    "release_timeliness_scratch",
    "set_timeliness_scratch_limit",
    "summarise",
    "timeline",
    "timeliness",
    "timeliness_summary",
    # Thresholds and the front door.
    "FrontDoor",
    "LevelOfNeed",
    "ThresholdDocument",
    "ThresholdVersion",
    # Errors and the version.
    "Error",
    "__version__",
]
