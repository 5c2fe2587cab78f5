"""Wrong answers to notebook 02's exercises, each shown to lose points (format: README.md)."""

NOTEBOOK = "02_sigmoid_weights_bias"

_LINE_RIGHT = '''
def line_neuron(p, q, on_side, steepness):
    d = q - p
    normal = np.array([-d[1], d[0]])
    if normal @ (on_side - p) < 0:
        normal = -normal
    w = 4.0 * steepness * normal / np.linalg.norm(normal)
    b = -(w @ p)
    return w, b
'''
_DESIGN_RIGHT = '''
def design_neuron(x_switch, slope):
    w = 4.0 * slope
    b = -w * x_switch
    return w, b
'''
_COLLAPSE = '''
def collapse(W1, b1, W2, b2):
    W_eff = {W}
    b_eff = {b}
    return W_eff, b_eff
'''

WRONG_ANSWERS = [
    # ---------------------------------------------------------------- Exercise 1: sigmoid
    dict(grade_id="02-sigmoid", mistake="the plain formula: exp overflows with a warning", caught="visible",
         feedback="overflow",
         source='''
def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=float)))
'''),
    dict(grade_id="02-sigmoid", mistake="np.where with two branches: both are computed, one overflows",
         caught="visible", feedback="overflow",
         source='''
def sigmoid(z):
    z = np.asarray(z, dtype=float)
    return np.where(z >= 0, 1 / (1 + np.exp(-z)), np.exp(z) / (1 + np.exp(z)))
'''),
    dict(grade_id="02-sigmoid", mistake="the output is clipped instead of the input", caught="visible",
         feedback="overflow",
         source='''
def sigmoid(z):
    return np.clip(1.0 / (1.0 + np.exp(-np.asarray(z, dtype=float))), 0.0, 1.0)
'''),
    dict(grade_id="02-sigmoid", mistake="a guard that still evaluates exp everywhere: np.where(z < -709, 0, ...)",
         caught="visible", feedback="overflow",
         source='''
def sigmoid(z):
    z = np.asarray(z, dtype=float)
    return np.where(z < -709, 0.0, 1.0 / (1.0 + np.exp(-z)))
'''),
    dict(grade_id="02-sigmoid", mistake="the sign in the exponent is flipped", caught="visible",
         feedback="sigmoid(-z)",
         source='''
def sigmoid(z):
    z = np.clip(np.asarray(z, dtype=float), -500, 500)
    return 1.0 / (1.0 + np.exp(z))
'''),
    dict(grade_id="02-sigmoid", mistake="math.exp, which takes numbers only", caught="visible",
         source='''
import math

def sigmoid(z):
    return 1.0 / (1.0 + math.exp(-max(min(z, 500), -500)))
'''),
    # ---------------------------------------------------------------- Exercise 2: design_neuron, line_neuron
    dict(grade_id="02-design", mistake="w equal to the slope (sigma'(0) = 1/4 forgotten)", caught="visible",
         feedback="w / 4",
         source='''
def design_neuron(x_switch, slope):
    w = slope
    b = -w * x_switch
    return w, b
''' + _LINE_RIGHT),
    dict(grade_id="02-design", mistake="w = slope / 4: the relation w / 4 = slope turned upside down",
         caught="visible", feedback="upside down",
         source='''
def design_neuron(x_switch, slope):
    w = slope / 4.0
    return w, -w * x_switch
''' + _LINE_RIGHT),
    dict(grade_id="02-design", mistake="the sign of b", caught="visible", feedback="sign of b",
         source='''
def design_neuron(x_switch, slope):
    w = 4.0 * slope
    b = w * x_switch
    return w, b
''' + _LINE_RIGHT),
    dict(grade_id="02-design", mistake="b = -x_switch, without w", caught="visible", feedback="b = -x_switch",
         source='''
def design_neuron(x_switch, slope):
    return 4.0 * slope, -x_switch
''' + _LINE_RIGHT),
    dict(grade_id="02-design", mistake="|slope|: a falling switch becomes a rising one", caught="hidden",
         source='''
def design_neuron(x_switch, slope):
    w = 4.0 * abs(slope)
    return w, -w * x_switch
''' + _LINE_RIGHT),
    dict(grade_id="02-design", mistake="w along the line instead of perpendicular to it", caught="visible",
         feedback="perpendicular",
         source=_DESIGN_RIGHT + '''
def line_neuron(p, q, on_side, steepness):
    d = q - p
    if d @ (on_side - p) < 0:
        d = -d
    w = 4.0 * steepness * d / np.linalg.norm(d)
    return w, -(w @ p)
'''),
    dict(grade_id="02-design", mistake="the factor 4 is missing", caught="visible", feedback="|w| / 4",
         source=_DESIGN_RIGHT + '''
def line_neuron(p, q, on_side, steepness):
    d = q - p
    normal = np.array([-d[1], d[0]])
    if normal @ (on_side - p) < 0:
        normal = -normal
    w = steepness * normal / np.linalg.norm(normal)
    return w, -(w @ p)
'''),
    dict(grade_id="02-design", mistake="the bias is missing", caught="visible", feedback="bias is missing",
         source=_DESIGN_RIGHT + '''
def line_neuron(p, q, on_side, steepness):
    d = q - p
    normal = np.array([-d[1], d[0]])
    if normal @ (on_side - p) < 0:
        normal = -normal
    return 4.0 * steepness * normal / np.linalg.norm(normal), 0.0
'''),
    dict(grade_id="02-design", mistake="on_side ignored: h > 1/2 on a side chosen by luck", caught="hidden",
         source=_DESIGN_RIGHT + '''
def line_neuron(p, q, on_side, steepness):
    d = q - p
    normal = np.array([-d[1], d[0]])
    w = 4.0 * steepness * normal / np.linalg.norm(normal)
    return w, -(w @ p)
'''),
    dict(grade_id="02-design", mistake="the side chosen with on_side itself instead of on_side - p (from the origin)",
         caught="hidden", feedback="not from the origin",
         source=_DESIGN_RIGHT + '''
def line_neuron(p, q, on_side, steepness):
    d = q - p
    normal = np.array([-d[1], d[0]])
    if normal @ on_side < 0:
        normal = -normal
    w = 4.0 * steepness * normal / np.linalg.norm(normal)
    return w, -(w @ p)
'''),
    # ---------------------------------------------------------------- Exercise 3: collapse
    dict(grade_id="02-collapse", mistake="the matrix product in the wrong order", caught="visible",
         feedback="wrong order", source=_COLLAPSE.format(W="W1 @ W2", b="W2 @ b1 + b2")),
    dict(grade_id="02-collapse", mistake="both matrices transposed: W1.T @ W2.T", caught="visible",
         feedback="transposed", source=_COLLAPSE.format(W="W1.T @ W2.T", b="W2 @ b1 + b2")),
    dict(grade_id="02-collapse", mistake="an element-wise product", caught="visible", feedback="element-wise",
         source=_COLLAPSE.format(W="W2 * W1", b="W2 @ b1 + b2")),
    dict(grade_id="02-collapse", mistake="b1 + b2: b1 does not pass through W2", caught="visible",
         feedback="b1 + b2", source=_COLLAPSE.format(W="W2 @ W1", b="b1 + b2")),
    dict(grade_id="02-collapse", mistake="b1 sent through W1 as well: W2 @ W1 @ b1 + b2 (costs the b part only)",
         caught="visible", feedback="as well", source=_COLLAPSE.format(W="W2 @ W1", b="W2 @ W1 @ b1 + b2")),
    dict(grade_id="02-collapse", mistake="b1 sent through W1 instead of W2: W1 @ b1 + b2", caught="visible",
         feedback="went through W1", source=_COLLAPSE.format(W="W2 @ W1", b="W1 @ b1 + b2")),
    dict(grade_id="02-collapse", mistake="b1 @ W2: b1 multiplied by W2 transposed", caught="visible",
         feedback="transposed", source=_COLLAPSE.format(W="W2 @ W1", b="b1 @ W2 + b2")),
    dict(grade_id="02-collapse", mistake="the bias b2 is missing", caught="visible", feedback="b2 is missing",
         source=_COLLAPSE.format(W="W2 @ W1", b="W2 @ b1")),
    dict(grade_id="02-collapse", mistake="b2 updated in place", caught="visible", feedback="in place",
         source='''
def collapse(W1, b1, W2, b2):
    b2 += W2 @ b1
    return W2 @ W1, b2
'''),
]
