"""Element-wise functions of one numpy tensor, plus pow and clip."""

from __future__ import annotations

from types import ModuleType
from typing import Any

from tensorplug._dtypes import result_type

from ._impls import Impls
from ._promote import needs_wrappers, operand, wrap_arith


def _clip_ufunc(xp: ModuleType) -> Any:
    if xp.__name__ != "numpy":
        return xp.clip
    core = getattr(xp, "_core", None)
    umath = getattr(core, "umath", None)
    if umath is None:  # numpy 1.x
        import numpy.core.umath as umath
    clip = getattr(umath, "clip", None)
    return clip if clip is not None and xp.__name__ == "numpy" else xp.clip


def build(xp: ModuleType, **options: Any) -> Impls:
    ns = Impls("tensorplug_numpy.elementwise")
    legacy = needs_wrappers(xp)

    @ns.impl(fast=xp.abs)
    def abs(x: Any) -> Any:
        return xp.abs(x)

    @ns.impl(fast=xp.negative)
    def negative(x: Any) -> Any:
        return xp.negative(x)

    @ns.impl(fast=xp.square)
    def square(x: Any) -> Any:
        return xp.square(x)

    @ns.impl()
    def sqrt(x: Any) -> Any:
        x = xp.asarray(x)
        if x.dtype.kind == "b":
            return xp.sqrt(x)
        return xp.sqrt(xp.maximum(x, x.dtype.type(0)))

    @ns.impl(fast=xp.exp)
    def exp(x: Any) -> Any:
        return xp.exp(x)

    @ns.impl(fast=xp.log)
    def log(x: Any) -> Any:
        return xp.log(x)

    @ns.impl(fast=xp.sign)
    def sign(x: Any) -> Any:
        return xp.sign(x)

    @ns.impl()
    def round(x: Any) -> Any:
        x = xp.asarray(x)
        return xp.rint(x) if x.dtype.kind == "f" else x.copy()

    @ns.impl(fast=xp.sin)
    def sin(x: Any) -> Any:
        return xp.sin(x)

    @ns.impl(fast=xp.cos)
    def cos(x: Any) -> Any:
        return xp.cos(x)

    _power = wrap_arith(xp, xp.power) if legacy else xp.power

    @ns.impl(fast=_power)
    def pow(x: Any, a: Any) -> Any:
        return _power(x, a)

    clip_ufunc = _clip_ufunc(xp)

    @ns.impl()
    def clip(x: Any, min_value: Any, max_value: Any) -> Any:
        kw: dict[str, Any] = {}
        if legacy:  # numpy 1.x: value-based casting would widen 0-d x with Python bounds
            kw["dtype"] = result_type(*(operand(v) for v in (x, min_value, max_value)
                                        if v is not None))
        if min_value is None:
            return xp.array(x, copy=True) if max_value is None else xp.minimum(x, max_value, **kw)
        if max_value is None:
            return xp.maximum(x, min_value, **kw)
        return clip_ufunc(x, min_value, max_value, **kw)

    return ns
