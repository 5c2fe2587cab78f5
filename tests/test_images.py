"""nnkit.images: total variation, blur and shifts by hand, on one image and on a stack."""
import numpy as np
import pytest

from nnkit.gradcheck import gradcheck
from nnkit.images import blur_image, shift_image, start_image, tv_gradient, tv_penalty


def test_tv_penalty_by_hand():
    assert tv_penalty(np.full((4, 5), 0.7)) == 0.0
    dot = np.zeros((5, 5))
    dot[2, 2] = 1.0
    assert tv_penalty(dot) == pytest.approx(4.0)           # four neighbours differ by 1
    assert tv_penalty([[0.0, 1.0, 3.0]]) == pytest.approx(1.0 + 4.0)
    assert tv_penalty([[0.0], [2.0]]) == pytest.approx(4.0)
    img = [[0.0, 1.0, 3.0], [2.0, 0.0, 1.0], [1.0, 1.0, 0.0]]   # notebook 06's exercise 1
    assert tv_penalty(img) == pytest.approx(23.0)
    np.testing.assert_allclose(tv_gradient(img), [[-6, 0, 8], [10, -10, 0], [-2, 4, -4]])


def test_tv_gradient_gradcheck():
    img = np.random.default_rng(3).uniform(0, 1, (8, 8))
    assert gradcheck(tv_penalty, img, tv_gradient) < 1e-8
    assert gradcheck(tv_penalty, img[:3, :5], tv_gradient) < 1e-8
    assert gradcheck(tv_penalty, img[:1, :5], tv_gradient) < 1e-8


def test_blur_by_hand():
    img = np.zeros((5, 5))
    img[2, 2] = 1.0
    out = blur_image(img)
    assert out[2, 2] == pytest.approx(0.25)
    assert out[1, 2] == pytest.approx(0.125)
    assert out[1, 1] == pytest.approx(0.0625)
    assert out.sum() == pytest.approx(1.0)
    np.testing.assert_allclose(blur_image(np.full((3, 4), 0.3)), 0.3)


def test_shift_by_hand_and_its_transpose_shifts_back():
    img = np.arange(12.0).reshape(3, 4)
    np.testing.assert_array_equal(shift_image(img, 1, 0), [[0, 0, 0, 0], [0, 1, 2, 3], [4, 5, 6, 7]])
    np.testing.assert_array_equal(shift_image(img, 0, -1), [[1, 2, 3, 0], [5, 6, 7, 0], [9, 10, 11, 0]])
    np.testing.assert_array_equal(shift_image(img, 3, 0), np.zeros((3, 4)))
    rng = np.random.default_rng(0)
    a, b = rng.normal(size=(3, 4)), rng.normal(size=(3, 4))
    for dy, dx in ((1, -1), (-2, 1), (0, 0)):            # <S a, b> = <a, S^T b>, S^T the shift back
        assert np.sum(shift_image(a, dy, dx) * b) == pytest.approx(np.sum(a * shift_image(b, -dy, -dx)))


def test_start_images():
    np.testing.assert_array_equal(start_image("black", (2, 3)), np.zeros((2, 3)))
    np.testing.assert_array_equal(start_image("grey", (2, 3)), np.full((2, 3), 0.5))
    noise = start_image("noise", (8, 8), seed=4)
    assert 0 <= noise.min() and noise.max() < 0.1
    np.testing.assert_array_equal(noise, start_image("noise", (8, 8), seed=4))
    assert not np.array_equal(noise, start_image("noise", (8, 8), seed=5))


def test_a_stack_is_treated_image_by_image():
    stack = np.random.default_rng(2).uniform(0, 1, (3, 5, 4))
    np.testing.assert_allclose(tv_penalty(stack), [tv_penalty(img) for img in stack])
    np.testing.assert_allclose(tv_gradient(stack), [tv_gradient(img) for img in stack])
    np.testing.assert_allclose(blur_image(stack), [blur_image(img) for img in stack])
    np.testing.assert_allclose(shift_image(stack, -1, 2), [shift_image(img, -1, 2) for img in stack])


def test_bad_input():
    with pytest.raises(ValueError, match="img must be 2-D or 3-D"):
        tv_penalty(np.zeros(5))
    with pytest.raises(TypeError, match="dx must be a whole number of pixels"):
        shift_image(np.zeros((3, 3)), 1, 0.5)
    with pytest.raises(ValueError, match="unknown start 'white'"):
        start_image("white", (2, 2))
