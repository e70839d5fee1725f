"""Reductions through CuPy's unbound ``ndarray`` methods.

``cupy.sum``, ``cupy.argmax``, ``cupy.mean``, ... and ``cupy.add.reduce`` call the
argument's own method, so a numpy array would be reduced on the host and come back as
numpy. The unbound methods refuse it (TypeError), and the facade retries with it
converted.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from tensorplug_numpy import Impls


def build(xp: ModuleType, **options: Any) -> Impls:
    ns = Impls("tensorplug_cuda.reductions")
    nd = xp.ndarray
    sum_, prod_, max_, min_ = nd.sum, nd.prod, nd.max, nd.min
    mean_, var_, std_ = nd.mean, nd.var, nd.std

    @ns.impl()
    def sum(x: Any, axis: Any, keepdims: Any) -> Any:
        return sum_(x, axis=axis, keepdims=keepdims)

    @ns.impl()
    def prod(x: Any, axis: Any, keepdims: Any) -> Any:
        return prod_(x, axis=axis, keepdims=keepdims)

    @ns.impl()
    def max(x: Any, axis: Any, keepdims: Any) -> Any:
        return max_(x, axis=axis, keepdims=keepdims)

    @ns.impl()
    def min(x: Any, axis: Any, keepdims: Any) -> Any:
        return min_(x, axis=axis, keepdims=keepdims)

    @ns.impl()
    def mean(x: Any, axis: Any, keepdims: Any) -> Any:
        return mean_(x, axis=axis, keepdims=keepdims)

    @ns.impl()
    def var(x: Any, axis: Any, keepdims: Any) -> Any:
        return var_(x, axis=axis, keepdims=keepdims)

    @ns.impl()
    def std(x: Any, axis: Any, keepdims: Any) -> Any:
        return std_(x, axis=axis, keepdims=keepdims)

    @ns.impl(fast=nd.argmax)
    def argmax(x: Any, axis: Any) -> Any:
        return nd.argmax(x, axis)

    @ns.impl(fast=nd.argmin)
    def argmin(x: Any, axis: Any) -> Any:
        return nd.argmin(x, axis)

    return ns
