"""Notebook 05's sketch pad: a mouse drag on its canvas draws a stroke, and the probabilities must follow.

The generic exerciser moves sliders and clicks buttons; a drawing needs a drag.  This
interaction picks the pen "ink", reads the ten probabilities the widget writes into its
answer line (``.nnkit-pad-answer [data-p]``), drags a stroke down the middle of the
canvas, and waits until the canvas shows ink and the probabilities have changed.
"""
from __future__ import annotations

from . import register

# The canvas's dark pixels (ink), and the probabilities shown beside the pad.
JS_INK = """(canvas) => {
  const d = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let dark = 0;
  for (let i = 0; i < d.length; i += 4) if (d[i] < 80 && d[i + 1] < 80 && d[i + 2] < 80) dark++;
  return dark;
}"""
JS_PROBABILITIES = """(box) => { const e = box.querySelector('.nnkit-pad-answer [data-p]');
                                   return e ? e.getAttribute('data-p') : null; }"""


@register("draw-pad", ".nnkit-drawpad canvas", order=90, attempts=1)
def drag_a_stroke(page, control, info, attempt):
    widget = control.locator("xpath=ancestor::*[contains(@class, 'nnkit-widget')][1]")
    ink = widget.locator(".widget-toggle-buttons button", has_text="ink")
    if ink.count() and "mod-active" not in (ink.first.get_attribute("class") or ""):
        ink.first.click()
    before = widget.evaluate(JS_PROBABILITIES)
    ink_before = control.evaluate(JS_INK)
    box = control.bounding_box()
    x = box["x"] + 0.5 * box["width"]
    page.mouse.move(x, box["y"] + 0.2 * box["height"])
    page.mouse.down()
    page.mouse.move(x + 0.05 * box["width"], box["y"] + 0.8 * box["height"], steps=12)
    page.mouse.up()
    page.wait_for_function(f"(canvas) => ({JS_INK})(canvas) > {ink_before}", arg=control.element_handle(),
                           timeout=10_000)
    page.wait_for_function(f"([box, old]) => ({JS_PROBABILITIES})(box) !== old",
                           arg=[widget.element_handle(), before], timeout=30_000)
    after = widget.evaluate(JS_PROBABILITIES)
    top = lambda text: max(range(10), key=lambda k: float(text.split(",")[k])) if text else None  # noqa: E731
    return f"dragged a stroke down the middle: answer {top(before)} -> {top(after)}"
