"""Tests for nnkit.plotting.graph beyond nnkit's own Value (tests/test_autograd.py draws that one)."""
import matplotlib.pyplot as plt
import pytest

from nnkit.plotting.graph import draw_graph, graph_layout


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


# ------------------------------------------------------------------ the graph of any Value (notebook 04's too)
class PlainValue:
    """The fields of notebook 04's Value, written out: data, grad, inputs, local_grads, op, topological_order."""

    def __init__(self, data, inputs=(), local_grads=(), op=""):
        self.data, self.grad, self.inputs, self.local_grads, self.op = float(data), 0.0, tuple(inputs), \
            tuple(local_grads), op

    def topological_order(self):
        order, seen = [], set()

        def visit(node):
            if node not in seen:
                seen.add(node)
                for i in node.inputs:
                    visit(i)
                order.append(node)

        visit(self)
        return order


def test_draw_graph_draws_a_value_that_is_not_nnkits():
    x, y = PlainValue(3.0), PlainValue(-2.0)
    u = PlainValue(-6.0, (x, y), (-2.0, 3.0), "*")
    f = PlainValue(-3.0, (u, x), (1.0, 1.0), "+")
    x.grad, y.grad, u.grad, f.grad = -1.0, 3.0, 1.0, 1.0
    pos = graph_layout(f)
    assert pos[x][0] == pos[y][0] == 0.0 and pos[u][0] == 2.0 and pos[f][0] == 4.0
    ax = draw_graph(f)
    texts = [t.get_text() for t in ax.texts if t.get_text()]
    assert "data 3\ngrad -1" in texts and "data -3\ngrad 1" in texts  # no label: data and grad only
    ax.figure.canvas.draw()


def test_draw_graph_names_what_is_missing():
    class NoOrder:
        data, grad, inputs, op = 1.0, 0.0, (), ""

    with pytest.raises(TypeError, match="has no topological_order"):
        draw_graph(NoOrder())
