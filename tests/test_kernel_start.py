"""The test kernels start again only when they lost a port to another process (kernel_start)."""

from __future__ import annotations

import kernel_start
import nbval.kernel
import pytest


def fake_start(deaths: list[str]):
    """A stand-in for nbval's start_new_kernel: the kernel dies once per entry of `deaths`,
    saying it on its stderr, then starts."""
    calls = []

    def start(startup_timeout=60, kernel_name="python", **kwargs):
        calls.append(kernel_name)
        if len(calls) <= len(deaths):
            kwargs["stderr"].write(deaths[len(calls) - 1])
            raise RuntimeError("Kernel died before replying to kernel_info")
        return "km", "kc"

    return start, calls


@pytest.fixture
def patched(monkeypatch):
    def patch(deaths):
        start, calls = fake_start(deaths)
        monkeypatch.setattr(nbval.kernel, "start_new_kernel", start)
        kernel_start.patch_nbval()
        return calls
    return patch


PORT = "zmq.error.ZMQError: Address already in use (addr='tcp://127.0.0.1:35017')\n"


def test_a_kernel_that_lost_a_port_starts_again(patched):
    calls = patched([PORT, PORT])
    assert nbval.kernel.start_new_kernel(60, "python3", stderr=None) == ("km", "kc")
    assert len(calls) == 3


def test_it_gives_up_after_three_attempts_and_says_why(patched):
    calls = patched([PORT] * 3)
    with pytest.raises(RuntimeError, match="Address already in use"):
        nbval.kernel.start_new_kernel(60, "python3", stderr=None)
    assert len(calls) == kernel_start.ATTEMPTS == 3


def test_any_other_death_fails_at_once_with_the_kernels_last_words(patched):
    calls = patched(["ModuleNotFoundError: No module named 'ipykernel'\n"])
    with pytest.raises(RuntimeError, match="No module named 'ipykernel'"):
        nbval.kernel.start_new_kernel(60, "python3", stderr=None)
    assert len(calls) == 1
