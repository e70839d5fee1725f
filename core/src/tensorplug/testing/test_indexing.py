"""``symbol[key]``: numpy's basic indexing on placeholders, on this backend.

Each key is applied to a placeholder (static shape known, or with unknown dimensions),
evaluated through ``K.function`` and compared with numpy's ``value[key]``; the static
shape must agree with the result's where it is known, and the gradient of
``sum(x[key] * w)`` is ``w`` scattered into zeros at the selected places. Advanced
indices and positions that need an unknown length are refused with clear errors.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from tensorplug import backend as K

S = slice
# case -> (value shape, placeholder shape, key)
KEYS: dict[str, tuple[tuple[int, ...], tuple[int | None, ...], Any]] = {
    "int": ((4, 3), (4, 3), 1),
    "negative_int": ((4, 3), (4, 3), -1),
    "columns": ((4, 3), (4, 3), (S(None), S(None, 2))),
    "batch_unknown_columns": ((5, 3), (None, 3), (S(None), S(None, 2))),
    "inner_int": ((2, 3, 4), (2, 3, 4), (S(None), 1)),
    "last_of_unknown": ((5, 3), (None, 3), -1),
    "from_end_unknown": ((5, 3), (None, 3), S(-2, None)),
    "start_and_end_unknown": ((6, 2), (None, 2), S(1, -1)),
    "both_from_end_unknown": ((6, 2), (None, 2), S(-4, -1)),
    "prefix_unknown": ((6, 2), (None, 2), S(None, 3)),
    "reversed_unknown": ((4, 2), (None, 2), S(None, None, -1)),
    "step": ((7, 2), (7, 2), S(1, None, 2)),
    "inner_step": ((2, 7), (2, 7), (S(None), S(None, None, 3))),
    "negative_step": ((6, 3), (6, 3), S(4, 0, -1)),
    "reversed_known": ((5,), (5,), S(None, None, -1)),
    "negative_step_of_two": ((3, 7), (3, 7), (Ellipsis, S(None, None, -2))),
    "ellipsis": ((2, 3, 4), (2, 3, 4), (Ellipsis, 0)),
    "newaxis": ((3, 4), (None, 4), (None, S(None), None, 2)),
    "everything": ((3, 4), (3, 4), (Ellipsis,)),
    "empty_range": ((4, 3), (4, 3), S(3, 1)),
    "numpy_int": ((4, 3), (4, 3), (np.int64(2), np.int32(-1))),
    "all_ints": ((2, 3, 4), (2, 3, 4), (1, -1, 2)),
}


def _value(shape: tuple[int, ...]) -> np.ndarray:
    return np.arange(int(np.prod(shape)), dtype="float64").reshape(shape) * 0.5 - 1.0


@pytest.mark.parametrize("case", sorted(KEYS))
def test_values_shapes_and_gradients(case: str) -> None:
    shape, static, key = KEYS[case]
    value = _value(shape)
    want = value[key]
    x = K.placeholder(shape=static, dtype="float64")
    y = x[key]
    got_shape = K.int_shape(y)
    assert len(got_shape) == want.ndim, (got_shape, want.shape)
    assert all(g is None or g == w for g, w in zip(got_shape, want.shape)), (
        got_shape, want.shape)
    assert K.dtype(y) == "float64"
    w = np.random.default_rng(0).normal(size=want.shape)
    grad = K.gradients(K.sum(y * K.constant(w, dtype="float64")), [x])[0]
    out, g = K.function([x], [y, grad])([value])
    np.testing.assert_array_equal(out, want)
    expected = np.zeros_like(value)
    expected[key] += w
    np.testing.assert_allclose(g, expected, rtol=1e-12, atol=1e-12)


def test_shape_of_a_symbol_indexes_to_its_dimensions() -> None:
    x = K.placeholder(shape=(None, 3, 2))
    s = K.shape(x)
    batch, last = s[0], s[-1]
    assert K.int_shape(batch) == () and K.int_shape(last) == ()
    got = K.function([x], [batch, last, s[1:]])([np.zeros((5, 3, 2), K.floatx())])
    assert [int(got[0]), int(got[1])] == [5, 2]
    np.testing.assert_array_equal(got[2], [3, 2])


def test_indexing_inside_a_model_lambda_trains() -> None:
    from tensorplug import layers, models

    model = models.Sequential([layers.Dense(4, input_shape=(3,)),
                               layers.Lambda(lambda t: t[:, :2]), layers.Dense(1)])
    model.compile("sgd", "mse")
    rng = np.random.default_rng(1)
    history = model.fit(rng.random((16, 3)), rng.random((16, 1)), epochs=2, verbose=0)
    assert len(history.history["loss"]) == 2
    assert model.predict(rng.random((2, 3))).shape == (2, 1)


@pytest.mark.parametrize("key, error, words", [
    ((np.array([0, 1]),), TypeError, "K.gather"),
    ([0, 1], TypeError, "K.gather"),
    (True, TypeError, "K.gather"),
    ((0, 0, 0), IndexError, "too many indices"),
    ((S(None), 5), IndexError, "out of bounds"),
    ((Ellipsis, Ellipsis), ValueError, "single ellipsis"),
    (S(None, None, 2), ValueError, "unknown length"),
    (S(-2, 3), ValueError, "unknown length"),
    (S(None, None, 0), ValueError, "step cannot be zero"),
    (S(0.5, None), TypeError, "ints or None"),
])
def test_bad_keys_are_refused_clearly(key: Any, error: type, words: str) -> None:
    x = K.placeholder(shape=(None, 3))
    with pytest.raises(error, match=words):
        _ = x[key]


def test_symbol_index_is_refused_with_the_fix() -> None:
    x = K.placeholder(shape=(4, 3))
    i = K.placeholder(shape=(), dtype="int32")
    with pytest.raises(TypeError, match="K.gather"):
        _ = x[i]

