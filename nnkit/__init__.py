"""nnkit: the helper package of the course "Neural networks from scratch".

Each module holds one idea of the course and is short enough to read in one
sitting: ``activations``, ``losses``, ``output_layer``, ``initialization``,
``network``, ``optim``, ``gradcheck``, ``autograd`` (``engine`` and ``nn``),
``perceptron``, ``data``, ``dream`` and ``checks`` compute; ``plotting`` draws
and ``widgets`` wires sliders to plain functions.  Importing nnkit loads numpy
only: matplotlib and ipywidgets load with those two, and scikit-learn with the
data sets that need it.
"""
from .activations import get_activation, sigmoid, softmax
from .autograd import Value
from .data import one_hot
from .gradcheck import gradcheck, network_gradcheck, numerical_gradient
from .losses import get_loss, mse
from .network import Network
from .optim import History, gradient_descent, train
from .perceptron import Perceptron

__version__ = "0.1.0"

__all__ = [
    "Network", "History", "train", "gradient_descent", "Value", "Perceptron",
    "gradcheck", "network_gradcheck", "numerical_gradient",
    "get_activation", "get_loss", "sigmoid", "softmax", "mse", "one_hot",
]
