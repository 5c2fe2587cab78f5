NOTEBOOK = "05_digits_classifier"

WRONG_ANSWERS = [
    dict(grade_id="05-one-hot", mistake="classes as rows (transposed)", caught="visible", source='''
def one_hot_encode(y, n_classes):
    y = np.asarray(y, dtype=int)
    Y = np.zeros((n_classes, y.size))
    Y[y, np.arange(y.size)] = 1.0
    return Y
'''),
    dict(grade_id="05-one-hot", mistake="off by one (y - 1)", caught="visible", source='''
def one_hot_encode(y, n_classes):
    y = np.asarray(y, dtype=int)
    Y = np.zeros((y.size, n_classes))
    Y[np.arange(y.size), y - 1] = 1.0
    return Y
'''),
    dict(grade_id="05-one-hot", mistake="Y[:, y] = 1 marks whole columns", caught="visible", source='''
def one_hot_encode(y, n_classes):
    y = np.asarray(y, dtype=int)
    Y = np.zeros((y.size, n_classes))
    Y[:, y] = 1.0
    return Y
'''),
    dict(grade_id="05-accuracy", mistake="a count, not a fraction", caught="visible", source='''
def accuracy(y_true, y_pred):
    return float(np.sum(np.asarray(y_true) == np.asarray(y_pred)))
'''),
    dict(grade_id="05-accuracy", mistake="the error rate", caught="visible", source='''
def accuracy(y_true, y_pred):
    return float(np.mean(np.asarray(y_true) != np.asarray(y_pred)))
'''),
    dict(grade_id="05-accuracy", mistake="a percentage", caught="visible", source='''
def accuracy(y_true, y_pred):
    return 100 * float(np.mean(np.asarray(y_true) == np.asarray(y_pred)))
'''),
    dict(grade_id="05-confusion", mistake="rows and columns swapped", caught="visible", source='''
def confusion(y_true, y_pred, n_classes):
    C = np.zeros((n_classes, n_classes), dtype=int)
    np.add.at(C, (np.asarray(y_pred, dtype=int), np.asarray(y_true, dtype=int)), 1)
    return C
'''),
    dict(grade_id="05-confusion", mistake="C[t, p] += 1 with fancy indexing (repeats count once)", caught="visible",
         source='''
def confusion(y_true, y_pred, n_classes):
    C = np.zeros((n_classes, n_classes), dtype=int)
    C[np.asarray(y_true, dtype=int), np.asarray(y_pred, dtype=int)] += 1
    return C
'''),
    dict(grade_id="05-confusion", mistake="only the diagonal", caught="visible", source='''
def confusion(y_true, y_pred, n_classes):
    C = np.zeros((n_classes, n_classes), dtype=int)
    for t, p in zip(y_true, y_pred):
        if t == p:
            C[t, p] += 1
    return C
'''),
    dict(grade_id="05-softmax-ce-grad", mistake="the 1/n is missing", caught="visible", source='''
def softmax_ce_grad(Z, Y):
    Z = np.asarray(Z, dtype=float)
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    P = E / E.sum(axis=1, keepdims=True)
    return P - Y
'''),
    dict(grade_id="05-softmax-ce-grad", mistake="Y - P: the sign flipped", caught="visible", source='''
def softmax_ce_grad(Z, Y):
    Z = np.asarray(Z, dtype=float)
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    P = E / E.sum(axis=1, keepdims=True)
    return (Y - P) / Z.shape[0]
'''),
    dict(grade_id="05-softmax-ce-grad", mistake="no max subtracted: overflows", caught="hidden", source='''
def softmax_ce_grad(Z, Y):
    Z = np.asarray(Z, dtype=float)
    E = np.exp(Z)
    P = E / E.sum(axis=1, keepdims=True)
    return (P - Y) / Z.shape[0]
'''),
]
