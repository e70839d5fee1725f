"""Facade: products and transposes."""

from __future__ import annotations

import sys
from typing import Any

from .. import _dispatch
from .._errors import IncompatibleShapesError, InvalidArgumentError
from ._recover import recover
from ._shapes import int_shape_of

_OPS = ("dot", "batch_dot", "transpose")


def dot(x: Any, y: Any) -> Any:
    try:
        return _dot(x, y)
    except Exception as exc:
        return recover("dot", (x, y), exc)


def transpose(x: Any) -> Any:
    try:
        return _transpose(x)
    except Exception as exc:
        return recover("transpose", (x,), exc)


def batch_dot(x: Any, y: Any, axes: Any = None) -> Any:
    sx, sy = int_shape_of(x), int_shape_of(y)
    pair = batch_dot_axes(sx, sy, axes)
    try:
        return _batch_dot(x, y, pair)
    except Exception as exc:
        return recover("batch_dot", (x, y, pair), exc)


def batch_dot_axes(sx: tuple[int, ...], sy: tuple[int, ...], axes: Any) -> tuple[int, int]:
    """Keras 2.3's axes rules, checked against the static shapes."""
    if len(sx) < 2 or len(sy) < 2:
        raise InvalidArgumentError(f"K.batch_dot needs tensors of rank >= 2. "
                                   f"Received: x.shape={sx}, y.shape={sy}.")
    if axes is None:
        axes = (len(sx) - 1, len(sy) - 1 if len(sy) == 2 else len(sy) - 2)
    elif isinstance(axes, int) and not isinstance(axes, bool):
        axes = (axes, axes)
    if (not isinstance(axes, (list, tuple)) or len(axes) != 2
            or not all(isinstance(a, int) and not isinstance(a, bool) for a in axes)):
        raise InvalidArgumentError(f"K.batch_dot: axes must be None, an int or a pair of "
                                   f"ints. Received: axes={axes!r}.")
    ax = (axes[0] % len(sx) if -len(sx) <= axes[0] < len(sx) else None,
          axes[1] % len(sy) if -len(sy) <= axes[1] < len(sy) else None)
    if ax[0] is None or ax[1] is None:
        raise InvalidArgumentError(f"K.batch_dot: axes {tuple(axes)} out of range for ranks "
                                   f"{len(sx)} and {len(sy)}.\nReceived: axes={tuple(axes)}, "
                                   f"x.shape={sx}, y.shape={sy}.")
    if 0 in ax:
        raise InvalidArgumentError(f"K.batch_dot cannot contract the batch axis 0. "
                                   f"Received: axes={tuple(axes)}.")
    if None not in (sx[0], sy[0]) and sx[0] != sy[0]:
        raise IncompatibleShapesError(f"K.batch_dot: batch sizes differ: {sx[0]} and "
                                      f"{sy[0]}. Received: x.shape={sx}, y.shape={sy}.")
    cx, cy = sx[ax[0]], sy[ax[1]]
    if None not in (cx, cy) and cx != cy:
        raise IncompatibleShapesError(
            f"K.batch_dot: contracted dimensions differ: x axis {ax[0]} has {cx}, y axis "
            f"{ax[1]} has {cy}. Received: x.shape={sx}, y.shape={sy}, axes={tuple(axes)}.")
    return ax[0], ax[1]


_dot = _batch_dot = _transpose = _dispatch.UNBOUND
_dispatch.register(sys.modules[__name__], _OPS)
