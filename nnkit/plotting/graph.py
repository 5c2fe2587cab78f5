"""Drawing a computational graph of Values with matplotlib alone.

Every Value is a box (its label, ``data`` and ``grad``); every operation is a
circle between its inputs and its result; arrows run from inputs to outputs,
left to right.  A node's column is its depth: the longest path from a leaf to it.

Any Value with the fields of :class:`nnkit.autograd.Value` can be drawn:
``data``, ``grad``, ``inputs``, ``op`` and a ``topological_order()`` method (a
``label`` is shown when there is one).  The ``Value`` a student writes in
notebook 04 has them, so ``draw_graph`` draws the student's own graphs too.
"""
from __future__ import annotations

import matplotlib.pyplot as plt

from .._validate import describe

__all__ = ["graph_layout", "draw_graph"]

_FIELDS = ("data", "grad", "inputs", "op", "topological_order")

# how the operations are written inside their circles
_OP_SYMBOLS = {"+": "+", "-": "\u2212", "*": "\u00d7", "/": "\u00f7", "neg": "\u2212x", "sigmoid": "\u03c3"}

_BOX = dict(boxstyle="round,pad=0.4", facecolor="#f4f7fb", edgecolor="#3b5b92", linewidth=1.2)
_LEAF_BOX = dict(_BOX, facecolor="#dce8f7")
_CIRCLE = dict(boxstyle="circle,pad=0.35", facecolor="#fff3d6", edgecolor="#b07800", linewidth=1.2)
_ARROW = dict(arrowstyle="-|>", color="#555555", linewidth=1.1, shrinkA=0, shrinkB=0, mutation_scale=12)


def _check_root(root) -> None:
    missing = [name for name in _FIELDS if not hasattr(root, name)]
    if missing:
        raise TypeError(f"root must be a Value, got {describe(root)}: a Value has data, grad, inputs, op "
                        f"and topological_order(), this has no {', '.join(missing)}")


def graph_layout(root) -> dict:
    """Positions ``{node: (column, row)}`` of every Value in the graph of ``root``.

    The column of a node is twice its depth (the longest path from a leaf); the
    circle of the operation that made it sits in the column before.  Leaves are
    stacked from the top in the order they are first used; every other node sits
    at the mean row of its inputs, then the nodes of a column are pushed apart so
    that they are at least one row from each other.
    """
    _check_root(root)
    order = root.topological_order()
    depth = {}
    for node in order:
        depth[node] = 1 + max(depth[c] for c in node.inputs) if node.inputs else 0
    row = {}
    leaves = [node for node in order if not node.inputs]
    for i, leaf in enumerate(leaves):
        row[leaf] = -float(i)
    for node in order:
        if node.inputs:
            inputs = set(node.inputs)
            row[node] = sum(row[c] for c in inputs) / len(inputs)
    # keep the nodes of one column at least one row apart, around their wanted rows
    columns = {}
    for node in order:
        columns.setdefault(depth[node], []).append(node)
    for nodes in columns.values():
        nodes.sort(key=lambda n: -row[n])
        wanted = [row[n] for n in nodes]
        placed = [wanted[0]]
        for w in wanted[1:]:
            placed.append(min(w, placed[-1] - 1.0))
        shift = (sum(wanted) - sum(placed)) / len(placed)
        for n, y in zip(nodes, placed):
            row[n] = y + shift
    return {node: (2.0 * depth[node], row[node]) for node in order}


def _box_text(node, show_grad: bool) -> str:
    label = getattr(node, "label", "")
    lines = [label] if label else []
    lines.append(f"data {node.data:.4g}")
    if show_grad:
        lines.append(f"grad {node.grad:.4g}")
    return "\n".join(lines)


def draw_graph(root, ax=None, show_grad: bool = True, max_nodes: int = 60):
    """Draw the computational graph that ends in ``root``; returns the Axes.

    Boxes hold each Value's label, data and (with ``show_grad``) grad, after
    ``root.backward()`` the derivatives d root / d node.  Circles hold the
    operations.  A graph of more than ``max_nodes`` Values is refused, since it
    could not be read.
    """
    positions = graph_layout(root)
    if len(positions) > max_nodes:
        raise ValueError(
            f"the graph has {len(positions)} Values, too many to draw legibly (max_nodes={max_nodes}); "
            "draw a smaller expression"
        )
    columns = max(x for x, _ in positions.values()) + 1
    rows = max(y for _, y in positions.values()) - min(y for _, y in positions.values()) + 1
    if ax is None:
        _, ax = plt.subplots(figsize=(1.0 + 1.15 * columns, 0.6 + 1.1 * rows))

    boxes = {}
    for node, (x, y) in positions.items():
        style = _LEAF_BOX if not node.inputs else _BOX
        boxes[node] = ax.text(x, y, _box_text(node, show_grad), ha="center", va="center", fontsize=9,
                              linespacing=1.3, bbox=style, zorder=2)
    arrows = []
    for node, (x, y) in positions.items():
        if not node.inputs:
            continue
        symbol = _OP_SYMBOLS.get(node.op, node.op)
        circle = ax.text(x - 1.0, y, symbol, ha="center", va="center", fontsize=11 if len(symbol) <= 2 else 8,
                         fontweight="bold", bbox=_CIRCLE, zorder=2)
        # drawn after the boxes (higher zorder): the boxes' outlines are known by then
        arrows.append((circle.get_bbox_patch(), boxes[node].get_bbox_patch()))
        for child in dict.fromkeys(node.inputs):  # once per distinct input, in order
            arrows.append((boxes[child].get_bbox_patch(), circle.get_bbox_patch()))
    for source, target in arrows:
        ax.annotate("", xy=(0.0, 0.5), xycoords=target, xytext=(1.0, 0.5), textcoords=source,
                    arrowprops=_ARROW, zorder=3)

    ys = [y for _, y in positions.values()]
    ax.set_xlim(-0.75, columns - 0.25)
    ax.set_ylim(min(ys) - 0.6, max(ys) + 0.6)
    ax.set_axis_off()
    return ax
