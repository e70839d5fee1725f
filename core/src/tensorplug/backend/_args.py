"""Argument normalisation shared by facade functions (cheap: runs before each call)."""

from __future__ import annotations

from typing import Any

from .. import _config
from .._dtypes import DTYPES
from .._errors import InvalidArgumentError, InvalidTypeError

#: Canonical name -> itself. Hot paths look a dtype up here first (``CANONICAL[d]``, ~10
#: ns) and call ``dtype_name`` only when that raises: a string key that matches gives the
#: same name ``dtype_name`` would, and anything else falls through to it.
CANONICAL = _CANON = {name: name for name in DTYPES}
_PY_TYPES = {bool: "bool", int: "int64", float: "float64"}


def dtype_name(dtype: Any) -> str:
    """Canonical dtype name from a string, numpy/framework dtype or Python type."""
    name = _CANON.get(dtype) if isinstance(dtype, str) else None
    if name is not None:
        return name
    return _slow_dtype_name(dtype)


def _slow_dtype_name(dtype: Any) -> str:
    if isinstance(dtype, type) and dtype in _PY_TYPES:
        return _PY_TYPES[dtype]
    for attr in ("name", "__name__"):
        candidate = getattr(dtype, attr, None)
        if isinstance(candidate, str) and candidate in _CANON:
            return candidate
    if isinstance(dtype, str) and dtype.lower() in _CANON:
        return dtype.lower()
    raise InvalidArgumentError(f"Unknown dtype {dtype!r}. Allowed: {', '.join(DTYPES)}.\n"
                               f"Received: dtype={dtype!r}.")


def floatx_or(dtype: Any) -> str:
    return _config.floatx() if dtype is None else dtype_name(dtype)


def axis_arg(op: str, axis: Any) -> Any:
    """None, an int, or a tuple of ints (lists become tuples)."""
    if axis is None or type(axis) is int:
        return axis
    if isinstance(axis, (list, tuple)):
        if not all(isinstance(a, int) and not isinstance(a, bool) for a in axis):
            raise InvalidTypeError(f"K.{op}: axis must be None, an int or a list of ints. "
                                   f"Received: axis={axis!r}.")
        return tuple(axis)
    if hasattr(axis, "__index__") and not isinstance(axis, bool):
        return int(axis)
    raise InvalidTypeError(f"K.{op}: axis must be None, an int or a list of ints. "
                           f"Received: axis={axis!r}.")


def int_axis(op: str, axis: Any) -> int:
    if type(axis) is int:
        return axis
    if hasattr(axis, "__index__") and not isinstance(axis, bool):
        return int(axis)
    raise InvalidTypeError(f"K.{op}: axis must be an int. Received: axis={axis!r}.")


def shape_arg(op: str, shape: Any, name: str = "shape") -> tuple[int, ...]:
    if isinstance(shape, int) and not isinstance(shape, bool):
        return (shape,)
    try:
        out = tuple(int(d) for d in shape)
    except (TypeError, ValueError):
        raise InvalidTypeError(f"K.{op}: {name} must be a tuple of ints. "
                               f"Received: {name}={shape!r}.") from None
    if any(d < -1 for d in out):
        raise InvalidArgumentError(f"K.{op}: {name} has a negative dimension. "
                                   f"Received: {name}={shape!r}.")
    return out


def symbolic_shape(op: str, shape: Any, lowest: int = 0) -> tuple[Any, ...] | None:
    """``shape`` as a tuple of ints and 0-d integer symbols when it holds symbols (a
    graph's sizes known only when it runs: ``(K.shape(x)[0], 16)``; a 1-D integer
    symbol such as ``K.shape(y)`` becomes its entries); None when it holds none. Int
    entries must be ``>= lowest`` (-1 where one size may be inferred)."""
    from .._dtypes import kind
    from ..graph._symbol import Symbol

    if isinstance(shape, Symbol):
        dims = shape.shape
        if kind(shape.dtype) not in "iu" or dims is None or len(dims) != 1 or dims[0] is None:
            raise InvalidArgumentError(
                f"K.{op}: a symbolic shape must be a 1-D integer tensor of known length, "
                f"such as K.shape(x). Received: shape={shape!r}.")
        return tuple(shape[i] for i in range(dims[0]))
    if not isinstance(shape, (list, tuple)) or not any(isinstance(d, Symbol) for d in shape):
        return None
    for d in shape:
        if isinstance(d, Symbol):
            ok = kind(d.dtype) in "iu" and d.shape == ()
        else:
            ok = not isinstance(d, bool) and hasattr(d, "__index__") and int(d) >= lowest
        if not ok:
            what = "a non-negative int" if lowest == 0 else "an int (-1 for one unknown size)"
            raise InvalidArgumentError(
                f"K.{op}: each entry of shape must be {what} or a 0-d integer tensor such "
                f"as K.shape(x)[0]. Received: shape={shape!r}.")
    return tuple(d if isinstance(d, Symbol) else int(d) for d in shape)
