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
    """Each wrapper (what trace mode calls) calls the same callable as its native binding,
    so numpy 1.x applies the NEP 50 wrappers in both modes."""
    ns = Impls("tensorplug_numpy.arithmetic")
    legacy = needs_wrappers(xp)

    def fast(op: str, table: dict[str, str]) -> Any:
        ufunc = getattr(xp, table[op])
        if not legacy:
            return ufunc
        return (wrap_arith if table is _ARITH else wrap_compare)(xp, ufunc)

    _add = fast("add", _ARITH)

    @ns.impl(fast=_add)
    def add(x: Any, y: Any) -> Any:
        return _add(x, y)

    _subtract = fast("subtract", _ARITH)

    @ns.impl(fast=_subtract)
    def subtract(x: Any, y: Any) -> Any:
        return _subtract(x, y)

    _multiply = fast("multiply", _ARITH)

    @ns.impl(fast=_multiply)
    def multiply(x: Any, y: Any) -> Any:
        return _multiply(x, y)

    _divide = fast("divide", _ARITH)

    @ns.impl(fast=_divide)
    def divide(x: Any, y: Any) -> Any:
        return _divide(x, y)

    _maximum = fast("maximum", _ARITH)

    @ns.impl(fast=_maximum)
    def maximum(x: Any, y: Any) -> Any:
        return _maximum(x, y)

    _minimum = fast("minimum", _ARITH)

    @ns.impl(fast=_minimum)
    def minimum(x: Any, y: Any) -> Any:
        return _minimum(x, y)

    _equal = fast("equal", _COMPARE)

    @ns.impl(fast=_equal)
    def equal(x: Any, y: Any) -> Any:
        return _equal(x, y)

    _not_equal = fast("not_equal", _COMPARE)

    @ns.impl(fast=_not_equal)
    def not_equal(x: Any, y: Any) -> Any:
        return _not_equal(x, y)

    _greater = fast("greater", _COMPARE)

    @ns.impl(fast=_greater)
    def greater(x: Any, y: Any) -> Any:
        return _greater(x, y)

    _greater_equal = fast("greater_equal", _COMPARE)

    @ns.impl(fast=_greater_equal)
    def greater_equal(x: Any, y: Any) -> Any:
        return _greater_equal(x, y)

    _less = fast("less", _COMPARE)

    @ns.impl(fast=_less)
    def less(x: Any, y: Any) -> Any:
        return _less(x, y)

    _less_equal = fast("less_equal", _COMPARE)

    @ns.impl(fast=_less_equal)
    def less_equal(x: Any, y: Any) -> Any:
        return _less_equal(x, y)

    _where = wrap_where(xp) if legacy else xp.where

    @ns.impl(fast=_where)
    def where(condition: Any, x: Any, y: Any) -> Any:
        return _where(condition, x, y)

    return ns
