"""Products and transposes."""

from __future__ import annotations

from typing import Any

from ._markers import hookspec


@hookspec(firstresult=True)
def dot(x: Any, y: Any) -> Any:
    """Matrix product with Keras 2 (Theano) semantics for N-D operands.

    :param x: a tensor of rank >= 1.
    :param y: a tensor of rank >= 1; ``x.shape[-1]`` must equal ``y.shape[-2]``
        (``y.shape[0]`` when ``y`` is 1-D).
    :returns: ``tensordot`` of the last axis of ``x`` with the second-to-last axis of
        ``y``: shapes (2, 3) . (4, 3, 5) give (2, 4, 5). Not broadcast matmul.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def batch_dot(x: Any, y: Any, axes: Any) -> Any:
    """Per-sample dot product over the shared batch axis 0.

    :param x: a tensor of rank >= 2.
    :param y: a tensor of rank >= 2 with the same batch size.
    :param axes: a pair ``(ax_x, ax_y)`` of non-negative axes to contract, neither 0
        (the facade derives it from ``None`` or an int, Keras 2.3 rules: ``None`` is
        ``(x.ndim - 1, y.ndim - 2)``, or ``(x.ndim - 1, y.ndim - 1)`` when ``y`` is 2-D).
    :returns: shape ``x.shape`` without ``ax_x``, followed by ``y.shape`` without axis 0
        and ``ax_y``; a rank-1 result is reshaped to ``(batch, 1)``.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def transpose(x: Any) -> Any:
    """Reverse all axes (the matrix transpose for 2-D).

    :param x: a tensor.
    :returns: a tensor.

    .. versionadded:: 0.1
    """
