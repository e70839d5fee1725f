"""Reductions and scans on MXNet arrays.

MXNet sums integers in their own dtype and averages them in float32; the contract
wants int64 sums and float64 means, so integer inputs pass an explicit ``dtype``.
float16 reductions accumulate in float32 and cast back.
"""

from __future__ import annotations

from typing import Any, Callable

from ._impls import Impls
from ._runtime import BOOL, F16, FLOAT_LIMIT, Runtime


def build(rt: Runtime, **options: Any) -> Impls:
    ns = Impls("tensorplug_mxnet.reductions")
    ND, code, mnp, npi = rt.ND, rt.code, rt.np, rt.npi
    msum, mprod, mmax, mmin, many, mall = mnp.sum, mnp.prod, mnp.max, mnp.min, mnp.any, mnp.all
    mcumsum = mnp.cumsum

    def native(x: Any) -> Any:
        return x if type(x) is ND else rt.tensor(x)

    def accumulate(fn: Callable[..., Any], x: Any, axis: Any, keepdims: Any) -> Any:
        c = code(x)
        if c < FLOAT_LIMIT:
            if c != F16:
                return fn(x, axis=axis, keepdims=keepdims)
            return rt.cast(fn(x, axis=axis, dtype="float32", keepdims=keepdims), "float16")
        return fn(x, axis=axis, dtype="int64", keepdims=keepdims)

    get, local, slot = rt.reader.get, rt.reader.local, rt.reader.slot

    @ns.impl()
    def sum(x: Any, axis: Any, keepdims: Any) -> Any:
        if type(x) is ND:
            try:  # rt.code(x), inlined on the hot path
                buf, ref = local.slot
            except AttributeError:
                buf, ref = slot()
            get(x.handle, ref)
            c = buf.value
            if c < FLOAT_LIMIT and c != F16:
                # (MXNet formats every argument given into a string: pass only those set)
                if axis is None and not keepdims:
                    return msum(x)
                return msum(x, axis=axis, keepdims=keepdims)
        return accumulate(msum, native(x), axis, keepdims)

    @ns.impl()
    def prod(x: Any, axis: Any, keepdims: Any) -> Any:
        return accumulate(mprod, native(x), axis, keepdims)

    def moment(fn: Callable[..., Any], x: Any, axis: Any, keepdims: Any) -> Any:
        """mean / var / std: floats keep their dtype (float16 via float32); the rest float64."""
        c = code(x)
        if c < FLOAT_LIMIT and c != F16:
            return fn(x, axis=axis, keepdims=keepdims)
        work = "float32" if c == F16 else "float64"
        res = fn(rt.cast(x, work), axis=axis, keepdims=keepdims)
        return rt.cast(res, "float16") if c == F16 else res

    @ns.impl()
    def mean(x: Any, axis: Any, keepdims: Any) -> Any:
        return moment(npi.mean, native(x), axis, keepdims)

    @ns.impl()
    def var(x: Any, axis: Any, keepdims: Any) -> Any:
        return moment(npi.var, native(x), axis, keepdims)

    @ns.impl()
    def std(x: Any, axis: Any, keepdims: Any) -> Any:
        return moment(npi.std, native(x), axis, keepdims)

    @ns.impl()
    def max(x: Any, axis: Any, keepdims: Any) -> Any:
        return mmax(native(x), axis, keepdims)

    @ns.impl()
    def min(x: Any, axis: Any, keepdims: Any) -> Any:
        return mmin(native(x), axis, keepdims)

    @ns.impl()
    def any(x: Any, axis: Any, keepdims: Any) -> Any:
        return many(native(x), axis, keepdims)

    @ns.impl()
    def all(x: Any, axis: Any, keepdims: Any) -> Any:
        return mall(native(x), axis, keepdims)

    @ns.impl()
    def logsumexp(x: Any, axis: Any, keepdims: Any) -> Any:
        xf, out = rt.floats(x)
        if out == "float16":
            xf = rt.cast(xf, "float32")
        m = mmax(xf, axis, True)
        m = npi.where(mnp.isfinite(m), m, mnp.zeros_like(m))
        res = npi.add(npi.log(msum(npi.exp(npi.subtract(xf, m)), axis, None, True)), m)
        if not keepdims:
            drop = _axes(axis, xf.ndim)
            res = mnp.reshape(res, tuple(d for i, d in enumerate(res.shape) if i not in drop))
        return rt.cast(res, out)

    def arg(fn: Callable[..., Any], x: Any, axis: Any) -> Any:
        x = native(x)
        if code(x) == BOOL:  # MXNet's argmax has no bool kernel
            x = rt.cast(x, "int32")
        return fn(x, axis=axis)

    @ns.impl()
    def argmax(x: Any, axis: Any) -> Any:
        return arg(npi.argmax, x, axis)

    @ns.impl()
    def argmin(x: Any, axis: Any) -> Any:
        return arg(npi.argmin, x, axis)

    @ns.impl()
    def cumsum(x: Any, axis: Any) -> Any:
        x = native(x)  # MXNet's cumsum refuses negative axes
        return mcumsum(x, axis_in(axis, x.ndim), None if code(x) < FLOAT_LIMIT else "int64")

    @ns.impl()
    def cumprod(x: Any, axis: Any) -> Any:
        """MXNet has no cumprod: a Hillis-Steele scan of multiplies (exact for integers,
        differentiable under ``mx.autograd``), log2(n) steps."""
        x = native(x)
        if code(x) >= FLOAT_LIMIT:
            x = rt.cast(x, "int64")
        axis = axis_in(axis, x.ndim)
        n, dtype = x.shape[axis], rt.name(x)
        lead = (slice(None),) * axis
        k = 1
        while k < n:
            pad = mnp.ones(x.shape[:axis] + (k,) + x.shape[axis + 1:], dtype=dtype)
            shifted = npi.concatenate(pad, x[lead + (slice(0, n - k),)], axis=axis)
            x = npi.multiply(x, shifted)
            k *= 2
        return x

    return ns


def axis_in(axis: int, ndim: int) -> int:
    """``axis`` made non-negative; a ValueError outside the rank, so the facade's
    validator reports it (MXNet would wrap or refuse negative axes)."""
    if not -ndim <= axis < ndim:
        raise ValueError(f"axis {axis} is out of range for rank {ndim}")
    return axis % ndim


def _axes(axis: Any, ndim: int) -> tuple[int, ...]:
    if axis is None:
        return tuple(range(ndim))
    return tuple(a % ndim for a in (axis if isinstance(axis, tuple) else (axis,)))
