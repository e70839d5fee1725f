"""Facade: reductions and scans.

Each function is the whole hot path: argument normalisation, then one call of the
bound op; recovery, validation and promotion run only when the backend raised."""

from __future__ import annotations

import sys
from typing import Any

from .. import _dispatch
from ._args import axis_arg, int_axis
from ._recover import recover

_OPS = (
    "sum", "prod", "mean", "max", "min", "var", "std", "any", "all", "logsumexp", "argmax",
    "argmin", "cumsum", "cumprod",
)


def sum(x: Any, axis: Any = None, keepdims: bool = False) -> Any:
    if axis is not None and type(axis) is not int:
        axis = axis_arg("sum", axis)
    try:
        return _sum(x, axis, keepdims)
    except Exception as exc:
        return recover("sum", (x, axis, keepdims), exc)


def prod(x: Any, axis: Any = None, keepdims: bool = False) -> Any:
    if axis is not None and type(axis) is not int:
        axis = axis_arg("prod", axis)
    try:
        return _prod(x, axis, keepdims)
    except Exception as exc:
        return recover("prod", (x, axis, keepdims), exc)


def mean(x: Any, axis: Any = None, keepdims: bool = False) -> Any:
    if axis is not None and type(axis) is not int:
        axis = axis_arg("mean", axis)
    try:
        return _mean(x, axis, keepdims)
    except Exception as exc:
        return recover("mean", (x, axis, keepdims), exc)


def max(x: Any, axis: Any = None, keepdims: bool = False) -> Any:
    if axis is not None and type(axis) is not int:
        axis = axis_arg("max", axis)
    try:
        return _max(x, axis, keepdims)
    except Exception as exc:
        return recover("max", (x, axis, keepdims), exc)


def min(x: Any, axis: Any = None, keepdims: bool = False) -> Any:
    if axis is not None and type(axis) is not int:
        axis = axis_arg("min", axis)
    try:
        return _min(x, axis, keepdims)
    except Exception as exc:
        return recover("min", (x, axis, keepdims), exc)


def var(x: Any, axis: Any = None, keepdims: bool = False) -> Any:
    if axis is not None and type(axis) is not int:
        axis = axis_arg("var", axis)
    try:
        return _var(x, axis, keepdims)
    except Exception as exc:
        return recover("var", (x, axis, keepdims), exc)


def std(x: Any, axis: Any = None, keepdims: bool = False) -> Any:
    if axis is not None and type(axis) is not int:
        axis = axis_arg("std", axis)
    try:
        return _std(x, axis, keepdims)
    except Exception as exc:
        return recover("std", (x, axis, keepdims), exc)


def any(x: Any, axis: Any = None, keepdims: bool = False) -> Any:
    if axis is not None and type(axis) is not int:
        axis = axis_arg("any", axis)
    try:
        return _any(x, axis, keepdims)
    except Exception as exc:
        return recover("any", (x, axis, keepdims), exc)


def all(x: Any, axis: Any = None, keepdims: bool = False) -> Any:
    if axis is not None and type(axis) is not int:
        axis = axis_arg("all", axis)
    try:
        return _all(x, axis, keepdims)
    except Exception as exc:
        return recover("all", (x, axis, keepdims), exc)


def logsumexp(x: Any, axis: Any = None, keepdims: bool = False) -> Any:
    if axis is not None and type(axis) is not int:
        axis = axis_arg("logsumexp", axis)
    try:
        return _logsumexp(x, axis, keepdims)
    except Exception as exc:
        return recover("logsumexp", (x, axis, keepdims), exc)


def argmax(x: Any, axis: int = -1) -> Any:
    if type(axis) is not int:
        axis = int_axis("argmax", axis)
    try:
        return _argmax(x, axis)
    except Exception as exc:
        return recover("argmax", (x, axis), exc)


def argmin(x: Any, axis: int = -1) -> Any:
    if type(axis) is not int:
        axis = int_axis("argmin", axis)
    try:
        return _argmin(x, axis)
    except Exception as exc:
        return recover("argmin", (x, axis), exc)


def cumsum(x: Any, axis: int = 0) -> Any:
    if type(axis) is not int:
        axis = int_axis("cumsum", axis)
    try:
        return _cumsum(x, axis)
    except Exception as exc:
        return recover("cumsum", (x, axis), exc)


def cumprod(x: Any, axis: int = 0) -> Any:
    if type(axis) is not int:
        axis = int_axis("cumprod", axis)
    try:
        return _cumprod(x, axis)
    except Exception as exc:
        return recover("cumprod", (x, axis), exc)


_sum = _prod = _mean = _max = _min = _var = _std = _any = _all = _logsumexp = _argmax = _argmin \
    = _cumsum = _cumprod = _dispatch.UNBOUND
_dispatch.register(sys.modules[__name__], _OPS)
