"""Stored outputs do not depend on the machine: the notebook tests (strict nbval) pass under
other CPUs' BLAS kernels and other thread counts, as on a learner's laptop or another CI box.

numpy's OpenBLAS picks a kernel for the CPU it runs on, and the last bits of a matrix product
depend on that kernel and on how many threads share the work. `OPENBLAS_CORETYPE` makes this
machine run another CPU's kernel: Prescott (generic SSE3, any old x86 CPU) and Haswell (AVX2).
A notebook that prints rounding noise (`2.2e-16`) fails here; one that prints what matters
(`agree (to 1e-12): True`) passes.
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys

import pytest
from execute_notebooks import ROOT, notebook_dir

pytestmark = pytest.mark.slow

THREAD_VARS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
X86 = platform.machine().lower() in ("x86_64", "amd64")
CASES = [  # (kernel, threads): None is this machine's own kernel
    (None, 1),
    (None, 8),
    pytest.param("Prescott", 1, marks=pytest.mark.skipif(not X86, reason="an x86 kernel")),
    pytest.param("Haswell", 8, marks=pytest.mark.skipif(not X86, reason="an x86 kernel")),
]


@pytest.mark.parametrize(("kernel", "threads"), CASES)
def test_notebooks_pass_under_another_blas_kernel_and_thread_count(kernel, threads):
    env = {k: v for k, v in os.environ.items()
           if k not in (*THREAD_VARS, "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")}
    env.update(dict.fromkeys(THREAD_VARS, str(threads)))
    if kernel:
        env["OPENBLAS_CORETYPE"] = kernel
    env["PYTHONPATH"] = str(ROOT / "tests")  # for -p kernel_start
    done = subprocess.run(
        [sys.executable, "-m", "pytest", str(notebook_dir()), "--nbval", "--nbval-current-env",
         "-q", "-p", "no:cacheprovider", "-p", "kernel_start", "-n", "2", "--dist", "loadfile",
         "-o", "addopts="],
        cwd=ROOT, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=900)
    tail = "\n".join(done.stdout.strip().splitlines()[-25:])
    assert done.returncode == 0, (
        f"the notebook tests fail with OPENBLAS_CORETYPE={kernel or '(this machine)'} and "
        f"{threads} BLAS thread(s): a stored output depends on the machine. Print what matters "
        f"(a rounded value, `agree (to 1e-12): True`), not rounding noise.\n{tail}")
    assert " passed" in tail and " failed" not in tail, tail
