"""Time one full-batch training step of the 2-6-2-1 moons network on scalar Values.

Compares, side by side in one run, a textbook micrograd-style ``Value`` (each
node keeps a ``_backward`` closure that refers back to the node, so every node
sits in a reference cycle) with ``nnkit.autograd.Value`` (nnkit/autograd/engine.py: local gradients stored
as numbers, no cycles, collector paused during backward), first in the same
textbook neuron (2n '*' and '+' nodes), then in ``nnkit.autograd.MLP`` (one
'wx+b' node per neuron).

One step = forward over all 300 samples of make_moons(noise=0.1), mean binary
cross-entropy, zero_grad, backward, gradient-descent update (learning rate 0.1).
Both networks start from the same weights, so their losses must agree.  Each
measurement starts from a collected heap, so that one variant's garbage is not
collected on the other's time.

Run:  python bench/autograd_speed.py [--steps 3] [--repeats 3]
Prints a table and a JSON line with the median seconds per step and the ratio
textbook / nnkit.MLP.
"""
from __future__ import annotations

import argparse
import gc
import json
import math
import statistics
import time

import numpy as np
from sklearn.datasets import make_moons

from nnkit.autograd import MLP, Value


# ----- the baseline: a textbook scalar autograd with closures ---------------------------------
class TextbookValue:
    def __init__(self, data, _children=(), _op=""):
        self.data = data
        self.grad = 0
        self._backward = lambda: None
        self._prev = set(_children)
        self._op = _op

    def __add__(self, other):
        other = other if isinstance(other, TextbookValue) else TextbookValue(other)
        out = TextbookValue(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += out.grad
            other.grad += out.grad

        out._backward = _backward
        return out

    def __mul__(self, other):
        other = other if isinstance(other, TextbookValue) else TextbookValue(other)
        out = TextbookValue(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad

        out._backward = _backward
        return out

    def __neg__(self):
        return self * -1

    def __sub__(self, other):
        return self + (-other)

    def __radd__(self, other):
        return self + other

    def __rsub__(self, other):
        return other + (-self)

    def __rmul__(self, other):
        return self * other

    def log(self):
        out = TextbookValue(math.log(self.data), (self,), "log")

        def _backward():
            self.grad += (1 / self.data) * out.grad

        out._backward = _backward
        return out

    def relu(self):
        out = TextbookValue(0 if self.data < 0 else self.data, (self,), "ReLU")

        def _backward():
            self.grad += (out.data > 0) * out.grad

        out._backward = _backward
        return out

    def sigmoid(self):
        s = 1 / (1 + math.exp(-self.data))
        out = TextbookValue(s, (self,), "sigmoid")

        def _backward():
            self.grad += s * (1 - s) * out.grad

        out._backward = _backward
        return out

    def backward(self):
        topo, visited = [], set()

        def build_topo(v):
            if v not in visited:
                visited.add(v)
                for child in v._prev:
                    build_topo(child)
                topo.append(v)

        build_topo(self)
        self.grad = 1
        for v in reversed(topo):
            v._backward()


class TextbookNeuron:
    def __init__(self, w, activation, value_class):
        self.w = [value_class(float(wi)) for wi in w]
        self.b = value_class(0.0)
        self.activation = activation

    def __call__(self, x):
        act = sum((wi * xi for wi, xi in zip(self.w, x)), self.b)
        return act.sigmoid() if self.activation == "sigmoid" else act.relu()

    def parameters(self):
        return self.w + [self.b]


class TextbookMLP:
    """The textbook network (2n '*' and '+' nodes per neuron), with the same weights as an nnkit MLP."""

    def __init__(self, twin: MLP, value_class=TextbookValue):
        self.layers = [
            [TextbookNeuron([w.data for w in n.w], n.nonlin, value_class) for n in layer.neurons]
            for layer in twin.layers
        ]

    def __call__(self, x):
        for layer in self.layers:
            out = [n(x) for n in layer]
            x = out[0] if len(out) == 1 else out
        return x

    def parameters(self):
        return [p for layer in self.layers for n in layer for p in n.parameters()]

    def zero_grad(self):
        for p in self.parameters():
            p.grad = 0


# ----- one training step, the same code for both ---------------------------------------------
def train_step(model, X, y, lr=0.1) -> float:
    """Forward over every sample, mean binary cross-entropy, backward, update; returns the loss."""
    total = 0
    for xi, yi in zip(X, y):
        p = model(list(xi))
        total = total + (-(p.log()) if yi == 1 else -((1 - p).log()))
    loss = total * (1.0 / len(X))
    model.zero_grad()
    loss.backward()
    for p in model.parameters():
        p.data -= lr * p.grad
    return loss.data


def time_steps(model, X, y, steps: int) -> tuple[float, float]:
    """Mean seconds per step over ``steps`` consecutive steps, and the last loss.

    The heap is cleaned first (untimed), so that neither variant pays for the
    other's garbage; each still pays for its own over its consecutive steps.
    """
    gc.collect()
    start = time.perf_counter()
    for _ in range(steps):
        loss = train_step(model, X, y)
    return (time.perf_counter() - start) / steps, loss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=3, help="consecutive steps per measurement")
    parser.add_argument("--repeats", type=int, default=3, help="measurements per variant (median taken)")
    args = parser.parse_args()

    X, y = make_moons(n_samples=300, noise=0.1, random_state=0)
    X, y = X.tolist(), y.tolist()
    nnkit_mlp = MLP(2, [6, 2, 1], activation="relu", output="sigmoid", seed=0)
    models = {
        "textbook": TextbookMLP(nnkit_mlp),  # closures, 2n nodes per neuron
        "nnkit.Value, 2n nodes": TextbookMLP(nnkit_mlp, Value),  # nnkit's Value, textbook neuron
        "nnkit.MLP": nnkit_mlp,  # nnkit's Value and its one 'wx+b' node per neuron
    }
    # same weights, same data: the first losses must agree
    first = [train_step(model, X, y) for model in models.values()]
    np.testing.assert_allclose(first, first[0], rtol=1e-12)

    times = {name: [] for name in models}
    for _ in range(args.repeats):  # interleaved, so all see the same machine load
        for name, model in models.items():
            times[name].append(time_steps(model, X, y, args.steps)[0])
    median = {name: statistics.median(t) for name, t in times.items()}
    # after the same number of steps the networks must still agree
    after = [train_step(model, X, y) for model in models.values()]
    np.testing.assert_allclose(after, after[0], rtol=1e-9)

    print(f"2-6-2-1 network, make_moons n=300, one full-batch step; median of {args.repeats} x {args.steps} steps")
    print(f"{'variant':<24} {'s/step':>8} {'speed-up':>9}   all runs (s/step)")
    for name in models:
        runs = ", ".join(f"{t:.4f}" for t in times[name])
        print(f"{name:<24} {median[name]:8.4f} {median['textbook'] / median[name]:8.1f}x   {runs}")
    result = {
        "seconds_per_step": {name: round(t, 5) for name, t in median.items()},
        "ratio": round(median["textbook"] / median["nnkit.MLP"], 2),
        "loss_after": after[0],
        "gc_tracked_objects": len(gc.get_objects()),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
