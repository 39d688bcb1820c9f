"""Start test kernels again when they lose the race for a TCP port.

jupyter_client picks a kernel's five ports by asking the OS for free ones and letting them
go; the kernel binds them a moment later. When two processes start kernels at once (pytest
runs on two workers, and the browser and install tests start kernels of their own), another
process can take a port in that moment, and the new kernel exits with
"ZMQError: Address already in use" before it answers. Measured here: 1 death in 100 starts
with four processes starting kernels in a loop. A learner's JupyterLab starts one kernel at a
time and is not affected; the tests are, so they start a kernel up to three times, and only
for that reason. Any other death fails at once, with the kernel's own last words.
"""

from __future__ import annotations

import tempfile

ATTEMPTS = 3
PORT_TAKEN = "Address already in use"


def patch_nbval() -> None:
    """Make nbval start its kernels through `start_new_kernel` below."""
    import nbval.kernel

    original = nbval.kernel.start_new_kernel
    if getattr(original, "retries_port_races", False):
        return

    def start_new_kernel(startup_timeout=60, kernel_name="python", **kwargs):
        for attempt in range(1, ATTEMPTS + 1):
            # nbval sends the kernel's stderr to /dev/null; keep it, to see why a kernel died
            with tempfile.TemporaryFile("w+") as err:
                kwargs["stderr"] = err
                try:
                    return original(startup_timeout, kernel_name, **kwargs)
                except RuntimeError as e:
                    err.seek(0)
                    said = err.read()
                    if PORT_TAKEN in said and attempt < ATTEMPTS:
                        continue
                    raise RuntimeError(f"{e}. The kernel's stderr ended with:\n{said[-3000:]}") from e
        raise AssertionError("unreachable")

    start_new_kernel.retries_port_races = True
    nbval.kernel.start_new_kernel = start_new_kernel


def pytest_configure(config) -> None:
    """As a plugin (`pytest -p kernel_start`, with tests/ on PYTHONPATH) for runs of the
    notebooks alone, which do not load tests/conftest.py."""
    patch_nbval()
