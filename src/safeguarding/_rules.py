"""The rule catalogue: every statutory or local timescale as data, each rule with its editions,
sources and confidence (see docs/rules.md for the built-in rules, docs/timeliness.md for rule files)."""

from __future__ import annotations

import datetime as _dt
import os
from typing import Any, Iterator, Mapping, Optional, Union

from . import _core
from ._convert import DateLike, as_date, json_text, path_text
from ._errors import Error
from ._timescale import Timescale

PathLike = Union[str, "os.PathLike[str]"]


def _timescale(core: _core.timescale.Timescale) -> Timescale:
    timescale = Timescale.__new__(Timescale)
    timescale._impl = core
    return timescale


class RuleEdition:
    """The form of a rule in force from ``start`` to ``until`` (inclusive; open-ended when None).

    ``timescales`` pairs each timescale with the conditions that choose it ("due date before
    birth_date + 5 years"), or None when it always applies; they are tried in order and the first
    that applies is used. A banded rule has ``bands`` (and perhaps ``targets``, percentages expected
    within each band; None for a band with no percentage) and is due at its last band.
    ``start_events`` are the events that start the clock under this edition when they differ from
    the rule's. ``wording`` is the source's own words the edition rests on and ``address`` where
    they were read ('' when none was read). A view of the compiled edition."""

    __slots__ = ("_impl",)
    _impl: _core.rules.RuleEdition

    def __init__(self, impl: _core.rules.RuleEdition) -> None:
        self._impl = impl

    @property
    def name(self) -> str:
        return self._impl.name

    @property
    def start(self) -> _dt.date:
        """The first day in force."""
        return self._impl.start

    @property
    def until(self) -> Optional[_dt.date]:
        """The last day in force; None when open-ended."""
        return self._impl.until

    @property
    def start_events(self) -> tuple[str, ...]:
        """The events that start the clock under this edition; () when they are the rule's."""
        return tuple(self._impl.start_events)

    @property
    def timescales(self) -> tuple[tuple[Optional[str], Timescale], ...]:
        return tuple((v.condition_text or None, _timescale(v.timescale)) for v in self._impl.timescales)

    @property
    def bands(self) -> tuple[Timescale, ...]:
        return tuple(_timescale(b) for b in self._impl.bands)

    @property
    def targets(self) -> tuple[Optional[float], ...]:
        """The percentage expected within each band; None for a band without one ("all but the
        most exceptional cases" is not a percentage)."""
        return tuple(self._impl.targets)

    @property
    def source(self) -> str:
        return self._impl.source

    @property
    def wording(self) -> str:
        """The source's own words the edition rests on (a short quotation); '' when none was read."""
        return self._impl.wording

    @property
    def address(self) -> str:
        """Where the wording was read (a web address or a document)."""
        return self._impl.address

    @property
    def confidence(self) -> str:
        """confirmed, secondary or check (see docs/rules.md)."""
        return self._impl.confidence.name

    @property
    def timescale_text(self) -> str:
        return self._impl.timescale_text

    @property
    def timescale(self) -> Optional[Timescale]:
        """The timescale when it depends on nothing (a banded rule's last band); else None."""
        found = self._impl.timescale
        return None if found is None else _timescale(found)

    def in_force_on(self, date: DateLike) -> bool:
        return self._impl.in_force_on(as_date(date))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, RuleEdition):
            return NotImplemented
        return bool(self._impl == other._impl)

    def __hash__(self) -> int:
        return hash((self.name, self.start))

    def __repr__(self) -> str:
        return f"<RuleEdition {self.name!r} from {self.start}: {self.timescale_text}, {self.confidence}>"


class Rule:
    """One timescale rule. ``start`` events start its clock (for a link of a chain, the event that
    completed the rule named by ``after`` does); ``stop`` events complete it; ``end`` events close
    it unfinished. ``source``, ``confidence`` and ``timescale`` are the latest edition's. A view
    of the compiled rule: every query is the C++ one."""

    __slots__ = ("_impl", "_editions")
    _impl: _core.rules.Rule
    _editions: tuple[RuleEdition, ...]

    def __init__(self, impl: _core.rules.Rule) -> None:
        self._impl = impl
        self._editions = tuple(RuleEdition(e) for e in impl.editions)

    @property
    def id(self) -> str:
        """The rule's id, 'lac.review.first'."""
        return self._impl.id

    @property
    def title(self) -> str:
        return self._impl.title

    @property
    def family(self) -> str:
        return self._impl.family

    @property
    def after(self) -> str:
        """The previous link of its chain, or ''."""
        return self._impl.after

    @property
    def recurring(self) -> bool:
        return self._impl.recurring

    @property
    def early_stop(self) -> bool:
        return self._impl.early_stop

    @property
    def note(self) -> str:
        return self._impl.note

    @property
    def origin(self) -> str:
        """'built-in', or the file that added or replaced it."""
        return self._impl.origin

    @property
    def source(self) -> str:
        """The latest edition's source."""
        return self._impl.source


    @property
    def start(self) -> tuple[str, ...]:
        return tuple(self._impl.start)

    @property
    def stop(self) -> tuple[str, ...]:
        return tuple(self._impl.stop)

    @property
    def end(self) -> tuple[str, ...]:
        return tuple(self._impl.end)

    @property
    def direction(self) -> str:
        """forward (due after the start) or backward (due before it)."""
        return self._impl.direction.name

    @property
    def repeat(self) -> str:
        """What a second start does while an instance is open: each, latest, earliest or first."""
        return self._impl.repeat.name

    @property
    def restart(self) -> str:
        """What a start does while a chain runs: finding (reported) or replace (expected: each
        placement starts the visits again)."""
        return self._impl.restart.name

    @property
    def repeat_choices(self) -> tuple[str, ...]:
        """The ``repeat`` values a partnership may choose between (a local choice)."""
        return tuple(r.name for r in self._impl.repeat_choices)

    @property
    def editions(self) -> tuple[RuleEdition, ...]:
        return self._editions

    @property
    def start_choices(self) -> tuple[tuple[str, ...], ...]:
        return tuple(tuple(c) for c in self._impl.start_choices)

    @property
    def attributes(self) -> tuple[tuple[str, str], ...]:
        """The attribute columns its timescales read, each with the kind of values it holds:
        number (an age; 0 or 1 for a flag), category (a judgement) or date (a birth date)."""
        return tuple((name, kind.name) for name, kind in self._impl.attributes)

    @property
    def tested_events(self) -> tuple[str, ...]:
        """The event types whose having happened its timescales test ("until the first review")."""
        return tuple(self._impl.tested_events)

    @property
    def timescale(self) -> Optional[Timescale]:
        """The latest edition's timescale (None when it depends on an attribute)."""
        found = self._impl.timescale
        return None if found is None else _timescale(found)

    @property
    def confidence(self) -> str:
        return self._impl.confidence.name

    def edition_on(self, date: DateLike) -> Optional[RuleEdition]:
        """The edition in force on a date, or None."""
        index = self._impl.edition_index_on(as_date(date))
        return None if index is None else self._editions[index]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Rule):
            return NotImplemented
        return bool(self._impl == other._impl)

    def __hash__(self) -> int:
        return hash(self.id)

    def __repr__(self) -> str:
        return f"<Rule {self.id}: {self.editions[-1].timescale_text}{' before' if self.direction == 'backward' else ''}, {self.confidence}>"


class RuleCatalogue:
    """An immutable set of event types and timescale rules.

    >>> catalogue = RuleCatalogue.builtin()
    >>> rule = catalogue["lac.review.first"]
    >>> str(rule.timescale), rule.confidence
    ('20 working days', 'confirmed')
    >>> rule.source
    'Care Planning, Placement and Case Review (England) Regulations 2010 (SI 2010/959), reg 33(1)'
    """

    __slots__ = ("_impl", "_rules", "_events", "_layers")
    _impl: _core.rules.RuleCatalogue
    _rules: tuple[Rule, ...]
    _events: tuple[tuple[str, str], ...]
    # The JSON documents laid over the built-in catalogue, in order, as (text, source): a pickle
    # holds them and lays them again. The text is None for a file that is not UTF-8 text.
    _layers: tuple[tuple[Optional[str], str], ...]

    def __init__(self) -> None:
        raise TypeError("use RuleCatalogue.builtin(), RuleCatalogue.from_json(path) or catalogue.extended(path)")

    @classmethod
    def _wrap(cls, core: _core.rules.RuleCatalogue, layers: tuple[tuple[Optional[str], str], ...] = ()) -> RuleCatalogue:
        catalogue = cls.__new__(cls)
        catalogue._impl = core
        catalogue._layers = layers
        catalogue._rules = tuple(Rule(r) for r in core.rules())
        catalogue._events = tuple((e.id, e.title) for e in core.events())
        return catalogue

    @classmethod
    def builtin(cls) -> RuleCatalogue:
        """Every rule of docs/rules.md, shipped inside the library."""
        global _BUILTIN
        if _BUILTIN is None:
            _BUILTIN = cls._wrap(_core.rules.RuleCatalogue.builtin())
        return _BUILTIN

    @classmethod
    def from_json(cls, path: PathLike) -> RuleCatalogue:
        """A rule file on top of the built-in catalogue (on its own when it says ``"base": "none"``)."""
        name = path_text(path)
        return cls._wrap(_core.rules.RuleCatalogue.load(name, _core.rules.RuleCatalogue.builtin()), (_file_layer(name),))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], source: str = "<dict>") -> RuleCatalogue:
        """As :meth:`from_json`, from the parsed JSON."""
        text = json_text(data, source)
        return cls._wrap(_core.rules.RuleCatalogue.from_json_text(text, source, _core.rules.RuleCatalogue.builtin()),
                         ((text, source),))

    def extended(self, rules: PathLike | Mapping[str, Any], source: str = "<dict>") -> RuleCatalogue:
        """A new catalogue: this one with a rule file's (or dict's) event types and rules added,
        rules with the same id replaced, and its local choices made. Every problem is reported
        with its JSON pointer."""
        if isinstance(rules, Mapping):
            text = json_text(rules, source)
            return RuleCatalogue._wrap(_core.rules.RuleCatalogue.from_json_text(text, source, self._impl),
                                       (*self._layers, (text, source)))
        name = path_text(rules)
        return RuleCatalogue._wrap(_core.rules.RuleCatalogue.load(name, self._impl), (*self._layers, _file_layer(name)))

    @property
    def name(self) -> str:
        return self._impl.name

    @property
    def events(self) -> tuple[tuple[str, str], ...]:
        """(id, meaning) of each event type, in the order used for one case's events on one day."""
        return self._events

    def event_title(self, event: str) -> str:
        """The meaning of an event type; an Error naming the id (and the nearest ids) when there is none."""
        return self._impl.event_type(event).title

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(self._impl.rule_ids())

    def rule(self, rule_id: str) -> Rule:
        """The rule with this id; an Error naming the id (and the nearest ids) when there is none."""
        if not isinstance(rule_id, str):
            raise Error(self._impl.unknown_rule_message(str(rule_id)))
        self._impl.rule(rule_id)  # an Error naming the id and the nearest ids when there is none
        index = self._impl.rule_index(rule_id)
        assert index is not None
        return self._rules[index]

    def __getitem__(self, rule_id: str) -> Rule:
        return self.rule(rule_id)

    def __contains__(self, rule_id: object) -> bool:
        return isinstance(rule_id, str) and self._impl.rule_index(rule_id) is not None

    def __iter__(self) -> Iterator[Rule]:
        return iter(self._rules)

    def __len__(self) -> int:
        return len(self._rules)

    def chain(self, rule_id: str) -> tuple[Rule, ...]:
        """The rules of the chain ``rule_id`` belongs to, first link first (a single rule alone)."""
        return tuple(self._rules[i] for i in self._impl.chain_of(rule_id))

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

    def __reduce__(self) -> tuple[Any, tuple[dict[str, Any]]]:
        # Versioned state: the JSON documents laid over the built-in catalogue (none for the
        # built-in one), laid again in order when unpickled, so that the catalogue comes back equal.
        for text, source in self._layers:
            if text is None:
                raise Error(f"cannot pickle the rule catalogue {self.name!r}: its rule file {source} is not UTF-8 text")
        return (_catalogue_from_state, ({"version": _PICKLE_VERSION, "layers": [list(layer) for layer in self._layers]},))


_PICKLE_VERSION = 1


def _file_layer(name: str) -> tuple[Optional[str], str]:
    """A rule file read (by the core, just now) as a layer: its text, or None when it is not UTF-8."""
    try:
        with open(name, "rb") as f:
            return f.read().decode("utf-8"), name
    except (OSError, UnicodeDecodeError):
        return None, name


def _catalogue_from_state(state: dict[str, Any]) -> RuleCatalogue:
    version = state.get("version")
    if version != _PICKLE_VERSION:
        raise Error(f"cannot read a pickled RuleCatalogue of version {version!r} (this release reads version {_PICKLE_VERSION})")
    catalogue = RuleCatalogue.builtin()
    for text, source in state["layers"]:
        core = _core.rules.RuleCatalogue.from_json_text(text, source, catalogue._impl)
        catalogue = RuleCatalogue._wrap(core, (*catalogue._layers, (text, source)))
    return catalogue


_BUILTIN: Optional[RuleCatalogue] = None

__all__ = ["RuleEdition", "Rule", "RuleCatalogue"]
