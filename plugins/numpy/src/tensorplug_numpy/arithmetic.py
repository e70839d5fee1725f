"""Element-wise functions of two numpy tensors: numpy's own ufuncs (numpy >= 2) or
NEP 50 wrappers (numpy 1.x)."""

from __future__ import annotations

from types import ModuleType
from typing import Any

from ._impls import Impls
from ._promote import needs_wrappers, wrap_arith, wrap_compare, wrap_where

_ARITH = {"add": "add", "subtract": "subtract", "multiply": "multiply",
          "divide": "true_divide", "maximum": "maximum", "minimum": "minimum"}
_COMPARE = {"equal": "equal", "not_equal": "not_equal", "greater": "greater",
            "greater_equal": "greater_equal", "less": "less", "less_equal": "less_equal"}


def build(xp: ModuleType, **options: Any) -> Impls:
    ns = Impls("tensorplug_numpy.arithmetic")
    legacy = needs_wrappers(xp)

    def fast(op: str, table: dict[str, str]) -> Any:
        ufunc = getattr(xp, table[op])
        if not legacy:
            return ufunc
        return (wrap_arith if table is _ARITH else wrap_compare)(xp, ufunc)

    @ns.impl(fast=fast("add", _ARITH))
    def add(x: Any, y: Any) -> Any:
        return xp.add(x, y)

    @ns.impl(fast=fast("subtract", _ARITH))
    def subtract(x: Any, y: Any) -> Any:
        return xp.subtract(x, y)

    @ns.impl(fast=fast("multiply", _ARITH))
    def multiply(x: Any, y: Any) -> Any:
        return xp.multiply(x, y)

    @ns.impl(fast=fast("divide", _ARITH))
    def divide(x: Any, y: Any) -> Any:
        return xp.true_divide(x, y)

    @ns.impl(fast=fast("maximum", _ARITH))
    def maximum(x: Any, y: Any) -> Any:
        return xp.maximum(x, y)

    @ns.impl(fast=fast("minimum", _ARITH))
    def minimum(x: Any, y: Any) -> Any:
        return xp.minimum(x, y)

    @ns.impl(fast=fast("equal", _COMPARE))
    def equal(x: Any, y: Any) -> Any:
        return xp.equal(x, y)

    @ns.impl(fast=fast("not_equal", _COMPARE))
    def not_equal(x: Any, y: Any) -> Any:
        return xp.not_equal(x, y)

    @ns.impl(fast=fast("greater", _COMPARE))
    def greater(x: Any, y: Any) -> Any:
        return xp.greater(x, y)

    @ns.impl(fast=fast("greater_equal", _COMPARE))
    def greater_equal(x: Any, y: Any) -> Any:
        return xp.greater_equal(x, y)

    @ns.impl(fast=fast("less", _COMPARE))
    def less(x: Any, y: Any) -> Any:
        return xp.less(x, y)

    @ns.impl(fast=fast("less_equal", _COMPARE))
    def less_equal(x: Any, y: Any) -> Any:
        return xp.less_equal(x, y)

    @ns.impl(fast=wrap_where(xp) if legacy else xp.where)
    def where(condition: Any, x: Any, y: Any) -> Any:
        return xp.where(condition, x, y)

    return ns
