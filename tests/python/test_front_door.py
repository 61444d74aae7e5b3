"""The front door through the Python facade: contacts and steps from DataFrames and CSV files,
checked against a partnership's agencies and threshold document, and every measure on a small
hand-made set of records. Expected figures are worked out by hand in the comments (England and
Wales bank holidays: none falls between 26 August and 25 December 2019)."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest

import safeguarding as sg

from conftest import ROOT

HARINGEY = ROOT / "examples" / "haringey"


def level(lid: str, kind: str, up: list[str], down: list[str]) -> dict:
    return {"id": lid, "name": f"Level {lid}", "kind": kind, "step_up": up, "step_down": down}


# Version "v1" from Monday 1 April 2019: four levels. Version "v2" from Tuesday 1 October 2019: an
# amber "l2plus" (intensive early help) between l2 (early help) and l3 (children in need); l4
# (child protection) steps down to l3 only.
V1 = [level("l1", "universal", ["l2", "l3", "l4"], []), level("l2", "early-help", ["l3", "l4"], ["l1"]),
      level("l3", "social-care", ["l4"], ["l2", "l1"]), level("l4", "social-care", [], ["l3"])]
V2 = [level("l1", "universal", ["l2", "l2plus", "l3", "l4"], []),
      level("l2", "early-help", ["l2plus", "l3", "l4"], ["l1"]),
      level("l2plus", "early-help", ["l3", "l4"], ["l2", "l1"]),
      level("l3", "social-care", ["l4"], ["l2plus", "l2", "l1"]), level("l4", "social-care", [], ["l3"])]


def partnership(**changes) -> sg.Partnership:
    data = {
        "name": "Test Partnership",
        "edition": "WT2018",
        "start": "2019-04-01",
        "partners": [
            {"id": "la", "name": "Test Council", "kind": "local-authority"},
            {"id": "ccg", "name": "Test CCG", "kind": "ccg"},
            {"id": "police", "name": "Test Police", "kind": "police"},
        ],
        "agencies": [{"id": "school", "name": "Test schools", "sector": "education"},
                     {"id": "gp", "name": "Test GPs", "sector": "health"}],
        "groups": [{"id": "qpo", "name": "Quality subgroup", "kind": "delivery-subgroup", "chairs": [],
                    "members": [{"agency": "la"}], "frequency": {"per": "as-required"}}],
        "thresholds": {
            "document": "Test thresholds",
            "owner": "qpo",
            "other_sources": [{"id": "public", "name": "Members of the public"}],
            "versions": [
                {"id": "v1", "title": "Thresholds (April 2019)", "from": "2019-04-01", "levels": V1},
                {"id": "v2", "title": "Thresholds (October 2019)", "from": "2019-10-01", "levels": V2},
            ],
        },
    }
    data.update(changes)
    return sg.Partnership.from_dict(data)


# The hand-made contacts, as of Friday 29 November 2019. Row: contact, child, date, agency,
# referrer's level | decision date, decided level, outcome | assessment date, outcome.
#   0 c1  A Mon 30 Sep police l3     | same day   l3     assessment  | 21 Oct cin    (version v1)
#   1 c2  B Tue  1 Oct police l2plus | Wed  2 Oct l2plus early-help                (v2, on its first day)
#   2 c3  C Thu  3 Oct school l2     | Mon  7 Oct l3     s47         | 25 Oct cp     (due Fri 4 Oct: late)
#   3 c4  D Mon  7 Oct school l3     | same day   l1     nfa                       (over-referred)
#   4 c5  A Mon 14 Oct gp     l3     | Tue 15 Oct l3     social-care | 4 Nov nfa     (A's re-referral)
#   5 c6  E Tue 15 Oct public -      | same day   l2     advice
#   6 c7  F Wed 16 Oct gp     l1     | same day   l2     early-help                (under-referred)
#   7 c8  G Mon  4 Nov police l4     | not decided: due Tue 5 Nov, overdue as of 29 Nov
#   8 c9  H Thu 28 Nov police l3     | not decided: due Fri 29 Nov, still open on 29 Nov
#   9 c10 I Tue  8 Oct church        | unknown agency: rejected
#  10 c11 J Wed  9 Oct police        | decided Tue 8 Oct, before the contact: rejected
#  11 c12 K Mon 30 Sep school l2plus | same day   l2     early-help  (l2plus is not a level of v1:
#                                       the referrer's level is blanked, the contact used)
#  12 c13 L Mon  2 Dec police        | after the as-of date
CONTACTS = pd.DataFrame({
    "contact": [f"c{i}" for i in range(1, 14)],
    "child": list("ABCDAEFGHIJKL"),
    "date": ["2019-09-30", "2019-10-01", "2019-10-03", "2019-10-07", "2019-10-14", "2019-10-15", "2019-10-16",
             "2019-11-04", "2019-11-28", "2019-10-08", "2019-10-09", "2019-09-30", "2019-12-02"],
    "agency": ["police", "police", "school", "school", "gp", "public", "gp", "police", "police", "church", "police",
               "school", "police"],
    "referrer_level": ["l3", "l2plus", "l2", "l3", "l3", "", "l1", "l4", "l3", "", "", "l2plus", ""],
    "decision_date": ["2019-09-30", "2019-10-02", "2019-10-07", "2019-10-07", "2019-10-15", "2019-10-15", "2019-10-16",
                      "", "", "", "2019-10-08", "2019-09-30", ""],
    "decided_level": ["l3", "l2plus", "l3", "l1", "l3", "l2", "l2", "", "", "", "", "l2", ""],
    "outcome": ["assessment", "early-help", "s47", "nfa", "social-care", "advice", "early-help", "", "", "", "", "early-help",
                ""],
    "assessment_date": ["2019-10-21", "", "2019-10-25", "", "2019-11-04", "", "", "", "", "", "", "", ""],
    "assessment_outcome": ["cin", "", "cp", "", "nfa", "", "", "", "", "", "", "", ""],
})

# The hand-made steps. Row: child, date, from, to.
#   0 A Tue  5 Nov l3 -> l2        step-down to early help (follows c5, gp); 12 months not passed
#   1 C Fri  1 Nov l3 -> l2plus    step-down to early help (follows c3, school)
#   2 C Wed 20 Nov l2plus -> l3    step-up into social care: re-escalates step 1
#   3 B Sun 20 Oct l2plus -> l1    step-down from early help to universal (follows c2, police)
#   4 D Thu 10 Oct l2 -> l2        not a step: rejected
#   5 Z Thu 10 Oct l3 -> l2        the child has no contact: rejected
#   6 K Mon 30 Sep l2plus -> l1    l2plus is not a level of v1: rejected
#   7 F Thu  5 Dec l2 -> l1        after the as-of date
#   8 G Mon 11 Nov l4 -> l2        not a move v2 lists (l4 steps down to l3 only): counted and
#                                  reported; a step-down to early help (follows c8, police)
STEPS = pd.DataFrame({
    "child": list("ACCBDZKFG"),
    "date": ["2019-11-05", "2019-11-01", "2019-11-20", "2019-10-20", "2019-10-10", "2019-10-10", "2019-09-30",
             "2019-12-05", "2019-11-11"],
    "from_level": ["l3", "l3", "l2plus", "l2plus", "l2", "l3", "l2plus", "l2", "l4"],
    "to_level": ["l2", "l2plus", "l3", "l1", "l2", "l2", "l1", "l1", "l2"],
})

AS_OF = dt.date(2019, 11, 29)


@pytest.fixture(scope="module")
def door() -> sg.FrontDoor:
    return sg.FrontDoor(partnership(), CONTACTS, STEPS, as_of=AS_OF)


def only_row(frame: pd.DataFrame) -> dict:
    assert len(frame) == 1
    return frame.iloc[0].to_dict()


def by_key(frame: pd.DataFrame, key: str, column: str) -> dict:
    return {str(k): int(v) for k, v in zip(frame[key], frame[column])}


# Rows -------------------------------------------------------------------------------------------

def test_rows_in_are_rows_used_plus_rows_reported(door):
    # Contacts: 13 read; rows 9 (unknown agency) and 10 (decided before the contact) rejected; row
    # 12 after the as-of date; the other 10 used. Steps: 9 read; 4, 5 and 6 rejected; 7 after the
    # as-of date; 5 used.
    summary = door.summary
    assert summary.loc["contacts", ["read", "used", "after_as_of", "rejected"]].tolist() == [13, 10, 1, 2]
    assert summary.loc["steps", ["read", "used", "after_as_of", "rejected"]].tolist() == [9, 5, 1, 3]
    for table in ("contacts", "steps"):
        row = summary.loc[table]
        assert row["read"] == row["used"] + row["after_as_of"] + row["rejected"]
    # Findings: contacts rows 9, 10 (rejected) and 11 (level blanked); steps rows 4, 5, 6
    # (rejected) and 8 (kept, reported).
    assert summary["findings"].tolist() == [3, 4]
    records = door.records()
    assert records["use"].tolist() == ["used"] * 9 + ["rejected", "rejected", "used", "after_as_of"]
    assert door.step_records()["use"].tolist() == ["used"] * 4 + ["rejected"] * 3 + ["after_as_of", "used"]
    assert "13 rows read = 10 used + 1 after the as-of date + 2 rejected; 3 findings" in door.summary_text()


def test_bad_records_are_findings_naming_the_record(door):
    f = door.findings
    rows = {(t, r, c): (p, a) for t, r, c, p, a in zip(f["table"], f["row"], f["column"], f["problem"], f["action"])}
    # DataFrame rows are named by position.
    problem, action = rows[("contacts", 9, "agency")]
    assert "unknown agency 'church'" in problem and action == "row rejected"
    problem, action = rows[("contacts", 10, "decision_date")]
    assert problem == "decided on 2019-10-08, before the contact on 2019-10-09" and action == "row rejected"
    problem, action = rows[("contacts", 11, "referrer_level")]
    assert problem.startswith("'l2plus' is not a level of the threshold document in force on 2019-09-30 "
                              "('Thresholds (April 2019)': l1, l2, l3 and l4)")
    assert action == "value blanked"
    assert "not a level of the threshold document in force on 2019-09-30" in rows[("steps", 6, "from_level")][0]
    assert rows[("steps", 4, "to_level")][0] == "not a step: the levels are the same"
    assert "no contact on or before" in rows[("steps", 5, "child")][0]
    problem, action = rows[("steps", 8, "to_level")]
    assert "does not list a step-down from 'l4' to 'l2'" in problem and action == "row kept"
    # The record is named by its ids too: the contact, the child.
    contact = f[(f["table"] == "contacts") & (f["row"] == 9)].iloc[0]
    assert (contact["contact"], contact["child"], contact["where"]) == ("c10", "I", "row 9, column 'agency'")


def test_a_csv_file_names_its_rows_as_records(tmp_path):
    # In a CSV file the header is row 1: position 9 (the unknown agency) is row 11.
    path = tmp_path / "contacts.csv"
    CONTACTS.to_csv(path, index=False)
    door = sg.FrontDoor(partnership(), path, STEPS, as_of=AS_OF)
    f = door.findings
    agency = f[f["column"] == "agency"].iloc[0]
    assert (agency["file"], agency["row"], agency["value"]) == (str(path), 11, "church")
    assert door.summary.loc["contacts", "used"] == 10
    # A problem naming another contact names its row in the file: c1 repeated at position 12 (row
    # 14) repeats row 2.
    twice = CONTACTS.assign(contact=[*CONTACTS["contact"][:12], "c1"])
    twice.to_csv(path, index=False)
    repeated = sg.FrontDoor(partnership(), path, as_of=AS_OF + dt.timedelta(days=3)).findings
    assert repeated[repeated["column"] == "contact"][["row", "problem"]].values.tolist() == [
        [14, "the contact id repeats that of row 2"]]


def test_values_that_are_not_dates_are_errors_naming_file_row_and_column(tmp_path):
    bad = CONTACTS.copy()
    bad.loc[3, "date"] = "2019-02-30"
    bad.loc[5, "decision_date"] = "15th October"
    path = tmp_path / "contacts.csv"
    bad.to_csv(path, index=False)
    with pytest.raises(sg.Error) as caught:
        sg.FrontDoor(partnership(), path, STEPS)
    text = str(caught.value)
    assert str(path) in text
    assert "column 'date', row 5" in text and "2019-02-30" in text  # position 3 = CSV row 5
    assert isinstance(caught.value, ValueError)
    with pytest.raises(sg.Error, match="missing required column 'agency'"):
        sg.FrontDoor(partnership(), CONTACTS.drop(columns="agency"))
    with pytest.raises(sg.Error, match="cannot open"):
        sg.FrontDoor(partnership(), tmp_path / "nowhere.csv")


def test_own_column_names_are_renamed(door):
    renamed = CONTACTS.rename(columns={"agency": "Source", "date": "Contact date"})
    other = sg.FrontDoor(partnership(), renamed, STEPS, as_of=AS_OF, columns={"Source": "agency", "Contact date": "date"})
    assert other.summary.equals(door.summary)


# Measures ---------------------------------------------------------------------------------------

def test_decisions_within_one_working_day(door):
    # Due 1 working day after the contact. Met: rows 0, 3, 5, 6, 11 (same day), 1 (Tue -> Wed), 4
    # (Mon -> Tue) = 7. Late: row 2 (Thu 3 Oct, due Fri 4 Oct, decided Mon 7 Oct: 2 working days).
    # Overdue: row 7 (due Tue 5 Nov). Open: row 8 (due Fri 29 Nov = the as-of date). 7 / 9 = 77.8%.
    assert door.decision_timescale == "1 working day"
    d = only_row(door.decisions())
    assert {k: d[k] for k in ("contacts", "decided", "met", "late", "overdue", "open", "not_judged")} == {
        "contacts": 10, "decided": 8, "met": 7, "late": 1, "overdue": 1, "open": 1, "not_judged": 0}
    assert d["percent_in_timescale"] == pytest.approx(700 / 9)
    assert door.records()["decision_working_days"].iloc[2] == 2
    # By month: September rows 0, 11 (2 met); October rows 1-6 (5 met, 1 late); November rows 7, 8.
    months = door.decisions("month")
    assert [str(p) for p in months["month"]] == ["2019-09", "2019-10", "2019-11"]
    assert months["met"].tolist() == [2, 5, 0]
    assert months["late"].tolist() == [0, 1, 0]
    assert months["overdue"].tolist() == [0, 0, 1]
    # By quarter: July-September 2 contacts, October-December 8.
    assert door.decisions("quarter")["contacts"].tolist() == [2, 8]


def test_contacts_referrals_and_re_referrals(door):
    # Referrals (social-care, assessment, s47): rows 0, 2, 4. Row 4 is child A's second referral, 14
    # days after row 0: a re-referral within 12 months. 1 / 3 = 33.3%.
    v = only_row(door.volumes())
    assert (v["contacts"], v["referrals"], v["re_referrals"]) == (10, 3, 1)
    assert v["percent_re_referrals"] == pytest.approx(100 / 3)
    assert door.records()["previous_referral"].iloc[4] == 0
    # By agency: police rows 0, 1, 7, 8 (1 referral); school rows 2, 3, 11 (1); gp rows 4, 6 (1, the
    # re-referral); public row 5.
    agencies = door.volumes("agency")
    assert by_key(agencies, "agency", "contacts") == {"police": 4, "school": 3, "gp": 2, "public": 1}
    assert by_key(agencies, "agency", "re_referrals") == {"police": 0, "school": 0, "gp": 1, "public": 0}


def test_conversion_and_no_further_action_after_assessment(door):
    # 10 contacts -> 3 referrals (30%) -> 3 assessed (rows 0, 2, 4: 100%) -> 2 plans (row 0 child in
    # need, row 2 child protection: 66.7%). Row 4's assessment ended in no further action: 1 of 3.
    c = only_row(door.conversion())
    assert [c[k] for k in ("contacts", "referrals", "assessments", "plans", "cin", "cp")] == [10, 3, 3, 2, 1, 1]
    assert [c["percent_referred"], c["percent_assessed"]] == [30.0, 100.0]
    assert c["percent_to_plan"] == pytest.approx(200 / 3)
    a = only_row(door.assessment_outcomes())
    assert [a[k] for k in ("assessments", "nfa", "cin", "cp", "early_help")] == [3, 1, 1, 1, 0]
    assert a["percent_nfa"] == pytest.approx(100 / 3)


def test_agreement_by_source_agency(door):
    # Rated (both levels known): rows 0 (l3/l3), 1 (l2plus/l2plus), 2 (l2/l3: under), 3 (l3/l1:
    # over), 4 (l3/l3), 6 (l1/l2: under) = 6; agree 3, over 1, under 2.
    a = only_row(door.agreement(None))
    assert [a[k] for k in ("contacts", "rated", "agree", "over", "under")] == [10, 6, 3, 1, 2]
    assert a["percent_agree"] == 50.0
    # Cohen's kappa: observed agreement 3/6 = 0.5. Referrer's levels l1 1, l2 1, l2plus 1, l3 3;
    # decided l1 1, l2 1, l2plus 1, l3 3: chance agreement (1 + 1 + 1 + 9) / 36 = 1/3. Kappa =
    # (1/2 - 1/3) / (1 - 1/3) = 0.25.
    assert a["kappa"] == pytest.approx(0.25)
    # By agency: police rows 0, 1 agree; school row 2 under, row 3 over (row 11 not rated); gp row
    # 4 agrees, row 6 under; public: nothing rated.
    agencies = door.agreement().set_index("agency")
    assert agencies.loc["police", ["rated", "agree", "over", "under"]].tolist() == [2, 2, 0, 0]
    assert agencies.loc["school", ["rated", "agree", "over", "under"]].tolist() == [2, 0, 1, 1]
    assert agencies.loc["gp", ["rated", "agree", "over", "under"]].tolist() == [2, 1, 0, 1]
    assert agencies.loc["school", "percent_over"] == 50.0
    assert agencies.loc["public", "rated"] == 0 and math.isnan(agencies.loc["public", "percent_agree"])
    confusion = door.confusion()
    assert confusion.loc["l3", "l3"] == 2 and confusion.loc["l3", "l1"] == 1 and confusion.loc["l2", "l3"] == 1
    assert int(confusion.to_numpy().sum()) == 6


def test_reliance_on_childrens_social_care(door):
    # Decided: rows 0-6 and 11 = 8. Resolved at early help or below: nfa row 3, advice row 5, early
    # help rows 1, 6, 11 = 5 (62.5%); referred rows 0, 2, 4 = 3.
    r = only_row(door.reliance())
    assert [r[k] for k in ("contacts", "decided", "nfa", "advice", "early_help", "resolved_below", "referred")] == [
        10, 8, 1, 1, 3, 5, 3]
    assert r["percent_resolved_below"] == 62.5
    # By agency: police decided rows 0, 1 (1 resolved); school rows 2, 3, 11 (2); gp 4, 6 (1); public 5 (1).
    agencies = door.reliance("agency")
    assert by_key(agencies, "agency", "decided") == {"police": 2, "school": 3, "gp": 2, "public": 1}
    assert by_key(agencies, "agency", "resolved_below") == {"police": 1, "school": 2, "gp": 1, "public": 1}


def test_step_downs_and_re_escalations(door):
    # Used steps 0, 1, 2, 3, 8: one step-up (2), four step-downs; step 8 not listed by v2. Step-downs
    # from social care to early help: 0 (l3 -> l2), 1 (l3 -> l2plus), 8 (l4 -> l2) = 3. Step 1 is
    # re-escalated by step 2 (19 days later); 0 and 8 await: their 12 months (to 5 and 11 November
    # 2020) have not passed. None followed up for 12 months, so no rate yet.
    s = only_row(door.steps())
    assert [s[k] for k in ("steps", "step_ups", "step_downs", "not_allowed", "to_early_help", "re_escalated",
                           "awaiting", "followed_up")] == [5, 1, 4, 1, 3, 1, 2, 0]
    assert math.isnan(s["percent_re_escalated"])
    # By the agency of the contact each step follows: step 0 gp (c5), 1 and 2 school (c3), 3 and 8
    # police (c2, c8).
    assert by_key(door.steps("agency"), "agency", "steps") == {"police": 2, "school": 2, "gp": 1}
    records = door.step_records()
    assert records["re_escalation_date"].iloc[1] == pd.Timestamp("2019-11-20")


def test_re_escalation_rate_once_twelve_months_have_passed():
    # As of Monday 30 November 2020 the 12 months after steps 0 (to 5 November 2020), 1 (to 1
    # November 2020) and 8 (to 11 November 2020) have passed: 3 followed up, 1 re-escalated: 33.3%.
    # Contact c13 and step 7 (F, l2 -> l1: not to early help) are now in.
    door = sg.FrontDoor(partnership(), CONTACTS, STEPS, as_of="2020-11-30")
    s = only_row(door.steps())
    assert [s[k] for k in ("steps", "to_early_help", "re_escalated", "awaiting", "followed_up",
                           "re_escalated_followed_up")] == [6, 3, 1, 0, 3, 1]
    assert s["percent_re_escalated"] == pytest.approx(100 / 3)


def test_by_level_and_version_across_the_boundary(door):
    # The version in force: v1 for the contacts of Monday 30 September (rows 0 and 11), v2 from
    # Tuesday 1 October (rows 1-8). Decided levels in v2: l1 row 3; l2 rows 5, 6; l2plus row 1; l3
    # rows 2, 4; none rows 7, 8. In v1: l3 row 0, l2 row 11.
    table = door.volumes(["version", "level"])
    counts = {(str(v), str(lv)): n for v, lv, n in zip(table["version"], table["level"], table["contacts"])}
    assert counts == {("v1", "l2"): 1, ("v1", "l3"): 1, ("v2", "l1"): 1, ("v2", "l2"): 2, ("v2", "l2plus"): 1,
                      ("v2", "l3"): 2, ("v2", "nan"): 2}
    assert door.records()["version"].tolist()[:3] == ["v1", "v2", "v2"]
    with pytest.raises(sg.Error, match="one period and one level"):
        door.volumes(["month", "quarter"])
    with pytest.raises(sg.Error, match="'week' is not one of"):
        door.volumes("week")


def test_a_level_on_the_day_before_and_on_the_first_day_of_a_version():
    # l2plus exists from Tuesday 1 October 2019. On Monday 30 September it is no level (the value
    # is blanked and reported); on 1 October it is used.
    contacts = pd.DataFrame({"contact": [1, 2], "child": [1, 2], "date": ["2019-09-30", "2019-10-01"],
                             "agency": ["police", "police"], "referrer_level": ["l2plus", "l2plus"],
                             "decision_date": ["2019-09-30", "2019-10-01"], "decided_level": ["l2plus", "l2plus"],
                             "outcome": ["early-help", "early-help"]})
    door = sg.FrontDoor(partnership(), contacts)
    records = door.records()
    assert records["referrer_level"].isna().tolist() == [True, False]
    assert records["decided_level"].isna().tolist() == [True, False]
    assert records["decided_level"].iloc[1] == "l2plus"
    assert door.findings[["row", "column"]].values.tolist() == [[0, "referrer_level"], [0, "decided_level"]]
    # Before the first version (Sunday 31 March 2019) there is none in force.
    early = sg.FrontDoor(partnership(), contacts.assign(date=["2019-03-31", "2019-10-01"],
                                                        decision_date=["2019-03-31", "2019-10-01"]))
    assert "no version of the threshold document is in force on 2019-03-31" in early.findings["problem"].iloc[0]


# Referrals per 10,000 children ----------------------------------------------------------------

def test_the_seed_referral_rates_and_their_growth():
    # Seed 000 (Haringey, 2018): referral rates of 379 (year ended March 2015), 539 (2016), 643
    # (2017) and 733 (2018 to date) per 10,000 children aged 0-17, "an overall increase in referral
    # rate of 93%". The seed gives neither counts nor population; these produce its figures:
    #   2014-15: 2,191 x 10,000 / 57,800 = 379.07 -> 379
    #   2015-16: 3,137 x 10,000 / 58,200 = 539.00 -> 539
    #   2016-17: 3,774 x 10,000 / 58,700 = 642.93 -> 643
    #   2017-18: 4,332 x 10,000 / 59,100 = 732.99 -> 733
    # Growth: 732.99 / 379.07 = 1.9337, +93.4% -> 93%. 2015-16 on 2014-15: 539.00 / 379.07 =
    # 1.4219, +42.2%.
    counts = {2015: 2191, 2016: 3137, 2017: 3774, 2018: 4332}
    dates, outcomes = [], []
    for year, referrals in counts.items():
        days = pd.date_range(f"{year - 1}-04-01", f"{year}-03-31", freq="D")
        # The referrals spread over the year (its first and last day included), and one contact in
        # ten more that was not a referral.
        picks = np.linspace(0, len(days) - 1, referrals).round().astype(int)
        dates += list(days[picks]) + list(days[np.arange(referrals // 10) % len(days)])
        outcomes += ["assessment"] * referrals + ["advice"] * (referrals // 10)
    n = len(dates)
    contacts = pd.DataFrame({"contact": range(n), "child": range(n), "date": dates, "agency": "police",
                             "decision_date": dates, "outcome": outcomes})
    door = sg.FrontDoor(partnership(start="2014-04-01"), contacts)
    rates = door.referral_rate({"2014-15": 57_800, "2015-16": 58_200, 2017: 58_700, 2018: 59_100})
    assert rates["year"].tolist() == ["2014-15", "2015-16", "2016-17", "2017-18"]
    assert rates["referrals"].tolist() == [2191, 3137, 3774, 4332]
    assert rates["rate_per_10000"].round().astype(int).tolist() == [379, 539, 643, 733]
    assert rates["rate_per_10000"].iloc[0] == pytest.approx(379.0657, abs=1e-4)
    assert round(rates["change_since_first"].iloc[-1]) == 93
    assert rates["change_since_first"].iloc[-1] == pytest.approx(93.37, abs=0.01)
    assert rates["change_on_previous"].iloc[1] == pytest.approx(42.19, abs=0.01)
    assert rates["complete"].all()
    assert rates["start"].iloc[0] == dt.date(2014, 4, 1) and rates["end"].iloc[-1] == dt.date(2018, 3, 31)
    with pytest.raises(sg.Error, match="number of children must be positive"):
        door.referral_rate({2015: 0})
    with pytest.raises(sg.Error, match="expected a whole number of children"):
        door.referral_rate({2015: 57.8})


# The threshold document and the compliance report ------------------------------------------------

def test_the_threshold_document_in_force():
    document = partnership().thresholds
    assert [v.id for v in document.versions] == ["v1", "v2"]
    assert document.in_force("2019-09-30").id == "v1"
    assert document.in_force(dt.date(2019, 10, 1)).id == "v2"
    assert document.in_force("2019-03-31") is None
    v2 = document.versions[1]
    assert v2.level_ids == ("l1", "l2", "l2plus", "l3", "l4")
    assert v2.rank("l2plus") == 2
    assert v2.allows("l4", "l3") and not v2.allows("l4", "l2")
    with pytest.raises(sg.Error, match="'l5' is not a level of 'Thresholds \\(October 2019\\)'"):
        v2.level("l5")
    assert "v1 from 2019-04-01 (4 levels), v2 from 2019-10-01 (5 levels)" in repr(document)


def test_problems_in_the_threshold_document_are_named_by_pointer():
    data = partnership().to_dict()
    data["thresholds"]["owner"] = ""
    data["thresholds"]["versions"][1]["levels"][0]["kind"] = "urgent"
    with pytest.raises(sg.Error) as caught:
        sg.Partnership.from_dict(data)
    assert ("/thresholds/owner", "expected an id, got an empty string (leave the field out for none)") in caught.value.problems
    assert ("/thresholds/versions/1/levels/0/kind", "'urgent' is not one of: universal, early-help, social-care") in (
        caught.value.problems)


def test_the_london_continuum_is_the_default():
    data = partnership().to_dict()
    del data["thresholds"]
    document = sg.Partnership.from_dict(data).thresholds
    assert document.builtin_default
    assert document == sg.ThresholdDocument.london_continuum()
    (version,) = document.versions
    assert version.builtin == "london-continuum"
    assert [lv.kind for lv in version.levels] == ["universal", "early-help", "social-care", "social-care"]
    assert document.in_force("1990-01-01") is version


def test_the_threshold_review_flows_into_the_compliance_report():
    # A duty to review the document every 12 months, from the start (1 April 2019). The version in
    # force then is v1 (1 April 2019): its review is due 12 months on, Wednesday 1 April 2020. v2
    # (1 October 2019) counts as a review: met. The next is due 12 months after it, Thursday 1
    # October 2020: as of Saturday 31 October 2020 it is overdue by 21 working days (the weekdays
    # of 2-30 October, no bank holiday) and 30 calendar days.
    duty = {"id": "threshold-review", "title": "Threshold document reviewed", "owner": "qpo",
            "activity": "threshold-review", "schedule": {"kind": "interval", "every": "12 months"},
            "source": "arrangements §2.16.6.2 j"}
    report = partnership(duties=[duty]).evaluate("2020-10-31")
    findings = [f for f in report.findings if f.subject == "threshold-review"]
    assert [(f.status.value, f.due, f.actual) for f in findings] == [
        ("met", dt.date(2020, 4, 1), dt.date(2019, 10, 1)), ("breached", dt.date(2020, 10, 1), None)]
    assert (findings[1].late_working_days, findings[1].late_calendar_days) == (21, 30)
    assert findings[1].text.endswith("The version in force is 'Thresholds (October 2019)', in force since Tuesday 1 "
                                     "October 2019.")


# The Haringey synthetic year ---------------------------------------------------------------------

def test_the_haringey_synthetic_front_door_year():
    haringey = sg.Partnership.from_json(HARINGEY / "partnership.json")
    door = sg.FrontDoor(haringey, HARINGEY / "contacts.csv", HARINGEY / "steps.csv")
    assert door.as_of == dt.date(2020, 4, 30)
    # Every row accounted for; recounted with plain pandas from the files.
    contacts = pd.read_csv(HARINGEY / "contacts.csv", dtype=str, keep_default_na=False)
    summary = door.summary
    assert summary.loc["contacts", "read"] == len(contacts)
    assert summary.loc["contacts", "read"] == summary.loc["contacts", ["used", "after_as_of", "rejected"]].sum()
    # The planted bad records (make_example.py): 3 unknown agencies, 2 decisions before their
    # contacts, 1 repeated contact id.
    rejected = door.findings[door.findings["action"] == "row rejected"]
    contacts_rejected = rejected[rejected["table"] == "contacts"]
    assert sorted(contacts_rejected["column"]) == ["agency"] * 3 + ["contact"] + ["decision_date"] * 2
    assert summary.loc["contacts", "rejected"] == 6
    # Volumes agree with an independent pandas count over the used rows.
    used = contacts[door.records()["use"].eq("used").to_numpy()]
    referrals = used["outcome"].isin(["social-care", "assessment", "s47"])
    v = only_row(door.volumes())
    assert (v["contacts"], v["referrals"]) == (len(used), int(referrals.sum()))
    quarters = door.volumes("quarter")
    month = pd.PeriodIndex(pd.to_datetime(used["date"]), freq="Q")
    assert quarters["contacts"].tolist() == month.value_counts().sort_index().tolist()


def test_the_synthetic_files_are_what_their_script_writes():
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_example", HARINGEY / "make_example.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    contacts, steps = module.front_door_texts()
    assert contacts == (HARINGEY / "contacts.csv").read_text(encoding="utf-8")
    assert steps == (HARINGEY / "steps.csv").read_text(encoding="utf-8")
