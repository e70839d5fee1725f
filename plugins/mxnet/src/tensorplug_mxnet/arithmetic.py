"""Element-wise functions of two MXNet arrays, promoting as NEP 50 says (see _binary)."""

from __future__ import annotations

from typing import Any

from tensorplug._dtypes import result_type

from ._binary import binaries
from ._impls import Impls
from ._runtime import BOOL, Runtime


def build(rt: Runtime, **options: Any) -> Impls:
    ns = Impls("tensorplug_mxnet.arithmetic")
    ops = binaries(rt)
    add_, subtract_, multiply_, divide_ = (ops[n] for n in ("add", "subtract", "multiply",
                                                             "divide"))
    maximum_, minimum_ = ops["maximum"], ops["minimum"]
    equal_, not_equal_, greater_, greater_equal_, less_, less_equal_ = (
        ops[n] for n in ("equal", "not_equal", "greater", "greater_equal", "less", "less_equal"))

    @ns.impl(fast=add_)
    def add(x: Any, y: Any) -> Any:
        return add_(x, y)

    @ns.impl(fast=subtract_)
    def subtract(x: Any, y: Any) -> Any:
        return subtract_(x, y)

    @ns.impl(fast=multiply_)
    def multiply(x: Any, y: Any) -> Any:
        return multiply_(x, y)

    @ns.impl(fast=divide_)
    def divide(x: Any, y: Any) -> Any:
        return divide_(x, y)

    @ns.impl(fast=maximum_)
    def maximum(x: Any, y: Any) -> Any:
        return maximum_(x, y)

    @ns.impl(fast=minimum_)
    def minimum(x: Any, y: Any) -> Any:
        return minimum_(x, y)

    @ns.impl(fast=equal_)
    def equal(x: Any, y: Any) -> Any:
        return equal_(x, y)

    @ns.impl(fast=not_equal_)
    def not_equal(x: Any, y: Any) -> Any:
        return not_equal_(x, y)

    @ns.impl(fast=greater_)
    def greater(x: Any, y: Any) -> Any:
        return greater_(x, y)

    @ns.impl(fast=greater_equal_)
    def greater_equal(x: Any, y: Any) -> Any:
        return greater_equal_(x, y)

    @ns.impl(fast=less_)
    def less(x: Any, y: Any) -> Any:
        return less_(x, y)

    @ns.impl(fast=less_equal_)
    def less_equal(x: Any, y: Any) -> Any:
        return less_equal_(x, y)

    ND, code, npi = rt.ND, rt.code, rt.npi

    @ns.impl()
    def where(condition: Any, x: Any, y: Any) -> Any:
        if type(condition) is ND and type(x) is ND and type(y) is ND:
            cx = code(x)
            if code(condition) == BOOL and cx == code(y):
                return npi.where(condition, x, y)
        want = result_type(rt.operand(x), rt.operand(y))
        return npi.where(rt.tensor(condition, "bool"), rt.tensor(x, want), rt.tensor(y, want))

    return ns
