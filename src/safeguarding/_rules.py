"""The rule catalogue: every statutory or local timescale as data, each rule with its editions,
sources and confidence (see docs/rules.md for the built-in rules, docs/timeliness.md for rule files)."""

from __future__ import annotations

import datetime as _dt
import json
import os
from dataclasses import dataclass
from typing import Any, Iterator, Mapping, Optional, Union

from . import _core
from ._errors import Error
from ._timescale import Timescale

PathLike = Union[str, "os.PathLike[str]"]


def _timescale(core: _core.Timescale) -> Timescale:
    timescale = Timescale.__new__(Timescale)
    timescale._impl = core
    return timescale


@dataclass(frozen=True)
class RuleEdition:
    """The form of a rule in force from ``start`` to ``until`` (inclusive; open-ended when None).

    ``timescales`` pairs each timescale with the condition that chooses it ("age below 5"), or
    None when it always applies; a banded rule has ``bands`` (and perhaps ``targets``, percentages
    expected within each band) and is due at its last band."""

    name: str
    start: _dt.date
    until: Optional[_dt.date]
    timescales: tuple[tuple[Optional[str], Timescale], ...]
    bands: tuple[Timescale, ...]
    targets: tuple[float, ...]
    source: str
    confidence: str
    timescale_text: str

    @property
    def timescale(self) -> Optional[Timescale]:
        """The timescale when it depends on nothing (a banded rule's last band); else None."""
        if self.bands:
            return self.bands[-1]
        if len(self.timescales) == 1 and self.timescales[0][0] is None:
            return self.timescales[0][1]
        return None

    def in_force_on(self, date: _dt.date) -> bool:
        return self.start <= date and (self.until is None or date <= self.until)


@dataclass(frozen=True)
class Rule:
    """One timescale rule. ``start`` events start its clock (for a link of a chain, the event that
    completed the rule named by ``after`` does); ``stop`` events complete it; ``end`` events close
    it unfinished. ``source``, ``confidence`` and ``timescale`` are the latest edition's."""

    id: str
    title: str
    family: str
    start: tuple[str, ...]
    stop: tuple[str, ...]
    end: tuple[str, ...]
    after: str
    recurring: bool
    direction: str
    repeat: str
    early_stop: bool
    editions: tuple[RuleEdition, ...]
    start_choices: tuple[tuple[str, ...], ...]
    note: str
    origin: str
    attributes: tuple[tuple[str, bool], ...]

    @property
    def timescale(self) -> Optional[Timescale]:
        """The latest edition's timescale (None when it depends on an attribute)."""
        return self.editions[-1].timescale

    @property
    def source(self) -> str:
        return self.editions[-1].source

    @property
    def confidence(self) -> str:
        return self.editions[-1].confidence

    def edition_on(self, date: Any) -> Optional[RuleEdition]:
        """The edition in force on a date, or None."""
        from ._convert import as_date

        day = as_date(date)
        for edition in self.editions:
            if edition.in_force_on(day):
                return edition
        return None

    def __repr__(self) -> str:
        return f"<Rule {self.id}: {self.editions[-1].timescale_text}{' before' if self.direction == 'backward' else ''}, {self.confidence}>"


def _rule(data: dict[str, Any]) -> Rule:
    editions = tuple(
        RuleEdition(
            name=e["name"],
            start=e["from"],
            until=e["until"],
            timescales=tuple((when, _timescale(t)) for when, t in e["timescales"]),
            bands=tuple(_timescale(b) for b in e["bands"]),
            targets=tuple(e["targets"]),
            source=e["source"],
            confidence=e["confidence"],
            timescale_text=e["timescale_text"],
        )
        for e in data["editions"]
    )
    return Rule(
        id=data["id"],
        title=data["title"],
        family=data["family"],
        start=tuple(data["start"]),
        stop=tuple(data["stop"]),
        end=tuple(data["end"]),
        after=data["after"],
        recurring=data["recurring"],
        direction=data["direction"],
        repeat=data["repeat"],
        early_stop=data["early_stop"],
        editions=editions,
        start_choices=tuple(tuple(c) for c in data["start_choices"]),
        note=data["note"],
        origin=data["origin"],
        attributes=tuple((name, categorical) for name, categorical in data["attributes"]),
    )


class RuleCatalogue:
    """An immutable set of event types and timescale rules.

    >>> catalogue = RuleCatalogue.builtin()
    >>> rule = catalogue["lac.review.first"]
    >>> str(rule.timescale), rule.confidence
    ('20 working days', 'confirmed')
    >>> rule.source
    'Care Planning, Placement and Case Review (England) Regulations 2010 (SI 2010/959), reg 33(1)'
    """

    __slots__ = ("_impl", "_rules", "_index", "_events")
    _impl: _core.RuleCatalogue
    _rules: tuple[Rule, ...]
    _index: dict[str, int]
    _events: tuple[tuple[str, str], ...]

    def __init__(self) -> None:
        raise TypeError("use RuleCatalogue.builtin(), RuleCatalogue.from_json(path) or catalogue.extended(path)")

    @classmethod
    def _wrap(cls, core: _core.RuleCatalogue) -> RuleCatalogue:
        catalogue = cls.__new__(cls)
        catalogue._impl = core
        catalogue._rules = tuple(_rule(r) for r in core.rules())
        catalogue._index = {r.id: i for i, r in enumerate(catalogue._rules)}
        catalogue._events = tuple(core.events())
        return catalogue

    @classmethod
    def builtin(cls) -> RuleCatalogue:
        """Every rule of docs/rules.md, shipped inside the library."""
        global _BUILTIN
        if _BUILTIN is None:
            _BUILTIN = cls._wrap(_core.RuleCatalogue.builtin())
        return _BUILTIN

    @classmethod
    def from_json(cls, path: PathLike) -> RuleCatalogue:
        """A rule file on top of the built-in catalogue (on its own when it says ``"base": "none"``)."""
        return cls._wrap(_core.RuleCatalogue.load(os.fspath(path), _core.RuleCatalogue.builtin()))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], source: str = "<dict>") -> RuleCatalogue:
        """As :meth:`from_json`, from the parsed JSON."""
        return cls._wrap(_core.RuleCatalogue.from_json_text(json.dumps(data), source, _core.RuleCatalogue.builtin()))

    def extended(self, rules: PathLike | Mapping[str, Any], source: str = "<dict>") -> RuleCatalogue:
        """A new catalogue: this one with a rule file's (or dict's) event types and rules added,
        rules with the same id replaced, and its local choices made. Every problem is reported
        with its JSON pointer."""
        if isinstance(rules, Mapping):
            return RuleCatalogue._wrap(_core.RuleCatalogue.from_json_text(json.dumps(rules), source, self._impl))
        return RuleCatalogue._wrap(_core.RuleCatalogue.load(os.fspath(rules), self._impl))

    @property
    def name(self) -> str:
        return self._impl.name

    @property
    def events(self) -> tuple[tuple[str, str], ...]:
        """(id, meaning) of each event type, in the order used for one case's events on one day."""
        return self._events

    def event_title(self, event: str) -> str:
        for event_id, title in self._events:
            if event_id == event:
                return title
        raise Error(self._impl.unknown_event_message(event))

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(r.id for r in self._rules)

    def rule(self, rule_id: str) -> Rule:
        """The rule with this id; an Error naming the id (and the nearest ids) when there is none."""
        index = self._index.get(rule_id) if isinstance(rule_id, str) else None
        if index is None:
            raise Error(self._impl.unknown_rule_message(str(rule_id)))
        return self._rules[index]

    def __getitem__(self, rule_id: str) -> Rule:
        return self.rule(rule_id)

    def __contains__(self, rule_id: object) -> bool:
        return rule_id in self._index

    def __iter__(self) -> Iterator[Rule]:
        return iter(self._rules)

    def __len__(self) -> int:
        return len(self._rules)

    def chain(self, rule_id: str) -> tuple[Rule, ...]:
        """The rules of the chain ``rule_id`` belongs to, first link first (a single rule alone)."""
        rule = self.rule(rule_id)
        while rule.after:
            rule = self.rule(rule.after)
        out = [rule]
        followers = {r.after: r for r in self._rules if r.after}
        while out[-1].id in followers:
            out.append(followers[out[-1].id])
        return tuple(out)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, RuleCatalogue):
            return NotImplemented
        return bool(self._impl == other._impl)

    def __hash__(self) -> int:
        return hash((self.name, self.ids))

    def __deepcopy__(self, memo: dict[int, Any]) -> RuleCatalogue:
        return self  # immutable

    def __repr__(self) -> str:
        return f"<RuleCatalogue {self.name!r}: {len(self._rules)} rules, {len(self._events)} event types>"


_BUILTIN: Optional[RuleCatalogue] = None

__all__ = ["RuleEdition", "Rule", "RuleCatalogue"]
