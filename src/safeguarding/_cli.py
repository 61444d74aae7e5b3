"""The `safeguarding` command (also `python -m safeguarding`): one command per job.

    safeguarding report PARTNERSHIP.json           the governance compliance report
    safeguarding returns PATH… [--year 2019-20]    every measure of the SSDA903, CIN census and Annex A files given
    safeguarding front-door PARTNERSHIP.json CONTACTS [STEPS]   the front door's measures
    safeguarding timeliness EVENTS.csv --rules …   any rule family over a table of events

Each takes ``--as-of DATE`` (YYYY-MM-DD or dd/mm/YYYY, as the readers take dates), ``--format
text|json|html|xlsx`` and ``-o FILE``, and ``--fail-on …`` (what makes it exit with status 1).

Exit status: 0 success; 1 findings of a kind asked for with ``--fail-on``; 2 bad input (a message on
standard error naming the file, row and column or JSON pointer, never a traceback) or a usage error.
On a terminal, long loads show their progress on standard error (not when it is piped).

Every figure written is one of the library's results; the command reads arguments and files, and
writes what the results and their reports say (docs/reports.md)."""

from __future__ import annotations

import argparse
import csv
import datetime as _dt
import re
import shutil
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any, TextIO

from . import __version__
from ._errors import Error

FORMATS = ("text", "json", "html", "xlsx")

FAIL_ON = {
    "report": {"breached": "a finding is breached", "due-soon": "a finding is due soon"},
    "returns": {
        "overdue": "a record is overdue (an Annex A child's, or a review, assessment or conference at the year's end)",
        "rejected": "a row of a return was rejected",
        "findings": "a return has a data-quality finding",
    },
    "front-door": {
        "late": "a contact was decided late",
        "overdue": "a contact is waiting for a decision past its due date",
        "breached": "a contact was decided late or is overdue",
        "rejected": "a row was rejected",
        "findings": "a contact or step has a data-quality finding",
    },
    "timeliness": {
        "overdue": "an instance is overdue",
        "late": "an instance was done late",
        "missed": "an instance was missed",
        "breached": "an instance is late, missed or overdue",
        "findings": "an event row has a data-quality finding",
    },
}


class BadInput(Exception):
    """Bad input found by the command itself (a file that cannot be read, an option's value)."""


# --- Dates, as the readers take them ----------------------------------------------------------------


def parse_day(text: str, what: str) -> _dt.date:
    """A date written YYYY-MM-DD or dd/mm/YYYY (the returns' form; d/m/YYYY too): never month first."""
    from . import _core

    value = text.strip()
    if "/" in value:
        return _core.dates.parse_uk_date(value, what)
    try:
        return _core.dates.parse_date(value, what)
    except Error as error:
        if "is not a date in the form" not in str(error):
            raise  # a date of that form, but no such day: the message says why
        raise Error(f"{what}: {value!r} is not a date in the form YYYY-MM-DD or dd/mm/YYYY") from None


def _percent(text: str) -> float | None:
    if text.strip().lower() in ("none", "no", "off"):
        return None
    try:
        value = float(text.rstrip("%"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a percentage (such as 90) or none") from None
    if not 0 < value <= 100:
        raise argparse.ArgumentTypeError(f"{text!r}: a target is a percentage above 0 and at most 100")
    return value / 100


# --- Progress on a terminal ----------------------------------------------------------------------------


class Progress:
    """A bar on standard error while a command loads and measures, when it is a terminal (never when
    piped or redirected): ``[#####-----] 2/4 reading the CIN census …``."""

    WIDTH = 24

    def __init__(self, stream: IO[str], total: int = 0) -> None:
        self.stream = stream
        self.on = bool(getattr(stream, "isatty", lambda: False)())
        self.total = total
        self.done = 0

    def __call__(self, label: str, total: int | None = None) -> None:
        self.step(label, total)

    def step(self, label: str, total: int | None = None) -> None:
        if total is not None:
            self.total = total
        self.total = max(self.total, self.done + 1)
        if self.on:
            filled = round(self.WIDTH * self.done / self.total)
            columns = shutil.get_terminal_size((80, 20)).columns
            line = f"[{'#' * filled}{'-' * (self.WIDTH - filled)}] {self.done + 1}/{self.total} {label}"
            self.stream.write("\r\x1b[K" + line[: columns - 1])
            self.stream.flush()
        self.done += 1

    def finish(self) -> None:
        if self.on and self.done:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


# --- The parser ------------------------------------------------------------------------------------


def _common(parser: argparse.ArgumentParser, command: str, as_of: str) -> None:
    parser.add_argument("--as-of", metavar="DATE", help=as_of + " (YYYY-MM-DD or dd/mm/YYYY)")
    parser.add_argument("--format", choices=FORMATS, default="text",
                        help="text (default), json, html (one self-contained page) or xlsx (an Excel workbook)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    kinds = FAIL_ON[command]
    parser.add_argument(
        "--fail-on", metavar="KIND", action="append", default=[],
        help="exit with status 1 when " + "; ".join(f"{k}: {v}" for k, v in kinds.items())
        + " (comma-separated, or the option repeated)",
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="safeguarding",
        description="Safeguarding children partnerships: governance compliance, the statutory returns, the front door "
        "and case timeliness, as text, JSON, an HTML report or an Excel workbook.",
        epilog="Exit status: 0 success; 1 findings asked for with --fail-on; 2 bad input or usage. docs/reports.md "
        "describes the reports.",
    )
    parser.add_argument("--version", action="version", version=f"safeguarding {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    report = commands.add_parser(
        "report", help="the governance compliance report of a partnership",
        description="Evaluates the partnership's meetings, quorum, attendance, duties and published arrangements as of a "
        "date and reports the findings (docs/partnership.md).")
    report.add_argument("partnership", metavar="PARTNERSHIP.json", help="the partnership's data file")
    _calendar_anywhere(report)
    _common(report, "report", "the date to evaluate as of (default: today)")
    report.add_argument("--due-soon", metavar="TIMESCALE", help='how far ahead counts as due soon, e.g. "90 calendar days"')
    report.add_argument("--attendance-target", metavar="PERCENT", type=int, help="attendance target per member agency")

    returns = commands.add_parser(
        "returns", help="every measure of SSDA903, CIN census and Annex A files",
        description="Reads the files and folders given, recognising each return by its content (an SSDA903 CSV table "
        "or XML, a CIN census XML, an Annex A workbook), and reports every measure of each for a reporting year, the "
        "Annex A overdue lists with each child's id, the data-quality findings and the row accounting "
        "(docs/returns.md).")
    returns.add_argument("paths", metavar="PATH", nargs="+", help="a return's file, or a folder of them")
    returns.add_argument("--year", metavar="YEAR",
                         help="the reporting year of every return: 2019-20, 2019/20 or 2020 (the year ending 31 March "
                         "2020); default: each return's own (the SSDA903's latest return, the CIN census's Year)")
    _common(returns, "returns", "the date the Annex A lists are judged as of (default: the latest date in them)")
    returns.add_argument("--target", metavar="PERCENT", type=_percent, default="90",
                         help="the local target for reviews in timescale, drawn on the monthly chart (default 90; "
                         "'none' for none): the regulations expect every review in time")

    door = commands.add_parser(
        "front-door", help="the front door's measures: contacts, referrals, decisions, conversion",
        description="Checks a partnership's front-door contacts and steps against its agencies and threshold document, "
        "and reports the measures by quarter (docs/thresholds.md).")
    door.add_argument("partnership", metavar="PARTNERSHIP.json", help="the partnership's data file")
    _calendar_anywhere(door)
    door.add_argument("contacts", metavar="CONTACTS", help="the contacts table (CSV)")
    door.add_argument("steps", metavar="STEPS", nargs="?", help="the steps between levels of need (CSV)")
    _common(door, "front-door", "what was known on this date (default: the latest date in the records)")
    door.add_argument("--population", metavar="YEAR=CHILDREN", action="append", default=[],
                      help="children aged 0 to 17 in a year (2019-20=59100), for referrals per 10,000 children")

    timely = commands.add_parser(
        "timeliness", help="any rule family over a table of events",
        description="Computes every instance of the rules from a CSV table of events (case, event, date and any "
        "attributes) and reports them: what is overdue, each rule's figures, outcome bands of a banded rule (the "
        "LADO's 1, 3 and 12 months), month by month, and data quality (docs/timeliness.md).")
    timely.add_argument("events", metavar="EVENTS.csv", help="the events: columns case, event, date, and attributes")
    timely.add_argument("--rules", metavar="ID", action="append", default=[],
                        help="rule ids (comma-separated, or the option repeated; a chain's link brings the chain); "
                        "default: every rule of the catalogue")
    timely.add_argument("--rule-file", metavar="FILE", help="a partnership's rule file, added to the built-in rules")
    _common(timely, "timeliness", "statuses are as of this date (default: the latest date in the events)")
    timely.add_argument("--year", metavar="YEAR", help="keep the monthly tables to this reporting year (2019-20)")
    timely.add_argument("--target", metavar="PERCENT", type=_percent, default=None,
                        help="a target for the share in timescale, drawn on the monthly charts (default: none)")
    for name in ("case", "event", "date"):
        timely.add_argument(f"--{name}-column", metavar="NAME", default=name,
                            help=f"the column holding the {name} (default {name})")
    return parser


def _fail_on(parser: argparse.ArgumentParser, command: str, given: list[str]) -> list[str]:
    kinds = [k.strip() for value in given for k in value.split(",") if k.strip()]
    unknown = [k for k in kinds if k not in FAIL_ON[command]]
    if unknown:
        parser.error(f"{command} --fail-on: {', '.join(map(repr, unknown))} is not one of {', '.join(FAIL_ON[command])}")
    return kinds


# --- Commands ----------------------------------------------------------------------------------------


class Outcome:
    """What a command made: the text for --format text/json, or a writer of the report, and what it
    found for --fail-on."""

    def __init__(self, text: Callable[[], str], json: Callable[[], str], report: Callable[[], Any],
                 found: dict[str, bool], counts: dict[str, int] | None = None) -> None:
        self.text, self.json, self.report, self.found, self.counts = text, json, report, found, counts or {}


def _calendar_anywhere(command: argparse.ArgumentParser) -> None:
    command.add_argument("--calendar-anywhere", action="store_true",
                         help="read a calendar file the partnership file names even when it lies outside that file's "
                         "folder (by default refused, so a file from elsewhere cannot open any file on the machine)")


def _report(args: argparse.Namespace, progress: Progress) -> Outcome:
    from ._partnership import Partnership

    as_of = _dt.date.today() if args.as_of is None else parse_day(args.as_of, "--as-of")
    progress.step(f"reading {args.partnership}", 3)
    partnership = Partnership.load(args.partnership, calendar_anywhere=args.calendar_anywhere)
    progress.step("evaluating")
    report = partnership.evaluate(as_of, due_soon=args.due_soon, attendance_target=args.attendance_target)
    by_status = report.summary["by_status"]
    return Outcome(report.to_text, lambda: report.to_json() + "\n", report.to_report,
                   {"breached": by_status["breached"] > 0, "due-soon": by_status["due-soon"] > 0},
                   {"breached": by_status["breached"], "due-soon": by_status["due-soon"]})


def _returns(args: argparse.Namespace, progress: Progress) -> Outcome:
    from .reports._returns_report import returns

    result = returns(args.paths, year=args.year, as_of=None if args.as_of is None else parse_day(args.as_of, "--as-of"),
                     target=args.target, progress=progress)
    return Outcome(lambda: result.to_report().to_text(), lambda: result.to_json() + "\n", result.to_report, result.found())


def _population(values: list[str]) -> dict[str, int]:
    out = {}
    for value in values:
        year, _, children = value.partition("=")
        if not children.strip().isdigit():
            raise BadInput(f"--population {value!r}: expected YEAR=CHILDREN, such as 2019-20=59100")
        out[year.strip()] = int(children)
    return out


def _front_door(args: argparse.Namespace, progress: Progress) -> Outcome:
    from ._front_door import FrontDoor
    from ._partnership import Partnership
    from .reports._front_door_report import FrontDoorResults

    population = _population(args.population)
    as_of = None if args.as_of is None else parse_day(args.as_of, "--as-of")
    progress.step(f"reading {args.partnership}", 4)
    partnership = Partnership.load(args.partnership, calendar_anywhere=args.calendar_anywhere)
    progress.step(f"reading {args.contacts}" + (f" and {args.steps}" if args.steps else ""))
    for path in (args.contacts, args.steps):
        if path is not None and not Path(path).is_file():
            raise BadInput(f"{path}: no such file")
    door = FrontDoor(partnership, args.contacts, args.steps, as_of=as_of)
    progress.step("measuring")
    results = FrontDoorResults(door, population or None)
    import json

    return Outcome(lambda: door.to_report(results=results).to_text(),
                   lambda: json.dumps(results.to_dict(), indent=2, ensure_ascii=False) + "\n",
                   lambda: door.to_report(results=results), results.found())


def read_events(path: str, columns: tuple[str, str, str], catalogue: Any) -> tuple[Any, list[int]]:
    """The events CSV as a DataFrame (each value as written; dates read as ISO or dd/mm/YYYY, attributes a
    rule needs as numbers), and each row's line in the file (the header is line 1)."""
    import pandas as pd  # type: ignore[import-untyped]

    from ._convert import day_column

    case, event, date = columns
    try:
        with open(path, newline="", encoding="utf-8-sig") as f:
            reader = csv.reader(f)
            header = [h.strip() for h in next(reader, [])]
            rows: list[list[str]] = []
            lines: list[int] = []
            ragged: list[tuple[str, str]] = []
            start = reader.line_num + 1
            for record in reader:
                if any(cell.strip() for cell in record):
                    if len(record) != len(header):
                        ragged.append((f"row {start}", f"{len(record)} values for the {len(header)} columns of the header"))
                    else:
                        rows.append(record)
                        lines.append(start)
                start = reader.line_num + 1
    except FileNotFoundError:
        raise BadInput(f"{path}: no such file") from None
    except UnicodeDecodeError as error:
        raise BadInput(f"{path}: not UTF-8 text (byte {error.start}): save it as UTF-8 CSV") from None
    except csv.Error as error:
        raise BadInput(f"{path}: not a CSV file ({error})") from None
    from . import _core

    if not header:
        raise BadInput(f"{path}: the file is empty (a header row case,event,date is needed)")
    missing = [c for c in columns if c not in header]
    if missing:
        raise BadInput(f"{path}: no column {', '.join(map(repr, missing))} in the header (columns: {', '.join(header)})")
    if ragged:
        raise _core.errors.error(f"{path}: {len(ragged)} rows with the wrong number of values", ragged[:5],
                                 f"and {len(ragged) - 5} more" if len(ragged) > 5 else "")
    data = {name: [r[i].strip() for r in rows] for i, name in enumerate(header)}
    frame = pd.DataFrame({k: pd.Series([v if v != "" else None for v in values], dtype=object) for k, values in data.items()})

    def row_name(i: int) -> str:
        return str(lines[i])

    if any(v is not None and (":" in v or "T" in v) for v in frame[date]):
        pass  # date-times: the engine reads them (ISO) and names the rows it cannot
    else:
        days = day_column(frame[date], path, date, row_name)
        frame[date] = pd.Series(days.view("datetime64[D]").astype("datetime64[s]"), index=frame.index)
    numeric = {name for rule in catalogue for name, categorical in rule.attributes if not categorical}
    for name in numeric & set(header):
        values = pd.to_numeric(frame[name], errors="coerce")
        bad = [i for i, (v, n) in enumerate(zip(frame[name], values)) if v is not None and pd.isna(n)]
        if bad:
            raise _core.errors.error(f"{path}: {len(bad)} rows with bad values in column {name!r}",
                                     [(f"column {name!r}, row {lines[i]}", f"{frame[name].iat[i]!r} is not a number")
                                      for i in bad[:5]], f"and {len(bad) - 5} more rows" if len(bad) > 5 else "")
        frame[name] = values
    return frame, lines


_ROW = re.compile(r"\brow (\d+)\b")


def _rebased(error: Error, path: str, lines: list[int]) -> Error:
    """The engine's Error about the events table, its rows named by their lines in the file."""
    from . import _core

    def line(match: re.Match[str]) -> str:
        i = int(match.group(1))
        return f"row {lines[i]}" if 0 <= i < len(lines) else match.group(0)

    text = str(error).splitlines()
    headline = text[0] if text else "events"
    headline = path + headline[len("events"):] if headline.startswith("events") else f"{path}: {headline}"
    problems = [(_ROW.sub(line, where), message) for where, message in getattr(error, "problems", [])]
    more = next((t.strip() for t in text[1:] if t.strip().startswith("and ")), "")
    return _core.errors.error(_ROW.sub(line, headline) if not problems else headline, problems, more)


def _timeliness(args: argparse.Namespace, progress: Progress) -> Outcome:
    from ._returns import ReportingYear
    from ._rules import RuleCatalogue
    from ._timeliness import timeliness
    from .reports._timeliness_report import timeliness_dict

    rules = [r.strip() for value in args.rules for r in value.split(",") if r.strip()] or None
    as_of = None if args.as_of is None else parse_day(args.as_of, "--as-of")
    year = None if args.year is None else ReportingYear.of(args.year)
    progress.step(f"reading {args.events}", 3)
    catalogue = RuleCatalogue.builtin()
    if args.rule_file:
        catalogue = catalogue.extended(args.rule_file)
    for rule in rules or ():
        catalogue.rule(rule)
    columns = (args.case_column, args.event_column, args.date_column)
    frame, lines = read_events(args.events, columns, catalogue)
    progress.step("computing every instance")
    try:
        result = timeliness(frame, rules=rules, as_of=as_of, catalogue=catalogue, case=columns[0], event=columns[1],
                            date=columns[2])
    except Error as error:
        raise _rebased(error, args.events, lines) from None
    options = {"target": args.target, "year": year}
    statuses = set(result.instances["status"].astype(str))
    found = {"overdue": "overdue" in statuses, "late": "late" in statuses, "missed": "missed" in statuses,
             "breached": bool(statuses & {"overdue", "late", "missed"}), "findings": len(result.data_quality.findings) > 0}
    import json

    return Outcome(lambda: result.to_report(**options).to_text(),
                   lambda: json.dumps(timeliness_dict(result, year=year, lines=lines), indent=2, ensure_ascii=False) + "\n",
                   lambda: result.to_report(**options), found)


COMMANDS = {"report": _report, "returns": _returns, "front-door": _front_door, "timeliness": _timeliness}


# --- Writing -------------------------------------------------------------------------------------------


def _write(args: argparse.Namespace, outcome: Outcome, out: TextIO) -> None:
    target = args.output
    if args.format in ("text", "json"):
        text = outcome.text() if args.format == "text" else outcome.json()
        if target:
            Path(target).write_text(text, encoding="utf-8")
        else:
            out.write(text)
        return
    report = outcome.report()
    if args.format == "html":
        html = report.to_html(target) if target else report.to_html()
        if not target:
            out.write(html)
        return
    if target:
        report.to_excel(target)
        return
    binary = getattr(out, "buffer", None)
    if binary is None or out.isatty():
        raise BadInput("--format xlsx writes a workbook: give -o FILE (or redirect standard output to a file)")
    with tempfile.TemporaryDirectory() as folder:
        path = report.to_excel(Path(folder) / "report.xlsx")
        out.flush()
        binary.write(path.read_bytes())
        binary.flush()


def _inputs(args: argparse.Namespace) -> list[str]:
    """The files a command was given, for a message about a failure no reader named."""
    names = [getattr(args, name, None) for name in ("partnership", "contacts", "steps", "events")]
    return [str(n) for n in names + list(getattr(args, "paths", None) or []) if n]


def main(argv: Sequence[str] | None = None, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    fail_on = _fail_on(parser, args.command, args.fail_on)
    progress = Progress(err)
    try:
        outcome = COMMANDS[args.command](args, progress)
        progress.step(f"writing the {args.format} output")
        _write(args, outcome, out)
    except (Error, BadInput) as error:
        progress.finish()
        err.write(f"safeguarding: {error}\n")
        return 2
    except OSError as error:
        progress.finish()
        name = error.filename or args.output or ""
        err.write(f"safeguarding: {name}{': ' if name else ''}{error.strerror or error}\n")
        return 2
    except ImportError as error:  # a missing optional dependency: the message names the extra
        progress.finish()
        err.write(f"safeguarding: {error}\n")
        return 2
    except Exception as error:  # never a traceback: one line naming the command's files, status 2
        progress.finish()
        err.write(f"safeguarding: {' '.join(_inputs(args))}: cannot be read ({type(error).__name__}: {error})\n")
        return 2
    progress.finish()
    hits = [kind for kind in fail_on if outcome.found.get(kind)]
    for kind in hits:
        count = outcome.counts.get(kind)
        what = FAIL_ON[args.command][kind]
        err.write(f"safeguarding: --fail-on {kind}: {what}" + (f" ({count:,})" if count else "") + "\n")
    return 1 if hits else 0
