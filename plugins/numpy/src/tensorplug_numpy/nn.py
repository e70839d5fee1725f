"""numpy overrides of nn composites, where measurably faster than ``tensorplug.generic``.

Same semantics as the generic versions (Keras 2.3: probabilities rescaled and clipped
to [eps, 1 - eps] in the output's dtype; float16 losses and batch normalisation computed
in float32). Scalars are typed (``dtype.type(v)``) so numpy 1.x's value-based casting
gives the same dtypes as numpy 2. Only functions CuPy also has.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from tensorplug import backend as K

from ._impls import Impls


def build(xp: ModuleType, **options: Any) -> Impls:
    ns = Impls("tensorplug_numpy.nn")

    def floating(x: Any, widen: bool = False) -> tuple[Any, Any]:
        """``x`` as a float array (float16 as float32 with ``widen``), and the result
        dtype (a float function's: ints as ``result_type(x, float16)``)."""
        x = xp.asarray(x)
        out = x.dtype if x.dtype.kind == "f" else xp.result_type(x.dtype, xp.float16)
        work = xp.dtype(xp.float32) if widen and out == xp.float16 else out
        return (x if x.dtype == work else x.astype(work)), out

    def clip_eps(p: Any) -> Any:
        eps = float(K.epsilon())
        return xp.clip(p, p.dtype.type(eps), p.dtype.type(1.0 - eps))

    def axis_of(axis: int, rank: int) -> int:
        if not -rank <= axis < rank:
            raise ValueError(f"axis {axis} is out of range for rank {rank}")
        return axis % rank

    def log_softmax(x: Any, axis: int) -> Any:
        shifted = x - xp.max(x, axis=axis, keepdims=True)
        return shifted - xp.log(xp.sum(xp.exp(shifted), axis=axis, keepdims=True))

    @ns.impl()
    def elu(x: Any, alpha: Any) -> Any:
        xf, _ = floating(x)
        zero = xf.dtype.type(0)
        below = xp.expm1(xp.minimum(xf, zero)) * xf.dtype.type(alpha)
        return xp.where(xf > zero, xf, below)

    @ns.impl()
    def softsign(x: Any) -> Any:
        xf, _ = floating(x)
        return xf / (xp.abs(xf) + xf.dtype.type(1))

    @ns.impl()
    def hard_sigmoid(x: Any) -> Any:
        xf, _ = floating(x)
        t = xf.dtype.type
        return xp.clip(xf * t(0.2) + t(0.5), t(0), t(1))

    @ns.impl()
    def l2_normalize(x: Any, axis: Any) -> Any:
        xf, out = floating(x, widen=True)
        squares = xp.sum(xf * xf, axis=axis, keepdims=True)
        norm = xp.sqrt(xp.maximum(squares, xf.dtype.type(K.epsilon())))
        return xp.asarray(xf / norm).astype(out, copy=False)

    @ns.impl()
    def bias_add(x: Any, bias: Any, data_format: Any) -> Any:
        x, b = xp.asarray(x), xp.asarray(bias)
        if data_format == "channels_first" and 3 <= x.ndim <= 5:
            # Keras's layout: a full bias is (spatial..., channels), reshaped (not
            # transposed) to (1, channels, spatial...)
            b = b.reshape((1, b.shape[0]) + (1,) * (x.ndim - 2) if b.ndim == 1
                          else (1, b.shape[-1]) + b.shape[:-1])
        return x + b

    @ns.impl()
    def categorical_crossentropy(target: Any, output: Any, from_logits: Any,
                                 axis: Any) -> Any:
        o, out = floating(output, widen=True)
        axis_of(axis, o.ndim)
        if from_logits:
            log_p = log_softmax(o, axis)
        else:
            log_p = xp.log(clip_eps(o / xp.sum(o, axis=axis, keepdims=True)))
        t = xp.asarray(target).astype(o.dtype, copy=False)
        return xp.asarray(-xp.sum(t * log_p, axis=axis)).astype(out, copy=False)

    @ns.impl()
    def sparse_categorical_crossentropy(target: Any, output: Any, from_logits: Any,
                                        axis: Any) -> Any:
        o, out = floating(output, widen=True)
        o = xp.moveaxis(o, axis_of(axis, o.ndim), -1)
        classes = o.shape[-1]
        t = xp.asarray(target).astype(xp.int64).reshape(o.shape[:-1] + (1,))
        valid = (t >= 0) & (t < classes)
        index = xp.where(valid, t, 0)
        if from_logits:
            picked = xp.take_along_axis(log_softmax(o, -1), index, -1)
        else:
            c = clip_eps(o)
            picked = xp.log(xp.take_along_axis(c, index, -1)) - xp.log(
                xp.sum(c, axis=-1, keepdims=True))
        loss = xp.where(valid, -picked, o.dtype.type(xp.nan))[..., 0]
        return xp.asarray(loss).astype(out, copy=False)

    @ns.impl()
    def binary_crossentropy(target: Any, output: Any, from_logits: Any) -> Any:
        o, out = floating(output, widen=True)
        t = xp.asarray(target).astype(o.dtype, copy=False)
        one = o.dtype.type(1)
        if from_logits:  # max(x, 0) - x * t + log(1 + exp(-|x|))
            loss = xp.maximum(o, o.dtype.type(0)) - o * t + xp.log1p(xp.exp(-xp.abs(o)))
        else:
            p = clip_eps(o)
            loss = -(t * xp.log(p) + (one - t) * xp.log(one - p))
        return xp.asarray(loss).astype(out, copy=False)

    def along(stat: Any, axis: int, rank: int) -> Any:
        if stat is None:
            return None
        s = xp.asarray(stat)
        if s.ndim != 1 or rank < 2:
            return s
        shape = [1] * rank
        shape[axis_of(axis, rank)] = s.shape[0]
        return s.reshape(shape)

    @ns.impl()
    def batch_normalization(x: Any, mean: Any, var: Any, beta: Any, gamma: Any, axis: Any,
                            epsilon: Any) -> Any:
        x = xp.asarray(x)
        stats = [along(s, axis, x.ndim) for s in (mean, var, beta, gamma)]
        out = xp.result_type(x.dtype, *(s.dtype for s in stats if s is not None))
        out = out if out.kind == "f" else xp.result_type(out, xp.float16)
        work = xp.dtype(xp.float32) if out == xp.float16 else out
        x = x.astype(work, copy=False)
        m, v, b, g = (None if s is None else s.astype(work, copy=False) for s in stats)
        y = (x - m) / xp.sqrt(v + work.type(epsilon))
        if g is not None:
            y = y * g
        if b is not None:
            y = y + b
        return xp.asarray(y).astype(out, copy=False)

    @ns.impl()
    def normalize_batch_in_training(x: Any, gamma: Any, beta: Any, reduction_axes: Any,
                                    epsilon: Any) -> Any:
        xw, out = floating(x, widen=True)
        axes = tuple(sorted({axis_of(a, xw.ndim) for a in reduction_axes}))
        mean = xp.mean(xw, axis=axes, keepdims=True)
        var = xp.mean(xp.square(xw - mean), axis=axes, keepdims=True)
        target = tuple(1 if i in axes else d for i, d in enumerate(xw.shape))
        kept = tuple(d for i, d in enumerate(xw.shape) if i not in axes)
        normed = (xw - mean) / xp.sqrt(var + xw.dtype.type(epsilon))
        g, b = (None if s is None else xp.asarray(s).reshape(target) for s in (gamma, beta))
        normed_out = xp.result_type(out, *(s.dtype for s in (g, b) if s is not None))
        if g is not None:  # float16 parameters join the float32 work
            normed = normed * g.astype(xp.result_type(xw.dtype, g.dtype), copy=False)
        if b is not None:
            normed = normed + b.astype(xp.result_type(xw.dtype, b.dtype), copy=False)
        return (xp.asarray(normed).astype(normed_out, copy=False),
                mean.reshape(kept).astype(out, copy=False),
                var.reshape(kept).astype(out, copy=False))

    return ns
