"""Every committed notebook, checked as a file: the shape the course promises.

nbval (run by plain `pytest`) re-runs each notebook and compares outputs; these tests check
what nbval does not: stored outputs are clean and in order, the first cell and the lesson
shape are there, few outputs are exempt from comparison, and a re-run is deterministic.
"""

from __future__ import annotations

import re

import nbformat
import pytest
from execute_notebooks import (
    ROOT,
    code_cells,
    execute,
    ignores_output,
    notebook_dir,
    notebook_paths,
    output_fingerprint,
)

FIRST_CELL = [
    "# Run this cell first: it loads numpy and the course's own tools (the helpers/ folder).",
    "import sys",
    "from pathlib import Path",
    "",
    'if Path("../helpers").is_dir():',
    '    sys.path.insert(0, "..")',
    "import numpy as np",
]
MAX_IGNORED = 0.20
LINK = re.compile(r"\]\(([^)\s]+\.ipynb)(#[^)]*)?\)")


def read(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    return nb


def number(path) -> int | None:
    m = re.match(r"(\d\d)_", path.name)
    return int(m.group(1)) if m else None


def markdown(nb) -> str:
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def where(path, i, cell) -> str:
    first = cell.source.strip().splitlines()[0][:60] if cell.source.strip() else "(empty)"
    return f"{path.name}, code cell {i + 1} ({first!r})"


def test_notebooks_exist():
    assert notebook_dir().is_dir(), f"{notebook_dir()} is missing"


def test_parses_with_python3_kernel(notebook):
    nb = read(notebook)
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3", (
        f"{notebook.name}: kernelspec must be python3; re-execute with tests/execute_notebooks.py")
    kinds = {c.cell_type for c in nb.cells}
    assert kinds <= {"markdown", "code"}, f"{notebook.name}: only markdown and code cells, got {kinds}"


def test_executed_top_to_bottom(notebook):
    cells = code_cells(read(notebook))
    empty = [i + 1 for i, c in enumerate(cells) if not c.source.strip()]
    assert not empty, f"{notebook.name}: empty code cells {empty}: delete them"
    counts = [c.execution_count for c in cells]
    assert counts == list(range(1, len(cells) + 1)), (
        f"{notebook.name}: execution counts are {counts}, expected 1..{len(cells)} in order. "
        f"Re-execute: python tests/execute_notebooks.py notebooks/{notebook.name}")


def test_no_errors_or_warnings_in_outputs(notebook):
    problems = []
    for i, cell in enumerate(code_cells(read(notebook))):
        for o in cell.outputs:
            if o.output_type == "error":
                problems.append(f"{where(notebook, i, cell)}: error output {o.ename}: {o.evalue}")
            elif o.output_type == "stream" and o.name == "stderr":
                problems.append(f"{where(notebook, i, cell)}: stderr output {o.text[:200]!r}")
        text = "\n".join(output_fingerprint(cell))
        if "Warning" in text or "Traceback" in text:
            problems.append(f"{where(notebook, i, cell)}: output mentions a warning or traceback: "
                            f"{text[:300]!r}")
    assert not problems, "\n".join(problems)


def test_first_code_cell_has_the_standard_imports(notebook):
    cells = code_cells(read(notebook))
    assert cells, f"{notebook.name} has no code cells"
    lines = cells[0].source.strip().splitlines()
    n = len(FIRST_CELL)
    assert lines[:n] == FIRST_CELL and len(lines) > n and lines[n].startswith("from helpers import "), (
        f"{notebook.name}: the first code cell must start with\n" + "\n".join(FIRST_CELL)
        + "\nfrom helpers import plots   # plus what this lesson uses\n"
        f"got:\n{cells[0].source}")
    extra = [ln for ln in lines[n + 1:] if ln.strip() and not ln.startswith(("import ", "from ", "#"))]
    assert not extra, f"{notebook.name}: the first code cell should only import; move {extra} to a later cell"


def test_few_outputs_exempt_from_comparison(notebook):
    cells = code_cells(read(notebook))
    ignored = [where(notebook, i, c) for i, c in enumerate(cells) if ignores_output(c)]
    print(f"{notebook.name}: {len(ignored)} of {len(cells)} code cells carry NBVAL_IGNORE_OUTPUT")
    for w in ignored:
        print("   ", w)
    assert len(ignored) <= MAX_IGNORED * len(cells), (
        f"{notebook.name}: {len(ignored)} of {len(cells)} code cells skip output comparison "
        f"(at most {MAX_IGNORED:.0%}):\n" + "\n".join(ignored))


def test_lesson_shape(notebook):
    nb = read(notebook)
    text = markdown(nb)
    n = number(notebook)
    missing = []
    if not re.search(r"you will learn", text, re.I):
        missing.append('a "You will learn" list')
    if not re.search(r"break it", text, re.I):
        missing.append('a "Break it" experiment')
    checks = [c for c in code_cells(nb) if re.search(r"\blesson\.check_\w+\(", c.source)]
    need = 1 if n in (None, 0) else 2
    if len(checks) < need:
        missing.append(f"at least {need} exercise(s) with a check cell (found {len(checks)})")
    if "<summary>Solution</summary>" not in text:
        missing.append("a <details><summary>Solution</summary> block")
    links = [m.group(1) for m in LINK.finditer(text)]
    last = max(k for k in map(number, notebook_paths(notebook.parent)) if k is not None)
    if n is not None and n < last:
        nxt = [x for x in links if x.startswith(f"{n + 1:02d}_")]
        if not (nxt and re.search(r"next", text, re.I)):
            missing.append(f'a "Next" link to notebook {n + 1:02d}_...ipynb')
    if n is not None and n >= 1 and not any(x.startswith(f"{n - 1:02d}_") for x in links):
        missing.append(f"a link back to notebook {n - 1:02d}_...ipynb")
    assert not missing, f"{notebook.name} lacks: " + "; ".join(missing)


def test_a_lesson_is_its_own_files(notebook):
    """A lesson NN_name is notebooks/NN_name.ipynb, helpers/lessons/lNN_name.py (its
    interactives and checkers, imported as `lesson`) and tests/test_NN_name.py, and a row in
    the README's lesson table: adding one changes no other file but the previous lesson's
    "Next" link."""
    if notebook_dir() != ROOT / "notebooks":
        pytest.skip("a probe folder, not the course")
    stem = notebook.stem
    missing = [f for f in (f"helpers/lessons/l{stem}.py", f"tests/test_{stem}.py")
               if not (ROOT / f).is_file()]
    first = code_cells(read(notebook))[0].source
    if f"from helpers.lessons import l{stem} as lesson" not in first:
        missing.append(f"`from helpers.lessons import l{stem} as lesson` in the first cell")
    if f"(notebooks/{notebook.name})" not in (ROOT / "README.md").read_text(encoding="utf-8"):
        missing.append(f"a row linking notebooks/{notebook.name} in the README's lesson table")
    assert not missing, f"{notebook.name}: missing " + "; ".join(missing)


def test_readme_minutes_are_the_lessons_own(notebook):
    """The README's lesson table says the time the lesson itself states ("Time needed")."""
    nb = nbformat.read(notebook, as_version=4)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    stated = re.search(r"\*\*Time needed:\*\* about (\d+) minutes", text)
    assert stated, f"{notebook.name}: no '**Time needed:** about N minutes' line"
    row = re.search(rf"^\| \d+ \| \[[^\]]*\]\(notebooks/{re.escape(notebook.name)}\) \|.*\| (\d+) \|$",
                    (ROOT / "README.md").read_text(encoding="utf-8"), re.M)
    assert row, f"no README row for {notebook.name}"
    assert row.group(1) == stated.group(1), (
        f"{notebook.name} says about {stated.group(1)} minutes, the README {row.group(1)}")


def test_links_to_notebooks_resolve(notebook):
    text = markdown(read(notebook))
    broken = [m.group(1) for m in LINK.finditer(text)
              if "://" not in m.group(1) and not (notebook.parent / m.group(1)).exists()]
    assert not broken, f"{notebook.name} links to notebooks that do not exist: {broken}"


@pytest.mark.slow
def test_running_twice_gives_identical_outputs(notebook, tmp_path):
    runs = []
    for k in (1, 2):
        out = tmp_path / f"run{k}.ipynb"
        execute(notebook, out=out, cwd=notebook.parent)
        runs.append(code_cells(nbformat.read(out, as_version=4)))
    diffs = []
    for i, (a, b) in enumerate(zip(*runs)):
        if ignores_output(a):
            continue
        fa, fb = output_fingerprint(a), output_fingerprint(b)
        if fa != fb:
            diffs.append(f"{where(notebook, i, a)}:\n  run 1: {fa!r:.300}\n  run 2: {fb!r:.300}")
    assert not diffs, ("Two fresh runs differ (fix the seed, round the numbers, or mark the cell "
                       "# NBVAL_IGNORE_OUTPUT if it shows time):\n" + "\n".join(diffs))
