"""Activation functions."""

from __future__ import annotations

from typing import Any

from ._markers import hookspec


@hookspec(firstresult=True)
def relu(x: Any, alpha: Any, max_value: Any, threshold: Any) -> Any:
    """Rectified linear unit with leak, cap and threshold (Keras 2.3).

    :param x: a tensor.
    :param alpha: slope below ``threshold`` (0.0 for plain relu).
    :param max_value: saturation value, or ``None``.
    :param threshold: where the function switches from leak to identity.
    :returns: ``max_value`` where ``x >= max_value``; ``x`` where
        ``threshold <= x < max_value``; ``alpha * (x - threshold)`` elsewhere.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def sigmoid(x: Any) -> Any:
    """Logistic sigmoid ``1 / (1 + exp(-x))``, stable for large ``|x|``.

    :param x: a tensor.
    :returns: a tensor; float dtype as :func:`exp`.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def tanh(x: Any) -> Any:
    """Hyperbolic tangent.

    :param x: a tensor.
    :returns: a tensor; float dtype as :func:`exp`.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def softmax(x: Any, axis: Any) -> Any:
    """Softmax along one axis, max-shifted for stability.

    :param x: a tensor.
    :param axis: an int (negative counts from the end).
    :returns: a tensor of ``x``'s shape that sums to 1 along ``axis``.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def softplus(x: Any) -> Any:
    """``log(exp(x) + 1)``, stable for large ``|x|``.

    :param x: a tensor.
    :returns: a tensor; float dtype as :func:`exp`.

    .. versionadded:: 0.1
    """
