"""Plausible wrong answers to the exercises of notebook 06, each shown to lose points (see README.md)."""

NOTEBOOK = "06_deep_dream"

_GRADIENT_HEAD = '''
def dream_gradient(W1, b1, W2, b2, x, t, l2=0.0, tv=0.0):
    x = np.asarray(x, dtype=float)
    z1 = W1 @ x + b1
    h1 = np.maximum(z1, 0.0)
    z2 = W2 @ h1 + b2
'''

_LOG_ODDS_DELTA = '''
    others = np.where(np.arange(z2.size) == t, -np.inf, z2)
    q = np.exp(others - others.max())
    q /= q.sum()
    delta2 = q.copy()
    delta2[t] -= 1.0
'''

_REGULARISERS = '''
    grad = grad + l2 * x
    grad = grad + tv * tv_and_grad(x.reshape(8, 8))[1].reshape(-1)
    return grad
'''


def _gradient(delta2=_LOG_ODDS_DELTA, back="    delta1 = (W2.T @ delta2) * (z1 > 0)\n    grad = W1.T @ delta1\n",
              regularisers=_REGULARISERS):
    return _GRADIENT_HEAD + delta2 + back + regularisers


_LOOP = '''
def dream_loop(grad_fn, x0, steps, lr):
{body}
'''

WRONG_ANSWERS = [
    # ------------------------------------------------------------ exercise 1: tv_and_grad
    dict(grade_id="06-tv", mistake="only the horizontal neighbours (the vertical differences are missing)",
         caught="visible", source='''
def tv_and_grad(img):
    img = np.asarray(img, dtype=float)
    dx = np.diff(img, axis=1)
    grad = np.zeros_like(img)
    grad[:, 1:] += 2 * dx
    grad[:, :-1] -= 2 * dx
    return float(np.sum(dx ** 2)), grad
'''),
    dict(grade_id="06-tv", mistake="the gradient misses one of the two pixels of each difference",
         caught="visible", source='''
def tv_and_grad(img):
    img = np.asarray(img, dtype=float)
    dx = np.diff(img, axis=1)
    dy = np.diff(img, axis=0)
    grad = np.zeros_like(img)
    grad[:, 1:] += 2 * dx
    grad[1:, :] += 2 * dy
    return float(np.sum(dx ** 2) + np.sum(dy ** 2)), grad
'''),
    dict(grade_id="06-tv", mistake="differences wrap around the edges (np.roll)", caught="visible", source='''
def tv_and_grad(img):
    img = np.asarray(img, dtype=float)
    dx = np.roll(img, -1, axis=1) - img
    dy = np.roll(img, -1, axis=0) - img
    grad = 2 * (np.roll(dx, 1, axis=1) - dx) + 2 * (np.roll(dy, 1, axis=0) - dy)
    return float(np.sum(dx ** 2) + np.sum(dy ** 2)), grad
'''),
    dict(grade_id="06-tv", mistake="absolute differences (the L1 total variation) instead of squared ones",
         caught="visible", source='''
def tv_and_grad(img):
    img = np.asarray(img, dtype=float)
    dx = np.diff(img, axis=1)
    dy = np.diff(img, axis=0)
    grad = np.zeros_like(img)
    grad[:, 1:] += np.sign(dx)
    grad[:, :-1] -= np.sign(dx)
    grad[1:, :] += np.sign(dy)
    grad[:-1, :] -= np.sign(dy)
    return float(np.sum(np.abs(dx)) + np.sum(np.abs(dy))), grad
'''),
    dict(grade_id="06-tv", mistake="the gradient's signs swapped (- on the later pixel, + on the earlier one)",
         caught="visible", feedback="sign is flipped", source='''
def tv_and_grad(img):
    img = np.asarray(img, dtype=float)
    dx = np.diff(img, axis=1)
    dy = np.diff(img, axis=0)
    grad = np.zeros_like(img)
    grad[:, 1:] -= 2 * dx
    grad[:, :-1] += 2 * dx
    grad[1:, :] -= 2 * dy
    grad[:-1, :] += 2 * dy
    return float(np.sum(dx ** 2) + np.sum(dy ** 2)), grad
'''),
    dict(grade_id="06-tv", mistake="the factor 2 of the derivative of d^2 is missing", caught="visible", source='''
def tv_and_grad(img):
    img = np.asarray(img, dtype=float)
    dx = np.diff(img, axis=1)
    dy = np.diff(img, axis=0)
    grad = np.zeros_like(img)
    grad[:, 1:] += dx
    grad[:, :-1] -= dx
    grad[1:, :] += dy
    grad[:-1, :] -= dy
    return float(np.sum(dx ** 2) + np.sum(dy ** 2)), grad
'''),
    # ------------------------------------------------------------ exercise 2: dream_gradient
    dict(grade_id="06-dream-grad", mistake="the output delta of the logit (-y): the other classes are not pushed down",
         caught="visible", source=_gradient(delta2="    delta2 = -np.eye(z2.size)[t]\n")),
    dict(grade_id="06-dream-grad", mistake="the output delta of -log p_t (softmax over all ten classes)",
         caught="visible", source=_gradient(delta2='''
    p = np.exp(z2 - z2.max())
    p /= p.sum()
    delta2 = p.copy()
    delta2[t] -= 1.0
''')),
    dict(grade_id="06-dream-grad", mistake="the softmax over the others without the -1 at t (z_t is not pushed up)",
         caught="visible", feedback="the push up on z_t is missing", source=_gradient(delta2='''
    others = np.where(np.arange(z2.size) == t, -np.inf, z2)
    q = np.exp(others - others.max())
    q /= q.sum()
    delta2 = q
''')),
    dict(grade_id="06-dream-grad", mistake="q as the softmax over all ten classes with its entry t set to 0",
         caught="visible", feedback="q is a softmax over the nine others only", source=_gradient(delta2='''
    p = np.exp(z2 - z2.max())
    p /= p.sum()
    delta2 = p.copy()
    delta2[t] = -1.0
''')),
    dict(grade_id="06-dream-grad", mistake="a missing transpose: W1 @ delta1", caught="visible",
         feedback="check which way round each matrix must be used",
         source=_gradient(back="    delta1 = (W2.T @ delta2) * (z1 > 0)\n    grad = W1 @ delta1\n")),
    dict(grade_id="06-dream-grad", mistake="the ReLU's derivative is missing from delta1", caught="visible",
         source=_gradient(back="    delta1 = W2.T @ delta2\n    grad = W1.T @ delta1\n")),
    dict(grade_id="06-dream-grad", mistake="stops at the hidden layer: returns delta1 (the wrong layer's weights)",
         caught="visible", source=_gradient(back="    grad = (W2.T @ delta2) * (z1 > 0)\n")),
    dict(grade_id="06-dream-grad", mistake="the gradient of the log-odds itself (ascent), not of E = minus it",
         caught="visible", source=_gradient(back="    delta1 = (W2.T @ delta2) * (z1 > 0)\n    grad = -(W1.T @ delta1)\n")),
    dict(grade_id="06-dream-grad", mistake="the L2 term is missing", caught="visible", source=_gradient(
        regularisers="    grad = grad + tv * tv_and_grad(x.reshape(8, 8))[1].reshape(-1)\n    return grad\n")),
    dict(grade_id="06-dream-grad", mistake="half the L2 term (l2/2 * x)", caught="visible", source=_gradient(
        regularisers='''
    grad = grad + l2 / 2 * x
    grad = grad + tv * tv_and_grad(x.reshape(8, 8))[1].reshape(-1)
    return grad
''')),
    dict(grade_id="06-dream-grad", mistake="the TV gradient left as an 8x8 image (broadcast against 64 values)",
         caught="visible", feedback="give the TV gradient back as 64 values", source=_gradient(regularisers='''
    grad = grad + l2 * x
    grad = grad + tv * tv_and_grad(x.reshape(8, 8))[1]
    return grad
''')),
    dict(grade_id="06-dream-grad", mistake="TV taken on the flat 64 values, not on the image as 8x8",
         caught="visible", feedback="TV needs the image as 8x8", source=_gradient(regularisers='''
    grad = grad + l2 * x
    grad = grad + tv * tv_and_grad(x)[1]
    return grad
''')),
    dict(grade_id="06-dream-grad", mistake="no overflow guard in the softmax over the others", caught="hidden",
         source=_gradient(delta2='''
    q = np.exp(z2)
    q[t] = 0.0
    q /= q.sum()
    delta2 = q.copy()
    delta2[t] -= 1.0
''')),
    # ------------------------------------------------------------ exercise 2: dream_loop
    dict(grade_id="06-dream-loop", mistake="steps uphill (x + lr * grad)", caught="visible", source=_LOOP.format(body='''
    x = np.array(x0, dtype=float)
    for _ in range(steps):
        x = np.clip(x + lr * grad_fn(x), 0.0, 1.0)
    return x''')),
    dict(grade_id="06-dream-loop", mistake="forgets the clipping", caught="visible", source=_LOOP.format(body='''
    x = np.array(x0, dtype=float)
    for _ in range(steps):
        x = x - lr * grad_fn(x)
    return x''')),
    dict(grade_id="06-dream-loop", mistake="an in-place update that changes x0", caught="visible",
         source=_LOOP.format(body='''
    x = x0
    for _ in range(steps):
        x -= lr * grad_fn(x)
        np.clip(x, 0.0, 1.0, out=x)
    return x''')),
    dict(grade_id="06-dream-loop", mistake="one step too many (range(steps + 1))", caught="visible",
         source=_LOOP.format(body='''
    x = np.array(x0, dtype=float)
    for _ in range(steps + 1):
        x = np.clip(x - lr * grad_fn(x), 0.0, 1.0)
    return x''')),
    dict(grade_id="06-dream-loop", mistake="clips only once, after the last step", caught="hidden",
         source=_LOOP.format(body='''
    x = np.array(x0, dtype=float)
    for _ in range(steps):
        x = x - lr * grad_fn(x)
    return np.clip(x, 0.0, 1.0)''')),
    dict(grade_id="06-dream-loop", mistake="clips before the step instead of after it", caught="hidden",
         source=_LOOP.format(body='''
    x = np.array(x0, dtype=float)
    for _ in range(steps):
        x = np.clip(x, 0.0, 1.0) - lr * grad_fn(x)
    return x''')),
    # ------------------------------------------------------------ exercise 3: fgsm_step
    dict(grade_id="06-fgsm", mistake="a step downhill (x - eps * sign(grad))", caught="visible", source='''
def fgsm_step(x, grad, eps):
    return np.clip(np.asarray(x, dtype=float) - eps * np.sign(grad), 0.0, 1.0)
'''),
    dict(grade_id="06-fgsm", mistake="the gradient instead of its sign", caught="visible", source='''
def fgsm_step(x, grad, eps):
    return np.clip(np.asarray(x, dtype=float) + eps * np.asarray(grad), 0.0, 1.0)
'''),
    dict(grade_id="06-fgsm", mistake="forgets the clipping", caught="visible", source='''
def fgsm_step(x, grad, eps):
    return np.asarray(x, dtype=float) + eps * np.sign(grad)
'''),
    dict(grade_id="06-fgsm", mistake="the sign as grad / |grad|, which is NaN where the gradient is 0",
         caught="visible", source='''
def fgsm_step(x, grad, eps):
    grad = np.asarray(grad, dtype=float)
    return np.clip(np.asarray(x, dtype=float) + eps * grad / np.abs(grad), 0.0, 1.0)
'''),
    dict(grade_id="06-fgsm", mistake="an in-place update that changes x", caught="visible", source='''
def fgsm_step(x, grad, eps):
    x += eps * np.sign(grad)
    np.clip(x, 0.0, 1.0, out=x)
    return x
'''),
]
