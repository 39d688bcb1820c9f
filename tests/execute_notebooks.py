"""Re-execute notebooks in place, top to bottom, so their stored outputs are fresh.

Usage (from the repo root, in the course's environment):

    python tests/execute_notebooks.py                 # every notebook in notebooks/
    python tests/execute_notebooks.py notebooks/03_layers.ipynb
    python tests/execute_notebooks.py --out /tmp/run notebooks/03_layers.ipynb   # leave the file alone

Each notebook runs in a new kernel started in notebooks/ (as JupyterLab, Binder and nbval
do), with execution counts 1..N, no timing metadata and no saved widget state, so running
it twice gives the same file; widget views are not stored (see `drop_widget_views`). The
kernel is this Python's own ("python3" resolves to the
interpreter running this script), so `some/venv/bin/python tests/execute_notebooks.py`
tests that venv.

The small functions below are shared by the tests (tests/test_notebooks.py and friends).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import time
from pathlib import Path

import nbformat
from kernel_start import ATTEMPTS
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
IGNORE_OUTPUT = "# NBVAL_IGNORE_OUTPUT"


def notebook_dir() -> Path:
    """The notebooks under test: notebooks/, or $COURSE_NOTEBOOKS (to test the tests on a
    probe directory whose parent holds a helpers/ folder)."""
    return Path(os.environ.get("COURSE_NOTEBOOKS", ROOT / "notebooks")).resolve()


def notebook_paths(directory: Path | None = None) -> list[Path]:
    directory = directory or notebook_dir()
    return sorted(p for p in directory.glob("*.ipynb") if not p.name.startswith("."))


def execute(path: Path, timeout: int = 600, out: Path | None = None,
            cwd: Path | None = None) -> float:
    """Execute one notebook and write it to `out` (default: in place); return the seconds
    it took. The kernel starts in `cwd` (default: the notebook's folder)."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
            cell.metadata.pop("execution", None)
    nb.metadata["kernelspec"] = KERNELSPEC
    nb.metadata.pop("widgets", None)
    start = time.perf_counter()
    try:
        for attempt in range(1, ATTEMPTS + 1):
            client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                                    record_timing=False, store_widget_state=False,
                                    resources={"metadata": {"path": str(cwd or path.parent)}})
            try:
                client.execute()
                break
            except RuntimeError as e:  # see kernel_start: a port taken while the kernel started
                if "Kernel died before replying" not in str(e) or attempt == ATTEMPTS:
                    raise
                print(f"{path.name}: the kernel died while starting; starting another")
    finally:
        nb.metadata.pop("widgets", None)
        for cell in code_cells(nb):
            cell.outputs = coalesce_streams(cell.outputs)
            drop_widget_views(cell.outputs)
        nbformat.write(nb, out or path)
    return time.perf_counter() - start


def coalesce_streams(outputs: list) -> list:
    """Join adjacent stdout (or stderr) pieces into one output, so a re-run stores the same
    file however the kernel happened to split its printing into messages."""
    merged = []
    for o in outputs:
        if (o.output_type == "stream" and merged and merged[-1].output_type == "stream"
                and merged[-1].name == o.name):
            merged[-1].text += o.text
        else:
            merged.append(o)
    return merged


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def drop_widget_views(outputs: list) -> None:
    """Store what a widget shows where no widget can run, not a reference to a dead widget.

    No widget state is saved, so a stored widget view points at nothing: JupyterLab would show
    "Error displaying widget: model not found" until the cell runs. Dropping it leaves the
    picture and one line of text that every course widget puts beside its view (see
    helpers.widgets.View), which JupyterLab, GitHub, nbviewer and nbconvert show; running the
    cell brings the live widget back. nbval never compares widget views.
    """
    for o in outputs:
        o.get("data", {}).pop(WIDGET_VIEW, None)


def code_cells(nb) -> list:
    return [c for c in nb.cells if c.cell_type == "code"]


def ignores_output(cell) -> bool:
    return cell.source.lstrip().startswith(IGNORE_OUTPUT)


def output_fingerprint(cell) -> list[str]:
    """What a cell showed, as comparable text: streams, text reprs, errors, image hashes."""
    parts = []
    last_stream = None
    for o in cell.get("outputs", []):
        if o.output_type == "stream":
            # how a stream is split into messages depends on timing: join adjacent pieces
            if last_stream == o.name:
                parts[-1] += o.text
            else:
                parts.append(f"{o.name}: {o.text}")
            last_stream = o.name
            continue
        last_stream = None
        if o.output_type == "error":
            parts.append(f"error: {o.ename}: {o.evalue}")
        else:
            for mime, value in sorted(o.get("data", {}).items()):
                text = value if isinstance(value, str) else "".join(value)
                if mime.startswith("image/"):
                    text = hashlib.sha256(text.encode()).hexdigest()[:16]
                elif mime == WIDGET_VIEW:
                    continue  # model ids are random by design
                parts.append(f"{mime}: {text}")
    return parts


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--out", type=Path, help="write executed copies into this folder "
                        "instead of in place (the kernel still starts in the notebook's folder)")
    args = parser.parse_args(argv)
    paths = args.paths or notebook_paths()
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
    for path in paths:
        out = args.out / path.name if args.out else None
        print(f"{path.name}: {execute(path, out=out):.1f} s", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
