"""The nbclient stall work-around (teacher/stall.py) reaches nbgrader and polls in slices.

Whether it works in a real autograding run is tested in test_homework.py
(``test_no_nbclient_stall_between_cells``: the fixture's ``interact`` cell).
"""
from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from teacher import course, stall

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "homework_fixture.ipynb"


def test_course_config_gives_nbclient_the_sliced_poll_client(tmp_path):
    from jupyter_client.manager import AsyncKernelManager
    from traitlets.config.loader import PyFileConfigLoader

    course.write_course(tmp_path, [FIXTURE])
    config = PyFileConfigLoader("nbgrader_config.py", path=str(tmp_path)).load_config()
    client = AsyncKernelManager(config=config).client()  # what nbclient does, without a kernel
    assert type(client) is stall.SlicedPollKernelClient
    assert client.shell_channel_class is client.iopub_channel_class is stall.SlicedPollChannel


def test_nbgraders_subprocess_can_import_the_stall_fix():
    # nbgrader runs in a subprocess with course.CODE_ROOT on PYTHONPATH
    assert (course.CODE_ROOT / "teacher" / "stall.py").exists()
    assert stall.CLIENT_CLASS == "teacher.stall.SlicedPollKernelClient"


def test_sliced_poll_channel_waits_its_timeout_and_gets_messages():
    import asyncio
    from queue import Empty

    import zmq
    import zmq.asyncio
    from jupyter_client.session import Session

    async def scenario():
        context = zmq.asyncio.Context()
        sender, receiver = context.socket(zmq.PAIR), context.socket(zmq.PAIR)
        sender.bind("inproc://sliced-poll")
        receiver.connect("inproc://sliced-poll")
        session = Session(key=b"")
        channel = stall.SlicedPollChannel(receiver, session)
        start = time.perf_counter()
        with pytest.raises(Empty):
            await channel.get_msg(timeout=0.5)
        waited = time.perf_counter() - start
        session.send(sender, "execute_reply", content={"status": "ok"})
        msg = await channel.get_msg(timeout=5)
        for sock in (sender, receiver):
            sock.close(linger=0)
        context.term()
        return waited, msg

    # a fresh thread has no running event loop, even after the browser tests' Playwright session
    with ThreadPoolExecutor(1) as pool:
        waited, msg = pool.submit(lambda: asyncio.run(scenario())).result()
    assert 0.5 <= waited < 0.5 + 2 * stall.POLL_SLICE  # the whole timeout, in slices
    assert msg["msg_type"] == "execute_reply" and msg["content"] == {"status": "ok"}


def test_importing_the_module_needs_no_jupyter_client():
    import subprocess
    import sys

    code = ("import sys; sys.modules['jupyter_client'] = None; import teacher.stall as s; "
            "print(s.POLL_SLICE)")
    out = subprocess.run([sys.executable, "-c", code], cwd=course.CODE_ROOT, capture_output=True, text=True)
    assert out.stdout.strip() == "0.2", out.stderr
