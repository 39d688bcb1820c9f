"""Every pin installs from wheels, with no build from source, on the Pythons and platforms
learners use: CPython 3.11, 3.12, 3.13 and 3.14 on Linux x86_64 (manylinux_2_28: glibc 2.28
or newer), macOS arm64, macOS x86_64 (macOS 12 or newer) and Windows amd64.

`uv pip compile` resolves the whole tree of requirements.txt and of requirements-dev.txt for
each target from PyPI's metadata, evaluating environment markers for that target (so pywinpty
on Windows and appnope on macOS are checked too), without that Python and without downloading
a wheel. Two resolutions per target:

- wheels only (`--only-binary :all:`): fails when some package has no wheel for the target;
- wheels or source, as pip does by default: pip takes the newest version that fits, wheel or
  not, so where this picks a newer version than the wheels-only one, pip would build that
  package from source there (argon2-cffi-bindings 26.2.0 on macOS x86_64 is such a case).

Both must succeed and agree. The 64 resolutions (2 files x 16 targets x 2) run 8 at a time
and share uv's cache: about 40 s on 2 cores, a minute or so when the machine is busy. They
need PyPI (slow marker).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
PYTHONS = ("3.11", "3.12", "3.13", "3.14")
# the learner's platform in words -> uv's --python-platform
PLATFORMS = {
    "Linux x86_64": "x86_64-manylinux_2_28",
    "macOS arm64": "aarch64-apple-darwin",
    "macOS x86_64": "x86_64-apple-darwin",
    "Windows amd64": "x86_64-pc-windows-msvc",
}
REQUIREMENT_FILES = ("requirements.txt", "requirements-dev.txt")
MACOS = "12.0"  # the oldest macOS the check covers (uv reads it from MACOSX_DEPLOYMENT_TARGET)


def uv_binary() -> str:
    try:
        from uv import find_uv_bin
    except ImportError:
        pytest.fail("uv is not installed: `.venv/bin/pip install -r requirements-dev.txt` installs the pinned uv")
    return find_uv_bin()


def compile_for(uv: str, requirements: str, python: str, platform: str, wheels_only: bool):
    """Resolve `requirements` for one target; returns (pins as {name: version}, None) or
    (None, uv's error text)."""
    cmd = [uv, "pip", "compile", requirements, "--python-version", python, "--python-platform", platform,
           "--no-header", "--no-annotate", "--quiet",
           # the interpreter uv would build a source distribution with; never downloads one
           "--python", sys.executable]
    if wheels_only:
        cmd += ["--only-binary", ":all:"]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, stdin=subprocess.DEVNULL,
                          timeout=600, env={**os.environ, "MACOSX_DEPLOYMENT_TARGET": MACOS})
    if done.returncode != 0:
        return None, (done.stderr or done.stdout).strip()
    pins = {}
    for line in done.stdout.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            pins[name] = version
    return pins, None


@pytest.fixture(scope="module")
def resolutions() -> dict:
    """{(requirements file, python, platform name, wheels_only): (pins, error)} for every target."""
    uv = uv_binary()
    keys = [(req, py, plat, only) for req in REQUIREMENT_FILES for py in PYTHONS
            for plat in PLATFORMS for only in (True, False)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = pool.map(lambda k: compile_for(uv, k[0], k[1], PLATFORMS[k[2]], k[3]), keys)
        return dict(zip(keys, results))


def missing_wheels(uv_error: str) -> list[str]:
    """The `name==version` that uv says has no usable wheel, read from its explanation."""
    found = re.findall(r"([A-Za-z0-9_.\-]+(?:[=<>!~]=?[^\s,]+)?) (?:has|have) no (?:usable )?wheels", uv_error)
    found += re.findall(r"versions of ([A-Za-z0-9_.\-]+) have no", uv_error)
    return sorted(set(found))


def problems_for(resolutions: dict, python: str, platform: str) -> list[str]:
    problems = []
    for req in REQUIREMENT_FILES:
        where = f"{req} on CPython {python}, {platform} ({PLATFORMS[platform]})"
        wheels, wheel_error = resolutions[req, python, platform, True]
        anything, any_error = resolutions[req, python, platform, False]
        if wheel_error is not None:
            names = ", ".join(missing_wheels(wheel_error)) or "a package (see uv's explanation)"
            problems.append(f"{where}: no wheel for {names}, so pip would build it from source there "
                            f"(or fail). uv's explanation:\n{wheel_error}")
            continue
        if any_error is not None:
            problems.append(f"{where}: the resolution that allows source builds failed:\n{any_error}")
            continue
        for name in sorted(set(wheels) | set(anything)):
            w, a = wheels.get(name), anything.get(name)
            if w != a:
                pip_takes = f"{name}=={a}" if a else f"no {name}"
                wheels_take = f"{name}=={w}" if w else f"no {name}"
                problems.append(f"{where}: pip would install {pip_takes}, but with wheels only the "
                                f"resolution takes {wheels_take}: pip's choice (or something it needs) "
                                f"has no wheel there, so pip would build it from source. Pin the "
                                f"version that has wheels in requirements.txt (with an environment "
                                f"marker only if no one version serves every platform).")
    return problems


@pytest.mark.parametrize("platform", PLATFORMS)
@pytest.mark.parametrize("python", PYTHONS)
def test_every_pin_installs_from_wheels(resolutions, python, platform):
    problems = problems_for(resolutions, python, platform)
    assert not problems, "\n\n".join(problems)


def test_the_check_sees_platform_only_dependencies(resolutions):
    """Guard the guard: markers are evaluated for the target, not for the machine running this."""
    win = resolutions["requirements.txt", "3.13", "Windows amd64", True][0] or {}
    mac = resolutions["requirements.txt", "3.13", "macOS arm64", True][0] or {}
    linux = resolutions["requirements.txt", "3.13", "Linux x86_64", True][0] or {}
    assert "pywinpty" in win and "pywinpty" not in linux, "Windows' pywinpty (via terminado) is not in the Windows resolution"
    assert "appnope" in mac and "appnope" not in linux, "macOS's appnope (via ipykernel) is not in the macOS resolution"
