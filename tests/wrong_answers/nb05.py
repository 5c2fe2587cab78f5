"""Plausible wrong answers to notebook 05's exercises, each shown to lose points (see README.md)."""

NOTEBOOK = "05_digits_classifier"

WRONG_ANSWERS = [
    # ------------------------------------------------------------------ softmax_ce_grad
    dict(
        grade_id="05-softmax-ce-grad",
        mistake="the 1/n of the mean is missing",
        feedback="the 1/n is missing",
        caught="visible",
        source='''
def softmax_ce_grad(Z, Y):
    Z = np.asarray(Z, dtype=float)
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True) - Y
''',
    ),
    dict(
        grade_id="05-softmax-ce-grad",
        mistake="softmax normalised over the wrong axis (columns)",
        feedback="wrong axis",
        caught="visible",
        source='''
def softmax_ce_grad(Z, Y):
    Z = np.asarray(Z, dtype=float)
    E = np.exp(Z - Z.max(axis=0, keepdims=True))
    return (E / E.sum(axis=0, keepdims=True) - Y) / Z.shape[0]
''',
    ),
    dict(
        grade_id="05-softmax-ce-grad",
        mistake="the sign is flipped (Y - P)",
        feedback="sign is flipped",
        caught="visible",
        source='''
def softmax_ce_grad(Z, Y):
    Z = np.asarray(Z, dtype=float)
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    return (Y - E / E.sum(axis=1, keepdims=True)) / Z.shape[0]
''',
    ),
    dict(
        grade_id="05-softmax-ce-grad",
        mistake="no largest logit subtracted: exp(1000) overflows",
        feedback="looks like an overflow",
        caught="visible",
        source='''
def softmax_ce_grad(Z, Y):
    with np.errstate(over="ignore", invalid="ignore"):
        E = np.exp(np.asarray(Z, dtype=float))
        return (E / E.sum(axis=1, keepdims=True) - Y) / len(Y)
''',
    ),
    dict(
        grade_id="05-softmax-ce-grad",
        mistake="divided by every entry (n K) instead of n",
        feedback="every entry (n K)",
        caught="visible",
        source='''
def softmax_ce_grad(Z, Y):
    Z = np.asarray(Z, dtype=float)
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    return (E / E.sum(axis=1, keepdims=True) - Y) / Z.size
''',
    ),
    dict(
        grade_id="05-softmax-ce-grad",
        mistake="the row sums without keepdims=True: they divide the columns",
        feedback="without keepdims=True",
        caught="visible",
        source='''
def softmax_ce_grad(Z, Y):
    Z = np.asarray(Z, dtype=float)
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    return (E / E.sum(axis=1) - Y) / Z.shape[0]
''',
    ),
    dict(
        grade_id="05-softmax-ce-grad",
        mistake="the batch's single largest logit subtracted, not each row's",
        caught="hidden",
        source='''
def softmax_ce_grad(Z, Y):
    Z = np.asarray(Z, dtype=float)
    with np.errstate(invalid="ignore"):
        E = np.exp(Z - Z.max())
        return (E / E.sum(axis=1, keepdims=True) - Y) / Z.shape[0]
''',
    ),
    # ------------------------------------------------------------------ train_minibatch
    dict(
        grade_id="05-train-loop",
        mistake="no shuffling: the batches in the original order",
        feedback="looks like no shuffling",
        caught="visible",
        source='''
def train_minibatch(W, b, X, Y, forward, backward, lr, epochs, batch_size, seed):
    W = [w.copy() for w in W]
    b = [v.copy() for v in b]
    n, losses = X.shape[0], []
    for _ in range(epochs):
        epoch_losses = []
        for start in range(0, n, batch_size):
            Xb, Yb = X[start:start + batch_size], Y[start:start + batch_size]
            H = forward(W, b, Xb)
            epoch_losses.append(np.sum((Yb - H[-1]) ** 2) / (2 * len(Xb)))
            dW, db = backward(W, H, Yb)
            W = [w - lr * g for w, g in zip(W, dW)]
            b = [v - lr * g for v, g in zip(b, db)]
        losses.append(np.mean(epoch_losses))
    return W, b, losses
''',
    ),
    dict(
        grade_id="05-train-loop",
        mistake="the generator made anew every epoch: the same order each time",
        feedback="every epoch used the same order",
        caught="visible",
        source='''
def train_minibatch(W, b, X, Y, forward, backward, lr, epochs, batch_size, seed):
    W = [w.copy() for w in W]
    b = [v.copy() for v in b]
    n, losses = X.shape[0], []
    for _ in range(epochs):
        order = np.random.default_rng(seed).permutation(n)
        epoch_losses = []
        for start in range(0, n, batch_size):
            rows = order[start:start + batch_size]
            H = forward(W, b, X[rows])
            epoch_losses.append(np.sum((Y[rows] - H[-1]) ** 2) / (2 * len(rows)))
            dW, db = backward(W, H, Y[rows])
            W = [w - lr * g for w, g in zip(W, dW)]
            b = [v - lr * g for v, g in zip(b, db)]
        losses.append(np.mean(epoch_losses))
    return W, b, losses
''',
    ),
    dict(
        grade_id="05-train-loop",
        mistake="X and Y shuffled apart: the samples lose their targets",
        feedback="X and Y were shuffled apart",
        caught="visible",
        source='''
def train_minibatch(W, b, X, Y, forward, backward, lr, epochs, batch_size, seed):
    rng = np.random.default_rng(seed)
    W = [w.copy() for w in W]
    b = [v.copy() for v in b]
    X, Y = X.copy(), Y.copy()
    losses = []
    for _ in range(epochs):
        rng.shuffle(X)
        rng.shuffle(Y)
        epoch_losses = []
        for start in range(0, len(X), batch_size):
            Xb, Yb = X[start:start + batch_size], Y[start:start + batch_size]
            H = forward(W, b, Xb)
            epoch_losses.append(np.sum((Yb - H[-1]) ** 2) / (2 * len(Xb)))
            dW, db = backward(W, H, Yb)
            W = [w - lr * g for w, g in zip(W, dW)]
            b = [v - lr * g for v, g in zip(b, db)]
        losses.append(np.mean(epoch_losses))
    return W, b, losses
''',
    ),
    dict(
        grade_id="05-train-loop",
        mistake="every mini-batch computed from the starting weights: the updates do not add up",
        feedback="the updates do not add up",
        caught="visible",
        source='''
def train_minibatch(W, b, X, Y, forward, backward, lr, epochs, batch_size, seed):
    rng = np.random.default_rng(seed)
    n, losses = X.shape[0], []
    W_new, b_new = list(W), list(b)
    for _ in range(epochs):
        order = rng.permutation(n)
        epoch_losses = []
        for start in range(0, n, batch_size):
            rows = order[start:start + batch_size]
            H = forward(W, b, X[rows])
            epoch_losses.append(np.sum((Y[rows] - H[-1]) ** 2) / (2 * len(rows)))
            dW, db = backward(W, H, Y[rows])
            W_new = [w - lr * g for w, g in zip(W, dW)]
            b_new = [v - lr * g for v, g in zip(b, db)]
        losses.append(np.mean(epoch_losses))
    return W_new, b_new, losses
''',
    ),
    dict(
        grade_id="05-train-loop",
        mistake="in-place updates of the caller's arrays",
        feedback="in place",
        caught="visible",
        source='''
def train_minibatch(W, b, X, Y, forward, backward, lr, epochs, batch_size, seed):
    rng = np.random.default_rng(seed)
    n, losses = X.shape[0], []
    for _ in range(epochs):
        order = rng.permutation(n)
        epoch_losses = []
        for start in range(0, n, batch_size):
            rows = order[start:start + batch_size]
            H = forward(W, b, X[rows])
            epoch_losses.append(np.sum((Y[rows] - H[-1]) ** 2) / (2 * len(rows)))
            dW, db = backward(W, H, Y[rows])
            for l in range(len(W)):
                W[l] -= lr * dW[l]
                b[l] -= lr * db[l]
        losses.append(np.mean(epoch_losses))
    return W, b, losses
''',
    ),
    dict(
        grade_id="05-train-loop",
        mistake="the loss without its 1/n (sum of squares / 2)",
        feedback="the 1/n of the loss is missing",
        caught="visible",
        source='''
def train_minibatch(W, b, X, Y, forward, backward, lr, epochs, batch_size, seed):
    rng = np.random.default_rng(seed)
    W = [w.copy() for w in W]
    b = [v.copy() for v in b]
    n, losses = X.shape[0], []
    for _ in range(epochs):
        order = rng.permutation(n)
        epoch_losses = []
        for start in range(0, n, batch_size):
            rows = order[start:start + batch_size]
            H = forward(W, b, X[rows])
            epoch_losses.append(np.sum((Y[rows] - H[-1]) ** 2) / 2)
            dW, db = backward(W, H, Y[rows])
            W = [w - lr * g for w, g in zip(W, dW)]
            b = [v - lr * g for v, g in zip(b, db)]
        losses.append(np.mean(epoch_losses))
    return W, b, losses
''',
    ),
    dict(
        grade_id="05-train-loop",
        mistake="one mini-batch per epoch only",
        feedback="one mini-batch per epoch only",
        caught="visible",
        source='''
def train_minibatch(W, b, X, Y, forward, backward, lr, epochs, batch_size, seed):
    rng = np.random.default_rng(seed)
    W = [w.copy() for w in W]
    b = [v.copy() for v in b]
    n, losses = X.shape[0], []
    for _ in range(epochs):
        rows = rng.permutation(n)[:batch_size]
        H = forward(W, b, X[rows])
        losses.append(np.sum((Y[rows] - H[-1]) ** 2) / (2 * len(rows)))
        dW, db = backward(W, H, Y[rows])
        W = [w - lr * g for w, g in zip(W, dW)]
        b = [v - lr * g for v, g in zip(b, db)]
    return W, b, losses
''',
    ),
    dict(
        grade_id="05-train-loop",
        mistake="the last, smaller mini-batch dropped",
        feedback="smaller mini-batch is dropped",
        caught="visible",
        source='''
def train_minibatch(W, b, X, Y, forward, backward, lr, epochs, batch_size, seed):
    rng = np.random.default_rng(seed)
    W = [w.copy() for w in W]
    b = [v.copy() for v in b]
    n, losses = X.shape[0], []
    for _ in range(epochs):
        order = rng.permutation(n)
        epoch_losses = []
        for k in range(n // batch_size):
            rows = order[k * batch_size:(k + 1) * batch_size]
            H = forward(W, b, X[rows])
            epoch_losses.append(np.sum((Y[rows] - H[-1]) ** 2) / (2 * len(rows)))
            dW, db = backward(W, H, Y[rows])
            W = [w - lr * g for w, g in zip(W, dW)]
            b = [v - lr * g for v, g in zip(b, db)]
        losses.append(np.mean(epoch_losses))
    return W, b, losses
''',
    ),
    dict(
        grade_id="05-train-loop",
        mistake="the biases never updated",
        feedback="biases are not updated",
        caught="visible",
        source='''
def train_minibatch(W, b, X, Y, forward, backward, lr, epochs, batch_size, seed):
    rng = np.random.default_rng(seed)
    W = [w.copy() for w in W]
    b = [v.copy() for v in b]
    n, losses = X.shape[0], []
    for _ in range(epochs):
        order = rng.permutation(n)
        epoch_losses = []
        for start in range(0, n, batch_size):
            rows = order[start:start + batch_size]
            H = forward(W, b, X[rows])
            epoch_losses.append(np.sum((Y[rows] - H[-1]) ** 2) / (2 * len(rows)))
            dW, db = backward(W, H, Y[rows])
            W = [w - lr * g for w, g in zip(W, dW)]
        losses.append(np.mean(epoch_losses))
    return W, b, losses
''',
    ),
    dict(
        grade_id="05-train-loop",
        mistake="the epoch's mini-batch losses added up, not averaged",
        feedback="added up, not averaged",
        caught="visible",
        source='''
def train_minibatch(W, b, X, Y, forward, backward, lr, epochs, batch_size, seed):
    rng = np.random.default_rng(seed)
    W = [w.copy() for w in W]
    b = [v.copy() for v in b]
    n, losses = X.shape[0], []
    for _ in range(epochs):
        order = rng.permutation(n)
        total = 0.0
        for start in range(0, n, batch_size):
            rows = order[start:start + batch_size]
            H = forward(W, b, X[rows])
            total += np.sum((Y[rows] - H[-1]) ** 2) / (2 * len(rows))
            dW, db = backward(W, H, Y[rows])
            W = [w - lr * g for w, g in zip(W, dW)]
            b = [v - lr * g for v, g in zip(b, db)]
        losses.append(total)
    return W, b, losses
''',
    ),
    dict(
        grade_id="05-train-loop",
        mistake="a last batch of one sample skipped (range stops at n - 1)",
        feedback="smaller mini-batch is dropped",
        caught="hidden",
        source='''
def train_minibatch(W, b, X, Y, forward, backward, lr, epochs, batch_size, seed):
    rng = np.random.default_rng(seed)
    W = [w.copy() for w in W]
    b = [v.copy() for v in b]
    n, losses = X.shape[0], []
    for _ in range(epochs):
        order = rng.permutation(n)
        epoch_losses = []
        for start in range(0, n - 1, batch_size):
            rows = order[start:start + batch_size]
            H = forward(W, b, X[rows])
            epoch_losses.append(np.sum((Y[rows] - H[-1]) ** 2) / (2 * len(rows)))
            dW, db = backward(W, H, Y[rows])
            W = [w - lr * g for w, g in zip(W, dW)]
            b = [v - lr * g for v, g in zip(b, db)]
        losses.append(np.mean(epoch_losses))
    return W, b, losses
''',
    ),
    # ------------------------------------------------------------------ confusion
    dict(
        grade_id="05-confusion",
        mistake="fancy-index += counts a repeated pair once",
        feedback="counts a repeated (true, predicted) pair only once",
        caught="visible",
        source='''
def confusion(y_true, y_pred, n_classes):
    C = np.zeros((n_classes, n_classes), dtype=int)
    C[np.asarray(y_true), np.asarray(y_pred)] += 1
    return C
''',
    ),
    dict(
        grade_id="05-confusion",
        mistake="rows and columns swapped",
        feedback="rows and columns are swapped",
        caught="visible",
        source='''
def confusion(y_true, y_pred, n_classes):
    C = np.zeros((n_classes, n_classes), dtype=int)
    for t, p in zip(y_true, y_pred):
        C[p, t] += 1
    return C
''',
    ),
    dict(
        grade_id="05-confusion",
        mistake="the size taken from the labels, not n_classes",
        feedback="expected shape (6, 6)",
        caught="hidden",
        source='''
def confusion(y_true, y_pred, n_classes):
    k = max(max(y_true), max(y_pred)) + 1
    C = np.zeros((k, k), dtype=int)
    np.add.at(C, (np.asarray(y_true), np.asarray(y_pred)), 1)
    return C
''',
    ),
    dict(
        grade_id="05-confusion",
        mistake="float counts (a histogram) instead of integers",
        feedback="whole-number counts",
        caught="hidden",
        source='''
def confusion(y_true, y_pred, n_classes):
    C, _, _ = np.histogram2d(y_true, y_pred, bins=n_classes, range=[[0, n_classes], [0, n_classes]])
    return C
''',
    ),
]
