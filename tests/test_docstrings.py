"""Every public helper says which lesson introduces it (the d2l habit COURSE.md asks for), so
a learner who meets a name in a notebook, or a maintainer who meets it in the code, can find
where it is explained."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_public_helper_names_the_notebook_that_introduces_it():
    missing = []
    for path in sorted((ROOT / "helpers").rglob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and not node.name.startswith("_"):
                doc = ast.get_docstring(node) or ""
                if "notebooks/" not in doc:
                    missing.append(f"{path.relative_to(ROOT)}: {node.name}")
    assert not missing, ("say 'Introduced in notebooks/NN_name.' in the docstring of:\n"
                         + "\n".join(missing))
