"""Widgets as still pictures: an executed notebook's saved widget state turned into plain HTML.

A reading edition has no kernel, so a slider cannot redraw anything.  Instead of
loading a widget manager (from a CDN by default), each widget view in the
notebook's outputs is replaced by a static copy of the panel in its starting
state: the controls drawn disabled at their initial values, the readouts, and
the plot that the widget's ``Output`` held when the cell had run (nbclient keeps
it in the saved state), with one line saying that the controls move in
JupyterLab.  No JavaScript: it prints to PDF and reads on a phone.

The saved state is the notebook metadata ``widgets`` ->
``application/vnd.jupyter.widget-state+json`` -> ``state``: one entry per model
id with ``model_name`` and ``state`` (children and layouts are referenced as
``"IPY_MODEL_<id>"``).
"""
from __future__ import annotations

import html
import math
import re

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
NOTE = ("This is the widget as it starts. In JupyterLab its controls move and the plot redraws: "
        "download the notebook and run it (<code>make lab</code>).")

_BOXES = {"VBoxModel": "vbox", "HBoxModel": "hbox", "BoxModel": "vbox", "GridBoxModel": "grid",
          "AccordionModel": "vbox", "TabModel": "vbox", "StackModel": "vbox"}
_SLIDERS = {"FloatSliderModel", "IntSliderModel", "FloatLogSliderModel", "SelectionSliderModel",
            "FloatRangeSliderModel", "IntRangeSliderModel"}
_CHOICES = {"DropdownModel", "SelectModel", "RadioButtonsModel", "ToggleButtonsModel", "SelectionRangeSliderModel"}
_TEXTS = {"TextModel", "TextareaModel", "IntTextModel", "FloatTextModel", "BoundedIntTextModel",
          "BoundedFloatTextModel", "ComboboxModel"}
# Layout traits copied into CSS (ipywidgets maps each `a_b` trait to the CSS property `a-b`).
_LAYOUT_CSS = ("width", "height", "min_width", "max_width", "min_height", "max_height", "margin", "padding",
               "border_top", "border_right", "border_bottom", "border_left", "grid_template_columns",
               "grid_template_rows", "grid_gap", "grid_area", "justify_content", "align_items", "flex")


class StaticWidgets:
    """Render the widget views of one notebook from its saved widget state.

    ``unknown`` collects the model names met but not drawn (a build reports them);
    ``images`` counts the plot images placed.
    """

    def __init__(self, state: dict):
        self.state = state
        self.unknown: set[str] = set()
        self.images = 0

    # -- public ---------------------------------------------------------------------------------
    def render_view(self, model_id: str) -> str:
        """The HTML of a widget view: the note, then the panel in its starting state."""
        body = self._render(model_id)
        return (f'<div class="nnkit-static-widget">'
                f'<p class="nnkit-static-note">{NOTE}</p>{body}</div>')

    # -- the tree -------------------------------------------------------------------------------
    def _model(self, ref: str | None) -> dict | None:
        if not ref:
            return None
        return self.state.get(ref.removeprefix("IPY_MODEL_"))

    def _style(self, model_state: dict, *, button: bool = False) -> str:
        css = []
        layout = (self._model(model_state.get("layout")) or {}).get("state", {})
        if layout.get("display") == "none" or layout.get("visibility") == "hidden":
            return "display:none"
        for trait in _LAYOUT_CSS:
            value = layout.get(trait)
            if value not in (None, ""):
                css.append(f"{trait.replace('_', '-')}:{value}")
        style = (self._model(model_state.get("style")) or {}).get("state", {})
        if button and style.get("button_color"):
            css.append(f"background-color:{style['button_color']}")
        return html.escape(";".join(css), quote=True)

    def _render(self, ref: str) -> str:
        model = self._model(ref) if ref.startswith("IPY_MODEL_") else self.state.get(ref)
        if model is None:
            return ""
        name, s = model["model_name"], model["state"]
        style = self._style(s, button=name in ("ButtonModel", "ToggleButtonModel"))
        attr = f' style="{style}"' if style else ""
        if style == "display:none":
            return ""
        if name in _BOXES:
            inner = "".join(self._render(child) for child in s.get("children", []))
            return f'<div class="nnkit-w-{_BOXES[name]}"{attr}>{inner}</div>'
        if name == "OutputModel":
            return f'<div class="nnkit-w-output"{attr}>{"".join(self._output(o) for o in s.get("outputs", []))}</div>'
        if name in ("HTMLModel", "HTMLMathModel"):
            return self._labelled(s, f'<div class="nnkit-w-html">{_math(s.get("value", ""))}</div>', attr)
        if name == "LabelModel":
            return self._labelled(s, f'<span class="nnkit-w-label">{_math(html.escape(s.get("value", "")))}</span>', attr)
        if name in _SLIDERS:
            return self._labelled(s, self._slider(name, s), attr)
        if name in _CHOICES:
            return self._labelled(s, self._choice(name, s), attr)
        if name in ("ButtonModel", "ToggleButtonModel"):
            pressed = ' aria-pressed="true"' if s.get("value") else ""
            return (f'<button class="nnkit-w-button" disabled{pressed}{attr}>'
                    f'{html.escape(s.get("description", ""))}</button>')
        if name == "CheckboxModel":
            checked = " checked" if s.get("value") else ""
            return (f'<label class="nnkit-w-row"{attr}><input type="checkbox" disabled{checked}> '
                    f'{_math(html.escape(s.get("description", "")))}</label>')
        if name in _TEXTS:
            return self._labelled(s, f'<input type="text" disabled value="{html.escape(str(s.get("value", "")))}">', attr)
        if name == "ImageModel":
            return f'<div class="nnkit-w-output"{attr}>{self._image_widget(model)}</div>'
        if name == "AnyModel" and "bitmap" in s:
            return f'<div class="nnkit-w-output"{attr}>{_bitmap_svg(s["bitmap"])}</div>'
        self.unknown.add(name)
        return ""

    def _labelled(self, s: dict, control: str, attr: str) -> str:
        label = s.get("description", "")
        label = label if s.get("description_allow_html") else html.escape(label)
        head = f'<span class="nnkit-w-description">{_math(label)}</span>' if label else ""
        return f'<div class="nnkit-w-row"{attr}>{head}{control}</div>'

    # -- controls -------------------------------------------------------------------------------
    def _slider(self, name: str, s: dict) -> str:
        if name == "SelectionSliderModel":
            labels = s.get("_options_labels", [])
            index = s.get("index", 0) or 0
            lo, hi, step, pos = 0, max(len(labels) - 1, 0), 1, index
            readout = labels[index] if labels else ""
        elif name.endswith("RangeSliderModel"):
            lo, hi, step = s.get("min", 0), s.get("max", 100), s.get("step", 1)
            low, high = s.get("value", [lo, hi])
            pos = low
            readout = f"{_fmt(low, s.get('readout_format', 'd'))} – {_fmt(high, s.get('readout_format', 'd'))}"
        elif name == "FloatLogSliderModel":
            base = s.get("base", 10.0)
            lo, hi, step = s.get("min", 0), s.get("max", 4), s.get("step", 0.1)
            value = s.get("value", 1.0)
            pos = math.log(value, base) if value > 0 else lo
            readout = _fmt(value, s.get("readout_format", ".3g"))
        else:
            lo, hi, step, value = s.get("min", 0), s.get("max", 100), s.get("step", 1), s.get("value", 0)
            pos = value
            readout = _fmt(value, s.get("readout_format", "d" if name.startswith("Int") else ".2f"))
        return (f'<input type="range" disabled min="{lo}" max="{hi}" step="{step or "any"}" value="{pos}">'
                f'<span class="nnkit-w-readout">{html.escape(str(readout))}</span>')

    def _choice(self, name: str, s: dict) -> str:
        labels = s.get("_options_labels", [])
        index = s.get("index")
        if name == "ToggleButtonsModel" or name == "RadioButtonsModel":
            pressed = ' aria-pressed="true"'
            items = "".join(f'<button class="nnkit-w-button" disabled{pressed if i == index else ""}>'
                            f'{html.escape(label)}</button>' for i, label in enumerate(labels))
            return f'<span class="nnkit-w-toggles">{items}</span>'
        options = "".join(f'<option{" selected" if i == index else ""}>{html.escape(label)}</option>'
                          for i, label in enumerate(labels))
        return f'<select disabled>{options}</select>'

    # -- outputs --------------------------------------------------------------------------------
    def _output(self, out: dict) -> str:
        kind = out.get("output_type")
        if kind == "stream":
            text = "".join(out.get("text", "")) if isinstance(out.get("text"), list) else out.get("text", "")
            return f'<pre class="nnkit-w-stream">{html.escape(text)}</pre>'
        if kind == "error":
            return f'<pre class="nnkit-w-stream">{html.escape(out.get("ename", ""))}: {html.escape(out.get("evalue", ""))}</pre>'
        data = out.get("data", {})
        for mime in ("image/png", "image/jpeg"):
            if mime in data:
                self.images += 1
                payload = "".join(data[mime]) if isinstance(data[mime], list) else data[mime]
                payload = payload.replace("\n", "")
                return (f'<img class="nnkit-w-plot" alt="the widget\'s plot at its starting values" '
                        f'src="data:{mime};base64,{payload}">')
        if "image/svg+xml" in data:
            self.images += 1
            svg = "".join(data["image/svg+xml"]) if isinstance(data["image/svg+xml"], list) else data["image/svg+xml"]
            return f'<div class="nnkit-w-plot">{svg}</div>'
        if "text/html" in data:
            return "".join(data["text/html"]) if isinstance(data["text/html"], list) else data["text/html"]
        if "text/plain" in data:
            text = "".join(data["text/plain"]) if isinstance(data["text/plain"], list) else data["text/plain"]
            return f'<pre class="nnkit-w-stream">{html.escape(text)}</pre>'
        return ""

    def _image_widget(self, model: dict) -> str:
        s = model["state"]
        for buffer in model.get("buffers", []):
            if buffer.get("path") == ["value"] and buffer.get("encoding") == "base64":
                self.images += 1
                fmt = s.get("format", "png")
                return (f'<img class="nnkit-w-plot" alt="the widget\'s image at its starting values" '
                        f'src="data:image/{fmt};base64,{buffer["data"]}">')
        value = s.get("value")
        if isinstance(value, str) and value:
            self.images += 1
            return f'<img class="nnkit-w-plot" alt="" src="data:image/{s.get("format", "png")};base64,{value}">'
        return ""


def _fmt(value, spec: str) -> str:
    try:
        return format(value, spec)
    except (TypeError, ValueError):
        return str(value)


_DOLLARS = re.compile(r"\$([^$]+)\$")


def _math(text: str) -> str:
    """``$...$`` in a widget label (ipywidgets typesets it in JupyterLab) as a math span for MathJax."""
    return _DOLLARS.sub(lambda m: f'<span class="math notranslate nohighlight">\\({m.group(1)}\\)</span>', text)


def freeze_widgets(nb) -> dict:
    """Replace every widget view output of notebook ``nb`` (nbformat) with its static HTML, in place.

    Returns a summary: ``{"widgets": views replaced, "images": plots placed,
    "missing": views whose model is not in the saved state, "unknown": model
    names not drawn}``.  The saved widget state is removed from the metadata
    afterwards (nothing on the page reads it).
    """
    from nbformat import from_dict

    state = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    render = StaticWidgets(state)
    views = missing = 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for i, out in enumerate(cell.get("outputs", [])):
            view = out.get("data", {}).get(WIDGET_VIEW)
            if view is None:
                continue
            views += 1
            model_id = view.get("model_id", "")
            if model_id not in state:
                missing += 1
                markup = f'<div class="nnkit-static-widget"><p class="nnkit-static-note">{NOTE}</p></div>'
            else:
                markup = render.render_view(model_id)
            cell.outputs[i] = from_dict({"output_type": "display_data", "metadata": {}, "data": {
                "text/html": markup, "text/plain": "(a widget: run the notebook to use it)"}})
    nb.metadata.pop("widgets", None)
    return {"widgets": views, "images": render.images, "missing": missing, "unknown": sorted(render.unknown)}


def _bitmap_svg(bitmap, size: int = 256) -> str:
    """A drawing pad's square bitmap (an anywidget's ``bitmap`` trait: 0 paper, > 0 ink) as an SVG."""
    n = int(round(len(bitmap) ** 0.5))
    if n * n != len(bitmap) or n == 0:
        return ""
    cell = size / n
    top = max(max(bitmap), 1)
    ink = "".join(f'<rect x="{(k % n) * cell:g}" y="{(k // n) * cell:g}" width="{cell:g}" height="{cell:g}" '
                  f'fill-opacity="{v / top:.3g}"/>' for k, v in enumerate(bitmap) if v)
    return (f'<svg class="nnkit-w-pad" role="img" aria-label="the drawing pad" width="{size}" height="{size}" '
            f'viewBox="0 0 {size} {size}"><rect width="{size}" height="{size}" fill="white" stroke="#888"/>'
            f'<g fill="black">{ink}</g></svg>')
