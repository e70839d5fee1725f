"""Cached int32 constants for shapes, axes and permutations.

Converting a Python tuple to a tensor costs TensorFlow about 14 us per op call, more
than the op itself at small sizes; a cached eager constant costs nothing. Constants are
made eagerly (``tf.init_scope``), so a ``tf.function`` captures them as graph constants
and static shapes survive tracing. The cache is bounded.
"""

from __future__ import annotations

from typing import Any

import tensorflow as tf

from ._convert import ET

MAX_ENTRIES = 4096
_cache: dict[Any, Any] = {}
_all_axes: list[Any] = []


def const(key: Any) -> Any:
    """An int32 eager tensor holding ``key`` (an int or a tuple of ints)."""
    hit = _cache.get(key)
    return hit if hit is not None else _make(key)


def _make(key: Any) -> Any:
    with tf.init_scope():
        value = tf.constant(key, dtype=tf.int32)
    if type(value) is ET:
        if len(_cache) >= MAX_ENTRIES:
            _cache.clear()
        _cache[key] = value
    return value


def cache() -> dict[Any, Any]:
    """The cache itself (the hot paths bind its ``get``; ``clear`` empties it in place)."""
    return _cache


def all_axes(ndim: int) -> Any:
    """``const(tuple(range(ndim)))``, indexed by rank."""
    if ndim < len(_all_axes):
        return _all_axes[ndim]
    value = const(tuple(range(ndim)))
    if type(value) is ET and ndim == len(_all_axes):
        _all_axes.append(value)
    return value


def clear() -> None:
    _cache.clear()
    _all_axes.clear()
