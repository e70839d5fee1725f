"""``tensorplug.utils``: ``to_categorical`` (Keras 2.3 shape rules, clear errors) and
``set_random_seed`` (the process host generator), plus ``K.eager`` inside a trace."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
import tensorplug
from tensorplug import backend as K
from tensorplug.graph import Symbol
from tensorplug.utils import set_random_seed, to_categorical


def one_hot_ref(labels: list[int], classes: int) -> np.ndarray:
    out = np.zeros((len(labels), classes))
    for row, label in enumerate(labels):
        out[row, label] = 1
    return out


def test_to_categorical_infers_max_plus_one_classes() -> None:
    got = to_categorical([0, 2, 1, 2])
    assert got.shape == (4, 3) and got.dtype == np.float32
    np.testing.assert_array_equal(got, one_hot_ref([0, 2, 1, 2], 3))


def test_to_categorical_with_num_classes_and_dtype() -> None:
    got = to_categorical(np.array([1, 0]), num_classes=4, dtype="int64")
    assert got.dtype == np.int64
    np.testing.assert_array_equal(got, one_hot_ref([1, 0], 4))


def test_to_categorical_squeezes_a_trailing_one() -> None:
    got = to_categorical(np.array([[1], [3], [0]]))
    assert got.shape == (3, 4)
    np.testing.assert_array_equal(got, one_hot_ref([1, 3, 0], 4))


def test_to_categorical_keeps_leading_axes() -> None:
    y = np.array([[0, 1, 2], [2, 2, 0]])
    got = to_categorical(y, 3)
    assert got.shape == (2, 3, 3)
    np.testing.assert_array_equal(got.reshape(6, 3), one_hot_ref(y.ravel().tolist(), 3))


def test_to_categorical_edge_shapes() -> None:
    assert to_categorical(np.array([2]), 3).shape == (1, 3)  # a 1-D (n=1) input
    assert to_categorical(np.array(2), 3).shape == (3,)  # a scalar label
    assert to_categorical(np.zeros((0,), dtype=int), 3).shape == (0, 3)
    assert to_categorical([1.0, 0.0]).shape == (2, 2)  # integral floats are labels


@pytest.mark.parametrize(("y", "num_classes", "fragment"), [
    ([0, 3, 1], 3, "every label must be < num_classes=3"),
    ([0, -1, 1], None, "labels must be >= 0"),
    ([0, -1, 1], 3, "labels must be >= 0"),
    ([0.5, 1.0], None, "labels must be integers"),
    ([], None, "cannot infer num_classes"),
    ([0, 1], 0, "num_classes must be a positive int"),
])
def test_to_categorical_errors(y: list[float], num_classes: int | None, fragment: str) -> None:
    with pytest.raises(tensorplug.InvalidArgumentError, match=fragment):
        to_categorical(y, num_classes)


def test_to_categorical_refuses_strings() -> None:
    with pytest.raises(TypeError, match="integer class labels"):
        to_categorical(["a", "b"])


def test_set_random_seed_repeats_unseeded_draws() -> None:
    try:
        set_random_seed(123)
        first = [K.to_numpy(K.random_normal((4,))), K.to_numpy(K.dropout(K.ones((50,)), 0.5))]
        set_random_seed(123)
        second = [K.to_numpy(K.random_normal((4,))), K.to_numpy(K.dropout(K.ones((50,)), 0.5))]
        for a, b in zip(first, second):
            np.testing.assert_array_equal(a, b)
        set_random_seed(124)
        assert not np.array_equal(K.to_numpy(K.random_normal((4,))), first[0])
    finally:
        set_random_seed(None)


def test_set_random_seed_leaves_seeded_ops_alone() -> None:
    a = K.to_numpy(K.random_uniform((5,), seed=9))
    set_random_seed(1)
    b = K.to_numpy(K.random_uniform((5,), seed=9))
    set_random_seed(None)
    np.testing.assert_array_equal(a, b)


def test_set_random_seed_errors() -> None:
    with pytest.raises(tensorplug.InvalidArgumentError, match="non-negative int"):
        set_random_seed(-3)
    with pytest.raises(tensorplug.InvalidArgumentError, match="non-negative int"):
        set_random_seed("7")


def test_utils_import_does_not_import_numpy() -> None:
    code = ("import sys; sys.modules['numpy'] = None\n"
            "import tensorplug.utils, tensorplug._rng\n"
            "assert 'numpy' not in {m for m in sys.modules if sys.modules[m] is not None}\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr


def test_eager_computes_inside_a_symbolic_function() -> None:
    v = K.variable(np.ones((2,)))

    @K.eager
    def concrete() -> object:
        return K.add(v, 1.0)

    @K.symbolic
    def build() -> tuple[object, object]:
        return K.add(v, 1.0), concrete()

    symbolic, eager = build()
    assert isinstance(symbolic, Symbol) and not isinstance(eager, Symbol)
    np.testing.assert_array_equal(K.to_numpy(eager), [2.0, 2.0])
