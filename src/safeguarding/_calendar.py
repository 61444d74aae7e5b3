"""Working-day calendars and calendar arithmetic."""

from __future__ import annotations

import datetime as _dt
import json
import os
from typing import Any, Iterable, NamedTuple, Sequence, Union, cast, overload

import numpy as np
import numpy.typing as npt

from . import _core
from ._convert import (
    json_text,
    path_text,
    DateArray,
    DateLike,
    Restore,
    SeriesLike,
    ShiftArray,
    as_date,
    as_day_array,
    as_shift,
    as_shift_array,
    container_restore,
    counts,
    is_array_like,
    to_dates,
)
from ._errors import Error

PathLike = Union[str, "os.PathLike[str]"]
_Dates = npt.NDArray[np.datetime64]

_WEEKDAYS = tuple(_core.calendar.weekday_name(d) for d in range(7))  # as C++ names them
_PICKLE_VERSION = 1


class Holiday(NamedTuple):
    """A day that is not a working day although it is not a weekend day: a bank holiday or a local
    closure. ``substitute`` marks a day standing in for a holiday that fell at a weekend."""

    date: _dt.date
    name: str
    substitute: bool = False


def _weekday_number(day: str | int) -> int:
    if isinstance(day, (int, np.integer)) and not isinstance(day, bool):
        if 0 <= int(day) <= 6:
            return int(day)
        raise Error(f"weekday {day!r} does not exist (0 = Monday … 6 = Sunday)")
    if isinstance(day, str) and (number := _core.calendar.weekday_from_name(day)) >= 0:
        return number
    raise Error(f"{day!r} is not a day of the week (expected Monday … Sunday)")


def _holiday_tuple(item: Holiday | tuple[Any, ...] | Any, default_name: str) -> tuple[_dt.date, str, bool]:
    if isinstance(item, tuple):
        if not 1 <= len(item) <= 3:
            raise Error(f"a holiday is (date, name[, substitute]), got {item!r}")
        day = as_date(item[0], "holiday date")
        name = str(item[1]) if len(item) > 1 else default_name
        return day, name, bool(item[2]) if len(item) > 2 else False
    return as_date(item, "holiday date"), default_name, False


class Calendar:
    """Which days are working days in an area, and working-day arithmetic on them.

    A calendar is an immutable value: every local variation (:meth:`with_holidays`,
    :meth:`without_holidays`, :meth:`with_weekend`) returns a new calendar. The built-in
    calendars cover 1970–2100; asking about a date outside a calendar's range is an
    :class:`~safeguarding.Error`.

    Counting conventions: ``add_working_days(d, n)`` with ``n > 0`` is the n-th working day
    strictly after ``d`` (``d`` need not be a working day); ``n < 0`` counts backwards; ``n == 0``
    gives ``d``. ``working_days_between(a, b)`` counts the working days in ``(a, b]``, or minus
    those in ``[b, a)`` when ``b < a``, so ``add_working_days(a, working_days_between(a, b)) == b``
    whenever ``b`` is a working day.

    Every date argument may be a single date (``datetime.date``, a ``datetime`` or pandas
    ``Timestamp`` — its date is used —, a ``numpy.datetime64`` or an ISO string) or, for the
    vectorised forms, a numpy array, a list or a pandas Series of them. Arrays give numpy
    ``datetime64[D]`` arrays back, Series give Series with the same index; a missing date (NaT)
    gives NaT.

    >>> cal = Calendar.england_and_wales()
    >>> cal.add_working_days(_dt.date(2018, 1, 30), 70)
    datetime.date(2018, 5, 11)
    """

    __slots__ = ("_impl",)
    _impl: _core.calendar.Calendar

    def __init__(self, builtin: str = "england-and-wales") -> None:
        """A built-in calendar by gov.uk's division key: ``"england-and-wales"`` (the default),
        ``"scotland"`` or ``"northern-ireland"``."""
        self._impl = _core.calendar.Calendar.builtin(builtin)

    @classmethod
    def _wrap(cls, core: _core.calendar.Calendar) -> Calendar:
        calendar = cls.__new__(cls)
        calendar._impl = core
        return calendar

    # Construction ----------------------------------------------------------------------------

    @classmethod
    def england_and_wales(cls) -> Calendar:
        """Bank holidays of England and Wales, computed from rules for 1970–2100."""
        return cls._wrap(_core.calendar.Calendar.england_and_wales())

    @classmethod
    def scotland(cls) -> Calendar:
        """Bank holidays of Scotland, 1970–2100."""
        return cls._wrap(_core.calendar.Calendar.scotland())

    @classmethod
    def northern_ireland(cls) -> Calendar:
        """Bank holidays of Northern Ireland, 1970–2100."""
        return cls._wrap(_core.calendar.Calendar.northern_ireland())

    @classmethod
    def from_holidays(
        cls,
        name: str,
        holidays: Iterable[Holiday | tuple[Any, ...]],
        first_date: Any,
        last_date: Any,
        weekend: Sequence[str | int] = ("Saturday", "Sunday"),
    ) -> Calendar:
        """A calendar from its full definition. Nothing is known outside ``first_date`` to
        ``last_date``: asking about a date there is an Error."""
        items = [_holiday_tuple(h, "Holiday") for h in holidays]
        return cls._wrap(
            _core.calendar.Calendar.from_holidays(
                name,
                items,
                as_date(first_date, "first_date"),
                as_date(last_date, "last_date"),
                [_weekday_number(d) for d in weekend],
            )
        )

    @classmethod
    def from_json(cls, path: PathLike) -> Calendar:
        """Reads a calendar file in the project's format (see ``docs/calendar.md``): a built-in
        ``base`` with local ``holidays`` added and others ``remove``-d, or a full definition.
        Every problem in the file is reported at once, each with its JSON pointer."""
        return cls._wrap(_core.calendar.Calendar.load(path_text(path)))

    @classmethod
    def from_dict(cls, data: dict[str, Any], source: str = "<dict>") -> Calendar:
        """As :meth:`from_json`, from the parsed JSON."""
        return cls._wrap(_core.calendar.Calendar.from_json_text(json_text(data, source), source))

    @classmethod
    def from_govuk_json(cls, path: PathLike, division: str = "england-and-wales") -> Calendar:
        """One division of gov.uk's ``bank-holidays.json``. The calendar covers the whole years the
        file lists, and nothing beyond them."""
        return cls._wrap(_core.calendar.Calendar.load_govuk(path_text(path), division))

    def to_dict(self) -> dict[str, Any]:
        """The calendar in the project's JSON format, every holiday listed."""
        result: dict[str, Any] = json.loads(self._impl.to_json_text())
        return result

    def to_json(self, indent: int | None = 2) -> str:
        """The calendar as JSON text in the project's format; ``Calendar.from_dict`` reads it back."""
        return self._impl.to_json_text(-1 if indent is None else indent)

    # Variations ------------------------------------------------------------------------------

    def with_holidays(self, holidays: Iterable[Holiday | tuple[Any, ...] | Any], name: str | None = None) -> Calendar:
        """A new calendar with extra closure days, given as ``Holiday``, ``(date, name)`` or plain
        dates (named "Local closure"). A date that is already a holiday is an Error."""
        items = [_holiday_tuple(h, "Local closure") for h in holidays]
        return Calendar._wrap(self._impl.with_holidays(items, name or ""))

    def without_holidays(self, dates: Iterable[Any], name: str | None = None) -> Calendar:
        """A new calendar in which the listed holidays are working days. A date that is not a
        holiday of this calendar is an Error."""
        return Calendar._wrap(self._impl.without_holidays([as_date(d, "date") for d in dates], name or ""))

    def with_weekend(self, days: Sequence[str | int], name: str | None = None) -> Calendar:
        """A new calendar resting on other weekdays (names, or numbers with 0 = Monday)."""
        return Calendar._wrap(self._impl.with_weekend([_weekday_number(d) for d in days], name or ""))

    def renamed(self, name: str) -> Calendar:
        return Calendar._wrap(self._impl.renamed(name))

    # Facts -----------------------------------------------------------------------------------

    @property
    def name(self) -> str:
        return self._impl.name

    @property
    def weekend(self) -> tuple[str, ...]:
        """The weekdays nobody works, by name."""
        return tuple(_WEEKDAYS[d] for d in self._impl.weekend)

    @property
    def first_date(self) -> _dt.date:
        """The first date the calendar covers."""
        return self._impl.first_date

    @property
    def last_date(self) -> _dt.date:
        """The last date the calendar covers."""
        return self._impl.last_date

    def holidays(self, year: int | None = None) -> list[Holiday]:
        """The holidays of one year, or all of them, in date order."""
        raw = self._impl.all_holidays() if year is None else self._impl.holidays_in(int(year))
        return [Holiday(*h) for h in raw]

    def holiday_on(self, date: Any) -> Holiday | None:
        """The holiday on a date, or None."""
        found = self._impl.holiday_on(as_date(date))
        return None if found is None else Holiday(*found)

    def covers(self, date: Any) -> bool:
        """True when the date lies within the calendar's range."""
        return self._impl.covers(as_date(date))

    # Arithmetic ------------------------------------------------------------------------------

    @overload
    def is_working_day(self, date: DateLike) -> bool: ...
    @overload
    def is_working_day(self, date: SeriesLike) -> SeriesLike: ...
    @overload
    def is_working_day(self, date: DateArray) -> npt.NDArray[np.bool_]: ...

    def is_working_day(self, date: DateLike | DateArray | SeriesLike) -> bool | SeriesLike | npt.NDArray[np.bool_]:
        """Whether a date is a working day; vectorised over arrays and Series (NaT gives False)."""
        if is_array_like(date):
            days, restore = as_day_array(date)
            return cast(npt.NDArray[np.bool_], restore(self._impl.is_working_day_array(days)))
        return self._impl.is_working_day(as_date(date))

    @overload
    def add_working_days(self, date: DateLike, n: int) -> _dt.date: ...
    @overload
    def add_working_days(self, date: SeriesLike, n: int | ShiftArray | SeriesLike) -> SeriesLike: ...
    @overload
    def add_working_days(self, date: DateLike | DateArray, n: SeriesLike) -> SeriesLike: ...
    @overload
    def add_working_days(self, date: DateArray, n: int | ShiftArray) -> _Dates: ...
    @overload
    def add_working_days(self, date: DateLike, n: ShiftArray) -> _Dates: ...

    def add_working_days(
        self, date: DateLike | DateArray | SeriesLike, n: int | ShiftArray | SeriesLike
    ) -> _dt.date | SeriesLike | _Dates:
        """The n-th working day strictly after ``date`` (before it for negative ``n``; ``date``
        itself for 0). Either argument may be an array or Series; NaT, or a missing ``n``, gives NaT."""
        if is_array_like(date) or is_array_like(n):
            return cast(_Dates, self._add_working_days_array(date, n))
        return self._impl.add_working_days(as_date(date), as_shift(n))

    def _add_working_days_array(self, date: Any, n: Any) -> Any:
        if not is_array_like(n):  # many dates, one n
            days, restore = as_day_array(date)
            return restore(to_dates(self._impl.add_working_days_array_scalar(days, as_shift(n))))
        days, shifts, restore = _days_and_shifts(date, n, "n")
        return restore(to_dates(self._impl.add_working_days_array(days, shifts)))

    @overload
    def working_days_between(self, a: DateLike, b: DateLike) -> int: ...
    @overload
    def working_days_between(self, a: SeriesLike, b: DateLike | DateArray | SeriesLike) -> SeriesLike: ...
    @overload
    def working_days_between(self, a: DateLike | DateArray, b: SeriesLike) -> SeriesLike: ...
    @overload
    def working_days_between(
        self, a: DateArray, b: DateLike | DateArray
    ) -> npt.NDArray[np.int64] | npt.NDArray[np.float64]: ...
    @overload
    def working_days_between(self, a: DateLike, b: DateArray) -> npt.NDArray[np.int64] | npt.NDArray[np.float64]: ...

    def working_days_between(
        self, a: DateLike | DateArray | SeriesLike, b: DateLike | DateArray | SeriesLike
    ) -> int | SeriesLike | npt.NDArray[np.int64] | npt.NDArray[np.float64]:
        """Working days in ``(a, b]``, or minus those in ``[b, a)`` when ``b < a``. Vectorised over
        arrays and Series: the result is int64, or float64 with NaN where a date is missing."""
        if is_array_like(a) or is_array_like(b):
            first, restore_a = as_day_array(a) if is_array_like(a) else (_one_day(a), None)
            second, restore_b = as_day_array(b) if is_array_like(b) else (_one_day(b), None)
            restore = restore_a or restore_b
            assert restore is not None
            if first.shape != second.shape:
                first, second = (np.ascontiguousarray(x) for x in np.broadcast_arrays(first, second))
            between, missing = self._impl.working_days_between_array(first, second)
            return cast(npt.NDArray[np.int64], restore(counts(between, missing)))
        return self._impl.working_days_between(as_date(a, "a"), as_date(b, "b"))

    @overload
    def next_working_day(self, date: DateLike) -> _dt.date: ...
    @overload
    def next_working_day(self, date: SeriesLike) -> SeriesLike: ...
    @overload
    def next_working_day(self, date: DateArray) -> _Dates: ...

    def next_working_day(self, date: DateLike | DateArray | SeriesLike) -> _dt.date | SeriesLike | _Dates:
        """The first working day strictly after ``date``."""
        return self.add_working_days(date, 1)

    @overload
    def previous_working_day(self, date: DateLike) -> _dt.date: ...
    @overload
    def previous_working_day(self, date: SeriesLike) -> SeriesLike: ...
    @overload
    def previous_working_day(self, date: DateArray) -> _Dates: ...

    def previous_working_day(self, date: DateLike | DateArray | SeriesLike) -> _dt.date | SeriesLike | _Dates:
        """The last working day strictly before ``date``."""
        return self.add_working_days(date, -1)

    @overload
    def working_day_on_or_after(self, date: DateLike) -> _dt.date: ...
    @overload
    def working_day_on_or_after(self, date: SeriesLike) -> SeriesLike: ...
    @overload
    def working_day_on_or_after(self, date: DateArray) -> _Dates: ...

    def working_day_on_or_after(self, date: DateLike | DateArray | SeriesLike) -> _dt.date | SeriesLike | _Dates:
        """``date`` when it is a working day, otherwise the next one."""
        if is_array_like(date):
            return cast(_Dates, self._working_day_array(date, 1))
        return self._impl.working_day_on_or_after(as_date(date))

    @overload
    def working_day_on_or_before(self, date: DateLike) -> _dt.date: ...
    @overload
    def working_day_on_or_before(self, date: SeriesLike) -> SeriesLike: ...
    @overload
    def working_day_on_or_before(self, date: DateArray) -> _Dates: ...

    def working_day_on_or_before(self, date: DateLike | DateArray | SeriesLike) -> _dt.date | SeriesLike | _Dates:
        """``date`` when it is a working day, otherwise the previous one."""
        if is_array_like(date):
            return cast(_Dates, self._working_day_array(date, -1))
        return self._impl.working_day_on_or_before(as_date(date))

    def _working_day_array(self, date: Any, step: int) -> Any:
        """Each date when it is a working day, otherwise the working day ``step`` (1 or -1) from it;
        NaT stays NaT."""
        days, restore = as_day_array(date)
        working = self._impl.is_working_day_array(days)
        nat = days == np.iinfo(np.int64).min
        out = np.where(working | nat, days, self._impl.add_working_days_array_scalar(days, step))
        return restore(to_dates(out))

    # Value behaviour -------------------------------------------------------------------------

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Calendar):
            return NotImplemented
        return bool(self._impl == other._impl)

    def __hash__(self) -> int:
        return hash(self._impl)

    def __repr__(self) -> str:
        weekend = " and ".join(self.weekend) or "no weekend"
        return (
            f"<Calendar {self.name!r}: {self.first_date.isoformat()} to {self.last_date.isoformat()},"
            f" weekend {weekend}, {len(self._impl.all_holidays()):,} holidays>"
        )

    def __reduce__(self) -> tuple[Any, tuple[dict[str, Any]]]:
        # Versioned state; a built-in calendar is pickled by its key alone.
        for key in ("england-and-wales", "scotland", "northern-ireland"):
            if self._impl.is_same_table(_core.calendar.Calendar.builtin(key)):
                return (_calendar_from_state, ({"version": _PICKLE_VERSION, "builtin": key},))
        return (_calendar_from_state, ({"version": _PICKLE_VERSION, "definition": self._impl.to_json_text()},))


def _calendar_from_state(state: dict[str, Any]) -> Calendar:
    version = state.get("version")
    if version != _PICKLE_VERSION:
        raise Error(f"cannot read a pickled Calendar of version {version!r} (this release reads version {_PICKLE_VERSION})")
    if "builtin" in state:
        return Calendar(state["builtin"])
    return Calendar._wrap(_core.calendar.Calendar.from_json_text(state["definition"], "pickled Calendar"))


def _one_day(value: Any) -> Any:
    return np.array([np.datetime64(as_date(value), "D")]).view(np.int64)


def _days_and_shifts(date: Any, shift: Any, what: str) -> tuple[Any, Any, Restore]:
    """The serial days and the whole-number shifts (``what``: "n", "months") of a vectorised call
    whose shifts are an array: broadcast to one shape, contiguous, each day NaT where its shift is
    missing; and how to put the result back in the caller's container (the dates', or the shifts'
    for one date)."""
    if is_array_like(date):
        days, restore = as_day_array(date)
    else:
        days, restore = _one_day(date), container_restore(shift)
    shifts, missing = as_shift_array(shift, what)
    if days.shape != shifts.shape:
        days, shifts = np.broadcast_arrays(days, shifts)
    if missing is not None:
        days = np.where(missing, np.int64(np.iinfo(np.int64).min), days)
    return np.ascontiguousarray(days), np.ascontiguousarray(shifts), restore


@overload
def add_months(date: DateLike, months: int) -> _dt.date: ...
@overload
def add_months(date: SeriesLike, months: int | ShiftArray | SeriesLike) -> SeriesLike: ...
@overload
def add_months(date: DateLike | DateArray, months: SeriesLike) -> SeriesLike: ...
@overload
def add_months(date: DateArray, months: int | ShiftArray) -> _Dates: ...
@overload
def add_months(date: DateLike, months: ShiftArray) -> _Dates: ...


def add_months(date: DateLike | DateArray | SeriesLike, months: int | ShiftArray | SeriesLike) -> _dt.date | SeriesLike | _Dates:
    """The same day of the month ``months`` later (earlier when negative), clamped to the last day
    of a shorter month: 30 April + 3 = 30 July; 31 August + 6 = the last day of February. Vectorised
    over arrays and Series of dates or of months; NaT gives NaT."""
    if is_array_like(months):
        days, shifts, restore = _days_and_shifts(date, months, "months")
        return cast(_Dates, restore(to_dates(_core.dates.add_months_array(days, shifts))))
    if is_array_like(date):  # many dates, one number of months
        days, restore = as_day_array(date)
        shifts = np.full(days.shape, as_shift(months, "months"), dtype=np.int64)
        return cast(_Dates, restore(to_dates(_core.dates.add_months_array(np.ascontiguousarray(days), shifts))))
    return _core.dates.add_months(as_date(date), as_shift(months, "months"))


@overload
def add_years(date: DateLike, years: int) -> _dt.date: ...
@overload
def add_years(date: SeriesLike, years: int | ShiftArray | SeriesLike) -> SeriesLike: ...
@overload
def add_years(date: DateLike | DateArray, years: SeriesLike) -> SeriesLike: ...
@overload
def add_years(date: DateArray, years: int | ShiftArray) -> _Dates: ...
@overload
def add_years(date: DateLike, years: ShiftArray) -> _Dates: ...


def add_years(date: DateLike | DateArray | SeriesLike, years: int | ShiftArray | SeriesLike) -> _dt.date | SeriesLike | _Dates:
    """``add_months(date, 12 * years)``: 29 February + 1 year = 28 February."""
    if is_array_like(years):
        many: Any = np.asarray(years) if isinstance(years, (list, tuple)) else years
        as_shift_array(many, "years")  # whole numbers only: half a year is not six months here
        return add_months(date, cast(ShiftArray, many * 12))
    return add_months(date, 12 * as_shift(years, "years"))


__all__ = ["Calendar", "Holiday", "add_months", "add_years"]
