"""The partnership model and its compliance report through the Python facade. Expected results are
worked out by hand in the comments, or computed independently (numpy's business-day functions,
plain pandas)."""

from __future__ import annotations

import collections
import copy
import datetime as dt
import importlib.util
import json
import pickle
from typing import Any

import numpy as np
import pytest

import safeguarding as sg
from safeguarding._convert import MAX_JSON_DEPTH, is_plain_json

from conftest import ROOT

EXAMPLE = ROOT / "examples" / "haringey" / "partnership.json"


def small(**changes):
    """Three partners and a school; one quarterly executive group of all four, with Haringey's quorum
    rule; in force from Sunday 29 September 2019."""
    data = {
        "name": "Test Partnership",
        "edition": "WT2018",
        "start": "2019-09-29",
        "partners": [
            {"id": "la", "name": "Test Council", "kind": "local-authority", "lead": "la-lead"},
            {"id": "ccg", "name": "Test CCG", "kind": "ccg", "lead": "ccg-lead"},
            {"id": "police", "name": "Test Police", "kind": "police", "lead": "police-lead"},
        ],
        "agencies": [{"id": "school", "name": "Test schools", "sector": "education", "named_in_regulations": True}],
        "roles": [
            {"id": "la-lead", "title": "Chief Executive", "kind": "lead-representative", "agency": "la"},
            {"id": "ccg-lead", "title": "Accountable Officer", "kind": "lead-representative", "agency": "ccg"},
            {"id": "police-lead", "title": "Borough Commander", "kind": "lead-representative", "agency": "police"},
            {"id": "chair", "title": "Independent Chair", "kind": "independent-chair"},
        ],
        "groups": [
            {
                "id": "exec", "name": "Executive", "kind": "executive", "chairs": ["chair"],
                "members": [{"agency": a} for a in ("la", "ccg", "police", "school")],
                "frequency": {"per": "quarter", "at_least": 1, "aligned_to": "calendar", "source": "§1"},
                "quorum": {"all_safeguarding_partners": True, "deputies_need_delegated_authority": True, "source": "§2"},
            }
        ],
        "meetings": [],
        "activities": [],
    }
    data.update(changes)
    return data


def everyone():
    return [{"agency": a} for a in ("la", "ccg", "police", "school")]


def of_kind(report, kind):
    return [f for f in report.findings if f.kind is sg.FindingKind(kind)]


def test_meeting_frequency_names_the_missed_quarter():
    data = small(meetings=[
        {"id": "m1", "group": "exec", "date": "2019-10-15", "attendance": everyone()},
        {"id": "m2", "group": "exec", "date": "2020-02-01", "attendance": everyone()},
    ])
    report = sg.Partnership.from_dict(data).evaluate("2020-08-15")
    # Quarters from October 2019: met, met, April-June missed, July-September open and ending within
    # 90 days of 15 August (13 November): due soon.
    frequency = of_kind(report, "meeting-frequency")
    assert [f.status.value for f in frequency] == ["met", "met", "breached", "due-soon"]
    missed = frequency[2]
    assert (missed.period_start, missed.period_end) == (dt.date(2020, 4, 1), dt.date(2020, 6, 30))
    assert missed.text == "Executive did not meet in April\u2013June 2020 (it should meet at least once a quarter)."
    # With a 30-day window (to 14 September) the open quarter is not yet due.
    later = sg.Partnership.from_dict(data).evaluate("2020-08-15", due_soon="30 calendar days")
    assert of_kind(later, "meeting-frequency")[3].status is sg.Status.NOT_YET_DUE


def test_quorum_and_non_attendance():
    data = small(meetings=[
        {"id": "ok", "group": "exec", "date": "2019-10-15", "attendance": everyone()},
        {"id": "deputy", "group": "exec", "date": "2020-01-14",
         "attendance": [{"agency": "la"}, {"agency": "ccg"}, {"agency": "school"},
                        {"agency": "police", "capacity": "deputy", "delegated_authority": False, "role": "Detective Inspector"}]},
        {"id": "absent", "group": "exec", "date": "2020-04-14",
         "attendance": [{"agency": "la"}, {"agency": "ccg"}, {"agency": "police"}],
         "apologies": [{"agency": "school", "valid_reason": False, "reason": "diary clash"}]},
    ])
    report = sg.Partnership.from_dict(data).evaluate("2020-05-01")
    quorum = of_kind(report, "quorum")
    assert [(f.subject, f.status.value) for f in quorum] == [("ok", "met"), ("deputy", "breached"), ("absent", "met")]
    assert quorum[1].text.endswith("was not quorate: Test Police sent a deputy without delegated authority.")
    (absence,) = of_kind(report, "non-attendance")
    assert absence.subject == "school" and absence.group == "exec" and absence.actual == dt.date(2020, 4, 14)
    assert "its apologies gave no valid reason: report to the agency's line manager" in absence.text
    # The school attended 2 of 3 (67%), below 75%.
    school = [f for f in of_kind(report, "attendance") if f.subject == "school"][0]
    assert school.status is sg.Status.BREACHED
    assert school.text.startswith("Test schools attended 2 of 3 Executive meetings (67%, below the 75% target)")
    assert report.summary["meetings_quorate"] == 2


def test_duty_lateness_in_working_and_calendar_days():
    data = small(
        duties=[{"id": "report", "title": "Yearly report", "activity": "yearly-report",
                 "schedule": {"kind": "interval", "every": "12 months", "first_due": "2020-07-31"}}],
        activities=[{"id": "r1", "type": "yearly-report", "date": "2020-10-06"}],
    )
    (late, upcoming) = of_kind(sg.Partnership.from_dict(data).evaluate("2020-10-31"), "duty")
    # August 2020 has 21 weekdays, less the bank holiday on the 31st: 20; September 22; October 1,
    # 2, 5 and 6: 4. 46 working days; 31 + 30 + 6 = 67 calendar days.
    assert (late.status, late.due, late.actual) == (sg.Status.BREACHED, dt.date(2020, 7, 31), dt.date(2020, 10, 6))
    assert (late.late_working_days, late.late_calendar_days) == (46, 67)
    assert (upcoming.status, upcoming.due) == (sg.Status.NOT_YET_DUE, dt.date(2021, 10, 6))


def test_a_partnership_with_no_records_evaluates_cleanly():
    data = small(duties=[{"id": "d", "title": "D", "activity": "x", "schedule": {"kind": "count", "per": "year", "at_least": 1}}])
    partnership = sg.Partnership.from_dict(data)
    first_day = partnership.evaluate("2019-09-29")
    # On its first day (Sunday 29 September 2019) the group and the duty each have findings and
    # nothing but the arrangements' coverage and the statutory duties (none is marked as the yearly
    # report, independent scrutiny or its sending) is breached: the Executive's first quarter
    # (October-December 2019) and the duty's first whole year (2020) have not begun and end more
    # than 90 days on, so are not yet due; 2019, begun before the start, is not assessed.
    assert {f.status for f in first_day.findings
            if f.kind not in (sg.FindingKind.ARRANGEMENTS, sg.FindingKind.STATUTORY_DUTIES)} <= {
        sg.Status.MET, sg.Status.NOT_YET_DUE, sg.Status.NOT_APPLICABLE}
    assert [(f.period_start, f.status) for f in of_kind(first_day, "meeting-frequency")] == [
        (dt.date(2019, 10, 1), sg.Status.NOT_YET_DUE)]
    assert [(f.period_start, f.status) for f in of_kind(first_day, "duty")] == [
        (dt.date(2019, 1, 1), sg.Status.NOT_APPLICABLE), (dt.date(2020, 1, 1), sg.Status.NOT_YET_DUE)]
    a_year_on = partnership.evaluate("2020-10-31")
    assert {f.status for f in a_year_on.findings} <= {sg.Status.MET, sg.Status.BREACHED, sg.Status.DUE_SOON,
                                                      sg.Status.NOT_YET_DUE, sg.Status.NOT_APPLICABLE}
    # Not applicable: the seven kinds of later editions (no period), and the duty's 2019.
    assert [f.period_start for f in a_year_on.findings if f.status is sg.Status.NOT_APPLICABLE] == [None] * 7 + [
        dt.date(2019, 1, 1)]
    assert a_year_on.to_frame().shape[0] == len(a_year_on.findings)


@pytest.fixture(scope="module")
def haringey():
    return sg.Partnership.from_json(EXAMPLE)


@pytest.fixture(scope="module")
def report(haringey):
    return haringey.evaluate(dt.date(2020, 10, 31))


def test_haringey_end_to_end(haringey, report):
    assert haringey.name == "Haringey Safeguarding Children Partnership"
    assert haringey.edition == "WT2018"
    assert haringey.start == dt.date(2019, 9, 29)
    assert [g.id for g in haringey.groups] == ["executive", "leadership", "qpo", "plwd", "learning-review"]
    assert {g.id: g.parent for g in haringey.groups}["qpo"] == "leadership"
    # The health partner's three successive bodies, the council and the police.
    assert len([a for a in haringey.agencies if a.partner_kind]) == 5
    assert {r.id: r.kind for r in haringey.roles}["independent-chair"] == "independent-chair"
    assert [d.id for d in haringey.duties][:2] == ["business-plan", "yearly-report"]
    # The failures planted in the synthetic records (examples/haringey/make_example.py).
    breached = report.with_status("breached")
    texts = "\n".join(f.text for f in breached)
    assert "Leadership Group did not meet in April\u2013June 2020" in texts
    assert "Executive Group meeting on Tuesday 21 April 2020 was not quorate" in texts
    assert "Haringey secondary schools (head teacher representative) attended 2 of 4 Leadership Group meetings" in texts
    assert "Yearly report published: done on Tuesday 6 October 2020" in texts
    assert "Learning Review and Rapid Review Group has no chair." in texts
    # The audits have titles, which name them in the sentences about their action plans.
    assert ("Audit action plan completed after 'Deep dive into exploitation' (Thursday 20 February 2020): done on "
            "Thursday 10 September 2020") in texts
    assert report.summary["findings"] == 162  # worked out in tests/cpp/test_partnership.cpp
    assert report.summary["by_status"] == {"met": 114, "breached": 19, "due-soon": 3, "not-yet-due": 14, "not-applicable": 12}


def test_lateness_agrees_with_numpy(report):
    # An independent count: numpy's busday_count over (due, actual] with the same holidays.
    holidays = np.array([h.date for h in sg.Calendar.england_and_wales().holidays()], dtype="datetime64[D]")
    checked = 0
    for f in report.findings:
        if f.late_working_days is None:
            continue
        end = f.actual if f.actual is not None else report.as_of  # still outstanding: lateness so far
        start = np.datetime64(f.due, "D") + 1
        stop = np.datetime64(end, "D") + 1
        expected = int(np.busday_count(start, stop, holidays=holidays)) if stop > start else 0
        assert f.late_working_days == expected, f
        assert f.late_calendar_days == max(0, (end - f.due).days), f
        checked += 1
    assert checked >= 10


def test_frame_matches_the_findings(report):
    frame = report.to_frame()
    assert list(frame.columns) == list(sg.Finding._fields)
    assert len(frame) == len(report.findings)
    assert frame["due"].dtype == "datetime64[ns]"
    assert str(frame["late_working_days"].dtype) == "Int64"
    # Counts recomputed with plain pandas agree with the summary.
    by_status = frame["status"].value_counts().to_dict()
    assert by_status == {k: v for k, v in report.summary["by_status"].items() if v}
    by_kind = frame.groupby(["kind", "status"]).size()
    for kind, counts in report.summary["by_kind"].items():
        for status, n in counts.items():
            assert by_kind.get((kind, status), 0) == n


def test_report_json(haringey, report):
    data = json.loads(report.to_json())
    assert data["as_of"] == "2020-10-31"
    assert data["partnership"] == "Haringey Safeguarding Children Partnership"
    assert len(data["findings"]) == data["summary"]["findings"] == 162
    assert data == report.to_dict()
    first = data["findings"][0]
    assert set(first) == set(sg.Finding._fields)
    assert report == haringey.evaluate(dt.date(2020, 10, 31))  # another report, equal
    assert report != haringey.evaluate(dt.date(2020, 11, 30))
    assert "162 findings, 114 met, 19 breached, 3 due soon" in repr(report)


def test_a_report_pickles_with_its_options(haringey):
    # A pickle keeps what evaluate() was given and evaluates again: the same findings come back,
    # and the options still apply (a 30-day window makes fewer findings "due soon" than 90 days).
    default = haringey.evaluate("2020-10-31")
    narrow = haringey.evaluate("2020-10-31", due_soon="30 calendar days", attendance_target=90)
    for report in (default, narrow):
        back = pickle.loads(pickle.dumps(report))
        assert back == report
        assert back.to_json() == report.to_json()
    assert pickle.loads(pickle.dumps(narrow)) != default
    assert narrow.summary != default.summary


def test_round_trip_is_exact(haringey):
    assert json.loads(haringey.to_json()) == json.loads(EXAMPLE.read_text(encoding="utf-8"))
    assert sg.Partnership.from_dict(haringey.to_dict()) == haringey
    assert pickle.loads(pickle.dumps(haringey)) == haringey
    assert "5 groups, 19 meetings" in repr(haringey)


def test_the_example_file_is_what_its_script_writes():
    spec = importlib.util.spec_from_file_location("make_example", ROOT / "examples" / "haringey" / "make_example.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.text() == EXAMPLE.read_text(encoding="utf-8")


def test_every_problem_is_reported_with_its_pointer():
    data = small()
    data["start"] = "2019-02-30"
    data["groups"][0]["frequency"] = "quarterly"
    data["groups"].append({"id": "a", "name": "A", "kind": "forum", "parent": "b", "chairs": [], "members": [],
                           "frequency": {"per": "quarter"}})
    data["groups"].append({"id": "b", "name": "B", "kind": "forum", "parent": "a", "chairs": [], "members": [],
                           "frequency": {"per": "quarter"}})
    data["agencies"].append({"id": "la", "name": "Again", "sector": "education"})
    data["meetings"] = [
        {"id": "m1", "group": "nowhere", "date": "2019-10-15"},
        {"id": "m2", "group": "exec", "date": "2019-10-16", "attendance": [{"agency": "ghost"}]},
    ]
    with pytest.raises(sg.Error) as caught:
        sg.Partnership.from_dict(data, source="haringey.json")
    assert isinstance(caught.value, ValueError)
    assert caught.value.problems == [
        ("/start", "'2019-02-30' is not a valid date: February 2019 has 28 days"),
        ("/groups/0/frequency", "expected an object, got the string 'quarterly'"),
        ("/agencies/1/id", "duplicate id 'la' (first defined at /partners/0/id)"),
        ("/groups/1/parent", "the accountability tree has a cycle: a \u2192 b \u2192 a"),
        ("/meetings/0/group", "unknown group 'nowhere'"),
        ("/meetings/1/attendance/0/agency", "unknown agency 'ghost'"),
    ]
    assert str(caught.value).startswith("haringey.json: 6 problems\n  /start: ")


def test_values_json_cannot_hold_are_errors_with_their_pointers():
    data = small(start=dt.date(2019, 9, 29))
    data["settings"] = {"attendance_target": float("nan")}
    data["meetings"] = [{"id": "m", "group": "exec", "date": dt.date(2019, 10, 15), 3: "x"}]
    with pytest.raises(sg.Error) as caught:
        sg.Partnership.from_dict(data, source="built.json")
    assert caught.value.problems == [
        ("/start", "datetime.date(2019, 9, 29) is not a JSON value: write dates as text, as in \"2019-09-29\""),
        ("/meetings/0/date", "datetime.date(2019, 10, 15) is not a JSON value: write dates as text, as in \"2019-09-29\""),
        ("/meetings/0", "the key 3 is not text"),
        ("/settings/attendance_target", "nan is not a JSON number"),
    ]
    assert str(caught.value).startswith("built.json: 4 problems\n  /start: ")


@pytest.mark.parametrize(
    "value, pointer, problem",
    [
        (float("inf"), "/settings/attendance_target", "inf is not a JSON number"),
        (np.int64(3), "/settings/attendance_target", f"int64 {np.int64(3)!r} is not a JSON value"),
        ({1, 2}, "/settings/attendance_target", "set {1, 2} is not a JSON value"),
        ({3: "x"}, "/settings/attendance_target", "the key 3 is not text"),
    ],
)
def test_one_value_json_cannot_hold_deep_in_plain_data_is_found(value, pointer, problem):
    # Well-formed data skips the walk that names problems (is_plain_json): one bad value anywhere
    # must still send it there.
    data = small()
    assert is_plain_json(data)
    data["settings"] = {"attendance_target": value}
    assert not is_plain_json(data)
    with pytest.raises(sg.Error) as caught:
        sg.Partnership.from_dict(data, source="built.json")
    assert caught.value.problems == [(pointer, problem)]


def test_plain_json_is_exactly_the_types_json_writes_as_they_are():
    assert is_plain_json({"a": [1, 2.5, True, None, "x", (3, {"b": []})]})
    for bad in (float("nan"), float("-inf"), dt.date(2019, 1, 1), np.float64(1.0), b"x", {1: 2}, {None: 1}):
        assert not is_plain_json({"a": [{"b": bad}]}), bad
    # Subclasses go to the naming walk, which accepts them: the result is the same JSON.
    ordered = collections.OrderedDict(small())
    assert not is_plain_json(ordered)
    assert sg.Partnership.from_dict(ordered).to_dict() == sg.Partnership.from_dict(small()).to_dict()
    # Nesting: the limit (MAX_JSON_DEPTH levels) is allowed, one more is not, and a cycle is not.
    nested: list[Any] = []
    inner = nested
    for _ in range(MAX_JSON_DEPTH - 1):
        inner.append([])
        inner = inner[0]
    assert is_plain_json(nested)
    inner.append([])
    assert not is_plain_json(nested)
    cycle: list[Any] = []
    cycle.append(cycle)
    assert not is_plain_json(cycle)
    with pytest.raises(sg.Error, match="contains itself"):
        sg.Partnership.from_dict({"name": "x", "partners": cycle})


def test_truncated_and_missing_files(tmp_path):
    cut = tmp_path / "cut.json"
    cut.write_text(EXAMPLE.read_text(encoding="utf-8")[:5000], encoding="utf-8")
    with pytest.raises(sg.Error, match=r"cut.json: the JSON ends too early \(truncated file\?\) at line \d+"):
        sg.Partnership.from_json(cut)
    with pytest.raises(sg.Error, match="cannot open the file"):
        sg.Partnership.from_json(tmp_path / "missing.json")


def test_files_in_other_encodings(tmp_path):
    # UTF-16 (as Windows tools save it, with its byte order mark) is decoded and reads the same.
    utf16 = tmp_path / "utf16.json"
    utf16.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-16")
    assert sg.Partnership.from_json(utf16) == sg.Partnership.from_json(EXAMPLE)
    # Latin-1 is not UTF-8: an Error naming the first bad byte (the e-acute), not a UnicodeDecodeError.
    latin1 = tmp_path / "latin1.json"
    latin1.write_bytes(json.dumps(small(name="Caf\u00e9"), ensure_ascii=False).encode("latin-1"))
    with pytest.raises(sg.Error, match=r"latin1.json: the file is not UTF-8 text: byte 0xE9 at line 1"):
        sg.Partnership.from_json(latin1)


def test_an_empty_reference_is_a_problem_not_an_absent_one():
    # The schema asks for a non-empty id wherever an element refers to another; an empty string
    # would otherwise read as "none" and be written back without the field.
    data = small(activities=[{"id": "a", "type": "audit", "date": "2020-01-10", "follows": ""}])
    data["partners"][0]["lead"] = ""
    data["groups"][0]["parent"] = ""
    with pytest.raises(sg.Error) as caught:
        sg.Partnership.from_dict(data)
    empty = "expected an id, got an empty string (leave the field out for none)"
    assert caught.value.problems == [
        ("/partners/0/lead", empty),
        ("/groups/0/parent", empty),
        ("/activities/0/follows", empty),
    ]


def test_bad_evaluation_arguments(haringey):
    with pytest.raises(sg.Error, match="as_of"):
        haringey.evaluate("2020-02-30")
    with pytest.raises(sg.Error, match="attendance_target"):
        haringey.evaluate("2020-10-31", attendance_target=0.5)  # type: ignore[arg-type]
    with pytest.raises(sg.Error, match="percentage from 0 to 100"):
        haringey.evaluate("2020-10-31", attendance_target=150)
    with pytest.raises(sg.Error, match="not a timescale"):
        haringey.evaluate("2020-10-31", due_soon="soon")


def test_examples_validate_against_the_shipped_schema(haringey):
    jsonschema = pytest.importorskip("jsonschema")
    schema_file = sg._partnership.schema_path()
    assert schema_file.exists(), "the schema is installed with the package"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for document in (json.loads(EXAMPLE.read_text(encoding="utf-8")), small(), haringey.to_dict()):
        assert list(validator.iter_errors(document)) == []
    bad = copy.deepcopy(small())
    bad["groups"][0]["frequency"] = "quarterly"
    bad["meetings"] = [{"id": "m", "group": "exec", "date": "2019-10-15", "colour": "red"}]
    paths = sorted("/" + "/".join(str(p) for p in e.absolute_path) for e in validator.iter_errors(bad))
    assert paths == ["/groups/0/frequency", "/meetings/0"]
    # The reader and the schema agree: an as-required group's count of 0 is rejected by both.
    zero = small()
    zero["groups"][0]["frequency"] = {"per": "as-required", "at_least": 0}
    assert ["/groups/0/frequency/at_least"] == [
        "/" + "/".join(str(p) for p in e.absolute_path) for e in validator.iter_errors(zero)]
    with pytest.raises(sg.Error) as caught:
        sg.Partnership.from_dict(zero)
    assert caught.value.problems == [("/groups/0/frequency/at_least", "must be at least 1, got 0")]
    # Coverage: the schema knows each edition's items, as the reader does; a repeated item only the
    # reader can see (a schema cannot compare two entries' fields).
    other = small(arrangements={"coverage": [{"item": "wt2018.a", "where": "§1"}, {"item": "wt2023.voice", "where": "§2"},
                                             {"item": "wt2018.a", "where": "§3"}]})
    assert ["/arrangements/coverage/1/item"] == [
        "/" + "/".join(str(p) for p in e.absolute_path) for e in validator.iter_errors(other)]
    with pytest.raises(sg.Error) as caught:
        sg.Partnership.from_dict(other)
    assert [where for where, _ in caught.value.problems] == ["/arrangements/coverage/1/item", "/arrangements/coverage/2/item"]
    lscb = small(edition="LSCB-WT2015", arrangements={"coverage": [{"item": "wt2018.a", "where": "§1"}]})
    assert ["/arrangements/coverage"] == [
        "/" + "/".join(str(p) for p in e.absolute_path) for e in validator.iter_errors(lscb)]


def test_calendar_inline(tmp_path):
    data = small(calendar={"name": "Test Council", "base": "england-and-wales",
                           "holidays": [{"date": "2019-12-24", "name": "Council closure"}]})
    partnership = sg.Partnership.from_dict(data)
    assert not partnership.calendar.is_working_day("2019-12-24")
    assert partnership.to_dict()["calendar"] == data["calendar"]
    (tmp_path / "council.json").write_text(json.dumps(data["calendar"]), encoding="utf-8")
    data["calendar"] = "council.json"
    (tmp_path / "p.json").write_text(json.dumps(data), encoding="utf-8")
    from_file = sg.Partnership.from_json(tmp_path / "p.json")
    assert not from_file.calendar.is_working_day("2019-12-24")
    assert pickle.loads(pickle.dumps(from_file)) == from_file


def test_symmetric_loaders_and_the_bound_model(haringey):
    path = ROOT / "examples" / "haringey" / "partnership.json"
    assert sg.Partnership.load(path) == haringey
    assert sg.Partnership.from_json(haringey.to_json()) == haringey
    assert sg.Partnership.from_json(haringey.to_json(None), source="copy.json") == haringey
    # The model's parts come from the compiled values, not from the JSON text.
    groups = haringey.groups
    assert groups and all(isinstance(g, sg.Group) for g in groups)
    assert groups[0].frequency == haringey.to_dict()["groups"][0]["frequency"]
    assert [d.schedule for d in haringey.duties] == [d["schedule"] for d in haringey.to_dict()["duties"]]


def test_the_report_enums_are_the_compiled_names():
    assert [s.value for s in sg.Status] == ["met", "breached", "due-soon", "not-yet-due", "not-applicable"]
    assert sg.FindingKind("non-attendance") is sg.FindingKind.NON_ATTENDANCE
    assert str(sg.Status.DUE_SOON) == "due-soon"
    assert pickle.loads(pickle.dumps(sg.Status.BREACHED)) is sg.Status.BREACHED


def test_activities_following_each_other_in_a_cycle_are_rejected():
    data = small()
    data["activities"] = [{"id": "a", "type": "audit", "date": "2020-01-06", "follows": "b"},
                          {"id": "b", "type": "plan", "date": "2020-01-06", "follows": "a"}]
    with pytest.raises(sg.Error) as caught:
        sg.Partnership.from_dict(data)
    assert ("/activities/0/follows", "the activities follow each other in a cycle: a \u2192 b \u2192 a") in caught.value.problems


def test_values_json_cannot_hold_are_one_error():
    data = small()
    data["start"] = dt.date(2019, 9, 29)
    with pytest.raises(sg.Error) as caught:
        sg.Partnership.from_dict(data, source="mine")
    assert str(caught.value).startswith("mine: 1 problem\n  /start: datetime.date(2019, 9, 29) is not a JSON value")


def test_governance_of_2026_through_python():
    """Partners over time, Working Together 2023's roles and the 2026 Act, as bound C++ types. The
    CCG's last day is Thursday 30 June 2022 and the ICB's first Friday 1 July 2022 (Health and Care
    Act 2022); Working Together 2023 from Monday 1 July 2024; the Act's edition from Friday 1 October
    2027 (a date the file sets). Evaluated on Monday 1 November 2027."""
    data = small()
    data["partners"][1].update({"until": "2022-06-30"})
    data["partners"].append({"id": "icb", "name": "Test ICB", "kind": "icb", "lead": "icb-lead", "from": "2022-07-01",
                             "succeeds": "ccg", "delegates": ["icb-delegate"]})
    data["roles"] += [{"id": "icb-lead", "title": "Chief Executive, Test ICB", "kind": "lead-representative",
                       "agency": "icb", "post": "chief-executive"},
                      {"id": "icb-delegate", "title": "Chief Nurse", "kind": "delegated-representative", "agency": "icb"}]
    data["groups"][0]["members"].append({"agency": "icb"})
    data["editions"] = [{"edition": "WT2023", "from": "2024-07-01"}, {"edition": "CWSA2026", "from": "2027-10-01"}]
    data["child_protection_teams"] = [{"id": "mact", "name": "Test team", "members": [
        {"role": "social-worker", "nominated_by": "la", "title": "Social worker"},
        {"role": "police-officer", "nominated_by": "police", "title": "Detective Constable"}]}]
    p = sg.Partnership.from_dict(data)
    assert p.editions == [("WT2018", dt.date(2019, 9, 29)), ("WT2023", dt.date(2024, 7, 1)),
                          ("CWSA2026", dt.date(2027, 10, 1))]
    assert p.edition_on("2024-06-30") == "WT2018" and p.edition_on("2027-10-01") == "CWSA2026"
    assert {a.id: (a.start, a.until, a.succeeds) for a in p.agencies}["icb"] == (dt.date(2022, 7, 1), None, "ccg")
    report = p.evaluate("2027-11-01")
    # Both health bodies are right for their dates.
    assert [f.status.value for f in of_kind(report, "health-partner")] == ["met", "met"]
    # Lead partners on 1 November 2027: the council's and the police's leads have no post (breached),
    # the ICB's is its chief executive (met). Delegates: only the ICB names exactly one.
    assert {f.subject: f.status.value for f in of_kind(report, "lead-partners")} == {
        "la": "breached", "icb": "met", "police": "breached"}
    assert {f.subject: f.status.value for f in of_kind(report, "delegated-partners")} == {
        "la": "breached", "icb": "met", "police": "breached"}
    # The team lacks education and a registered health professional; no designated agency is listed.
    (team,) = of_kind(report, "child-protection-teams")
    assert team.status is sg.Status.BREACHED
    assert "lacks core members: a person with experience in education and a registered health professional" in team.text
    assert [f.status.value for f in of_kind(report, "designated-agencies")] == ["breached"]
    # Republished under WT 2023 from 1 July 2024, by 31 December 2024: met.
    assert [f.status.value for f in of_kind(report, "republication")] == ["met"]
    # A CCG left in place after 30 June 2022 is a finding under any edition, the ICB's start too.
    old = small()
    old["partners"][1]["until"] = "2022-07-01"  # one day too many
    late = of_kind(sg.Partnership.from_dict(old).evaluate("2022-07-31"), "health-partner")
    assert late[0].status is sg.Status.BREACHED
    assert late[0].confidence == "confirmed"
    ids = [r.id for r in sg.governance_requirements()]
    assert "partners.ccg-to-icb" in ids and "cwsa2026.team-core-members" in ids


def test_a_file_of_the_previous_version_still_loads():
    # small() is a file as the previous version wrote it: no dates, posts, editions or sign-offs.
    p = sg.Partnership.from_dict(small())
    assert p.editions == [("WT2018", dt.date(2019, 9, 29))]
    assert sg.Partnership.from_json(p.to_json()) == p
