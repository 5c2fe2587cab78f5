NOTEBOOK = "01_perceptron"

WRONG_ANSWERS = [
    dict(grade_id="01-step", mistake="strict > instead of >=", caught="visible", source='''
def step(z):
    return np.where(np.asarray(z) > 0, 1.0, 0.0)
'''),
    dict(grade_id="01-step", mistake="works for one number only", caught="visible", source='''
def step(z):
    return 1.0 if z >= 0 else 0.0
'''),
    dict(grade_id="01-step", mistake="the classes swapped", caught="visible", source='''
def step(z):
    return np.where(np.asarray(z) >= 0, 0.0, 1.0)
'''),
    dict(grade_id="01-step", mistake="a loop that handles vectors only", caught="hidden", source='''
def step(z):
    return np.array([1.0 if v >= 0 else 0.0 for v in np.atleast_1d(z)]).reshape(np.shape(z))
'''),
    dict(grade_id="01-update", mistake="the update's sign flipped", caught="visible", source='''
def perceptron_update(w, b, x, y, lr=1.0):
    y_hat = 1.0 if np.dot(w, x) + b >= 0 else 0.0
    error = y - y_hat
    return w - lr * error * x, b - lr * error
'''),
    dict(grade_id="01-update", mistake="the bias is not updated", caught="visible", source='''
def perceptron_update(w, b, x, y, lr=1.0):
    y_hat = 1.0 if np.dot(w, x) + b >= 0 else 0.0
    error = y - y_hat
    return w + lr * error * x, b
'''),
    dict(grade_id="01-update", mistake="strict > in the prediction", caught="hidden", source='''
def perceptron_update(w, b, x, y, lr=1.0):
    y_hat = 1.0 if np.dot(w, x) + b > 0 else 0.0
    error = y - y_hat
    return w + lr * error * x, b + lr * error
'''),
    dict(grade_id="01-update", mistake="w updated in place", caught="hidden", source='''
def perceptron_update(w, b, x, y, lr=1.0):
    y_hat = 1.0 if np.dot(w, x) + b >= 0 else 0.0
    error = y - y_hat
    w += lr * error * x
    return w, b + lr * error
'''),
    dict(grade_id="01-count", mistake="counts the right ones", caught="visible", source='''
def count_misclassified(w, b, X, y):
    y_hat = (X @ w + b >= 0).astype(int)
    return int(np.sum(y_hat == y))
'''),
    dict(grade_id="01-count", mistake="strict > instead of >=", caught="hidden", source='''
def count_misclassified(w, b, X, y):
    y_hat = (X @ w + b > 0).astype(int)
    return int(np.sum(y_hat != y))
'''),
    dict(grade_id="01-count", mistake="returns a float", caught="hidden", source='''
def count_misclassified(w, b, X, y):
    y_hat = (X @ w + b >= 0).astype(int)
    return float(np.sum(y_hat != y))
'''),
]
