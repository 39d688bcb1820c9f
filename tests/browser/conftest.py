"""JupyterLab + headless Chromium for the browser tests.

A session fixture starts JupyterLab the way the README's "Start here" command does, from the
repository's root: `jupyter lab --config=binder/jupyter_config.py` (that file makes the repo
root the server's root, opens lesson 00 first and turns the news prompt off; Binder reads the
same file). Only what a test needs is added on top: 127.0.0.1 with a random free port and
token, no browser of its own, `window.jupyterapp` exposed, and its user settings, workspaces,
config and runtime files in a temporary folder, with autosave off so nothing is written back
to the notebooks. It stops JupyterLab at the end. Another fixture launches Debian's
/usr/bin/chromium through Playwright (never a downloaded browser). Without chromium the tests
skip, except with CI=true, where they fail.
"""

from __future__ import annotations

import html
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from execute_notebooks import notebook_dir

CHROMIUM = os.environ.get("COURSE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-dev-shm-usage"]
# The README's command to open the course is `.venv/bin/jupyter ` + these (run from the repo
# root); test_browser.py checks that the README still says so.
README_OPEN_ARGS = ["lab", "--config=binder/jupyter_config.py"]
# JupyterLab user settings for the test server (in a temporary folder, not the user's home):
# never write the notebooks back. The news prompt must stay off by the README's command alone.
LAB_SETTINGS = {
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
}


def skip_or_fail(reason: str):
    """Skip locally when a tool is missing; with CI=true a missing tool is a failure."""
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(f"{reason} (CI=true, so this is a failure, not a skip)")
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Lab:
    def __init__(self, url: str, token: str, root: Path, proc: subprocess.Popen, log: Path):
        self.url, self.token, self.root, self.proc, self.log = url, token, root, proc, log

    def api(self, path: str, method: str = "GET"):
        req = urllib.request.Request(f"{self.url}{path}", method=method,
                                     headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(req, timeout=10) as r:
            body = r.read()
        return json.loads(body) if body else None

    def notebook_url(self, path: Path) -> str:
        rel = path.resolve().relative_to(self.root).as_posix()
        return f"{self.url}/lab/tree/{rel}?reset&token={self.token}"

    def open_url(self) -> str:
        """The URL `jupyter lab` opens in the learner's browser (from the jpserver-*-open.html
        file it writes, --no-browser or not)."""
        files = sorted((self.log.parent / "runtime").glob("jpserver-*-open.html"))
        assert files, f"JupyterLab wrote no jpserver-*-open.html into {self.log.parent / 'runtime'}"
        text = files[0].read_text(encoding="utf-8")
        start = text.index('href="') + len('href="')
        return html.unescape(text[start:text.index('"', start)])

    def shutdown_kernels(self) -> None:
        for s in self.api("/api/sessions"):
            self.api(f"/api/sessions/{s['id']}", method="DELETE")


def start_lab(root: Path, tmp: Path) -> Lab:
    """Start JupyterLab with the README's command from `root` (the repository), its user
    settings, workspaces, config and logs in `tmp`; wait until it answers. Raises RuntimeError
    (with the end of its log) if it does not start.
    (The benchmarks in benchmarks/browser_latency.py use this too.)"""
    for rel, value in LAB_SETTINGS.items():
        f = tmp / "settings" / rel
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(json.dumps(value))
    port, token = free_port(), secrets.token_hex(16)
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(tmp / "config"),
               JUPYTER_RUNTIME_DIR=str(tmp / "runtime"))
    env.pop("MPLBACKEND", None)  # the kernel chooses, as on a learner's machine
    env.pop("JUPYTER_CONFIG_PATH", None)  # as on a laptop: the course's config comes from --config
    log = tmp / "jupyterlab.log"
    cmd = [sys.executable, "-m", "jupyter", *README_OPEN_ARGS,
           # what the tests add: their own address, token and folders; no browser of its own
           "--no-browser", "--ServerApp.ip=127.0.0.1",
           f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
           f"--IdentityProvider.token={token}",
           "--LabApp.expose_app_in_browser=True",
           f"--LabApp.user_settings_dir={tmp / 'settings'}",
           f"--LabApp.workspaces_dir={tmp / 'workspaces'}",
           "--LabApp.extension_manager=readonly"]  # no PyPI look-ups
    if getattr(os, "geteuid", lambda: -1)() == 0:
        cmd.append("--allow-root")  # CI runs as root
    with open(log, "w") as out:
        proc = subprocess.Popen(cmd, cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True)
    server = Lab(f"http://127.0.0.1:{port}", token, root, proc, log)
    deadline = time.monotonic() + 90
    while True:
        try:
            server.api("/api/status")
            return server
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise RuntimeError(f"JupyterLab did not start:\n{log.read_text()[-3000:]}") from None
            time.sleep(0.5)


def stop_lab(server: Lab) -> None:
    server.proc.send_signal(signal.SIGTERM)
    try:
        server.proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(server.proc.pid, signal.SIGKILL)
        server.proc.wait()


@pytest.fixture(scope="session")
def readme_open_args() -> list[str]:
    """The arguments after `jupyter` in the README's command that opens the course."""
    return list(README_OPEN_ARGS)


@pytest.fixture(scope="session")
def lab(browser, tmp_path_factory):
    # `browser` first: without chromium the tests skip before JupyterLab is started
    try:
        server = start_lab(notebook_dir().parent, tmp_path_factory.mktemp("lab"))
    except RuntimeError as exc:
        pytest.fail(str(exc))
    yield server
    stop_lab(server)
    saves = [ln for ln in server.log.read_text().splitlines() if "Saving file at" in ln]
    assert not saves, "the browser tests wrote to notebook files (autosave?):\n" + "\n".join(saves)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        skip_or_fail(f"{CHROMIUM} is missing: install it with `apt-get install -y chromium` "
                     "to run the browser tests")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("playwright is not installed: pip install -r requirements-dev.txt")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()
