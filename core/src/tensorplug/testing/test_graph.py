"""Symbols, K.function, K.gradients and the learning phase on this backend.

The classic Keras examples (issue #7), evaluation through K.function (numpy out, native
flag, updates), build-time shape errors, stop_gradient and unconnected gradients.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

import tensorplug
from tensorplug import backend as K


@pytest.mark.parametrize("kwargs, shape", [
    ({"shape": (2, 4, 5)}, (2, 4, 5)),
    ({"shape": (None, 4, 5)}, (None, 4, 5)),
    ({"ndim": 3}, (None, None, None)),
    ({"shape": (2, 3), "ndim": 5}, (2, 3)),
])
def test_placeholder_classic_examples(kwargs: dict, shape: tuple) -> None:
    x = K.placeholder(**kwargs)
    assert K.int_shape(x) == shape
    assert K.is_placeholder(x) and K.is_tensor(x)
    assert K.ndim(x) == len(shape)
    assert K.dtype(x) == K.floatx()


def test_placeholder_needs_shape_or_ndim() -> None:
    with pytest.raises(ValueError, match="shape or ndim"):
        K.placeholder()


def test_gradient_of_sum_of_squares_is_2x() -> None:
    x = K.placeholder(shape=(3,))
    f = K.function([x], [K.gradients(K.sum(K.square(x)), [x])[0]])
    value = np.array([1.0, -2.0, 3.0], dtype=K.floatx())
    out = f([value])
    assert isinstance(out, list) and isinstance(out[0], np.ndarray)
    np.testing.assert_allclose(out[0], 2 * value)


def test_function_returns_numpy_and_native_on_request() -> None:
    x = K.placeholder(shape=(None, 2))
    y = K.exp(x) * 2.0 + 1.0
    data = np.ones((3, 2), dtype=K.floatx())
    out = K.function([x], [y])([data])[0]
    assert isinstance(out, np.ndarray)
    np.testing.assert_allclose(out, np.exp(data) * 2 + 1, rtol=1e-6)
    native = K.function([x], [y], native=True)([data])[0]
    assert K.is_tensor(native)


def test_function_single_output_and_python_operators() -> None:
    x = K.placeholder(shape=(2,))
    y = -(x - 1.0) / 2.0 + abs(x) ** 2
    out = K.function([x], y)([np.array([1.0, -3.0], dtype=K.floatx())])
    np.testing.assert_allclose(out, [1.0, 11.0])


def test_function_updates_are_applied_after_outputs() -> None:
    v = K.variable(np.array([1.0, 2.0]))
    x = K.placeholder(shape=(2,))
    f = K.function([x], [K.sum(x * v)], updates=[(v, v + x)])
    first = f([np.array([1.0, 1.0], dtype=K.floatx())])[0]
    second = f([np.array([1.0, 1.0], dtype=K.floatx())])[0]
    assert float(first) == pytest.approx(3.0) and float(second) == pytest.approx(5.0)
    np.testing.assert_allclose(K.get_value(v), [3.0, 4.0])


def test_gradients_reach_captured_variables() -> None:
    w = K.variable(np.array([[1.0], [2.0]]))
    x = K.placeholder(shape=(None, 2))
    loss = K.sum(K.square(K.dot(x, w)))
    gw = K.gradients(loss, [w])[0]
    data = np.array([[1.0, 1.0], [2.0, 0.0]], dtype=K.floatx())
    got = K.function([x], [gw])([data])[0]
    want = 2 * data.T @ (data @ np.array([[1.0], [2.0]]))
    np.testing.assert_allclose(got, want, rtol=1e-6)


def test_unconnected_gradient_is_none() -> None:
    x = K.placeholder(shape=(2,))
    other = K.placeholder(shape=(2,))
    assert K.gradients(K.sum(x), [other]) == [None]


def test_stop_gradient_blocks_the_path() -> None:
    x = K.placeholder(shape=(2,))
    loss = K.sum(x * K.stop_gradient(x))
    g = K.function([x], K.gradients(loss, [x]))([np.array([3.0, 4.0], K.floatx())])[0]
    np.testing.assert_allclose(g, [3.0, 4.0])


def test_build_time_shape_errors() -> None:
    x = K.placeholder(shape=(None, 3))
    with pytest.raises(tensorplug.IncompatibleShapesError):
        K.add(x, K.placeholder(shape=(None, 4)))
    with pytest.raises(tensorplug.AxisError):
        K.sum(x, axis=2)


def test_missing_feed_names_the_placeholder() -> None:
    x = K.placeholder(shape=(2,), name="inputs_a")
    y = K.placeholder(shape=(2,), name="inputs_b")
    with pytest.raises(ValueError, match="inputs_b"):
        K.function([x], [x + y])([np.ones(2, K.floatx())])


def test_learning_phase_symbol_is_fed_with_default_zero() -> None:
    x = K.placeholder(shape=(2,))
    y = K.in_train_phase(x * 10.0, x)
    f = K.function([x], [y])
    g = K.function([x, K.learning_phase()], [y])
    ones = np.ones(2, K.floatx())
    np.testing.assert_allclose(f([ones])[0], ones)
    np.testing.assert_allclose(g([ones, 1])[0], ones * 10)
    np.testing.assert_allclose(g([ones, 0])[0], ones)


def test_in_test_phase_with_python_flag() -> None:
    assert K.in_test_phase(1, 2, training=0) == 1
    assert K.in_train_phase(lambda: 1, lambda: 2, training=1) == 1


def test_value_and_grad_eager() -> None:
    vg = K.value_and_grad(lambda a, b: K.sum(K.exp(a) * b), argnums=(0, 1))
    a = np.array([0.0, 1.0])
    b = np.array([2.0, 3.0])
    value, (ga, gb) = vg(a, b)
    np.testing.assert_allclose(K.to_numpy(value), np.sum(np.exp(a) * b))
    np.testing.assert_allclose(K.to_numpy(ga), np.exp(a) * b)
    np.testing.assert_allclose(K.to_numpy(gb), np.exp(a))
    vg(a, b)
    assert len(vg.cache) == 1
    vg(np.ones(3), np.ones(3))
    assert len(vg.cache) == 2


def test_value_and_grad_reaches_variables_read_inside() -> None:
    w = K.variable(np.array([1.0, 2.0]))
    vg = K.value_and_grad(lambda x: K.sum(K.square(w) * x), variables=[w])
    value, (gx, gw) = vg(np.array([1.0, 1.0]))
    np.testing.assert_allclose(K.to_numpy(gw), [2.0, 4.0])
    np.testing.assert_allclose(K.to_numpy(gx), [1.0, 4.0])


def test_eval_of_a_constant_graph() -> None:
    v = K.variable(np.array([1.0, 2.0]))

    @K.symbolic
    def build() -> object:
        return K.sum(v * 3.0)

    sym = build()
    assert not K.is_tensor(sym) or K.int_shape(sym) == ()
    assert float(K.eval(sym)) == pytest.approx(9.0)


# -- reshape to sizes known when the graph runs ----------------------------------------

@pytest.mark.parametrize("make, static, want", [
    (lambda x: (K.shape(x)[0], -1), (None, None), (5, 12)),
    (lambda x: (K.shape(x)[0], 2, 6), (None, 2, 6), (5, 2, 6)),
    (lambda x: [-1, K.shape(x)[1] * 3], (None, None), (5, 12)),
    (lambda x: K.shape(K.reshape(x, (-1, 6))), (None, None), (10, 6)),
    (lambda x: K.stack([K.shape(x)[0], 12]), (None, None), (5, 12)),  # ints stack too
])
def test_reshape_to_symbolic_sizes(make: Any, static: tuple, want: tuple) -> None:
    import warnings

    x = K.placeholder(shape=(None, 4, 3), dtype="float64")
    y = K.reshape(x, make(x))
    assert K.int_shape(y) == static
    grad = K.gradients(K.sum(K.square(y)), [x])[0]
    value = np.arange(60.0).reshape(5, 4, 3)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no compile-and-fall-back warning either
        out, g = K.function([x], [y, grad])([value])
    np.testing.assert_array_equal(out, value.reshape(want))
    np.testing.assert_allclose(g, 2 * value)


@pytest.mark.parametrize("make, words", [
    (lambda x: (K.shape(x)[0], -1, -1), "at most one"),
    (lambda x: (K.shape(x)[0], -2), "an int"),
    (lambda x: (K.cast(K.shape(x)[0], "float32"), -1), "0-d integer"),
    (lambda x: K.cast(K.shape(x), "float32"), "1-D integer"),
])
def test_bad_symbolic_reshape_sizes_are_refused(make: Any, words: str) -> None:
    x = K.placeholder(shape=(None, 4, 3))
    with pytest.raises(ValueError, match=words):
        K.reshape(x, make(x))
