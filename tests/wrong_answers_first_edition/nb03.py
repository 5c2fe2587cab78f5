NOTEBOOK = "03_forward_pass"

WRONG_ANSWERS = [
    dict(grade_id="03-layer-loops", mistake="the bias is missing", caught="visible", source='''
def layer_forward_loops(W, b, h):
    n_out, n_in = W.shape
    z = np.zeros(n_out)
    for i in range(n_out):
        for j in range(n_in):
            z[i] += W[i, j] * h[j]
    return nnkit.sigmoid(z)
'''),
    dict(grade_id="03-layer-loops", mistake="W indexed [j, i]", caught="visible", source='''
def layer_forward_loops(W, b, h):
    n_out, n_in = W.shape
    z = np.zeros(n_out)
    for i in range(n_out):
        z[i] = b[i]
        for j in range(n_in):
            z[i] += W[j, i] * h[j]
    return nnkit.sigmoid(z)
'''),
    dict(grade_id="03-layer-loops", mistake="the bias added once per input", caught="visible", source='''
def layer_forward_loops(W, b, h):
    n_out, n_in = W.shape
    z = np.zeros(n_out)
    for i in range(n_out):
        for j in range(n_in):
            z[i] += W[i, j] * h[j] + b[i]
    return nnkit.sigmoid(z)
'''),
    dict(grade_id="03-layer-batch", mistake="H @ W instead of H @ W.T", caught="visible", source='''
def layer_forward_batch(W, b, H):
    return nnkit.sigmoid(H @ W + b)
'''),
    dict(grade_id="03-layer-batch", mistake="the bias is missing", caught="visible", source='''
def layer_forward_batch(W, b, H):
    return nnkit.sigmoid(H @ W.T)
'''),
    dict(grade_id="03-layer-batch", mistake="samples as columns", caught="visible", source='''
def layer_forward_batch(W, b, H):
    return nnkit.sigmoid(W @ H.T + b[:, None])
'''),
    dict(grade_id="03-network", mistake="only the first layer", caught="visible", source='''
def network_forward(W, b, X):
    return nnkit.sigmoid(X @ W[0].T + b[0])
'''),
    dict(grade_id="03-network", mistake="every layer fed X", caught="visible", source='''
def network_forward(W, b, X):
    H = X
    for W_l, b_l in zip(W, b):
        H = nnkit.sigmoid(X @ W_l.T + b_l)
    return H
'''),
    dict(grade_id="03-network", mistake="no sigmoid on the output layer", caught="visible", source='''
def network_forward(W, b, X):
    H = X
    for W_l, b_l in zip(W[:-1], b[:-1]):
        H = nnkit.sigmoid(H @ W_l.T + b_l)
    return H @ W[-1].T + b[-1]
'''),
]
