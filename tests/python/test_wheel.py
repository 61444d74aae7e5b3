"""The binary wheel (issue #16): the repaired wheel ./dev wheel and ./dev test build installs and runs
where there is no compiler, no Boost and no pugixml.

./dev test builds the wheel (pip wheel, then auditwheel repair), installs that same wheel into .venv for
every other test, and names it in SAFEGUARDING_WHEEL. Here it is installed into a fresh virtual
environment whose PATH holds only the new Python and a few basic tools (no g++, cc, c++, cmake, ninja
or make), with the working directory outside the source tree, and the README's Python examples are
run there as doctests (scripts/check_wheel.py). Without SAFEGUARDING_WHEEL (pytest run by hand) the
newest wheel of this version and this Python in dist/ is used, and the tests are skipped when there
is none: ./dev wheel makes one.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("check_wheel", ROOT / "scripts" / "check_wheel.py")
assert _spec is not None and _spec.loader is not None
check_wheel = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check_wheel)
readme_python_examples = check_wheel.readme_python_examples

#: What a C++ build would need on PATH; none may be found where the wheel is installed.
TOOLCHAIN = ("g++", "gcc", "cc", "c++", "clang", "clang++", "cmake", "ninja", "make", "ld")
#: The basic tools the hidden-toolchain PATH keeps (a user's shell has them).
BASIC_TOOLS = ("sh", "env", "ls", "cat", "uname")
#: The shared libraries a manylinux wheel may need from the system (the manylinux policy's own, those
#: the extension can use); pugixml and Boost are not among them.
MANYLINUX_LIBRARIES = {
    "libc.so.6", "libm.so.6", "libgcc_s.so.1", "libstdc++.so.6", "libpthread.so.0", "libdl.so.2",
    "librt.so.1", "ld-linux-x86-64.so.2", "ld-linux-aarch64.so.1",
}


def _version() -> str:
    header = (ROOT / "include" / "safeguarding" / "version.hpp").read_text(encoding="utf-8")
    parts = [re.search(rf"#define SAFEGUARDING_VERSION_{p} (\d+)", header).group(1) for p in ("MAJOR", "MINOR", "PATCH")]
    return ".".join(parts)


VERSION = _version()


def _the_wheel() -> Path:
    named = os.environ.get("SAFEGUARDING_WHEEL")
    if named:
        path = Path(named)
        assert path.is_file(), f"SAFEGUARDING_WHEEL names {path}, which is not a file"
        return path
    python_tag = f"cp{sys.version_info.major}{sys.version_info.minor}"
    pattern = f"safeguarding-{VERSION}-{python_tag}-{python_tag}-*.whl"
    wheels = sorted((ROOT / "dist").glob(pattern), key=lambda p: p.stat().st_mtime)
    if not wheels:
        pytest.skip(f"no wheel {pattern} in dist/: ./dev wheel builds one (./dev test always does)")
    return wheels[-1]


@pytest.fixture(scope="module")
def wheel() -> Path:
    return _the_wheel()


def test_readme_examples_are_found() -> None:
    # The first example counts working days: Tuesday 30 January 2018 + 70 working days is 14 weeks,
    # Tuesday 8 May, without holidays; Good Friday (30 March), Easter Monday (2 April) and the early
    # May bank holiday (7 May) push it 3 working days on, to Friday 11 May 2018. The test below runs
    # every example from the wheel.
    blocks = readme_python_examples()
    assert "cal.add_working_days(dt.date(2018, 1, 30), 70)" in blocks[0]
    assert "datetime.date(2018, 5, 11)" in blocks[0]


def test_wheel_contents(wheel: Path) -> None:
    """The version, the licence metadata and the package data are in the wheel; no source tree's files."""
    assert wheel.name.startswith(f"safeguarding-{VERSION}-"), wheel.name
    if sys.platform.startswith("linux"):
        assert "manylinux" in wheel.name or "musllinux" in wheel.name, f"{wheel.name}: not repaired by auditwheel"
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        metadata = z.read(f"safeguarding-{VERSION}.dist-info/METADATA").decode()
    assert f"\nVersion: {VERSION}\n" in metadata
    assert "License" in metadata and "MIT" in metadata
    assert re.search(r"^Requires-Dist: numpy", metadata, re.M)
    assert re.search(r"^Provides-Extra: reports", metadata, re.M)
    assert any(n.startswith(f"safeguarding-{VERSION}.dist-info/") and n.endswith("LICENSE") for n in names), sorted(names)
    extension = [n for n in names if re.fullmatch(r"safeguarding/_core\..*(so|pyd)", n)]
    assert len(extension) == 1, sorted(names)
    for needed in (
        "safeguarding/__init__.py",
        "safeguarding/py.typed",
        "safeguarding/schemas/partnership.schema.json",
        "safeguarding/_core/__init__.pyi",
        "safeguarding/reports/__init__.py",
    ):
        assert needed in names, f"{needed} is not in {wheel.name}"
    # The templates and styles of the reports, whatever they are, travel with the package.
    package_data = {p.relative_to(ROOT / "src").as_posix() for p in (ROOT / "src" / "safeguarding").rglob("*")
                    if p.is_file() and "__pycache__" not in p.parts}
    assert package_data <= names, sorted(package_data - names)
    assert not [n for n in names if n.startswith(("src/", "tests/", "build/", "include/"))]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ELF: the Linux wheel's extension module")
def test_extension_needs_only_manylinux_libraries(wheel: Path, tmp_path: Path) -> None:
    """pugixml is linked statically and Boost is used header-only: the extension module needs no shared
    library beyond those every manylinux system has (auditwheel would have copied any other into the
    wheel's safeguarding.libs/, which it must not have needed to)."""
    from elftools.elf.dynamic import DynamicSection
    from elftools.elf.elffile import ELFFile

    with zipfile.ZipFile(wheel) as z:
        [name] = [n for n in z.namelist() if re.fullmatch(r"safeguarding/_core\..*so", n)]
        vendored = [n for n in z.namelist() if n.startswith("safeguarding.libs/")]
        z.extract(name, tmp_path)
    with open(tmp_path / name, "rb") as f:
        needed = {
            tag.needed
            for section in ELFFile(f).iter_sections()
            if isinstance(section, DynamicSection)
            for tag in section.iter_tags()
            if tag.entry.d_tag == "DT_NEEDED"
        }
    assert needed, "the extension module names no shared library at all: not the file expected"
    assert needed <= MANYLINUX_LIBRARIES, f"the extension module needs {sorted(needed - MANYLINUX_LIBRARIES)}"
    assert vendored == [], f"auditwheel copied libraries into the wheel: {vendored}"


def _hidden_toolchain_env(venv: Path, bin_dir: Path) -> dict[str, str]:
    """A PATH with the fresh environment's Python and the basic tools, and nothing that compiles."""
    bin_dir.mkdir()
    (bin_dir / "python").symlink_to(venv / "bin" / "python")
    for tool in BASIC_TOOLS:
        found = next((Path(d) / tool for d in ("/usr/bin", "/bin") if (Path(d) / tool).exists()), None)
        if found is not None:
            (bin_dir / tool).symlink_to(found)
    env = {k: v for k, v in os.environ.items() if k.startswith(("PIP_", "HOME", "LANG", "LC_", "TMPDIR", "SSL_"))}
    env["PATH"] = str(bin_dir)
    env["PYTHONNOUSERSITE"] = "1"
    return env


@pytest.mark.skipif(sys.platform == "win32", reason="the hidden-toolchain PATH is built of POSIX symlinks")
def test_wheel_installs_and_runs_without_toolchain(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    env = _hidden_toolchain_env(venv, tmp_path / "bin")
    elsewhere = tmp_path / "elsewhere"  # the working directory: not the source tree
    elsewhere.mkdir()

    def run(*args: str) -> str:
        done = subprocess.run(list(args), cwd=elsewhere, env=env, capture_output=True, text=True)
        assert done.returncode == 0, f"{' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
        return done.stdout

    # Nothing on this PATH could build a C++ extension.
    on_path = run("python", "-c", f"import shutil; print([t for t in {TOOLCHAIN!r} if shutil.which(t)])")
    assert on_path.strip() == "[]", on_path
    # Binary wheels only, the package's and its dependencies': pip cannot fall back to building anything.
    run("python", "-m", "pip", "install", "-q", "--only-binary=:all:", f"{wheel}[reports]")
    # Every submodule imports, the XML reader reads, and the README's Python examples pass
    # (scripts/check_wheel.py, cibuildwheel's test-command too).
    out = run("python", str(ROOT / "scripts" / "check_wheel.py"), VERSION)
    assert re.search(r"imported (\d+) modules", out) and int(re.search(r"imported (\d+) modules", out).group(1)) >= 30, out
    examples = re.findall(r"README.md Python example \d+: (\d+) of (\d+) passed", out)
    assert len(examples) == len(readme_python_examples()) and all(a == b and int(b) > 0 for a, b in examples), out


def test_python_tag_matches(wheel: Path) -> None:
    tag = f"cp{sys.version_info.major}{sys.version_info.minor}"
    assert f"-{tag}-{tag}-" in wheel.name, f"{wheel.name} is not built for this Python ({tag}, {sysconfig.get_platform()})"


@pytest.mark.parametrize("platform", ["linux", "macos", "windows"])
def test_cibuildwheel_configuration_parses(platform: str) -> None:
    """pyproject.toml's [tool.cibuildwheel] is read by cibuildwheel (which refuses an unknown option)
    and selects CPython 3.9 to 3.14 on each platform, 64-bit only."""
    cibuildwheel = Path(sys.executable).with_name("cibuildwheel")
    if not cibuildwheel.exists():
        pytest.skip("cibuildwheel is not installed in this environment (requirements-dev.txt has it)")
    done = subprocess.run(
        [str(cibuildwheel), "--print-build-identifiers", "--platform", platform],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert done.returncode == 0, done.stderr
    identifiers = done.stdout.split()
    assert {i.split("-")[0] for i in identifiers} == {f"cp3{m}" for m in range(9, 15)}, identifiers
    assert not [i for i in identifiers if re.search(r"i686|win32|pp3|t-", i)], identifiers
