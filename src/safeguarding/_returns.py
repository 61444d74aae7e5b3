"""What the readers of the statutory returns share: the reporting year, proportions and measure
tables (typed results around the compiled measures), turning the compiled readers' columns into
pandas DataFrames, and the data-quality findings and summary.

Every figure is computed in C++ (safeguarding._core.returns); this module only converts arguments
and presents results."""

from __future__ import annotations

import datetime as _dt
from typing import Any, Union
from collections.abc import Iterator, Mapping, Sequence

import numpy as np
import numpy.typing as npt
import pandas as pd  # type: ignore[import-untyped]  # pandas ships no type information

from . import _core
from ._errors import Error
from .reports._mixin import ReportMixin

_r = _core.returns

#: The columns of every findings DataFrame.
FINDING_COLUMNS = ("file", "table", "child", "row", "column", "where", "value", "problem", "action")

YearLike = Union[int, str, "ReportingYear"]


class ReportingYear:
    """A reporting year, 1 April to 31 March, named by the year it ends in (as DfE's "year ending
    31 March 2019"): ``ReportingYear.of(2019)``, ``ReportingYear.of("2018-19")`` and
    ``ReportingYear.of("2018/19")`` are all 1 April 2018 to 31 March 2019.

    >>> ReportingYear.of("2018-19")
    ReportingYear(start=datetime.date(2018, 4, 1), end=datetime.date(2019, 3, 31))
    >>> ReportingYear.of(2019).label
    '2018-19'
    """

    __slots__ = ("_impl",)

    def __init__(self, impl: _core.returns.ReportingYear) -> None:
        self._impl = impl

    @classmethod
    def of(cls, year: YearLike) -> ReportingYear:
        if isinstance(year, ReportingYear):
            return year
        if isinstance(year, (bool, np.bool_)):
            raise Error(f"reporting year: expected a year such as 2019 or '2018-19', got {year!r}")
        if isinstance(year, (int, np.integer)):
            return cls(_r.ReportingYear(int(year)))
        if isinstance(year, str):
            return cls(_r.ReportingYear.parse(year))
        raise Error(f"reporting year: expected a year such as 2019 or '2018-19', got {type(year).__name__} {year!r}")

    @property
    def start(self) -> _dt.date:
        """1 April."""
        return self._impl.start

    @property
    def end(self) -> _dt.date:
        """31 March."""
        return self._impl.end

    @property
    def label(self) -> str:
        """``"2018-19"``."""
        return self._impl.label

    def contains(self, dates: pd.Series) -> pd.Series:
        """Which of the dates fall in the year (a missing date does not)."""
        return (dates >= pd.Timestamp(self.start)) & (dates <= pd.Timestamp(self.end))

    def __iter__(self) -> Iterator[_dt.date]:
        return iter((self.start, self.end))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ReportingYear) and self._impl == other._impl

    def __hash__(self) -> int:
        return hash(self._impl)

    def __repr__(self) -> str:
        return f"ReportingYear(start={self.start!r}, end={self.end!r})"


#: The counting measures' definitions, by id: where each is defined, and the confidence in
#: reading it so (defined once, in C++). Each counting result names its definition
#: (``.measure`` and ``.source``); the timeliness measures name the rules of the rule catalogue
#: that judged them instead (docs/returns.md).
COUNTING_MEASURES: dict[str, str] = dict(_r.counting_measures)


class Proportion(ReportMixin):
    """``count`` of ``total``, with the share as a fraction; prints as "45 of 429 (10.5%)" and
    unpacks as ``(count, total)``. ``measure`` names the counting measure's definition and
    ``source`` where it comes from (:data:`COUNTING_MEASURES`)."""

    __slots__ = ("_impl",)

    def __init__(self, count: int, total: int, measure: str = "") -> None:
        self._impl = _r.Proportion(count, total, measure)

    @classmethod
    def _wrap(cls, impl: _core.returns.Proportion) -> Proportion:
        out = cls.__new__(cls)
        out._impl = impl
        return out

    @property
    def count(self) -> int:
        return self._impl.count

    @property
    def total(self) -> int:
        return self._impl.total

    @property
    def measure(self) -> str:
        return self._impl.measure

    @property
    def source(self) -> str:
        """Where the measure is defined (empty for a proportion of no named measure)."""
        return self._impl.source

    @property
    def share(self) -> float:
        """count / total, or NaN when the total is 0."""
        return self._impl.share

    def __iter__(self) -> Iterator[int]:
        return iter((self.count, self.total))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Proportion):
            return False
        return (self.count, self.total, self.measure) == (other.count, other.total, other.measure)

    def __hash__(self) -> int:
        return hash((self.count, self.total, self.measure))

    def __str__(self) -> str:
        return str(self._impl)

    def __repr__(self) -> str:
        return f"Proportion(count={self.count}, total={self.total}, measure={self.measure!r})"


class MeasureTable(ReportMixin):
    """A table a measure gives (participation codes, placements, the monthly review table, Annex
    A's overdue checks, …) with what it was counted by: ``measure`` (a counting measure's id, or
    what a timeliness measure counts), ``source`` (where the definition comes from: the counting
    measure's source, or the rules' editions), the reporting ``year`` or the date it is ``as_of``,
    and for timeliness tables the ``rule`` asked for and the ``rules`` that judged. ``to_frame()``
    gives the table as a DataFrame."""

    __slots__ = ("_frame", "measure", "source", "year", "as_of", "rule", "rules", "calendar")

    def __init__(
        self,
        frame: pd.DataFrame,
        measure: str,
        source: str = "",
        year: ReportingYear | None = None,
        as_of: _dt.date | None = None,
        rule: str = "",
        rules: Sequence[str] = (),
        calendar: str = "",
    ) -> None:
        self._frame = frame
        self.measure = measure
        self.source = source or COUNTING_MEASURES.get(measure, "")
        self.year = year
        self.as_of = as_of
        self.rule = rule
        self.rules = tuple(rules)
        self.calendar = calendar

    def to_frame(self) -> pd.DataFrame:
        """The table (a copy: changing it changes nothing here)."""
        return self._frame.copy()

    @property
    def empty(self) -> bool:
        return bool(self._frame.empty)

    def __len__(self) -> int:
        return len(self._frame)

    def _title(self) -> str:
        when = f" in {self.year.label}" if self.year is not None else f" as of {self.as_of}" if self.as_of else ""
        rule = f" [rule {self.rule}]" if self.rule else ""
        return f"{self.measure}{when}{rule}"

    def __repr__(self) -> str:
        return f"<MeasureTable {self._title()}: {len(self)} rows>\n{self._frame.to_string()}"


def _code_dtype(categories: int) -> type[np.signedinteger[Any]]:
    """The narrowest integer type pandas keeps a Categorical's codes in for that many categories
    (codes of a wider type are converted again by pandas, a copy more)."""
    for dtype in (np.int8, np.int16, np.int32):
        if categories < np.iinfo(dtype).max:
            return dtype
    return np.int64


def _categories_dtype(categories: pd.Index) -> pd.CategoricalDtype:
    """The CategoricalDtype of a compiled reader's dictionary. Its values are unique and none is
    null by construction (the core interns each value once), so pandas' checks of both (a hash
    table of every value, which the Index would then keep, and a scan: 2 ms and 1.9 MiB for 39,000
    ids) are skipped through pandas' own fast path (``_from_fastpath``, in pandas 1.x to 3.x)."""
    fastpath = getattr(pd.CategoricalDtype, "_from_fastpath", None)
    if fastpath is None:  # pragma: no cover - every pandas the package supports has it
        dtype = pd.CategoricalDtype(categories)
        getattr(dtype.categories, "_cache", {}).pop("_engine", None)  # the uniqueness check's hash table
        return dtype
    return fastpath(categories, False)


def _column(kind: str, payload: Any, dtypes: dict[int, Any]) -> Any:
    # Every column is copied out of the core's read-only views exactly once, into an array the
    # DataFrame owns: pandas writes a user's assignment into the array it holds (it copies only
    # arrays another pandas object shares), and a read-only one would refuse it.
    if kind in ("id", "code", "text"):
        codes, categories = payload
        # Tables share their id column's categories (one array of Python strings, which the Index
        # takes without a copy): checking that 100,000 ids are unique once per load, not once per
        # table, matters.
        dtype = dtypes.get(id(categories))
        if dtype is None:
            dtype = dtypes[id(categories)] = _categories_dtype(pd.Index(categories, dtype=object, copy=False))
        # Copied straight into the width pandas keeps (int8 for a code list, int16 or int32 for ids).
        narrow = np.asarray(codes).astype(_code_dtype(len(categories)))
        return pd.Categorical.from_codes(narrow, dtype=dtype, validate=False)
    if kind == "date":
        return days_to_datetimes(payload)
    if kind == "integer":
        values = np.asarray(payload)
        mask = values == np.iinfo(np.int64).min
        return pd.arrays.IntegerArray(np.where(mask, 0, values), mask)
    if kind == "flag":
        values = np.asarray(payload)
        return pd.arrays.BooleanArray(values == 1, values < 0)
    raise Error(f"unknown column type {kind!r}")  # pragma: no cover - the compiled readers give only these


def days_to_datetimes(days: npt.NDArray[np.int64]) -> npt.NDArray[np.datetime64]:
    """Serial days (numpy's NaT for none) as datetime64[s], as pandas keeps them."""
    values: npt.NDArray[np.datetime64] = np.asarray(days).view("datetime64[D]").astype("datetime64[s]")
    return values


def frames(tables: Mapping[str, Any], files: Sequence[str]) -> dict[str, pd.DataFrame]:
    """The compiled reader's tables as DataFrames: the return's columns, then ``file`` (the file it
    came from, categorical) and ``row`` (its row there: CSV record number counting the header as
    row 1, or the XML element's line). The columns are copied from the core's read-only views, so
    that the DataFrames can be changed like any other."""
    # A regional collection's returns share their files (one episodes.csv holds every YEAR), so
    # the core's list names a file once per return: categories are each file once.
    positions, unique_files = pd.factorize(pd.Index(list(files), dtype=object))
    file_index = pd.Index(unique_files, dtype=object)
    file_dtype = _categories_dtype(file_index)  # one for every table (its files are unique: factorized)
    # Each file's category, in the width pandas keeps.
    file_codes = positions.astype(_code_dtype(len(file_index)))
    out: dict[str, pd.DataFrame] = {}
    dtypes: dict[int, Any] = {}
    for name, table in tables.items():
        data = {column: _column(kind, payload, dtypes) for column, kind, payload in table["columns"]}
        file = np.asarray(table["file"])
        if len(file) and file.min() < 0:  # pragma: no cover - the core's rows all name their file
            codes = np.where(file >= 0, file_codes[np.maximum(file, 0)], -1).astype(file_codes.dtype)
        else:
            codes = file_codes[file]
        data["file"] = pd.Categorical.from_codes(codes, dtype=file_dtype, validate=False)
        data["row"] = np.array(table["row"])
        out[name] = pd.DataFrame(data, copy=False)
    return out


def findings_frame(findings: Mapping[str, list[Any]]) -> pd.DataFrame:
    """The compiled reader's findings (columns of a dict) as a DataFrame."""
    frame = pd.DataFrame({name: pd.Series(findings[name], dtype=object) for name in FINDING_COLUMNS})
    frame["row"] = pd.array(findings["row"], dtype="Int64")
    frame.loc[frame["row"] == 0, "row"] = pd.NA
    # Identical findings about many rows stored once (SSDA903 rows merged when returns are
    # stitched): how many rows each finding is about, and their (first, last) row ranges (None for
    # a finding about one row).
    frame["count"] = pd.array(findings["count"], dtype="Int64")
    frame["rows"] = pd.Series(findings["rows"], dtype=object)
    # For SSDA903 rows merged when returns are stitched: the file of the rows kept and the row kept
    # for each row of `rows`, in the same order, as ranges; for one row merged ("rows" None), its
    # kept row as the one range [(k, k)] ("" and None for every other finding).
    frame["kept_file"] = pd.Series(findings["kept_file"], dtype=object)
    frame["kept_rows"] = pd.Series(findings["kept_rows"], dtype=object)
    return frame


def summary_frame(counts: Sequence[tuple[str, int, int, int, int]], findings: Sequence[int]) -> pd.DataFrame:
    """Per table: rows read, used, rejected (bad rows), merged (duplicates stitched into another
    row) and the number of findings (`findings[i]`: about table i); read = used + rejected +
    merged."""
    summary = pd.DataFrame(list(counts), columns=["table", "read", "used", "rejected", "merged"]).set_index("table")
    summary["findings"] = [int(n) for n in findings[: len(summary)]]
    if not (summary["read"] == summary["used"] + summary["rejected"] + summary["merged"]).all():
        raise AssertionError("row accounting does not add up")  # pragma: no cover - the readers check it too
    return summary


def plural(count: int, noun: str) -> str:
    """'1 finding', '2,675 findings'."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


class Loaded:
    """What every loaded return has: its tables, its findings and the row-accounting summary."""

    __slots__ = ()

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        raise NotImplementedError  # pragma: no cover - every reader defines it

    @property
    def summary(self) -> pd.DataFrame:
        raise NotImplementedError  # pragma: no cover - every reader defines it

    @property
    def findings(self) -> pd.DataFrame:
        raise NotImplementedError  # pragma: no cover - every reader defines it

    def table(self, name: str) -> pd.DataFrame:
        """A table by name; an Error naming the tables there are when it is not one of them."""
        tables = self.tables
        if name not in tables:
            raise Error(f"no table {name!r} (the tables are {', '.join(tables)})")
        return tables[name]

    def summary_text(self) -> str:
        """The row accounting in words: rows read = used + rejected + merged, per table."""
        summary = self.summary
        counts = [(str(t), int(r), int(u), int(j), int(m)) for t, r, u, j, m in
                  zip(summary.index, summary["read"], summary["used"], summary["rejected"], summary["merged"])]
        findings = self.findings
        outside = int((findings["table"] == "").sum()) if len(findings) else 0
        return str(_r.summary_text(counts, [int(n) for n in summary["findings"]], outside))


class CompiledReturn(Loaded):
    """A return read by the compiled readers and kept in C++ (``_impl``): its measures are C++
    calls over the return as read; its tables become DataFrames when first asked for, and its
    findings too (a national-scale load of several years has hundreds of thousands)."""

    __slots__ = ("_impl", "_tables", "_summary", "_findings")
    _impl: Any

    def _keep(self, impl: Any) -> None:
        self._impl = impl
        self._tables: dict[str, pd.DataFrame] | None = None
        self._summary: pd.DataFrame | None = None
        self._findings: pd.DataFrame | None = None

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        """The tables by name (DataFrames; see the class's doc). Each read gives DataFrames of their
        own over the same columns, made once: changing one (pandas copies a column when it is first
        written) changes neither what a next read gives nor the return's measures, which are
        computed in C++ from the return as loaded."""
        if self._tables is None:
            self._tables = frames(self._impl.tables(), self._impl.files)
        return {name: frame.copy(deep=False) for name, frame in self._tables.items()}

    @property
    def summary(self) -> pd.DataFrame:
        """Per table: rows read, used, rejected, merged, and the number of findings."""
        if self._summary is None:
            self._summary = summary_frame(self._impl.counts(), self._impl.findings_per_table())
        return self._summary

    @property
    def findings(self) -> pd.DataFrame:
        """Every data-quality finding: file, table, child, row, column, where, value, problem,
        action, and count and rows: identical findings about many rows are one finding, with the
        number of rows and their (first, last) row ranges (see docs/returns.md)."""
        if self._findings is None:
            self._findings = findings_frame(self._impl.findings())
        return self._findings

    def summary_text(self) -> str:
        return str(self._impl.summary_text())

    @property
    def finding_count(self) -> int:
        """How many findings there are (without making their DataFrame)."""
        return int(self._impl.finding_count())

