"""Element-wise functions of two tensors, with broadcasting.

Result rules: mixed dtypes promote as numpy >= 2 does (NEP 50); Python scalars are
weak and take the tensor's dtype; comparisons return ``bool``.
"""

from __future__ import annotations

from typing import Any

from ._markers import hookspec


@hookspec(firstresult=True)
def add(x: Any, y: Any) -> Any:
    """Element-wise ``x + y``.

    :param x: a tensor, numpy array or Python scalar.
    :param y: a tensor, numpy array or Python scalar; broadcasts with ``x``.
    :returns: a tensor of the broadcast shape; dtype by the result rules.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def subtract(x: Any, y: Any) -> Any:
    """Element-wise ``x - y``.

    :param x: a tensor, numpy array or Python scalar.
    :param y: a tensor, numpy array or Python scalar; broadcasts with ``x``.
    :returns: a tensor of the broadcast shape; dtype by the result rules.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def multiply(x: Any, y: Any) -> Any:
    """Element-wise ``x * y``.

    :param x: a tensor, numpy array or Python scalar.
    :param y: a tensor, numpy array or Python scalar; broadcasts with ``x``.
    :returns: a tensor of the broadcast shape; dtype by the result rules.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def divide(x: Any, y: Any) -> Any:
    """Element-wise true division ``x / y``.

    :param x: a tensor, numpy array or Python scalar.
    :param y: a tensor, numpy array or Python scalar; broadcasts with ``x``.
    :returns: a tensor of the broadcast shape; dtype by the result rules, but integer and bool
        operands give a float (numpy 2: int32 / int32 is float64).

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def maximum(x: Any, y: Any) -> Any:
    """Element-wise maximum; NaN propagates.

    :param x: a tensor, numpy array or Python scalar.
    :param y: a tensor, numpy array or Python scalar; broadcasts with ``x``.
    :returns: a tensor of the broadcast shape; dtype by the result rules.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def minimum(x: Any, y: Any) -> Any:
    """Element-wise minimum; NaN propagates.

    :param x: a tensor, numpy array or Python scalar.
    :param y: a tensor, numpy array or Python scalar; broadcasts with ``x``.
    :returns: a tensor of the broadcast shape; dtype by the result rules.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def equal(x: Any, y: Any) -> Any:
    """Element-wise ``x == y``.

    :param x: a tensor, numpy array or Python scalar.
    :param y: a tensor, numpy array or Python scalar; broadcasts with ``x``.
    :returns: a tensor of the broadcast shape; dtype ``bool``.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def not_equal(x: Any, y: Any) -> Any:
    """Element-wise ``x != y``.

    :param x: a tensor, numpy array or Python scalar.
    :param y: a tensor, numpy array or Python scalar; broadcasts with ``x``.
    :returns: a tensor of the broadcast shape; dtype ``bool``.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def greater(x: Any, y: Any) -> Any:
    """Element-wise ``x > y``.

    :param x: a tensor, numpy array or Python scalar.
    :param y: a tensor, numpy array or Python scalar; broadcasts with ``x``.
    :returns: a tensor of the broadcast shape; dtype ``bool``.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def greater_equal(x: Any, y: Any) -> Any:
    """Element-wise ``x >= y``.

    :param x: a tensor, numpy array or Python scalar.
    :param y: a tensor, numpy array or Python scalar; broadcasts with ``x``.
    :returns: a tensor of the broadcast shape; dtype ``bool``.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def less(x: Any, y: Any) -> Any:
    """Element-wise ``x < y``.

    :param x: a tensor, numpy array or Python scalar.
    :param y: a tensor, numpy array or Python scalar; broadcasts with ``x``.
    :returns: a tensor of the broadcast shape; dtype ``bool``.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def less_equal(x: Any, y: Any) -> Any:
    """Element-wise ``x <= y``.

    :param x: a tensor, numpy array or Python scalar.
    :param y: a tensor, numpy array or Python scalar; broadcasts with ``x``.
    :returns: a tensor of the broadcast shape; dtype ``bool``.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def where(condition: Any, x: Any, y: Any) -> Any:
    """Element-wise choice: ``x`` where ``condition`` is true, else ``y``.

    :param condition: a bool tensor.
    :param x: a tensor or Python scalar.
    :param y: a tensor or Python scalar.
    :returns: a tensor of the three operands' broadcast shape; dtype of ``x`` and ``y``
        by the result rules.

    .. versionadded:: 0.1
    """
