"""Generic element-wise, reduction and activation composites."""

from __future__ import annotations

import math
from typing import Any

from .._dtypes import mean_result
from ..hookspecs import hookimpl


def _reduced_count(shape: tuple[int, ...], axis: Any) -> int:
    if axis is None:
        return math.prod(shape)
    axes = axis if isinstance(axis, tuple) else (axis,)
    return math.prod(shape[a] for a in axes)


class MathComposites:
    ops: Any

    @hookimpl(trylast=True)
    def square(self, x: Any) -> Any:
        return self.ops.multiply(x, x)

    @hookimpl(trylast=True)
    def clip(self, x: Any, min_value: Any, max_value: Any) -> Any:
        o = self.ops
        if min_value is not None:
            x = o.maximum(x, min_value)
        if max_value is not None:
            x = o.minimum(x, max_value)
        return x

    def _float_input(self, x: Any) -> tuple[Any, str]:
        """``x`` as a float tensor to reduce (float16 widened), and the result dtype."""
        o = self.ops
        x = o.convert_to_tensor(x, None)
        out = mean_result(o.dtype(x))
        work = "float32" if out == "float16" else out
        return (x if o.dtype(x) == work else o.cast(x, work)), out

    @hookimpl(trylast=True)
    def mean(self, x: Any, axis: Any, keepdims: Any) -> Any:
        o = self.ops
        xf, out = self._float_input(x)
        total = o.sum(xf, axis, keepdims)
        res = o.divide(total, float(_reduced_count(tuple(o.int_shape(xf)), axis)))
        return res if out == o.dtype(res) else o.cast(res, out)

    @hookimpl(trylast=True)
    def var(self, x: Any, axis: Any, keepdims: Any) -> Any:
        o = self.ops
        xf, out = self._float_input(x)
        centred = o.subtract(xf, self.mean(xf, axis, True))
        res = self.mean(o.multiply(centred, centred), axis, keepdims)
        return res if out == o.dtype(res) else o.cast(res, out)

    @hookimpl(trylast=True)
    def std(self, x: Any, axis: Any, keepdims: Any) -> Any:
        return self.ops.sqrt(self.var(x, axis, keepdims))

    @hookimpl(trylast=True)
    def logsumexp(self, x: Any, axis: Any, keepdims: Any) -> Any:
        o = self.ops
        xf, out = self._float_input(x)
        m = self._finite_max(xf, axis, True)
        total = o.sum(o.exp(o.subtract(xf, m)), axis, keepdims)
        # a second max instead of reshaping m: a backend's 0-d results may be scalars
        # that its reshape refuses (numpy scalars and ndarray.reshape)
        res = o.add(o.log(total), m if keepdims else self._finite_max(xf, axis, False))
        return res if out == o.dtype(res) else o.cast(res, out)

    def _finite_max(self, x: Any, axis: Any, keepdims: Any) -> Any:
        """max over ``axis``, with +-inf (all-inf slices) replaced by 0."""
        o = self.ops
        m = o.max(x, axis, keepdims)
        return o.where(o.less(o.abs(m), math.inf), m, 0.0)

    @hookimpl(trylast=True)
    def relu(self, x: Any, alpha: Any, max_value: Any, threshold: Any) -> Any:
        o = self.ops
        if alpha != 0:
            below = o.multiply(o.subtract(x, threshold), alpha)
        else:
            below = o.multiply(x, 0)
        y = o.where(o.greater_equal(x, threshold), x, below)
        if max_value is not None:
            y = o.where(o.greater_equal(x, max_value), max_value, y)
        return y

    @hookimpl(trylast=True)
    def sigmoid(self, x: Any) -> Any:
        o = self.ops
        z = o.exp(o.negative(o.abs(x)))
        one_plus = o.add(z, 1)
        return o.where(o.greater_equal(x, 0), o.divide(1, one_plus), o.divide(z, one_plus))

    @hookimpl(trylast=True)
    def softmax(self, x: Any, axis: Any) -> Any:
        o = self.ops
        e = o.exp(o.subtract(x, o.max(x, axis, True)))
        return o.divide(e, o.sum(e, axis, True))
