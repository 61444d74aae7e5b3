"""Ofsted's Annex A lists (xlsx), read tolerantly: sheets are found by their list number, header
text is normalised and matched against known variants, lettered values ("a) Male") are decoded,
and every value that cannot be read is reported with its sheet, row and column (see
``docs/returns.md``)."""

from __future__ import annotations

import builtins
import datetime as _dt
import os
import re
from typing import Any, Union

import numpy as np
import numpy.typing as npt
import pandas as pd  # type: ignore[import-untyped]  # pandas ships no type information

from . import _core
from ._calendar import Calendar
from ._convert import DateLike, as_date
from ._errors import Error
from ._returns import FINDING_COLUMNS, Loaded, MeasureTable, summary_frame
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
#: that sets the interval, and the column whose date closes it), as the compiled core defines them.
#: See :meth:`AnnexA.timeliness`.
CHECKS: tuple[tuple[int, str, str, str, str], ...] = tuple(
    (int(c[0]), str(c[1]), str(c[2]), str(c[3]), str(c[4])) for c in _core.returns.annex_a_checks
)

_LETTERED = re.compile(r"^[a-z]{1,2}\)\s*", re.IGNORECASE)
_EXCEL_ERRORS = {"#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NUM!", "#NAME?", "#NULL!"}
_YES = {"yes", "y", "true", "1"}
#: The earliest year a date may have, as in the other readers (the library's dates start in 1400).
MIN_YEAR = 1400
_NO = {"no", "n", "false", "0"}
#: The most rows with content a sheet may have (a worksheet's own limit): more is an Error naming
#: the sheet. Work is bounded by the cells present, whatever the sheet's recorded dimension says.
MAX_ROWS = 1_048_576
#: Numbers beyond this magnitude (2**53) are not counts an Annex A list holds: a finding.
MAX_NUMBER = 2.0**53


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


def _list_number(title: str) -> int | None:
    match = re.search(r"list\s*[_-]?\s*(\d{1,2})", title, re.IGNORECASE)
    return int(match.group(1)) if match else None


def load(path: PathLike, dayfirst: bool = True, today: DateLike | None = None) -> AnnexA:
    """Reads an Annex A workbook: one DataFrame per list ("List 1" … "List 11"; a sheet is matched
    by the number in its name). The header row is the first of the sheet's first ten rows that
    names a child or adopter id. Missing or unreadable files raise :class:`safeguarding.Error`.

    Dates written as text are day first (dd/mm/YYYY) unless ``dayfirst=False``; each column is
    checked by the compiled core as the returns' readers check theirs: a column whose text dates
    can only be read the other way raises :class:`safeguarding.Error` naming the sheet, column and
    rows. ``today`` (default: today) is the day after which a date is in the future: such dates,
    and a latest date standing far after all others, are findings and do not choose the list date
    (:attr:`AnnexA.list_date_reason` says how it was chosen)."""
    try:
        import openpyxl  # type: ignore[import-untyped]
    except ImportError as error:  # pragma: no cover - openpyxl is a dependency
        raise Error("reading Annex A workbooks needs openpyxl (pip install openpyxl)") from error
    name = os.fspath(path)
    if os.path.isdir(name):
        raise Error(f"{name}: is a folder, not a file")
    try:
        values = openpyxl.load_workbook(name, read_only=True, data_only=True)
        formulas = openpyxl.load_workbook(name, read_only=True, data_only=False)
    except FileNotFoundError:
        raise Error(f"{name}: cannot open the file") from None
    except Exception as error:  # openpyxl raises several types for a file that is not a workbook
        raise Error(f"{name}: not a readable xlsx workbook ({type(error).__name__}: {error})") from None
    as_of = _dt.date.today() if today is None else as_date(today, "today")
    try:
        return AnnexA(name, values, formulas, bool(dayfirst), as_of)
    except Error:
        raise
    except Exception as error:  # openpyxl parses sheets lazily: a malformed sheet fails while it is read
        raise Error(f"{name}: not a readable xlsx workbook ({type(error).__name__}: {error})") from None
    finally:
        values.close()
        formulas.close()


class AnnexA(Loaded):
    """An Annex A workbook: :attr:`lists` maps each list number to its DataFrame (columns named by
    :func:`column_name`, then ``row``, the sheet row), :attr:`columns` shows how each header was
    read, with :attr:`findings` and :attr:`summary` as for the other returns."""

    __slots__ = ("file", "lists", "_tables", "columns", "_findings", "_summary", "_list_date", "list_date_reason",
                 "_unread", "_dayfirst", "_date_problems")

    file: str
    lists: dict[int, pd.DataFrame]
    columns: pd.DataFrame
    list_date_reason: str

    def __init__(self, file: str, values: Any, formulas: Any, dayfirst: bool = True,
                 today: _dt.date | None = None) -> None:
        self.file = file
        self.lists = {}
        self._unread: dict[int, str] = {}  # list number -> why its sheet could not be read
        self._dayfirst = dayfirst
        self._date_problems: list[str] = []
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
            if len(frame.columns) == 0:
                self._unread[number] = f"sheet {sheet.title!r} has no header row naming a child id (see findings)"
            else:
                self.lists[number] = frame
            sheet_of[number] = sheet.title
            counts.append((table, read, len(frame), rejected, 0))
        if self._date_problems:
            raise Error("\n".join(self._date_problems))
        self._tables = {f"list_{n}": frame for n, frame in self.lists.items()}
        self._choose_list_date(today or _dt.date.today(), sheet_of, findings)
        self._findings = pd.DataFrame(findings, columns=list(FINDING_COLUMNS))
        self._findings["row"] = pd.array(self._findings["row"].tolist(), dtype="Int64")
        self.columns = pd.DataFrame(columns, columns=["table", "header", "column", "kind"])
        per_table = self._findings.groupby("table").size().to_dict() if len(self._findings) else {}
        self._summary = summary_frame(counts, [int(per_table.get(row[0], 0)) for row in counts])

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        """The lists by table name ("list_1", …)."""
        return self._tables

    @property
    def findings(self) -> pd.DataFrame:
        """Every value or row that could not be read: file, table, child, row, column, where, value,
        problem, action."""
        return self._findings

    @property
    def summary(self) -> pd.DataFrame:
        """Per list: rows read, used, rejected, merged, and the number of findings."""
        return self._summary

    def _read_sheet(
        self, sheet: Any, formula_sheet: Any, table: str, findings: list[tuple[Any, ...]], columns: list[tuple[Any, ...]]
    ) -> tuple[pd.DataFrame, int, int]:
        present = _sheet_rows(sheet, self.file)
        formula_rows = _sheet_rows(formula_sheet, self.file)
        start = len(findings)
        try:
            return self._read_rows(sheet, present, formula_rows, table, findings, columns)
        finally:
            # Text dates are read per column once the rows are in (their convention is the column's):
            # the sheet's findings are put back in row order, those about the sheet or a column first.
            findings[start:] = sorted(findings[start:], key=lambda f: -1 if f[3] is None else int(f[3]))

    def _read_rows(
        self, sheet: Any, present: dict[int, tuple[Any, ...]], formula_rows: dict[int, tuple[Any, ...]], table: str,
        findings: list[tuple[Any, ...]], columns: list[tuple[Any, ...]]
    ) -> tuple[pd.DataFrame, int, int]:
        header_at = self._header_row(sheet, present, table, findings)
        if header_at is None:
            return pd.DataFrame(), len(present), len(present)
        names, kinds = self._header_names(sheet, present[header_at + 1], header_at, table, findings, columns)
        id_column = next(i for i, n in enumerate(names) if n in ("child_unique_id", "adopter_id"))
        id_name = str(names[id_column])
        data: dict[str, list[Any]] = {n: [] for n in names if n is not None}
        sheet_rows: list[int] = []
        read = rejected = 0
        texts: dict[str, list[tuple[int, int, str, str]]] = {}  # date column -> (data index, sheet row, text, child)
        # A row whose only cells are formulas with no computed value is still a row: read it too.
        for number in sorted(set(present) | set(formula_rows)):
            row = present.get(number, ())
            if number <= header_at + 1:
                if self._above_header(sheet, number, row, formula_rows.get(number, ()), header_at, table, findings):
                    read += 1
                    rejected += 1
                continue
            formula_row = formula_rows.get(number, ())
            if all(_blank(c) for c in row) and all(_blank(c) for c in formula_row):
                continue
            read += 1
            values, problems, pending = _row_values(row, formula_row, names, kinds)
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
            for name, text in pending:
                texts.setdefault(name, []).append((len(sheet_rows), number, text, str(child)))
            for name in data:
                data[name].append(values.get(name))
            sheet_rows.append(number)
        for name, cells in texts.items():
            self._read_text_dates(sheet.title, table, name, cells, data[name], findings)
        frame = pd.DataFrame({n: _series(data[n], kinds[names.index(n)]) for n in data})
        frame["row"] = pd.array(sheet_rows, dtype="int64")
        return frame, read, rejected

    def _header_row(self, sheet: Any, present: dict[int, tuple[Any, ...]], table: str,
                    findings: list[tuple[Any, ...]]) -> int | None:
        """The header row (less one: the number of rows above it), the first of the first ten rows
        naming a child or adopter id; None when there is none, with a finding (and a hint when a
        header is near an id's name)."""
        first = {number: row for number, row in present.items() if number <= 10}
        for number, row in first.items():
            if any(column_name(c) in ("child_unique_id", "adopter_id") for c in row if c is not None):
                return number - 1
        hint = ""
        ids = [k for k, v in ALIASES.items() if v in ("child_unique_id", "adopter_id")]
        for number, row in first.items():
            hit = next(((c, n) for c in row if c is not None and str(c).strip()
                        for n in _core.returns.nearest_names(normalise_header(c), ids)), None)
            if hit is not None:
                hint = f"; row {number} has {str(hit[0])!r} (did you mean {hit[1]!r}?)"
                break
        findings.append((self.file, table, "", None, "", f"sheet {sheet.title!r}", "",
                         f"no header row naming a child or adopter id in the first ten rows of {sheet.title!r}"
                         f"{hint}: its {len(present)} rows are not used, and its checks cannot be computed",
                         "row rejected"))
        return None

    def _header_names(self, sheet: Any, header: tuple[Any, ...], header_at: int, table: str,
                      findings: list[tuple[Any, ...]], columns: list[tuple[Any, ...]]) -> tuple[list[str | None], list[str]]:
        """Each header cell's column name (None for a blank header) and kind. An unknown header is
        read under its own name, with a finding suggesting the nearest known ones; a repeated header
        gets its column's letter ("note_d"), never a name another header has."""
        names: list[str | None] = []
        kinds: list[str] = []
        taken = {column_name(t) for t in header if t is not None and str(t).strip() != ""}
        first_at: dict[str, int] = {}
        for position, text in enumerate(header):
            if text is None or str(text).strip() == "":
                names.append(None)
                kinds.append("")
                continue
            name = column_name(text)
            normalised = normalise_header(text)
            if normalised not in ALIASES:
                nearest = _core.returns.nearest_names(normalised, builtins.list(ALIASES))
                if nearest:
                    suggestion = " or ".join(repr(n) for n in nearest)
                    findings.append((self.file, table, "", header_at + 1, name,
                                     f"sheet {sheet.title!r}, row {header_at + 1}, column {name}", str(text),
                                     f"header {str(text)!r} is not a known Annex A column (did you mean {suggestion}?): "
                                     f"read as {name}, so no check uses it", "row kept"))
            if name in first_at:
                repeated, letter = name, _column_letter(position)
                name = f"{repeated}_{letter.lower()}"
                while name in taken:
                    name += "_"
                taken.add(name)
                findings.append((self.file, table, "", header_at + 1, name,
                                 f"sheet {sheet.title!r}, row {header_at + 1}, column {letter}", str(text),
                                 f"header {str(text)!r} repeats column {_column_letter(first_at[repeated])}'s: "
                                 f"read as {name}", "row kept"))
            first_at.setdefault(name, position)
            names.append(name)
            kinds.append(_kind(name, text))
            columns.append((table, str(text), name, kinds[-1]))
        return names, kinds

    def _above_header(self, sheet: Any, number: int, row: tuple[Any, ...], shown: tuple[Any, ...], header_at: int,
                      table: str, findings: list[tuple[Any, ...]]) -> bool:
        """A row at or above the header: a title row (one cell) is not data; a row of values above
        the header is read and rejected, with a finding (True)."""
        filled = sum(not _blank(row[i] if i < len(row) else None) or not _blank(shown[i] if i < len(shown) else None)
                     for i in range(max(len(row), len(shown))))
        if number <= header_at and filled > 1:
            findings.append((self.file, table, "", number, "", f"sheet {sheet.title!r}, row {number}", "",
                             f"row {number} is above the header row (row {header_at + 1}): not read",
                             "row rejected"))
            return True
        return False

    def _read_text_dates(self, title: str, table: str, name: str, cells: builtins.list[tuple[int, int, str, str]],
                         column: builtins.list[Any], findings: builtins.list[tuple[Any, ...]]) -> None:
        """A column's dates written as text, read by the compiled core with the evidence of their
        convention: a column that can only be the other way is an Error; both ways, a finding."""
        days, problems, day_first, month_first = _core.returns.annex_a_read_text_dates(
            [c[2] for c in cells], self._dayfirst)

        def rows(positions: builtins.list[int]) -> str:
            shown = ", ".join(f"row {cells[i][1]} ({cells[i][2].strip()!r})" for i in positions[:5])
            return shown + (f" and {len(positions) - 5} more" if len(positions) > 5 else "")

        stated, other = (day_first, month_first) if self._dayfirst else (month_first, day_first)
        if other and not stated:
            way = "month first (mm/dd/YYYY)" if self._dayfirst else "day first (dd/mm/YYYY)"
            advice = "read it with dayfirst=False" if self._dayfirst else "read it with dayfirst=True"
            self._date_problems.append(f"{self.file}: sheet {title!r}, column {name}: dates written {way}: "
                                       f"{rows(other)}; {advice}")
        elif other:
            findings.append((self.file, table, "", None, name, f"sheet {title!r}, column {name}", "",
                             f"column {name} mixes date conventions: {rows(stated)} can only be "
                             f"{'day' if self._dayfirst else 'month'} first, but {rows(other)} can only be "
                             f"{'month' if self._dayfirst else 'day'} first (those are not valid dates as read)",
                             "row kept"))
        for (index, number, text, child), day, problem in zip(cells, days, problems):
            if problem:
                findings.append((self.file, table, child, number, name, f"sheet {title!r}, row {number}, column {name}",
                                 text, problem, "value blanked"))
                continue
            value = _dt.date(1970, 1, 1) + _dt.timedelta(days=int(day))
            if value.year < MIN_YEAR:
                findings.append((self.file, table, child, number, name, f"sheet {title!r}, row {number}, column {name}",
                                 text, f"'{value.isoformat()}' is not a valid date: the year must be between "
                                       f"{MIN_YEAR} and 9999", "value blanked"))
                continue
            column[index] = value

    def _choose_list_date(self, today: _dt.date, sheet_of: dict[int, str], findings: builtins.list[tuple[Any, ...]]) -> None:
        """The list date by the compiled core's rule (annex_a::choose_list_date), each date it leaves
        out a finding naming its sheet, row and column."""
        # Dates of birth are not activity up to the extract: they neither choose the list date nor, lying
        # years before the lists' other dates, make the latest of those look cut off from the rest.
        where = [(n, frame, c) for n, frame in self.lists.items() for c in frame.columns
                 if frame[c].dtype.kind == "M" and c != "date_of_birth"]
        day, reason, excluded, why = _core.returns.annex_a_choose_list_date([_days(f[c]).tolist() for _, f, c in where],
                                                                          today)
        for (column, position), text in zip(excluded, why):
            number, frame, name = where[column]
            row = int(frame["row"].iloc[position])
            ids = frame["child_unique_id"] if "child_unique_id" in frame.columns else frame.iloc[:, 0]
            findings.append((self.file, f"list_{number}", str(ids.iloc[position]), row, name,
                             f"sheet {sheet_of[number]!r}, row {row}, column {name}",
                             str(frame[name].iloc[position].date()), f"{name} {text}", "row kept"))
        self._list_date = day
        self.list_date_reason = reason

    def list(self, number: int) -> pd.DataFrame:
        """List ``number``'s DataFrame; an Error naming the lists present when it is absent."""
        if number not in self.lists:
            raise Error(f"{self.file}: the workbook has no List {number} (it has {sorted(self.lists)})")
        return self.lists[number]

    # Timeliness of the lists' latest records, through the rule catalogue and the engine ---------

    def list_date(self) -> _dt.date | None:
        """The default date the lists are judged as of (the workbook does not record the date it
        was made): the latest date of the lists' date columns on or before today, leaving out a
        latest date more than 31 days after every other (a mistyped year), each left out a finding;
        :attr:`list_date_reason` says how it was chosen."""
        return self._list_date

    def timeliness(
        self, as_of: DateLike | None = None, calendar: Calendar | None = None, catalogue: RuleCatalogue | None = None
    ) -> MeasureTable:
        """Whether each child's latest review, visit and health assessment is overdue as of the
        list date (``as_of``; default :meth:`list_date`), one row per child and check
        (:data:`CHECKS`), judged by the compiled core (safeguarding/returns/annex_a/checks.hpp):

        * List 8, latest statutory review: none since becoming looked after: the first is due 20
          working days after "Date Started to be Looked After" (lac.review.first); a latest review
          within those 20 working days is the first, and the second is due 3 months after it
          (lac.review.second); a later one is taken as a later review: the next is due 6 months
          after it (lac.review.subsequent). (Annex A gives only the latest review, so a first
          review held late is judged as a later one.)
        * List 8, last social work visit: 6 weeks (lac.visit.subsequent, reg 28 of the Care
          Planning Regulations 2010; the list gives no placement, so no longer interval applies);
          last health assessment: 6 months while the due date falls before the fifth birthday, 12
          months after it (lac.health.review).
        * List 7, last statutory visit: 10 working days (cp.visit: a local choice, confidence
          check; a partnership sets its own frequency in its rule file); latest review conference:
          3 months after the plan started if none yet (rcpc.first), else 6 months after the latest
          (rcpc.subsequent).

        A child who ceased to be looked after ("Date Ceased to be Looked After") or whose plan ended
        on or before the list date needs nothing more (status ``ended``, or ``missed`` when it was
        already overdue then). The table's columns: ``list``, ``check``, ``child_unique_id``,
        ``row`` (the sheet row), ``last`` (the latest record's date), ``rule``, ``due``, ``status``
        (overdue, open, ended, missed; ``not recorded`` when the list gives no date to judge from),
        ``overdue_days`` and ``overdue_working_days`` (as of the list date), ``source`` (the rule,
        edition and citation) and ``confidence``."""
        day, parts, _ = self._judge(as_of, calendar, catalogue)
        columns = ["list", "check", "child_unique_id", "row", "last", "rule", "due", "status", "overdue_days",
                   "overdue_working_days", "source", "confidence"]
        frame = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=columns)
        return MeasureTable(frame[columns], "Annex A: latest records overdue", as_of=day,
                            calendar=(calendar or Calendar.england_and_wales()).name)

    def overdue(
        self, as_of: DateLike | None = None, calendar: Calendar | None = None, catalogue: RuleCatalogue | None = None
    ) -> MeasureTable:
        """Per check (see :meth:`timeliness`): the children listed, those with a date to judge
        from, how many are overdue as of the list date, their percentage of those judged, and the
        rule and source of the threshold. A check of a list present in the workbook that cannot be
        computed (its column is missing, say under a misspelt header; the sheet has no header row)
        is a row with no counts and ``not_computable`` saying why."""
        day, _, summaries = self._judge(as_of, calendar, catalogue)
        frame = pd.DataFrame(summaries, columns=["list", "check", "children", "judged", "overdue", "percent_overdue",
                                                 "rule", "source", "not_computable"])
        for name in ("children", "judged", "overdue"):
            frame[name] = pd.array(frame[name].tolist(), dtype="Int64")
        return MeasureTable(frame, "Annex A: latest records overdue, per check", as_of=day,
                            calendar=(calendar or Calendar.england_and_wales()).name)

    def _judge(
        self, as_of: DateLike | None, calendar: Calendar | None, catalogue: RuleCatalogue | None
    ) -> tuple[_dt.date, builtins.list[pd.DataFrame], builtins.list[tuple[Any, ...]]]:
        """Every check of the lists through the compiled core: each check's rows, and its summary."""
        day = self.list_date() if as_of is None else as_date(as_of, "as_of")
        if day is None:
            raise Error(f"{self.file}: the lists hold no dates; give as_of (the date the lists were made)")
        calendar = calendar or Calendar.england_and_wales()
        catalogue = catalogue or RuleCatalogue.builtin()
        parts: builtins.list[pd.DataFrame] = []
        summaries: builtins.list[tuple[Any, ...]] = []
        for index, (number, check, column, rule, closing, start) in enumerate(_core.returns.annex_a_checks):
            frame = self.lists.get(number)
            if frame is None or column not in frame.columns:
                if frame is None and number not in self._unread:
                    continue  # the workbook has no such list: nothing to check
                why = (self._unread[number] if frame is None else
                       f"List {number} has no column {column} (see findings for a header that may be it)")
                summaries.append((number, check, None if frame is None else len(frame), None, None, float("nan"), rule,
                                  "", f"not computable: {why}"))
                continue
            optional = {name: _days(frame[name]) if name and name in frame.columns else _NONE
                        for name in (start, closing, "date_of_birth")}
            judged = _core.returns.annex_a_judge(index, _days(frame[column]), optional[start], optional[closing],
                                                 optional["date_of_birth"], day, catalogue._impl, calendar._impl)
            children, judged_count, overdue, percent, rules, sources = judged["summary"]
            summaries.append((number, check, children, judged_count, overdue, percent, rules, sources, ""))
            ids = frame["child_unique_id"] if "child_unique_id" in frame.columns else frame.iloc[:, 0]
            parts.append(pd.DataFrame({
                "list": number,
                "check": check,
                "child_unique_id": ids.to_numpy(),
                "row": frame["row"].to_numpy(),
                "last": pd.Series(frame[column].to_numpy(), dtype="datetime64[s]").to_numpy(),
                "rule": np.asarray(judged["rule"], dtype=object),
                "due": np.asarray(judged["due"]).view("datetime64[D]").astype("datetime64[s]"),
                "status": np.asarray(judged["status"], dtype=object),
                "overdue_days": np.asarray(judged["overdue_days"]),
                "overdue_working_days": np.asarray(judged["overdue_working_days"]),
                "source": np.asarray(judged["source"], dtype=object),
                "confidence": np.asarray(judged["confidence"], dtype=object),
            }))
        return day, parts, summaries

    def __repr__(self) -> str:
        sizes = ", ".join(f"List {n}: {len(f)}" for n, f in sorted(self.lists.items()))
        return f"<AnnexA {sizes}; {len(self.findings)} findings>"


_NONE = np.empty(0, dtype=np.int64)


def _days(column: pd.Series) -> npt.NDArray[np.int64]:
    """A date column as serial days (NaT as numpy's NaT, the smallest int64)."""
    values: npt.NDArray[np.int64] = np.ascontiguousarray(column.to_numpy().astype("datetime64[D]")).view(np.int64)
    return values


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
        day: _dt.date | None = None
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
        if isinstance(cell, int):
            if abs(cell) > MAX_NUMBER:
                return None, f"{cell!r} is not a number a list holds (finite, at most 2**53)"
            return cell, ""
        if isinstance(cell, float):
            number = cell
        else:
            try:
                number = float(decode_lettered(text))
            except ValueError:
                return None, f"{cell!r} is not a number"
        if not abs(number) <= MAX_NUMBER:  # also NaN and infinities
            return None, f"{cell!r} is not a number a list holds (finite, at most 2**53)"
        return number, ""
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


def _blank(cell: Any) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _column_letter(position: int) -> str:
    """The spreadsheet letter of a 0-based column position (0 → "A", 16383 → "XFD")."""
    letters = ""
    position += 1
    while position:
        position, rest = divmod(position - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _row_values(row: tuple[Any, ...], formula_row: tuple[Any, ...], names: list[str | None], kinds: list[str]
                ) -> tuple[dict[str, Any], list[tuple[str, str, str]], list[tuple[str, str]]]:
    """One data row's values by column name; its problems (column, value, problem); and its dates
    written as text (column, text), which are read per column once the rows are in. A formula with no
    computed value, or a value in a column with no header, is a problem."""
    values: dict[str, Any] = {}
    problems: list[tuple[str, str, str]] = []
    pending: list[tuple[str, str]] = []
    for position, column in enumerate(names):
        if column is None:
            continue
        name = column
        cell = row[position] if position < len(row) else None
        formula = formula_row[position] if position < len(formula_row) else None
        if cell is None and isinstance(formula, str) and formula.startswith("="):
            problems.append((name, formula, "the cell holds a formula with no computed value "
                                            "(open and save the workbook in a spreadsheet program)"))
            values[name] = None
            continue
        if kinds[position] == "date" and isinstance(cell, str) and cell.strip() \
                and cell.strip().upper() not in _EXCEL_ERRORS:
            values[name] = None
            pending.append((name, cell))
            continue
        value, problem = _read_value(cell, kinds[position])
        values[name] = value
        if problem:
            problems.append((name, str(cell), problem))
    for position, cell in enumerate(row):
        if not _blank(cell) and (position >= len(names) or names[position] is None):
            letter = _column_letter(position)
            problems.append((letter, str(cell), f"the cell in column {letter} is under no header: not read"))
    return values, problems, pending


def _sheet_rows(sheet: Any, file: str) -> dict[int, tuple[Any, ...]]:
    """The sheet's rows that hold a value, by sheet row number, read as the cells are stored: the
    sheet's recorded dimension is ignored (a stale one hides rows; one reaching XFD1048576 makes
    every row that wide). More than :data:`MAX_ROWS` such rows is an Error naming the sheet."""
    if hasattr(sheet, "reset_dimensions"):
        sheet.reset_dimensions()
    rows: dict[int, tuple[Any, ...]] = {}
    for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        if not row or all(c is None for c in row):
            continue
        if len(rows) >= MAX_ROWS:
            raise Error(f"{file}: sheet {sheet.title!r} has more than {MAX_ROWS:,} rows with values "
                        f"(the most a worksheet holds): not read")
        rows[number] = tuple(row)
    return rows


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
