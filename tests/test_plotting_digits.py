"""nnkit.plotting.digits: what is drawn matches the data (mosaic, confusion counts, bar heights)."""
import matplotlib.pyplot as plt
import numpy as np
import pytest
from sklearn.metrics import confusion_matrix

from nnkit.plotting.digits import confusion_matrix_plot, digit_grid, probability_bars, set_probabilities


def teardown_function():
    plt.close("all")


def test_digit_grid_places_every_image_and_caption():
    imgs = np.arange(5 * 64, dtype=float).reshape(5, 8, 8)
    im = digit_grid(imgs, captions=list("abcde"), ncols=3)
    mosaic = np.ma.getdata(im.get_array())
    # tile 4 (row 1, column 1) must hold image 4 exactly
    tiles = [mosaic[r:r + 8, c:c + 8] for r in range(mosaic.shape[0] - 7) for c in range(mosaic.shape[1] - 7)]
    assert any(np.array_equal(t, imgs[4]) for t in tiles)
    assert np.isfinite(mosaic).sum() == 5 * 64          # gaps are blank (NaN), nothing else drawn
    assert [t.get_text() for t in im.axes.texts] == list("abcde")
    assert im.get_clim() == (0.0, 5 * 64 - 1.0)


def test_digit_grid_accepts_flat_rows_and_fixed_scale():
    im = digit_grid(np.zeros((2, 64)), vmin=0, vmax=16)
    assert im.get_clim() == (0, 16)


def test_digit_grid_bad_input():
    with pytest.raises(ValueError, match="square number of pixels"):
        digit_grid(np.zeros((3, 10)))
    with pytest.raises(ValueError, match="one entry per image \\(3\\)"):
        digit_grid(np.zeros((3, 8, 8)), captions=["a"])
    with pytest.raises(ValueError, match="images is empty"):
        digit_grid(np.zeros((0, 8, 8)))


def test_confusion_matrix_rows_normalised_like_sklearn():
    y = np.array([0, 0, 1, 1, 1, 2, 2, 2, 2])
    p = np.array([0, 1, 1, 1, 2, 2, 2, 0, 2])
    cm = confusion_matrix(y, p)
    im = confusion_matrix_plot(cm)
    shown = np.asarray(im.get_array())
    np.testing.assert_allclose(shown, cm / cm.sum(axis=1, keepdims=True))
    counts = sorted(int(t.get_text()) for t in im.axes.texts)
    assert counts == sorted(cm[cm > 0].tolist())


def test_confusion_matrix_bad_input():
    with pytest.raises(ValueError, match="cm must be square"):
        confusion_matrix_plot(np.zeros((2, 3)))
    with pytest.raises(ValueError, match="cannot be negative"):
        confusion_matrix_plot(-np.eye(2))


def test_probability_bars_heights_and_update():
    p = np.array([0.1, 0.6, 0.3])
    bars = probability_bars(p, highlight=1)
    assert [b.get_height() for b in bars] == pytest.approx(p.tolist())
    assert bars[1].get_facecolor() != bars[0].get_facecolor()
    set_probabilities(bars, [0.7, 0.2, 0.1], highlight=0)
    assert [b.get_height() for b in bars] == pytest.approx([0.7, 0.2, 0.1])
    assert bars[0].get_facecolor() != bars[1].get_facecolor()
    with pytest.raises(ValueError, match="one value per bar \\(3\\)"):
        set_probabilities(bars, [0.5, 0.5])
