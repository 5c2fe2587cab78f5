"""Wrong answers to notebook 01's exercises, each shown to lose points (format: README.md)."""

NOTEBOOK = "01_perceptron"

_TRAIN = '''
def train_perceptron(X, y, lr=1.0, max_epochs=100):
    n, d = X.shape
    w, b = {init}
    errors = []
    for epoch in range({epochs}):
        updates = 0
        for k in range(n):
            y_hat = 1 if X[k] @ w + b {compare} 0 else 0
            if y_hat != y[k]:
                w = w + {eta} * ({error}) * X[k]
                b = {bias_update}
                updates += 1
        {record}
    return w, b, errors
'''
_RIGHT = dict(init="np.zeros(d), 0.0", epochs="max_epochs", compare=">=", eta="lr", error="y[k] - y_hat",
              bias_update="b + lr * (y[k] - y_hat)",
              record="errors.append(updates)\n        if updates == 0:\n            break")


def _train(**changes):
    return _TRAIN.format(**{**_RIGHT, **changes})


WRONG_ANSWERS = [
    # ---------------------------------------------------------------- Exercise 1: count_misclassified
    dict(grade_id="01-count", mistake="strict > instead of >=", caught="visible", feedback="strict >",
         source='''
def count_misclassified(w, b, X, y):
    return int(np.sum((X @ w + b > 0).astype(int) != y))
'''),
    dict(grade_id="01-count", mistake="the bias is missing", caught="visible", feedback="bias",
         source='''
def count_misclassified(w, b, X, y):
    return int(np.sum((X @ w >= 0).astype(int) != y))
'''),
    dict(grade_id="01-count", mistake="the fraction of mistakes instead of their number", caught="visible",
         feedback="fraction",
         source='''
def count_misclassified(w, b, X, y):
    return np.mean((X @ w + b >= 0).astype(int) != y)
'''),
    dict(grade_id="01-count", mistake="counts the right answers", caught="visible", feedback="right answers",
         source='''
def count_misclassified(w, b, X, y):
    return int(np.sum((X @ w + b >= 0).astype(int) == y))
'''),
    dict(grade_id="01-count", mistake="only the missed positives are counted", caught="visible",
         source='''
def count_misclassified(w, b, X, y):
    return int(np.sum((X @ w + b < 0) & (y == 1)))
'''),
    dict(grade_id="01-count", mistake="np.sign as the step: answers -1, 0 and 1", caught="visible",
         feedback="np.sign",
         source='''
def count_misclassified(w, b, X, y):
    return int(np.sum(np.sign(X @ w + b) != y))
'''),
    # ---------------------------------------------------------------- Exercise 2: train_perceptron
    dict(grade_id="01-train", mistake="strict > instead of >=", caught="visible", feedback="strict >",
         source=_train(compare=">")),
    dict(grade_id="01-train", mistake="the bias is never updated", caught="visible", feedback="bias",
         source=_train(bias_update="b")),
    dict(grade_id="01-train", mistake="the correction has the wrong sign", caught="visible", feedback="wrong sign",
         source=_train(error="y_hat - y[k]", bias_update="b + lr * (y_hat - y[k])")),
    dict(grade_id="01-train", mistake="the wrong sign in the update of w only", caught="visible",
         feedback="sign is flipped", source=_train(error="y_hat - y[k]")),
    dict(grade_id="01-train", mistake="the learning rate is not used", caught="visible", feedback="learning rate",
         source=_train(eta="1.0", bias_update="b + (y[k] - y_hat)")),
    dict(grade_id="01-train", mistake="never stops early: always runs max_epochs", caught="visible",
         source=_train(record="errors.append(updates)")),
    dict(grade_id="01-train", mistake="stops before recording the clean epoch", caught="visible",
         source=_train(record="if updates == 0:\n            break\n        errors.append(updates)")),
    dict(grade_id="01-train", mistake="one epoch too few (range(max_epochs - 1))", caught="visible",
         source=_train(epochs="max_epochs - 1")),
    dict(grade_id="01-train", mistake="weights for two inputs only", caught="hidden",
         source=_train(init="np.zeros(2), 0.0")),
    dict(grade_id="01-train", mistake="the answers computed once per epoch, before its updates", caught="visible",
         feedback="before the epoch",
         source='''
def train_perceptron(X, y, lr=1.0, max_epochs=100):
    n, d = X.shape
    w, b = np.zeros(d), 0.0
    errors = []
    for epoch in range(max_epochs):
        y_hat = (X @ w + b >= 0).astype(int)
        updates = 0
        for k in range(n):
            if y_hat[k] != y[k]:
                w = w + lr * (y[k] - y_hat[k]) * X[k]
                b = b + lr * (y[k] - y_hat[k])
                updates += 1
        errors.append(updates)
        if updates == 0:
            break
    return w, b, errors
'''),
    dict(grade_id="01-train", mistake="the count of updates is not reset in each epoch", caught="visible",
         source='''
def train_perceptron(X, y, lr=1.0, max_epochs=100):
    n, d = X.shape
    w, b = np.zeros(d), 0.0
    errors = []
    updates = 0
    for epoch in range(max_epochs):
        for k in range(n):
            y_hat = 1 if X[k] @ w + b >= 0 else 0
            if y_hat != y[k]:
                w = w + lr * (y[k] - y_hat) * X[k]
                b = b + lr * (y[k] - y_hat)
                updates += 1
        errors.append(updates)
        if updates == 0:
            break
    return w, b, errors
'''),
    dict(grade_id="01-train", mistake="the sample is scaled in place, changing X", caught="visible", feedback="in place",
         source='''
def train_perceptron(X, y, lr=1.0, max_epochs=100):
    n, d = X.shape
    w, b = np.zeros(d), 0.0
    errors = []
    for epoch in range(max_epochs):
        updates = 0
        for k in range(n):
            x = X[k]
            y_hat = 1 if x @ w + b >= 0 else 0
            if y_hat != y[k]:
                x *= lr * (y[k] - y_hat)
                w = w + x
                b = b + lr * (y[k] - y_hat)
                updates += 1
        errors.append(updates)
        if updates == 0:
            break
    return w, b, errors
'''),
]
