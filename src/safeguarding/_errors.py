"""The one exception type for bad input."""

from __future__ import annotations

from . import _core

#: Raised for every kind of bad input: an impossible date, a date outside a calendar's range, an
#: unknown unit, a malformed file. A subclass of :class:`ValueError`. Its message names each bad
#: value and where it came from (a file and row, a JSON pointer, an array element); its
#: ``problems`` attribute lists them as ``(where, message)`` pairs.
Error = _core.errors.Error

__all__ = ["Error"]
