"""Element-wise functions of one tensor, plus ``pow`` and ``clip``."""

from __future__ import annotations

from typing import Any

from ._markers import hookspec


@hookspec(firstresult=True)
def abs(x: Any) -> Any:
    """Element-wise absolute value.

    :param x: a tensor, numpy array or Python scalar.
    :returns: a tensor of ``x``'s shape; same dtype as ``x``.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def negative(x: Any) -> Any:
    """Element-wise negation.

    :param x: a tensor, numpy array or Python scalar.
    :returns: a tensor of ``x``'s shape; same dtype as ``x``.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def square(x: Any) -> Any:
    """Element-wise ``x ** 2``.

    :param x: a tensor, numpy array or Python scalar.
    :returns: a tensor of ``x``'s shape; same dtype as ``x``.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def sqrt(x: Any) -> Any:
    """Element-wise square root; negative inputs give 0, not NaN (Keras 2).

    :param x: a tensor, numpy array or Python scalar.
    :returns: a tensor of ``x``'s shape; float dtype (integers and bool as numpy 2: see the
        result rules).

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def exp(x: Any) -> Any:
    """Element-wise ``e ** x``.

    :param x: a tensor, numpy array or Python scalar.
    :returns: a tensor of ``x``'s shape; float dtype (integers and bool as numpy 2).

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def log(x: Any) -> Any:
    """Element-wise natural logarithm; ``log(0)`` is ``-inf``, no clipping.

    :param x: a tensor, numpy array or Python scalar.
    :returns: a tensor of ``x``'s shape; float dtype (integers and bool as numpy 2).

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def sign(x: Any) -> Any:
    """Element-wise sign: -1, 0 or 1.

    :param x: a tensor, numpy array or Python scalar.
    :returns: a tensor of ``x``'s shape; same dtype as ``x``.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def round(x: Any) -> Any:
    """Element-wise rounding, half to even (banker's rounding).

    :param x: a tensor, numpy array or Python scalar.
    :returns: a tensor of ``x``'s shape; same dtype as ``x``.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def sin(x: Any) -> Any:
    """Element-wise sine.

    :param x: a tensor, numpy array or Python scalar.
    :returns: a tensor of ``x``'s shape; float dtype (integers and bool as numpy 2).

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def cos(x: Any) -> Any:
    """Element-wise cosine.

    :param x: a tensor, numpy array or Python scalar.
    :returns: a tensor of ``x``'s shape; float dtype (integers and bool as numpy 2).

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def pow(x: Any, a: Any) -> Any:
    """Element-wise ``x ** a``.

    :param x: a tensor.
    :param a: the exponent: a Python number (weak, takes ``x``'s dtype) or a tensor
        that broadcasts with ``x``.
    :returns: a tensor; dtype by the result rules.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def clip(x: Any, min_value: Any, max_value: Any) -> Any:
    """Element-wise clip to ``[min_value, max_value]``.

    :param x: a tensor.
    :param min_value: lower bound (Python number or broadcastable tensor), or ``None``
        for no lower bound.
    :param max_value: upper bound, or ``None`` for no upper bound.
    :returns: a tensor; dtype by the result rules (Python bounds are weak).

    When both bounds are Python numbers and ``max_value < min_value``, the facade
    raises ``max_value`` to ``min_value`` first, so every element becomes
    ``min_value`` (Keras 2). Tensor bounds are used as given.

    .. versionadded:: 0.1
    """
