"""Reshaping, joining, repeating and indexing."""

from __future__ import annotations

from typing import Any

from ._markers import hookspec


@hookspec(firstresult=True)
def reshape(x: Any, shape: Any) -> Any:
    """Reshape, keeping the element order (C order).

    :param x: a tensor.
    :param shape: a tuple of ints; one ``-1`` is inferred.
    :returns: a tensor of ``shape``.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def concatenate(tensors: Any, axis: Any) -> Any:
    """Join tensors along an existing axis.

    :param tensors: a non-empty list of tensors of equal rank, equal dims off ``axis``.
    :param axis: an int (negative counts from the end).
    :returns: a tensor; dtype by the result rules over all inputs.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def stack(x: Any, axis: Any) -> Any:
    """Join tensors of one shape along a new axis.

    :param x: a non-empty list of tensors of identical shape.
    :param axis: an int in ``[-(rank + 1), rank]``.
    :returns: a tensor of rank + 1.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def expand_dims(x: Any, axis: Any) -> Any:
    """Insert a size-1 axis.

    :param x: a tensor.
    :param axis: an int in ``[-(ndim + 1), ndim]``.
    :returns: a tensor of rank ``ndim + 1``.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def squeeze(x: Any, axis: Any) -> Any:
    """Remove one size-1 axis.

    :param x: a tensor.
    :param axis: an int; that dimension must be 1.
    :returns: a tensor of rank ``ndim - 1``.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def flatten(x: Any) -> Any:
    """Flatten to 1-D.

    :param x: a tensor.
    :returns: a 1-D tensor.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def batch_flatten(x: Any) -> Any:
    """Flatten all but the first axis.

    :param x: a tensor of rank >= 1.
    :returns: a tensor of shape ``(x.shape[0], prod(x.shape[1:]))``.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def permute_dimensions(x: Any, pattern: Any) -> Any:
    """Reorder axes.

    :param x: a tensor.
    :param pattern: a tuple, a permutation of ``range(ndim)``.
    :returns: a tensor whose axis ``i`` is ``x``'s axis ``pattern[i]``.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def tile(x: Any, n: Any) -> Any:
    """Repeat the whole tensor along each axis.

    :param x: a tensor.
    :param n: a tuple of ints of length ``ndim`` (the facade left-pads a shorter one
        with 1s and rejects a longer one).
    :returns: a tensor whose axis ``i`` has ``x.shape[i] * n[i]`` elements.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def repeat_elements(x: Any, rep: Any, axis: Any) -> Any:
    """Repeat each element along an axis, like ``np.repeat``.

    :param x: a tensor.
    :param rep: a non-negative int.
    :param axis: an int (negative counts from the end).
    :returns: a tensor whose ``axis`` is ``rep`` times longer.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def gather(reference: Any, indices: Any) -> Any:
    """Select slices along axis 0 (embedding lookup).

    :param reference: a tensor of rank >= 1.
    :param indices: an integer tensor or list, values in ``[0, reference.shape[0])``.
    :returns: a tensor of shape ``indices.shape + reference.shape[1:]``.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def one_hot(indices: Any, num_classes: Any) -> Any:
    """One-hot encode integer indices.

    :param indices: an integer tensor of shape ``(d0, ..., dn)``.
    :param num_classes: a positive int.
    :returns: a ``floatx`` tensor of shape ``(d0, ..., dn, num_classes)``; an index
        outside ``[0, num_classes)`` gives an all-zero row.

    .. versionadded:: 0.1
    """
