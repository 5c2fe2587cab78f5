"""Drive the course notebooks in a real JupyterLab 4 and a real headless Chromium.

Used by ``tests/test_browser.py``.  The pieces, each one module:

* ``server.py``: :class:`LabServer`, a private JupyterLab serving a scratch copy
  of the notebooks as a student sees them; where to find Chromium.
* ``notebook_run.py``: :func:`run_notebook` opens one notebook, runs all cells
  and collects every error, stderr text and cell that did not run; checks and
  screenshots of the page afterwards.
* ``exerciser.py``: :func:`exercise_widgets` finds every widget, gives each
  control an input, and reports what changed and how fast.
* ``interactions/``: how each kind of control gets its input, a registry a
  notebook's widget can extend with its own (a mouse drag on a canvas, ...):
  see ``interactions/__init__.py``.
* ``js/``: the JavaScript run inside the page, one function per file.

Everything waits on conditions (kernel idle, DOM quiet), never on fixed sleeps.
"""
from .exerciser import ANSWERED_NO_CHANGE, SENT_NOTHING, ControlResult, blank_images, exercise_widgets, inventory
from .notebook_run import (NotebookRun, broken_widget_views, new_kernel_errors, run_notebook, screenshot,
                           visible_widget_stderr, widget_screenshot)
from .server import CHROMIUM_ARGS, PATIENCE_S, LabServer, course_lab_settings, find_chromium, missing_browser_reason

__all__ = [
    "ANSWERED_NO_CHANGE", "SENT_NOTHING", "CHROMIUM_ARGS", "PATIENCE_S", "ControlResult", "LabServer", "NotebookRun", "blank_images", "broken_widget_views",
    "course_lab_settings", "exercise_widgets", "find_chromium", "inventory", "missing_browser_reason",
    "new_kernel_errors", "run_notebook", "screenshot", "visible_widget_stderr", "widget_screenshot",
]
