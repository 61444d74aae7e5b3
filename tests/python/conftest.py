from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
#: The sample returns the examples ship (examples/returns/README.md). The tests read them where
#: they are; tests/data holds only the sample files no example uses (tests/data/README.md).
RETURNS = ROOT / "examples" / "returns"

#: The SSDA903 tables of csc-validator-be-903's fake return, by table: the four the examples use
#: are in examples/returns/ssda903, the other seven in tests/data/ssda903.
SSDA903_CSV = {
    name: (RETURNS if name in ("header", "episodes", "reviews", "missing") else DATA) / "ssda903" / f"{name}.csv"
    for name in (
        "header", "episodes", "reviews", "uasc", "oc2", "oc3", "ad1",
        "placed_for_adoption", "previous_permanence", "missing", "sw_episodes",
    )
}
#: The SSDA903 return in its XML form.
SSDA903_XML = DATA / "ssda903" / "fake_903.xml"
#: The CIN census samples of csc-validator-be-cin, in order of file name.
CIN_CENSUS_XML = sorted(
    [DATA / "cin_census" / f"CIN_Census_{year}.xml" for year in (2021, 2024, 2026)] + [RETURNS / "fake_CIN_data.xml"],
    key=lambda p: p.name,
)
#: liia-tools' sample Annex A workbook.
ANNEX_A = RETURNS / "Annex_A.xlsx"


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA


@pytest.fixture(scope="session")
def govuk_reference() -> dict:
    return json.loads((DATA / "bank-holidays.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def ssda903_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fake SSDA903 return's eleven tables in one folder, as an authority exports them: the
    files of one folder are one return (several folders would be several returns, stitched)."""
    folder = tmp_path_factory.mktemp("fixtures") / "ssda903"
    folder.mkdir()
    for path in SSDA903_CSV.values():
        shutil.copyfile(path, folder / path.name)
    return folder
