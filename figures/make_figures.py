"""Draw the course's static figures into figures/ (run by `make figures`).

- neuron.png: one neuron, h = f(w1 x1 + w2 x2 + b), with the weighted sum and the
  activation as separate stages (notebooks 01-03);
- network_notation.png: a 3-3-1 network labelled in the course notation,
  W^(l) (n_out, n_in), b^(l), z^(l), h^(l) (notebook 03);
- backprop_flow.png: the forward pass left to right and the error signals delta
  flowing back right to left (notebook 04).

The figures are deterministic, small (about 100 dpi) and drawn with matplotlib
only.  Screenshots of the notebooks (screenshot_*.png) come from
`make screenshots` instead.
"""
from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.patches import Circle, FancyArrowPatch  # noqa: E402

HERE = Path(__file__).resolve().parent
BLUE, ORANGE, GREY, RED = "#3b6ea8", "#e08a2c", "#555555", "#c0392b"


def node(ax, xy, text, color=BLUE, r=0.32, fontsize=13):
    ax.add_patch(Circle(xy, r, facecolor="white", edgecolor=color, lw=2, zorder=3))
    ax.text(*xy, text, ha="center", va="center", fontsize=fontsize, zorder=4)


def arrow(ax, a, b, color=GREY, text=None, shrink=24, lw=1.4, offset=(0.0, 0.12), style="-|>"):
    ax.add_patch(FancyArrowPatch(a, b, arrowstyle=style, mutation_scale=12, color=color, lw=lw,
                                 shrinkA=shrink, shrinkB=shrink, zorder=2))
    if text:
        mx, my = (a[0] + b[0]) / 2 + offset[0], (a[1] + b[1]) / 2 + offset[1]
        ax.text(mx, my, text, ha="center", va="bottom", fontsize=11, color=color)


def blank(width, height):
    fig, ax = plt.subplots(figsize=(width, height))
    ax.set_aspect("equal")
    ax.axis("off")
    return fig, ax


def save(fig, name):
    fig.savefig(HERE / name, dpi=100, bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)


def neuron():
    fig, ax = blank(7.5, 3.2)
    inputs = {"$x_1$": (0, 2), "$x_2$": (0, 0.6), "$1$": (0, -0.6)}
    weights = {"$x_1$": "$w_1$", "$x_2$": "$w_2$", "$1$": "$b$"}
    s, f, out = (3, 0.7), (5, 0.7), (7, 0.7)
    for label, xy in inputs.items():
        node(ax, xy, label, color=GREY if label == "$1$" else BLUE)
        arrow(ax, xy, s, text=weights[label], color=ORANGE if label == "$1$" else GREY)
    node(ax, s, r"$\Sigma$", color=ORANGE, r=0.42, fontsize=16)
    ax.text(s[0], s[1] - 0.75, r"$z = w_1 x_1 + w_2 x_2 + b$", ha="center", fontsize=11)
    node(ax, f, "$f$", color=ORANGE, r=0.42, fontsize=16)
    ax.text(f[0], f[1] + 0.65, "activation", ha="center", fontsize=10, color=GREY)
    arrow(ax, s, f, text="$z$", shrink=30)
    arrow(ax, f, out, text="$h = f(z)$", shrink=30)
    ax.set_xlim(-0.6, 7.8)
    ax.set_ylim(-1.4, 2.6)
    save(fig, "neuron.png")


def network_notation():
    fig, ax = blank(8, 4.6)
    layers = [[(0, 2.4), (0, 1.2), (0, 0)], [(3, 2.4), (3, 1.2), (3, 0)], [(6, 1.2)]]
    names = [["$x_1$", "$x_2$", "$x_3$"], ["$h^{(1)}_1$", "$h^{(1)}_2$", "$h^{(1)}_3$"], ["$h^{(2)}_1$"]]
    for l in range(2):
        for j, a in enumerate(layers[l]):
            for i, b in enumerate(layers[l + 1]):
                highlight = l == 0 and i == 0 and j == 1
                arrow(ax, a, b, color=RED if highlight else "#9aa5b1", lw=2.2 if highlight else 1.0,
                      shrink=20)
    for layer, labels in zip(layers, names):
        for xy, text in zip(layer, labels):
            node(ax, xy, text, r=0.42, fontsize=12)
    ax.text(1.0, 1.86, r"$w^{(1)}_{12}$", color=RED, fontsize=13, ha="center", rotation=22)
    ax.text(0, -1.0, "layer 0 (input)\n$h^{(0)} = x$", ha="center", fontsize=10)
    ax.text(3, -1.0, "layer 1 (hidden)\n$h^{(1)} = f(W^{(1)} h^{(0)} + b^{(1)})$", ha="center", fontsize=10)
    ax.text(6, -1.0, "layer 2 (output)\n$h^{(2)} = f(W^{(2)} h^{(1)} + b^{(2)})$", ha="center", fontsize=10)
    ax.text(1.5, 3.35, "$W^{(1)}$: shape (3, 3), row $i$ = weights into unit $i$", ha="center", fontsize=10)
    ax.text(4.8, 2.55, "$W^{(2)}$: shape (1, 3)", ha="center", fontsize=10)
    ax.set_xlim(-1.3, 7.6)
    ax.set_ylim(-1.7, 3.7)
    save(fig, "network_notation.png")


def backprop_flow():
    fig, ax = blank(9, 3.2)
    xs = [0, 2.6, 5.2, 7.8]
    labels = ["$x = h^{(0)}$", "$h^{(1)}$", "$h^{(2)}$", "$J$"]
    for x, text in zip(xs, labels):
        node(ax, (x, 1), text, r=0.5, fontsize=12, color=RED if text == "$J$" else BLUE)
    for l, (a, b) in enumerate(zip(xs[:-1], xs[1:]), start=1):
        fwd = f"$W^{{({l})}}, b^{{({l})}}$" if l < 3 else "loss"
        arrow(ax, (a, 1.25), (b, 1.25), text=fwd, shrink=34)
    for l, (a, b) in enumerate(zip(xs[1:], xs[2:]), start=1):
        arrow(ax, (b, 0.72), (a, 0.72), color=RED, shrink=34, text=None)
        ax.text((a + b) / 2, 0.2, rf"$\delta^{{({l})}} = (W^{{({l + 1})T}} \delta^{{({l + 1})}}) \odot f'(z^{{({l})}})$"
                if l == 1 else r"$\delta^{(2)} = \partial J/\partial h^{(2)} \odot f'(z^{(2)})$",
                ha="center", fontsize=10, color=RED)
    ax.text(3.9, 2.15, "forward: $z^{(l)} = W^{(l)} h^{(l-1)} + b^{(l)}$,  $h^{(l)} = f(z^{(l)})$",
            ha="center", fontsize=11)
    ax.text(3.9, -0.45, r"gradients: $\partial J/\partial W^{(l)} = \delta^{(l)} h^{(l-1)T}$,  "
            r"$\partial J/\partial b^{(l)} = \delta^{(l)}$", ha="center", fontsize=11, color=RED)
    ax.set_xlim(-0.8, 8.6)
    ax.set_ylim(-0.8, 2.5)
    save(fig, "backprop_flow.png")


if __name__ == "__main__":
    neuron()
    network_notation()
    backprop_flow()
    print("wrote", ", ".join(sorted(p.name for p in HERE.glob("*.png") if not p.name.startswith("screenshot"))))
