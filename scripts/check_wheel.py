"""Checks an installed safeguarding (a wheel's) from outside the source tree: every submodule imports,
the XML reader reads the sample CIN census, and the README's Python examples pass as doctests.

    python scripts/check_wheel.py      # with the wheel and its `reports` extra installed

Run by tests/python/test_wheel.py in a fresh virtual environment without the C++ toolchain on PATH,
and by cibuildwheel as its test-command (pyproject.toml) on Linux, macOS and Windows. The README's
examples read the sample returns by their relative path (examples/returns/...): they run in a
temporary directory holding a copy of examples/returns, so that neither the source tree nor its src/
is on sys.path. Exits 1 naming what failed.
"""

from __future__ import annotations

import doctest
import importlib
import importlib.util
import os
import pkgutil
import re
import shutil
import sys
import sysconfig
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def readme_python_examples(readme: Path = ROOT / "README.md") -> list[str]:
    """The README's Python examples: the ```python blocks of its Python section, as doctest text."""
    text = readme.read_text(encoding="utf-8")
    section = text[text.index("\n## Python\n") :]
    section = section[: section.find("\n## ", 1)] if "\n## " in section[1:] else section
    blocks = re.findall(r"```python\n(.*?)```", section, re.S)
    if not blocks or not all(">>> " in b for b in blocks):
        raise SystemExit("README.md: the Python section has no >>> examples")
    return blocks


def check_installed(version: str | None) -> list[str]:
    """Imports every submodule of the installed package; returns their names."""
    import safeguarding
    import safeguarding._core as core

    where = Path(safeguarding.__file__).resolve()
    site = Path(sysconfig.get_paths()["purelib"]).resolve()
    platsite = Path(sysconfig.get_paths()["platlib"]).resolve()
    if not (where.is_relative_to(site) or where.is_relative_to(platsite)):
        raise AssertionError(f"safeguarding is imported from {where}, not from the installed wheel in {site}")
    if version is not None and safeguarding.__version__ != version:
        raise AssertionError(f"safeguarding.__version__ is {safeguarding.__version__}, the source says {version}")
    imported = ["safeguarding", "safeguarding._core"]
    for info in pkgutil.walk_packages(safeguarding.__path__, "safeguarding."):
        if info.name == "safeguarding.__main__":
            # `python -m safeguarding`: importing it runs the command line; found is enough.
            if importlib.util.find_spec(info.name) is None:
                raise AssertionError("safeguarding.__main__ is not in the wheel")
            imported.append(info.name)
            continue
        if info.name == "safeguarding.dask":
            # The dask extra is not installed here: the module says which extra to install.
            try:
                importlib.import_module(info.name)
            except ImportError as error:
                if "safeguarding[dask]" not in str(error):
                    raise AssertionError(f"safeguarding.dask without Dask: {error}") from error
                continue
        importlib.import_module(info.name)
        imported.append(info.name)
    stubs = sorted(p.stem for p in (Path(safeguarding.__file__).parent / "_core").glob("*.pyi") if p.stem != "__init__")
    if not stubs:
        raise AssertionError("the wheel has no safeguarding/_core/*.pyi stubs")
    for name in stubs:
        if not hasattr(core, name):
            raise AssertionError(f"safeguarding._core has no submodule {name} (its stub is in the wheel)")
        imported.append(f"safeguarding._core.{name}")
    return imported


def main() -> int:
    version = sys.argv[1] if len(sys.argv) > 1 else None
    imported = check_installed(version)
    print(f"check_wheel: imported {len(imported)} modules and submodules from the installed wheel")

    import safeguarding as sg

    here = os.getcwd()
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(ROOT / "examples" / "returns", Path(tmp) / "examples" / "returns")
        os.chdir(tmp)
        # pugixml, linked into the extension module, reads the sample CIN census (synthetic).
        cin = sg.cin_census.load("examples/returns/fake_CIN_data.xml")
        print(f"check_wheel: read the sample CIN census XML ({type(cin).__name__})")
        failed = 0
        names: dict[str, object] = {}  # the examples follow one another, as in a doctest of the README
        for i, block in enumerate(readme_python_examples(), 1):
            test = doctest.DocTestParser().get_doctest(block, names, f"README.md, Python example {i}", "README.md", 0)
            runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
            runner.run(test, clear_globs=False)
            names = test.globs  # (a DocTest runs in a copy of the names it is given)
            failed += runner.failures
            print(f"check_wheel: README.md Python example {i}: {runner.tries - runner.failures} of {runner.tries} passed")
        os.chdir(here)  # (Windows cannot remove the directory a process is in)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
