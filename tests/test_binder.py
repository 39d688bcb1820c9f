"""Binder builds from binder/ only: check it names the same pins as requirements.txt."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BINDER = ROOT / "binder"


def requirements(path: Path) -> list[str]:
    """Every requirement line, following -r includes relative to the including file (as pip does)."""
    lines = []
    for raw in path.read_text().splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith(("-r ", "--requirement ")):
            lines += requirements((path.parent / line.split(None, 1)[1]).resolve())
        else:
            lines.append(line)
    return lines


def test_binder_installs_exactly_the_course_requirements():
    assert requirements(BINDER / "requirements.txt") == requirements(ROOT / "requirements.txt")


def test_binder_has_no_local_install_and_pins_everything():
    reqs = requirements(BINDER / "requirements.txt")
    assert not [r for r in reqs if r.startswith(("-e", "."))], "no `-e .`: the notebooks find helpers/ via sys.path"
    loose = [r for r in reqs if "==" not in r]
    assert not loose, f"unpinned requirements: {loose}"


def test_binder_python_is_one_the_pins_support():
    runtime = (BINDER / "runtime.txt").read_text().strip()
    m = re.fullmatch(r"python-3\.(\d+)", runtime)
    assert m and 10 <= int(m.group(1)) <= 13, f"binder/runtime.txt says {runtime!r}; expected python-3.10 .. python-3.13"
