"""Wrong answers to the exercises of notebook 04, each shown to lose points (see README.md).

The graded solution cells of notebook 04 hold several parts (the Value class, the two deltas, the
batch backward pass), so most wrong answers below are the right cell with one plausible bug: the
solution's source with one line changed, made by :func:`_bug`.  A bug in one part loses that part's
points; where one line serves every layer (backward_batch's dW and db), its bug costs both parts.
"""

NOTEBOOK = "04_backpropagation"

VALUE = '''
class Value:
    def __init__(self, data, inputs=(), local_grads=(), op=""):
        self.data = float(data)
        self.grad = 0.0
        self.inputs = tuple(inputs)
        self.local_grads = tuple(local_grads)
        self.op = op

    def __repr__(self):
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g})"

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        return Value(self.data + other.data, (self, other), (1.0, 1.0), "+")

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        return Value(self.data * other.data, (self, other), (other.data, self.data), "*")

    def sigmoid(self):
        s = 1.0 / (1.0 + math.exp(-self.data))
        return Value(s, (self,), (s * (1.0 - s),), "sigmoid")

    def topological_order(self):
        order, visited = [], set()

        def visit(node):
            if node not in visited:
                visited.add(node)
                for inp in node.inputs:
                    visit(inp)
                order.append(node)

        visit(self)
        return order

    def backward(self):
        self.grad = 1.0
        for node in reversed(self.topological_order()):
            for inp, local in zip(node.inputs, node.local_grads):
                inp.grad += local * node.grad

    def __radd__(self, other):
        return self + other

    def __rmul__(self, other):
        return self * other

    def __neg__(self):
        return self * -1.0

    def __sub__(self, other):
        return self + (-other)

    def __rsub__(self, other):
        return (-self) + other
'''

DELTAS = '''
def output_delta(z, y):
    return (sigmoid(z) - y) * sigmoid_prime(z)


def hidden_delta(delta_next, W_next, z):
    return (W_next.T @ delta_next) * sigmoid_prime(z)
'''

BACKWARD = '''
import numpy as np


def backward_batch(W, H, Y):
    L, n = len(W), Y.shape[0]
    dW, db = [None] * L, [None] * L
    delta = (H[L] - Y) * H[L] * (1 - H[L]) / n
    for l in range(L - 1, -1, -1):
        dW[l] = delta.T @ H[l]
        db[l] = delta.sum(axis=0)
        if l > 0:
            delta = (delta @ W[l]) * H[l] * (1 - H[l])
    return dW, db
'''


def _bug(source: str, old: str, new: str) -> str:
    """``source`` with its one occurrence of ``old`` replaced by ``new``."""
    if source.count(old) != 1:
        raise ValueError(f"{old!r} occurs {source.count(old)} times in the solution, expected once")
    return source.replace(old, new)


WRONG_ANSWERS = [
    # ------------------------------------------------------------------ exercise 1: derivative of (x^2 - 1)^2
    dict(grade_id="04-derivative", mistake="the chain rule's inner derivative 2x missing", caught="visible",
         source="def derivative(x):\n    return 2 * (x**2 - 1)\n"),
    dict(grade_id="04-derivative", mistake="the outer factor 2 missing", caught="visible",
         source="def derivative(x):\n    return 2 * x * (x**2 - 1)\n"),
    dict(grade_id="04-derivative", mistake="sign flipped", caught="visible",
         source="def derivative(x):\n    return -4 * x * (x**2 - 1)\n"),
    dict(grade_id="04-derivative", mistake="-2x^2 differentiated as -2x after multiplying out", caught="visible",
         source="def derivative(x):\n    return 4 * x**3 - 2 * x\n"),
    dict(grade_id="04-derivative", mistake="math.pow: works on numbers, not on arrays", caught="visible",
         source="import math\n\n\ndef derivative(x):\n    return 4 * x * (math.pow(x, 2) - 1)\n"),

    # ------------------------------------------------------------------ exercise 2: Value
    dict(grade_id="04-value", mistake="part 1: the local gradients of * not swapped", caught="visible",
         source=_bug(VALUE, "(other.data, self.data), \"*\"", "(self.data, other.data), \"*\"")),
    dict(grade_id="04-value", mistake="part 1: sigmoid's local gradient is sigma(z), not sigma'(z)",
         caught="visible", source=_bug(VALUE, "(s * (1.0 - s),)", "(s,)")),
    dict(grade_id="04-value", mistake="part 1: sigma'(z) written as z (1 - z) with z the input",
         caught="visible", source=_bug(VALUE, "(s * (1.0 - s),)", "(self.data * (1.0 - self.data),)")),
    dict(grade_id="04-value", mistake="part 2: `=` instead of `+=` in backward", caught="visible",
         source=_bug(VALUE, "inp.grad += local * node.grad", "inp.grad = local * node.grad")),
    dict(grade_id="04-value", mistake="part 2: the upstream gradient missing (local gradient alone)",
         caught="visible", source=_bug(VALUE, "inp.grad += local * node.grad", "inp.grad += local")),
    dict(grade_id="04-value", mistake="part 2: backward does not start with grad = 1", caught="visible",
         source=_bug(VALUE, "        self.grad = 1.0\n        for node", "        for node")),
    dict(grade_id="04-value", mistake="part 2: the topological order walked forwards, not reversed", caught="visible",
         source=_bug(VALUE, "for node in reversed(self.topological_order()):",
                     "for node in self.topological_order():"),
         feedback="the order is not reversed"),
    dict(grade_id="04-value", mistake="part 2: no order at all, each node pushes its grad on at once, recursively "
                                      "(right on trees, wrong where a node is used twice)", caught="visible",
         source=_bug(VALUE, "        self.grad = 1.0\n        for node in reversed(self.topological_order()):\n"
                            "            for inp, local in zip(node.inputs, node.local_grads):\n"
                            "                inp.grad += local * node.grad",
                     "        self.grad = 1.0\n\n        def push(node):\n"
                     "            for inp, local in zip(node.inputs, node.local_grads):\n"
                     "                inp.grad += local * node.grad\n                push(inp)\n\n        push(self)"),
         feedback="before it was complete"),
    dict(grade_id="04-value", mistake="part 3: no visited set, a Value used twice is listed twice",
         caught="visible",
         source=_bug(VALUE, "            if node not in visited:\n                visited.add(node)\n"
                            "                for inp in node.inputs:\n                    visit(inp)\n"
                            "                order.append(node)",
                     "            for inp in node.inputs:\n                visit(inp)\n            order.append(node)")),
    dict(grade_id="04-value", mistake="part 3: breadth-first order reversed (a short path can put a Value "
                                      "before its inputs)", caught="visible",
         source=_bug(VALUE, "        order, visited = [], set()\n\n        def visit(node):\n"
                            "            if node not in visited:\n                visited.add(node)\n"
                            "                for inp in node.inputs:\n                    visit(inp)\n"
                            "                order.append(node)\n\n        visit(self)\n        return order",
                     "        order, queue = [], [self]\n        while queue:\n            node = queue.pop(0)\n"
                     "            if node not in order:\n                order.append(node)\n"
                     "                queue.extend(node.inputs)\n        return order[::-1]")),
    dict(grade_id="04-value", mistake="part 3: only the direct inputs, not the inputs' inputs", caught="visible",
         source=_bug(VALUE, "        order, visited = [], set()\n\n        def visit(node):\n"
                            "            if node not in visited:\n                visited.add(node)\n"
                            "                for inp in node.inputs:\n                    visit(inp)\n"
                            "                order.append(node)\n\n        visit(self)\n        return order",
                     "        return list(dict.fromkeys(self.inputs)) + [self]")),

    # ------------------------------------------------------------------ exercise 3: deltas
    dict(grade_id="04-deltas", mistake="output_delta: sign flipped (y - h)", caught="visible",
         source=_bug(DELTAS, "(sigmoid(z) - y)", "(y - sigmoid(z))")),
    dict(grade_id="04-deltas", mistake="output_delta: the factor f'(z) missing", caught="visible",
         source=_bug(DELTAS, "return (sigmoid(z) - y) * sigmoid_prime(z)", "return sigmoid(z) - y")),
    dict(grade_id="04-deltas", mistake="output_delta: f(z) instead of f'(z)", caught="visible",
         source=_bug(DELTAS, "(sigmoid(z) - y) * sigmoid_prime(z)", "(sigmoid(z) - y) * sigmoid(z)")),
    dict(grade_id="04-deltas", mistake="output_delta: z - y, the pre-activation instead of the output h = f(z)",
         caught="visible", source=_bug(DELTAS, "(sigmoid(z) - y)", "(z - y)"), feedback="z - y instead of h - y"),
    dict(grade_id="04-deltas", mistake="hidden_delta: W_next not transposed", caught="visible",
         source=_bug(DELTAS, "W_next.T @ delta_next", "W_next @ delta_next")),
    dict(grade_id="04-deltas", mistake="hidden_delta: the factor f'(z) missing", caught="visible",
         source=_bug(DELTAS, "return (W_next.T @ delta_next) * sigmoid_prime(z)", "return W_next.T @ delta_next")),
    dict(grade_id="04-deltas", mistake="hidden_delta: f(z) instead of f'(z)", caught="visible",
         source=_bug(DELTAS, "(W_next.T @ delta_next) * sigmoid_prime(z)", "(W_next.T @ delta_next) * sigmoid(z)")),

    # ------------------------------------------------------------------ exercise 4: backward_batch
    dict(grade_id="04-backward-batch", mistake="part A: the 1/n missing", caught="visible",
         source=_bug(BACKWARD, "* (1 - H[L]) / n", "* (1 - H[L])")),
    dict(grade_id="04-backward-batch", mistake="part A: the output's f' = H(1 - H) missing", caught="visible",
         source=_bug(BACKWARD, "(H[L] - Y) * H[L] * (1 - H[L]) / n", "(H[L] - Y) / n")),
    dict(grade_id="04-backward-batch", mistake="part A: sign flipped (Y - H)", caught="visible",
         source=_bug(BACKWARD, "(H[L] - Y) * H[L]", "(Y - H[L]) * H[L]")),
    dict(grade_id="04-backward-batch", mistake="parts A and B: dW transposed (H^T Delta)", caught="visible",
         source=_bug(BACKWARD, "dW[l] = delta.T @ H[l]", "dW[l] = H[l].T @ delta")),
    dict(grade_id="04-backward-batch", mistake="parts A and B (hidden): db as a mean over the samples",
         caught="visible", source=_bug(BACKWARD, "delta.sum(axis=0)", "delta.mean(axis=0)")),
    dict(grade_id="04-backward-batch", mistake="part B: W not transposed on the way back", caught="visible",
         source=_bug(BACKWARD, "(delta @ W[l])", "(delta @ W[l].T)")),
    dict(grade_id="04-backward-batch", mistake="part B: the hidden layers' f' missing", caught="visible",
         source=_bug(BACKWARD, "delta = (delta @ W[l]) * H[l] * (1 - H[l])", "delta = delta @ W[l]")),
    dict(grade_id="04-backward-batch", mistake="part B: f' of the layer above, H[l + 1], instead of H[l]",
         caught="visible", source=_bug(BACKWARD, "* H[l] * (1 - H[l])", "* H[l + 1] * (1 - H[l + 1])")),
    dict(grade_id="04-backward-batch", mistake="parts A and B: Y subtracted in place from H[L] (delta = H[L]; "
                                               "delta -= Y)", caught="visible",
         source=_bug(BACKWARD, "delta = (H[L] - Y) * H[L] * (1 - H[L]) / n",
                     "delta = H[L]\n    delta -= Y\n    delta = delta * H[L] * (1 - H[L]) / n"),
         feedback="in place"),
    dict(grade_id="04-backward-batch", mistake="parts A and B: the loop stops before the first layer, "
                                               "range(L - 1, 0, -1)", caught="visible",
         source=_bug(BACKWARD, "range(L - 1, -1, -1)", "range(L - 1, 0, -1)"), feedback="does your loop reach l = 0"),
    dict(grade_id="04-backward-batch", mistake="part B: the 1/n again in every hidden layer (invisible on one sample)",
         caught="hidden", source=_bug(BACKWARD, "delta = (delta @ W[l]) * H[l] * (1 - H[l])",
                                      "delta = (delta @ W[l]) * H[l] * (1 - H[l]) / n")),
    dict(grade_id="04-backward-batch", mistake="part B: the output layer's db summed, the hidden layers' "
                                               "averaged (invisible on one sample)", caught="hidden",
         source=_bug(BACKWARD, "db[l] = delta.sum(axis=0)",
                     "db[l] = delta.sum(axis=0) if l == L - 1 else delta.mean(axis=0)")),
]
