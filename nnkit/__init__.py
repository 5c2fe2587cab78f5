"""nnkit: the helper package of the course "Neural networks from scratch".

Each module holds one idea of the course and is short enough to read in one
sitting.  In the order the notebooks meet them:

- ``perceptron``: Rosenblatt's rule (01);
- ``activations``: f(z) and f'(z) (02); ``losses``: J(Y, H) and dJ/dH;
- ``network``: the fully connected network, its forward pass (03) and its
  backward pass (04); ``output_layer``: which output goes with which loss, and
  the output delta and decision that follow; ``initialization``: how the
  weights start;
- ``gradcheck``: finite differences against any gradient; ``autograd``: a
  scalar ``Value`` (``engine``) and a small network built on it (``nn``);
  ``optim``: gradient descent, momentum, Adam and the training loop, with
  ``progress`` for its one-line progress display (04, 05);
- ``course``: your own library, the one import notebook 05 needs for it (05):
  ``your_library`` hands back your functions of notebooks 03-05, read from
  your saved notebooks by ``notebook_reader``, or nnkit's versions from
  ``references``; ``loop_checks`` grades your training loop, running it with
  the spies of ``loop_spies``; ``softmax_mistakes`` names the softmax
  gradient's common wrong answers;
- ``results``: the stored results (``nnkit/stored/``) of notebook 05's long
  experiments (05);
- ``dream_objective``: the class terms e_t and their gradient with respect to
  the input; ``dream``: the dreaming loop; ``images``: total variation, blur,
  shifts and start images; ``adversarial``: fooling the network (06);
- ``data``: the data sets (``toy``, ``digits``, ``mnist``), all made or read
  locally;
- ``checks``: exercise feedback in sentences, with ``mistakes`` naming the
  likely mistake behind a wrong result; ``_validate``: the checks every public
  function makes of its arguments;
- ``plotting`` draws (one module per kind of picture) and ``widgets`` wires
  sliders to plain functions (one module per lesson's widget).

Importing nnkit loads numpy only: matplotlib and ipywidgets load with
``plotting`` and ``widgets``, and scikit-learn with the data sets that need it.
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
