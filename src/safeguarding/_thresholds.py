"""The threshold document: ordered levels of need, each with the services that respond and the moves
it allows, in versions with effective dates (see ``docs/thresholds.md``). A partnership's document is
part of its data file; without one, the built-in London Continuum of Help and Support applies.

The classes here hold the compiled values (``_impl``) and delegate every query to them.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Any, Optional

from . import _core
from ._convert import as_date

_th = _core.thresholds

#: The kinds of level, lowest first: who responds.
NEED_KINDS = tuple(_th.need_kind_names)


@dataclass(frozen=True)
class LevelOfNeed:
    """One level of need: its ``kind`` is who responds (``universal``, ``early-help`` or
    ``social-care``); ``zone`` is the document's own grouping, if any (Haringey's amber zone);
    ``step_up`` and ``step_down`` are the levels the document lets a child move to."""

    id: str
    name: str
    description: str
    kind: str
    zone: str
    indicators: tuple[str, ...]
    services: tuple[str, ...]
    step_up: tuple[str, ...]
    step_down: tuple[str, ...]

    @classmethod
    def _wrap(cls, core: _th.LevelOfNeed) -> LevelOfNeed:
        return cls(core.id, core.name, core.description, core.kind, core.zone, tuple(core.indicators),
                   tuple(core.services), tuple(core.step_up), tuple(core.step_down))


class ThresholdVersion:
    """A version of the threshold document, in force from ``start`` until the next version's start.
    ``levels`` are in order of increasing need; ``builtin`` names the built-in levels the version
    adopts (``"london-continuum"``), or is empty."""

    __slots__ = ("_impl",)
    _impl: _th.ThresholdVersion

    @classmethod
    def _wrap(cls, core: _th.ThresholdVersion) -> ThresholdVersion:
        version = cls.__new__(cls)
        version._impl = core
        return version

    @property
    def id(self) -> str:
        return self._impl.id

    @property
    def title(self) -> str:
        return self._impl.title

    @property
    def start(self) -> _dt.date:
        return self._impl.start

    @property
    def source(self) -> str:
        return self._impl.source

    @property
    def builtin(self) -> str:
        return self._impl.builtin

    @property
    def levels(self) -> tuple[LevelOfNeed, ...]:
        return tuple(LevelOfNeed._wrap(level) for level in self._impl.levels)

    @property
    def level_ids(self) -> tuple[str, ...]:
        return tuple(level.id for level in self._impl.levels)

    def level(self, level_id: str) -> LevelOfNeed:
        """The level with this id; an Error naming the version's levels when there is none."""
        return LevelOfNeed._wrap(self._impl.level(level_id))

    def rank(self, level_id: str) -> int:
        """The level's place in the order, 0 for the lowest."""
        return self._impl.rank(level_id)

    def allows(self, from_level: str, to_level: str) -> bool:
        """Whether the document lists the move among the level's step-ups or step-downs."""
        return self._impl.allows(from_level, to_level)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ThresholdVersion):
            return NotImplemented
        return bool(self._impl == other._impl)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<ThresholdVersion {self.id!r} from {self.start.isoformat()}: {', '.join(self.level_ids)}>"


class ThresholdDocument:
    """A partnership's threshold document: its ``versions`` in order of their dates (or, when the
    partnership gives none, the built-in London continuum alone, ``builtin_default`` true), the
    group or role that keeps it up to date, the activity type its reviews are recorded as, and the
    referral sources that are not agencies of the partnership (``(id, name)`` pairs)."""

    __slots__ = ("_impl", "_versions")
    _impl: _th.Thresholds
    _versions: tuple[ThresholdVersion, ...]

    @classmethod
    def _wrap(cls, core: _th.Thresholds) -> ThresholdDocument:
        document = cls.__new__(cls)
        document._impl = core
        document._versions = tuple(ThresholdVersion._wrap(v) for v in core.versions)
        return document

    @classmethod
    def london_continuum(cls) -> ThresholdDocument:
        """The built-in default: the London Continuum of Help and Support's four levels, in force at
        every date."""
        return cls._wrap(_th.Thresholds())

    @property
    def document(self) -> str:
        return self._impl.document

    @property
    def owner(self) -> str:
        return self._impl.owner

    @property
    def review_activity(self) -> str:
        return self._impl.review_activity

    @property
    def other_sources(self) -> tuple[tuple[str, str], ...]:
        return tuple(self._impl.other_sources)

    @property
    def versions(self) -> tuple[ThresholdVersion, ...]:
        return self._versions

    @property
    def builtin_default(self) -> bool:
        return self._impl.builtin_default

    def in_force(self, date: Any) -> Optional[ThresholdVersion]:
        """The version in force on a date (the last one starting on or before it), or None before
        the first."""
        index = self._impl.in_force_index(as_date(date))
        return None if index is None else self._versions[index]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ThresholdDocument):
            return NotImplemented
        return bool(self._impl == other._impl)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        name = self.document or ("the London continuum (built-in)" if self.builtin_default else "threshold document")
        spans = ", ".join(f"{v.id} from {v.start.isoformat()} ({len(v.levels)} levels)" for v in self._versions)
        return f"<ThresholdDocument {name!r}: {spans}>"


__all__ = ["LevelOfNeed", "NEED_KINDS", "ThresholdDocument", "ThresholdVersion"]
