"""Each notebook the way a learner uses it: in JupyterLab, in Chromium, with the mouse and keys.

JupyterLab is started with the README's command (conftest.py). First the first screen: the
page that command opens shows lesson 00, a file browser that reaches helpers/ and the README,
and no "official Jupyter news" prompt; and every `jupyter lab` command in the README is the
one these tests run.

For every notebook: open it fresh (?reset), run all cells, wait for the kernel to be idle,
assert no error output; then find every control in the widget outputs and drive it: each
slider handle to both ends and one step back (End, Home, ArrowRight), each dropdown through
every option, each toggle button and checkbox, each canvas (a stroke drawn with the mouse),
each button. After every action the interactive's picture or text must change, and no error
may appear (in an output or in JupyterLab's log console). A screenshot per notebook goes to
tests/browser/screenshots/.

The harness finds controls itself; EXCEPTIONS lists the few per-notebook special cases.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SHOTS = Path(__file__).resolve().parent / "screenshots"
RUN_ALL_TIMEOUT_MS = 180_000
CHANGE_TIMEOUT_MS = 8_000       # a slider / dropdown must redraw within this
BUTTON_TIMEOUT_MS = 60_000      # a button may start something longer (training)


@dataclass
class Rules:
    """Per-notebook exceptions to the generic rules."""
    # controls (by label, regex) whose action may legitimately leave the output unchanged
    # (a control the interactive marks with widgets.acts_later is one: its label ends "(acts later)")
    may_not_change: list[str] = field(default_factory=lambda: [r"(?i)^(clear|reset|stop|pause)\b",
                                                               r"\(acts later\)$"])
    # controls (by label, regex) not to touch at all, with the reason in a comment
    skip: list[str] = field(default_factory=list)
    # after drawing on a canvas, click this button (label regex) before expecting a change
    click_after_drawing: str | None = None


# A new lesson needs no entry here: an interactive marks a control that rightly changes
# nothing at once with helpers.widgets.acts_later (the playground's learning rate, say).
EXCEPTIONS: dict[str, Rules] = {}

# --- JavaScript run in the page --------------------------------------------------------
PANEL = """(name) => {
  const app = window.jupyterapp;
  if (!app || !app.shell) return null;
  for (const w of app.shell.widgets('main')) {
    if (w.context && w.context.path.endsWith(name)) return w;
  }
  return null;
}"""

READY = """(name) => {
  const panel = (__PANEL__)(name);
  if (!panel || !panel.context.isReady || !panel.sessionContext.session) return false;
  const k = panel.sessionContext.session.kernel;
  return !!k && k.connectionStatus === 'connected' && k.status === 'idle';
}""".replace("__PANEL__", PANEL)

# Starts Run All and returns at once: the test then waits with a timeout. (Awaiting the
# command's promise inside page.evaluate has no timeout, and once hung a CI run for good.)
RUN_ALL = """(name) => {
  const app = window.jupyterapp;
  const panel = (__PANEL__)(name);
  app.shell.activateById(panel.id);
  app.commands.execute('notebook:clear-all-cell-outputs')
    .then(() => app.commands.execute('notebook:run-all-cells'));
  return true;
}""".replace("__PANEL__", PANEL)

# Run All has visibly started: a cell has an execution count, or the kernel is busy
STARTED = """(name) => {
  const panel = (__PANEL__)(name);
  const model = panel.content.model;
  for (let i = 0; i < model.cells.length; i++) {
    const c = model.cells.get(i);
    if (c.type === 'code' && c.executionCount !== null) return true;
  }
  return panel.sessionContext.session.kernel.status !== 'idle';
}""".replace("__PANEL__", PANEL)

# all code cells have run and the kernel is idle: [count, error texts]
STATUS = """(name) => {
  const panel = (__PANEL__)(name);
  const model = panel.content.model;
  let pending = 0; const errors = [];
  for (let i = 0; i < model.cells.length; i++) {
    const c = model.cells.get(i);
    if (c.type !== 'code' || !c.sharedModel.getSource().trim()) continue;
    if (c.executionCount === null) pending++;
    for (const o of c.outputs.toJSON()) {
      const text = o.output_type === 'stream' ? [].concat(o.text).join('') : '';
      if (o.output_type === 'error')
        errors.push(`cell ${i + 1}: ${o.ename}: ${o.evalue}`);
      else if (o.name === 'stderr' && /Traceback|Error|Warning/.test(text))
        errors.push(`cell ${i + 1} stderr: ${text.slice(0, 500)}`);
    }
  }
  for (const el of panel.node.querySelectorAll(
      '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')) {
    if (/Traceback|Error|Warning/.test(el.textContent)) errors.push('stderr: ' + el.textContent.slice(0, 500));
  }
  const k = panel.sessionContext.session.kernel;
  return {pending, errors, idle: k.status === 'idle'};
}""".replace("__PANEL__", PANEL)

# what an interactive shows, as a short fingerprint: its pictures and its text
STATE = """(area) => {
  const parts = [];
  for (const img of area.querySelectorAll('img')) parts.push('img:' + img.src.length + ':' + img.src.slice(-64));
  for (const el of area.querySelectorAll(
      '.widget-html-content, .widget-htmlmath-content, .widget-output .jp-OutputArea-output, .widget-label-basic, .widget-valid, .widget-textarea textarea'))
    parts.push('text:' + (el.value !== undefined && el.tagName === 'TEXTAREA' ? el.value : el.textContent));
  for (const c of area.querySelectorAll('.widget-output canvas, .jp-RenderedImage canvas')) parts.push('canvas:' + c.toDataURL().length);
  return parts.join('\\n');
}"""


def run_all(page, name, attempts: int = 3, start_timeout=20_000):
    """Start Run All and make sure it really started; try again if it did not (a notebook
    whose panel was not quite ready sometimes ignores the first request)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for attempt in range(1, attempts + 1):
        page.evaluate(RUN_ALL, name)
        try:
            page.wait_for_function(STARTED, arg=name, timeout=start_timeout)
            return
        except PlaywrightTimeout:
            if attempt == attempts:
                raise AssertionError(f"{name}: Run All did not start after {attempts} tries") from None
            ready(page, name)


def ready(page, name, timeout=120_000):
    page.wait_for_function(READY, arg=name, timeout=timeout)


def status(page, name):
    return page.evaluate(STATUS, name)


def wait_idle(page, name, timeout=BUTTON_TIMEOUT_MS):
    page.wait_for_function(f"(name) => {{ const s = ({STATUS})(name); return s.idle; }}",
                           arg=name, timeout=timeout)


def log_console_errors(page) -> str:
    """JupyterLab shows errors from widget callbacks in its log console; its status-bar item
    appears when there are some. Returns the console's text (empty when there is nothing)."""
    item = page.locator(".jp-LogConsoleStatusItem")
    if not (item.count() and item.first.is_visible()):
        return ""
    # not awaited in the page (page.evaluate has no time limit); the wait below has one
    page.evaluate("() => { window.jupyterapp.commands.execute('logconsole:open'); return true; }")
    try:
        out = page.locator(".jp-LogConsolePanel .jp-OutputArea-output")
        out.first.wait_for(timeout=5_000)
        text = "\n".join(out.all_inner_texts())
    except Exception:
        text = ""
    return (text.strip() or "messages (open View > Log Console to read them)")[-1500:]


class Driver:
    def __init__(self, page, name, rules: Rules):
        self.page, self.name, self.rules = page, name, rules
        self.actions = []

    def label(self, control) -> str:
        return control.evaluate("""(el) => {
          const box = el.closest('.widget-inline-hbox, .widget-toggle-buttons, .widget-button, .widget-checkbox') || el;
          const lab = box.querySelector('.widget-label, .widget-label-basic');
          const kind = el.tagName === 'SELECT' ? 'dropdown' : el.type === 'checkbox' ? 'checkbox' : 'slider';
          const text = ((lab && lab.textContent.trim()) || el.getAttribute('title') || '').replace(/\u200b/g, '');
          const later = el.closest('.acts-later') ? ' (acts later)' : '';
          return (text ? `${kind} ${text}` : `${kind} (no description)`).slice(0, 50) + later;
        }""")

    def skipped(self, label):
        return any(re.search(p, label) for p in self.rules.skip)

    def act(self, area, label, what, action, timeout=CHANGE_TIMEOUT_MS, expect_change=True):
        before = area.evaluate(STATE)
        action()
        expect_change = expect_change and not any(re.search(p, label) for p in self.rules.may_not_change)
        changed = True
        if expect_change:
            try:
                self.page.wait_for_function(f"([area, before]) => ({STATE})(area) !== before",
                                            arg=[area.element_handle(), before], timeout=timeout)
            except Exception:
                changed = False
        wait_idle(self.page, self.name)
        self.page.wait_for_timeout(100)
        errs = status(self.page, self.name)["errors"]
        log = log_console_errors(self.page)
        where = f"{self.name}: control {label!r}, {what}"
        assert not errs, f"{where}: an error appeared:\n" + "\n".join(errs)
        assert not log, f"{where}: JupyterLab's log console reports {log!r} (an exception in a widget callback?)"
        assert changed, (f"{where}: the interactive's picture and text did not change within "
                         f"{timeout / 1000:.0f} s (is the callback wired? does it raise?). If this "
                         "control rightly changes nothing at once, mark it with helpers.widgets.acts_later.")
        self.actions.append(f"{label}: {what}")

    def sliders(self, area):
        handles = area.locator(".noUi-handle")
        for i in range(handles.count()):
            h = handles.nth(i)
            label = self.label(h)
            if self.skipped(label):
                continue
            h.scroll_into_view_if_needed()
            for key in ("End", "Home", "ArrowRight"):
                value = h.get_attribute("aria-valuenow")
                self.act(area, label, f"slider key {key} (was {value})",
                         lambda h=h, key=key: (h.focus(), h.press(key)),
                         expect_change=self._moves(h, key))

    @staticmethod
    def _moves(handle, key) -> bool:
        now = float(handle.get_attribute("aria-valuenow") or 0)
        lo = float(handle.get_attribute("aria-valuemin") or now)
        hi = float(handle.get_attribute("aria-valuemax") or now)
        return {"End": now < hi, "Home": now > lo, "ArrowRight": now < hi}[key]

    def dropdowns(self, area):
        selects = area.locator("select")
        for i in range(selects.count()):
            s = selects.nth(i)
            label = self.label(s)
            if self.skipped(label):
                continue
            s.scroll_into_view_if_needed()
            options = s.evaluate("(el) => Array.from(el.options).map(o => o.value)")
            start = s.input_value()
            for value in [o for o in options if o != start] + [start]:
                if value == s.input_value():
                    continue
                self.act(area, label, f"dropdown -> {value!r}",
                         lambda s=s, value=value: s.select_option(value))

    def toggles(self, area):
        buttons = area.locator(".widget-toggle-buttons button, button.widget-toggle-button")
        for i in range(buttons.count()):
            b = buttons.nth(i)
            label = (b.inner_text().strip() or b.get_attribute("title") or f"toggle {i}")[:40]
            if self.skipped(label) or (b.get_attribute("class") or "").count("mod-active") and \
                    b.evaluate("(el) => !!el.closest('.widget-toggle-buttons')"):
                continue  # already selected in its group: clicking it changes nothing
            b.scroll_into_view_if_needed()
            self.act(area, label, "toggle click", lambda b=b: b.click())
        boxes = area.locator(".widget-checkbox input[type=checkbox]")
        for i in range(boxes.count()):
            c = boxes.nth(i)
            label = self.label(c)
            if self.skipped(label):
                continue
            for what in ("check toggled", "check toggled back"):
                self.act(area, label, what, lambda c=c: c.click())

    def canvases(self, area):
        canvases = area.locator("canvas")
        if not canvases.count():
            return False
        # the top-most, largest canvas receives the mouse
        boxes = [(canvases.nth(i).bounding_box() or {}) for i in range(canvases.count())]
        i = max(range(len(boxes)), key=lambda k: boxes[k].get("width", 0) * boxes[k].get("height", 0))
        canvases.nth(i).scroll_into_view_if_needed()
        box = canvases.nth(i).bounding_box()
        x, y, wd, ht = box["x"], box["y"], box["width"], box["height"]

        def stroke():
            m = self.page.mouse
            m.move(x + 0.5 * wd, y + 0.2 * ht)
            m.down()
            m.move(x + 0.5 * wd, y + 0.8 * ht, steps=12)
            m.move(x + 0.35 * wd, y + 0.65 * ht, steps=6)
            m.up()
            if self.rules.click_after_drawing:
                area.get_by_role("button", name=re.compile(self.rules.click_after_drawing)).first.click()

        self.act(area, f"canvas {i}", "mouse stroke", stroke, timeout=BUTTON_TIMEOUT_MS)
        return True

    def buttons(self, area):
        buttons = area.locator("button.widget-button:not(.widget-toggle-button)")
        for i in range(buttons.count()):
            b = buttons.nth(i)
            label = (b.inner_text().strip() or b.get_attribute("title") or f"button {i}")[:40]
            if self.skipped(label) or b.is_disabled():
                continue
            b.scroll_into_view_if_needed()
            self.act(area, label, "click", lambda b=b: b.click(), timeout=BUTTON_TIMEOUT_MS)


README = Path(__file__).resolve().parents[2] / "README.md"
NEWS_PROMPT = "official Jupyter news"  # "Would you like to get notified about official Jupyter news?"
# the announcements plugin (the news prompt) reads this config section, then decides at once
ANNOUNCEMENTS_CONFIG = "/api/config/jupyterlabapputilsextensionannouncements"


def test_readme_opens_the_course_as_these_tests_do(readme_open_args):
    """Every `jupyter lab` command in the README (Linux/macOS, Windows) has exactly the arguments
    the `lab` fixture starts JupyterLab with, so these tests test what a learner runs."""
    text = README.read_text(encoding="utf-8")
    blocks = re.findall(r"^```[a-z]*\n(.*?)^```", text, flags=re.S | re.M)
    found = []
    for line in (ln for b in blocks for ln in b.splitlines()):
        for part in re.split(r"&&|;", line):
            m = re.search(r"(\S*jupyter)\s+(lab\b.*)", part.strip().strip("{}").strip())
            if m:
                found.append((m.group(1), m.group(2).replace("\\", "/").split()))
    assert len(found) >= 2, f"README.md: expected the open command for Linux/macOS and Windows, found {found}"
    for program, args in found:
        assert program.replace("\\", "/").endswith(".venv/bin/jupyter") or \
            program.replace("\\", "/").endswith(".venv/Scripts/jupyter"), program
        assert args == readme_open_args, (
            f"README.md runs `{program} {' '.join(args)}`, but the browser tests start "
            f"`jupyter {' '.join(readme_open_args)}` (tests/browser/conftest.py README_OPEN_ARGS)")


def test_first_screen(lab, browser):
    """The page the README's command opens in the learner's browser: lesson 00, a file browser
    inside the repository (the lessons, and one click up: helpers/, notebooks/, README.md) and
    no "official Jupyter news" prompt. Screenshots: first_screen.png, first_screen_root.png."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page_errors, announcements = [], []
    page.on("pageerror", lambda e: page_errors.append(str(e)))
    page.on("response", lambda r: ANNOUNCEMENTS_CONFIG in r.url and announcements.append(r.status))
    SHOTS.mkdir(exist_ok=True)
    listing = page.locator(".jp-FileBrowser .jp-DirListing-content .jp-DirListing-itemText")

    def wait_for_listing(names):
        page.wait_for_function(
            """(names) => { const shown = Array.from(document.querySelectorAll(
                 '.jp-FileBrowser .jp-DirListing-content .jp-DirListing-itemText')).map(e => e.textContent);
               return names.every(n => shown.includes(n)); }""", arg=names, timeout=30_000)

    try:
        url = lab.open_url()
        assert "/lab/tree/notebooks/00_welcome.ipynb" in url, f"jupyter lab opens {url}, not lesson 00"
        page.goto(url, wait_until="domcontentloaded", timeout=60_000)
        ready(page, "00_welcome.ipynb")
        current = page.evaluate("""() => { const w = window.jupyterapp.shell.currentWidget;
                                           return w && w.context ? w.context.path : null; }""")
        assert current == "notebooks/00_welcome.ipynb", f"the open document is {current!r}, not lesson 00"
        wait_for_listing(["00_welcome.ipynb", "09_capstone_handwriting.ipynb"])

        # the news prompt comes (or not) as soon as the announcements plugin has its config
        for _ in range(100):
            if announcements:
                break
            page.wait_for_timeout(200)
        page.wait_for_timeout(1_500)
        page.screenshot(path=SHOTS / "first_screen.png")
        prompt = page.get_by_text(NEWS_PROMPT)
        assert not prompt.count(), (
            f"the news prompt is on screen: {prompt.first.inner_text()!r}. binder/jupyter_config.py "
            "sets LabApp.app_settings_dir to binder/lab_settings, whose overrides.json turns it off")
        defaults = lab.api("/lab/api/settings/@jupyterlab/apputils-extension:notification")
        defaults = {k: v.get("default") for k, v in defaults["schema"]["properties"].items()}
        assert defaults.get("fetchNews") == "false" and defaults.get("checkForUpdates") is False, (
            f"news and update checks should default to off (binder/lab_settings/overrides.json): {defaults}")

        # one click on the file browser's root: the repository, as the server's root
        page.locator(".jp-FileBrowser .jp-BreadCrumbs-home").first.click()
        wait_for_listing(["helpers", "notebooks", "README.md"])
        page.screenshot(path=SHOTS / "first_screen_root.png")
        print("first screen:", current, "| root:", ", ".join(listing.all_inner_texts()))
        assert not page_errors, f"JavaScript errors in the page: {page_errors[:5]}"
    except Exception:
        page.screenshot(path=SHOTS / "first_screen_FAILED.png")
        raise
    finally:
        context.close()
        lab.shutdown_kernels()


def test_notebook_in_jupyterlab(notebook, lab, browser):
    name = notebook.name
    rules = EXCEPTIONS.get(notebook.stem, Rules())
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    console_errors = []
    page.on("pageerror", lambda e: console_errors.append(str(e)))
    SHOTS.mkdir(exist_ok=True)
    for old in SHOTS.glob(f"{notebook.stem}*.png"):
        old.unlink()
    try:
        page.goto(lab.notebook_url(notebook), wait_until="domcontentloaded", timeout=60_000)
        ready(page, name)
        run_all(page, name)
        page.wait_for_function(
            f"(name) => {{ const s = ({STATUS})(name); return s.pending === 0 && s.idle; }}",
            arg=name, timeout=RUN_ALL_TIMEOUT_MS)
        st = status(page, name)
        assert not st["errors"], f"{name}: errors after Run All:\n" + "\n".join(st["errors"])
        assert not log_console_errors(page), f"{name}: log console: {log_console_errors(page)}"

        driver = Driver(page, name, rules)
        areas = page.locator(".jp-Cell .jp-OutputArea-output").filter(has=page.locator(".jupyter-widgets"))
        n_areas = areas.count()
        busiest, most = None, 0
        for k in range(n_areas):
            area = areas.nth(k)
            area.scroll_into_view_if_needed()
            before = len(driver.actions)
            driver.sliders(area)
            driver.dropdowns(area)
            driver.toggles(area)
            if driver.canvases(area):
                area.screenshot(path=SHOTS / f"{notebook.stem}_widget{k + 1}_drawn.png")
            driver.buttons(area)
            area.screenshot(path=SHOTS / f"{notebook.stem}_widget{k + 1}.png")
            if len(driver.actions) - before > most:
                busiest, most = area, len(driver.actions) - before
        if busiest is not None:  # the page, scrolled to the interactive with the most controls
            busiest.evaluate("(el) => el.scrollIntoView({block: 'start'})")
            page.wait_for_timeout(500)
        page.screenshot(path=SHOTS / f"{notebook.stem}.png")
        print(f"{name}: {n_areas} interactive outputs, {len(driver.actions)} actions checked")
        for a in driver.actions:
            print("   ", a)
        assert not console_errors, f"{name}: JavaScript errors in the page: {console_errors[:5]}"
    except Exception:
        page.screenshot(path=SHOTS / f"{notebook.stem}_FAILED.png")
        raise
    finally:
        context.close()
        lab.shutdown_kernels()
