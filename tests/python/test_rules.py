"""The rule catalogue from Python: lookups, sources, rule files, and the generated files."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

import safeguarding as sg

from conftest import ROOT


def test_builtin_lookup_by_id_with_source_and_timescale():
    catalogue = sg.RuleCatalogue.builtin()
    assert len(catalogue) == 47
    rule = catalogue["lac.review.first"]
    assert rule.timescale == sg.Timescale.parse("20 working days")
    assert rule.confidence == "confirmed"
    assert "SI 2010/959" in rule.source
    assert catalogue["cspr.send_before_publication"].direction == "backward"
    assert catalogue["sin.rapid_review"].start_choices == (("sin.aware",), ("sin.notified",))
    assert catalogue["lac.health.review"].timescale is None  # depends on the child's age
    chain = ["lac.review.first", "lac.review.second", "lac.review.subsequent"]
    assert [r.id for r in catalogue.chain("lac.review.second")] == chain
    assert "lac.review.first" in catalogue and "nope" not in catalogue
    assert catalogue.event_title("lac.start") == "child became looked after"


def test_editions_by_date():
    rule = sg.RuleCatalogue.builtin()["lac.review.first"]
    assert rule.edition_on(dt.date(2011, 3, 31)).timescale == sg.Timescale.parse("4 weeks")
    assert rule.edition_on("2011-04-01").timescale == sg.Timescale.parse("20 working days")
    assert rule.edition_on(dt.date(1980, 1, 1)) is None
    lado = sg.RuleCatalogue.builtin()["lado.resolution"].edition_on(dt.date(2019, 1, 1))
    # 80% within 1 month, 90% within 3; "all but the most exceptional" within 12 is no percentage.
    assert lado.targets == (80.0, 90.0, None)
    assert [str(b) for b in lado.bands] == ["1 month", "3 months", "12 months"]


def test_unknown_rule_names_the_nearest():
    with pytest.raises(
        sg.Error, match=r"'lac.review.frist' is not a rule of the catalogue 'built-in' \(did you mean 'lac.review.first'\?\)"
    ):
        sg.RuleCatalogue.builtin()["lac.review.frist"]


def test_partnership_file_adds_rules_and_makes_local_choices():
    haringey = sg.RuleCatalogue.from_json(ROOT / "examples" / "haringey" / "rules.json")
    assert haringey.name == "Haringey Safeguarding Children Partnership"
    assert len(haringey) == len(sg.RuleCatalogue.builtin()) + 5  # the built-in rules and 5 of its own
    assert haringey["hscp.audit_action_plan"].timescale == sg.Timescale.parse("6 months")
    assert haringey["hscp.audit_action_plan"].origin.endswith("rules.json")
    notified = sg.RuleCatalogue.builtin().extended({"local_choices": {"sin.rapid_review": {"start": ["sin.notified"]}}})
    assert notified["sin.rapid_review"].start == ("sin.notified",)
    assert sg.RuleCatalogue.builtin()["sin.rapid_review"].start == ("sin.aware",)


def test_a_catalogue_pickles_and_comes_back_equal():
    # The built-in catalogue, a partnership's rule file over it, and a local choice over that: each
    # comes back equal (the same rules, editions, sources and choices) and gives the same answers.
    import pickle

    haringey = sg.RuleCatalogue.from_json(ROOT / "examples" / "haringey" / "rules.json")
    notified = haringey.extended({"local_choices": {"sin.rapid_review": {"start": ["sin.notified"]}}}, source="local")
    for catalogue in (sg.RuleCatalogue.builtin(), haringey, notified):
        back = pickle.loads(pickle.dumps(catalogue))
        assert back == catalogue and back.name == catalogue.name and back.ids == catalogue.ids
    back = pickle.loads(pickle.dumps(notified))
    assert back["sin.rapid_review"].start == ("sin.notified",) and back["hscp.audit_action_plan"].origin.endswith("rules.json")
    assert pickle.loads(pickle.dumps(sg.RuleCatalogue.builtin())) != haringey
    with pytest.raises(sg.Error, match="pickled RuleCatalogue of version 99"):
        sg._rules._catalogue_from_state({"version": 99, "layers": []})


def test_every_problem_in_a_rule_file_is_listed_with_its_pointer():
    with pytest.raises(sg.Error) as error:
        sg.RuleCatalogue.from_dict(
            {
                "rules": [
                    {"id": "x", "title": "X", "start": ["nope"], "stop": ["lac.review"],
                     "editions": [{"name": "A", "from": "2019-02-30", "timescale": "3 months", "source": "s",
                                   "confidence": "check"}]}
                ],
                "local_choices": {"sin.rapid_review": {"start": ["lac.start"]}},
            },
            source="local.json",
        )
    where = [w for w, _ in error.value.problems]
    assert where == ["/rules/0/start/0", "/rules/0/editions/0/from", "/local_choices/sin.rapid_review/start"]
    assert "'2019-02-30' is not a valid date: February 2019 has 28 days" in str(error.value)


def test_generated_header_and_rules_page_are_up_to_date():
    result = subprocess.run([sys.executable, "scripts/generate.py", "--check"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_the_embedded_catalogue_is_the_json_file():
    from safeguarding import _core

    assert _core.rules.builtin_rules_json() == (ROOT / "src" / "rules" / "rules.json").read_text(encoding="utf-8")


FIRST_USE = """
import threading

import safeguarding as sg
from safeguarding import _rules

assert _rules._BUILTIN is None, "the built-in catalogue was made at import: its first use is not raced"
THREADS = 8
barrier = threading.Barrier(THREADS)
seen, errors = [None] * THREADS, []


def first_use(i):
    barrier.wait()  # every thread asks at the same moment
    try:
        catalogue = sg.RuleCatalogue.builtin()
        seen[i] = (catalogue.ids, catalogue["lac.review.first"].timescale, sg.Calendar.scotland(),
                   sg.Calendar.northern_ireland())
    except BaseException as error:
        errors.append(repr(error))


threads = [threading.Thread(target=first_use, args=(i,)) for i in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert not errors, errors
assert all(s is not None for s in seen)
assert all(s == seen[0] for s in seen), seen
assert seen[0][1] == sg.Timescale.parse("20 working days")
assert seen[0][2] == sg.Calendar.scotland() and len(seen[0][0]) == 47
print("first use agreed in", len(seen), "threads")
"""


def test_concurrent_first_use_of_the_builtins():
    # A fresh interpreter, where the threads' calls are the first: eight threads wait at a barrier,
    # then all ask for the built-in catalogue and calendars at once.
    result = subprocess.run([sys.executable, "-c", FIRST_USE], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "first use agreed in 8 threads"


def test_a_version_1_rule_file_still_loads_or_says_what_changed(data_dir: Path):
    # examples/haringey/rules.json as it was for version 1 of the catalogue loads unchanged.
    old = sg.RuleCatalogue.from_json(data_dir / "rules_v1" / "haringey.json")
    assert old["hscp.audit_action_plan"].timescale == sg.Timescale.parse("6 months")
    # One replacing rules whose shape changed is one Error naming each and what became of it.
    with pytest.raises(sg.Error) as error:
        sg.RuleCatalogue.from_json(data_dir / "rules_v1" / "replaced_shapes.json")
    where = [w for w, _ in error.value.problems]
    assert where == ["/rules/0/id", "/rules/1/id", "/rules/2/id", "/local_choices/lac.visit"]
    assert "'lac.visit' was split in version 2 of the catalogue into 'lac.visit.first'" in str(error.value)
    with pytest.raises(sg.Error, match="ask for 'lac.visit.first'"):
        sg.RuleCatalogue.builtin()["lac.visit"]
    with pytest.raises(sg.Error, match="rule files of version 1 or 2, got 3"):
        sg.RuleCatalogue.from_dict({"version": 3})


def test_editions_carry_their_wording_address_and_own_start():
    catalogue = sg.RuleCatalogue.builtin()
    visit = catalogue["lac.visit.first"]
    assert visit.restart == "replace" and visit.start == ("lac.placement_start", "lac.care_order")
    (edition,) = visit.editions
    assert edition.confidence == "confirmed"
    assert "within one week of the start of any placement" in edition.wording
    assert edition.address == "https://www.legislation.gov.uk/uksi/2010/959/regulation/28/made"
    rapid = catalogue["sin.rapid_review"]
    assert [e.start_events for e in rapid.editions] == [(), ("sin.notified",)]
    assert "notification was sent to the Panel" in rapid.editions[-1].wording
    icpc = catalogue["icpc.held"]
    assert (icpc.repeat, icpc.repeat_choices) == ("earliest", ("earliest", "latest"))
    assert catalogue["core_group.first"].start == ("cp_plan.start",)
    assert catalogue["lado.resolution"].edition_on("2019-01-01").targets[-1] is None  # "all but the most exceptional"
    # The draft plan after a focused visit with priority actions began in August 2018, not January.
    assert catalogue["ilacs.priority_action_plan"].edition_on("2018-07-31") is None
    assert catalogue["ilacs.priority_action_plan"].edition_on("2018-08-16") is not None
    assert catalogue["ilacs.priority_final_plan"].timescale == sg.Timescale.parse("70 working days")
    assert "reg 33(2)" in catalogue["lac.review.subsequent"].source
    # confirmed only where a source text was read: each such edition quotes it and says where.
    for rule in catalogue:
        for e in rule.editions:
            if e.confidence == "confirmed":
                assert e.wording and e.address, (rule.id, e.name)
    assert dict(catalogue["lac.health.review"].attributes) == {"birth_date": "date"}
    assert catalogue["lac.visit.subsequent"].tested_events == ("lac.review",)
