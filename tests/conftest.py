"""Shared test setup: every test that takes a `notebook` argument runs once per notebook.

The notebooks are found, not listed, so a new lesson is tested as soon as it exists.
Set COURSE_NOTEBOOKS=/some/dir/notebooks to point the notebook tests at another folder
(its parent must hold a helpers/ folder, as the repo root does).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from execute_notebooks import notebook_paths  # noqa: E402
from kernel_start import patch_nbval  # noqa: E402

# matplotlib draws off-screen in every test process (and in-process notebook runs)
os.environ.setdefault("MPLBACKEND", "Agg")


def pytest_configure(config):
    patch_nbval()  # a kernel that loses a port to another worker starts again (see kernel_start)


def pytest_generate_tests(metafunc):
    if "notebook" in metafunc.fixturenames:
        paths = notebook_paths()
        metafunc.parametrize("notebook", paths, ids=[p.stem for p in paths])
