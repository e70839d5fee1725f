"""to_numpy and K.to_backend to and from TensorFlow, every declared dtype."""

from __future__ import annotations

import numpy as np
import pytest
import tensorflow as tf
import tensorplug
from tensorplug import backend as K

DTYPES = ["bool", "int32", "int64", "float16", "float32", "float64"]


def sample(dtype: str) -> np.ndarray:
    return (np.arange(12).reshape(3, 4) % 3).astype(dtype)


@pytest.mark.parametrize("dtype", DTYPES)
def test_numpy_to_tensorflow(dtype: str) -> None:
    tensorplug.set_backend("numpy")
    x = sample(dtype)
    t = K.to_backend(x, "tensorflow")
    assert isinstance(t, tf.Tensor) and t.dtype.name == dtype
    np.testing.assert_array_equal(t.numpy(), x)


@pytest.mark.parametrize("dtype", DTYPES)
def test_tensorflow_to_numpy(dtype: str) -> None:
    t = K.convert_to_tensor(sample(dtype))
    x = K.to_backend(t, "numpy")
    assert isinstance(x, np.ndarray) and x.dtype.name == dtype
    np.testing.assert_array_equal(x, sample(dtype))


def test_variable_to_numpy_is_a_copy_of_the_current_value() -> None:
    v = K.variable(np.ones(3), dtype="float32")
    x = K.to_backend(v, "numpy")
    K.set_value(v, np.zeros(3))
    np.testing.assert_array_equal(x, np.ones(3))
    np.testing.assert_array_equal(K.to_backend(v, "numpy"), np.zeros(3))


def test_to_backend_same_backend_returns_the_tensor() -> None:
    t = K.ones((2,))
    assert K.to_backend(t, "tensorflow") is t


@pytest.mark.parametrize("dtype", DTYPES)
def test_to_numpy_gives_ndarrays_of_the_same_dtype(dtype: str) -> None:
    for value in (sample(dtype), sample(dtype)[0, 0]):
        out = K.to_numpy(K.convert_to_tensor(value))
        assert isinstance(out, np.ndarray) and out.dtype.name == dtype
        assert out.shape == np.shape(value)
        out[...] = 0  # writable, and not the tensor's memory
    assert K.to_numpy(2.5).dtype.name == "float64" and K.to_numpy(3).dtype.name == "int64"


def test_variables_do_not_alias_their_source() -> None:
    source = np.ones(4, np.float32)
    v = K.variable(source)
    c = K.constant(v)
    source[0] = 5.0
    K.set_value(v, np.full(4, 2.0))
    assert float(K.get_value(v)[0]) == 2.0
    assert float(K.to_numpy(c)[0]) == 1.0 and isinstance(c, tf.Tensor)


def test_other_backend_tensor_is_refused_with_both_names() -> None:
    tensorplug.set_backend("numpy")
    t = K.to_backend(np.ones(2), "tensorflow")
    with pytest.raises(tensorplug.BackendMismatchError, match="tensorflow"):
        K.add(np.ones(2), t)
