"""Find every widget of a notebook page, give each control an input, see what changed.

:func:`inventory` lists the widget boxes (``.nnkit-widget`` panels, ``interact``
boxes, and bare controls in an output area) with their controls, the kinds of
control coming from the registry in ``interactions/``.  :func:`exercise_widgets`
operates every enabled control and reports, per input, whether it changed its
widget and how long the redraw took, measured inside the page with
``performance.now`` from the input event to the change.  Every wait is for a
cause (the kernel answered the input's messages, the page drew the answer),
so a slow machine makes the test slower, never wrong; ``timeout_s`` only bounds
a kernel that never answers.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from . import interactions
from ._js import js
from .notebook_run import wait_settled
from .server import PATIENCE_S

CONTAINER_SELECTOR = ".nnkit-widget, .widget-interact"
# Why an input changed nothing (ControlResult.note)
SENT_NOTHING = "it sent no message to the kernel"
ANSWERED_NO_CHANGE = "the kernel answered it, and nothing in the widget changed"


@dataclass
class ControlResult:
    """One control's input and what it did to its widget."""

    box: int
    kind: str
    label: str
    action: str
    changed: bool
    latency_ms: float | None
    what: str  # first change seen: "image", "text" (elsewhere in the widget), "control" (itself) or ""
    note: str = ""
    blank: list = field(default_factory=list)  # images left showing nothing after the input
    messages: int = 0  # widget messages the input sent to the kernel (all answered, unless the note says not)


def inventory(page) -> list[dict]:
    """Every widget box in the page with its controls (see js/inventory.js)."""
    kinds = [[i.kind, i.selector] for i in interactions.registered()]
    return page.evaluate(js("inventory"), {"containers": CONTAINER_SELECTOR, "kinds": kinds})


def blank_images(page, box_index: int) -> list[str]:
    """Images of a widget box that show nothing (a single flat colour)."""
    return page.evaluate(js("blank_images"), box_index)


def _sampled_out(box: dict, max_per_kind: int, results: list[ControlResult]) -> set[str]:
    """Ids of look-alike controls left out: of a group sharing kind and label (a pad's
    cells) larger than ``max_per_kind``, only that many, spread evenly, are operated."""
    groups: dict[tuple, list] = {}
    for control in box["controls"]:
        if interactions.by_kind(control["kind"]).sample_alike:
            groups.setdefault((control["kind"], control["label"]), []).append(control["id"])
    skipped = set()
    for (kind, label), ids in groups.items():
        if len(ids) > max_per_kind:
            keep = {ids[round(k * (len(ids) - 1) / (max_per_kind - 1))] for k in range(max_per_kind)}
            skipped |= set(ids) - keep
            results.append(ControlResult(box["index"], kind, label, "", True, None, "",
                                         note=f"{len(ids)} alike: all rendered, {len(keep)} operated"))
    return skipped


def _exercise(page, box: dict, control: dict, timeout_s: float) -> ControlResult:
    """Give one control its inputs (up to its interaction's attempts) until one changes its widget.

    After each input the wait is for its causes (js/probe_done.js): the kernel
    answered every widget message the input sent and the page drew the answer.
    Only then is the widget compared with how it was before the input.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    how = interactions.by_kind(control["kind"])
    locator = page.locator(f'[data-nnkit-control="{control["id"]}"]')
    locator.scroll_into_view_if_needed()
    if control["value"] is not None:  # a slider: an earlier control may have moved it
        control["value"] = locator.locator(".noUi-handle").first.get_attribute("aria-valuenow")
    actions, note = [], ""
    for attempt in range(how.attempts):
        page.evaluate(js("probe_arm"), [box["index"], control["id"], how.counts_own_changes])
        actions.append(how.operate(page, locator, control, attempt))
        page.evaluate("() => { window.__nnkitProbe.actionDone = performance.now(); }")
        try:
            page.wait_for_function(js("probe_done"), arg=[150, 1000], timeout=timeout_s * 1000, polling=20)
        except PlaywrightTimeout:  # the kernel never answered: the result says so
            pass
        probe = page.evaluate(js("probe_result"))
        wait_settled(page, quiet_ms=150, timeout_s=timeout_s)
        seen = {name: t for name, t in [("image", probe["tImage"]), ("text", probe["tAny"]),
                                        ("control", probe["tOwn"])] if t is not None}
        if seen:  # the redraw time is the image's; without one, the first change's
            what = "image" if "image" in seen else min(seen, key=seen.get)
            changed_at = seen[what]
            t0 = probe["t0"] if probe["t0"] is not None else changed_at
            return ControlResult(box["index"], control["kind"], control["label"], "; ".join(actions),
                                 True, changed_at - t0, what, blank=blank_images(page, box["index"]),
                                 messages=probe["sent"])
        if probe["sent"] == 0:
            note = SENT_NOTHING
        elif probe["handled"] < probe["sent"]:
            note = f"the kernel answered {probe['handled']} of its {probe['sent']} messages within {timeout_s:.0f} s"
        else:
            note = ANSWERED_NO_CHANGE
    return ControlResult(box["index"], control["kind"], control["label"], "; ".join(actions),
                         False, None, "", note=note, blank=blank_images(page, box["index"]),
                         messages=probe["sent"])


def exercise_widgets(page, max_per_kind: int = 12, timeout_s: float = PATIENCE_S) -> tuple[list[dict], list[ControlResult]]:
    """Operate every enabled control of every widget box; report what changed and how fast.

    Controls are operated in their interaction's order (sliders first, custom
    interactions last); of look-alike controls at most ``max_per_kind`` per group.
    """
    boxes = inventory(page)
    results: list[ControlResult] = []
    for box in boxes:
        skipped = _sampled_out(box, max_per_kind, results)
        for control in sorted(box["controls"], key=lambda c: interactions.by_kind(c["kind"]).order):
            if control["id"] in skipped:
                continue
            if control["disabled"]:
                results.append(ControlResult(box["index"], control["kind"], control["label"], "",
                                             True, None, "", note="disabled, not operated"))
                continue
            results.append(_exercise(page, box, control, timeout_s))
    return boxes, results
