"""RAG ratings of an action plan, worked by hand from the rule in docs/timeliness.md."""

from __future__ import annotations

import pandas as pd
import pytest

import safeguarding as sg


def test_rag_rule_in_order():
    actions = pd.DataFrame(
        {
            "action": ["1.2", "1.4", "1.5", "1.6", "1.7", "4.1", "4.4", "5.2"],
            "owner": ["DCS", "AD", "HoS", "HoS", "AD", "HoS", "HoS", "AD"],
            "target": ["2019-03-31", "2019-12-31", "2019-04-30", "2019-10-15", "2019-10-31", None, None, "2021-03-31"],
            "completed": ["2019-03-01", None, None, None, None, None, None, "2019-10-01"],
            "progress": [None, "concern", None, None, "on track", "on_track", None, "not_on_track"],
        }
    )
    # As of Tuesday 1 October 2019, with a 20-working-day warning window (to 29 October):
    rated = sg.rag(actions, as_of="2019-10-01")
    assert list(rated["rag"]) == [
        "Blue",   # completed 1 March
        "Amber",  # declared a concern
        "Red",    # target 30 April passed, not completed
        "Amber",  # target 15 October within 20 working days, nothing declared
        "Green",  # declared on track
        "Green",  # no target, declared on track
        "Amber",  # no target, nothing declared
        "Blue",   # completed 1 October, on the as-of date (the declaration no longer matters)
    ]
    assert rated["rag_reason"].iloc[2] == "past its target date and not completed"
    # Before its completion is known, action 5.2 is as declared: not on track.
    assert sg.rag(actions, as_of="2019-09-30")["rag"].iloc[7] == "Red"
    # A shorter window: 15 October is 10 working days after 1 October (2-4, 7-11, 14, 15): Amber at
    # 10, Green at 9.
    assert sg.rag(actions, as_of="2019-10-01", warning=10)["rag"].iloc[3] == "Amber"
    assert sg.rag(actions, as_of="2019-10-01", warning=9)["rag"].iloc[3] == "Green"


def test_bad_progress_is_named():
    actions = pd.DataFrame({"target": ["2019-10-01"], "completed": [None], "progress": ["nearly"]})
    with pytest.raises(sg.Error, match=r"column 'progress', row 0: 'nearly' is not a progress"):
        sg.rag(actions, as_of="2019-10-01")
    with pytest.raises(sg.Error, match="missing column 'completed'"):
        sg.rag(pd.DataFrame({"target": []}), as_of="2019-10-01")
