"""The output layer: which activation goes with which loss, and what follows from the pair.

A network's last layer is two choices, its activation f and its loss J.  Four
things follow from the pair, and this module is the only place that knows them:

    the output        H = f(Z)          (softmax over a row, else element-wise)
    the loss          J(Y, H)           (from the logits Z where that is exact)
    the output delta  delta^(L) = dJ/dZ = dJ/dH * f'(Z)   (where backpropagation starts)
    the decision      class labels from H, so the accuracy

Two pairs are special.  For a sigmoid output with binary cross-entropy, and a
softmax output with cross-entropy, the activation's derivative cancels the
loss's denominator exactly and the delta is simply

    delta^(L) = (H - Y) / n,

which stays exact when the output saturates (where dJ/dH * f'(Z) would divide
0 by 0).  Their loss is computed from the logits Z with the log-sum-exp form,
which never takes log(0).  Every other pair uses the general product.

Targets of a one-unit output are the labels 0 and 1, for every activation, so
its decision threshold is 0.5, halfway between them: h >= 0.5 is class 1.  With
more units the predicted class is the largest output.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .activations import Activation, get_activation, softmax
from .losses import Loss, binary_cross_entropy_with_logits, get_loss, softmax_cross_entropy

__all__ = ["OutputLayer", "output_layer", "THRESHOLD"]

THRESHOLD = 0.5
"""A one-unit output answers class 1 when h >= THRESHOLD: halfway between the targets 0 and 1."""


PAIRS = {
    ("softmax", "cross_entropy"): softmax_cross_entropy.unchecked,
    ("sigmoid", "binary_cross_entropy"): binary_cross_entropy_with_logits.unchecked,
}
"""The pairs whose delta is (H - Y) / n, with their loss computed from the logits."""


@dataclass(frozen=True)
class OutputLayer:
    """The last layer of a network: its activation and its loss, and what follows from them.

    Build one with :func:`output_layer`, which fills in defaults and refuses
    pairs that do not go together.  ``activation`` is an element-wise
    :class:`~nnkit.activations.Activation`, or None for softmax; ``loss_fn`` is a
    :class:`~nnkit.losses.Loss`.  Every method takes checked float arrays of
    shape (n, n_L): targets ``Y``, logits ``Z`` = Z^(L) and outputs ``H`` = H^(L).
    """

    activation: Activation | None
    loss_fn: Loss

    @property
    def name(self) -> str:
        """The output activation's name: ``"softmax"``, ``"sigmoid"``, ..."""
        return "softmax" if self.activation is None else self.activation.name

    @property
    def paired(self) -> bool:
        """True for softmax + cross-entropy and sigmoid + binary cross-entropy (see the module text)."""
        return (self.name, self.loss_fn.name) in PAIRS

    def activate(self, Z):
        """H = f(Z): softmax over each row, or the activation element by element."""
        return softmax(Z) if self.activation is None else self.activation.f(Z)

    def loss(self, Y, Z, H) -> float:
        """J, averaged over the n samples; from the logits Z for the paired outputs."""
        if self.paired:
            return PAIRS[self.name, self.loss_fn.name](Y, Z)
        return self.loss_fn.value.unchecked(Y, H)

    def delta(self, Y, Z, H):
        """delta^(L) = dJ/dZ^(L) = dJ/dH * f'(Z), shape (n, n_L); (H - Y) / n for the paired outputs."""
        if self.paired:
            return (H - Y) / Y.shape[0]
        return self.loss_fn.grad.unchecked(Y, H) * self.activation.derivative(Z, H)

    def labels(self, H):
        """Class labels (n,) from outputs or targets (n, n_L): the largest unit, or h >= 0.5 for one unit."""
        if H.shape[1] == 1:
            return (H[:, 0] >= THRESHOLD).astype(np.int64)
        return np.argmax(H, axis=1)

    def accuracy(self, H, Y) -> float:
        """The fraction of samples whose label from the outputs H equals the label from the targets Y."""
        return float(np.mean(self.labels(H) == self.labels(Y)))

    def __repr__(self) -> str:
        return f"OutputLayer({self.name!r}, {self.loss_fn.name!r})"


def output_layer(output=None, loss=None, *, units=None) -> OutputLayer:
    """The output layer for an activation name (or ``"softmax"``) and a loss name; either may be None.

    Defaults: ``"softmax"`` with ``loss="cross_entropy"``, else ``"sigmoid"``;
    the loss defaults to cross-entropy for softmax, else to squared error.
    Softmax goes with cross-entropy only (and cross-entropy with softmax only),
    and binary cross-entropy needs a sigmoid output, whose h is a probability.
    ``units``, the number of output units when known, must be at least 2 for
    softmax.  An :class:`OutputLayer` passes through (checked against ``units``).
    """
    layer = output if isinstance(output, OutputLayer) else _from_names(output, loss)
    if layer.name == "softmax" and units is not None and units < 2:
        raise ValueError("a softmax output needs at least 2 units (it is always 1 for one unit); "
                         "for two classes use one sigmoid unit with loss='binary_cross_entropy'")
    return layer


def _from_names(output, loss) -> OutputLayer:
    """The OutputLayer for two names, with the defaults and the refusals of :func:`output_layer`."""
    loss_name = get_loss(loss).name if loss is not None else None
    if output is None:
        output = "softmax" if loss_name == "cross_entropy" else "sigmoid"
    is_softmax = isinstance(output, str) and output.lower() == "softmax"
    activation = None if is_softmax else get_activation(output)
    if loss_name is None:
        loss_name = "cross_entropy" if is_softmax else "squared_error"
    if is_softmax != (loss_name == "cross_entropy"):
        raise ValueError(
            "a softmax output goes with loss='cross_entropy' and cross-entropy with a softmax output; "
            f"got output={output!r} and loss={loss!r}: for other losses choose an element-wise output "
            "such as 'sigmoid'"
        )
    if loss_name == "binary_cross_entropy" and (is_softmax or activation.name != "sigmoid"):
        raise ValueError(f"loss='binary_cross_entropy' needs output='sigmoid', whose h is a probability; "
                         f"got output={output!r}")
    return OutputLayer(activation, get_loss(loss_name))
