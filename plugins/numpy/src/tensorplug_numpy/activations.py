"""Activation functions on numpy tensors."""

from __future__ import annotations

from types import ModuleType
from typing import Any

from ._impls import Impls


def build(xp: ModuleType, **options: Any) -> Impls:
    ns = Impls("tensorplug_numpy.activations")

    @ns.impl()
    def relu(x: Any, alpha: Any, max_value: Any, threshold: Any) -> Any:
        x = xp.asarray(x)
        if x.dtype.kind == "f":  # typed scalars keep x's dtype, also for 0-d x on numpy 1.x
            alpha, threshold = x.dtype.type(alpha), x.dtype.type(threshold)
        if threshold == 0 and alpha == 0:
            y = xp.maximum(x, x.dtype.type(0))
        else:
            y = xp.where(x >= threshold, x, xp.multiply(xp.subtract(x, threshold), alpha))
        if max_value is not None:
            y = xp.where(x >= max_value, xp.asarray(max_value).astype(y.dtype), y)
        return y

    @ns.impl()
    def sigmoid(x: Any) -> Any:
        x = xp.asarray(x)
        z = xp.exp(-xp.abs(x))
        one = z.dtype.type(1)  # typed: numpy 1.x would widen a 0-d z with Python 1
        return xp.where(x >= 0, one / (one + z), z / (one + z))

    @ns.impl(fast=xp.tanh)
    def tanh(x: Any) -> Any:
        return xp.tanh(x)

    @ns.impl()
    def softmax(x: Any, axis: Any) -> Any:
        e = xp.exp(x - xp.max(x, axis=axis, keepdims=True))
        return e / xp.sum(e, axis=axis, keepdims=True)

    @ns.impl()
    def softplus(x: Any) -> Any:
        return xp.logaddexp(xp.asarray(x).dtype.type(0), x)

    return ns
