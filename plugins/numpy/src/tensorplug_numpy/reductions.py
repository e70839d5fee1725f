"""Reductions and scans on numpy tensors."""

from __future__ import annotations

from types import ModuleType
from typing import Any

from ._impls import Impls


def build(xp: ModuleType, **options: Any) -> Impls:
    ns = Impls("tensorplug_numpy.reductions")
    add_reduce, mul_reduce = xp.add.reduce, xp.multiply.reduce
    max_reduce, min_reduce = xp.maximum.reduce, xp.minimum.reduce

    @ns.impl()
    def sum(x: Any, axis: Any, keepdims: Any) -> Any:
        return add_reduce(x, axis, None, None, keepdims)

    @ns.impl()
    def prod(x: Any, axis: Any, keepdims: Any) -> Any:
        return mul_reduce(x, axis, None, None, keepdims)

    @ns.impl()
    def mean(x: Any, axis: Any, keepdims: Any) -> Any:
        return xp.mean(x, axis=axis, keepdims=keepdims)

    @ns.impl()
    def max(x: Any, axis: Any, keepdims: Any) -> Any:
        return max_reduce(x, axis, None, None, keepdims)

    @ns.impl()
    def min(x: Any, axis: Any, keepdims: Any) -> Any:
        return min_reduce(x, axis, None, None, keepdims)

    @ns.impl()
    def var(x: Any, axis: Any, keepdims: Any) -> Any:
        return xp.var(x, axis=axis, keepdims=keepdims)

    @ns.impl()
    def std(x: Any, axis: Any, keepdims: Any) -> Any:
        return xp.std(x, axis=axis, keepdims=keepdims)

    @ns.impl()
    def any(x: Any, axis: Any, keepdims: Any) -> Any:
        return xp.any(x, axis=axis, keepdims=keepdims)

    @ns.impl()
    def all(x: Any, axis: Any, keepdims: Any) -> Any:
        return xp.all(x, axis=axis, keepdims=keepdims)

    @ns.impl()
    def logsumexp(x: Any, axis: Any, keepdims: Any) -> Any:
        x = xp.asarray(x)
        out = x.dtype if x.dtype.kind == "f" else xp.dtype("float64")
        work = xp.float32 if out == xp.float16 else out  # float16 sums in float32
        xw = x.astype(work)
        # xp.max, not maximum.reduce: CuPy (the cuda plugin reuses this) reduces with
        # add and multiply only.
        m = xp.max(xw, axis=axis, keepdims=True)
        m = xp.where(xp.isfinite(m), m, xp.zeros_like(m))  # all -inf rows: log(0) = -inf
        s = xp.sum(xp.exp(xw - m), axis=axis, keepdims=keepdims)
        if not keepdims:
            m = xp.reshape(m, xp.shape(s))
        return (xp.log(s) + m).astype(out)

    @ns.impl(fast=xp.argmax)
    def argmax(x: Any, axis: Any) -> Any:
        return xp.argmax(x, axis)

    @ns.impl(fast=xp.argmin)
    def argmin(x: Any, axis: Any) -> Any:
        return xp.argmin(x, axis)

    @ns.impl(fast=xp.cumsum)
    def cumsum(x: Any, axis: Any) -> Any:
        return xp.cumsum(x, axis)

    @ns.impl(fast=xp.cumprod)
    def cumprod(x: Any, axis: Any) -> Any:
        return xp.cumprod(x, axis)

    return ns
