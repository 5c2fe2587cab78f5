"""Wrong answers for the homework fixture (tests/fixtures/homework_fixture.ipynb).

They keep the runner honest: test_homework.py also autogrades each of them with
the real nbgrader and compares its points with the runner's.
"""

NOTEBOOK = "homework_fixture"

WRONG_ANSWERS = [
    dict(grade_id="fx-square", mistake="doubles instead of squaring", caught="visible",
         source='''
def square(x):
    """Return x squared, elementwise."""
    return np.asarray(x, dtype=float) * 2
'''),
    dict(grade_id="fx-square", mistake="keeps the sign (x |x|)", caught="visible",
         feedback="looks like the sign is flipped",
         source='''
def square(x):
    """Return x squared, elementwise."""
    x = np.asarray(x, dtype=float)
    return x * np.abs(x)
'''),
    dict(grade_id="fx-square", mistake="works for a number only (float(x))", caught="hidden",
         feedback="raised TypeError",
         source='''
def square(x):
    """Return x squared, elementwise."""
    return float(x) ** 2
'''),
    dict(grade_id="fx-relu", mistake="the absolute value instead of max(0, z)", caught="visible",
         source='''
def relu(z):
    """Return max(0, z), elementwise."""
    return np.abs(np.asarray(z, dtype=float))
'''),
    dict(grade_id="fx-relu", mistake="a leaky ReLU", caught="visible",
         source='''
def relu(z):
    """Return max(0, z), elementwise."""
    z = np.asarray(z, dtype=float)
    return np.where(z > 0, z, 0.01 * z)
'''),
    dict(grade_id="fx-relu", mistake="an if on the whole array", caught="hidden",
         source='''
def relu(z):
    """Return max(0, z), elementwise."""
    return z if z > 0 else 0.0
'''),
    dict(grade_id="fx-mse", mistake="the 1/n is missing", caught="visible",
         source='''
def mse(y, t):
    """Mean squared error of predictions y against targets t (same shape)."""
    y, t = np.asarray(y, dtype=float), np.asarray(t, dtype=float)
    return float(np.sum((y - t) ** 2))
'''),
    dict(grade_id="fx-mse", mistake="squares the mean error instead of averaging the squares", caught="visible",
         source='''
def mse(y, t):
    """Mean squared error of predictions y against targets t (same shape)."""
    y, t = np.asarray(y, dtype=float), np.asarray(t, dtype=float)
    return float(np.mean(y - t) ** 2)
'''),
    dict(grade_id="fx-mse", mistake="divides by 2 instead of n", caught="hidden",
         source='''
def mse(y, t):
    """Mean squared error of predictions y against targets t (same shape)."""
    y, t = np.asarray(y, dtype=float), np.asarray(t, dtype=float)
    return float(np.sum((y - t) ** 2) / 2)
'''),
]
