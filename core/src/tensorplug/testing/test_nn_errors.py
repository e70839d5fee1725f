"""Errors of the nn family: the same tensorplug error class and message on every
backend (split from test_nn.py)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

import tensorplug
from tensorplug import backend as K


def _f(*shape: int) -> Any:
    return K.convert_to_tensor(np.full(shape, 0.25, dtype="float32"))


Invalid, AxisError = tensorplug.InvalidArgumentError, tensorplug.AxisError
ERRORS: list[tuple[str, str, Any, type[Exception], tuple[str, ...]]] = [
    ("bias_add", "bias_rank", lambda: K.bias_add(_f(2, 3, 4), _f(1, 1, 1, 4)), Invalid,
     ("K.bias_add", "bias dimensions 4")),
    ("bias_add", "bias_rank_6d", lambda: K.bias_add(_f(1, 1, 1, 1, 1, 2), _f(1, 1, 1, 1, 2)),
     Invalid, ("expected 1",)),
    ("bias_add", "bias_length", lambda: K.bias_add(_f(2, 3), _f(4)), Invalid,
     ("bias.shape (4,)",)),
    ("bias_add", "x_rank_1", lambda: K.bias_add(_f(3), _f(3)), Invalid, ("rank >= 2",)),
    ("bias_add", "data_format", lambda: K.bias_add(_f(2, 3), _f(3), "nhwc"), ValueError,
     ("data_format",)),
    ("in_top_k", "k_zero", lambda: K.in_top_k(_f(2, 3), K.convert_to_tensor(
        np.zeros(2, "int32")), 0), Invalid, ("K.in_top_k", "k=0")),
    ("in_top_k", "target_shape", lambda: K.in_top_k(_f(2, 3), K.convert_to_tensor(
        np.zeros(3, "int32")), 1), Invalid, ("targets.shape=(3,)",)),
    ("categorical_crossentropy", "bad_axis",
     lambda: K.categorical_crossentropy(_f(2, 3), _f(2, 3), axis=2), AxisError, ("axis 2",)),
    ("sparse_categorical_crossentropy", "bad_axis", lambda: K.sparse_categorical_crossentropy(
        _f(2), _f(2, 3), axis=-3), AxisError, ("axis -3",)),
    ("sparse_categorical_crossentropy", "target_shape",
     lambda: K.sparse_categorical_crossentropy(_f(3), _f(2, 3)), Invalid, ("target.shape",)),
    ("binary_crossentropy", "shapes", lambda: K.binary_crossentropy(_f(2, 3), _f(2, 4)),
     tensorplug.IncompatibleShapesError, ("K.binary_crossentropy",)),
    ("l2_normalize", "bad_axis", lambda: K.l2_normalize(_f(2, 3), axis=2), AxisError,
     ("K.l2_normalize", "axis 2")),
    ("batch_normalization", "stat_length", lambda: K.batch_normalization(
        _f(2, 3), _f(2), _f(2), None, None), Invalid, ("a 1-D mean",)),
    ("batch_normalization", "epsilon_type", lambda: K.batch_normalization(
        _f(2, 3), _f(3), _f(3), None, None, epsilon="small"),  # type: ignore[arg-type]
     tensorplug.InvalidTypeError,
     ("epsilon",)),
    ("normalize_batch_in_training", "gamma_size", lambda: K.normalize_batch_in_training(
        _f(4, 3), _f(2), None, [0]), Invalid, ("gamma",)),
    ("normalize_batch_in_training", "bad_axis", lambda: K.normalize_batch_in_training(
        _f(4, 3), None, None, [2]), AxisError, ("axis 2",)),
]


@pytest.mark.parametrize(("call", "error", "fragments"),
                         [pytest.param(c, e, f, id=f"{op}-{name}")
                          for op, name, c, e, f in ERRORS])
def test_nn_errors(call: Any, error: type[Exception], fragments: tuple[str, ...]) -> None:
    with pytest.raises(error) as info:
        call()
    for fragment in fragments:
        assert fragment in str(info.value), f"{fragment!r} not in: {info.value}"
