"""Timescales: "15 working days", "3 months", "72 hours"."""

from __future__ import annotations

import datetime as _dt
import enum
from typing import Any

import numpy as np

from . import _core
from ._calendar import Calendar, add_months
from ._convert import as_date, as_datetime, as_day_array, is_array_like, to_dates
from ._errors import Error


class TimeUnit(str, enum.Enum):
    """The unit of a timescale."""

    WORKING_DAYS = "working days"
    CALENDAR_DAYS = "calendar days"
    WEEKS = "weeks"
    MONTHS = "months"
    YEARS = "years"
    HOURS = "hours"

    def __str__(self) -> str:
        return self.value


_TO_CORE = {
    TimeUnit.WORKING_DAYS: _core.timescale.TimeUnit.working_days,
    TimeUnit.CALENDAR_DAYS: _core.timescale.TimeUnit.calendar_days,
    TimeUnit.WEEKS: _core.timescale.TimeUnit.weeks,
    TimeUnit.MONTHS: _core.timescale.TimeUnit.months,
    TimeUnit.YEARS: _core.timescale.TimeUnit.years,
    TimeUnit.HOURS: _core.timescale.TimeUnit.hours,
}
_FROM_CORE = {core: unit for unit, core in _TO_CORE.items()}


class Timescale:
    """An amount and a unit, with the due dates it gives.

    ``due(start)`` is the last day on which something due "within this timescale of ``start``" is
    on time: the start is day 0; working days count from the first working day strictly after it;
    months keep the day of the month and clamp to the month's end. ``due_before(end)`` counts
    backwards, for rules such as "at least 7 working days before publication".

    >>> Timescale.parse("15 working days").due(_dt.date(2019, 10, 4), Calendar.england_and_wales())
    datetime.date(2019, 10, 25)
    """

    __slots__ = ("_impl",)
    _impl: _core.timescale.Timescale

    def __init__(self, amount: int, unit: TimeUnit | str) -> None:
        try:
            unit = TimeUnit(unit)
        except ValueError:
            raise Error(f"{unit!r} is not a time unit (expected one of: {', '.join(u.value for u in TimeUnit)})") from None
        if isinstance(amount, bool) or not isinstance(amount, (int, np.integer)):
            raise Error(f"a timescale's amount must be a whole number, got {amount!r}")
        self._impl = _core.timescale.Timescale(int(amount), _TO_CORE[unit])

    @classmethod
    def parse(cls, text: str) -> Timescale:
        """Reads "15 working days", "1 working day", "20 WD", "3 months", "6 CM", "10 calendar days",
        "2 weeks", "1 year", "72 hours"."""
        if not isinstance(text, str):
            raise Error(f"expected a timescale such as '15 working days', got {text!r}")
        timescale = cls.__new__(cls)
        timescale._impl = _core.timescale.Timescale.parse(text)
        return timescale

    @property
    def amount(self) -> int:
        return self._impl.amount

    @property
    def unit(self) -> TimeUnit:
        return _FROM_CORE[self._impl.unit]

    @property
    def needs_calendar(self) -> bool:
        """True for working days, which need a calendar to count."""
        return self._impl.needs_calendar

    def due(self, start: Any, calendar: Calendar | None = None) -> Any:
        """The due date (or date-time, for a date-time start) "within" this timescale of ``start``.
        From a date alone, an hours timescale gives the latest day the deadline can fall on. Vectorised
        over arrays and Series of dates."""
        return self._shift(start, calendar, forwards=True)

    def due_before(self, end: Any, calendar: Calendar | None = None) -> Any:
        """The last date that is "at least" this timescale before ``end``."""
        return self._shift(end, calendar, forwards=False)

    def _shift(self, when: Any, calendar: Calendar | None, forwards: bool) -> Any:
        core_calendar = None if calendar is None else calendar._impl
        if is_array_like(when):
            return self._shift_array(when, calendar, forwards)
        if isinstance(when, _dt.datetime) or (isinstance(when, str) and len(when.strip()) > 10):
            moment = as_datetime(when)
            if forwards:
                return self._impl.due_date_time(moment, core_calendar)
            return self._impl.due_before_date_time(moment, core_calendar)
        day = as_date(when)
        return self._impl.due(day, core_calendar) if forwards else self._impl.due_before(day, core_calendar)

    def _shift_array(self, when: Any, calendar: Calendar | None, forwards: bool) -> Any:
        amount = self.amount if forwards else -self.amount
        unit = self.unit
        if unit is TimeUnit.WORKING_DAYS:
            if calendar is None:
                raise Error(f"the timescale '{self}' needs a calendar to count working days")
            return calendar.add_working_days(when, amount)
        if unit in (TimeUnit.MONTHS, TimeUnit.YEARS):
            return add_months(when, amount * (12 if unit is TimeUnit.YEARS else 1))
        days, restore = as_day_array(when)
        step = {TimeUnit.CALENDAR_DAYS: amount, TimeUnit.WEEKS: 7 * amount}.get(unit)
        if step is None:  # hours from dates: the latest day the deadline can fall on
            step = -((-amount) // 24) if amount >= 0 else -((-amount + 23) // 24)
        return restore(to_dates(days).astype("datetime64[D]") + np.timedelta64(step, "D"))

    def __str__(self) -> str:
        return str(self._impl)

    def __repr__(self) -> str:
        return f"Timescale({str(self)!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Timescale):
            return NotImplemented
        return self.amount == other.amount and self.unit is other.unit

    def __hash__(self) -> int:
        return hash((self.amount, self.unit.value))

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        return (Timescale.parse, (str(self),))


__all__ = ["TimeUnit", "Timescale"]
