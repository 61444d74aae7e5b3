"""The threshold document: ordered levels of need, each with the services that respond and the moves
it allows, in versions with effective dates (see ``docs/thresholds.md``). A partnership's document is
part of its data file; without one, the built-in London Continuum of Help and Support applies.
"""

from __future__ import annotations

import datetime as _dt
import json
from dataclasses import dataclass, replace
from typing import Any, Optional

from . import _core
from ._convert import as_date
from ._errors import Error

#: The kinds of level, lowest first: who responds.
NEED_KINDS = tuple(_core.need_kind_names)


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
    def _from_dict(cls, d: dict[str, Any]) -> LevelOfNeed:
        return cls(
            d["id"], d["name"], d.get("description", ""), d["kind"], d.get("zone", ""), tuple(d["indicators"]),
            tuple(d["services"]), tuple(d["step_up"]), tuple(d["step_down"]),
        )


@dataclass(frozen=True)
class ThresholdVersion:
    """A version of the threshold document, in force from ``start`` until the next version's start.
    ``levels`` are in order of increasing need; ``builtin`` names the built-in levels the version
    adopts (``"london-continuum"``), or is empty."""

    id: str
    title: str
    start: _dt.date
    source: str
    builtin: str
    levels: tuple[LevelOfNeed, ...]

    @property
    def level_ids(self) -> tuple[str, ...]:
        return tuple(level.id for level in self.levels)

    def level(self, level_id: str) -> LevelOfNeed:
        """The level with this id; an Error naming the version's levels when there is none."""
        for level in self.levels:
            if level.id == level_id:
                return level
        raise Error(f"{level_id!r} is not a level of {self.title or self.id!r} (its levels: {', '.join(self.level_ids)})")

    def rank(self, level_id: str) -> int:
        """The level's place in the order, 0 for the lowest."""
        return self.level_ids.index(self.level(level_id).id)

    def allows(self, from_level: str, to_level: str) -> bool:
        """Whether the document lists the move among the level's step-ups or step-downs."""
        level = self.level(from_level)
        return to_level in level.step_up or to_level in level.step_down

    @classmethod
    def _from_dict(cls, d: dict[str, Any]) -> ThresholdVersion:
        levels = d["levels"]
        builtin = ""
        if isinstance(levels, str):
            builtin = levels
            levels = _builtin_levels(levels)
        return cls(d["id"], d["title"], _dt.date.fromisoformat(d["from"]), d.get("source", ""), builtin,
                   tuple(LevelOfNeed._from_dict(level) for level in levels))


def _builtin_levels(key: str) -> list[dict[str, Any]]:
    london = json.loads(_core.london_continuum_json())
    if key != london["id"]:
        raise Error(f"{key!r} is not a built-in set of levels (expected {london['id']!r})")  # pragma: no cover - the reader checks
    levels: list[dict[str, Any]] = london["levels"]
    return levels


@dataclass(frozen=True)
class ThresholdDocument:
    """A partnership's threshold document: its ``versions`` in order of their dates (or, when the
    partnership gives none, the built-in London continuum alone, ``builtin_default`` true), the
    group or role that keeps it up to date, the activity type its reviews are recorded as, and the
    referral sources that are not agencies of the partnership (``(id, name)`` pairs)."""

    document: str
    owner: str
    review_activity: str
    other_sources: tuple[tuple[str, str], ...]
    versions: tuple[ThresholdVersion, ...]
    builtin_default: bool

    @classmethod
    def london_continuum(cls) -> ThresholdDocument:
        """The built-in default: the London Continuum of Help and Support's four levels, in force at
        every date."""
        return cls._from_dict(None)

    @classmethod
    def _from_dict(cls, d: Optional[dict[str, Any]]) -> ThresholdDocument:
        d = d or {}
        versions = tuple(ThresholdVersion._from_dict(v) for v in d.get("versions", []))
        default = not versions
        if default:
            london = json.loads(_core.london_continuum_json())
            versions = (replace(ThresholdVersion._from_dict(london), builtin=london["id"]),)
        return cls(
            d.get("document", ""), d.get("owner", ""), d.get("review_activity", "threshold-review"),
            tuple((s["id"], s["name"]) for s in d.get("other_sources", [])), versions, default,
        )

    def in_force(self, date: Any) -> Optional[ThresholdVersion]:
        """The version in force on a date (the last one starting on or before it), or None before
        the first."""
        day = as_date(date)
        found = None
        for version in self.versions:
            if version.start <= day:
                found = version
        return found

    def __repr__(self) -> str:
        name = self.document or ("the London continuum (built-in)" if self.builtin_default else "threshold document")
        spans = ", ".join(f"{v.id} from {v.start.isoformat()} ({len(v.levels)} levels)" for v in self.versions)
        return f"<ThresholdDocument {name!r}: {spans}>"


__all__ = ["LevelOfNeed", "NEED_KINDS", "ThresholdDocument", "ThresholdVersion"]
