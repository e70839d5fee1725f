"""Facade: variables: identity, counting and in-place updates; sparse queries.

Update ops assign in place and return the variable (Keras's TF backend returned an
assign op, Theano an ``(x, new_x)`` pair; here the update has happened when the call
returns, and on a symbol it records a node that ``K.function`` runs). Queries about a
symbol (or, inside a trace, a variable) are answered from its static spec.
"""

from __future__ import annotations

import math
import sys
from typing import Any

from .. import _dispatch
from .._errors import InvalidArgumentError, InvalidTypeError
from .._host import is_host_array
from ..graph._symbol import Symbol
from ..graph._trace import is_variable as _registered
from ..graph._trace import tracing
from ._recover import recover

__all__ = [
    "is_variable", "identity", "count_params", "update", "update_add", "update_sub",
    "moving_average_update", "print_tensor", "is_sparse", "to_dense", "size",
]
_OPS: tuple[str, ...] = tuple(__all__)


def _static(x: Any) -> bool:
    """True when ``x`` is a symbol, or a variable that the active trace turns into one."""
    return isinstance(x, Symbol) or (tracing() and _registered(x))


def _check_variable(op: str, x: Any) -> None:
    if isinstance(x, Symbol) or _registered(x):
        return
    try:
        ok = bool(_is_variable(x))
    except Exception:
        ok = False
    if not ok:
        raise InvalidArgumentError(
            f"K.{op}: x must be a variable (made by K.variable). Received: "
            f"{type(x).__qualname__}.\nFix: create it with K.variable(value), or compute "
            f"the new value without assigning it.")


def is_variable(x: Any) -> bool:
    if isinstance(x, Symbol):
        return x.op == "variable"
    if _registered(x):
        return True
    try:
        return bool(_is_variable(x))
    except Exception as exc:
        return recover("is_variable", (x,), exc)  # type: ignore[no-any-return]


def identity(x: Any, name: Any = None) -> Any:
    try:
        return _identity(x, name)
    except Exception as exc:
        return recover("identity", (x, name), exc)


def count_params(x: Any) -> int:
    if _static(x):
        from ._tensors import int_shape

        shape = int_shape(x)
        if shape is None or None in shape:
            raise InvalidArgumentError(f"K.count_params needs a fully known shape. "
                                       f"Received: {x!r} with shape {shape}.")
        return math.prod(shape)
    try:
        return _count_params(x)  # type: ignore[no-any-return]
    except Exception as exc:
        return recover("count_params", (x,), exc)  # type: ignore[no-any-return]


def update(x: Any, new_x: Any) -> Any:
    _check_variable("update", x)
    try:
        return _update(x, new_x)
    except Exception as exc:
        return recover("update", (x, new_x), exc)


def update_add(x: Any, increment: Any) -> Any:
    _check_variable("update_add", x)
    try:
        return _update_add(x, increment)
    except Exception as exc:
        return recover("update_add", (x, increment), exc)


def update_sub(x: Any, decrement: Any) -> Any:
    _check_variable("update_sub", x)
    try:
        return _update_sub(x, decrement)
    except Exception as exc:
        return recover("update_sub", (x, decrement), exc)


def moving_average_update(x: Any, value: Any, momentum: Any) -> Any:
    _check_variable("moving_average_update", x)
    if isinstance(momentum, bool) or not isinstance(momentum, (int, float)):
        if not is_host_array(momentum):
            raise InvalidTypeError(f"K.moving_average_update: momentum must be a Python "
                                   f"float. Received: momentum={momentum!r}.")
    momentum = float(momentum)
    try:
        return _moving_average_update(x, value, momentum)
    except Exception as exc:
        return recover("moving_average_update", (x, value, momentum), exc)


def print_tensor(x: Any, message: str = "") -> Any:
    if not isinstance(message, str):
        raise InvalidTypeError(f"K.print_tensor: message must be a str. "
                               f"Received: message={message!r}.")
    try:
        return _print_tensor(x, message)
    except Exception as exc:
        return recover("print_tensor", (x, message), exc)


def is_sparse(tensor: Any) -> bool:
    if _static(tensor):
        return False
    try:
        return bool(_is_sparse(tensor))
    except Exception as exc:
        return recover("is_sparse", (tensor,), exc)  # type: ignore[no-any-return]


def to_dense(tensor: Any) -> Any:
    if _static(tensor):
        return tensor
    try:
        return _to_dense(tensor)
    except Exception as exc:
        return recover("to_dense", (tensor,), exc)


def size(x: Any, name: Any = None) -> Any:
    try:
        return _size(x, name)
    except Exception as exc:
        return recover("size", (x, name), exc)


_is_variable = _identity = _count_params = _update = _update_add = _update_sub = \
    _moving_average_update = _print_tensor = _is_sparse = _to_dense = _size = \
    _dispatch.UNBOUND
_dispatch.register(sys.modules[__name__], _OPS)
