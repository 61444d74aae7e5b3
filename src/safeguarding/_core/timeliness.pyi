# The case timeliness engine, its summaries, and action plans' ratings (bindings/register_timeliness.cpp).
from typing import Any, Optional

import numpy as np
import numpy.typing as npt

from .calendar import Calendar
from .rules import RuleCatalogue

statuses: list[str]
findings: list[str]
row_uses: list[str]
rag_names: list[str]
progress_names: list[str]
rag_reason_names: list[str]

def compute(
    catalogue: RuleCatalogue,
    case_id: npt.NDArray[np.int64],
    event: npt.NDArray[np.int32],
    time: npt.NDArray[np.int64],
    seconds: bool,
    attributes: list[tuple[str, npt.NDArray[np.int64], list[str]]],
    calendar: Calendar,
    as_of: Optional[int],
    rules: list[str],
) -> dict[str, Any]: ...
def compute_summary(
    catalogue: RuleCatalogue,
    case_id: npt.NDArray[np.int64],
    event: npt.NDArray[np.int32],
    time: npt.NDArray[np.int64],
    seconds: bool,
    attributes: list[tuple[str, npt.NDArray[np.int64], list[str]]],
    calendar: Calendar,
    as_of: Optional[int],
    rules: list[str],
    period: str,
    basis: str,
    durations: str,
    percentiles: list[float],
) -> dict[str, Any]: ...
def set_scratch_limit(bytes: int) -> int: ...
def release_scratch() -> int: ...
def summarise(
    rule: npt.NDArray[np.int8] | npt.NDArray[np.int32],
    status: npt.NDArray[np.uint8],
    date: npt.NDArray[np.int64],
    period: str,
    groups: Optional[npt.NDArray[np.int64]],
    n_groups: int,
    durations: Optional[npt.NDArray[np.float32]],
    percentiles: list[float],
    per_day: int,
) -> dict[str, Any]: ...
def bands(
    catalogue: RuleCatalogue,
    rule: int,
    instance_rule: npt.NDArray[np.int32],
    edition: npt.NDArray[np.int32],
    band: npt.NDArray[np.int8],
    groups: Optional[npt.NDArray[np.int64]],
    n_groups: int,
) -> dict[str, Any]: ...
def days_of(values: npt.NDArray[np.int64], per_day: int) -> tuple[npt.NDArray[np.int64], bool]: ...
def event_codes(codes: npt.NDArray[np.integer[Any]], mapping: npt.NDArray[np.int32]) -> tuple[npt.NDArray[np.int32], int]: ...
def rate_actions(
    target: npt.NDArray[np.int64],
    completed: npt.NDArray[np.int64],
    progress: npt.NDArray[np.uint8],
    as_of: int,
    calendar: Calendar,
    warning: int,
) -> tuple[npt.NDArray[np.uint8], npt.NDArray[np.uint8]]: ...
