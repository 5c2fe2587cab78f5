"""Open one notebook in JupyterLab, run all its cells, and read what went wrong.

:func:`run_notebook` opens a notebook in a browser page (on a freshly started
kernel), runs all cells and collects every error, every stderr text and every
cell that did not run.  The other functions read the page afterwards: widget
views that did not render, exceptions published later (widget callbacks),
stderr shown inside widgets; and take screenshots.

Every wait is on a condition (kernel idle, Run All returned, no cell running,
the DOM quiet), never a fixed sleep.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from ._js import js
from .server import PATIENCE_S, LabServer


@dataclass
class NotebookRun:
    """What running all cells of ``path`` produced, and how long it took."""

    path: str
    open_s: float = 0.0
    run_s: float = 0.0
    errors: list = field(default_factory=list)
    stderr: list = field(default_factory=list)
    not_run: list = field(default_factory=list)


def run_notebook(page, server: LabServer, path: str, workspace: str, timeout_s: float = 2 * PATIENCE_S) -> NotebookRun:
    """Open ``path`` (relative to the server root), run all cells, wait until everything settled."""
    result = NotebookRun(path)
    start = time.monotonic()
    server.delete_sessions()
    server.start_kernel(path)
    page.goto(server.url(path, workspace), wait_until="domcontentloaded", timeout=PATIENCE_S * 1000)
    page.wait_for_function("() => window.jupyterapp !== undefined", timeout=PATIENCE_S * 1000)
    page.evaluate(js("attach"), [path, PATIENCE_S * 1000])
    page.wait_for_function(js("kernel_idle"), timeout=PATIENCE_S * 1000, polling=100)
    result.open_s = time.monotonic() - start

    start = time.monotonic()
    page.evaluate(js("run_all"))
    page.wait_for_function(js("run_finished"), arg=500, timeout=timeout_s * 1000, polling=100)
    result.run_s = time.monotonic() - start

    cells = page.evaluate(js("cells"))
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


def wait_settled(page, quiet_ms: int = 150, timeout_s: float = PATIENCE_S) -> None:
    """Wait until the kernel is idle and the notebook's DOM has been quiet for ``quiet_ms``."""
    page.wait_for_function(js("settled"), arg=quiet_ms, timeout=timeout_s * 1000, polling=30)


def broken_widget_views(page) -> list[str]:
    """Widget outputs that did not become a widget (model not found, still loading, empty)."""
    return page.evaluate(js("broken_views"))


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
    return page.evaluate(js("widget_stderr"))


def screenshot(page, path: Path, box_index: int | None) -> None:
    """Viewport screenshot with widget box ``box_index`` (if any) scrolled into view."""
    page.evaluate("() => window.jupyterapp.shell.collapseLeft()")
    if box_index is not None:
        page.evaluate(js("scroll_to_box"), box_index)
    wait_settled(page, quiet_ms=300)
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path))


def widget_screenshot(page, path: Path, box_index: int) -> None:
    """Screenshot of one widget box alone."""
    path.parent.mkdir(parents=True, exist_ok=True)
    page.locator(f'[data-nnkit-box="{box_index}"]').screenshot(path=str(path))
