"""The front door: contacts to children's social care, the decision on each, the assessment that
follows a referral and later steps between levels of need, checked against a partnership's agencies
and threshold document, and the measures a partnership reads by month, quarter, agency and level
(see ``docs/thresholds.md``)."""

from __future__ import annotations

import datetime as _dt
import os
from typing import Any, Mapping, Optional, Sequence, Union

import numpy as np
import pandas as pd  # type: ignore[import-untyped]

from . import _core
from ._convert import as_date, day_column, path_text
from ._errors import Error
from ._partnership import Partnership
from ._returns import FINDING_COLUMNS, ReportingYear, plural
from ._rules import RuleCatalogue
from ._thresholds import ThresholdDocument
from .reports._mixin import ReportMixin

PathLike = Union[str, "os.PathLike[str]"]

_fd = _core.front_door

#: The contacts table's columns (docs/thresholds.md, "The front-door tables"); the first four are required.
CONTACT_COLUMNS = tuple(_fd.contact_columns)
#: The steps table's columns; all but ``contact`` are required.
STEP_COLUMNS = tuple(_fd.step_columns)
OUTCOMES = tuple(_fd.outcome_names)
ASSESSMENT_OUTCOMES = tuple(_fd.assessment_outcome_names)
ROW_USES = tuple(_fd.record_use_names)
_STATUSES = tuple(_core.timeliness.statuses)
_DATE_COLUMNS = {"contacts": tuple(_fd.contact_date_columns), "steps": tuple(_fd.step_date_columns)}


class _Table:
    """One input table: the C++ table (ids, words and dates as read), the rows as a DataFrame, and
    what its rows are called."""

    __slots__ = ("impl", "frame", "file", "first_row")

    def __init__(self, impl: Any, frame: pd.DataFrame) -> None:
        self.impl = impl
        self.frame = frame
        self.file = impl.file
        # What the first record is called: a CSV record number counts the header as row 1 (as the
        # statutory returns' readers number rows); a DataFrame's records are named by position.
        self.first_row = impl.first_row

    def row_name(self, position: int) -> str:
        return str(position + self.first_row)


def _read(source: Any, name: str, columns: Optional[Mapping[str, str]]) -> _Table:
    """A CSV file (read by C++) or a caller's columns (their dates converted here, their ids and
    words compared by C++)."""
    if isinstance(source, (str, os.PathLike)):
        impl = _fd.read_csv(path_text(source), name, dict(columns or {}))
        frame = pd.DataFrame({c: pd.Series(text, dtype=object) for c, text in zip(impl.file_columns, impl.file_text)})
        return _Table(impl, frame)
    if isinstance(source, pd.DataFrame):
        frame = source.reset_index(drop=True)
    elif isinstance(source, Mapping):
        frame = pd.DataFrame(dict(source))
    else:
        raise Error(f"{name}: expected a CSV file name, a pandas DataFrame or a mapping of column name to values, "
                    f"got {type(source).__name__}")
    if columns:
        frame = frame.rename(columns=dict(columns))
    dates = {c: day_column(frame[c], name, c) for c in _DATE_COLUMNS[name] if c in frame.columns}
    text = {str(c): frame[c].to_numpy(dtype=object) for c in frame.columns if c not in dates}
    return _Table(_fd.InputTable.from_columns(name, len(frame), text, dates), frame)


class FrontDoor(ReportMixin):
    """A partnership's front-door records: contacts (and the decision, assessment and plan that
    followed each) and steps between levels of need, checked against the partnership's agencies and
    the version of its threshold document in force on each record's date, as of a date.

    ``contacts`` and ``steps`` are CSV file names, DataFrames or mappings of column name to values,
    with the columns of docs/thresholds.md (``columns`` renames a table's own column names to
    them). Values that cannot be read (a date that is not one) are an :class:`~safeguarding.Error`
    naming the rows; records that contradict the partnership or themselves (an unknown agency, a
    level the version in force does not have, a decision before its contact) are ``findings``, each
    naming its table, row and column, and the row is rejected or the value blanked:
    ``summary`` shows rows read = used + after the as-of date + rejected.

    The measures (``decisions``, ``volumes``, ``referral_rate``, ``conversion``,
    ``assessment_outcomes``, ``agreement``, ``confusion``, ``reliance``, ``steps``) are DataFrames
    grouped ``by`` any of "month", "quarter" or "year" (of the contact's date; a step's own date),
    "agency", "level" (the decided level; for steps the level stepped from), "referrer_level" (for
    steps "to_level") and "version".
    """

    __slots__ = ("partnership", "catalogue", "_impl", "_input", "_contacts", "_steps", "_thresholds")

    def __init__(
        self,
        partnership: Partnership,
        contacts: Any,
        steps: Any = None,
        *,
        as_of: Any = None,
        catalogue: Optional[RuleCatalogue] = None,
        columns: Optional[Mapping[str, str]] = None,
        decision_rule: str = "referral.decision",
    ) -> None:
        if not isinstance(partnership, Partnership):
            raise Error(f"front door: expected a Partnership, got {type(partnership).__name__}")
        self.partnership = partnership
        self.catalogue = catalogue or RuleCatalogue.builtin()
        self.catalogue.rule(decision_rule)
        self._contacts = _read(contacts, "contacts", columns)
        self._steps = _read(steps if steps is not None else pd.DataFrame({c: [] for c in STEP_COLUMNS[:4]}), "steps",
                            columns)
        self._input = _fd.FrontDoorInput(self._contacts.impl, self._steps.impl)
        as_of_day = None if as_of is None else int(np.datetime64(as_date(as_of, "as_of"), "D").astype(np.int64))
        self._impl = _fd.prepare(partnership._impl, self._input, self.catalogue._impl, as_of_day, decision_rule)
        self._thresholds = partnership.thresholds

    # Facts -----------------------------------------------------------------------------------

    @property
    def as_of(self) -> Optional[_dt.date]:
        """The records are what was known on this date (default: the latest date in them)."""
        day = self._impl.as_of
        return None if day is None else _dt.date(1970, 1, 1) + _dt.timedelta(days=int(day))

    @property
    def thresholds(self) -> ThresholdDocument:
        """The threshold document the records are judged against."""
        return self._thresholds

    @property
    def agencies(self) -> pd.Series:
        """The names of the referral sources by id: the partners, relevant agencies and other sources."""
        return pd.Series(list(self._impl.source_names), index=pd.Index(list(self._impl.sources), name="agency"), name="name")

    @property
    def levels(self) -> list[str]:
        """Every version's level ids in one order of need (the latest version's order)."""
        return list(self._impl.levels)

    @property
    def decision_timescale(self) -> str:
        """The decision rule's timescale in force on the as-of date ("1 working day")."""
        return self._impl.decision_timescale

    @property
    def findings(self) -> pd.DataFrame:
        """Every data-quality finding: the file, table, child, row (a CSV's record number counting
        the header as row 1, or the DataFrame's position), column, where, value, problem and action
        (row rejected, value blanked, or row kept: used as it is, and reported), and the contact."""
        raw = self._impl.findings()
        frame = pd.DataFrame({name: pd.Series(list(raw[name]), dtype=object) for name in FINDING_COLUMNS})
        contact_ids = {table: self._input.id_text(table, "contact") for table in ("contacts", "steps")}
        first_row = {"contacts": self._contacts.first_row, "steps": self._steps.first_row}
        positions = [int(r) for r in raw["row"]]
        frame["row"] = pd.array([p + first_row[t] for t, p in zip(raw["table"], positions)], dtype="Int64")
        frame["contact"] = pd.Series([contact_ids[t][p] for t, p in zip(raw["table"], positions)], dtype=object)
        return frame

    @property
    def summary(self) -> pd.DataFrame:
        """Per table (contacts, steps): rows read, used, dated after the as-of date and rejected
        (read = used + after_as_of + rejected), and the number of findings."""
        return pd.DataFrame(self._impl.counts(), columns=["table", "read", "used", "after_as_of", "rejected", "findings"]
                            ).set_index("table")

    def summary_text(self) -> str:
        """The row accounting in words, per table."""
        lines = []
        for table, row in self.summary.iterrows():
            lines.append(f"{table}: {row['read']:,} rows read = {row['used']:,} used + {row['after_as_of']:,} after the as-of"
                         f" date + {row['rejected']:,} rejected; {plural(int(row['findings']), 'finding')}")
        return "\n".join(lines)

    def records(self) -> pd.DataFrame:
        """One row per contact as given, with what the checks made of it: ``use`` (used,
        after_as_of, rejected), the threshold ``version`` it was judged against, its levels, outcome
        and dates as used (a blanked value is missing), ``referral``, ``re_referral`` (and the
        ``previous_referral``'s position), the decision's timeliness ``decision_status`` (met, late,
        overdue, open; missing when not judged) and ``decision_working_days``."""
        k, _ = self._impl.columns()
        frame = self._contacts.frame.copy()
        levels = pd.CategoricalDtype(self.levels, ordered=True)
        versions = list(self._impl.version_ids)
        frame["date"] = k["date"].view("datetime64[D]").astype("datetime64[s]")
        frame["use"] = pd.Categorical.from_codes(k["use"].astype(np.int8), categories=list(ROW_USES))
        frame["version"] = pd.Categorical.from_codes(k["version"], categories=versions)
        frame["referrer_level"] = pd.Categorical.from_codes(k["referrer_level"], dtype=levels)
        frame["decided_level"] = pd.Categorical.from_codes(k["decided_level"], dtype=levels)
        frame["outcome"] = pd.Categorical.from_codes(k["outcome"], categories=list(OUTCOMES))
        frame["assessment_outcome"] = pd.Categorical.from_codes(k["assessment_outcome"], categories=list(ASSESSMENT_OUTCOMES))
        for column in ("decision_date", "assessment_date"):
            frame[column] = k[column].view("datetime64[D]").astype("datetime64[s]")
        frame["referral"] = k["referral"].astype(bool)
        frame["re_referral"] = k["re_referral"].astype(bool)
        previous = k["previous_referral"]
        frame["previous_referral"] = pd.arrays.IntegerArray(np.where(previous >= 0, previous, 0), previous < 0)
        frame["decision_status"] = pd.Categorical.from_codes(k["decision_status"], categories=list(_STATUSES))
        frame["decision_working_days"] = k["decision_working_days"]
        return frame

    def step_records(self) -> pd.DataFrame:
        """One row per step as given, with ``use``, the ``version`` it was judged against, its
        ``direction`` (up, down), whether the document ``allowed`` it, whether it was a step-down
        ``to_early_help`` from social care, and (for those) ``re_escalated`` (True, False, or missing
        while the 12 months have not passed) with its date."""
        _, t = self._impl.columns()
        frame = self._steps.frame.copy()
        versions = list(self._impl.version_ids)
        frame["date"] = t["date"].view("datetime64[D]").astype("datetime64[s]")
        frame["use"] = pd.Categorical.from_codes(t["use"].astype(np.int8), categories=list(ROW_USES))
        frame["version"] = pd.Categorical.from_codes(t["version"], categories=versions)
        levels = pd.CategoricalDtype(self.levels, ordered=True)
        frame["from_level"] = pd.Categorical.from_codes(t["from_level"], dtype=levels)
        frame["to_level"] = pd.Categorical.from_codes(t["to_level"], dtype=levels)
        frame["direction"] = pd.Categorical.from_codes(np.where(t["direction"] > 0, 0, np.where(t["direction"] < 0, 1, -1)),
                                                       categories=["up", "down"])
        frame["allowed"] = t["allowed"].astype(bool)
        frame["to_early_help"] = t["to_early_help"].astype(bool)
        escalation = t["re_escalation"]
        frame["re_escalated"] = pd.arrays.BooleanArray(escalation > 0, escalation < 0)
        frame["re_escalation_date"] = t["re_escalation_date"].view("datetime64[D]").astype("datetime64[s]")
        frame["followed_up"] = t["followed_up"].astype(bool)
        frame["contact_row"] = pd.arrays.IntegerArray(np.where(t["contact_row"] >= 0, t["contact_row"], 0), t["contact_row"] < 0)
        return frame

    # Measures --------------------------------------------------------------------------------

    def _measure(self, measure: str, by: Union[None, str, Sequence[str]]) -> pd.DataFrame:
        keys = [] if by is None else ([by] if isinstance(by, str) else list(by))
        raw = self._impl.tabulate(measure, keys)
        period = next((k for k in keys if k in ("month", "quarter", "year")), "all")
        return self._frame(raw, period, keys)

    def _frame(self, raw: dict[str, Any], period: str, order: list[str]) -> pd.DataFrame:
        data: dict[str, Any] = {}
        if raw["period"] is not None:
            freq = {"month": "M", "quarter": "Q", "year": "Y"}[period]
            data[period] = pd.PeriodIndex(pd.DatetimeIndex(raw["period"].view("datetime64[D]")), freq=freq)
        levels = pd.CategoricalDtype(self.levels, ordered=True)
        for name, codes in raw["keys"]:
            if name == "agency":
                data[name] = pd.Categorical.from_codes(codes, categories=list(self._impl.sources))
            elif name == "version":
                data[name] = pd.Categorical.from_codes(codes, categories=list(self._impl.version_ids))
            else:
                data[name] = pd.Categorical.from_codes(codes, dtype=levels)
        keys = [k for k in order if k in data] + [k for k in data if k not in order]
        # Steps name their level columns from_level / to_level; "level" asked for means from_level.
        keys = [("from_level" if k == "level" and "from_level" in data else k) for k in keys]
        keys = list(dict.fromkeys(k for k in keys if k in data))
        data = {k: data[k] for k in keys}
        for name, counts in raw["counts"]:
            data[name] = counts
        for name, values in raw["values"]:
            data[name] = values
        return pd.DataFrame(data)

    def decisions(self, by: Union[None, str, Sequence[str]] = None) -> pd.DataFrame:
        """Decisions on contacts within the decision rule's timescale (``referral.decision``: 1
        working day), from the timeliness engine: contacts, decided, met, late, overdue (not
        decided, past due), open (not decided, still in time), not_judged (no edition of the rule in
        force), and in_timescale (met), out_of_timescale (late + overdue) and
        percent_in_timescale = met / (met + late + overdue)."""
        return self._measure("decisions", by)

    def volumes(self, by: Union[None, str, Sequence[str]] = None) -> pd.DataFrame:
        """Contacts, referrals (decided as social care, assessment or s47) and re-referrals (a
        referral within 12 months of the child's previous one), with percent_re_referrals."""
        return self._measure("volumes", by)

    def conversion(self, by: Union[None, str, Sequence[str]] = None) -> pd.DataFrame:
        """Contacts, referrals, assessments and plans (child in need or child protection; cin, cp),
        with percent_referred (of contacts), percent_assessed (of referrals) and percent_to_plan (of
        assessments)."""
        return self._measure("conversion", by)

    def assessment_outcomes(self, by: Union[None, str, Sequence[str]] = None) -> pd.DataFrame:
        """Assessments by outcome (nfa, early_help, cin, cp, looked_after, other, not_recorded),
        with percent_nfa: no further action after assessment."""
        return self._measure("assessment_outcomes", by)

    def agreement(self, by: Union[None, str, Sequence[str]] = "agency") -> pd.DataFrame:
        """The referrer's level against the decided level: contacts, rated (both known), agree,
        over (the referrer's level higher: over-referral), under, their percentages of rated, and
        Cohen's kappa (agreement beyond what the two sides' own mixes of levels give by chance)."""
        return self._measure("agreement", by)

    def confusion(self, agency: Optional[str] = None, version: Optional[str] = None) -> pd.DataFrame:
        """The referrer's level (rows) by the decided level (columns): counts of rated contacts, for
        one agency and one threshold version, or all."""
        levels, counts = self._impl.confusion_matrix(agency or "", version or "")
        return pd.DataFrame(np.array(counts, dtype=np.int64).reshape(len(levels), len(levels)),
                            index=pd.Index(levels, name="referrer_level"), columns=pd.Index(levels, name="decided_level"))

    def reliance(self, by: Union[None, str, Sequence[str]] = None) -> pd.DataFrame:
        """Reliance on children's social care: decided contacts and those resolved at early help
        level or below (nfa, advice, early_help), with percent_resolved_below; referred (the rest)
        and no_outcome."""
        return self._measure("reliance", by)

    def steps(self, by: Union[None, str, Sequence[str]] = None) -> pd.DataFrame:
        """Steps between levels: step_ups, step_downs, not_allowed (moves the document does not
        list), to_early_help (step-downs from social care to early help), re_escalated within 12
        months (a referral or a step-up into social care), awaiting (not re-escalated, 12 months not
        yet passed), followed_up (12 months passed by the as-of date) and re_escalated_followed_up;
        percent_re_escalated is of those followed up, so that a step-down too recent to have been
        re-escalated does not lower the rate."""
        return self._measure("steps", by)

    def referral_rate(self, population: Any, year_start: Optional[int] = None) -> pd.DataFrame:
        """Referrals per 10,000 children, year by year: ``population`` maps each year (2015, or
        "2014-15": named by the year it ends in) to the number of children aged 0 to 17. Years start
        in the partnership's ``year_start`` month (April: "the year ended March 2015") unless
        ``year_start`` (1-12) says otherwise. Columns: year, start, end, referrals, children,
        rate_per_10000, change_on_previous and change_since_first (percent), complete (the year
        had ended by the as-of date)."""
        start_month = year_start if year_start is not None else self.partnership._impl.year_start
        items = population.items() if isinstance(population, (Mapping, pd.Series)) else None
        if items is None:
            raise Error(f"referral_rate: expected a mapping of year to the number of children, got {type(population).__name__}")
        given: list[tuple[int, int]] = []
        for year, children in items:
            ending = year if isinstance(year, (int, np.integer)) and not isinstance(year, bool) else ReportingYear.of(year).end.year
            if isinstance(children, bool) or not isinstance(children, (int, np.integer)):
                raise Error(f"referral_rate: population of {year!r}: expected a whole number of children, got {children!r}")
            given.append((int(ending), int(children)))
        rows = self._impl.referral_rates(int(start_month), given)
        frame = pd.DataFrame(rows, columns=["year", "start", "end", "referrals", "children", "rate_per_10000",
                                            "change_on_previous", "change_since_first", "complete"])
        frame["children"] = frame["children"].astype("Int64")
        frame.loc[frame["children"] == 0, "children"] = pd.NA
        return frame

    def __repr__(self) -> str:
        summary = self.summary
        contacts = summary.loc["contacts"]
        return (f"<FrontDoor {self.partnership.name!r} as of {self.as_of}: {contacts['read']:,} contacts"
                f" ({contacts['used']:,} used, {contacts['rejected']:,} rejected), {summary.loc['steps', 'read']:,} steps,"
                f" {plural(int(summary['findings'].sum()), 'finding')}>")


__all__ = ["ASSESSMENT_OUTCOMES", "CONTACT_COLUMNS", "FrontDoor", "OUTCOMES", "STEP_COLUMNS"]
