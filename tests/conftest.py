"""Shared test set-up: a non-interactive matplotlib backend, and one small trained digits network."""
import matplotlib
import pytest

matplotlib.use("Agg")


@pytest.fixture(scope="session")
def trained():
    """(net, data): a 64-32-10 ReLU network trained briefly on the digits (pixels in [0, 1]), for
    the tests of dreaming and of adversarial examples.  Read-only: copy it before changing it."""
    import nnkit
    from nnkit.data import digits, one_hot

    d = digits(seed=0, scale="unit")
    net = nnkit.Network([64, 32, 10], activation="relu", loss="cross_entropy", seed=0)
    net.fit(d.X_train, one_hot(d.y_train, 10), epochs=10, lr=0.005, batch_size=32, optimizer="adam",
            progress=False)
    return net, d
