"""What the readers of the statutory returns share: the reporting year, proportions, turning the
compiled readers' columns into pandas DataFrames, and the data-quality findings and summary."""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from typing import Any, Iterator, Mapping, NamedTuple, Optional, Union

import numpy as np
import pandas as pd  # type: ignore[import-untyped]  # pandas ships no type information

from ._errors import Error

#: The columns of every findings DataFrame.
FINDING_COLUMNS = ("file", "table", "child", "row", "column", "where", "value", "problem", "action")

YearLike = Union[int, str, "ReportingYear"]


class ReportingYear(NamedTuple):
    """A reporting year, 1 April to 31 March, named by the year it ends in (as DfE's "year ending
    31 March 2019"): ``ReportingYear.of(2019)``, ``ReportingYear.of("2018-19")`` and
    ``ReportingYear.of("2018/19")`` are all 1 April 2018 to 31 March 2019.

    >>> ReportingYear.of("2018-19")
    ReportingYear(start=datetime.date(2018, 4, 1), end=datetime.date(2019, 3, 31))
    >>> ReportingYear.of(2019).label
    '2018-19'
    """

    start: _dt.date
    end: _dt.date

    @classmethod
    def of(cls, year: YearLike) -> ReportingYear:
        if isinstance(year, ReportingYear):
            return year
        if isinstance(year, (bool, np.bool_)):
            raise Error(f"reporting year: expected a year such as 2019 or '2018-19', got {year!r}")
        if isinstance(year, (int, np.integer)):
            ending = int(year)
        elif isinstance(year, str):
            match = re.fullmatch(r"\s*(\d{4})\s*(?:[-/_]\s*(\d{2}|\d{4}))?\s*", year)
            if not match:
                raise Error(f"reporting year: {year!r} is not a year such as 2019 or '2018-19'")
            first = int(match.group(1))
            if match.group(2) is None:
                ending = first
            else:
                second = int(match.group(2))
                if second % 100 != (first + 1) % 100:
                    raise Error(f"reporting year: {year!r} does not name consecutive years")
                ending = first + 1
        else:
            raise Error(f"reporting year: expected a year such as 2019 or '2018-19', got {type(year).__name__} {year!r}")
        if not 1901 <= ending <= 9999:
            raise Error(f"reporting year: {year!r} is out of range")
        return cls(_dt.date(ending - 1, 4, 1), _dt.date(ending, 3, 31))

    @property
    def label(self) -> str:
        """``"2018-19"``."""
        return f"{self.start.year}-{self.end.year % 100:02d}"

    def contains(self, dates: pd.Series) -> pd.Series:
        """Which of the dates fall in the year (a missing date does not)."""
        return (dates >= pd.Timestamp(self.start)) & (dates <= pd.Timestamp(self.end))


#: The counting measures' definitions, by id: where each is defined, and the confidence in
#: reading it so. Each counting method's result names its definition (``Proportion.measure`` and
#: ``.source``; a DataFrame's ``attrs["measure"]`` and ``attrs["source"]``); the timeliness
#: measures name the rules of the rule catalogue that judged them instead (docs/returns.md).
COUNTING_MEASURES: dict[str, str] = {
    "ssda903.participation": "DfE SSDA903 guidance, REVIEW_CODE (participation codes PN0-PN7); "
    "tabulated in the IRO annual report, seed 003 §3.10.4 (confidence: high)",
    "ssda903.reasons_ceased": "DfE SSDA903 guidance, REC (reason episode ceased; X1: the episode is followed by "
    "another in the same period of care); seed 003 §3.10.6.5 (confidence: high)",
    "ssda903.looked_after_at_31_march": "DfE SSDA903 guidance (DECOM, DEC); DfE 'Children looked after in England' "
    "statistics leave short breaks (LS V3, V4) out (confidence: check)",
    "ssda903.placements": "DfE SSDA903 guidance, RNE codes (L: a change of legal status only, not a placement move); "
    "seed 003 §3.10.6.1 (confidence: check)",
    "ssda903.three_or_more_placements": "DfE placement stability measure: children looked after at 31 March with three "
    "or more placements during the year (confidence: check)",
    "ssda903.missing_episodes": "DfE SSDA903 guidance, missing table (MISSING M or A, MIS_START, MIS_END) "
    "(confidence: high)",
    "cin.referrals": "DfE CIN census guidance, CINreferralDate and ReferralNFA (confidence: high)",
    "cin.re_referrals": "DfE 'Characteristics of children in need' statistics: a referral within 12 months of the "
    "same child's previous referral (confidence: check)",
    "cin.nfa_referrals": "DfE CIN census guidance, ReferralNFA: referrals leading to no further action "
    "(confidence: high)",
    "cin.plans_lasting_two_years_or_more": "DfE 'Characteristics of children in need' statistics: child protection "
    "plans ending in the year that lasted two years or more (confidence: check)",
    "cin.second_or_later_plans": "DfE 'Characteristics of children in need' statistics: plans starting in the year "
    "for a child previously the subject of a plan (NumberOfPreviousCPP) (confidence: check)",
}


def counted(frame: pd.DataFrame, measure: str, year: Optional[ReportingYear] = None) -> pd.DataFrame:
    """`frame` with the counting measure's id and source (and the year) in its attrs."""
    frame.attrs.update({"measure": measure, "source": COUNTING_MEASURES[measure]})
    if year is not None:
        frame.attrs["year"] = year
    return frame


@dataclass(frozen=True)
class Proportion:
    """``count`` of ``total``, with the share as a fraction; prints as "45 of 429 (10.5%)" and
    unpacks as ``(count, total)``. ``measure`` names the counting measure's definition and
    ``source`` where it comes from (:data:`COUNTING_MEASURES`)."""

    count: int
    total: int
    measure: str = ""

    @property
    def source(self) -> str:
        """Where the measure is defined (empty for a proportion of no named measure)."""
        return COUNTING_MEASURES.get(self.measure, "")

    @property
    def share(self) -> float:
        """count / total, or NaN when the total is 0."""
        return self.count / self.total if self.total else float("nan")

    def __iter__(self) -> Iterator[int]:
        return iter((self.count, self.total))

    def __str__(self) -> str:
        if not self.total:
            return f"{self.count} of 0"
        return f"{self.count} of {self.total} ({100 * self.share:.1f}%)"


def _column(kind: str, payload: Any, dtypes: dict[int, Any]) -> Any:
    if kind in ("id", "code", "text"):
        codes, categories = payload
        # Tables share their id column's categories (one Python list): checking that 100,000 ids
        # are unique once per load, not once per table, matters.
        dtype = dtypes.get(id(categories))
        if dtype is None:
            dtype = dtypes[id(categories)] = pd.CategoricalDtype(pd.Index(categories, dtype=object))
        return pd.Categorical.from_codes(codes, dtype=dtype, validate=False)
    if kind == "date":
        days = np.asarray(payload)
        return days.view("datetime64[D]").astype("datetime64[s]")
    if kind == "integer":
        values = np.asarray(payload)
        mask = values == np.iinfo(np.int64).min
        return pd.arrays.IntegerArray(np.where(mask, 0, values), mask)
    if kind == "flag":
        values = np.asarray(payload)
        return pd.arrays.BooleanArray(values == 1, values < 0)
    raise Error(f"unknown column type {kind!r}")  # pragma: no cover - the compiled readers give only these


def frames(raw: dict[str, Any]) -> dict[str, pd.DataFrame]:
    """The compiled reader's tables as DataFrames: the return's columns, then ``file`` (the file it
    came from, categorical) and ``row`` (its row there: CSV record number counting the header as
    row 1, or the XML element's line)."""
    files = pd.Index(raw["files"], dtype=object)
    out: dict[str, pd.DataFrame] = {}
    dtypes: dict[int, Any] = {}
    for name, table in raw["tables"].items():
        data = {column: _column(kind, payload, dtypes) for column, kind, payload in table["columns"]}
        data["file"] = pd.Categorical.from_codes(table["file"], categories=files, validate=False)
        data["row"] = table["row"]
        out[name] = pd.DataFrame(data, copy=False)
    return out


def findings_frame(raw: Any) -> pd.DataFrame:
    """The compiled reader's findings (its ``ReturnFindings``) as a DataFrame."""
    findings = raw.columns()
    frame = pd.DataFrame({name: pd.Series(findings[name], dtype=object) for name in FINDING_COLUMNS})
    frame["row"] = pd.array(findings["row"], dtype="Int64")
    frame.loc[frame["row"] == 0, "row"] = pd.NA
    return frame


def summary_frame(counts: list[tuple[str, int, int, int, int]], per_table: Mapping[str, int]) -> pd.DataFrame:
    """Per table: rows read, used, rejected (bad rows), merged (duplicates stitched into another
    row) and the number of findings (`per_table`: findings per table name); read = used +
    rejected + merged."""
    summary = pd.DataFrame(counts, columns=["table", "read", "used", "rejected", "merged"]).set_index("table")
    summary["findings"] = [int(per_table.get(t, 0)) for t in summary.index]
    if not (summary["read"] == summary["used"] + summary["rejected"] + summary["merged"]).all():
        raise AssertionError("row accounting does not add up")  # pragma: no cover - checked in C++ too
    return summary


def plural(count: int, noun: str) -> str:
    """'1 finding', '2,675 findings'."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def summary_text(summary: pd.DataFrame, other: int) -> str:
    """One line per table with rows, in words, and the number of findings about files or
    elements outside any table (`other`)."""
    lines = []
    for table, row in summary.iterrows():
        if row["read"] == 0 and row["findings"] == 0:
            continue
        lines.append(
            f"{table}: {row['read']:,} rows read = {row['used']:,} used + {row['rejected']:,} rejected"
            f" + {row['merged']:,} merged; {plural(int(row['findings']), 'finding')}"
        )
    if other:
        lines.append(f"{plural(other, 'finding')} about files or elements outside any table")
    return "\n".join(lines)


class Loaded:
    """What every loaded return has: its tables, its findings and the row-accounting summary."""

    __slots__ = ()
    tables: dict[str, pd.DataFrame]
    summary: pd.DataFrame

    @property
    def findings(self) -> pd.DataFrame:
        raise NotImplementedError  # pragma: no cover - every reader defines it

    def table(self, name: str) -> pd.DataFrame:
        """A table by name; an Error naming the tables there are when it is not one of them."""
        if name not in self.tables:
            raise Error(f"no table {name!r} (the tables are {', '.join(self.tables)})")
        return self.tables[name]

    def summary_text(self) -> str:
        """The row accounting in words: rows read = used + rejected + merged, per table."""
        return summary_text(self.summary, self._findings_outside_tables())

    def _findings_outside_tables(self) -> int:
        findings = self.findings
        return int((findings["table"] == "").sum()) if len(findings) else 0


class CompiledFindings(Loaded):
    """A return read by the compiled readers, whose findings stay in C++ until first asked for
    (a national-scale load of several years has hundreds of thousands)."""

    __slots__ = ("_raw_findings", "_findings", "_per_table")
    _raw_findings: Any
    _findings: Optional[pd.DataFrame]
    _per_table: dict[str, int]

    def _keep_findings(self, raw: Any) -> None:
        self._raw_findings = raw
        self._findings = None
        self._per_table = {str(k): int(v) for k, v in raw.per_table().items()}

    @property
    def findings(self) -> pd.DataFrame:
        """Every data-quality finding: file, table, child, row, column, where, value, problem,
        action (see docs/returns.md)."""
        if self._findings is None:
            self._findings = findings_frame(self._raw_findings)
            self._raw_findings = None
        return self._findings

    def _findings_outside_tables(self) -> int:
        return self._per_table.get("", 0)

    @property
    def finding_count(self) -> int:
        """How many findings there are (without making their DataFrame)."""
        return sum(self._per_table.values())


def in_year(dates: pd.Series, year: ReportingYear) -> pd.Series:
    return year.contains(dates).fillna(False).astype(bool)
