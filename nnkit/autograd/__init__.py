"""Automatic differentiation of scalar expressions, in two files to read one after the other.

- ``engine.py``: the :class:`Value` and its ``backward()`` (notebook 04 compares it with yours);
- ``nn.py``: :class:`Neuron`, :class:`Layer` and :class:`MLP` built out of Values.

``from nnkit.autograd import Value, MLP`` imports from both.
"""
from .engine import Value
from .nn import MLP, Layer, Module, Neuron

__all__ = ["Value", "Module", "Neuron", "Layer", "MLP"]
