"""A private JupyterLab for the browser tests, and where to find Chromium.

:class:`LabServer` starts JupyterLab on 127.0.0.1 (a free port, a random token,
temporary config/runtime/settings/workspace directories) serving a scratch copy
of the notebooks, with the teacher-only extensions (nbgrader, the
classic-notebook switcher) disabled, so the page is what a student sees, and
with the JupyterLab settings ``make lab`` gives students (:func:`course_lab_settings`).
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
from pathlib import Path

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
# How long any awaited cause (the server answers, a page loads, a kernel goes idle,
# a widget's messages are answered) may take before the tests give up: a bound for
# a hang, never a measure of speed, so it is generous for a loaded 2-core machine.
PATIENCE_S = 180


def course_lab_settings() -> dict:
    """Plugin id -> settings: the JupyterLab settings `make lab` gives students.

    The one place the browser tests read them from: ``lab/overrides.json``, which
    ``make lab`` installs as JupyterLab's overrides.json.
    """
    return json.loads((Path(__file__).resolve().parents[2] / "lab" / "overrides.json").read_text())


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
        # the students' settings, as user settings files (<plugin dir>/<plugin>.jupyterlab-settings)
        for plugin, settings in course_lab_settings().items():
            _write_json(scratch / "settings" / (plugin.replace(":", "/") + ".jupyterlab-settings"), settings)
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
        self._wait_ready(timeout=PATIENCE_S)

    def api(self, path: str, method: str = "GET", body: dict | None = None):
        """Call JupyterLab's REST API; returns the decoded JSON answer (None when empty)."""
        request = urllib.request.Request(
            f"{self.base}{path}", method=method,
            data=None if body is None else json.dumps(body).encode(),
            headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=PATIENCE_S) as response:
            answer = response.read()
        return json.loads(answer) if answer else None

    def _wait_ready(self, timeout: float) -> None:
        """Poll /api/status until the server answers (or exits, or ``timeout`` passes)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"JupyterLab exited with {self.process.returncode}:\n{self.log()}")
            try:
                self.api("/api/status")
                return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)  # polling interval of a cause-based wait
        raise RuntimeError(f"JupyterLab did not answer within {timeout} s:\n{self.log()}")

    def log(self) -> str:
        """The end of the server's log."""
        self._log.flush()
        return self.log_path.read_text(errors="replace")[-4000:]

    def url(self, path: str, workspace: str) -> str:
        """The page URL opening notebook ``path`` in its own ``workspace``."""
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
        """Stop the server and everything it started (its process group)."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)
        self._log.close()
