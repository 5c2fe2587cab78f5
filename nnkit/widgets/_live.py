"""The shared wiring of every widget: a figure redrawn in an Output, inside a panel."""
from __future__ import annotations

import io
import threading

import ipywidgets as widgets
import matplotlib.pyplot as plt
from IPython.display import Image, display
from matplotlib.backends.backend_agg import FigureCanvasAgg


class LivePlot:
    """A matplotlib figure shown in an ``ipywidgets.Output`` and redrawn on demand.

    Create the figure and its artists once, update the artists' data in a
    callback, then call :meth:`show`: only the PNG is re-rendered, the figure
    is not rebuilt.  The figure is closed to pyplot so the inline backend does
    not show it a second time at the end of the cell.

    The PNG is rendered here in one pass, by an Agg canvas the figure keeps.
    Displaying the figure itself would go through the inline backend's
    ``bbox_inches="tight"``, which draws the figure twice (measured: 326 ms
    against 156 ms for the notebook 03 playground on a busy machine); the
    layout is tightened once, here, instead.  And ``savefig`` on a figure
    closed to pyplot builds a new canvas and renderer for every frame: printing
    through the kept canvas halves the time again (activation lab, idle
    machine: 69 ms against 158 ms).

    JupyterLab 4.4 and later deliver widget messages on kernel subshell
    threads, so a button that moves sliders can make two callbacks render the
    same figure at once; matplotlib then produces a blank image.  Rendering
    and displaying therefore happen under a lock, one frame at a time.
    """

    def __init__(self, fig):
        self.fig = fig
        if fig.get_layout_engine() is None:
            fig.tight_layout()
        plt.close(fig)
        FigureCanvasAgg(fig)  # becomes fig.canvas
        self.lock = threading.RLock()
        self.output = widgets.Output()
        self.output.add_class("nnkit-plot")

    def render(self) -> bytes:
        """The figure's current state as PNG bytes."""
        buffer = io.BytesIO()
        with self.lock:
            self.fig.canvas.print_png(buffer)
        return buffer.getvalue()

    def show(self) -> None:
        """Render the figure's current state into the output, replacing the previous image."""
        with self.lock:
            png = self.render()
            with self.output:
                self.output.clear_output(wait=True)
                display(Image(png))


def panel(*children, title: str | None = None) -> widgets.VBox:
    """A vertical box of controls and outputs, marked with the CSS class ``nnkit-widget``.

    The class lets the browser tests find each widget of a notebook.
    """
    items = ([widgets.HTML(f"<b>{title}</b>")] if title else []) + list(children)
    box = widgets.VBox(items)
    box.add_class("nnkit-widget")
    return box
