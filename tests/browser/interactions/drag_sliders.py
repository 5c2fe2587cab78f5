"""Sliders dragged with the mouse, in widgets that ask for it.

A widget whose panel carries the CSS class ``nnkit-drag-sliders`` has its
sliders dragged by the handle, the way a student moves them, instead of stepped
with a key: one input then sends several value updates, and the test waits for
the kernel to answer all of them.  The browser fixture's last widget uses it;
it is also the worked example of a widget-specific interaction (see
``__init__.py``).
"""
from __future__ import annotations

from . import register


@register("dragged slider", ".nnkit-drag-sliders :is(.widget-hslider, .widget-vslider)", order=10, attempts=2)
def drag_handle(page, control, info, attempt):
    handle = control.locator(".noUi-handle").first.bounding_box()
    track = control.locator(".noUi-target").first.bounding_box()
    x, y = handle["x"] + handle["width"] / 2, handle["y"] + handle["height"] / 2
    room_right = track["x"] + track["width"] - x
    distance = (0.3 + 0.3 * attempt) * track["width"]  # a longer drag the second time
    dx = min(distance, room_right) if room_right > track["width"] / 2 else -min(distance, x - track["x"])
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + dx, y, steps=8)
    page.mouse.up()
    return f"dragged {dx:+.0f} px from {info['value']}"
