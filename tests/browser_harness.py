"""Drive the course notebooks in a real JupyterLab 4 and a real headless Chromium.

Used by ``tests/test_browser.py``.  Three pieces:

* :class:`LabServer` starts a private JupyterLab on 127.0.0.1 (free port, random
  token, temporary config/runtime/settings/workspace directories) serving a
  temporary *copy* of the notebooks, with the teacher-only extensions (nbgrader,
  the classic-notebook switcher) disabled so the page is what a student sees.
* :func:`run_notebook` opens one notebook in a browser page, runs all cells and
  collects every error or stderr text the kernel published.
* :func:`exercise_widgets` finds every widget (``.nnkit-widget`` panels and
  ``interact`` boxes), checks each control rendered, moves each slider, changes
  each dropdown, clicks each button, and measures the time from the input event
  to the redraw it causes (measured inside the page with ``performance.now``).

Everything waits on conditions (kernel idle, DOM quiet), never on fixed sleeps.
"""
from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

SETTINGS = json.loads((Path(__file__).resolve().parents[1] / "lab" / "overrides.json").read_text())

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ENABLE_HINT = (
    "browser tests need Chromium and playwright: `apt-get install chromium` and "
    "`pip install -e .[test]` (never `playwright install`)"
)
# Server and lab extensions a student does not have (they come with nbgrader in
# the teacher extra); disabled for the test server only.
TEACHER_SERVER_EXTENSIONS = [
    "nbgrader.server_extensions.formgrader",
    "nbgrader.server_extensions.validate_assignment",
    "nbgrader.server_extensions.assignment_list",
    "nbgrader.server_extensions.course_list",
]
TEACHER_LAB_EXTENSIONS = ["@jupyter/nbgrader", "@jupyter-notebook/lab-extension"]
# The settings `make lab` gives students (lab/overrides.json), as user settings files
LAB_SETTINGS = {plugin.replace(":", "/") + ".jupyterlab-settings": values for plugin, values in SETTINGS.items()}


def find_chromium() -> str | None:
    """Path of a Chromium executable: $NNKIT_CHROMIUM, /usr/bin/chromium or on PATH."""
    if "NNKIT_CHROMIUM" in os.environ:  # an explicit choice is the only candidate
        chosen = os.environ["NNKIT_CHROMIUM"]
        return chosen if os.access(chosen, os.X_OK) else None
    if os.access("/usr/bin/chromium", os.X_OK):
        return "/usr/bin/chromium"
    return shutil.which("chromium") or shutil.which("chromium-browser")


def missing_browser_reason() -> str | None:
    """None when the browser tests can run here, else a sentence saying what is missing."""
    missing = []
    if find_chromium() is None:
        missing.append("no chromium executable")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("no playwright package")
    if not missing:
        return None
    return f"{' and '.join(missing)}: {ENABLE_HINT}"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _write_json(path: Path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1))


class LabServer:
    """A private JupyterLab serving ``root`` (a scratch directory) for the test session."""

    def __init__(self, root: Path, scratch: Path, pythonpath: Path):
        self.root = root
        self.token = secrets.token_hex(24)
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = scratch / "jupyterlab.log"
        env = {k: v for k, v in os.environ.items() if k not in ("MPLBACKEND", "JUPYTER_TOKEN")}
        env.update(
            JUPYTER_CONFIG_DIR=str(scratch / "config"),
            JUPYTER_RUNTIME_DIR=str(scratch / "runtime"),
            JUPYTER_DATA_DIR=str(scratch / "data"),
            JUPYTERLAB_SETTINGS_DIR=str(scratch / "settings"),
            JUPYTERLAB_WORKSPACES_DIR=str(scratch / "workspaces"),
            IPYTHONDIR=str(scratch / "ipython"),
            PYTHONPATH=os.pathsep.join(filter(None, [str(pythonpath), env.get("PYTHONPATH")])),
        )
        config = scratch / "config"
        _write_json(
            config / "jupyter_server_config.json",
            {"ServerApp": {"jpserver_extensions": {name: False for name in TEACHER_SERVER_EXTENSIONS}}},
        )
        _write_json(
            config / "labconfig" / "page_config.json",
            {"disabledExtensions": {name: True for name in TEACHER_LAB_EXTENSIONS}},
        )
        for name, settings in LAB_SETTINGS.items():
            _write_json(scratch / "settings" / name, settings)
        cmd = [
            sys.executable, "-m", "jupyterlab",
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={root}",
            "--LabApp.expose_app_in_browser=True",
        ]
        if os.geteuid() == 0:
            cmd.append("--allow-root")
        self._log = open(self.log_path, "wb")
        self.process = subprocess.Popen(
            cmd, env=env, cwd=root, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True
        )
        self._wait_ready(timeout=60)

    def api(self, path: str, method: str = "GET", body: dict | None = None):
        request = urllib.request.Request(
            f"{self.base}{path}", method=method,
            data=None if body is None else json.dumps(body).encode(),
            headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def _wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"JupyterLab exited with {self.process.returncode}:\n{self.log()}")
            try:
                self.api("/api/status")
                return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)
        raise RuntimeError(f"JupyterLab did not answer within {timeout} s:\n{self.log()}")

    def log(self) -> str:
        self._log.flush()
        return self.log_path.read_text(errors="replace")[-4000:]

    def url(self, path: str, workspace: str) -> str:
        return f"{self.base}/lab/workspaces/{workspace}/tree/{path}?token={self.token}"

    def start_kernel(self, path: str) -> None:
        """Start a fresh kernel for notebook ``path`` now; JupyterLab attaches to it on
        opening, so the kernel boots while the page loads (about 2 s saved per notebook)."""
        self.api("/api/sessions", method="POST",
                 body={"path": path, "type": "notebook", "name": "", "kernel": {"name": "python3"}})

    def delete_sessions(self) -> None:
        """Shut down every kernel, so a reopened notebook never reuses one."""
        for session in self.api("/api/sessions"):
            self.api(f"/api/sessions/{session['id']}", method="DELETE")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)
        self._log.close()


# --------------------------------------------------------------------------- page scripts

# Finds the NotebookPanel of `path`, waits for its kernel, and records on
# window.__nnkit every exception the kernel publishes from now on (cell outputs
# and widget callbacks alike: ipywidgets reports a failing callback as an error).
JS_ATTACH = """
async (path) => {
  const app = window.jupyterapp;
  await app.restored;
  const find = () => Array.from(app.shell.widgets('main')).find(w => w.context && w.context.path === path);
  let panel = find();
  const t0 = performance.now();
  while (!panel && performance.now() - t0 < 30000) {
    await new Promise(r => setTimeout(r, 100));
    panel = find();
  }
  if (!panel) throw new Error('notebook ' + path + ' did not open');
  await panel.context.ready;
  await panel.sessionContext.ready;
  const log = {errors: [], lastMutation: performance.now()};
  window.__nnkit = log;
  window.__nnkitPanel = panel;
  const hook = (kernel) => kernel && kernel.iopubMessage.connect((_, msg) => {
    const type = msg.header.msg_type, c = msg.content;
    if (type === 'error') log.errors.push({ename: c.ename, evalue: c.evalue,
        traceback: (c.traceback || []).join('\\n').replace(/\\x1b\\[[0-9;]*m/g, '')});
  });
  hook(panel.sessionContext.session && panel.sessionContext.session.kernel);
  panel.sessionContext.kernelChanged.connect((_, change) => hook(change.newValue));
  new MutationObserver(() => { log.lastMutation = performance.now(); })
    .observe(panel.node, {subtree: true, childList: true, attributes: true, characterData: true});
  return true;
}
"""

JS_KERNEL_IDLE = """
() => { const p = window.__nnkitPanel; const k = p && p.sessionContext.session && p.sessionContext.session.kernel;
        return !!k && k.status === 'idle' && k.connectionStatus === 'connected'; }
"""

# Quiet page: kernel idle and no DOM change in the notebook for `ms` milliseconds.
JS_SETTLED = """
(ms) => { const p = window.__nnkitPanel; const k = p.sessionContext.session && p.sessionContext.session.kernel;
          return !!k && k.status === 'idle' && performance.now() - window.__nnkit.lastMutation > ms; }
"""

JS_RUN_ALL = """
async () => {
  const app = window.jupyterapp;
  app.shell.activateById(window.__nnkitPanel.id);
  window.__nnkit.runDone = false;
  const command = app.commands.hasCommand('runmenu:run-all') ? 'runmenu:run-all' : 'notebook:run-all-cells';
  app.commands.execute(command).then(() => { window.__nnkit.runDone = true; },
                                     () => { window.__nnkit.runDone = true; });
  return command;
}
"""

# Every code cell: index, first line, execution count, state and its output types.
JS_CELLS = """
() => {
  const cells = window.__nnkitPanel.content.widgets;
  return cells.map((cell, i) => {
    const m = cell.model;
    if (m.type !== 'code') return null;
    const outputs = m.outputs.toJSON();
    return {index: i, source: m.sharedModel.getSource(), count: m.executionCount,
            running: cell.node.querySelector('.jp-InputPrompt') &&
                     cell.node.querySelector('.jp-InputPrompt').textContent.includes('*'),
            errors: outputs.filter(o => o.output_type === 'error')
                           .map(o => ({ename: o.ename, evalue: o.evalue})),
            stderr: outputs.filter(o => o.output_type === 'stream' && o.name === 'stderr')
                           .map(o => Array.isArray(o.text) ? o.text.join('') : o.text)};
  }).filter(c => c !== null);
}
"""

JS_RUN_FINISHED = """
(quietMs) => {
  const log = window.__nnkit;
  if (!log.runDone) return false;
  const p = window.__nnkitPanel; const k = p.sessionContext.session && p.sessionContext.session.kernel;
  if (!k || k.status !== 'idle') return false;
  if (p.node.querySelector('.jp-InputPrompt') &&
      Array.from(p.node.querySelectorAll('.jp-InputPrompt')).some(e => e.textContent.includes('*'))) return false;
  return performance.now() - log.lastMutation > quietMs;
}
"""

CONTAINER_SELECTOR = ".nnkit-widget, .widget-interact"
CONTROL_SELECTOR = ", ".join([
    ".widget-hslider", ".widget-vslider", ".widget-dropdown", ".widget-toggle-buttons",
    ".widget-radio", ".widget-checkbox", "button.widget-toggle-button", "button.widget-button",
])

# Describes every control of every widget container: kind, label, state, size.
JS_INVENTORY = """
([containerSel, controlSel]) => {
  const all = Array.from(document.querySelectorAll(containerSel));
  const top = all.filter(c => !all.some(o => o !== c && o.contains(c)));
  // Controls outside any panel or interact box: their cell's output area is their box.
  for (const el of document.querySelectorAll('.jp-Notebook ' + controlSel.split(', ').join(', .jp-Notebook '))) {
    if (top.some(b => b.contains(el))) continue;
    const area = el.closest('.jp-OutputArea');
    if (area && !top.includes(area)) top.push(area);
  }
  return top.map((box, i) => {
    box.dataset.nnkitBox = String(i);
    const controls = Array.from(box.querySelectorAll(controlSel))
      .filter(el => !el.parentElement.closest('.widget-toggle-buttons'))
      .filter(el => !(el.closest('.widget-interact') && el.closest('.widget-interact') !== box
                      && box.classList.contains('widget-interact')));
    const label = el => {
      const l = el.querySelector(':scope > .widget-label, :scope > label');
      return ((l && l.textContent) || el.textContent || '').trim().slice(0, 40);
    };
    return {
      index: i, kind: box.classList.contains('nnkit-widget') ? 'panel'
                     : box.classList.contains('widget-interact') ? 'interact' : 'bare controls',
      title: (box.querySelector('.widget-html-content b') || {}).textContent || '',
      images: box.querySelectorAll('img').length,
      controls: controls.map((el, j) => {
        el.dataset.nnkitControl = i + '-' + j;
        const r = el.getBoundingClientRect();
        const cls = el.classList;
        const kind = cls.contains('widget-hslider') || cls.contains('widget-vslider') ? 'slider'
          : cls.contains('widget-dropdown') ? 'dropdown'
          : cls.contains('widget-toggle-buttons') ? 'toggle-buttons'
          : cls.contains('widget-radio') ? 'radio'
          : cls.contains('widget-checkbox') ? 'checkbox'
          : cls.contains('widget-toggle-button') ? 'toggle-button' : 'button';
        const handle = el.querySelector('.noUi-handle');
        const disabled = !!el.querySelector('[disabled]') || el.disabled === true ||
                         (handle && handle.hasAttribute('disabled'));
        return {id: i + '-' + j, kind, label: label(el), disabled,
                width: r.width, height: r.height, visible: el.offsetParent !== null,
                value: handle ? handle.getAttribute('aria-valuenow') : null,
                min: handle ? handle.getAttribute('aria-valuemin') : null,
                max: handle ? handle.getAttribute('aria-valuemax') : null};
      }),
    };
  });
}
"""

# Arms a probe on one widget box: records the input event time (t0), the first
# change of its images (tImage) and of anything else in it (tAny), ignoring the
# control being operated (its own readout / pressed state is not a redraw).
JS_ARM = """
([boxId, controlId]) => {
  const box = document.querySelector(`[data-nnkit-box="${boxId}"]`);
  const control = document.querySelector(`[data-nnkit-control="${controlId}"]`);
  const outside = el => !control.contains(el);
  const images = () => Array.from(box.querySelectorAll('img')).filter(outside).map(i => i.src);
  const rest = () => {
    const parts = [];
    box.querySelectorAll('.widget-output, .widget-html-content, .widget-htmlmath, .widget-label, ' +
                         '.widget-readout, .widget-valid, .jp-OutputArea-output').forEach(e => {
      if (outside(e)) parts.push(e.textContent); });
    box.querySelectorAll('input, select').forEach(e => { if (outside(e)) parts.push(String(e.value)); });
    box.querySelectorAll('.mod-active').forEach(e => { if (outside(e)) parts.push('active'); });
    box.querySelectorAll('.widget-box, .widget-output').forEach(e => {
      if (outside(e)) parts.push(e.offsetParent === null ? 'h' : 'v'); });
    return parts.join('|');
  };
  const probe = {t0: null, tImage: null, tAny: null, last: performance.now(),
                 oldImages: images(), oldRest: rest()};
  const sameImages = (a, b) => a.length === b.length && a.every((s, k) => s === b[k]);
  const onInput = () => { if (probe.t0 === null) probe.t0 = performance.now(); };
  for (const ev of ['keydown', 'mousedown', 'click', 'input', 'change'])
    document.addEventListener(ev, onInput, {capture: true});
  probe.observer = new MutationObserver(() => {
    const now = performance.now();
    probe.last = now;
    const imgs = images();
    if (probe.tImage === null && imgs.length > 0 && imgs.length >= probe.oldImages.length
        && !sameImages(imgs, probe.oldImages)) probe.tImage = now;
    if (probe.tAny === null && (probe.tImage !== null || rest() !== probe.oldRest)) probe.tAny = now;
  });
  probe.observer.observe(box, {subtree: true, childList: true, attributes: true, characterData: true});
  probe.remove = () => { probe.observer.disconnect();
    for (const ev of ['keydown', 'mousedown', 'click', 'input', 'change'])
      document.removeEventListener(ev, onInput, {capture: true}); };
  window.__nnkitProbe = probe;
  return {images: probe.oldImages.length};
}
"""

# Done when the images changed, or something else changed and the page is quiet again.
JS_PROBE_DONE = """
(quietMs) => {
  const p = window.__nnkitProbe; const now = performance.now();
  if (p.tImage !== null) return true;
  const k = window.__nnkitPanel.sessionContext.session.kernel;
  return p.tAny !== null && now - p.last > quietMs && k.status === 'idle';
}
"""

JS_PROBE_READ = """
() => { const p = window.__nnkitProbe; p.remove();
        return {t0: p.t0, tImage: p.tImage, tAny: p.tAny}; }
"""


@dataclass
class NotebookRun:
    path: str
    open_s: float = 0.0
    run_s: float = 0.0
    errors: list = field(default_factory=list)
    stderr: list = field(default_factory=list)
    not_run: list = field(default_factory=list)


@dataclass
class ControlResult:
    box: int
    kind: str
    label: str
    action: str
    changed: bool
    latency_ms: float | None
    what: str  # "image", "text" or ""
    note: str = ""
    blank: list = field(default_factory=list)  # images left showing nothing after the input


def run_notebook(page, server: LabServer, path: str, workspace: str, timeout_s: float = 120) -> NotebookRun:
    """Open ``path`` (relative to the server root), run all cells, wait until everything settled."""
    result = NotebookRun(path)
    start = time.monotonic()
    server.delete_sessions()
    server.start_kernel(path)
    page.goto(server.url(path, workspace), wait_until="domcontentloaded", timeout=60_000)
    page.wait_for_function("() => window.jupyterapp !== undefined", timeout=60_000)
    page.evaluate(JS_ATTACH, path)
    page.wait_for_function(JS_KERNEL_IDLE, timeout=60_000, polling=100)
    result.open_s = time.monotonic() - start

    start = time.monotonic()
    page.evaluate(JS_RUN_ALL)
    page.wait_for_function(JS_RUN_FINISHED, arg=500, timeout=timeout_s * 1000, polling=100)
    result.run_s = time.monotonic() - start

    cells = page.evaluate(JS_CELLS)
    for cell in cells:
        first = cell["source"].strip().splitlines()[0][:60] if cell["source"].strip() else ""
        for err in cell["errors"]:
            result.errors.append(f"cell {cell['index']} ({first!r}): {err['ename']}: {err['evalue']}")
        for text in cell["stderr"]:
            result.stderr.append(f"cell {cell['index']} ({first!r}): {text.strip()[:300]}")
        if cell["source"].strip() and cell["count"] is None:
            result.not_run.append(f"cell {cell['index']} ({first!r})")
    # Errors published outside cell outputs (e.g. in a widget's Output) still count.
    cell_errors = {(e["ename"], e["evalue"]) for c in cells for e in c["errors"]}
    for err in page.evaluate("() => window.__nnkit.errors"):
        if (err["ename"], err["evalue"]) not in cell_errors:
            result.errors.append(f"{err['ename']}: {err['evalue']}\n{err['traceback'][-1500:]}")
    return result


def broken_widget_views(page) -> list[str]:
    """Widget outputs that did not become a widget (model not found, still loading, empty)."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll(
              '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.widget-view+json"]'))
            .map((e, i) => {
              const cell = e.closest('.jp-Cell');
              const where = 'cell ' + Array.from(cell.parentElement.children).indexOf(cell);
              const text = e.textContent.trim();
              if (/Error displaying widget|Loading widget|Error rendering/i.test(text) && !e.querySelector('.jupyter-widgets'))
                return where + ': ' + text.slice(0, 200);
              if (!e.querySelector('.jupyter-widgets')) return where + ': empty widget view';
              return null; })
            .filter(x => x !== null)"""
    )


# Images in widget box `i` that are one flat colour (a plot that drew nothing).
JS_BLANK_IMAGES = """
async (i) => {
  const box = document.querySelector(`[data-nnkit-box="${i}"]`);
  const blank = [];
  for (const [k, img] of Array.from(box.querySelectorAll('img')).entries()) {
    try { await img.decode(); } catch (e) { blank.push(k + ' (does not decode)'); continue; }
    const w = Math.min(img.naturalWidth, 200), h = Math.min(img.naturalHeight, 200);
    if (w === 0 || h === 0) { blank.push(k + ' (empty)'); continue; }
    const canvas = document.createElement('canvas'); canvas.width = w; canvas.height = h;
    const ctx = canvas.getContext('2d'); ctx.drawImage(img, 0, 0, w, h);
    const d = ctx.getImageData(0, 0, w, h).data;
    let differs = 0;
    for (let p = 4; p < d.length; p += 4)
      if (Math.abs(d[p] - d[0]) + Math.abs(d[p + 1] - d[1]) + Math.abs(d[p + 2] - d[2]) > 30) differs++;
    if (differs < 0.002 * w * h) blank.push(k + ` (${img.naturalWidth}x${img.naturalHeight} px of one colour)`);
  }
  return blank;
}
"""


def blank_images(page, box_index: int) -> list[str]:
    """Images of a widget box that show nothing (a single flat colour)."""
    return page.evaluate(JS_BLANK_IMAGES, box_index)


def new_kernel_errors(page, seen: int) -> list[str]:
    """Exceptions the kernel published after the first ``seen`` ones (cells and widget callbacks)."""
    log = page.evaluate("() => window.__nnkit.errors")
    return [f"{e['ename']}: {e['evalue']}\n{e['traceback'][-1500:]}" for e in log[seen:]]


def visible_widget_stderr(page) -> list[str]:
    """Stderr text a student sees inside widgets (what a callback printed into an Output).

    The kernel also sends stderr that no page shows (e.g. "No such comm target
    registered: jupyter.widget.control" when the widget manager probes a kernel
    before ipywidgets is imported): only what is rendered counts.
    """
    return page.evaluate(
        """() => Array.from(document.querySelectorAll(
              '.widget-output [data-mime-type="application/vnd.jupyter.stderr"]'))
            .map(e => e.textContent.trim()).filter(t => t.length > 0)"""
    )


def inventory(page) -> list[dict]:
    """Every widget box in the page with its controls (see JS_INVENTORY)."""
    return page.evaluate(JS_INVENTORY, [CONTAINER_SELECTOR, CONTROL_SELECTOR])


def _operate(page, control: dict, attempt: int) -> str:
    """Perform one input on a control; returns a description of what was done."""
    loc = page.locator(f'[data-nnkit-control="{control["id"]}"]')
    kind = control["kind"]
    if kind == "slider":
        handle = loc.locator(".noUi-handle").first
        handle.focus()
        at_max = control["value"] is not None and float(control["value"]) >= float(control["max"])
        key = ("ArrowLeft" if at_max else "ArrowRight") if attempt == 0 else ("PageDown" if at_max else "PageUp")
        handle.press(key)
        return f"{key} from {control['value']}"
    if kind == "dropdown":
        select = loc.locator("select")
        options = select.locator("option").all_text_contents()
        if len(options) < 2:
            return "single option, nothing to change"
        current = select.evaluate("s => s.selectedIndex")
        target = (current + 1 + attempt) % len(options)
        select.select_option(index=target)
        return f"{options[current] if current >= 0 else None!r} -> {options[target]!r}"
    if kind in ("toggle-buttons", "radio"):
        items = loc.locator("button" if kind == "toggle-buttons" else "input")
        n = items.count()
        states = [items.nth(k).evaluate("e => e.classList.contains('mod-active') || e.checked === true")
                  for k in range(n)]
        current = states.index(True) if True in states else -1
        target = (current + 1 + attempt) % n
        items.nth(target).click()
        return f"option {current} -> {target}"
    if kind == "checkbox":
        loc.locator("input").click()
        return "toggled"
    loc.click()
    return "clicked"


LIMITED_KINDS = ("checkbox", "toggle-button", "button")


def exercise_widgets(page, max_per_kind: int = 12, timeout_s: float = 30) -> tuple[list[dict], list[ControlResult]]:
    """Operate every enabled control of every widget box; report what changed and how fast.

    Every slider, dropdown and option group is operated; of buttons or checkboxes
    that look alike (same kind and label, e.g. the cells of a sketch pad) at most
    ``max_per_kind``, spread evenly over the group.
    """
    boxes = inventory(page)
    results: list[ControlResult] = []
    order = {"slider": 0, "dropdown": 1, "toggle-buttons": 2, "radio": 2, "checkbox": 3,
             "toggle-button": 4, "button": 5}
    for box in boxes:
        # Buttons and checkboxes sharing kind and label (a sketch pad's cells) form a
        # group; a large group is sampled evenly, at most max_per_kind of it.
        groups: dict[tuple, list] = {}
        for control in box["controls"]:
            if control["kind"] in LIMITED_KINDS:
                groups.setdefault((control["kind"], control["label"]), []).append(control["id"])
        skipped = set()
        for (kind, label), ids in groups.items():
            if len(ids) > max_per_kind:
                keep = {ids[round(k * (len(ids) - 1) / (max_per_kind - 1))] for k in range(max_per_kind)}
                skipped |= set(ids) - keep
                results.append(ControlResult(box["index"], kind, label, "", True, None, "",
                                             note=f"{len(ids)} alike: all rendered, {len(keep)} operated"))
        for control in sorted(box["controls"], key=lambda c: order[c["kind"]]):
            if control["id"] in skipped:
                continue
            if control["disabled"]:
                results.append(ControlResult(box["index"], control["kind"], control["label"], "",
                                             True, None, "", note="disabled, not operated"))
                continue
            page.locator(f'[data-nnkit-control="{control["id"]}"]').scroll_into_view_if_needed()
            if control["kind"] == "slider":  # refresh the value: an earlier control may have moved it
                handle = page.locator(f'[data-nnkit-control="{control["id"]}"] .noUi-handle').first
                control["value"] = handle.get_attribute("aria-valuenow")
            outcome = None
            actions = []
            for attempt in range(2):
                page.evaluate(JS_ARM, [box["index"], control["id"]])
                actions.append(_operate(page, control, attempt))
                try:
                    page.wait_for_function(JS_PROBE_DONE, arg=300, timeout=timeout_s * 1000, polling=20)
                except Exception:  # noqa: BLE001 - playwright's TimeoutError: nothing changed
                    pass
                probe = page.evaluate(JS_PROBE_READ)
                page.wait_for_function(JS_SETTLED, arg=150, timeout=timeout_s * 1000, polling=30)
                blank = blank_images(page, box["index"])
                changed_at = probe["tImage"] if probe["tImage"] is not None else probe["tAny"]
                if changed_at is not None:
                    t0 = probe["t0"] if probe["t0"] is not None else changed_at
                    outcome = ControlResult(box["index"], control["kind"], control["label"],
                                            "; ".join(actions), True, changed_at - t0,
                                            "image" if probe["tImage"] is not None else "text",
                                            blank=blank)
                    break
                if control["kind"] not in ("slider", "dropdown", "toggle-buttons", "radio"):
                    break  # a second click of a button is no bigger step
            if outcome is None:
                outcome = ControlResult(box["index"], control["kind"], control["label"],
                                        "; ".join(actions), False, None, "")
            results.append(outcome)
    return boxes, results


def screenshot(page, path: Path, box_index: int | None) -> None:
    """Viewport screenshot with widget box ``box_index`` (if any) scrolled into view."""
    page.evaluate("() => window.jupyterapp.shell.collapseLeft()")
    if box_index is not None:
        page.evaluate(
            """(i) => { const box = document.querySelector(`[data-nnkit-box="${i}"]`);
                        const fits = box.getBoundingClientRect().height < window.innerHeight - 150;
                        box.scrollIntoView({block: fits ? 'center' : 'start'}); }""",
            box_index,
        )
    page.wait_for_function(JS_SETTLED, arg=300, timeout=20_000, polling=50)
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path))


def widget_screenshot(page, path: Path, box_index: int) -> None:
    """Screenshot of one widget box alone."""
    path.parent.mkdir(parents=True, exist_ok=True)
    page.locator(f'[data-nnkit-box="{box_index}"]').screenshot(path=str(path))
