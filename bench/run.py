"""The course's speed and accuracy benchmark: prints a table, then one JSON line.

Measured side by side in one run, medians of several repeats (run it with
nothing else on the machine; timings move a lot under load):

1. digits, the course's split (nnkit.data.digits, 60/40, seed 0): a from-scratch
   nnkit network (64 ReLU units, softmax + cross-entropy, mini-batches of 64,
   Adam with decoupled weight decay, 30 epochs) against scikit-learn's
   MLPClassifier((64,)), five seeds each: test accuracy mean and spread, training time;
2. the seed tutorial's per-sample Python loop (source 001, its own code in
   bench/tutorial_loop.py: [64, 30, 10] sigmoid, squared error, one sample at a
   time) against the same maths vectorised in nnkit: seconds per full-batch
   iteration, and the floor under the vectorised step (its exponentials and
   matrix products alone);
3. the 2-6-2-1 moons network (ReLU or tanh hidden, sigmoid output, binary
   cross-entropy): time to reach a loss below 0.05, over ten init seeds;
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
import tutorial_loop
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


def bench_loop_vs_vectorised(split, repeats):
    """The tutorial's per-sample loop against nnkit's vectorised step, and the floor under the latter.

    Both start from the same weights and take the same full-batch steps (checked
    at the end).  The floor is the part of a vectorised step no code can skip,
    timed on its own: e^z for every hidden and output unit, and the five matrix
    products with n rows (two forward, dW^(2), delta^(1) and dW^(1)).
    """
    Y = nnkit.one_hot(split.y_train, 10)
    X = split.X_train
    net = nnkit.Network([64, 30, 10], activation="sigmoid", init="uniform", seed=0)
    W = {l + 1: w.copy() for l, w in enumerate(net.W)}
    b = {l + 1: v.copy() for l, v in enumerate(net.b)}
    loop = [timed(lambda: tutorial_loop.iteration([64, 30, 10], W, b, X, Y, 0.25))[0] for _ in range(repeats)]
    # the vectorised network takes the same steps: after `repeats` iterations both hold the same weights
    for _ in range(repeats):
        net.fit(X, Y, epochs=1, lr=0.25, progress=False)
    assert all(np.allclose(W[l + 1], net.W[l]) for l in range(2)), "loop and vectorised diverged"
    # per iteration from runs of 50, so the one-time set-up of a fit call is not counted as an iteration
    vec = [timed(lambda: net.fit(X, Y, epochs=50, lr=0.25, progress=False))[0] / 50 for _ in range(repeats)]
    Z1, Z2 = X @ net.W[0].T, np.ones((len(X), 10))
    D1, H1 = np.ones_like(Z1), np.ones_like(Z1)

    def floor_step():
        np.exp(Z1), np.exp(Z2)
        X @ net.W[0].T, H1 @ net.W[1].T, Z2.T @ H1, Z2 @ net.W[1], D1.T @ X

    with threadpool_limits(limits=1, user_api="blas"):  # as in train()
        floor = [timed(lambda: [floor_step() for _ in range(50)])[0] / 50 for _ in range(repeats)]
    loop_s, vec_s, floor_s = statistics.median(loop), statistics.median(vec), statistics.median(floor)
    return {"loop_seconds_per_iteration": loop_s, "vectorised_seconds_per_iteration": vec_s,
            "ratio": loop_s / vec_s, "floor_seconds_per_iteration": floor_s, "ratio_at_floor": loop_s / floor_s,
            "seconds_for_3000_iterations_loop": 3000 * loop_s,
            "seconds_for_3000_iterations_vectorised": 3000 * vec_s}


def bench_moons(repeats, activation):
    """Adam, 300 full-batch epochs, over ten init seeds: how many reach a loss below 0.05, and how fast."""
    X, y = moons()
    times, losses = [], []
    for seed in range(10):
        net = nnkit.Network([2, 6, 2, 1], activation=activation, output="sigmoid", loss="binary_cross_entropy",
                            seed=seed)
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
        "moons": bench_moons(args.repeats, "relu"),
        "moons_tanh": bench_moons(args.repeats, "tanh"),
        "import": bench_import(args.repeats),
        "autograd": bench_autograd(),
    }
    d, lv, im, ag = (results[k] for k in ("digits", "loop_vs_vectorised", "import", "autograd"))
    nn, sk = d["nnkit"], d["sklearn MLPClassifier"]
    print(f"| measurement (medians of {args.repeats}) | value |")
    print("|---|---|")
    print(f"| digits, nnkit 64 ReLU + Adam, test accuracy over 5 seeds | {nn['accuracy_mean']:.2%} ± {nn['accuracy_std']:.2%} |")
    print(f"| digits, sklearn MLPClassifier((64,)), test accuracy | {sk['accuracy_mean']:.2%} ± {sk['accuracy_std']:.2%} |")
    print(f"| digits, training time nnkit / sklearn | {nn['seconds_median']:.3f} s / {sk['seconds_median']:.3f} s "
          f"({sk['seconds_median'] / nn['seconds_median']:.1f}x faster) |")
    print(f"| [64, 30, 10] full-batch iteration, the tutorial's per-sample loop / vectorised | {lv['loop_seconds_per_iteration'] * 1e3:.1f} ms / "
          f"{lv['vectorised_seconds_per_iteration'] * 1e3:.2f} ms ({lv['ratio']:.0f}x) |")
    print(f"| the same, floor of the vectorised step (e^z and the matrix products alone) | "
          f"{lv['floor_seconds_per_iteration'] * 1e3:.2f} ms (so at most {lv['ratio_at_floor']:.0f}x) |")
    print(f"| 3000 tutorial iterations, loop / vectorised | {lv['seconds_for_3000_iterations_loop']:.0f} s / "
          f"{lv['seconds_for_3000_iterations_vectorised']:.1f} s |")
    for name, key in (("ReLU", "moons"), ("tanh", "moons_tanh")):
        mo = results[key]
        print(f"| moons 2-6-2-1 {name}, Adam 300 full-batch epochs | {mo['seconds_median']:.3f} s; loss < 0.05 for "
              f"{mo['seeds_below_0.05']} of {mo['seeds']} init seeds (median loss {statistics.median(mo['losses']):.4f}) |")
    print(f"| import nnkit (of which numpy) | {im['import_nnkit_seconds'] * 1e3:.0f} ms ({im['of_which_numpy_seconds'] * 1e3:.0f} ms) |")
    sps = ag["seconds_per_step"]
    print(f"| scalar autograd moons step, textbook / nnkit.MLP | {sps['textbook']:.3f} s / {sps['nnkit.MLP']:.4f} s ({ag['ratio']:.1f}x) |")
    print(json.dumps(results))


if __name__ == "__main__":
    main()
