"""ruff, with the repo's config (pyproject.toml [tool.ruff]), over helpers, tests and notebooks."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_ruff_is_clean():
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent))
    cmd = [ruff] if ruff else [sys.executable, "-m", "ruff"]
    done = subprocess.run([*cmd, "check", "--no-cache", "helpers", "tests", "notebooks"],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, (
        "ruff found problems (fix them, or try `ruff check --fix helpers tests notebooks`):\n"
        + done.stdout[-6000:] + done.stderr[-2000:])
