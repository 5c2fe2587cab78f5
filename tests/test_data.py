"""Tests of nnkit.data: values from the sources, scikit-learn as the judge, hand-made IDX files."""
import gzip
import struct

import numpy as np
import pytest
from sklearn.datasets import load_digits, make_moons
from sklearn.linear_model import LogisticRegression
from sklearn.svm import SVC

from nnkit.data import (
    DigitsSplit,
    blobs,
    digits,
    load_mnist,
    moons,
    one_hot,
    read_idx,
    rings,
    to_polar,
    toy_people,
    toy_people_new,
    xor,
)


# -- hand-written sets ---------------------------------------------------------

def test_toy_people_is_the_articles_table():
    X, y, names = toy_people()
    assert names == ["Alice", "Bob", "Charlie", "Diana"]
    # weight - 135 lb, height - 66 in: Alice 133 lb 65 in, Bob 160/72, Charlie 152/70, Diana 120/60
    np.testing.assert_array_equal(X, [[133 - 135, 65 - 66], [160 - 135, 72 - 66],
                                      [152 - 135, 70 - 66], [120 - 135, 60 - 66]])
    np.testing.assert_array_equal(y, [1, 0, 0, 1])
    X_new, new_names = toy_people_new()
    # Emily 128 lb 63 in, Frank 155 lb 68 in
    np.testing.assert_array_equal(X_new, [[128 - 135, 63 - 66], [155 - 135, 68 - 66]])
    assert new_names == ["Emily", "Frank"]


def test_xor_corners():
    X, y = xor()
    assert X.shape == (4, 2) and y.shape == (4,)
    np.testing.assert_array_equal(y, np.logical_xor(X[:, 0], X[:, 1]).astype(int))
    assert {tuple(r) for r in X} == {(0, 0), (0, 1), (1, 0), (1, 1)}


# -- random 2-D sets -------------------------------------------------------------

@pytest.mark.parametrize("make", [blobs, rings, moons])
def test_random_sets_shapes_balance_and_seed(make):
    X, y = make(n=101, seed=4)
    assert X.shape == (101, 2) and X.dtype == np.float64
    assert y.shape == (101,) and set(np.unique(y)) == {0, 1}
    assert abs(np.count_nonzero(y == 0) - np.count_nonzero(y == 1)) <= 1
    X2, y2 = make(n=101, seed=4)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y, y2)
    X3, _ = make(n=101, seed=5)
    assert not np.allclose(X, X3)


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_blobs_are_linearly_separable(seed):
    X, y = blobs(n=200, seed=seed)
    svm = SVC(kernel="linear", C=1e4).fit(X, y)
    assert svm.score(X, y) == 1.0
    # the promised separator: the perpendicular bisector of the default centres
    # (-1, -1) and (2, 2) is x1 + x2 = 1; margin 0.25 from it on the right side
    signed = (X.sum(axis=1) - 1.0) / np.sqrt(2.0)
    assert np.all(signed[y == 1] >= 0.25) and np.all(signed[y == 0] <= -0.25)


def test_rings_need_polar_coordinates():
    X, y = rings(n=400, noise=0.15, seed=0)
    linear = LogisticRegression().fit(X, y).score(X, y)
    assert linear < 0.75  # no straight line in (x1, x2) does much better than chance
    r = np.hypot(X[:, 0], X[:, 1])
    assert r[y == 0].max() < 1.5 < r[y == 1].min()  # a threshold on r alone is 100 % right
    polar = to_polar(X)
    np.testing.assert_allclose(polar[:, 0], r)
    assert LogisticRegression().fit(polar[:, :1], y).score(polar[:, :1], y) == 1.0


def test_to_polar_known_points():
    P = to_polar([[3.0, 4.0], [0.0, 2.0], [-1.0, 0.0], [1.0, -1.0]])
    np.testing.assert_allclose(P[:, 0], [5.0, 2.0, 1.0, np.sqrt(2.0)])
    np.testing.assert_allclose(P[:, 1], [np.arctan(4.0 / 3.0), np.pi / 2, np.pi, -np.pi / 4])


def test_moons_are_sklearns():
    X, y = moons()
    X_ref, y_ref = make_moons(n_samples=300, noise=0.1, random_state=0)
    np.testing.assert_array_equal(X, X_ref)
    np.testing.assert_array_equal(y, y_ref)


def test_random_sets_bad_arguments():
    with pytest.raises(ValueError, match="n must be an integer > 0, got 0"):
        blobs(n=0)
    with pytest.raises(ValueError, match="n must be at least 2"):
        rings(n=1)
    with pytest.raises(TypeError, match="n must be an integer"):
        moons(n=10.0)
    with pytest.raises(ValueError, match="noise must be a number >= 0, got -0.1"):
        rings(noise=-0.1)
    with pytest.raises(ValueError, match="noise must be a number >= 0"):
        moons(noise=-1)
    with pytest.raises(ValueError, match="seed must be a non-negative integer or None"):
        blobs(seed=-3)
    with pytest.raises(TypeError, match="seed must be a non-negative integer or None"):
        blobs(seed="abc")
    with pytest.raises(ValueError, match="the two centers must differ"):
        blobs(centers=[[1.0, 1.0], [1.0, 1.0]])
    with pytest.raises(ValueError, match=r"margin must be less than half the distance between the centers \(2.12132\)"):
        blobs(margin=3.0)
    with pytest.raises(ValueError, match=r"noise must be at most the gap between the rings \(1\); got 5"):
        rings(noise=5)
    with pytest.raises(ValueError, match="radii must be two numbers 0 < inner < outer"):
        rings(radii=(2.0, 1.0))
    with pytest.raises(ValueError, match="X must have 2 columns"):
        to_polar(np.ones((3, 3)))


# -- digits ---------------------------------------------------------------------

def test_digits_split_sizes_and_standard_scaling_on_train_only():
    d = digits()
    assert isinstance(d, DigitsSplit)
    assert d.X_train.shape == (1078, 64) and d.X_test.shape == (719, 64)  # 60/40 of 1797
    assert d.y_train.shape == (1078,) and d.y_test.shape == (719,)
    assert d.images_train.shape == (1078, 8, 8) and d.images_test.shape == (719, 8, 8)
    raw_train = d.images_train.reshape(-1, 64)
    varying = raw_train.std(axis=0) > 0
    np.testing.assert_allclose(d.X_train.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(d.X_train[:, varying].std(axis=0), 1.0, rtol=1e-12)
    # the scaler learned the training part's statistics, not the whole set's
    assert d.scaler.n_samples_seen_ == 1078
    np.testing.assert_allclose(d.scaler.mean_, raw_train.mean(axis=0))
    raw_test = d.images_test.reshape(-1, 64)
    np.testing.assert_allclose(d.X_test, (raw_test - raw_train.mean(axis=0)) / d.scaler.scale_)
    assert not np.allclose(d.X_test[:, varying].mean(axis=0), 0.0, atol=1e-3)


def test_digits_images_and_labels_belong_together():
    bunch = load_digits()
    d = digits(scale=None)
    rows = {tuple(r): t for r, t in zip(bunch.data, bunch.target)}
    for image, label in zip(d.images_test[:50], d.y_test[:50]):
        assert rows[tuple(image.ravel())] == label
    np.testing.assert_array_equal(d.X_train, d.images_train.reshape(-1, 64))
    assert d.X_train.max() == 16.0 and d.scaler is None


def test_digits_unit_scale_and_seed():
    d = digits(scale="unit")
    assert d.X_train.min() == 0.0 and d.X_train.max() == 1.0
    assert 0.0 <= d.X_test.min() and d.X_test.max() <= 1.0
    np.testing.assert_allclose(d.X_test * 16.0, d.images_test.reshape(-1, 64))
    np.testing.assert_array_equal(digits(seed=0).y_test, d.y_test)
    assert not np.array_equal(digits(seed=1).y_test, d.y_test)


def test_digits_bad_arguments():
    with pytest.raises(ValueError, match="unknown scale 'minmax'; known names are: standard, unit"):
        digits(scale="minmax")
    with pytest.raises(ValueError, match="test_size must be a fraction between 0 and 1, got 1.5"):
        digits(test_size=1.5)


# -- one-hot --------------------------------------------------------------------

def test_one_hot_by_hand():
    np.testing.assert_array_equal(one_hot([2, 0, 1, 2]),
                                  [[0, 0, 1], [1, 0, 0], [0, 1, 0], [0, 0, 1]])
    Y = one_hot(np.array([1.0, 0.0]), n_classes=4)
    assert Y.dtype == np.float64
    np.testing.assert_array_equal(Y, [[0, 1, 0, 0], [1, 0, 0, 0]])
    assert one_hot([], n_classes=3).shape == (0, 3)
    np.testing.assert_array_equal(np.argmax(one_hot([3, 1, 0, 2]), axis=1), [3, 1, 0, 2])


def test_one_hot_errors():
    with pytest.raises(ValueError, match="whole-number class labels, but it contains 1.5"):
        one_hot([0, 1.5])
    with pytest.raises(ValueError, match="must be >= 0, but it contains -1"):
        one_hot([0, -1, 2])
    with pytest.raises(ValueError, match="must be < n_classes = 3, but it contains 3"):
        one_hot([0, 3], n_classes=3)
    with pytest.raises(ValueError, match="y is empty: give n_classes"):
        one_hot([])
    with pytest.raises(ValueError, match="y must be 1-D"):
        one_hot([[0, 1]])
    with pytest.raises(TypeError, match="booleans"):
        one_hot(np.array([True, False]))
    with pytest.raises(TypeError, match="n_classes must be an integer"):
        one_hot([0, 1], n_classes=2.0)


# -- IDX / MNIST ------------------------------------------------------------------

PIXELS = bytes(range(0, 18 * 14, 14))  # 18 values 0, 14, ..., 238


def idx_images():
    # magic 0x00000803: unsigned bytes, 3 dimensions; sizes 3, 2, 3 big-endian
    return b"\x00\x00\x08\x03" + struct.pack(">III", 3, 2, 3) + PIXELS


def idx_labels():
    return b"\x00\x00\x08\x01" + struct.pack(">I", 3) + bytes([7, 0, 9])


def test_read_idx_plain_and_gzipped(tmp_path):
    (tmp_path / "img").write_bytes(idx_images())
    (tmp_path / "img.gz").write_bytes(gzip.compress(idx_images()))
    (tmp_path / "lab").write_bytes(idx_labels())
    expected = np.arange(0, 18 * 14, 14).reshape(3, 2, 3)
    for name in ("img", "img.gz"):
        images = read_idx(tmp_path / name)
        assert images.dtype == np.uint8
        np.testing.assert_array_equal(images, expected)
    np.testing.assert_array_equal(read_idx(str(tmp_path / "lab")), [7, 0, 9])


def test_read_idx_big_endian_types(tmp_path):
    # type 0x0B int16: -2 is ff fe, 300 is 01 2c; type 0x0D float32: 1.5 is 3f c0 00 00
    (tmp_path / "i16").write_bytes(b"\x00\x00\x0b\x01\x00\x00\x00\x02" + b"\xff\xfe\x01\x2c")
    (tmp_path / "f32").write_bytes(b"\x00\x00\x0d\x01\x00\x00\x00\x01" + b"\x3f\xc0\x00\x00")
    np.testing.assert_array_equal(read_idx(tmp_path / "i16"), [-2, 300])
    assert read_idx(tmp_path / "f32").tolist() == [1.5]


def test_read_idx_errors(tmp_path):
    with pytest.raises(FileNotFoundError, match="no IDX file at .*never downloads.*yann.lecun.com"):
        read_idx(tmp_path / "missing-idx3-ubyte")
    (tmp_path / "short").write_bytes(idx_images()[:-1])
    with pytest.raises(ValueError, match=r"truncated: shape \(3, 2, 3\) needs 18 data bytes, found 17"):
        read_idx(tmp_path / "short")
    (tmp_path / "short.gz").write_bytes(gzip.compress(idx_images())[:-10])
    with pytest.raises(ValueError, match="cannot be decompressed"):
        read_idx(tmp_path / "short.gz")
    (tmp_path / "magic").write_bytes(b"\x01\x02" + idx_images()[2:])
    with pytest.raises(ValueError, match="not an IDX file: its magic number is 0x01020803"):
        read_idx(tmp_path / "magic")
    (tmp_path / "header").write_bytes(b"\x00\x00\x08\x03\x00\x00")
    with pytest.raises(ValueError, match="truncated: its header announces 3 dimensions"):
        read_idx(tmp_path / "header")
    (tmp_path / "long").write_bytes(idx_images() + b"\x00")
    with pytest.raises(ValueError, match="1 bytes more than its shape"):
        read_idx(tmp_path / "long")
    with pytest.raises(TypeError, match="path must be a file name"):
        read_idx(42)


def test_load_mnist_from_a_folder(tmp_path):
    (tmp_path / "train-images-idx3-ubyte.gz").write_bytes(gzip.compress(idx_images()))
    (tmp_path / "train-labels-idx1-ubyte").write_bytes(idx_labels())
    (tmp_path / "t10k-images-idx3-ubyte").write_bytes(idx_images())
    (tmp_path / "t10k-labels-idx1-ubyte.gz").write_bytes(gzip.compress(idx_labels()))
    X_train, y_train, X_test, y_test = load_mnist(tmp_path)
    assert X_train.shape == (3, 6) and X_train.dtype == np.float32
    np.testing.assert_allclose(X_train[1], np.arange(6 * 14, 12 * 14, 14) / 255.0, rtol=1e-6)
    np.testing.assert_array_equal(y_test, [7, 0, 9])
    assert 0.0 <= X_test.min() and X_test.max() <= 1.0
    X64 = load_mnist(str(tmp_path), dtype=np.float64)[0]
    assert X64.dtype == np.float64


def test_load_mnist_missing_files(tmp_path):
    (tmp_path / "train-images-idx3-ubyte").write_bytes(idx_images())
    with pytest.raises(FileNotFoundError,
                       match="missing in .*train-labels-idx1-ubyte, t10k-images-idx3-ubyte, "
                             "t10k-labels-idx1-ubyte.*never downloads"):
        load_mnist(tmp_path)
    for name in ("train-labels-idx1-ubyte", "t10k-images-idx3-ubyte"):
        (tmp_path / name).write_bytes(idx_labels() if "labels" in name else idx_images())
    (tmp_path / "t10k-labels-idx1-ubyte").write_bytes(b"\x00\x00\x08\x01" + struct.pack(">I", 2) + b"\x01\x02")
    with pytest.raises(ValueError, match="MNIST test files do not match"):
        load_mnist(tmp_path)
