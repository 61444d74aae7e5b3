"""Which builder makes the report of which result: looked up by the result's class (by name, so that
this package imports none of the library's modules until a report is asked for)."""

from __future__ import annotations

from typing import Any

from ._model import Report


def _governance(obj: Any, **options: Any) -> Report:
    from ._governance import governance_report

    return governance_report(obj, **options)


def _front_door(obj: Any, **options: Any) -> Report:
    from ._front_door_report import front_door_report

    return front_door_report(obj, **options)


def _timeliness(obj: Any, **options: Any) -> Report:
    from ._timeliness_report import timeliness_report

    return timeliness_report(obj, **options)


def _measure(obj: Any, **options: Any) -> Report:
    from ._results import timeliness_measure_report

    return timeliness_measure_report(obj, **options)


def _figure(obj: Any, **options: Any) -> Report:
    from ._results import timeliness_figure_report

    return timeliness_figure_report(obj, **options)


def _table(obj: Any, **options: Any) -> Report:
    from ._results import measure_table_report

    return measure_table_report(obj, **options)


def _proportion(obj: Any, **options: Any) -> Report:
    from ._results import proportion_report

    return proportion_report(obj, **options)


def _quality(obj: Any, **options: Any) -> Report:
    from ._results import data_quality_report

    return data_quality_report(obj, **options)


def _returns(obj: Any, **options: Any) -> Report:
    return obj._report(**options)  # type: ignore[no-any-return]


BUILDERS = {
    "ComplianceReport": _governance,
    "FrontDoor": _front_door,
    "TimelinessResult": _timeliness,
    "TimelinessMeasure": _measure,
    "TimelinessFigure": _figure,
    "MeasureTable": _table,
    "Proportion": _proportion,
    "DataQuality": _quality,
    "Returns": _returns,
}


def build(obj: Any, **options: Any) -> Report:
    for cls in type(obj).__mro__:
        builder = BUILDERS.get(cls.__name__)
        if builder is not None:
            return builder(obj, **options)
    raise TypeError(f"no report for a {type(obj).__name__}")
