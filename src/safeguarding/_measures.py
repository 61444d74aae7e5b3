"""The returns' timeliness measures, shared by the SSDA903 and CIN census readers: the events the
compiled builders make from a return's columns are run through the timeliness engine
(:func:`safeguarding.timeliness`) for a reporting year, and every instance is traced back to the
rule and edition that judged it and to the rows of the return behind it (see docs/returns.md)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Optional

import numpy as np
import numpy.typing as npt
import pandas as pd  # type: ignore[import-untyped]  # pandas ships no type information

from . import _core
from ._calendar import Calendar
from ._returns import ReportingYear, YearLike
from ._rules import RuleCatalogue
from ._timeliness import timeliness

#: Why a row of a return gives no event to the engine: reason -> explanation.
LEFT_OUT: dict[str, str] = dict(_core.returns_left_out_reasons)
_LEFT_OUT_NAMES = list(LEFT_OUT)

#: The columns every measure's instances add to the engine's: where each instance came from.
TRACE_COLUMNS = ("child", "source", "confidence", "start_table", "start_file", "start_file_row",
                 "stop_table", "stop_file", "stop_file_row")


def days(column: pd.Series) -> npt.NDArray[np.int64]:
    """A datetime64 column as serial days (NaT stays numpy's NaT, the smallest int64)."""
    values: npt.NDArray[np.int64] = np.ascontiguousarray(column.to_numpy().astype("datetime64[D]")).view(np.int64)
    return values


def codes(column: pd.Series) -> npt.NDArray[np.int64]:
    """A categorical column's codes as int64 (-1 for missing)."""
    values: npt.NDArray[np.int64] = np.ascontiguousarray(column.cat.codes.to_numpy(), dtype=np.int64)
    return values


def integers(column: pd.Series) -> npt.NDArray[np.int64]:
    """A nullable whole-number column as int64 (missing as -1: ids are positive)."""
    values: npt.NDArray[np.int64] = np.ascontiguousarray(column.to_numpy(dtype=np.int64, na_value=-1))
    return values


@dataclass(frozen=True)
class TimelinessFigure:
    """A timeliness measure for a reporting year: of the things done in the year (``done``: reviews
    held, assessments authorised, conferences held), how many were in timescale, and what was still
    outstanding at the year's end. ``rule`` is the rule asked for (the first link of a chain),
    ``rules`` every rule that judged an instance, and ``source`` their citations (edition, source,
    confidence) as the rule catalogue gives them.

    * ``in_timescale``: done on or before the due date (status met);
    * ``out_of_timescale``: done after it (late);
    * ``overdue``: not done by the year's end, and due before it;
    * ``missed``: closed unfinished in the year (the child ceased to be looked after, the plan
      ended) after the due date;
    * ``share``: in_timescale / done.
    """

    measure: str
    year: ReportingYear
    rule: str
    rules: tuple[str, ...]
    source: str
    done: int
    in_timescale: int
    out_of_timescale: int
    overdue: int
    missed: int

    @property
    def share(self) -> float:
        """in_timescale / done, or NaN when nothing was done."""
        return self.in_timescale / self.done if self.done else float("nan")

    @property
    def percent(self) -> float:
        return 100.0 * self.share

    def __iter__(self) -> Any:
        return iter((self.in_timescale, self.done))

    def __str__(self) -> str:
        share = f" ({self.percent:.1f}%)" if self.done else ""
        return (
            f"{self.measure} in {self.year.label}: {self.in_timescale} of {self.done} in timescale{share}; "
            f"{self.overdue} overdue at {self.year.end:%d %B %Y}, {self.missed} missed [rule {self.rule}]"
        )


def run(
    raw: Mapping[str, Any],
    tables: Mapping[str, pd.DataFrame],
    id_columns: Mapping[str, str],
    rule: str,
    year: YearLike,
    calendar: Optional[Calendar],
    catalogue: Optional[RuleCatalogue],
    case_labels: Optional[pd.CategoricalDtype] = None,
) -> pd.DataFrame:
    """Runs the engine over the events `raw` (made by a compiled builder from `tables`) as of the
    end of the reporting year and returns the year's instances, traced (see the module's doc)."""
    period = ReportingYear.of(year)
    catalogue = catalogue or RuleCatalogue.builtin()
    calendar = calendar or Calendar.england_and_wales()
    event_ids = [event_id for event_id, _ in catalogue.events]
    case = raw["case"]
    events = pd.DataFrame(
        {
            "case": case if case_labels is None else pd.Categorical.from_codes(case.astype(np.int32), dtype=case_labels, validate=False),
            "event": pd.Categorical.from_codes(raw["event"], categories=pd.Index(event_ids, dtype=object), validate=False),
            "date": raw["date"].view("datetime64[D]"),
        },
        copy=False,
    )
    result = timeliness(events, rules=rule, calendar=calendar, as_of=period.end, catalogue=catalogue)
    quality = result.attrs["data_quality"]
    sources: list[str] = list(raw["sources"])
    source, source_row = raw["source"], raw["source_row"]
    start_row = result["start_row"].to_numpy()
    stop_row = result["stop_row"].to_numpy()
    has_stop = stop_row >= 0
    safe_stop = np.where(has_stop, stop_row, 0)

    # The year's instances: done in it; still outstanding at its end; or closed unfinished in it.
    start, end = np.datetime64(period.start, "D"), np.datetime64(period.end, "D")
    completed = result["completed"].to_numpy().astype("datetime64[D]")
    closed = np.where(has_stop, raw["date"][safe_stop], np.iinfo(np.int64).min).view("datetime64[D]")
    status = result["status"].astype(str).to_numpy()
    keep = (
        ((completed >= start) & (completed <= end))
        | np.isin(status, ("overdue", "open"))
        | (np.isin(status, ("missed", "ended")) & (closed >= start) & (closed <= end))
    )
    out = result[keep].reset_index(drop=True)
    start_row, stop_row, has_stop, safe_stop = start_row[keep], stop_row[keep], has_stop[keep], safe_stop[keep]

    # Where each instance came from: the rows of the return behind its start and its stop.
    def trace(rows: npt.NDArray[np.int64], present: npt.NDArray[np.bool_]) -> tuple[Any, Any, Any, Any]:
        """The table, file, file row and child's id code of each event row (where present)."""
        table = np.where(present, source[rows], -1).astype(np.int8)
        position = source_row[rows]
        files = np.full(len(rows), -1, dtype=np.int64)
        file_rows = np.zeros(len(rows), dtype=np.int64)
        child = np.full(len(rows), -1, dtype=np.int64)
        file_names: dict[str, int] = {}
        for k, name in enumerate(sources):
            mask = table == k
            if not mask.any():
                continue
            frame, at = tables[name], position[mask]
            remap = np.array([file_names.setdefault(str(n), len(file_names)) for n in frame["file"].cat.categories], dtype=np.int64)
            files[mask] = remap[frame["file"].cat.codes.to_numpy()[at]]
            file_rows[mask] = frame["row"].to_numpy()[at]
            child[mask] = codes(frame[id_columns[name]])[at]
        row_numbers = pd.arrays.IntegerArray(file_rows, ~present)
        return (
            pd.Categorical.from_codes(table, categories=pd.Index(sources, dtype=object), validate=False),
            pd.Categorical.from_codes(files, categories=pd.Index(list(file_names), dtype=object), validate=False),
            row_numbers,
            child,
        )

    start_table, start_file, start_file_row, child = trace(start_row, np.ones(len(start_row), dtype=bool))
    stop_table, stop_file, stop_file_row, _ = trace(safe_stop, has_stop)
    id_dtype = tables[sources[0]][id_columns[sources[0]]].dtype
    out.insert(1, "child", pd.Categorical.from_codes(child, dtype=id_dtype, validate=False))
    citation, confidence = citations(out, catalogue)
    out["source"] = citation
    out["confidence"] = confidence
    out["start_table"], out["start_file"], out["start_file_row"] = start_table, start_file, start_file_row
    out["stop_table"], out["stop_file"], out["stop_file_row"] = stop_table, stop_file, stop_file_row
    out.attrs["data_quality"] = quality
    out.attrs["rule"] = rule
    out.attrs["year"] = period
    out.attrs["as_of"] = period.end
    out.attrs["calendar"] = calendar.name
    out.attrs["not_judged"] = not_judged(raw, tables, id_columns, quality.row_use)
    return out


def citations(instances: pd.DataFrame, catalogue: RuleCatalogue) -> tuple[pd.Categorical, pd.Categorical]:
    """Each instance's edition citation ("edition: source") and confidence, from the catalogue."""
    text: dict[tuple[str, str], tuple[str, str]] = {}
    for r in catalogue:
        for e in r.editions:
            text[(r.id, e.name)] = (f"{r.id} ({e.name}, {e.timescale_text}): {e.source}", e.confidence)
    keys = pd.MultiIndex.from_arrays([instances["rule"].astype(str), instances["edition"].astype(str)])
    unique, inverse = np.unique(keys.codes[0] * max(len(keys.levels[1]), 1) + keys.codes[1], return_inverse=True)
    labels, confidences = [], []
    for u in unique:
        r, e = keys.levels[0][u // max(len(keys.levels[1]), 1)], keys.levels[1][u % max(len(keys.levels[1]), 1)]
        cited, conf = text.get((r, e), ("", ""))
        labels.append(cited)
        confidences.append(conf)
    inverse = np.asarray(inverse, dtype=np.int64).ravel()
    citation = pd.Categorical.from_codes(inverse, categories=pd.Index(labels, dtype=object), validate=False) if labels else pd.Categorical([])
    confidence = pd.Categorical(np.asarray(confidences, dtype=object)[inverse]) if labels else pd.Categorical([])
    return citation, confidence


def not_judged(raw: Mapping[str, Any], tables: Mapping[str, pd.DataFrame], id_columns: Mapping[str, str], row_use: pd.Series) -> pd.DataFrame:
    """The rows of the return that no instance used: those left out before the engine (with the
    builder's reason) and those the engine did not use (with its row use: after_as_of, problem, ...)."""
    sources: list[str] = list(raw["sources"])
    use = row_use.astype(str).to_numpy()
    unused = np.flatnonzero(use != "used")
    parts = [
        (raw["left_source"], raw["left_row"], np.asarray(_LEFT_OUT_NAMES, dtype=object)[raw["left_reason"]]),
        (raw["source"][unused], raw["source_row"][unused], use[unused]),
    ]
    frames = []
    for table_codes, rows, reasons in parts:
        for k, name in enumerate(sources):
            mask = table_codes == k
            if not mask.any():
                continue
            frame = tables[name]
            at = rows[mask]
            frames.append(pd.DataFrame({
                "table": name,
                "file": frame["file"].to_numpy()[at],
                "row": frame["row"].to_numpy()[at],
                "child": frame[id_columns[name]].to_numpy()[at],
                "position": at,
                "reason": reasons[mask],
            }))
    if not frames:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in ("table", "file", "row", "child", "position", "reason")})
    out = pd.concat(frames, ignore_index=True)
    return out.drop_duplicates(["table", "position", "reason"]).reset_index(drop=True)


def figure(instances: pd.DataFrame, measure: str, catalogue: Optional[RuleCatalogue] = None) -> TimelinessFigure:
    """The year's figure from a measure's instances (see :class:`TimelinessFigure`)."""
    period: ReportingYear = instances.attrs["year"]
    start, end = np.datetime64(period.start, "D"), np.datetime64(period.end, "D")
    completed = instances["completed"].to_numpy().astype("datetime64[D]")
    done = (completed >= start) & (completed <= end)
    status = instances["status"].astype(str).to_numpy()
    met = int((done & (status == "met")).sum())
    late = int((done & (status == "late")).sum())
    rules = tuple(dict.fromkeys(str(r) for r in instances["rule"]))
    cited = tuple(dict.fromkeys(str(c) for c in instances["source"]))
    if not cited:
        catalogue = catalogue or RuleCatalogue.builtin()
        chain = catalogue.chain(instances.attrs["rule"])
        cited = tuple(f"{r.id} ({r.editions[-1].name}, {r.editions[-1].timescale_text}): {r.source}" for r in chain)
    return TimelinessFigure(
        measure=measure,
        year=period,
        rule=str(instances.attrs["rule"]),
        rules=rules or (str(instances.attrs["rule"]),),
        source="; ".join(cited),
        done=met + late,
        in_timescale=met,
        out_of_timescale=late,
        overdue=int((status == "overdue").sum()),
        missed=int((status == "missed").sum()),
    )


def by_month(instances: pd.DataFrame, held: pd.Series) -> pd.DataFrame:
    """Month by month of the reporting year (April to March): what was done (``held``: the dates
    of every such row of the return, judged or not), in and out of timescale, and not judged (left
    out or unusable: see ``attrs["not_judged"]``). Held = in + out + not judged in every month."""
    period: ReportingYear = instances.attrs["year"]
    months = pd.period_range(pd.Timestamp(period.start), pd.Timestamp(period.end), freq="M", name="month")
    in_year = held[(held >= pd.Timestamp(period.start)) & (held <= pd.Timestamp(period.end))]
    count_held = in_year.dt.to_period("M").value_counts().reindex(months, fill_value=0)
    completed = instances["completed"]
    done = instances[(completed >= pd.Timestamp(period.start)) & (completed <= pd.Timestamp(period.end))]
    month = done["completed"].dt.to_period("M")
    status = done["status"].astype(str)
    met = month[status == "met"].value_counts().reindex(months, fill_value=0)
    late = month[status == "late"].value_counts().reindex(months, fill_value=0)
    table = pd.DataFrame({
        "held": count_held.to_numpy(dtype=np.int64),
        "in_timescale": met.to_numpy(dtype=np.int64),
        "out_of_timescale": late.to_numpy(dtype=np.int64),
    }, index=months)
    judged = table["in_timescale"] + table["out_of_timescale"]
    with np.errstate(invalid="ignore", divide="ignore"):
        table["percent_in_timescale"] = np.where(judged > 0, 100.0 * table["in_timescale"] / judged.where(judged > 0, 1), np.nan)
    table["not_judged"] = table["held"] - judged
    if (table["not_judged"] < 0).any():  # pragma: no cover - every judged row is a held row
        raise AssertionError("more reviews judged than held")
    table.attrs["rule"] = instances.attrs["rule"]
    table.attrs["rules"] = tuple(dict.fromkeys(str(r) for r in instances["rule"]))
    table.attrs["source"] = "; ".join(dict.fromkeys(str(c) for c in instances["source"]))
    table.attrs["year"] = period
    return table


__all__ = ["LEFT_OUT", "TimelinessFigure", "by_month", "figure", "run"]
