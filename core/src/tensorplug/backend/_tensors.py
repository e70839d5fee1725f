"""Facade: creating, converting and inspecting tensors."""

from __future__ import annotations

import sys
from typing import Any

from .. import _dispatch
from .._errors import InvalidArgumentError
from ..graph._symbol import Symbol
from ..graph._trace import register_variable
from ._args import CANONICAL, dtype_name, floatx_or, shape_arg
from ._recover import recover

_OPS = ("convert_to_tensor", "to_numpy", "is_tensor", "variable", "constant", "int_shape",
        "shape", "ndim", "dtype", "eval", "get_value", "set_value", "zeros", "ones", "eye",
        "zeros_like", "ones_like", "cast")


def convert_to_tensor(x: Any, dtype: Any = None) -> Any:
    if dtype is not None:
        dtype = dtype_name(dtype)
    try:
        return _convert_to_tensor(x, dtype)
    except Exception as exc:
        return recover("convert_to_tensor", (x, dtype), exc)


def to_numpy(x: Any) -> Any:
    try:
        return _to_numpy(x)
    except Exception as exc:
        return recover("to_numpy", (x,), exc)


def is_tensor(x: Any) -> bool:
    return bool(_is_tensor(x)) or isinstance(x, Symbol)


def variable(value: Any, dtype: Any = None, name: Any = None, constraint: Any = None) -> Any:
    dtype = floatx_or(dtype)
    try:
        out = _variable(value, dtype, name, constraint)
    except Exception as exc:
        out = recover("variable", (value, dtype, name, constraint), exc)
    return register_variable(out)


def constant(value: Any, dtype: Any = None, shape: Any = None, name: Any = None) -> Any:
    dtype = floatx_or(dtype)
    if shape is not None:
        shape = shape_arg("constant", shape)
    try:
        return _constant(value, dtype, shape, name)
    except Exception as exc:
        return recover("constant", (value, dtype, shape, name), exc)


def int_shape(x: Any) -> Any:
    try:
        return _int_shape(x)
    except Exception as exc:
        return recover("int_shape", (x,), exc)


def shape(x: Any) -> Any:
    try:
        return _shape(x)
    except Exception as exc:
        return recover("shape", (x,), exc)


def ndim(x: Any) -> int:
    try:
        return _ndim(x)  # type: ignore[no-any-return]
    except Exception as exc:
        return recover("ndim", (x,), exc)  # type: ignore[no-any-return]


def dtype(x: Any) -> str:
    try:
        return _dtype(x)  # type: ignore[no-any-return]
    except Exception as exc:
        return recover("dtype", (x,), exc)  # type: ignore[no-any-return]


def eval(x: Any) -> Any:  # noqa: A001 - Keras name
    try:
        return _eval(x)
    except Exception as exc:
        return recover("eval", (x,), exc)


def get_value(x: Any) -> Any:
    try:
        return _get_value(x)
    except Exception as exc:
        return recover("get_value", (x,), exc)


def set_value(x: Any, value: Any) -> Any:
    try:
        return _set_value(x, value)
    except Exception as exc:
        return recover("set_value", (x, value), exc)


def zeros(shape: Any, dtype: Any = None, name: Any = None) -> Any:
    args = (shape_arg("zeros", shape), floatx_or(dtype), name)
    try:
        out = _zeros(*args)
    except Exception as exc:
        out = recover("zeros", args, exc)
    return register_variable(out)


def ones(shape: Any, dtype: Any = None, name: Any = None) -> Any:
    args = (shape_arg("ones", shape), floatx_or(dtype), name)
    try:
        out = _ones(*args)
    except Exception as exc:
        out = recover("ones", args, exc)
    return register_variable(out)


def eye(size: Any, dtype: Any = None, name: Any = None) -> Any:
    size = shape_arg("eye", size, "size")
    if len(size) == 1:
        size = (size[0], size[0])
    if len(size) != 2 or min(size) < 0:
        raise InvalidArgumentError(f"K.eye: size must be an int n or a pair (n, m) of "
                                   f"non-negative ints. Received: size={size!r}.")
    args = (size, floatx_or(dtype), name)
    try:
        out = _eye(*args)
    except Exception as exc:
        out = recover("eye", args, exc)
    return register_variable(out)


def zeros_like(x: Any, dtype: Any = None, name: Any = None) -> Any:
    args = (x, floatx_or(dtype), name)
    try:
        return _zeros_like(*args)
    except Exception as exc:
        return recover("zeros_like", args, exc)


def ones_like(x: Any, dtype: Any = None, name: Any = None) -> Any:
    args = (x, floatx_or(dtype), name)
    try:
        return _ones_like(*args)
    except Exception as exc:
        return recover("ones_like", args, exc)


def cast(x: Any, dtype: Any) -> Any:
    try:
        dtype = CANONICAL[dtype]
    except Exception:
        dtype = dtype_name(dtype)
    try:
        return _cast(x, dtype)
    except Exception as exc:
        return recover("cast", (x, dtype), exc)


_convert_to_tensor = _to_numpy = _is_tensor = _variable = _constant = _int_shape = _shape = \
    _ndim = _dtype = _eval = _get_value = _set_value = _zeros = _ones = _eye = _zeros_like = \
    _ones_like = _cast = _dispatch.UNBOUND
_dispatch.register(sys.modules[__name__], _OPS)
