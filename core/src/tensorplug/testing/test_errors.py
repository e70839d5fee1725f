"""Bad input gives the same tensorplug error class, with the same message content, on
every backend (the facade's argument checks and ``_validate``)."""

from __future__ import annotations

from typing import Any, Callable

import numpy as np
import pytest

import tensorplug
from tensorplug import backend as K

from ._cases import declared_dtypes

AxisError = tensorplug.AxisError
Shapes = tensorplug.IncompatibleShapesError
Invalid = tensorplug.InvalidArgumentError
InvalidType = tensorplug.InvalidTypeError


def _float() -> str:
    return next(d for d in ("float32", "float64", "float16") if d in declared_dtypes())


def t(*shape: int) -> Any:
    """A backend tensor of ``shape`` (the first declared float dtype)."""
    return K.convert_to_tensor(np.arange(int(np.prod(shape)), dtype=_float()).reshape(shape))


def idx(*values: int) -> Any:
    return K.convert_to_tensor(np.array(values, dtype="int64"))


# (op, case, call, exact error class, fragments the message must contain: the op, and
# the received value where it matters)
ERRORS: list[tuple[str, str, Callable[[], Any], type[Exception], tuple[str, ...]]] = [
    # axes
    ("sum", "bad_axis", lambda: K.sum(t(2, 3), axis=2), AxisError, ("K.sum", "axis 2")),
    ("sum", "bad_negative_axis", lambda: K.sum(t(2, 3), axis=-3), AxisError, ("axis -3",)),
    ("sum", "bad_axis_in_tuple", lambda: K.sum(t(2, 3), axis=(0, 5)), AxisError,
     ("axis 5",)),
    ("sum", "repeated_axis", lambda: K.sum(t(2, 3), axis=(1, -1)), AxisError,
     ("repeated",)),
    ("prod", "bad_axis", lambda: K.prod(t(2, 3), axis=2, keepdims=True), AxisError,
     ("K.prod", "axis 2")),
    ("mean", "bad_axis", lambda: K.mean(t(2, 3), axis=3), AxisError, ("K.mean", "axis 3")),
    ("max", "bad_axis", lambda: K.max(t(4), axis=1), AxisError, ("K.max", "axis 1")),
    ("min", "bad_axis", lambda: K.min(t(4), axis=-2), AxisError, ("K.min", "axis -2")),
    ("var", "bad_axis", lambda: K.var(t(2, 3), axis=2), AxisError, ("K.var",)),
    ("std", "bad_axis", lambda: K.std(t(2, 3), axis=2), AxisError, ("K.std",)),
    ("any", "bad_axis", lambda: K.any(t(2, 3), axis=2), AxisError, ("K.any",)),
    ("all", "bad_axis", lambda: K.all(t(2, 3), axis=2), AxisError, ("K.all",)),
    ("logsumexp", "bad_axis", lambda: K.logsumexp(t(2, 3), axis=2), AxisError,
     ("K.logsumexp",)),
    ("argmax", "bad_axis", lambda: K.argmax(t(2, 3), axis=2), AxisError,
     ("K.argmax", "axis 2")),
    ("argmin", "bad_axis", lambda: K.argmin(t(2, 3), axis=-3), AxisError, ("K.argmin",)),
    ("cumsum", "bad_axis", lambda: K.cumsum(t(2, 3), axis=2), AxisError, ("K.cumsum",)),
    ("cumprod", "bad_axis", lambda: K.cumprod(t(2, 3), axis=2), AxisError, ("K.cumprod",)),
    ("softmax", "bad_axis", lambda: K.softmax(t(2, 3), axis=2), AxisError, ("K.softmax",)),
    ("expand_dims", "bad_axis", lambda: K.expand_dims(t(2, 3), 4), AxisError,
     ("K.expand_dims", "axis 4")),
    ("squeeze", "bad_axis", lambda: K.squeeze(t(1, 3), 2), AxisError, ("K.squeeze",)),
    ("concatenate", "bad_axis", lambda: K.concatenate([t(2, 3), t(2, 3)], axis=2),
     AxisError, ("K.concatenate", "axis 2")),
    ("stack", "bad_axis", lambda: K.stack([t(2, 3), t(2, 3)], axis=4), AxisError,
     ("K.stack",)),
    ("repeat_elements", "bad_axis", lambda: K.repeat_elements(t(2, 3), 2, 2), AxisError,
     ("K.repeat_elements",)),
    # broadcasting
    ("add", "unbroadcastable", lambda: K.add(t(2, 3), t(4)), Shapes,
     ("K.add", "(2, 3)", "(4,)")),
    ("subtract", "unbroadcastable", lambda: K.subtract(t(2, 3), t(2, 2)), Shapes,
     ("K.subtract", "(2, 3)", "(2, 2)")),
    ("multiply", "unbroadcastable", lambda: K.multiply(t(3, 1), t(2, 2)), Shapes,
     ("K.multiply",)),
    ("divide", "unbroadcastable", lambda: K.divide(t(2, 3), t(3, 2)), Shapes,
     ("K.divide",)),
    ("maximum", "unbroadcastable", lambda: K.maximum(t(2, 3), t(2)), Shapes,
     ("K.maximum",)),
    ("minimum", "unbroadcastable", lambda: K.minimum(t(2, 3), t(2)), Shapes,
     ("K.minimum",)),
    ("pow", "unbroadcastable", lambda: K.pow(t(2, 3), t(2)), Shapes, ("K.pow",)),
    ("equal", "unbroadcastable", lambda: K.equal(t(2, 3), t(2)), Shapes, ("K.equal",)),
    ("less", "unbroadcastable", lambda: K.less(t(2, 3), t(2)), Shapes, ("K.less",)),
    ("where", "unbroadcastable", lambda: K.where(K.convert_to_tensor(np.ones((2, 3), bool)),
                                                 t(2, 3), t(2)), Shapes, ("K.where",)),
    ("clip", "unbroadcastable_bounds", lambda: K.clip(t(2, 3), t(2), t(3)), Shapes,
     ("K.clip",)),
    # shapes
    ("reshape", "wrong_size", lambda: K.reshape(t(2, 3), (4, 2)), Shapes,
     ("K.reshape", "(2, 3)", "(4, 2)")),
    ("reshape", "two_minus_one", lambda: K.reshape(t(2, 3), (-1, -1)), Shapes,
     ("K.reshape", "-1")),
    ("reshape", "indivisible", lambda: K.reshape(t(2, 3), (4, -1)), Shapes, ("K.reshape",)),
    ("reshape", "negative_dim", lambda: K.reshape(t(2, 3), [2, -3]), Invalid,
     ("K.reshape", "negative", "-3")),
    ("squeeze", "not_size_1", lambda: K.squeeze(t(2, 3), 1), Invalid,
     ("K.squeeze", "size 3")),
    ("permute_dimensions", "not_a_permutation",
     lambda: K.permute_dimensions(t(2, 3), (0, 0)), Invalid, ("K.permute_dimensions",)),
    ("permute_dimensions", "wrong_length",
     lambda: K.permute_dimensions(t(2, 3), (2, 0, 1)), Invalid, ("K.permute_dimensions",)),
    ("concatenate", "shape_mismatch", lambda: K.concatenate([t(2, 3), t(3, 3)], axis=1),
     Shapes, ("K.concatenate",)),
    ("concatenate", "rank_mismatch", lambda: K.concatenate([t(2, 3), t(3)]), Shapes,
     ("K.concatenate", "rank")),
    ("concatenate", "empty", lambda: K.concatenate([]), Invalid, ("K.concatenate",)),
    ("stack", "shape_mismatch", lambda: K.stack([t(2, 3), t(3, 2)]), Shapes, ("K.stack",)),
    ("stack", "empty", lambda: K.stack([]), Invalid, ("K.stack",)),
    ("tile", "n_too_long", lambda: K.tile(t(2), (2, 2)), Invalid, ("K.tile", "rank")),
    ("repeat_elements", "negative_rep", lambda: K.repeat_elements(t(2, 3), -1, 0), Invalid,
     ("K.repeat_elements", "rep")),
    ("gather", "index_out_of_range", lambda: K.gather(t(3, 2), idx(0, 5)), Invalid,
     ("K.gather", "5")),
    ("gather", "float_indices",
     lambda: K.gather(t(3, 2), K.convert_to_tensor(np.array([0.0, 1.0], _float()))),
     Invalid, ("K.gather", "integer")),
    ("one_hot", "zero_classes", lambda: K.one_hot(idx(0, 1), 0), Invalid,
     ("K.one_hot", "num_classes")),
    ("eye", "three_sizes", lambda: K.eye((2, 3, 4)), Invalid, ("K.eye", "size")),
    ("set_value", "shape_mismatch",
     lambda: K.set_value(K.variable(np.zeros((2, 3)), _float()), np.ones((3, 2))), Shapes,
     ("K.set_value", "(2, 3)", "(3, 2)")),
    # products
    ("dot", "shape_mismatch", lambda: K.dot(t(2, 3), t(4, 5)), Shapes,
     ("K.dot", "(2, 3)", "(4, 5)")),
    ("dot", "shape_mismatch_3d", lambda: K.dot(t(2, 3), t(4, 5, 6)), Shapes, ("K.dot",)),
    ("batch_dot", "batch_axis", lambda: K.batch_dot(t(2, 3), t(2, 3), axes=(0, 1)), Invalid,
     ("K.batch_dot", "batch axis 0")),
    ("batch_dot", "batch_axis_int", lambda: K.batch_dot(t(2, 3), t(2, 3), axes=0), Invalid,
     ("K.batch_dot", "batch axis 0")),
    ("batch_dot", "batch_size_mismatch", lambda: K.batch_dot(t(2, 3), t(3, 3)), Shapes,
     ("K.batch_dot", "batch")),
    ("batch_dot", "contracted_mismatch", lambda: K.batch_dot(t(2, 3), t(2, 4)), Shapes,
     ("K.batch_dot", "contracted")),
    ("batch_dot", "rank_1", lambda: K.batch_dot(t(3), t(3)), Invalid,
     ("K.batch_dot", "rank")),
    ("batch_dot", "axes_out_of_range", lambda: K.batch_dot(t(2, 3), t(2, 3), axes=(1, 4)),
     Invalid, ("K.batch_dot", "(1, 4)")),
    ("batch_dot", "nested_axes", lambda: K.batch_dot(t(2, 3), t(2, 3), axes=[[1], [1]]),
     Invalid, ("K.batch_dot", "axes")),
    # dtypes
    ("cast", "bad_dtype", lambda: K.cast(t(2), "float33"), Invalid, ("float33", "float32")),
    ("convert_to_tensor", "bad_dtype", lambda: K.convert_to_tensor([1, 2], "int31"), Invalid,
     ("int31",)),
    ("zeros", "bad_dtype", lambda: K.zeros((2,), "floaty"), Invalid, ("floaty",)),
    ("variable", "bad_dtype", lambda: K.variable(np.zeros(2), "complex"), Invalid,
     ("complex",)),
]


@pytest.mark.parametrize(("call", "error", "fragments"),
                         [pytest.param(call, error, frag, id=f"{op}-{case}")
                          for op, case, call, error, frag in ERRORS])
def test_errors(call: Callable[[], Any], error: type[Exception],
                fragments: tuple[str, ...]) -> None:
    with pytest.raises(tensorplug.TensorplugError) as info:
        call()
    exc = info.value
    assert type(exc) is error, (
        f"raised {type(exc).__name__}, expected exactly tensorplug.{error.__name__}: {exc}")
    missing = [f for f in fragments if f not in str(exc)]
    assert not missing, f"message lacks {missing}: {exc}"
