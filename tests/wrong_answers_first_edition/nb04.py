NOTEBOOK = "04_backpropagation"

WRONG_ANSWERS = [
    dict(grade_id="04-derivative", mistake="3 x^2 instead of 9 x^2", caught="visible", source='''
def derivative(x):
    return 4 * x**3 - 3 * x**2
'''),
    dict(grade_id="04-derivative", mistake="the function instead of its derivative", caught="visible", source='''
def derivative(x):
    return x**4 - 3 * x**3 + 2
'''),
    dict(grade_id="04-derivative", mistake="the power rule only half applied", caught="visible", source='''
def derivative(x):
    return 4 * x**3 - 9 * x
'''),
    dict(grade_id="04-multiply", mistake="the gradients swapped", caught="visible", source='''
def multiply_backward(a, b, upstream):
    return upstream * a, upstream * b
'''),
    dict(grade_id="04-multiply", mistake="the upstream gradient ignored", caught="visible", source='''
def multiply_backward(a, b, upstream):
    return b, a
'''),
    dict(grade_id="04-multiply", mistake="upstream added instead of multiplied", caught="visible", source='''
def multiply_backward(a, b, upstream):
    return upstream + b, upstream + a
'''),
    dict(grade_id="04-deltas", mistake="the output delta's sign flipped", caught="visible", source='''
def output_delta(z, y):
    return (y - sigmoid(z)) * sigmoid_prime(z)


def hidden_delta(delta_next, W_next, z):
    return (W_next.T @ delta_next) * sigmoid_prime(z)
'''),
    dict(grade_id="04-deltas", mistake="W_next not transposed", caught="visible", source='''
def output_delta(z, y):
    return (sigmoid(z) - y) * sigmoid_prime(z)


def hidden_delta(delta_next, W_next, z):
    return (W_next @ delta_next) * sigmoid_prime(z)
'''),
    dict(grade_id="04-deltas", mistake="the output delta without f'(z)", caught="visible", source='''
def output_delta(z, y):
    return sigmoid(z) - y


def hidden_delta(delta_next, W_next, z):
    return (W_next.T @ delta_next) * sigmoid_prime(z)
'''),
    dict(grade_id="04-sgd-step", mistake="a step up the gradient", caught="visible", source='''
def sgd_step(W, b, x, y, lr):
    z = W @ x + b
    delta = (sigmoid(z) - y) * sigmoid_prime(z)
    return W + lr * np.outer(delta, x), b + lr * delta
'''),
    dict(grade_id="04-sgd-step", mistake="outer(x, delta): dJ/dW transposed", caught="visible", source='''
def sgd_step(W, b, x, y, lr):
    z = W @ x + b
    delta = (sigmoid(z) - y) * sigmoid_prime(z)
    return W - lr * np.outer(x, delta), b - lr * delta
'''),
    dict(grade_id="04-sgd-step", mistake="W and b updated in place", caught="visible", source='''
def sgd_step(W, b, x, y, lr):
    z = W @ x + b
    delta = (sigmoid(z) - y) * sigmoid_prime(z)
    W -= lr * np.outer(delta, x)
    b -= lr * delta
    return W, b
'''),
]
