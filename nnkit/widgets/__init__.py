"""Widgets: ipywidgets controls wired to the plain functions of nnkit.

Each lesson's widget lives in its own module here.  The logic (parameters in,
numbers or a drawing out) is a plain function that the tests call directly;
the widget only connects sliders, dropdowns and buttons to it.  Plots are
matplotlib figures shown as PNG images in an ``Output`` and redrawn in place
(the figure is kept and its artists updated, not rebuilt), see :class:`LivePlot`.
"""
from ._live import LivePlot, panel

__all__ = ["LivePlot", "panel"]
