"""Element-wise functions of one numpy tensor, plus pow and clip."""

from __future__ import annotations

from types import ModuleType
from typing import Any

from ._impls import Impls


def _clip_ufunc(xp: ModuleType) -> Any:
    core = getattr(xp, "_core", None)
    umath = getattr(core, "umath", None)
    if umath is None:  # numpy 1.x
        import numpy.core.umath as umath
    clip = getattr(umath, "clip", None)
    return clip if clip is not None and xp.__name__ == "numpy" else xp.clip


def build(xp: ModuleType, **options: Any) -> Impls:
    ns = Impls("tensorplug_numpy.elementwise")

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

    @ns.impl(fast=xp.power)
    def pow(x: Any, a: Any) -> Any:
        return xp.power(x, a)

    clip_ufunc = _clip_ufunc(xp)

    @ns.impl()
    def clip(x: Any, min_value: Any, max_value: Any) -> Any:
        if min_value is None:
            return x.copy() if max_value is None else xp.minimum(x, max_value)
        if max_value is None:
            return xp.maximum(x, min_value)
        return clip_ufunc(x, min_value, max_value)

    return ns
