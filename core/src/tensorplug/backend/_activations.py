"""Facade: activation functions.

Each function is the whole hot path: argument normalisation, then one call of the
bound op; recovery, validation and promotion run only when the backend raised."""

from __future__ import annotations

import sys
from typing import Any

from .. import _dispatch
from ._args import int_axis
from ._recover import recover

_OPS = (
    "relu", "sigmoid", "tanh", "softmax", "softplus",
)


def relu(x: Any, alpha: float = 0.0, max_value: Any = None, threshold: float = 0.0) -> Any:
    try:
        return _relu(x, alpha, max_value, threshold)
    except Exception as exc:
        return recover("relu", (x, alpha, max_value, threshold), exc)


def sigmoid(x: Any) -> Any:
    try:
        return _sigmoid(x)
    except Exception as exc:
        return recover("sigmoid", (x,), exc)


def tanh(x: Any) -> Any:
    try:
        return _tanh(x)
    except Exception as exc:
        return recover("tanh", (x,), exc)


def softplus(x: Any) -> Any:
    try:
        return _softplus(x)
    except Exception as exc:
        return recover("softplus", (x,), exc)


def softmax(x: Any, axis: int = -1) -> Any:
    if type(axis) is not int:
        axis = int_axis("softmax", axis)
    try:
        return _softmax(x, axis)
    except Exception as exc:
        return recover("softmax", (x, axis), exc)


_relu = _sigmoid = _tanh = _softmax = _softplus = _dispatch.UNBOUND
_dispatch.register(sys.modules[__name__], _OPS)
