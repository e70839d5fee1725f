"""Facade: slicing, reversing, ranges and repetition.

Arguments are normalised and checked against ``x``'s static shape before the call, so
a bad start, size, axis or rank gives the same error on every backend.
"""

from __future__ import annotations

import sys
from typing import Any

from .. import _dispatch
from .._errors import IncompatibleShapesError, InvalidArgumentError, InvalidTypeError
from .._host import is_host_array
from ._args import dtype_name
from ._recover import recover
from ._validate import check_axis

__all__ = ["slice", "reverse", "arange", "repeat"]
_OPS: tuple[str, ...] = tuple(__all__)


def _ints(op: str, name: str, value: Any) -> tuple[int, ...]:
    if isinstance(value, int) and not isinstance(value, bool):
        value = (value,)
    try:
        items = list(value)
    except TypeError:
        items = [None]
    if not all(not isinstance(v, bool) and hasattr(v, "__index__") for v in items):
        raise InvalidTypeError(f"K.{op}: {name} must be a list or tuple of ints. "
                               f"Received: {name}={value!r}.")
    return tuple(int(v.__index__()) for v in items)


def _static_shape(x: Any) -> tuple[int | None, ...] | None:
    """``x``'s static shape (a symbol's may hold None, or be None for unknown rank)."""
    from ._tensors import convert_to_tensor, int_shape

    try:
        shape = int_shape(x)
    except Exception:
        shape = int_shape(convert_to_tensor(x))
    return None if shape is None else tuple(shape)


def slice(x: Any, start: Any, size: Any) -> Any:  # noqa: A001 - Keras name
    start, size = _ints("slice", "start", start), _ints("slice", "size", size)
    shape = _static_shape(x)
    if shape is not None:
        _check_slice(shape, start, size)
    try:
        return _slice(x, start, size)
    except Exception as exc:
        return recover("slice", (x, start, size), exc)


def _check_slice(shape: tuple[int | None, ...], start: tuple[int, ...],
                 size: tuple[int, ...]) -> None:
    if not len(start) == len(size) == len(shape):
        raise InvalidArgumentError(
            f"K.slice: start and size need one entry per axis of x (rank {len(shape)}).\n"
            f"Received: start={start}, size={size}, x.shape={shape}.")
    for axis, (begin, count, dim) in enumerate(zip(start, size, shape)):
        end = begin + count if count != -1 else begin
        bad = begin < 0 or count < -1 or (dim is not None and (begin > dim or end > dim))
        if bad:
            raise InvalidArgumentError(
                f"K.slice: axis {axis} of size {dim} cannot hold start {begin} with size "
                f"{count}: need 0 <= start and start + size <= {dim} (size -1 takes the "
                f"rest).\nReceived: start={start}, size={size}, x.shape={shape}.")


def reverse(x: Any, axes: Any) -> Any:
    axes = _ints("reverse", "axes", axes)
    shape = _static_shape(x)
    if shape is not None:
        normal = [check_axis("reverse", a, len(shape)) for a in axes]
        if len(set(normal)) != len(normal):
            raise InvalidArgumentError(f"K.reverse: repeated axis. Received: axes={axes}.")
    try:
        return _reverse(x, axes)
    except Exception as exc:
        return recover("reverse", (x, axes), exc)


def _number(name: str, value: Any) -> int | float:
    if is_host_array(value) and value.ndim == 0 and value.dtype.kind in "iuf":
        value = value.item()  # a numpy scalar: its Python number
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InvalidTypeError(f"K.arange: {name} must be a Python number. "
                               f"Received: {name}={value!r}.")
    return value


def arange(start: Any, stop: Any = None, step: Any = 1, dtype: Any = "int32") -> Any:
    if stop is None:
        start, stop = 0, start
    args = (_number("start", start), _number("stop", stop), _number("step", step),
            dtype_name(dtype))
    if args[2] == 0:
        raise InvalidArgumentError("K.arange: step must not be zero. Received: step=0.")
    try:
        return _arange(*args)
    except Exception as exc:
        return recover("arange", args, exc)


def repeat(x: Any, n: Any) -> Any:
    if isinstance(n, bool) or not hasattr(n, "__index__") or int(n.__index__()) < 0:
        raise InvalidArgumentError(f"K.repeat: n must be a non-negative int. "
                                   f"Received: n={n!r}.")
    n = int(n.__index__())
    shape = _static_shape(x)
    if shape is not None and len(shape) != 2:
        raise IncompatibleShapesError(
            f"K.repeat: x must be 2-D (samples, dim). Received: x.shape={shape}.\n"
            f"Fix: K.batch_flatten(x) first, or use K.repeat_elements / K.tile.")
    try:
        return _repeat(x, n)
    except Exception as exc:
        return recover("repeat", (x, n), exc)


_slice = _reverse = _arange = _repeat = _dispatch.UNBOUND
_dispatch.register(sys.modules[__name__], _OPS)
