"""Facade: element-wise functions of two tensors (NEP 50 promotion).

Each function is the whole hot path: argument normalisation, then one call of the
bound op; recovery, validation and promotion run only when the backend raised."""

from __future__ import annotations

import sys
from typing import Any

from .. import _dispatch
from ._recover import recover

_OPS = (
    "add", "subtract", "multiply", "divide", "maximum", "minimum", "equal", "not_equal",
    "greater", "greater_equal", "less", "less_equal", "where",
)


def add(x: Any, y: Any) -> Any:
    try:
        return _add(x, y)
    except Exception as exc:
        return recover("add", (x, y,), exc)


def subtract(x: Any, y: Any) -> Any:
    try:
        return _subtract(x, y)
    except Exception as exc:
        return recover("subtract", (x, y,), exc)


def multiply(x: Any, y: Any) -> Any:
    try:
        return _multiply(x, y)
    except Exception as exc:
        return recover("multiply", (x, y,), exc)


def divide(x: Any, y: Any) -> Any:
    try:
        return _divide(x, y)
    except Exception as exc:
        return recover("divide", (x, y,), exc)


def maximum(x: Any, y: Any) -> Any:
    try:
        return _maximum(x, y)
    except Exception as exc:
        return recover("maximum", (x, y,), exc)


def minimum(x: Any, y: Any) -> Any:
    try:
        return _minimum(x, y)
    except Exception as exc:
        return recover("minimum", (x, y,), exc)


def equal(x: Any, y: Any) -> Any:
    try:
        return _equal(x, y)
    except Exception as exc:
        return recover("equal", (x, y,), exc)


def not_equal(x: Any, y: Any) -> Any:
    try:
        return _not_equal(x, y)
    except Exception as exc:
        return recover("not_equal", (x, y,), exc)


def greater(x: Any, y: Any) -> Any:
    try:
        return _greater(x, y)
    except Exception as exc:
        return recover("greater", (x, y,), exc)


def greater_equal(x: Any, y: Any) -> Any:
    try:
        return _greater_equal(x, y)
    except Exception as exc:
        return recover("greater_equal", (x, y,), exc)


def less(x: Any, y: Any) -> Any:
    try:
        return _less(x, y)
    except Exception as exc:
        return recover("less", (x, y,), exc)


def less_equal(x: Any, y: Any) -> Any:
    try:
        return _less_equal(x, y)
    except Exception as exc:
        return recover("less_equal", (x, y,), exc)


def where(condition: Any, x: Any, y: Any) -> Any:
    try:
        return _where(condition, x, y)
    except Exception as exc:
        return recover("where", (condition, x, y,), exc)


_add = _subtract = _multiply = _divide = _maximum = _minimum = _equal = _not_equal = _greater = \
    _greater_equal = _less = _less_equal = _where = _dispatch.UNBOUND
_dispatch.register(sys.modules[__name__], _OPS)
