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
def test_make_lab_serves_notebook_01_on_localhost_with_a_token_and_the_course_settings(tmp_path):
    # JupyterLab reads the course's settings the way `make lab` installs them (as
    # <prefix>/share/jupyter/lab/settings/overrides.json); here that folder is a temporary one
    settings_dir = tmp_path / "settings"
    settings_dir.mkdir()
    shutil.copyfile(ROOT / "lab" / "overrides.json", settings_dir / "overrides.json")
    port = _free_port()
    command = _lab_command() + [f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
                                f"--LabApp.app_settings_dir={settings_dir}",
                                f"--LabApp.user_settings_dir={tmp_path / 'user-settings'}"]
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
        # every course setting is the default JupyterLab hands the page (overrides change the schema's defaults)
        for plugin, values in json.loads((ROOT / "lab" / "overrides.json").read_text()).items():
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/lab/api/settings/{plugin}?token={token}",
                                        timeout=10) as response:
                schema = json.load(response)["schema"]["properties"]
            assert {k: schema[k]["default"] for k in values} == values, plugin
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


def test_lab_settings_hold_what_the_course_relies_on():
    # GUIDE.md, "Facts": no news, no update check, kernels start without a dialog, every cell rendered
    settings = json.loads((ROOT / "lab" / "overrides.json").read_text())
    assert settings["@jupyterlab/notebook-extension:tracker"] == {"windowingMode": "none",
                                                                  "autoStartDefaultKernel": True}
    assert settings["@jupyterlab/apputils-extension:notification"] == {"fetchNews": "false",
                                                                       "checkForUpdates": False}


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_lab_installs_the_course_settings():
    out = subprocess.run(["make", "-n", "-B", "-o", ".venv/.installed", "lab"], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout
    assert "cp lab/overrides.json .venv/share/jupyter/lab/settings/overrides.json" in out
    assert out.index("overrides.json") < out.index("jupyter lab")


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_teacher_targets_run_the_teacher_package_and_say_when_it_is_missing(tmp_path):
    out = subprocess.run(["make", "-n", "-o", ".venv-dev/.installed", "student", "grade"], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout
    assert "-m teacher student --notebooks notebooks --out student" in out
    assert "-m teacher grade --notebooks notebooks --course grading" in out
    # a student's copy has the Makefile but no teacher/: `make grade` says so in a sentence
    shutil.copyfile(ROOT / "Makefile", tmp_path / "Makefile")
    run = subprocess.run(["make", "-o", ".venv-dev/.installed", "grade"], cwd=tmp_path, capture_output=True, text=True)
    assert run.returncode != 0
    assert "the teacher's tools (teacher/) are not part of this copy of the course" in run.stdout
