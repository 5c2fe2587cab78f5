"""How the browser tests operate each kind of control: a small registry.

An :class:`Interaction` says which elements of a widget are one control (a CSS
selector), how to give that control one input (a function), and how the
exerciser treats it.  ``standard.py`` registers the ipywidgets controls
(sliders, dropdowns, option groups, checkboxes, buttons).

Adding a widget-specific interaction (a drawing canvas that needs a mouse drag,
say): give the widget's element a CSS class in nnkit (``box.add_class(...)``, or
a class name in the widget's own JavaScript), then add a module to this folder;
every module here is loaded automatically.  ``drag_sliders.py`` is a worked
example that runs in the browser fixture.  A sketch::

    # tests/browser/interactions/drawpad.py
    from . import register

    @register("draw-pad", ".nnkit-pad-canvas", order=70, attempts=2)
    def drag_a_stroke(page, control, info, attempt):
        box = control.bounding_box()                 # control: a playwright Locator
        x, y = box["x"] + 0.3 * box["width"], box["y"] + 0.3 * box["height"]
        page.mouse.move(x, y)
        page.mouse.down()
        page.mouse.move(x + 0.4 * box["width"], y + (0.2 + 0.2 * attempt) * box["height"], steps=10)
        page.mouse.up()
        return "dragged a stroke"

The exerciser then finds every matching element in every widget, operates it
after the standard controls of its widget, and, as for a slider, waits until
the kernel has answered every widget message the input sent and the page has
drawn the answer, checks that something in the widget changed (a plot, a text;
the control itself only with ``counts_own_changes``), and times the redraw.
``operate`` returns when the input is complete (the mouse released): messages
the widget sends afterwards are awaited by the exerciser, not by ``operate``,
and it never sleeps.  A control matching several selectors takes the kind
registered last, so a module here can also take over elements a standard kind
would match (e.g. the cells of a pad built of buttons).
"""
from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from typing import Callable

__all__ = ["Interaction", "register", "registered", "by_kind"]


@dataclass(frozen=True)
class Interaction:
    """One kind of control and how to give it an input.

    kind:         the name used in reports ("slider", "draw-pad").
    selector:     CSS selector of the control's element inside a widget.
    operate:      ``operate(page, control, info, attempt) -> str`` performs one
                  input and says what it did.  ``control`` is the element's
                  playwright Locator, ``info`` the inventory's dict (label,
                  width, height; value/min/max for sliders), ``attempt`` counts
                  from 0.
    order:        controls of a widget are operated in increasing order.
    attempts:     inputs tried before "changed nothing" (a later attempt can
                  take a bigger step).
    sample_alike: many controls of this kind with one label (the cells of a
                  pad) are all checked for rendering but only a sample operated.
    counts_own_changes: a change of the control itself (its style, text, images)
                  counts as the widget's answer.  True only where the browser
                  does not change the control by itself on that input: a button
                  the kernel recolours has answered, a slider whose readout moved
                  has not (the browser moves it).
    """

    kind: str
    selector: str
    operate: Callable
    order: int = 70
    attempts: int = 1
    sample_alike: bool = False
    counts_own_changes: bool = False


_REGISTRY: dict[str, Interaction] = {}


def register(kind: str, selector: str, *, order: int = 70, attempts: int = 1,
             sample_alike: bool = False, counts_own_changes: bool = False) -> Callable:
    """Decorator: register ``operate`` as the way to give controls of ``kind`` an input."""
    def decorate(operate: Callable) -> Callable:
        _REGISTRY.pop(kind, None)  # re-registering moves the kind to the end (it wins)
        _REGISTRY[kind] = Interaction(kind, selector, operate, order, attempts, sample_alike, counts_own_changes)
        return operate
    return decorate


def registered() -> list[Interaction]:
    """Every interaction, the one registered last first (an element takes the first match)."""
    return list(reversed(_REGISTRY.values()))


def by_kind(kind: str) -> Interaction:
    return _REGISTRY[kind]


def _load_all() -> None:
    """Load standard.py first, then every other module of this folder in name order."""
    importlib.import_module(f"{__name__}.standard")
    for module in sorted(m.name for m in pkgutil.iter_modules(__path__)):
        if module != "standard":
            importlib.import_module(f"{__name__}.{module}")


_load_all()
