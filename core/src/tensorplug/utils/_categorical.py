"""``to_categorical``: class vectors to one-hot matrices (Keras's ``np_utils``)."""

from __future__ import annotations

from typing import Any

from .._errors import InvalidArgumentError, InvalidTypeError


def to_categorical(y: Any, num_classes: int | None = None, dtype: Any = "float32") -> Any:
    """Convert integer class labels to a one-hot numpy array (host-side).

    Shape rules, as Keras 2.3: labels of shape ``s`` give ``s + (num_classes,)``, except
    that a trailing axis of size 1 (on input of rank >= 2) is dropped first; so ``len(y)``
    labels give a ``len(y) x num_classes`` matrix, and so do labels of shape
    ``(len(y), 1)``. ``num_classes=None`` means ``max(y) + 1``.

    Unlike Keras, a label outside ``[0, num_classes)`` is an error (Keras wrapped
    negative labels around and raised a bare IndexError for large ones), as is a
    non-integral float label.

    :param y: array-like of non-negative integer labels (integral floats accepted).
    :param num_classes: total number of classes (a positive int), or None.
    :param dtype: dtype of the result (default ``'float32'``).
    :returns: a ``numpy.ndarray`` of ``dtype`` holding 0 and 1.
    :raises InvalidArgumentError: (a ``ValueError``) for a label < 0 or
        >= ``num_classes``, a non-integral label, empty ``y`` without ``num_classes``,
        or a ``num_classes`` that is not a positive int.
    """
    import numpy as np

    labels = _labels(np.asarray(y))
    shape = labels.shape
    if len(shape) > 1 and shape[-1] == 1:
        shape = shape[:-1]
    flat = labels.ravel()
    if flat.size and flat.min() < 0:
        raise InvalidArgumentError(
            f"to_categorical: labels must be >= 0. Received: label {int(flat.min())} at "
            f"flat position {int(np.argmin(flat))}.")
    classes = _num_classes(num_classes, flat)
    try:
        out_dtype = np.dtype(dtype)
    except TypeError as exc:
        raise InvalidTypeError(f"to_categorical: unknown dtype. Received: dtype={dtype!r}."
                               ) from exc
    out = np.zeros((flat.size, classes), dtype=out_dtype)
    out[np.arange(flat.size), flat] = 1
    return out.reshape(shape + (classes,))


def _labels(y: Any) -> Any:
    import numpy as np

    if y.dtype.kind in "biu":
        return y.astype(np.int64)
    if y.dtype.kind == "f":
        finite = np.isfinite(y)
        if not finite.all() or (y != np.floor(np.where(finite, y, 0))).any():
            bad = y[~finite | (y != np.floor(np.where(finite, y, 0)))].ravel()[0]
            raise InvalidArgumentError(f"to_categorical: labels must be integers. "
                                       f"Received: a label {bad!r}.")
        return y.astype(np.int64)
    raise InvalidTypeError(f"to_categorical: y must hold integer class labels. "
                           f"Received: dtype {y.dtype}.")


def _num_classes(num_classes: Any, flat: Any) -> int:
    if num_classes is None:
        if not flat.size:
            raise InvalidArgumentError("to_categorical: cannot infer num_classes from an "
                                       "empty y. Fix: pass num_classes.")
        return int(flat.max()) + 1
    if isinstance(num_classes, bool) or not hasattr(num_classes, "__index__") or \
            int(num_classes.__index__()) < 1:
        raise InvalidArgumentError(f"to_categorical: num_classes must be a positive int or "
                                   f"None. Received: num_classes={num_classes!r}.")
    classes = int(num_classes.__index__())
    if flat.size and flat.max() >= classes:
        raise InvalidArgumentError(
            f"to_categorical: every label must be < num_classes={classes}. Received: label "
            f"{int(flat.max())}.\nFix: num_classes={int(flat.max()) + 1}, or None to infer it.")
    return classes
