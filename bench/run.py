"""The course's speed and accuracy benchmark: prints a table, then one JSON line.

Measured side by side in one run, medians of several repeats (run it with
nothing else on the machine; timings move a lot under load):

1. digits, the course's split (nnkit.data.digits, 60/40, seed 0): a from-scratch
   nnkit network (64 ReLU units, softmax + cross-entropy, mini-batches of 64,
   Adam with decoupled weight decay, 30 epochs) against scikit-learn's
   MLPClassifier((64,)), five seeds each: test accuracy mean and spread, training time;
2. the seed tutorial's per-sample Python loop (source 001: [64, 30, 10] sigmoid,
   squared error, one sample at a time) against the same maths vectorised in
   nnkit: seconds per full-batch iteration;
3. the 2-6-2-1 moons network (ReLU, sigmoid output, binary cross-entropy): time to
   reach a loss below 0.05;
4. ``import nnkit`` in a fresh interpreter;
5. the scalar autograd (bench/autograd_speed.py): textbook Value vs nnkit's.

Run:  make bench   (or python bench/run.py [--repeats 5])
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
import warnings
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

import nnkit
from nnkit.activations import sigmoid, sigmoid_prime
from nnkit.data import digits, moons

SEEDS = range(5)
DIGITS_CONFIG = dict(epochs=30, lr=0.005, batch_size=64, optimizer="adam", weight_decay=0.5)


def timed(fn):
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def bench_digits(split):
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier

    rows = {"nnkit": ([], []), "sklearn MLPClassifier": ([], [])}
    for seed in SEEDS:  # interleaved, so both see the same machine load
        net = nnkit.Network([64, 64, 10], activation="relu", loss="cross_entropy", seed=seed)
        t, _ = timed(lambda: net.fit(split.X_train, split.y_train, seed=seed, progress=False, **DIGITS_CONFIG))
        rows["nnkit"][0].append(net.score(split.X_test, split.y_test))
        rows["nnkit"][1].append(t)
        mlp = MLPClassifier((64,), random_state=seed, max_iter=200)
        # the same single BLAS thread nnkit's train() uses: two threads contend on 2 cores and slow sklearn down
        with warnings.catch_warnings(), threadpool_limits(limits=1, user_api="blas"):
            warnings.simplefilter("ignore", ConvergenceWarning)
            t, _ = timed(lambda: mlp.fit(split.X_train, split.y_train))
        rows["sklearn MLPClassifier"][0].append(mlp.score(split.X_test, split.y_test))
        rows["sklearn MLPClassifier"][1].append(t)
    return {name: {"accuracy_mean": float(np.mean(acc)), "accuracy_std": float(np.std(acc)),
                   "seconds_median": statistics.median(ts)} for name, (acc, ts) in rows.items()}


def per_sample_iteration(W, b, X, Y, alpha):
    """One full-batch iteration of the seed tutorial: a Python loop over samples.

    For each sample: forward h^(l) = f(W^(l) h^(l-1) + b^(l)), output delta
    -(y - h) f'(z), hidden deltas (W^T delta) f'(z), accumulate delta h^T;
    then W -= alpha * mean.  Squared error, sigmoid everywhere.
    """
    dW = [np.zeros_like(w) for w in W]
    db = [np.zeros_like(v) for v in b]
    for x, y in zip(X, Y):
        h, z = [x], []
        for w, v in zip(W, b):
            z.append(w @ h[-1] + v)
            h.append(sigmoid(z[-1]))
        delta = -(y - h[-1]) * sigmoid_prime(z[-1])
        for l in range(len(W) - 1, -1, -1):
            dW[l] += np.outer(delta, h[l])
            db[l] += delta
            if l > 0:
                delta = (W[l].T @ delta) * sigmoid_prime(z[l - 1])
    for l in range(len(W)):
        W[l] -= alpha * dW[l] / len(X)
        b[l] -= alpha * db[l] / len(X)


def bench_loop_vs_vectorised(split, repeats):
    Y = nnkit.one_hot(split.y_train, 10)
    net = nnkit.Network([64, 30, 10], activation="sigmoid", init="uniform", seed=0)
    W, b = [w.copy() for w in net.W], [v.copy() for v in net.b]
    loop = [timed(lambda: per_sample_iteration(W, b, split.X_train, Y, 0.25))[0] for _ in range(repeats)]
    # the vectorised network takes the same steps: after `repeats` iterations both hold the same weights
    vec = []
    for _ in range(repeats):
        vec.append(timed(lambda: net.fit(split.X_train, Y, epochs=1, lr=0.25, progress=False))[0])
    assert all(np.allclose(w1, w2) for w1, w2 in zip(W, net.W)), "loop and vectorised diverged"
    # per iteration from runs of 50, so the one-time set-up of a fit call is not counted as an iteration
    more = [timed(lambda: net.fit(split.X_train, Y, epochs=50, lr=0.25, progress=False))[0] / 50 for _ in range(repeats)]
    loop_s, vec_s = statistics.median(loop), statistics.median(more)
    return {"loop_seconds_per_iteration": loop_s, "vectorised_seconds_per_iteration": vec_s,
            "ratio": loop_s / vec_s, "seconds_for_3000_iterations_loop": 3000 * loop_s,
            "seconds_for_3000_iterations_vectorised": 3000 * vec_s}


def bench_moons(repeats):
    """Adam, 300 full-batch epochs, over ten init seeds: how many reach a loss below 0.05, and how fast."""
    X, y = moons()
    times, losses = [], []
    for seed in range(10):
        net = nnkit.Network([2, 6, 2, 1], activation="relu", output="sigmoid", loss="binary_cross_entropy", seed=seed)
        t = statistics.median(
            timed(lambda: net.copy().fit(X, y, epochs=300, lr=0.05, optimizer="adam", progress=False))[0]
            for _ in range(repeats))
        net.fit(X, y, epochs=300, lr=0.05, optimizer="adam", progress=False)
        times.append(t)
        losses.append(net.loss(X, y))
    return {"seconds_median": statistics.median(times), "losses": losses,
            "seeds_below_0.05": sum(loss < 0.05 for loss in losses), "seeds": 10}


def bench_import(repeats):
    code = "import time; t = time.perf_counter(); import {m}; print(time.perf_counter() - t)"
    out = {}
    for module in ("numpy", "nnkit"):
        runs = [float(subprocess.run([sys.executable, "-c", code.format(m=module)], capture_output=True,
                                     text=True, check=True).stdout) for _ in range(repeats)]
        out[module] = statistics.median(runs)
    return {"import_nnkit_seconds": out["nnkit"], "of_which_numpy_seconds": out["numpy"]}


def bench_autograd():
    script = Path(__file__).with_name("autograd_speed.py")
    lines = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, check=True).stdout
    return json.loads(lines.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description="nnkit speed and accuracy benchmark")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    split = digits()
    results = {
        "digits": bench_digits(split),
        "loop_vs_vectorised": bench_loop_vs_vectorised(split, args.repeats),
        "moons": bench_moons(args.repeats),
        "import": bench_import(args.repeats),
        "autograd": bench_autograd(),
    }
    d, lv, mo, im, ag = (results[k] for k in ("digits", "loop_vs_vectorised", "moons", "import", "autograd"))
    nn, sk = d["nnkit"], d["sklearn MLPClassifier"]
    print(f"| measurement (medians of {args.repeats}) | value |")
    print("|---|---|")
    print(f"| digits, nnkit 64 ReLU + Adam, test accuracy over 5 seeds | {nn['accuracy_mean']:.2%} ± {nn['accuracy_std']:.2%} |")
    print(f"| digits, sklearn MLPClassifier((64,)), test accuracy | {sk['accuracy_mean']:.2%} ± {sk['accuracy_std']:.2%} |")
    print(f"| digits, training time nnkit / sklearn | {nn['seconds_median']:.3f} s / {sk['seconds_median']:.3f} s "
          f"({sk['seconds_median'] / nn['seconds_median']:.1f}x faster) |")
    print(f"| [64, 30, 10] full-batch iteration, per-sample loop / vectorised | {lv['loop_seconds_per_iteration'] * 1e3:.1f} ms / "
          f"{lv['vectorised_seconds_per_iteration'] * 1e3:.2f} ms ({lv['ratio']:.0f}x) |")
    print(f"| 3000 tutorial iterations, loop / vectorised | {lv['seconds_for_3000_iterations_loop']:.0f} s / "
          f"{lv['seconds_for_3000_iterations_vectorised']:.1f} s |")
    best = sorted(mo["losses"])[len(mo["losses"]) // 2]
    print(f"| moons 2-6-2-1, Adam 300 full-batch epochs | {mo['seconds_median']:.3f} s; loss < 0.05 for "
          f"{mo['seeds_below_0.05']} of {mo['seeds']} init seeds (median loss {best:.4f}) |")
    print(f"| import nnkit (of which numpy) | {im['import_nnkit_seconds'] * 1e3:.0f} ms ({im['of_which_numpy_seconds'] * 1e3:.0f} ms) |")
    sps = ag["seconds_per_step"]
    print(f"| scalar autograd moons step, textbook / nnkit.MLP | {sps['textbook']:.3f} s / {sps['nnkit.MLP']:.4f} s ({ag['ratio']:.1f}x) |")
    print(json.dumps(results))


if __name__ == "__main__":
    main()
