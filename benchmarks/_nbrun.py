"""Execute one notebook headless (as nbval and tests/execute_notebooks.py do) and measure it.

The kernel is this Python's ``python3``, started in the notebook's folder; the committed
notebook is read, never written (the executed copy is kept in memory, or written to `out`).
Optional extra cells can be run before and after the notebook's own cells (the latency
benchmark uses this); they are not counted in the notebook's run time.
"""

from __future__ import annotations

import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient


def kernel_peak_mb(pid: int) -> float | None:
    """The kernel's peak resident memory so far (VmHWM on Linux; current RSS elsewhere)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    try:
        import psutil

        return psutil.Process(pid).memory_info().rss / 1024 ** 2
    except Exception:
        return None


def run_notebook(path: Path, *, before: list[str] = (), after: list[str] = (),
                 timeout: int = 600, out: Path | None = None) -> dict:
    """Run the notebook; return its seconds (kernel start + its own cells, as a learner or
    nbval waits), the kernel's peak memory in MB and the text printed by the `after` cells."""
    path = Path(path).resolve()
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    n_own = len(nb.cells)
    nb.cells = ([nbformat.v4.new_code_cell(s) for s in before] + nb.cells
                + [nbformat.v4.new_code_cell(s) for s in after])
    own = [i for i, c in enumerate(nb.cells) if len(before) <= i < len(before) + n_own
           and c.cell_type == "code" and c.source.strip()]  # nbclient skips the others
    first_own, last_own = own[0], own[-1]
    marks: dict = {"peak_mb": 0.0}

    def peak(client):
        pid = getattr(client.km.provisioner, "pid", None) if client.km else None
        if pid:
            mb = kernel_peak_mb(pid)
            if mb is not None:
                marks["peak_mb"] = max(marks["peak_mb"], mb)

    def on_cell_start(cell, cell_index):
        now = time.perf_counter()
        marks.setdefault("first_start", now)  # the kernel is up: the first cell starts
        if cell_index == first_own:
            marks["cells_start"] = now

    def on_cell_executed(cell, cell_index, execute_reply):
        if cell_index <= last_own:
            peak(client)
        if cell_index == last_own:
            marks["own_end"] = time.perf_counter()

    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False,
                            store_widget_state=False, on_cell_start=on_cell_start,
                            on_cell_executed=on_cell_executed,
                            resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    try:
        client.execute()
    finally:
        if out is not None:
            nbformat.write(nb, out)
    kernel_start = marks["first_start"] - start
    cells = marks["own_end"] - marks["cells_start"]
    printed = []
    for cell in nb.cells[last_own + 1:]:
        for o in cell.get("outputs", []):
            if o.output_type == "stream":
                printed.append(o.text)
    return {"seconds": kernel_start + cells, "kernel_start_seconds": kernel_start,
            "cells_seconds": cells,
            "peak_mb": marks["peak_mb"] or None, "printed": "".join(printed)}
