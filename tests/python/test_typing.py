"""The facade type-checks under mypy --strict, so the types users see are the ones it has; the stubs
of the compiled module are checked against it (mypy.stubtest)."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_facade_is_strictly_typed():
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "src/safeguarding"],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_stubs_match_the_compiled_module():
    """The stubs of safeguarding._core (one file per submodule) say what the compiled module has."""
    result = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "safeguarding._core", "--allowlist", "tests/python/stubtest-allowlist.txt"],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
