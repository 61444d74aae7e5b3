# Type stub for the private compiled module; the public API is the package around it.
import datetime
import enum
import os
from typing import Any, Optional

import numpy as np
import numpy.typing as npt

from . import calendar as calendar
from . import dates as dates
from . import errors as errors
from . import rules as rules
from . import timescale as timescale
from . import timeliness as timeliness

# For the other areas' stubs: types of the submodules above (not re-exported).
from .calendar import Calendar
from .rules import RuleCatalogue
from .timescale import Timescale

__version__: str

# Statutory returns (bindings/register_returns.cpp): the raw tables, findings and row counts,
# which the facade (ssda903.py, cin_census.py) turns into DataFrames.
_ReturnGroup = tuple[int, str, list[str]]

class ReturnFindings:
    def __len__(self) -> int: ...
    def per_table(self) -> dict[str, int]: ...
    def columns(self) -> dict[str, list[Any]]: ...

def group_ssda903_files(paths: list[str]) -> list[_ReturnGroup]: ...
def load_ssda903(returns: list[_ReturnGroup]) -> dict[str, Any]: ...
def load_cin_census(path: str) -> dict[str, Any]: ...

# The returns' timeliness measures: events for the engine built from the tables' columns
# (bindings/register_returns.cpp), each with its source table and row; rows left out with a reason.
_I64 = npt.NDArray[np.int64]
returns_left_out_reasons: list[tuple[str, str]]

def ssda903_review_events(
    rules: RuleCatalogue, child: _I64, decom: _I64, dec: _I64, starts_care: npt.NDArray[np.uint8],
    short_break: npt.NDArray[np.uint8], review_child: _I64, review_date: _I64,
) -> dict[str, Any]: ...
def ssda903_periods_of_care(
    child: _I64, decom: _I64, dec: _I64, starts_care: npt.NDArray[np.uint8], short_break: npt.NDArray[np.uint8]
) -> dict[str, Any]: ...
def cin_assessment_events(
    rules: RuleCatalogue, details_id: _I64, referral_date: _I64, assessment_details_id: _I64, assessment_id: _I64,
    authorised: _I64,
) -> dict[str, Any]: ...
def cin_icpc_events(
    rules: RuleCatalogue, details_id: _I64, s47_start: _I64, icpc_date: _I64, not_required: npt.NDArray[np.int8]
) -> dict[str, Any]: ...
def cin_review_conference_events(
    rules: RuleCatalogue, plan_id: _I64, plan_start: _I64, plan_end: _I64, review_plan_id: _I64, review_date: _I64
) -> dict[str, Any]: ...

from . import front_door as front_door
from . import partnership as partnership
from . import thresholds as thresholds
