"""Wrong answers to notebook 03's exercises, each shown to lose points (format: README.md)."""

NOTEBOOK = "03_forward_pass"

_FORWARD = '''
import numpy as np
from nnkit.activations import sigmoid


def forward_batch(W, b, X):
{body}
'''


def _forward(body):
    return _FORWARD.format(body=body)


_XOR = '''
def xor_parameters():
    return [np.array({W1}), np.array({W2})], [np.array({b1}), np.array({b2})]
'''

WRONG_ANSWERS = [
    # ---------------------------------------------------------------- Exercise 1: count_parameters
    dict(grade_id="03-params", mistake="the biases are missing", caught="visible", feedback="biases are missing",
         source='''
def count_parameters(sizes):
    return sum(n_in * n_out for n_in, n_out in zip(sizes[:-1], sizes[1:]))
'''),
    dict(grade_id="03-params", mistake="a bias for the input layer too", caught="visible", feedback="input layer",
         source='''
def count_parameters(sizes):
    return sum(n_in * n_out for n_in, n_out in zip(sizes[:-1], sizes[1:])) + sum(sizes)
'''),
    dict(grade_id="03-params", mistake="only the first layer is counted", caught="visible",
         source='''
def count_parameters(sizes):
    return sizes[1] * (sizes[0] + 1)
'''),
    dict(grade_id="03-params", mistake="written for exactly two layers", caught="hidden",
         source='''
def count_parameters(sizes):
    return sizes[1] * (sizes[0] + 1) + sizes[2] * (sizes[1] + 1)
'''),
    # ---------------------------------------------------------------- Exercise 2: forward_batch
    dict(grade_id="03-forward-batch", mistake="returns the output only, not the list of every layer",
         caught="visible", feedback="list",
         source=_forward('''    H = X
    for W_l, b_l in zip(W, b):
        H = sigmoid(H @ W_l.T + b_l)
    return H''')),
    dict(grade_id="03-forward-batch", mistake="the list leaves out the input X", caught="visible",
         feedback="start with the input X",
         source=_forward('''    H, h = [], X
    for W_l, b_l in zip(W, b):
        h = sigmoid(h @ W_l.T + b_l)
        H.append(h)
    return H''')),
    dict(grade_id="03-forward-batch", mistake="W used without .T", caught="visible", feedback="without .T",
         source=_forward('''    H = [X]
    for W_l, b_l in zip(W, b):
        H.append(sigmoid(H[-1] @ W_l + b_l))
    return H''')),
    dict(grade_id="03-forward-batch", mistake="the bias is missing", caught="visible", feedback="bias b is missing",
         source=_forward('''    H = [X]
    for W_l in W:
        H.append(sigmoid(H[-1] @ W_l.T))
    return H''')),
    dict(grade_id="03-forward-batch", mistake="the bias added after the sigmoid", caught="visible",
         feedback="after the sigmoid",
         source=_forward('''    H = [X]
    for W_l, b_l in zip(W, b):
        H.append(sigmoid(H[-1] @ W_l.T) + b_l)
    return H''')),
    dict(grade_id="03-forward-batch", mistake="the sigmoid is missing", caught="visible", feedback="sigmoid is missing",
         source=_forward('''    H = [X]
    for W_l, b_l in zip(W, b):
        H.append(H[-1] @ W_l.T + b_l)
    return H''')),
    dict(grade_id="03-forward-batch", mistake="every layer fed X instead of the layer before", caught="visible",
         feedback="every layer is fed X",
         source=_forward('''    H = [X]
    for W_l, b_l in zip(W, b):
        H.append(sigmoid(X @ W_l.T + b_l))
    return H''')),
    dict(grade_id="03-forward-batch", mistake="written for exactly two layers", caught="visible",
         source=_forward('''    H1 = sigmoid(X @ W[0].T + b[0])
    H2 = sigmoid(H1 @ W[1].T + b[1])
    return [X, H1, H2]''')),
    # ---------------------------------------------------------------- Exercise 3: XOR by hand
    dict(grade_id="03-xor", mistake="the right lines with gentle ramps: outputs not within 0.1", caught="visible",
         source=_XOR.format(W1="[[5.0, 5.0], [-5.0, -5.0]]", W2="[[5.0, 5.0]]", b1="[-2.5, 7.5]", b2="[-7.5]")),
    dict(grade_id="03-xor", mistake="XNOR: the output unit's signs flipped", caught="visible",
         source=_XOR.format(W1="[[20.0, 20.0], [-20.0, -20.0]]", W2="[[-20.0, -20.0]]", b1="[-10.0, 30.0]",
                            b2="[30.0]")),
    dict(grade_id="03-xor", mistake="W2 as a column of shape (2, 1)", caught="visible",
         source=_XOR.format(W1="[[20.0, 20.0], [-20.0, -20.0]]", W2="[[20.0], [20.0]]", b1="[-10.0, 30.0]",
                            b2="[-30.0]")),
    dict(grade_id="03-xor", mistake="the four arrays W1, W2, b1, b2 instead of the pair (W, b)", caught="visible",
         feedback="a tuple of 4 items",
         source='''
def xor_parameters():
    return (np.array([[20.0, 20.0], [-20.0, -20.0]]), np.array([[20.0, 20.0]]), np.array([-10.0, 30.0]),
            np.array([-30.0]))
'''),
    dict(grade_id="03-xor", mistake="a line 0.05 from a point: no margin in the input plane", caught="hidden",
         source=_XOR.format(W1="[[40.0, 40.0], [-20.0, -20.0]]", W2="[[20.0, 20.0]]", b1="[-38.0, 30.0]",
                            b2="[-30.0]")),
]
