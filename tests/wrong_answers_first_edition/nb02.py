NOTEBOOK = "02_sigmoid_weights_bias"

WRONG_ANSWERS = [
    dict(grade_id="02-sigmoid", mistake="exp(z) instead of exp(-z)", caught="visible", source='''
def sigmoid(z):
    return 1.0 / (1.0 + np.exp(np.asarray(z, dtype=float)))
'''),
    dict(grade_id="02-sigmoid", mistake="tanh instead of the sigmoid", caught="visible", source='''
def sigmoid(z):
    return np.tanh(z)
'''),
    dict(grade_id="02-sigmoid", mistake="overflows for large -z", caught="hidden", source='''
def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=float)))
'''),
    dict(grade_id="02-sigmoid-prime", mistake="s (1 + s)", caught="visible", source='''
def sigmoid_prime(z):
    s = nnkit.sigmoid(z)
    return s * (1.0 + s)
'''),
    dict(grade_id="02-sigmoid-prime", mistake="the derivative of tanh", caught="visible", source='''
def sigmoid_prime(z):
    return 1.0 - np.tanh(z) ** 2
'''),
    dict(grade_id="02-sigmoid-prime", mistake="its own sigmoid, which overflows", caught="hidden", source='''
def sigmoid_prime(z):
    s = 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=float)))
    return s * (1.0 - s)
'''),
    dict(grade_id="02-neuron", mistake="the bias is missing", caught="visible", source='''
def neuron_output(w, b, x):
    return nnkit.sigmoid(np.dot(w, x))
'''),
    dict(grade_id="02-neuron", mistake="the bias subtracted", caught="visible", source='''
def neuron_output(w, b, x):
    return nnkit.sigmoid(np.dot(w, x) - b)
'''),
    dict(grade_id="02-neuron", mistake="no activation", caught="visible", source='''
def neuron_output(w, b, x):
    return np.dot(w, x) + b
'''),
    dict(grade_id="02-neuron", mistake="its own sigmoid, which overflows", caught="hidden", source='''
def neuron_output(w, b, x):
    return 1.0 / (1.0 + np.exp(-(np.dot(w, x) + b)))
'''),
]
