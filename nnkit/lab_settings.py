"""The JupyterLab settings the course runs with; ``make lab`` writes them into its environment.

JupyterLab takes ``<prefix>/share/jupyter/lab/settings/overrides.json`` as its
defaults, so a student still can change any of them under Settings.  The
browser tests (tests/browser_harness.py) run JupyterLab with the same values.

- ``windowingMode: none``: every cell of a notebook stays in the page, so a
  widget scrolled out of view and back is never re-rendered from scratch;
- ``autoStartDefaultKernel``: a notebook opens with its Python kernel running,
  without a "Select Kernel" dialog;
- ``fetchNews`` and ``checkForUpdates`` off: JupyterLab makes no calls to the
  internet and shows no "get notified about Jupyter news?" prompt.

Run:  python -m nnkit.lab_settings   (writes into this interpreter's prefix)
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

__all__ = ["SETTINGS", "overrides_path", "write"]

SETTINGS = {
    "@jupyterlab/notebook-extension:tracker": {"windowingMode": "none", "autoStartDefaultKernel": True},
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
}
"""Plugin id -> the settings the course gives it."""


def overrides_path(prefix=None) -> Path:
    """Where JupyterLab in the environment at ``prefix`` (default: this one) reads its overrides."""
    return Path(sys.prefix if prefix is None else prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"


def write(prefix=None) -> Path:
    """Write :data:`SETTINGS` into ``overrides.json``, keeping other plugins' entries; returns its path."""
    path = overrides_path(prefix)
    current = json.loads(path.read_text()) if path.exists() else {}
    for plugin, values in SETTINGS.items():
        current.setdefault(plugin, {}).update(values)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(current, indent=2) + "\n")
    return path


if __name__ == "__main__":
    print(f"JupyterLab settings for the course written to {write()}")
