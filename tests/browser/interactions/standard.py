"""The ipywidgets controls: how the browser tests give each one an input.

Sliders are stepped with the keyboard (the GUIDE's way: focus the handle, press
an arrow key; a second attempt takes a page-sized step), dropdowns and option
groups move to the next option, checkboxes and buttons are clicked.
"""
from __future__ import annotations

from . import register


@register("slider", ".widget-hslider, .widget-vslider", order=10, attempts=2)
def step_slider(page, control, info, attempt):
    handle = control.locator(".noUi-handle").first
    handle.focus()
    at_max = info["value"] is not None and float(info["value"]) >= float(info["max"])
    if attempt == 0:
        key = "ArrowLeft" if at_max else "ArrowRight"
    else:
        key = "PageDown" if at_max else "PageUp"
    handle.press(key)
    return f"{key} from {info['value']}"


@register("dropdown", ".widget-dropdown", order=20, attempts=2)
def next_option(page, control, info, attempt):
    select = control.locator("select")
    options = select.locator("option").all_text_contents()
    if len(options) < 2:
        return "single option, nothing to change"
    current = select.evaluate("s => s.selectedIndex")
    target = (current + 1 + attempt) % len(options)
    select.select_option(index=target)
    return f"{options[current] if current >= 0 else None!r} -> {options[target]!r}"


def _next_in_group(items, active: str, attempt: int) -> str:
    n = items.count()
    states = [items.nth(k).evaluate(active) for k in range(n)]
    current = states.index(True) if True in states else -1
    target = (current + 1 + attempt) % n
    items.nth(target).click()
    return f"option {current} -> {target}"


@register("toggle-buttons", ".widget-toggle-buttons", order=30, attempts=2)
def next_toggle(page, control, info, attempt):
    return _next_in_group(control.locator("button"), "e => e.classList.contains('mod-active')", attempt)


@register("radio", ".widget-radio", order=30, attempts=2)
def next_radio(page, control, info, attempt):
    return _next_in_group(control.locator("input"), "e => e.checked === true", attempt)


@register("checkbox", ".widget-checkbox", order=40, sample_alike=True)
def tick(page, control, info, attempt):
    control.locator("input").click()
    return "toggled"


@register("toggle-button", "button.widget-toggle-button", order=50, sample_alike=True)
def press_toggle(page, control, info, attempt):
    control.click()
    return "clicked"


# A button does not restyle itself when clicked: a change of its colour or text
# is the kernel's answer (a sketch pad's cell turning black).
@register("button", "button.widget-button", order=60, sample_alike=True, counts_own_changes=True)
def press(page, control, info, attempt):
    control.click()
    return "clicked"
