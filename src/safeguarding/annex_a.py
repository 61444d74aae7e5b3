"""Ofsted's Annex A lists (xlsx), read tolerantly: sheets are found by their list number, header
text is normalised and matched against known variants, lettered values ("a) Male") are decoded,
and every value that cannot be read is reported with its sheet, row and column (see
``docs/returns.md``)."""

from __future__ import annotations

import datetime as _dt
import os
import re
from typing import Any, Optional, Union

import numpy as np
import pandas as pd  # type: ignore[import-untyped]  # pandas ships no type information

from ._calendar import Calendar
from ._convert import as_date
from ._errors import Error
from ._returns import FINDING_COLUMNS, Loaded, summary_frame
from ._rules import RuleCatalogue

PathLike = Union[str, "os.PathLike[str]"]

#: Header variants seen between authorities, as normalised text (see :func:`normalise_header`),
#: mapped to the column name the library uses.
ALIASES: dict[str, str] = {
    "child unique id": "child_unique_id",
    "child id": "child_unique_id",
    "unique child id": "child_unique_id",
    "childs unique id": "child_unique_id",
    "child unique identifier": "child_unique_id",
    "child identifier": "child_unique_id",
    "child ref": "child_unique_id",
    "individual adopter identifier": "adopter_id",
    "adopter id": "adopter_id",
    "sex": "gender",
    "gender": "gender",
    "dob": "date_of_birth",
    "date of birth": "date_of_birth",
    "child date of birth": "date_of_birth",
    "age": "age",
    "age of child": "age",
    "age of child years": "age",
    "ethnicity": "ethnicity",
    "ethnic origin": "ethnicity",
    "does the child have a disability": "disability",
    "disability": "disability",
    "date of contact": "date_of_contact",
    "contact date": "date_of_contact",
    "date of referral": "date_of_referral",
    "referral date": "date_of_referral",
    "referral nfa": "referral_nfa",
    "nfa": "referral_nfa",
    "number of referrals in last 12 months": "number_of_referrals_in_last_12_months",
    "number of referrals in the last 12 months": "number_of_referrals_in_last_12_months",
    "assessment start date": "assessment_start_date",
    "date assessment started": "assessment_start_date",
    "assessment completion date": "assessment_completion_date",
    "date assessment completed": "assessment_completion_date",
    "continuous assessment start date": "continuous_assessment_start_date",
    "continuous assessment date of authorisation": "continuous_assessment_date_of_authorisation",
    "strategy discussion initiating section 47 enquiry start date": "s47_start_date",
    "section 47 enquiry start date": "s47_start_date",
    "date of initial child protection conference": "date_of_icpc",
    "date of icpc": "date_of_icpc",
    "cin start date": "cin_start_date",
    "date child was last seen": "date_child_was_last_seen",
    "cin closure date": "cin_closure_date",
    "child protection plan start date": "cpp_start_date",
    "cp plan start date": "cpp_start_date",
    "date of the last statutory visit": "date_of_last_statutory_visit",
    "date of last statutory visit": "date_of_last_statutory_visit",
    "date of latest review conference": "date_of_latest_review_conference",
    "child protection plan end date": "cpp_end_date",
    "cp plan end date": "cpp_end_date",
    "date started to be looked after": "date_started_to_be_looked_after",
    "date of latest statutory review": "date_of_latest_statutory_review",
    "date of last social work visit": "date_of_last_social_work_visit",
    "date of last iro visit contact to the child": "date_of_last_iro_contact",
    "date of last iro contact": "date_of_last_iro_contact",
    "date of last health assessment": "date_of_last_health_assessment",
    "date of last dental check": "date_of_last_dental_check",
    "number of placements in the last 12 months": "number_of_placements_in_last_12_months",
    "number of placements in last 12 months": "number_of_placements_in_last_12_months",
    "date ceased to be looked after": "date_ceased_to_be_looked_after",
}

#: The timeliness checks of the lists: (list, check, date column of the latest record, the rule
#: that sets the interval, and the column whose date closes it). See :meth:`AnnexA.timeliness`.
CHECKS: tuple[tuple[int, str, str, str, str], ...] = (
    (8, "latest statutory review", "date_of_latest_statutory_review", "lac.review.first", "date_ceased_to_be_looked_after"),
    (8, "last social work visit", "date_of_last_social_work_visit", "lac.visit", "date_ceased_to_be_looked_after"),
    (8, "last health assessment", "date_of_last_health_assessment", "lac.health.review", "date_ceased_to_be_looked_after"),
    (7, "last statutory visit", "date_of_last_statutory_visit", "cp.visit", "cpp_end_date"),
    (7, "latest review conference", "date_of_latest_review_conference", "rcpc.first", "cpp_end_date"),
)

_LETTERED = re.compile(r"^[a-z]{1,2}\)\s*", re.IGNORECASE)
_EXCEL_ERRORS = {"#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NUM!", "#NAME?", "#NULL!"}
_YES = {"yes", "y", "true", "1"}
#: The earliest year a date may have, as in the other readers (the library's dates start in 1400).
MIN_YEAR = 1400
_NO = {"no", "n", "false", "0"}


def normalise_header(text: Any) -> str:
    """Lower case, quotes and punctuation dropped, spaces collapsed: "Child's Unique ID " and
    "child_unique-id" both become "childs unique id" / "child unique id".

    >>> normalise_header("  Referral NFA? ")
    'referral nfa'
    >>> normalise_header("Date of Last IRO Visit / Contact to the Child")
    'date of last iro visit contact to the child'
    """
    s = str(text).replace("\u2019", "'").replace("\xa0", " ").lower()
    s = s.replace("'", "")
    s = re.sub(r"\((?:y/n|yes/no)\)", " ", s)
    s = re.sub(r"[^a-z0-9]+", " ", s)
    return s.strip()


def column_name(header: Any) -> str:
    """The library's name for a column header: a known variant's name, else the normalised text
    with underscores."""
    text = normalise_header(header)
    return ALIASES.get(text, text.replace(" ", "_"))


def _kind(name: str, header: Any) -> str:
    raw = str(header).strip().lower()
    if name in ("child_unique_id", "adopter_id"):
        return "id"
    if "date" in name or name == "dob":
        return "date"
    if name.startswith(("number_of", "no_of")) or name in ("age",):
        return "number"
    # Only headers that say their answers are yes or no; other questions carry other answers.
    if "(y/n" in raw or name == "referral_nfa":
        return "flag"
    return "text"


def decode_lettered(value: str) -> str:
    """ "a) Male" → "Male"; "q) 6: Police" → "6: Police"; other text unchanged."""
    return _LETTERED.sub("", value.strip())


def _list_number(title: str) -> Optional[int]:
    match = re.search(r"list\s*[_-]?\s*(\d{1,2})", title, re.IGNORECASE)
    return int(match.group(1)) if match else None


def load(path: PathLike) -> AnnexA:
    """Reads an Annex A workbook: one DataFrame per list ("List 1" … "List 11"; a sheet is matched
    by the number in its name). The header row is the first of the sheet's first ten rows that
    names a child or adopter id. Missing or unreadable files raise :class:`safeguarding.Error`."""
    try:
        import openpyxl  # type: ignore[import-untyped]
    except ImportError as error:  # pragma: no cover - openpyxl is a dependency
        raise Error("reading Annex A workbooks needs openpyxl (pip install openpyxl)") from error
    name = os.fspath(path)
    try:
        values = openpyxl.load_workbook(name, read_only=True, data_only=True)
        formulas = openpyxl.load_workbook(name, read_only=True, data_only=False)
    except FileNotFoundError:
        raise Error(f"{name}: cannot open the file") from None
    except Exception as error:  # openpyxl raises several types for a file that is not a workbook
        raise Error(f"{name}: not a readable xlsx workbook ({type(error).__name__}: {error})") from None
    try:
        return AnnexA(name, values, formulas)
    finally:
        values.close()
        formulas.close()


class AnnexA(Loaded):
    """An Annex A workbook: :attr:`lists` maps each list number to its DataFrame (columns named by
    :func:`column_name`, then ``row``, the sheet row), :attr:`columns` shows how each header was
    read, with :attr:`findings` and :attr:`summary` as for the other returns."""

    __slots__ = ("file", "lists", "tables", "columns", "findings", "summary")

    file: str
    lists: dict[int, pd.DataFrame]
    tables: dict[str, pd.DataFrame]
    columns: pd.DataFrame
    findings: pd.DataFrame
    summary: pd.DataFrame

    def __init__(self, file: str, values: Any, formulas: Any) -> None:
        self.file = file
        self.lists = {}
        findings: list[tuple[Any, ...]] = []
        columns: list[tuple[Any, ...]] = []
        counts: list[tuple[str, int, int, int, int]] = []
        sheet_of: dict[int, str] = {}
        for sheet in values.worksheets:
            number = _list_number(sheet.title)
            if number is None:
                findings.append((file, sheet.title, "", None, "", f"sheet {sheet.title!r}", "",
                                 f"sheet {sheet.title!r} is not an Annex A list (no list number in its name)", "not read"))
                continue
            table = f"list_{number}"
            if number in self.lists:
                # A second sheet for the same list ("List 1 (old)"): the first is kept, this one's
                # rows are counted and rejected.
                _, read, _ = self._read_sheet(sheet, formulas[sheet.title], table, [], [])
                findings.append((file, table, "", None, "", f"sheet {sheet.title!r}", "",
                                 f"sheet {sheet.title!r} is a second List {number} (the first is {sheet_of[number]!r}): "
                                 f"not used ({read} row{'s' if read != 1 else ''})", "row rejected"))
                at = next(i for i, row in enumerate(counts) if row[0] == table)
                name, was_read, used, rejected, merged = counts[at]
                counts[at] = (name, was_read + read, used, rejected + read, merged)
                continue
            frame, read, rejected = self._read_sheet(sheet, formulas[sheet.title], table, findings, columns)
            self.lists[number] = frame
            sheet_of[number] = sheet.title
            counts.append((table, read, len(frame), rejected, 0))
        self.tables = {f"list_{n}": frame for n, frame in self.lists.items()}
        self.findings = pd.DataFrame(findings, columns=list(FINDING_COLUMNS))
        self.findings["row"] = pd.array(self.findings["row"].tolist(), dtype="Int64")
        self.columns = pd.DataFrame(columns, columns=["table", "header", "column", "kind"])
        per_table = self.findings.groupby("table").size().to_dict() if len(self.findings) else {}
        self.summary = summary_frame(counts, per_table)

    def _read_sheet(
        self, sheet: Any, formula_sheet: Any, table: str, findings: list[tuple[Any, ...]], columns: list[tuple[Any, ...]]
    ) -> tuple[pd.DataFrame, int, int]:
        rows = list(sheet.iter_rows(values_only=True))
        formula_rows = list(formula_sheet.iter_rows(values_only=True))
        header_at = None
        for i, row in enumerate(rows[:10]):
            if any(column_name(c) in ("child_unique_id", "adopter_id") for c in row if c is not None):
                header_at = i
                break
        if header_at is None:
            findings.append((self.file, table, "", None, "", f"sheet {sheet.title!r}", "",
                             f"no header row naming a child or adopter id in the first ten rows of {sheet.title!r}: "
                             f"its {len(rows)} rows are not used", "row rejected"))
            return pd.DataFrame(), len(rows), len(rows)
        header = rows[header_at]
        names: list[Optional[str]] = []
        kinds: list[str] = []
        for position, text in enumerate(header):
            if text is None or str(text).strip() == "":
                names.append(None)
                kinds.append("")
                continue
            name = column_name(text)
            if name in names:
                name = f"{name}_{position + 1}"
            names.append(name)
            kinds.append(_kind(name, text))
            columns.append((table, str(text), name, kinds[-1]))
        id_column = next(i for i, n in enumerate(names) if n in ("child_unique_id", "adopter_id"))
        id_name = str(names[id_column])
        data: dict[str, list[Any]] = {n: [] for n in names if n is not None}
        sheet_rows: list[int] = []
        read = rejected = 0
        for offset, row in enumerate(rows[header_at + 1:]):
            number = header_at + offset + 2  # the sheet's own row number
            if all(c is None or (isinstance(c, str) and not c.strip()) for c in row):
                continue
            read += 1
            formula_row = formula_rows[header_at + 1 + offset] if header_at + 1 + offset < len(formula_rows) else ()
            values: dict[str, Any] = {}
            problems: list[tuple[str, str, str]] = []
            for position, column in enumerate(names):
                if column is None:
                    continue
                name = column
                cell = row[position] if position < len(row) else None
                formula = formula_row[position] if position < len(formula_row) else None
                if cell is None and isinstance(formula, str) and formula.startswith("="):
                    problems.append((name, formula, "the cell holds a formula with no computed value (open and save the workbook in a spreadsheet program)"))
                    values[name] = None
                    continue
                value, problem = _read_value(cell, kinds[position])
                values[name] = value
                if problem:
                    problems.append((name, str(cell), problem))
            child = values.get(id_name)
            key_problem = child is None
            for name, raw, problem in problems:
                findings.append((self.file, table, "" if child is None else str(child), number, name,
                                 f"sheet {sheet.title!r}, row {number}, column {name}", raw, problem,
                                 "row rejected" if key_problem else "value blanked"))
            if key_problem:
                findings.append((self.file, table, "", number, id_name,
                                 f"sheet {sheet.title!r}, row {number}, column {id_name}", "",
                                 "the id is missing (it is needed to use the row)", "row rejected"))
                rejected += 1
                continue
            for name in data:
                data[name].append(values.get(name))
            sheet_rows.append(number)
        frame = pd.DataFrame({n: _series(data[n], kinds[names.index(n)]) for n in data})
        frame["row"] = pd.array(sheet_rows, dtype="int64")
        return frame, read, rejected

    def list(self, number: int) -> pd.DataFrame:
        """List ``number``'s DataFrame; an Error naming the lists present when it is absent."""
        if number not in self.lists:
            raise Error(f"{self.file}: the workbook has no List {number} (it has {sorted(self.lists)})")
        return self.lists[number]

    # Timeliness of the lists' latest records, through the rule catalogue and the engine ---------

    def list_date(self) -> Optional[_dt.date]:
        """The latest date in any date column of the lists: the default date the lists are judged
        as of (the workbook does not record the date it was made)."""
        latest = None
        for frame in self.lists.values():
            for column in frame.columns:
                if frame[column].dtype.kind == "M" and frame[column].notna().any():
                    value = frame[column].max().date()
                    latest = value if latest is None or value > latest else latest
        return latest

    def timeliness(
        self, as_of: Any = None, calendar: Optional[Calendar] = None, catalogue: Optional[RuleCatalogue] = None
    ) -> pd.DataFrame:
        """Whether each child's latest review, visit and health assessment is overdue as of the
        list date (``as_of``; default :meth:`list_date`), one row per child and check
        (:data:`CHECKS`):

        * List 8, latest statutory review: none since becoming looked after: the first is due 20
          working days after "Date Started to be Looked After" (lac.review.first); a latest review
          within those 20 working days is the first, and the second is due 3 months after it
          (lac.review.second); a later one is taken as a later review: the next is due 6 months
          after it (lac.review.subsequent). (Annex A gives only the latest review, so a first
          review held late is judged as a later one.)
        * List 8, last social work visit: 6 weeks (lac.visit, reg 28 of the Care Planning
          Regulations 2010); last health assessment: 6 months under age 5 at that assessment, 12
          months from 5 (lac.health.review).
        * List 7, last statutory visit: 10 working days (cp.visit: a local choice, confidence
          check; a partnership sets its own frequency in its rule file); latest review conference:
          3 months after the plan started if none yet (rcpc.first), else 6 months after the latest
          (rcpc.subsequent).

        A child who ceased to be looked after ("Date Ceased to be Looked After") or whose plan ended
        on or before the list date needs nothing more (status ``ended``, or ``missed`` when it was
        already overdue then). Columns: ``list``, ``check``, ``child_unique_id``, ``row`` (the
        sheet row), ``last`` (the latest record's date), ``rule``, ``due``, ``status`` (overdue,
        open, ended, missed; ``not recorded`` when the list gives no date to judge from),
        ``overdue_days`` and ``overdue_working_days`` (as of the list date), ``source`` (the rule,
        edition and citation) and ``confidence``."""
        from ._timeliness import timeliness as run_engine

        day = self.list_date() if as_of is None else as_date(as_of, "as_of")
        if day is None:
            raise Error(f"{self.file}: the lists hold no dates; give as_of (the date the lists were made)")
        catalogue = catalogue or RuleCatalogue.builtin()
        calendar = calendar or Calendar.england_and_wales()
        parts: list[pd.DataFrame] = []
        for number, check, column, rule, closing in CHECKS:
            frame = self.lists.get(number)
            if frame is None or column not in frame.columns:
                continue
            parts.append(_judge(frame, number, check, column, rule, closing, day, calendar, catalogue, run_engine))
        columns = ["list", "check", "child_unique_id", "row", "last", "rule", "due", "status", "overdue_days",
                   "overdue_working_days", "source", "confidence"]
        out = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=columns)
        out.attrs["as_of"] = day
        out.attrs["calendar"] = calendar.name
        return out[columns]

    def overdue(
        self, as_of: Any = None, calendar: Optional[Calendar] = None, catalogue: Optional[RuleCatalogue] = None
    ) -> pd.DataFrame:
        """Per check (see :meth:`timeliness`): the children listed, those with a date to judge
        from, how many are overdue as of the list date, their percentage of those judged, and the
        rule and source of the threshold."""
        detail = self.timeliness(as_of, calendar, catalogue)
        rows = []
        for (number, check), part in detail.groupby(["list", "check"], sort=False):
            judged = part[part["status"] != "not recorded"]
            overdue = int((judged["status"] == "overdue").sum())
            rows.append((number, check, len(part), len(judged), overdue,
                         100.0 * overdue / len(judged) if len(judged) else float("nan"),
                         ", ".join(dict.fromkeys(judged["rule"].astype(str))),
                         "; ".join(dict.fromkeys(judged["source"].astype(str)))))
        out = pd.DataFrame(rows, columns=["list", "check", "children", "judged", "overdue", "percent_overdue", "rule", "source"])
        out.attrs.update(detail.attrs)
        return out

    def __repr__(self) -> str:
        sizes = ", ".join(f"List {n}: {len(f)}" for n, f in sorted(self.lists.items()))
        return f"<AnnexA {sizes}; {len(self.findings)} findings>"


def _standalone(catalogue: RuleCatalogue, rule_id: str, event: str, end: str) -> RuleCatalogue:
    """The catalogue with `rule_id` (a later link of a chain) made a rule of its own whose clock
    starts at `event`: for a list that gives only the latest review, whose place in the chain is
    unknown. Its editions, timescales and sources are the catalogue's."""
    rule = catalogue[rule_id]
    editions = [
        {"name": e.name, "from": e.start.isoformat(), **({"until": e.until.isoformat()} if e.until else {}),
         "timescale": e.timescale_text, "source": e.source, "confidence": e.confidence}
        for e in rule.editions
    ]
    return catalogue.extended({"rules": [{
        "id": rule.id, "title": rule.title, "family": rule.family, "start": [event], "stop": [event], "end": [end],
        "recurring": True, "editions": editions,
    }]}, source=f"{catalogue.name} ({rule_id} from the latest {event})")


def _judge(frame: pd.DataFrame, number: int, check: str, column: str, rule: str, closing: str, day: _dt.date,
           calendar: Calendar, catalogue: RuleCatalogue, run_engine: Any) -> pd.DataFrame:
    """One check of one list through the engine: one row per child."""
    n = len(frame)
    last = pd.Series(frame[column].to_numpy(), dtype="datetime64[s]")
    ended = pd.Series(frame[closing].to_numpy(), dtype="datetime64[s]") if closing in frame.columns else pd.Series(pd.NaT, index=range(n), dtype="datetime64[s]")
    cases = np.arange(n)
    kinds = {"lac.review.first": ("lac.start", "lac.review", "lac.end"), "lac.visit": (None, "lac.visit", "lac.end"),
             "lac.health.review": (None, "lac.health_assessment", "lac.end"), "cp.visit": (None, "cp.visit", "cp_plan.end"),
             "rcpc.first": ("cp_plan.start", "cp_review", "cp_plan.end")}
    start_event, record_event, end_event = kinds[rule]
    start_column = {"lac.start": "date_started_to_be_looked_after", "cp_plan.start": "cpp_start_date"}.get(start_event or "")
    started = pd.Series(frame[start_column].to_numpy(), dtype="datetime64[s]") if start_column in frame.columns else pd.Series(pd.NaT, index=range(n), dtype="datetime64[s]")
    # A record before the start (an earlier period of care or plan) says nothing of this one.
    record = last.where(~(started.notna() & last.notna() & (last < started)))

    def events(rows: Any, with_start: bool) -> pd.DataFrame:
        parts = []
        if with_start and start_event:
            ok = rows & started.notna()
            parts.append(pd.DataFrame({"case": cases[ok], "event": start_event, "date": started[ok].to_numpy()}))
        ok = rows & record.notna()
        part = pd.DataFrame({"case": cases[ok], "event": record_event, "date": record[ok].to_numpy()})
        if rule == "lac.health.review":
            born = pd.Series(frame["date_of_birth"].to_numpy(), dtype="datetime64[s]") if "date_of_birth" in frame.columns else pd.Series(pd.NaT, index=range(n), dtype="datetime64[s]")
            at = record[ok].dt
            dob = born[ok].dt
            age = at.year - dob.year - ((at.month < dob.month) | ((at.month == dob.month) & (at.day < dob.day))).astype(int)
            part["age"] = age.to_numpy(dtype=float)
        parts.append(part)
        ok = rows & (ended <= pd.Timestamp(day)).to_numpy()
        parts.append(pd.DataFrame({"case": cases[ok], "event": end_event, "date": ended[ok].to_numpy()}))
        out = pd.concat([p for p in parts if len(p)], ignore_index=True) if any(len(p) for p in parts) else pd.DataFrame({"case": [], "event": [], "date": []})
        out["date"] = pd.to_datetime(out["date"])
        return out

    def latest(result: pd.DataFrame) -> pd.DataFrame:
        """Each case's last instance: the one the list date judges."""
        return result.sort_values(["case", "sequence", "start"], kind="stable").groupby("case").tail(1).set_index("case")

    everyone = np.ones(n, dtype=bool)
    chosen = pd.DataFrame()
    if rule == "lac.review.first":
        # The chain from the start: a latest review that met the first review's 20 working days was
        # the first; the second is then due 3 months after it.
        first = run_engine(events(everyone & started.notna(), True), rules=rule, calendar=calendar, as_of=day, catalogue=catalogue)
        first_link = first[first["sequence"] == 1].set_index("case")
        was_first = first_link.index[first_link["status"].astype(str) == "met"]
        chosen = latest(first[first["case"].isin(was_first) | ~first["case"].isin(first_link.index[first_link["completed"].notna()])])
        later = everyone & record.notna() & ~np.isin(cases, chosen.index)
        if later.any():
            standalone = _standalone(catalogue, "lac.review.subsequent", "lac.review", "lac.end")
            second = run_engine(events(later, False), rules="lac.review.subsequent", calendar=calendar, as_of=day, catalogue=standalone)
            chosen = pd.concat([chosen, latest(second)])
            catalogue = standalone
    elif rule == "rcpc.first":
        chosen = latest(run_engine(events(everyone, True), rules=rule, calendar=calendar, as_of=day, catalogue=catalogue))
    else:
        chosen = latest(run_engine(events(everyone, False), rules=rule, calendar=calendar, as_of=day, catalogue=catalogue))
    from ._measures import citations

    chosen = chosen.reindex(cases)
    judged = chosen["rule"].notna().to_numpy()
    source = np.full(n, "", dtype=object)
    confidence = np.full(n, "", dtype=object)
    if judged.any():
        picked = chosen[judged].reset_index(drop=True)
        cited, conf = citations(picked.assign(rule=picked["rule"].astype(str), edition=picked["edition"].astype(str)), catalogue)
        source[judged] = np.asarray(cited, dtype=object)
        confidence[judged] = np.asarray(conf, dtype=object)
    status = chosen["status"].astype(object).where(judged, "not recorded")
    due = chosen["due"].copy()
    # A record after the child ceased to be looked after, or after the plan ended, on or before the
    # list date: nothing more is due.
    after_end = (ended.notna() & (ended <= pd.Timestamp(day)) & record.notna() & (record > ended)).to_numpy()
    status[after_end] = "ended"
    due[after_end] = pd.NaT
    overdue = status == "overdue"
    return pd.DataFrame({
        "list": number,
        "check": check,
        "child_unique_id": frame["child_unique_id"].to_numpy() if "child_unique_id" in frame.columns else frame.iloc[:, 0].to_numpy(),
        "row": frame["row"].to_numpy(),
        "last": last.to_numpy(),
        "rule": chosen["rule"].astype(object).where(judged, "").to_numpy(),
        "due": due.to_numpy(),
        "status": status.to_numpy(),
        "overdue_days": chosen["late_days"].where(overdue).to_numpy(dtype=float),
        "overdue_working_days": chosen["late_working_days"].where(overdue).to_numpy(dtype=float),
        "source": source,
        "confidence": confidence,
    })


def _read_value(cell: Any, kind: str) -> tuple[Any, str]:
    if cell is None:
        return None, ""
    if isinstance(cell, str):
        text = cell.replace("\xa0", " ").strip()
        if text == "":
            return None, ""
        if text.upper() in _EXCEL_ERRORS:
            return None, f"{text!r} is a spreadsheet error value"
    else:
        text = ""
    if kind == "id":
        if isinstance(cell, float) and cell.is_integer():
            cell = int(cell)
        return (str(cell).strip().upper() if not isinstance(cell, str) else text.upper()), ""
    if kind == "date":
        day: Optional[_dt.date] = None
        if isinstance(cell, _dt.datetime):
            day = cell.date()
        elif isinstance(cell, _dt.date):
            day = cell
        elif isinstance(cell, str):
            for form in ("%d/%m/%Y", "%Y-%m-%d"):
                try:
                    day = _dt.datetime.strptime(text, form).date()
                    break
                except ValueError:
                    pass
            if day is None:
                return None, f"{cell!r} is not a date (expected a date cell, dd/mm/YYYY or YYYY-MM-DD)"
        else:
            return None, f"{cell!r} is not a date"
        if day.year < MIN_YEAR:
            # The other readers' range (the library's dates run from 1400): an earlier year is a typing error.
            return None, f"'{day.isoformat()}' is not a valid date: the year must be between {MIN_YEAR} and 9999"
        return day, ""
    if kind == "number":
        if isinstance(cell, bool):
            return None, f"{cell!r} is not a number"
        if isinstance(cell, (int, float)):
            return cell, ""
        try:
            return float(decode_lettered(text)), ""
        except ValueError:
            return None, f"{cell!r} is not a number"
    if kind == "flag":
        word = decode_lettered(text if isinstance(cell, str) else str(cell)).lower()
        if word in _YES:
            return True, ""
        if word in _NO:
            return False, ""
        return None, f"{cell!r} is not yes or no"
    if isinstance(cell, str):
        return decode_lettered(text), ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell)), ""
    return str(cell), ""


def _series(values: list[Any], kind: str) -> pd.Series:
    if kind == "date":
        return pd.Series(pd.to_datetime(pd.Series(values, dtype=object)), dtype="datetime64[s]")
    if kind == "number":
        series = pd.to_numeric(pd.Series(values, dtype=object))
        if series.notna().all() and (series == series.round()).all():
            return series.astype("Int64")
        if (series.dropna() == series.dropna().round()).all():
            return series.astype("Int64")
        return series.astype("Float64")
    if kind == "flag":
        return pd.Series(values, dtype="boolean")
    return pd.Series(values, dtype=object)


__all__ = ["ALIASES", "CHECKS", "AnnexA", "column_name", "decode_lettered", "load", "normalise_header"]
