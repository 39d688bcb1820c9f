"""Every exercise in every notebook, the way a learner meets it.

For each check cell (exactly one expression `lesson.check_<something>(<name>)`):
(a) with the shipped stub, after running every code cell above it, the check says "not done";
(b) with the notebook's own solution (the ```python block in the nearest following
    <details><summary>Solution</summary> that defines <name>), the check says "correct".

The notebook's code runs in-process in an IPython shell (magics work, matplotlib draws with
Agg, widgets are built without a front end), in the notebook's folder, top to bottom: no
cell is skipped.
"""

from __future__ import annotations

import ast
import contextlib
import io
import re
import sys

import matplotlib
import nbformat
import pytest

matplotlib.use("Agg")

SOLUTION = re.compile(r"<summary>\s*Solution\s*</summary>(.*?)</details>", re.S | re.I)
FENCE = re.compile(r"```python\s*\n(.*?)```", re.S)


def check_call(source: str):
    """(checker name, [argument names]) when the cell is exactly one `lesson.check_x(name)`."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    if len(tree.body) != 1 or not isinstance(tree.body[0], ast.Expr):
        return None
    call = tree.body[0].value
    if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
            and isinstance(call.func.value, ast.Name) and call.func.value.id == "lesson"
            and call.func.attr.startswith("check_")):
        return None
    names = [a.id for a in call.args if isinstance(a, ast.Name)]
    return call.func.attr, names


def defined_names(code: str) -> set[str]:
    names = set()
    for node in ast.parse(code).body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for t in targets:
                names |= {n.id for n in ast.walk(t) if isinstance(n, ast.Name)}
    return names


def solution_for(cells, start: int, names: list[str]):
    """The first ```python block after cell `start` inside a Solution <details> that defines
    one of `names`."""
    for cell in cells[start + 1:]:
        if cell.cell_type != "markdown":
            continue
        for details in SOLUTION.findall(cell.source):
            for code in FENCE.findall(details):
                if defined_names(code) & set(names):
                    return code
    return None


def exercises(nb):
    cells = nb.cells
    return [(i, *found) for i, c in enumerate(cells)
            if c.cell_type == "code" and (found := check_call(c.source))]


@pytest.fixture
def shell(notebook, monkeypatch):
    from IPython.core.interactiveshell import InteractiveShell

    monkeypatch.chdir(notebook.parent)
    monkeypatch.setattr(sys, "path", list(sys.path))
    monkeypatch.setattr(sys, "argv", ["ipykernel"])
    sh = InteractiveShell.instance()
    sh.reset(new_session=True)
    yield sh
    sh.reset(new_session=True)


def run(shell, source: str, label: str):
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(buf):
        result = shell.run_cell(source, store_history=False, silent=False)
    if not result.success:
        err = result.error_in_exec or result.error_before_exec
        pytest.fail(f"{label} raised {type(err).__name__}: {err}\n{buf.getvalue()[-2000:]}")
    return result.result


def test_every_exercise_says_not_done_then_correct(notebook, shell):
    nb = nbformat.read(notebook, as_version=4)
    found = exercises(nb)
    if not found:
        pytest.skip(f"{notebook.name} has no check cells")
    pending = {i: (name, args) for i, name, args in found}
    report = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        label = f"{notebook.name}, cell {i + 1}"
        if i not in pending:
            run(shell, cell.source, label)
            continue
        checker, args = pending[i]
        fb = run(shell, cell.source, f"{label} ({cell.source.strip()})")
        status = getattr(fb, "status", None)
        assert status == "not done", (
            f"{label}: `{cell.source.strip()}` with the shipped stub should say 'not done', "
            f"got {status!r}: {fb!r}")
        code = solution_for(nb.cells, i, args)
        assert code is not None, (
            f"{label}: `{cell.source.strip()}` has no solution: add a markdown cell after it with "
            f"<details><summary>Solution</summary> and a ```python block defining {args}")
        saved = dict(shell.user_ns)
        run(shell, code, f"{label}: the solution block for {args}")
        fb = run(shell, cell.source, f"{label} ({cell.source.strip()}) with the solution")
        assert getattr(fb, "status", None) == "correct", (
            f"{label}: with the notebook's own solution `{cell.source.strip()}` says "
            f"{getattr(fb, 'status', None)!r}: {fb!r}\nsolution:\n{code}")
        # back to the shipped stub for the rest of the notebook, as the learner has it
        shell.user_ns.clear()
        shell.user_ns.update(saved)
        report.append(f"{checker}({', '.join(args)})")
    print(f"{notebook.name}: {len(report)} exercises: not done -> correct: {', '.join(report)}")
