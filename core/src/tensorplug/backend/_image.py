"""Facade: padding and resizing.

Arguments are normalised here (the same on every backend): ``padding`` becomes a pair
(``temporal_padding``) or a tuple of pairs of non-negative ints, factors are checked to
be positive ints, ``data_format`` None becomes ``image_data_format()``, and the rank of
``x`` is checked.
"""

from __future__ import annotations

import sys
from typing import Any

from .. import _dispatch
from .._errors import InvalidArgumentError
from ._conv import _choice, _rank, _shape
from ._recover import recover
from ._session import normalize_data_format

__all__ = ["temporal_padding", "spatial_2d_padding", "spatial_3d_padding", "resize_images",
           "resize_volumes"]
_OPS: tuple[str, ...] = tuple(__all__)

Pair = tuple[int, int]


def _pair(op: str, value: Any, shown: Any) -> Pair:
    try:
        a, b = value
        ok = all(hasattr(v, "__index__") and not isinstance(v, bool) and int(v) >= 0
                 for v in (a, b))
    except (TypeError, ValueError):
        ok = False
    if not ok:
        raise InvalidArgumentError(f"K.{op}: padding must be (before, after) pairs of "
                                   f"non-negative ints. Received: padding={shown!r}.")
    return int(a), int(b)


def _pairs(op: str, padding: Any, n: int) -> tuple[Pair, ...]:
    try:
        items = tuple(padding)
    except TypeError:
        items = ()
    if len(items) != n:
        raise InvalidArgumentError(f"K.{op}: padding must be {n} (before, after) pairs. "
                                   f"Received: padding={padding!r}.")
    return tuple(_pair(op, p, padding) for p in items)


def _factor(op: str, name: str, value: Any) -> int:
    if not hasattr(value, "__index__") or isinstance(value, bool) or int(value) < 1:
        raise InvalidArgumentError(f"K.{op}: {name} must be a positive int. "
                                   f"Received: {name}={value!r}.")
    return int(value)


def temporal_padding(x: Any, padding: Any = (1, 1)) -> Any:
    padding = _pair("temporal_padding", padding, padding)
    _rank("temporal_padding", "x", _shape(x), 3, "(batch, steps, features)")
    try:
        return _temporal_padding(x, padding)
    except Exception as exc:
        return recover("temporal_padding", (x, padding), exc)


def spatial_2d_padding(x: Any, padding: Any = ((1, 1), (1, 1)), data_format: Any = None) -> Any:
    padding = _pairs("spatial_2d_padding", padding, 2)
    data_format = normalize_data_format(data_format)
    _rank("spatial_2d_padding", "x", _shape(x), 4, f"({data_format})")
    try:
        return _spatial_2d_padding(x, padding, data_format)
    except Exception as exc:
        return recover("spatial_2d_padding", (x, padding, data_format), exc)


def spatial_3d_padding(x: Any, padding: Any = ((1, 1), (1, 1), (1, 1)),
                       data_format: Any = None) -> Any:
    padding = _pairs("spatial_3d_padding", padding, 3)
    data_format = normalize_data_format(data_format)
    _rank("spatial_3d_padding", "x", _shape(x), 5, f"({data_format})")
    try:
        return _spatial_3d_padding(x, padding, data_format)
    except Exception as exc:
        return recover("spatial_3d_padding", (x, padding, data_format), exc)


def resize_images(x: Any, height_factor: Any, width_factor: Any, data_format: Any,
                  interpolation: Any = "nearest") -> Any:
    args = (x, _factor("resize_images", "height_factor", height_factor),
            _factor("resize_images", "width_factor", width_factor),
            normalize_data_format(data_format),
            _choice("resize_images", "interpolation", interpolation, ("nearest", "bilinear")))
    _rank("resize_images", "x", _shape(x), 4, f"({args[3]})")
    try:
        return _resize_images(*args)
    except Exception as exc:
        return recover("resize_images", args, exc)


def resize_volumes(x: Any, depth_factor: Any, height_factor: Any, width_factor: Any,
                   data_format: Any) -> Any:
    args = (x, _factor("resize_volumes", "depth_factor", depth_factor),
            _factor("resize_volumes", "height_factor", height_factor),
            _factor("resize_volumes", "width_factor", width_factor),
            normalize_data_format(data_format))
    _rank("resize_volumes", "x", _shape(x), 5, f"({args[4]})")
    try:
        return _resize_volumes(*args)
    except Exception as exc:
        return recover("resize_volumes", args, exc)


_temporal_padding = _spatial_2d_padding = _spatial_3d_padding = _resize_images = \
    _resize_volumes = _dispatch.UNBOUND
_dispatch.register(sys.modules[__name__], _OPS)
