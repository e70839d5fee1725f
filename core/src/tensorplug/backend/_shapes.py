"""Facade: reshaping, joining, repeating and indexing."""

from __future__ import annotations

import sys
from typing import Any

from .. import _dispatch
from .._errors import InvalidArgumentError, InvalidTypeError
from ._args import int_axis, shape_arg, symbolic_shape
from ._recover import recover

_OPS = (
    "reshape", "concatenate", "stack", "expand_dims", "squeeze", "flatten", "batch_flatten",
    "permute_dimensions", "tile", "repeat_elements", "gather", "one_hot",
)


def reshape(x: Any, shape: Any) -> Any:
    if type(shape) is not tuple:
        dynamic = symbolic_shape("reshape", shape, -1)
        if dynamic is not None:
            return _symbolic_reshape(x, dynamic)
        shape = shape_arg("reshape", shape)
    try:
        return _reshape(x, shape)
    except Exception as exc:
        dynamic = symbolic_shape("reshape", shape, -1)
        if dynamic is not None:
            return _symbolic_reshape(x, dynamic)
        return recover("reshape", (x, shape), exc)


def _symbolic_reshape(x: Any, shape: tuple[Any, ...]) -> Any:
    """``K.reshape(x, (K.shape(x)[0], -1, 8))`` or ``K.reshape(x, K.shape(y))``: sizes
    known when the graph runs. Recorded as the graph op ``reshape_dynamic``, which reads
    the sizes on the host and calls the backend's ``reshape`` with ints."""
    from ..graph._rules import output_spec
    from ..graph._symbol import Symbol
    from ..graph._trace import spec_of

    if shape.count(-1) > 1:
        raise InvalidArgumentError(f"K.reshape: at most one entry of shape can be -1. "
                                   f"Received: shape={shape!r}.")
    return Symbol("reshape_dynamic", (x, shape), output_spec("reshape", (spec_of(x), shape)))


def _tensor_list(op: str, tensors: Any) -> list[Any]:
    if not isinstance(tensors, (list, tuple)):
        raise InvalidTypeError(f"K.{op} takes a list of tensors. "
                               f"Received: {type(tensors).__name__}.")
    if not tensors:
        raise InvalidArgumentError(f"K.{op} needs at least one tensor. Received: [].")
    return list(tensors)


def concatenate(tensors: Any, axis: int = -1) -> Any:
    args = (_tensor_list("concatenate", tensors), int_axis("concatenate", axis))
    try:
        return _concatenate(*args)
    except Exception as exc:
        return recover("concatenate", args, exc)


def stack(x: Any, axis: int = 0) -> Any:
    args = (_tensor_list("stack", x), int_axis("stack", axis))
    try:
        return _stack(*args)
    except Exception as exc:
        return recover("stack", args, exc)


def expand_dims(x: Any, axis: int = -1) -> Any:
    axis = int_axis("expand_dims", axis)
    try:
        return _expand_dims(x, axis)
    except Exception as exc:
        return recover("expand_dims", (x, axis), exc)


def squeeze(x: Any, axis: int) -> Any:
    axis = int_axis("squeeze", axis)
    try:
        return _squeeze(x, axis)
    except Exception as exc:
        return recover("squeeze", (x, axis), exc)


def flatten(x: Any) -> Any:
    try:
        return _flatten(x)
    except Exception as exc:
        return recover("flatten", (x,), exc)


def batch_flatten(x: Any) -> Any:
    try:
        return _batch_flatten(x)
    except Exception as exc:
        return recover("batch_flatten", (x,), exc)


def permute_dimensions(x: Any, pattern: Any) -> Any:
    pattern = shape_arg("permute_dimensions", pattern, "pattern")
    try:
        return _permute_dimensions(x, pattern)
    except Exception as exc:
        return recover("permute_dimensions", (x, pattern), exc)


def tile(x: Any, n: Any) -> Any:
    n = shape_arg("tile", n, "n")
    rank = len(int_shape_of(x))
    if len(n) > rank:
        raise InvalidArgumentError(
            f"K.tile: n has {len(n)} entries but x has rank {rank}. Received: n={n}.\n"
            f"Fix: K.reshape or K.expand_dims x to rank {len(n)} first.")
    n = (1,) * (rank - len(n)) + n
    try:
        return _tile(x, n)
    except Exception as exc:
        return recover("tile", (x, n), exc)


def repeat_elements(x: Any, rep: int, axis: int) -> Any:
    if isinstance(rep, bool) or not isinstance(rep, int) or rep < 0:
        raise InvalidArgumentError(f"K.repeat_elements: rep must be a non-negative int. "
                                   f"Received: rep={rep!r}.")
    axis = int_axis("repeat_elements", axis)
    try:
        return _repeat_elements(x, rep, axis)
    except Exception as exc:
        return recover("repeat_elements", (x, rep, axis), exc)


def gather(reference: Any, indices: Any) -> Any:
    try:
        return _gather(reference, indices)
    except Exception as exc:
        return recover("gather", (reference, indices), exc)


def one_hot(indices: Any, num_classes: int) -> Any:
    if isinstance(num_classes, bool) or not isinstance(num_classes, int) or num_classes < 1:
        raise InvalidArgumentError(f"K.one_hot: num_classes must be a positive int. "
                                   f"Received: num_classes={num_classes!r}.")
    try:
        return _one_hot(indices, num_classes)
    except Exception as exc:
        return recover("one_hot", (indices, num_classes), exc)


def int_shape_of(x: Any) -> tuple[int, ...]:
    from ._tensors import convert_to_tensor, int_shape

    try:
        return tuple(int_shape(x))
    except Exception:
        return tuple(int_shape(convert_to_tensor(x)))


_reshape = _concatenate = _stack = _expand_dims = _squeeze = _flatten = _batch_flatten = \
    _permute_dimensions = _tile = _repeat_elements = _gather = _one_hot = _dispatch.UNBOUND
_dispatch.register(sys.modules[__name__], _OPS)
