"""Slicing, reversing, ranges and repetition."""

from __future__ import annotations

from typing import Any

from ._markers import hookspec


@hookspec(firstresult=True)
def slice(x: Any, start: Any, size: Any) -> Any:
    """A contiguous block of ``x``.

    :param x: a tensor.
    :param start: a tuple of ints, one per axis (non-negative).
    :param size: a tuple of ints, one per axis; -1 takes the rest of that axis.
    :returns: a tensor of shape ``size`` (with -1 resolved).

    .. versionadded:: 0.1
    """

@hookspec(firstresult=True)
def reverse(x: Any, axes: Any) -> Any:
    """Reverse the order of elements along axes.

    :param x: a tensor.
    :param axes: a tuple of ints (the facade wraps a single int).
    :returns: a tensor of ``x``'s shape.

    .. versionadded:: 0.1
    """

@hookspec(firstresult=True)
def arange(start: Any, stop: Any, step: Any, dtype: Any) -> Any:
    """Evenly spaced values in ``[start, stop)``.

    :param start: a Python number.
    :param stop: a Python number (the facade turns ``arange(n)`` into ``arange(0, n)``).
    :param step: a non-zero Python number.
    :param dtype: a dtype name (Keras default ``'int32'``).
    :returns: a 1-D tensor; empty when the range is.

    .. versionadded:: 0.1
    """

@hookspec(firstresult=True)
def repeat(x: Any, n: Any) -> Any:
    """Repeat a 2-D tensor along a new axis 1.

    :param x: a tensor of shape ``(samples, dim)``.
    :param n: a non-negative int.
    :returns: a tensor of shape ``(samples, n, dim)``.

    .. versionadded:: 0.1
    """
