"""Reductions and scans."""

from __future__ import annotations

from typing import Any

from ._markers import hookspec


@hookspec(firstresult=True)
def sum(x: Any, axis: Any, keepdims: Any) -> Any:
    """Sum over axes.

    :param x: a tensor.
    :param axis: ``None`` (all axes), an int, or a tuple of distinct ints; negative
        values count from the end. The facade has checked the range.
    :param keepdims: keep reduced axes as size 1.
    :returns: a tensor (0-d when every axis is reduced); dtype bool and integer inputs
        accumulate in ``int64`` (numpy 2); floats keep their dtype.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def prod(x: Any, axis: Any, keepdims: Any) -> Any:
    """Product over axes.

    :param x: a tensor.
    :param axis: ``None`` (all axes), an int, or a tuple of distinct ints; negative
        values count from the end. The facade has checked the range.
    :param keepdims: keep reduced axes as size 1.
    :returns: a tensor (0-d when every axis is reduced); dtype bool and integer inputs
        accumulate in ``int64``; floats keep their dtype.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def mean(x: Any, axis: Any, keepdims: Any) -> Any:
    """Arithmetic mean over axes.

    :param x: a tensor.
    :param axis: ``None`` (all axes), an int, or a tuple of distinct ints; negative
        values count from the end. The facade has checked the range.
    :param keepdims: keep reduced axes as size 1.
    :returns: a tensor (0-d when every axis is reduced); dtype float: integer and bool inputs
        give ``float64`` (numpy 2); floats keep their dtype.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def max(x: Any, axis: Any, keepdims: Any) -> Any:
    """Maximum over axes; NaN propagates.

    :param x: a tensor.
    :param axis: ``None`` (all axes), an int, or a tuple of distinct ints; negative
        values count from the end. The facade has checked the range.
    :param keepdims: keep reduced axes as size 1.
    :returns: a tensor (0-d when every axis is reduced); dtype ``x``'s dtype.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def min(x: Any, axis: Any, keepdims: Any) -> Any:
    """Minimum over axes; NaN propagates.

    :param x: a tensor.
    :param axis: ``None`` (all axes), an int, or a tuple of distinct ints; negative
        values count from the end. The facade has checked the range.
    :param keepdims: keep reduced axes as size 1.
    :returns: a tensor (0-d when every axis is reduced); dtype ``x``'s dtype.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def var(x: Any, axis: Any, keepdims: Any) -> Any:
    """Population variance (``ddof=0``) over axes.

    :param x: a tensor.
    :param axis: ``None`` (all axes), an int, or a tuple of distinct ints; negative
        values count from the end. The facade has checked the range.
    :param keepdims: keep reduced axes as size 1.
    :returns: a tensor (0-d when every axis is reduced); dtype as :func:`mean`.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def std(x: Any, axis: Any, keepdims: Any) -> Any:
    """Population standard deviation, ``sqrt(var)``.

    :param x: a tensor.
    :param axis: ``None`` (all axes), an int, or a tuple of distinct ints; negative
        values count from the end. The facade has checked the range.
    :param keepdims: keep reduced axes as size 1.
    :returns: a tensor (0-d when every axis is reduced); dtype as :func:`mean`.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def any(x: Any, axis: Any, keepdims: Any) -> Any:
    """Logical OR over axes, after casting to bool.

    :param x: a tensor.
    :param axis: ``None`` (all axes), an int, or a tuple of distinct ints; negative
        values count from the end. The facade has checked the range.
    :param keepdims: keep reduced axes as size 1.
    :returns: a tensor (0-d when every axis is reduced); dtype ``bool``.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def all(x: Any, axis: Any, keepdims: Any) -> Any:
    """Logical AND over axes, after casting to bool.

    :param x: a tensor.
    :param axis: ``None`` (all axes), an int, or a tuple of distinct ints; negative
        values count from the end. The facade has checked the range.
    :param keepdims: keep reduced axes as size 1.
    :returns: a tensor (0-d when every axis is reduced); dtype ``bool``.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def logsumexp(x: Any, axis: Any, keepdims: Any) -> Any:
    """``log(sum(exp(x)))`` over axes, computed stably (max-shifted).

    :param x: a tensor.
    :param axis: ``None`` (all axes), an int, or a tuple of distinct ints; negative
        values count from the end. The facade has checked the range.
    :param keepdims: keep reduced axes as size 1.
    :returns: a tensor (0-d when every axis is reduced); dtype as :func:`mean`.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def argmax(x: Any, axis: Any) -> Any:
    """Index of the maximum along one axis; the first occurrence on ties.

    :param x: a tensor.
    :param axis: an int (negative counts from the end).
    :returns: an ``int64`` tensor with ``axis`` removed.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def argmin(x: Any, axis: Any) -> Any:
    """Index of the minimum along one axis; the first occurrence on ties.

    :param x: a tensor.
    :param axis: an int (negative counts from the end).
    :returns: an ``int64`` tensor with ``axis`` removed.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def cumsum(x: Any, axis: Any) -> Any:
    """Cumulative sum along one axis.

    :param x: a tensor.
    :param axis: an int (negative counts from the end).
    :returns: a tensor of ``x``'s shape; dtype as :func:`sum`.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def cumprod(x: Any, axis: Any) -> Any:
    """Cumulative product along one axis.

    :param x: a tensor.
    :param axis: an int (negative counts from the end).
    :returns: a tensor of ``x``'s shape; dtype as :func:`prod`.

    .. versionadded:: 0.1
    """
