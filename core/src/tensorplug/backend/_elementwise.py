"""Facade: element-wise functions of one tensor.

Each function is the whole hot path: argument normalisation, then one call of the
bound op; recovery, validation and promotion run only when the backend raised."""

from __future__ import annotations

import sys
from typing import Any

from .. import _dispatch
from ._recover import recover

_OPS = (
    "abs", "negative", "square", "sqrt", "exp", "log", "sign", "round", "sin", "cos", "pow",
    "clip",
)


def abs(x: Any) -> Any:
    try:
        return _abs(x)
    except Exception as exc:
        return recover("abs", (x,), exc)


def negative(x: Any) -> Any:
    try:
        return _negative(x)
    except Exception as exc:
        return recover("negative", (x,), exc)


def square(x: Any) -> Any:
    try:
        return _square(x)
    except Exception as exc:
        return recover("square", (x,), exc)


def sqrt(x: Any) -> Any:
    try:
        return _sqrt(x)
    except Exception as exc:
        return recover("sqrt", (x,), exc)


def exp(x: Any) -> Any:
    try:
        return _exp(x)
    except Exception as exc:
        return recover("exp", (x,), exc)


def log(x: Any) -> Any:
    try:
        return _log(x)
    except Exception as exc:
        return recover("log", (x,), exc)


def sign(x: Any) -> Any:
    try:
        return _sign(x)
    except Exception as exc:
        return recover("sign", (x,), exc)


def round(x: Any) -> Any:
    try:
        return _round(x)
    except Exception as exc:
        return recover("round", (x,), exc)


def sin(x: Any) -> Any:
    try:
        return _sin(x)
    except Exception as exc:
        return recover("sin", (x,), exc)


def cos(x: Any) -> Any:
    try:
        return _cos(x)
    except Exception as exc:
        return recover("cos", (x,), exc)


def pow(x: Any, a: Any) -> Any:
    try:
        return _pow(x, a)
    except Exception as exc:
        return recover("pow", (x, a,), exc)

_NUMBERS = frozenset({int, float})


def clip(x: Any, min_value: Any = None, max_value: Any = None) -> Any:
    if (type(max_value) in _NUMBERS and type(min_value) in _NUMBERS
            and max_value < min_value):
        max_value = min_value
    try:
        return _clip(x, min_value, max_value)
    except Exception as exc:
        return recover("clip", (x, min_value, max_value), exc)


_abs = _negative = _square = _sqrt = _exp = _log = _sign = _round = _sin = _cos = _pow = _clip \
    = _dispatch.UNBOUND
_dispatch.register(sys.modules[__name__], _OPS)
