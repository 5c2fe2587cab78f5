"""The README's first command: `make lab` must start JupyterLab on notebook 01.

The test takes the recipe from the Makefile itself (``make -n``, without
building .venv) and runs it with this environment's ``jupyter``, on a free
port, with ``BROWSER=true`` so "opening the browser" runs the no-op ``true``:
a wrong argument in the Makefile fails here.
"""
import json
import re
import shlex
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
JUPYTER = Path(sys.executable).with_name("jupyter")


def _lab_command():
    out = subprocess.run(["make", "-n", "-o", ".venv/.installed", "lab"], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout
    line = next(line for line in out.splitlines() if " lab " in line and "jupyter" in line)
    words = shlex.split(line)
    assert words[0] == ".venv/bin/jupyter", f"make lab should run .venv's jupyter, runs {words[0]}"
    return [str(JUPYTER)] + words[1:]


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_lab_serves_notebook_01_on_localhost_with_a_token(tmp_path):
    port = _free_port()
    command = _lab_command() + [f"--ServerApp.port={port}", "--ServerApp.port_retries=0"]
    env = {"JUPYTER_RUNTIME_DIR": str(tmp_path), "PATH": str(JUPYTER.parent) + ":/usr/bin:/bin",
           "HOME": str(tmp_path), "BROWSER": "true"}
    proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        url, log, deadline = None, [], time.monotonic() + 90
        while url is None and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line and proc.poll() is not None:
                break
            log.append(line)
            match = re.search(r"(http://127\.0\.0\.1:\d+/lab\?token=\w+)", line)
            url = match.group(1) if match else None
        assert url, "make lab's JupyterLab did not start:\n" + "".join(log[-20:])
        token = url.split("token=")[1]
        # the page it opens for the user is notebook 01
        openers = []
        while not openers and time.monotonic() < deadline:
            time.sleep(0.2)
            openers = list(tmp_path.glob("jpserver-file-to-run-*-open.html"))
        assert openers, "make lab named no notebook to open"
        assert f"/lab/tree/01_perceptron.ipynb?token={token}" in openers[0].read_text()
        # token authentication is on: without it the API refuses, with it the notebook is there
        api = f"http://127.0.0.1:{port}/api/contents/01_perceptron.ipynb"
        with pytest.raises(urllib.error.HTTPError, match="403"):
            urllib.request.urlopen(api, timeout=10)
        with urllib.request.urlopen(f"{api}?token={token}&content=0", timeout=10) as response:
            assert response.status == 200
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        proc.stdout.close()


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_clean_keeps_the_teachers_grading_folder():
    # grading/ holds submissions and the gradebook: nothing regenerates them
    out = subprocess.run(["make", "-n", "clean"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    removed = {word for line in out.splitlines() if line.startswith("rm ") for word in shlex.split(line)[2:]}
    assert {".venv", ".venv-dev", "student"} <= removed
    assert "grading" not in removed and not any(w.startswith("grading") for w in removed)


def test_lab_settings_are_written_as_jupyterlab_overrides(tmp_path):
    from nnkit import lab_settings

    path = lab_settings.overrides_path(tmp_path)
    assert path == tmp_path / "share/jupyter/lab/settings/overrides.json"   # where JupyterLab looks
    path.parent.mkdir(parents=True)
    path.write_text('{"@jupyterlab/apputils-extension:themes": {"theme": "JupyterLab Dark"}}')
    assert lab_settings.write(tmp_path) == path
    written = json.loads(path.read_text())
    assert written["@jupyterlab/notebook-extension:tracker"]["autoStartDefaultKernel"] is True
    assert written["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"
    assert written["@jupyterlab/apputils-extension:themes"] == {"theme": "JupyterLab Dark"}  # a teacher's own kept


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_lab_installs_the_course_settings():
    out = subprocess.run(["make", "-n", "-B", ".venv/.installed"], cwd=ROOT, capture_output=True, text=True,
                         check=True).stdout
    assert ".venv/bin/python -m nnkit.lab_settings" in out
