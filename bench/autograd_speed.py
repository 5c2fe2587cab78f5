"""Time one full-batch training step of the 2-6-2-1 moons network on scalar Values.

Compares, side by side in one run, a textbook micrograd-style ``Value`` (each
node keeps a ``_backward`` closure that refers back to the node, so every node
sits in a reference cycle) with ``nnkit.autograd.Value`` (local gradients stored
as numbers, no cycles, collector paused during backward).

One step = forward over all 300 samples of make_moons(noise=0.1), mean binary
cross-entropy, zero_grad, backward, gradient-descent update (learning rate 0.1).
Both networks start from the same weights, so their losses must agree.  Each
measurement starts from a collected heap, so that one variant's garbage is not
collected on the other's time.

Run:  python bench/autograd_speed.py [--steps 3] [--repeats 3]
Prints a table and a JSON line with the median seconds per step and the ratio.
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
    def __init__(self, w, activation):
        self.w = [TextbookValue(float(wi)) for wi in w]
        self.b = TextbookValue(0.0)
        self.activation = activation

    def __call__(self, x):
        act = sum((wi * xi for wi, xi in zip(self.w, x)), self.b)
        return act.sigmoid() if self.activation == "sigmoid" else act.relu()

    def parameters(self):
        return self.w + [self.b]


class TextbookMLP:
    """The textbook network, with the same weights as an nnkit MLP."""

    def __init__(self, twin: MLP):
        self.layers = [
            [TextbookNeuron([w.data for w in n.w], n.nonlin) for n in layer.neurons] for layer in twin.layers
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
    fast = MLP(2, [6, 2, 1], activation="relu", output="sigmoid", seed=0)
    slow = TextbookMLP(fast)
    # same weights, same data: the first losses must agree
    first_fast, first_slow = train_step(fast, X, y), train_step(slow, X, y)
    assert abs(first_fast - first_slow) < 1e-12, (first_fast, first_slow)

    times = {"textbook": [], "nnkit": []}
    for _ in range(args.repeats):  # interleaved, so both see the same machine load
        for name, model in (("textbook", slow), ("nnkit", fast)):
            seconds, loss = time_steps(model, X, y, args.steps)
            times[name].append(seconds)
    result = {name: statistics.median(t) for name, t in times.items()}
    result["ratio"] = result["textbook"] / result["nnkit"]
    # after the same number of steps the two networks must still agree
    result["loss_after"] = {"textbook": train_step(slow, X, y), "nnkit": train_step(fast, X, y)}
    result["gc_tracked_objects"] = len(gc.get_objects())

    print(f"2-6-2-1 network, make_moons n=300, one full-batch step; median of {args.repeats} x {args.steps} steps")
    print(f"{'variant':<10} {'s/step':>8}   all runs (s/step)")
    for name in ("textbook", "nnkit"):
        runs = ", ".join(f"{t:.3f}" for t in times[name])
        print(f"{name:<10} {result[name]:8.4f}   {runs}")
    print(f"ratio textbook/nnkit: {result['ratio']:.1f}x")
    print(json.dumps({k: (round(v, 5) if isinstance(v, float) else v) for k, v in result.items()}))
    np.testing.assert_allclose(result["loss_after"]["textbook"], result["loss_after"]["nnkit"], rtol=1e-9)


if __name__ == "__main__":
    main()
