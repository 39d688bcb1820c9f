"""A Binder-equivalent fresh install: a new venv built from binder/ only, then every notebook
executed with that venv's kernel, in notebooks/, with no errors and no warnings.

Binder (repo2docker) runs `pip install -r binder/requirements.txt` (the complete lock of
requirements.txt) in the repository; this does the same in a temporary venv with this test's
Python (Binder's, 3.11, in CI). pip's cache is used, so a re-run is quick.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import nbformat
import pytest
from execute_notebooks import ROOT, code_cells, notebook_dir, notebook_paths

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def binder_venv(tmp_path_factory) -> Path:
    env = tmp_path_factory.mktemp("binder") / "venv"
    venv.EnvBuilder(with_pip=True, clear=True).create(env)
    py = env / ("Scripts" if os.name == "nt" else "bin") / "python"  # a venv's Python, on Windows too
    done = subprocess.run([str(py), "-m", "pip", "install", "--disable-pip-version-check",
                           "-q", "-r", "requirements.txt"],
                          cwd=ROOT / "binder", capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, f"pip install -r binder/requirements.txt failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return py


def test_every_notebook_runs_in_a_fresh_binder_environment(binder_venv, tmp_path):
    paths = notebook_paths()
    if not paths:
        pytest.skip(f"no notebooks in {notebook_dir()}")
    # the fresh venv's own Python runs the notebooks, so its kernel ("python3") is that venv
    done = subprocess.run([str(binder_venv), str(ROOT / "tests" / "execute_notebooks.py"),
                           "--out", str(tmp_path), *map(str, paths)],
                          capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=1800)
    assert done.returncode == 0, f"a notebook failed in the fresh environment:\n{done.stdout[-2000:]}\n{done.stderr[-6000:]}"
    print(done.stdout)
    problems = []
    for path in paths:
        for i, cell in enumerate(code_cells(nbformat.read(tmp_path / path.name, as_version=4))):
            for o in cell.outputs:
                if o.output_type == "error":
                    problems.append(f"{path.name} code cell {i + 1}: {o.ename}: {o.evalue}")
                elif o.output_type == "stream" and o.name == "stderr":
                    problems.append(f"{path.name} code cell {i + 1}: stderr {o.text[:300]!r}")
    assert not problems, "\n".join(problems)


def test_fresh_kernel_is_the_fresh_venv(binder_venv):
    """Guard the guard: the kernel nbclient starts from that venv is that venv's Python."""
    code = ("from jupyter_client.kernelspec import KernelSpecManager; import sys; "
            "spec = KernelSpecManager().get_kernel_spec('python3'); "
            "print(spec.argv[0] in ('python', 'python3', sys.executable) or spec.argv[0].startswith(sys.prefix))")
    done = subprocess.run([str(binder_venv), "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "True", done.stdout + done.stderr
    assert sys.prefix not in str(binder_venv)
