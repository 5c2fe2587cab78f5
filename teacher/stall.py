"""The work-around for nbclient's stall after cells that display ``interact`` widgets.

nbclient, which ``nbgrader autograde`` and this package's wrong-answer runner
execute notebooks with, can wait a whole cell timeout after a cell that
displays an ``interact`` widget although the cell finished
(jupyter/nbclient#312, jupyter/nbconvert#2029): the asynchronous poll of the
kernel's reply misses its wake-up.  :class:`SlicedPollKernelClient` makes every
channel poll in short slices (:data:`POLL_SLICE` seconds) until the caller's
timeout, so a missed wake-up costs at most one slice.

An nbgrader course gets it through its ``nbgrader_config.py``::

    c.AsyncKernelManager.client_class = "teacher.stall.SlicedPollKernelClient"

The classes subclass jupyter_client's and are built on first use, so importing
this module needs only the standard library.
"""
from __future__ import annotations

import time

__all__ = ["POLL_SLICE", "CLIENT_CLASS", "SlicedPollChannel", "SlicedPollKernelClient"]

POLL_SLICE = 0.2
"""Seconds per poll slice of :class:`SlicedPollChannel`."""
CLIENT_CLASS = f"{__name__}.SlicedPollKernelClient"
"""The dotted name a kernel manager's ``client_class`` takes."""


def _build():
    from queue import Empty

    from jupyter_client.asynchronous.client import AsyncKernelClient
    from jupyter_client.channels import AsyncZMQSocketChannel

    class SlicedPollChannel(AsyncZMQSocketChannel):
        """An async ZMQ channel whose ``get_msg`` polls in slices of :data:`POLL_SLICE` s.

        Same contract as :meth:`AsyncZMQSocketChannel.get_msg` (a message, or
        ``queue.Empty`` once ``timeout`` seconds have passed; ``None`` waits for
        ever), but a wake-up the asyncio poll misses is noticed at the next slice
        instead of at the end of the cell's timeout.
        """

        async def get_msg(self, timeout: float | None = None):
            deadline = None if timeout is None else time.monotonic() + timeout
            while True:
                left = POLL_SLICE if deadline is None else min(POLL_SLICE, deadline - time.monotonic())
                if await self.socket.poll(max(0, int(left * 1000))):
                    return await self._recv()
                if deadline is not None and time.monotonic() >= deadline:
                    raise Empty

    class SlicedPollKernelClient(AsyncKernelClient):
        """nbclient's kernel client with :class:`SlicedPollChannel` on every ZMQ channel."""

        shell_channel_class = SlicedPollChannel
        iopub_channel_class = SlicedPollChannel
        stdin_channel_class = SlicedPollChannel
        control_channel_class = SlicedPollChannel

    SlicedPollChannel.__module__ = SlicedPollKernelClient.__module__ = __name__
    return {"SlicedPollChannel": SlicedPollChannel, "SlicedPollKernelClient": SlicedPollKernelClient}


def __getattr__(name: str):
    if name in ("SlicedPollChannel", "SlicedPollKernelClient"):
        globals().update(_build())
        return globals()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
