"""Where TensorFlow's own answer differs from the contract, the plugin gives the
contract's (NEP 50 dtypes as numpy 2; Keras 2 semantics)."""

from __future__ import annotations

import numpy as np
import pytest
import tensorflow as tf
from tensorplug import backend as K


def t(values: object, dtype: str) -> tf.Tensor:
    return K.convert_to_tensor(np.asarray(values, dtype=dtype))


def dtype_of(x: object) -> str:
    return K.to_numpy(x).dtype.name


@pytest.mark.parametrize(("make", "want"), [
    # TensorFlow silently casts the numpy operand to the tensor's dtype:
    (lambda: K.add(t([1, 2], "float32"), np.float64(1.5)), "float64"),
    (lambda: K.add(t([1, 2], "float32"), np.ones(2)), "float64"),
    (lambda: K.multiply(t([1, 2], "int32"), np.array([1, 2], "int64")), "int64"),
    # TensorFlow makes int32 / float32 of Python scalars:
    (lambda: K.add(1, 2), "int64"),
    (lambda: K.multiply(1.5, 2), "float64"),
    (lambda: K.exp(1.0), "float64"),
    (lambda: K.convert_to_tensor(3), "int64"),
    # Python scalars are weak; an int tensor with a Python float is float64:
    (lambda: K.add(t([1, 2], "float16"), 2.5), "float16"),
    (lambda: K.add(t([1, 2], "int32"), 2.5), "float64"),
    (lambda: K.subtract(t([True], "bool"), 1), "int64"),
    (lambda: K.divide(t([1, 2], "int32"), t([2, 2], "int32")), "float64"),
    (lambda: K.where(t([True, False], "bool"), t([1, 2], "int32"), 0.5), "float64"),
    (lambda: K.clip(t([1, 5], "int32"), 0.5, 2.5), "float64"),
    # variables take the same paths as tensors (their fast path included):
    (lambda: K.add(K.variable(np.array([1, 2]), dtype="int32"), 2.0), "float64"),
    (lambda: K.multiply(0.5, K.variable(np.ones(2), dtype="float16")), "float16"),
    (lambda: K.dot(K.ones((1, 2), "float32"), K.variable(np.ones((2, 2)), "float64")),
     "float64"),
    (lambda: K.bias_add(K.ones((2, 3), "float32"), K.variable(np.ones(3), "float64")),
     "float64"),
    # reductions and float functions of integers:
    (lambda: K.sum(t([1, 2], "int32")), "int64"),
    (lambda: K.cumprod(t([True, True], "bool")), "int64"),
    (lambda: K.mean(t([1, 2], "int32")), "float64"),
    (lambda: K.mean(t([1, 2], "float16")), "float16"),
    (lambda: K.exp(t([1, 2], "int32")), "float64"),
    (lambda: K.sqrt(t([4], "int64")), "float64"),
    (lambda: K.argmax(t([[1, 2]], "float32"), axis=1), "int64"),
    (lambda: K.dot(t([[1, 0]], "int32"), t([[1], [2]], "float32")), "float64"),
])
def test_result_dtypes(make: object, want: str) -> None:
    assert dtype_of(make()) == want  # type: ignore[operator]


def test_overflowing_python_int_is_refused_not_wrapped() -> None:
    with pytest.raises(OverflowError):
        K.add(t([1], "int32"), 2**40)


def test_keras_semantics() -> None:
    np.testing.assert_array_equal(K.to_numpy(K.sqrt(t([-4.0, 4.0], "float32"))), [0, 2])
    np.testing.assert_array_equal(K.to_numpy(K.round(t([0.5, 1.5, 2.5, -0.5], "float64"))),
                                  [0, 2, 2, -0])
    np.testing.assert_array_equal(K.to_numpy(K.round(t([3, -2], "int32"))), [3, -2])
    assert K.to_numpy(K.argmax(t([3, 1, 3], "float32"))) == 0
    assert K.to_numpy(K.argmax(t([1, np.nan, 5, np.nan], "float32"))) == 1
    assert K.to_numpy(K.argmin(t([1, 0, 0], "int64"))) == 1
    assert K.int_shape(K.dot(K.ones((2, 3)), K.ones((4, 3, 5)))) == (2, 4, 5)
    np.testing.assert_array_equal(K.to_numpy(K.clip(t([1, 5], "float32"), 3.0, 2.0)), [3, 3])


def test_bool_arithmetic_is_logic_like_numpy() -> None:
    a, b = t([True, True, False], "bool"), t([True, False, False], "bool")
    np.testing.assert_array_equal(K.to_numpy(K.add(a, b)), [True, True, False])
    np.testing.assert_array_equal(K.to_numpy(K.multiply(a, b)), [True, False, False])
    np.testing.assert_array_equal(K.to_numpy(K.greater(a, b)), [False, True, False])
    assert K.to_numpy(K.max(a)).dtype == np.bool_


def test_variables_are_tf_variables_and_defer_to_symbols() -> None:
    v = K.variable(np.array([1.0, 2.0]))
    assert isinstance(v, tf.Variable) and K.dtype(v) == "float32"
    x = K.placeholder(shape=(2,))
    f = K.function([x], [K.sum(x * v)], updates=[(v, v + x)])
    f([np.ones(2, "float32")])
    f([np.ones(2, "float32")])
    np.testing.assert_array_equal(K.get_value(v), [3.0, 4.0])
    np.testing.assert_array_equal(K.to_numpy(v + 1.0), [4.0, 5.0])
