"""One progress line for long loops, updated in place, never one line per step.

In a notebook the line is a single display that is updated at most a few
times a second; outside IPython nothing is shown.  In ``"auto"`` mode the line
appears only once the loop has run for two seconds, so quick loops stay silent.
"""
from __future__ import annotations

import time

__all__ = ["Progress"]

AUTO_AFTER = 2.0
"""Seconds a loop runs before ``"auto"`` mode starts showing progress."""
MIN_INTERVAL = 0.25
"""Seconds between two updates of the line."""


def _in_notebook() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and shell.__class__.__name__ == "ZMQInteractiveShell"


class Progress:
    """``Progress(total, label, mode)``; call ``update(done, text)`` in the loop and ``close(text)`` after."""

    def __init__(self, total: int, label: str = "", mode="auto"):
        if mode not in ("auto", True, False):
            raise ValueError(f"progress must be 'auto', True or False, got {mode!r}")
        self.total, self.label, self.mode = total, label, mode
        self.start = self.last = time.perf_counter()
        self.handle = None

    def _line(self, done: int, text: str) -> str:
        width = 30
        filled = int(width * done / max(self.total, 1))
        return f"{self.label} [{'#' * filled}{'.' * (width - filled)}] {done}/{self.total} {text}"

    def update(self, done: int, text: str = "") -> None:
        """Show ``done`` of ``total`` with ``text``, unless shown less than MIN_INTERVAL ago."""
        if self.mode is False:
            return
        now = time.perf_counter()
        if now - self.last < MIN_INTERVAL:
            return
        if self.handle is None:
            if self.mode == "auto" and now - self.start < AUTO_AFTER:
                return
            if not _in_notebook():
                self.mode = False
                return
            from IPython.display import Pretty, display

            self.handle = display(Pretty(self._line(done, text)), display_id=True)
        else:
            from IPython.display import Pretty

            self.handle.update(Pretty(self._line(done, text)))
        self.last = now

    def close(self, text: str = "") -> None:
        """Replace the line by a final summary, if a line was shown."""
        if self.handle is not None:
            from IPython.display import Pretty

            self.handle.update(Pretty(f"{self.label}: {text}"))
