from __future__ import annotations

import calendar
import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import safeguarding as sg


def reference_add_months(day: dt.date, n: int) -> dt.date:
    """An independent statement of the rule: same day of month, clamped to the month's length."""
    month_index = day.year * 12 + (day.month - 1) + n
    year, month = divmod(month_index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


@settings(max_examples=1000, deadline=None)
@given(day=st.dates(min_value=dt.date(1700, 1, 1), max_value=dt.date(9000, 12, 31)), n=st.integers(-3000, 3000))
def test_add_months_matches_the_rule(day, n):
    assert sg.add_months(day, n) == reference_add_months(day, n)


@settings(max_examples=50, deadline=None)
@given(days=st.lists(st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2200, 12, 31)), min_size=1, max_size=100),
       n=st.integers(-240, 240))
def test_vectorised_add_months_matches_the_rule(days, n):
    out = sg.add_months(np.array(days, dtype="datetime64[D]"), n)
    assert out.tolist() == [reference_add_months(d, n) for d in days]


def test_worked_examples():
    assert sg.add_months(dt.date(2019, 4, 30), 3) == dt.date(2019, 7, 30)
    assert sg.add_months(dt.date(2019, 8, 31), 6) == dt.date(2020, 2, 29)
    assert sg.add_months(dt.date(2018, 8, 31), 6) == dt.date(2019, 2, 28)
    assert sg.add_months("2020-03-31", -1) == dt.date(2020, 2, 29)
    assert sg.add_years(dt.date(2020, 2, 29), 1) == dt.date(2021, 2, 28)


def test_vectorised_forms():
    s = pd.Series(pd.to_datetime(["2019-08-31", None]), index=[10, 20])
    out = sg.add_months(s, 6)
    assert list(out.index) == [10, 20] and out[10] == pd.Timestamp("2020-02-29") and pd.isna(out[20])
    per_row = sg.add_months(np.array(["2019-01-31", "2019-01-31"], dtype="datetime64[D]"), [1, 2])
    assert per_row.tolist() == [dt.date(2019, 2, 28), dt.date(2019, 3, 31)]
    with_missing = sg.add_months(dt.date(2019, 1, 31), pd.Series([1, None], dtype="Int64"))
    assert with_missing[0] == pd.Timestamp("2019-02-28") and pd.isna(with_missing[1])
    years = sg.add_years(np.array(["2020-02-29"], dtype="datetime64[D]"), np.array([1]))
    assert years.tolist() == [dt.date(2021, 2, 28)]


def test_bad_input():
    with pytest.raises(sg.Error, match="'2019-02-30' is not a valid date"):
        sg.add_months("2019-02-30", 1)
    with pytest.raises(sg.Error, match="expected a whole number"):
        sg.add_months(dt.date(2019, 1, 1), "3")
    with pytest.raises(sg.Error, match="outside the dates this library can represent"):
        sg.add_months(dt.date(9999, 12, 1), 1)
    with pytest.raises(sg.Error, match="is not a whole number"):
        sg.add_years(np.array(["2020-02-29"], dtype="datetime64[D]"), np.array([0.5]))
