"""Creating, converting and inspecting tensors and variables."""

from __future__ import annotations

from typing import Any

from ._markers import hookspec


@hookspec(firstresult=True)
def convert_to_tensor(x: Any, dtype: Any) -> Any:
    """Convert a numpy array, Python scalar, nested list or native tensor to a tensor.

    :param x: the value; a native tensor of this backend is returned as is when
        ``dtype`` is ``None`` or already its dtype.
    :param dtype: a dtype name, or ``None`` to infer it: numpy arrays keep theirs,
        Python ``bool``/``int``/``float`` give ``bool``/``int64``/``float64``.
    :returns: a native tensor.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def to_numpy(x: Any) -> Any:
    """Copy a tensor to host memory as a ``numpy.ndarray`` of the same dtype.

    :param x: a native tensor, numpy array or Python scalar.
    :returns: ``numpy.ndarray`` (0-d for a scalar).

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def is_tensor(x: Any) -> Any:
    """Whether ``x`` is a native tensor or variable of this backend.

    :param x: anything.
    :returns: ``bool``.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def variable(value: Any, dtype: Any, name: Any, constraint: Any) -> Any:
    """Create a mutable variable holding a copy of ``value``.

    :param value: numpy array, Python scalar, nested list or tensor.
    :param dtype: dtype name (the facade fills ``floatx()`` when the user gives none).
    :param name: optional name; backends without named variables ignore it.
    :param constraint: optional callable kept for optimizers; may be ignored.
    :returns: a variable: a native type that :func:`set_value` updates in place.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def constant(value: Any, dtype: Any, shape: Any, name: Any) -> Any:
    """Create an immutable tensor.

    :param value: numpy array, Python scalar, nested list or tensor.
    :param dtype: dtype name (the facade fills ``floatx()``).
    :param shape: ``None``, or a tuple: a scalar ``value`` is filled to it, an array
        is broadcast to it.
    :param name: optional name; may be ignored.
    :returns: a native tensor.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def int_shape(x: Any) -> Any:
    """Static shape.

    :param x: a tensor.
    :returns: a tuple of Python ints (``None`` for unknown dimensions).

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def shape(x: Any) -> Any:
    """Runtime shape as a tensor.

    :param x: a tensor.
    :returns: a 1-D ``int32`` tensor of length ``ndim(x)``.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def ndim(x: Any) -> Any:
    """Rank.

    :param x: a tensor.
    :returns: a Python ``int``.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def dtype(x: Any) -> Any:
    """Dtype name.

    :param x: a tensor.
    :returns: a string such as ``'float32'``.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def eval(x: Any) -> Any:
    """Value of a tensor or variable.

    :param x: a tensor.
    :returns: a ``numpy.ndarray``.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def get_value(x: Any) -> Any:
    """Current value of a variable.

    :param x: a variable.
    :returns: a ``numpy.ndarray``.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def set_value(x: Any, value: Any) -> Any:
    """Assign a value of the same shape to a variable, in place.

    :param x: a variable.
    :param value: numpy array, scalar or tensor of ``x``'s shape (cast to its dtype).
    :returns: ``x``.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def zeros(shape: Any, dtype: Any, name: Any) -> Any:
    """All-zeros variable.

    :param shape: tuple of ints.
    :param dtype: dtype name (the facade fills ``floatx()``).
    :param name: optional name.
    :returns: a variable.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def ones(shape: Any, dtype: Any, name: Any) -> Any:
    """All-ones variable.

    :param shape: tuple of ints.
    :param dtype: dtype name (the facade fills ``floatx()``).
    :param name: optional name.
    :returns: a variable.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def eye(size: Any, dtype: Any, name: Any) -> Any:
    """Identity matrix.

    :param size: an int ``n`` (n x n) or a pair ``(n, m)``; the facade passes a pair.
    :param dtype: dtype name (the facade fills ``floatx()``).
    :param name: optional name.
    :returns: a variable with ones on the main diagonal.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def zeros_like(x: Any, dtype: Any, name: Any) -> Any:
    """Zeros of ``x``'s shape.

    :param x: a tensor.
    :param dtype: dtype name; the facade fills ``floatx()`` (Keras 2), not ``x``'s dtype.
    :param name: optional name.
    :returns: a tensor.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def ones_like(x: Any, dtype: Any, name: Any) -> Any:
    """Ones of ``x``'s shape.

    :param x: a tensor.
    :param dtype: dtype name; the facade fills ``floatx()`` (Keras 2), not ``x``'s dtype.
    :param name: optional name.
    :returns: a tensor.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def cast(x: Any, dtype: Any) -> Any:
    """Convert to another dtype; never in place.

    :param x: a tensor.
    :param dtype: a canonical dtype name (the facade validates it).
    :returns: a new tensor. Float to int truncates toward zero; to bool is ``x != 0``.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def from_dlpack(x: Any) -> Any:
    """Import another library's tensor zero-copy through DLPack.

    :param x: an object with ``__dlpack__`` (on a device this backend can use).
    :returns: a native tensor sharing ``x``'s memory.
    :raises Exception: any error when zero-copy is not safe here (device, alignment, dtype);
        ``K.to_backend`` then copies through numpy instead.

    Optional; backends that have it declare the ``dlpack`` capability.

    .. versionadded:: 0.1
    """
