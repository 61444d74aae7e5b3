"""The `safeguarding` command installed with the package."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import safeguarding as sg
from safeguarding._cli import main

from conftest import ROOT

EXAMPLE = ROOT / "examples" / "haringey" / "partnership.json"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "safeguarding", *args], capture_output=True, text=True, timeout=120)


def test_the_console_script_is_installed():
    script = Path(sys.executable).parent / "safeguarding"
    assert script.exists()
    result = subprocess.run([str(script), "--version"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0
    assert result.stdout.strip() == f"safeguarding {sg.__version__}"


def test_text_report():
    result = run("report", str(EXAMPLE), "--as-of", "2020-10-31")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("Governance compliance report: Haringey Safeguarding Children Partnership\n")
    assert "As of Saturday 31 October 2020" in out
    assert "162 findings: 114 met, 19 breached, 3 due soon, 14 not yet due, 12 not applicable" in out
    assert "Leadership Group did not meet in April\u2013June 2020" in out
    assert out == sg.Partnership.from_json(EXAMPLE).evaluate("2020-10-31").to_text()


def test_json_report_and_options():
    result = run("report", str(EXAMPLE), "--as-of", "2020-10-31", "--format", "json", "--due-soon", "30 calendar days",
                 "--attendance-target", "50")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["due_soon"] == "30 calendar days"
    assert data["attendance_target"] == 50
    expected = sg.Partnership.from_json(EXAMPLE).evaluate("2020-10-31", due_soon="30 calendar days", attendance_target=50)
    assert data == expected.to_dict()
    # The secondary schools' 50% now meets the target; the PLWD work plan due 28 November is more than
    # 30 days away.
    assert data["summary"]["by_kind"]["attendance"]["breached"] == 0
    assert data["summary"]["by_status"]["due-soon"] == 1


def test_bad_input_is_reported_with_pointers(tmp_path):
    bad = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    bad["meetings"][0]["group"] = "nowhere"
    bad["groups"][2]["frequency"] = 4
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert main(["report", str(path), "--as-of", "2020-10-31"], out, err) == 1
    assert out.getvalue() == ""
    assert err.getvalue() == (
        f"safeguarding: {path}: 2 problems\n"
        "  /groups/2/frequency: expected an object, got the number 4\n"
        "  /meetings/0/group: unknown group 'nowhere'\n"
    )
    assert main(["report", str(EXAMPLE), "--as-of", "31/10/2020"], out, err) == 1
    assert "--as-of: '31/10/2020' is not a date in the form YYYY-MM-DD" in err.getvalue()


def test_usage_errors_exit_2():
    assert run().returncode == 2
    assert run("report").returncode == 2
    assert run("report", str(EXAMPLE), "--format", "xml").returncode == 2
