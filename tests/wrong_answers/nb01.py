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
    # ---------------------------------------------------------------- Exercise 2: train_perceptron
    dict(grade_id="01-train", mistake="strict > instead of >=", caught="visible", feedback="strict >",
         source=_train(compare=">")),
    dict(grade_id="01-train", mistake="the bias is never updated", caught="visible", feedback="bias",
         source=_train(bias_update="b")),
    dict(grade_id="01-train", mistake="the correction has the wrong sign", caught="visible", feedback="sign",
         source=_train(error="y_hat - y[k]")),
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
]
