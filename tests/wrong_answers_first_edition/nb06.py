NOTEBOOK = "06_deep_dream"

WRONG_ANSWERS = [
    dict(grade_id="06-input-grad", mistake="the gradient's sign flipped", caught="visible", source='''
def input_grad(W1, b1, W2, b2, x, t):
    z1 = W1 @ x + b1
    h = np.maximum(z1, 0.0)
    z2 = W2 @ h + b2
    p = np.exp(z2 - z2.max())
    p /= p.sum()
    delta2 = p.copy()
    delta2[t] -= 1.0
    delta1 = (W2.T @ delta2) * (z1 > 0)
    return -(W1.T @ delta1)
'''),
    dict(grade_id="06-input-grad", mistake="the ReLU's mask is missing", caught="visible", source='''
def input_grad(W1, b1, W2, b2, x, t):
    z1 = W1 @ x + b1
    h = np.maximum(z1, 0.0)
    z2 = W2 @ h + b2
    p = np.exp(z2 - z2.max())
    p /= p.sum()
    delta2 = p.copy()
    delta2[t] -= 1.0
    delta1 = W2.T @ delta2
    return W1.T @ delta1
'''),
    dict(grade_id="06-input-grad", mistake="p instead of p - y", caught="visible", source='''
def input_grad(W1, b1, W2, b2, x, t):
    z1 = W1 @ x + b1
    h = np.maximum(z1, 0.0)
    z2 = W2 @ h + b2
    p = np.exp(z2 - z2.max())
    p /= p.sum()
    delta1 = (W2.T @ p) * (z1 > 0)
    return W1.T @ delta1
'''),
    dict(grade_id="06-dream-step", mistake="no clipping", caught="visible", source='''
def dream_step_clipped(x, grad, lr):
    return np.asarray(x, dtype=float) - lr * np.asarray(grad, dtype=float)
'''),
    dict(grade_id="06-dream-step", mistake="a step up the gradient", caught="visible", source='''
def dream_step_clipped(x, grad, lr):
    return np.clip(np.asarray(x, dtype=float) + lr * np.asarray(grad, dtype=float), 0.0, 1.0)
'''),
    dict(grade_id="06-dream-step", mistake="x changed in place", caught="hidden", source='''
def dream_step_clipped(x, grad, lr):
    x = np.asarray(x, dtype=float)
    x -= lr * np.asarray(grad, dtype=float)
    np.clip(x, 0.0, 1.0, out=x)
    return x
'''),
    dict(grade_id="06-tv", mistake="the gradient without its factor 2", caught="visible", source='''
def tv_and_grad(img):
    img = np.asarray(img, dtype=float)
    dx = np.diff(img, axis=1)
    dy = np.diff(img, axis=0)
    g = np.zeros_like(img)
    g[:, 1:] += dx
    g[:, :-1] -= dx
    g[1:, :] += dy
    g[:-1, :] -= dy
    return float(np.sum(dx ** 2) + np.sum(dy ** 2)), g
'''),
    dict(grade_id="06-tv", mistake="absolute differences (an L1 total variation)", caught="hidden", source='''
def tv_and_grad(img):
    img = np.asarray(img, dtype=float)
    dx = np.diff(img, axis=1)
    dy = np.diff(img, axis=0)
    g = np.zeros_like(img)
    g[:, 1:] += 2 * dx
    g[:, :-1] -= 2 * dx
    g[1:, :] += 2 * dy
    g[:-1, :] -= 2 * dy
    return float(np.sum(np.abs(dx)) + np.sum(np.abs(dy))), g
'''),
    dict(grade_id="06-tv", mistake="horizontal neighbours only", caught="visible", source='''
def tv_and_grad(img):
    img = np.asarray(img, dtype=float)
    dx = np.diff(img, axis=1)
    g = np.zeros_like(img)
    g[:, 1:] += 2 * dx
    g[:, :-1] -= 2 * dx
    return float(np.sum(dx ** 2)), g
'''),
]
