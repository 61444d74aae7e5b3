from __future__ import annotations

import datetime as dt
import pickle

import numpy as np
import pandas as pd
import pytest

import safeguarding as sg

EW = sg.Calendar.england_and_wales()


@pytest.mark.parametrize(
    ("text", "amount", "unit", "printed"),
    [
        ("15 working days", 15, sg.TimeUnit.WORKING_DAYS, "15 working days"),
        ("1 working day", 1, sg.TimeUnit.WORKING_DAYS, "1 working day"),
        ("20 WD", 20, sg.TimeUnit.WORKING_DAYS, "20 working days"),
        ("3 months", 3, sg.TimeUnit.MONTHS, "3 months"),
        ("6 CM", 6, sg.TimeUnit.MONTHS, "6 months"),
        ("72 hours", 72, sg.TimeUnit.HOURS, "72 hours"),
        ("10 calendar days", 10, sg.TimeUnit.CALENDAR_DAYS, "10 calendar days"),
        ("2 weeks", 2, sg.TimeUnit.WEEKS, "2 weeks"),
        (" 1  Year ", 1, sg.TimeUnit.YEARS, "1 year"),
    ],
)
def test_parse_and_print(text, amount, unit, printed):
    t = sg.Timescale.parse(text)
    assert (t.amount, t.unit, str(t)) == (amount, unit, printed)
    assert sg.Timescale.parse(str(t)) == t
    assert repr(t) == f"Timescale({printed!r})"


def test_value_behaviour():
    assert sg.Timescale(15, "working days") == sg.Timescale.parse("15 working days")
    assert sg.Timescale(15, sg.TimeUnit.WORKING_DAYS) != sg.Timescale(15, sg.TimeUnit.CALENDAR_DAYS)
    assert hash(sg.Timescale(3, "months")) == hash(sg.Timescale.parse("3 CM"))
    t = sg.Timescale.parse("72 hours")
    assert pickle.loads(pickle.dumps(t)) == t
    assert sg.Timescale.parse("15 working days").needs_calendar
    assert not sg.Timescale.parse("3 months").needs_calendar


def test_bad_timescales():
    with pytest.raises(sg.Error, match=r"'3 fortnights' is not a timescale: unknown unit 'fortnights'"):
        sg.Timescale.parse("3 fortnights")
    with pytest.raises(sg.Error, match="the unit is missing"):
        sg.Timescale.parse("15")
    with pytest.raises(sg.Error, match="'fortnights' is not a time unit"):
        sg.Timescale(3, "fortnights")
    with pytest.raises(sg.Error, match="got -1"):
        sg.Timescale(-1, "months")
    with pytest.raises(sg.Error, match="must be a whole number"):
        sg.Timescale(1.5, "months")
    with pytest.raises(sg.Error, match="needs a calendar to count working days"):
        sg.Timescale.parse("5 working days").due(dt.date(2019, 1, 1))


def test_due_dates_worked_by_hand():
    # The seeds' deadlines: JTAI statement, SCR and CDOP grace periods, a rapid review.
    assert sg.Timescale.parse("70 working days").due(dt.date(2018, 1, 30), EW) == dt.date(2018, 5, 11)
    assert sg.Timescale.parse("12 months").due(dt.date(2019, 9, 29)) == dt.date(2020, 9, 29)
    assert sg.Timescale.parse("4 months").due(dt.date(2019, 9, 29)) == dt.date(2020, 1, 29)
    assert sg.Timescale.parse("15 working days").due(dt.date(2019, 10, 4), EW) == dt.date(2019, 10, 25)
    # Month ends clamp.
    assert sg.Timescale.parse("3 months").due(dt.date(2019, 4, 30)) == dt.date(2019, 7, 30)
    assert sg.Timescale.parse("6 months").due(dt.date(2019, 8, 31)) == dt.date(2020, 2, 29)
    # Backwards: 7 working days before Monday 6 January 2020 is Monday 23 December 2019
    # (3 Jan, 2 Jan, 31 Dec, 30 Dec, 27 Dec, 24 Dec, 23 Dec).
    assert sg.Timescale.parse("7 working days").due_before(dt.date(2020, 1, 6), EW) == dt.date(2019, 12, 23)


def test_hours_on_date_times():
    back = dt.datetime(2019, 10, 4, 22, 0)  # returned from a missing episode at 10pm on a Friday
    assert sg.Timescale.parse("72 hours").due(back) == dt.datetime(2019, 10, 7, 22, 0)
    assert sg.Timescale.parse("72 hours").due(pd.Timestamp("2019-10-04 22:00")) == dt.datetime(2019, 10, 7, 22, 0)
    assert sg.Timescale.parse("72 hours").due("2019-10-04T22:00") == dt.datetime(2019, 10, 7, 22, 0)
    assert sg.Timescale.parse("72 hours").due(dt.date(2019, 10, 4)) == dt.date(2019, 10, 7)
    assert sg.Timescale.parse("36 hours").due(dt.date(2019, 10, 4)) == dt.date(2019, 10, 6)
    with pytest.raises(sg.Error, match="carries a time zone"):
        sg.Timescale.parse("72 hours").due(dt.datetime(2019, 10, 4, tzinfo=dt.timezone.utc))


def test_vectorised_due_dates():
    starts = pd.Series(pd.to_datetime(["2018-01-30", "2019-08-31", None]))
    assert sg.Timescale.parse("70 working days").due(starts, EW).tolist()[0] == pd.Timestamp("2018-05-11")
    months = sg.Timescale.parse("6 months").due(starts)
    assert months.tolist()[1] == pd.Timestamp("2020-02-29") and pd.isna(months.tolist()[2])
    days = sg.Timescale.parse("2 weeks").due(np.array(["2019-12-28"], dtype="datetime64[D]"))
    assert days.tolist() == [dt.date(2020, 1, 11)]
    before = sg.Timescale.parse("1 year").due_before(np.array(["2021-02-28"], dtype="datetime64[D]"))
    assert before.tolist() == [dt.date(2020, 2, 28)]
    hours = sg.Timescale.parse("36 hours").due(np.array(["2019-10-04"], dtype="datetime64[D]"))
    assert hours.tolist() == [dt.date(2019, 10, 6)]
