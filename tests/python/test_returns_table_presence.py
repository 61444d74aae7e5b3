"""A count for a year is given only when that year's return supplied the table it counts: two annual
SSDA903 returns (synthetic, one made-up child), the 2019 return with its missing file and the 2020
return without one, give no 2019-20 missing figure (it is not 0: nobody said there were none), and
with a missing file of a header and no rows, 0. The figures are worked by hand in the comments."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from safeguarding import ssda903
from safeguarding._cli import main

EPISODES = (
    "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
    "A,01/05/2018,S,C2,N1,U1,PR1,,,,,,\n"
)
# A's missing episodes, both started in 2018-19 (1 April 2018 to 31 March 2019): M from 1 to 5 June
# 2018 (4 days), A (away) from 10 to 11 January 2019 (1 day): 2 episodes, one child.
MISSING_2019 = (
    "CHILD,DOB,MISSING,MIS_START,MIS_END\nA,01/01/2008,M,01/06/2018,05/06/2018\nA,01/01/2008,A,10/01/2019,11/01/2019\n"
)
REASON = "ssda903.missing_episodes: the 2020 return has no missing table: no figure can be given for 2019-20"


def _returns(folder: Path, missing_2020: str | None) -> Path:
    for year, review in (("2019", "10/05/2018"), ("2020", "10/05/2019")):
        (folder / year).mkdir(parents=True)
        (folder / year / "episodes.csv").write_text(EPISODES)
        (folder / year / "reviews.csv").write_text(f"CHILD,DOB,REVIEW,REVIEW_CODE\nA,01/01/2008,{review},PN1\n")
    (folder / "2019" / "missing.csv").write_text(MISSING_2019)
    if missing_2020 is not None:
        (folder / "2020" / "missing.csv").write_text(missing_2020)
    return folder


def test_the_2020_return_without_missing_file_gives_no_2019_20_figure(tmp_path):
    data = ssda903.load(_returns(tmp_path / "r", None))
    earlier = data.missing_episodes(2019)  # the 2018-19 figure, from the 2019 return (worked above)
    assert earlier.to_frame()["episodes"].to_dict() == {"M": 1, "A": 1, "all": 2}
    with pytest.raises(Exception, match="the 2020 return has no missing table: no figure can be given for 2019-20"):
        data.missing_episodes(2020)


def test_a_header_only_missing_file_gives_0(tmp_path):
    data = ssda903.load(_returns(tmp_path / "r", "CHILD,DOB,MISSING,MIS_START,MIS_END\n"))
    # No missing episode started in 2019-20 (the 2019 return's both started in 2018-19).
    assert data.missing_episodes(2020).to_frame()["episodes"].to_dict() == {"M": 0, "A": 0, "all": 0}


def _part_with_missing(document: dict[str, Any]) -> dict[str, Any]:
    (part,) = [r for r in document["returns"] if "missing_episodes" in r.get("measures", {})]
    return part


def test_the_command_shows_the_2019_20_missing_figure_not_computable(tmp_path):
    folder = _returns(tmp_path / "r", None)
    out, err = io.StringIO(), io.StringIO()
    assert main(["returns", str(folder), "--year", "2019-20", "--format", "json"], out, err) == 0, err.getvalue()
    missing = _part_with_missing(json.loads(out.getvalue()))["measures"]["missing_episodes"]
    assert missing["not_computable"] == REASON and missing["rows"] is None
    out, err = io.StringIO(), io.StringIO()
    assert main(["returns", str(folder), "--year", "2019-20"], out, err) == 0, err.getvalue()
    assert "not computable: " + REASON in " ".join(out.getvalue().split())
