"""The `safeguarding` command.

    safeguarding report PARTNERSHIP.json [--as-of DATE] [--format text|json]
                        [--due-soon "90 calendar days"] [--attendance-target 75]

prints the partnership's governance compliance report (docs/partnership.md). Bad input is reported
on standard error, every problem with its JSON pointer, with exit status 1; a usage error, or any
other failure (one line naming the file, never a traceback), exits with status 2.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import sys
from typing import Optional, Sequence, TextIO

from . import __version__
from ._convert import as_date
from ._errors import Error
from ._partnership import Partnership


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="safeguarding",
        description="Safeguarding children partnerships: governance compliance from the partnership's data file.",
    )
    parser.add_argument("--version", action="version", version=f"safeguarding {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    report = commands.add_parser(
        "report",
        help="print the governance compliance report of a partnership",
        description="Evaluates the partnership's meetings, quorum, attendance, duties and published arrangements "
        "as of a date and prints the findings.",
    )
    report.add_argument("partnership", metavar="PARTNERSHIP.json", help="the partnership's data file")
    report.add_argument("--as-of", metavar="DATE", help="the date to evaluate as of, YYYY-MM-DD (default: today)")
    report.add_argument("--format", choices=("text", "json"), default="text", help="text (default) or json")
    report.add_argument("--due-soon", metavar="TIMESCALE", help='how far ahead counts as due soon, e.g. "90 calendar days"')
    report.add_argument("--attendance-target", metavar="PERCENT", type=int, help="attendance target per member agency")
    return parser


def main(argv: Optional[Sequence[str]] = None, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    args = _parser().parse_args(argv)
    try:
        as_of = _dt.date.today() if args.as_of is None else as_date(args.as_of, "--as-of")
        partnership = Partnership.from_json(args.partnership)
        report = partnership.evaluate(as_of, due_soon=args.due_soon, attendance_target=args.attendance_target)
    except Error as error:
        err.write(f"safeguarding: {error}\n")
        return 1
    except Exception as error:  # never a traceback: one line naming the file, status 2
        err.write(f"safeguarding: {args.partnership}: cannot be read ({type(error).__name__}: {error})\n")
        return 2
    out.write(report.to_json() + "\n" if args.format == "json" else report.to_text())
    return 0
