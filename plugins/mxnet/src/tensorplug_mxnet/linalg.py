"""Products and transposes of MXNet arrays.

MXNet's CPU dot/matmul kernels take float32 and float64 only: integer operands are
multiplied in float64 (exact below 2**53), float16 and bool in float32, then cast to
the contract's dtype (bool: any non-zero product term).
"""

from __future__ import annotations

import math
from typing import Any

from tensorplug._dtypes import kind, result_type

from ._impls import Impls
from ._runtime import BOOL, F32, F64, Runtime


def work_dtype(dtype: str) -> str:
    """The dtype MXNet's CPU BLAS kernels compute ``dtype`` products in."""
    if dtype in ("float32", "float64"):
        return dtype
    return "float64" if kind(dtype) in "iu" else "float32"


def build(rt: Runtime, **options: Any) -> Impls:
    ns = Impls("tensorplug_mxnet.linalg")
    ND, code, mnp = rt.ND, rt.code, rt.np
    mdot, mtranspose = mnp.dot, mnp.transpose

    def operands(x: Any, y: Any) -> tuple[Any, Any, str]:
        want = result_type(rt.name(x), rt.name(y))
        work = work_dtype(want)
        return rt.tensor(x, work), rt.tensor(y, work), want

    get, local, slot = rt.reader.get, rt.reader.local, rt.reader.slot

    @ns.impl()
    def dot(x: Any, y: Any) -> Any:
        if type(x) is ND and type(y) is ND:
            try:  # rt.code(x) and rt.code(y), inlined on the hot path
                buf, ref = local.slot
            except AttributeError:
                buf, ref = slot()
            get(x.handle, ref)
            c = buf.value
            get(y.handle, ref)
            if c == buf.value and (c == F32 or c == F64):
                return mdot(x, y)  # numpy's dot: Theano-style for N-D, as Keras 2
        xw, yw, want = operands(x, y)
        return rt.cast(mdot(xw, yw), want)

    @ns.impl()
    def batch_dot(x: Any, y: Any, axes: Any) -> Any:
        xw, yw, want = operands(x, y)
        xt = mnp.moveaxis(xw, axes[0], -1)  # (b, rest_x..., c)
        yt = mnp.moveaxis(yw, axes[1], 1)  # (b, c, rest_y...)
        b, c = xw.shape[0], xt.shape[-1]
        rest_x, rest_y = xt.shape[1:-1], yt.shape[2:]
        out = mnp.matmul(mnp.reshape(xt, (b, math.prod(rest_x), c)),
                         mnp.reshape(yt, (b, c, math.prod(rest_y))))
        out = mnp.reshape(out, (b, *rest_x, *rest_y) if rest_x or rest_y else (b, 1))
        return rt.cast(out, want)

    @ns.impl()
    def transpose(x: Any) -> Any:
        if type(x) is ND and code(x) != BOOL:
            return mtranspose(x)
        return permute(rt, x, None)

    return ns


def permute(rt: Runtime, x: Any, axes: Any) -> Any:
    """``transpose(x, axes)``; bool through uint8 (MXNet has no bool transpose kernel)."""
    x = rt.tensor(x)
    if rt.code(x) == BOOL:
        return rt.cast(rt.np.transpose(rt.cast(x, "uint8"), axes), "bool")
    return rt.np.transpose(x, axes)
