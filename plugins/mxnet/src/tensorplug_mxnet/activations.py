"""Activation functions on MXNet arrays."""

from __future__ import annotations

from typing import Any

from ._binary import binaries
from ._impls import Impls
from ._runtime import BOOL, F16, FLOAT_LIMIT, Runtime
from .elementwise import float_function
from .reductions import axis_in


def build(rt: Runtime, **options: Any) -> Impls:
    ns = Impls("tensorplug_mxnet.activations")
    ND, code, npi, npx = rt.ND, rt.code, rt.npi, rt.npx
    ops = binaries(rt)
    maximum, multiply, subtract = ops["maximum"], ops["multiply"], ops["subtract"]
    greater_equal = ops["greater_equal"]
    tanh_ = float_function(rt, npi.tanh)
    sigmoid_ = float_function(rt, npx.sigmoid)

    @ns.impl()
    def relu(x: Any, alpha: Any, max_value: Any, threshold: Any) -> Any:
        if (type(x) is ND and code(x) < FLOAT_LIMIT and alpha == 0 and threshold == 0
                and max_value is None):
            return npi.maximum_scalar(x, 0.0)  # NaN propagates (npx.relu maps it to 0)
        x = rt.tensor(x)
        if threshold == 0 and alpha == 0:
            y = x.copy() if code(x) == BOOL else maximum(x, 0)
        else:
            below = multiply(subtract(x, threshold), alpha)
            y = _where(rt, greater_equal(x, threshold), x, below)
        if max_value is not None:
            y = npi.where(greater_equal(x, max_value), rt.tensor(max_value, rt.name(y)), y)
        return y

    @ns.impl(fast=sigmoid_)
    def sigmoid(x: Any) -> Any:
        return sigmoid_(x)

    @ns.impl(fast=tanh_)
    def tanh(x: Any) -> Any:
        return tanh_(x)

    @ns.impl()
    def softmax(x: Any, axis: Any) -> Any:
        if type(x) is ND and code(x) < FLOAT_LIMIT and code(x) != F16:
            return npx.softmax(x, axis=axis_in(axis, x.ndim))  # (npx clamps bad axes)
        xf, out = rt.floats(x)
        axis = axis_in(axis, xf.ndim)
        return rt.cast(npx.softmax(rt.cast(xf, "float32") if out == "float16" else xf,
                                   axis=axis), out)

    @ns.impl()
    def softplus(x: Any) -> Any:
        # max(x, 0) + log1p(exp(-|x|)): exact to the last bit where npx's softrelu
        # returns x itself above 20 (a 1e-10 relative error in float64).
        if not (type(x) is ND and code(x) < FLOAT_LIMIT):
            x = rt.floats(x)[0]
        tail = npi.log1p(npi.exp(npi.negative(npi.abs(x))))
        return npi.add(npi.maximum_scalar(x, 0.0), tail)

    return ns


def _where(rt: Runtime, condition: Any, x: Any, y: Any) -> Any:
    from tensorplug._dtypes import result_type

    want = result_type(rt.name(x), rt.name(y))
    return rt.npi.where(condition, rt.tensor(x, want), rt.tensor(y, want))
