"""Generic composites: activations, normalisation and losses (dropout: ``_random``).

Everything here is written with contract ops only, so the same code computes eagerly
on any backend and, re-traced on symbols, is what the graph differentiates.
"""

from __future__ import annotations

import math
from typing import Any

from .. import _config
from .._dtypes import float_result, result_type
from ..hookspecs import hookimpl


class NNComposites:
    ops: Any

    # -- helpers ----------------------------------------------------------------------
    def _tensor(self, x: Any) -> Any:
        o = self.ops
        return x if o.is_tensor(x) else o.convert_to_tensor(x, None)

    def _floating(self, x: Any, widen: bool = False) -> tuple[Any, str]:
        """``x`` as a float tensor and the result dtype (a float function's, as exp);
        with ``widen``, float16 is computed in float32 (sums of logs)."""
        o = self.ops
        x = self._tensor(x)
        have = o.dtype(x)
        out = float_result(have)
        work = "float32" if widen and out == "float16" else out
        return (x if have == work else o.cast(x, work)), out

    def _back(self, y: Any, out: str) -> Any:
        return y if self.ops.dtype(y) == out else self.ops.cast(y, out)

    def _like(self, t: Any, x: Any) -> Any:
        """``t`` cast to ``x``'s dtype (targets take the prediction's float dtype)."""
        o = self.ops
        t = self._tensor(t)
        want = o.dtype(x)
        return t if o.dtype(t) == want else o.cast(t, want)

    def _clip_eps(self, p: Any) -> Any:
        eps = float(_config.get("epsilon"))
        return self.ops.minimum(self.ops.maximum(p, eps), 1.0 - eps)

    def _log_softmax(self, x: Any, axis: int) -> Any:
        return self.ops.subtract(x, self.ops.logsumexp(x, axis, True))

    # -- activations ------------------------------------------------------------------
    @hookimpl(trylast=True)
    def elu(self, x: Any, alpha: Any) -> Any:
        o = self.ops
        xf, _ = self._floating(x)
        below = o.multiply(o.subtract(o.exp(o.minimum(xf, 0)), 1), alpha)
        return o.where(o.greater(xf, 0), xf, below)

    @hookimpl(trylast=True)
    def softsign(self, x: Any) -> Any:
        o = self.ops
        xf, _ = self._floating(x)
        return o.divide(xf, o.add(o.abs(xf), 1))

    @hookimpl(trylast=True)
    def hard_sigmoid(self, x: Any) -> Any:
        o = self.ops
        xf, _ = self._floating(x)
        return o.minimum(o.maximum(o.add(o.multiply(xf, 0.2), 0.5), 0), 1)

    @hookimpl(trylast=True)
    def l2_normalize(self, x: Any, axis: Any) -> Any:
        o = self.ops
        xf, out = self._floating(x, widen=True)
        squares = o.sum(o.multiply(xf, xf), axis, True)
        norm = o.sqrt(o.maximum(squares, float(_config.get("epsilon"))))
        return self._back(o.divide(xf, norm), out)

    @hookimpl(trylast=True)
    def in_top_k(self, predictions: Any, targets: Any, k: Any) -> Any:
        o = self.ops
        p = self._tensor(predictions)
        classes = o.convert_to_tensor(list(range(tuple(o.int_shape(p))[1])), "int64")
        hit = o.equal(o.reshape(o.cast(targets, "int64"), (-1, 1)), classes)
        target_score = o.max(o.where(hit, p, -math.inf), 1, True)
        above = o.sum(o.cast(o.greater(p, target_score), "int64"), 1, False)
        finite = o.less(o.abs(o.reshape(target_score, (-1,))), math.inf)
        return o.where(finite, o.less(above, k), False)

    @hookimpl(trylast=True)
    def bias_add(self, x: Any, bias: Any, data_format: Any) -> Any:
        o = self.ops
        rank = len(tuple(o.int_shape(x)))
        b_shape = tuple(o.int_shape(bias))
        if data_format == "channels_first" and 3 <= rank <= 5:
            # Keras's layout: a full bias is (spatial..., channels), reshaped (not
            # transposed) to (1, channels, spatial...).
            shape = ((1, b_shape[0]) + (1,) * (rank - 2) if len(b_shape) == 1
                     else (1, b_shape[-1]) + b_shape[:-1])
        else:
            shape = (1,) * (rank - len(b_shape)) + b_shape
        return o.add(x, o.reshape(bias, shape))

    # -- losses -----------------------------------------------------------------------
    @hookimpl(trylast=True)
    def categorical_crossentropy(self, target: Any, output: Any, from_logits: Any,
                                 axis: Any) -> Any:
        o = self.ops
        out_f, out = self._floating(output, widen=True)
        if from_logits:
            log_p = self._log_softmax(out_f, axis)
        else:
            p = o.divide(out_f, o.sum(out_f, axis, True))
            log_p = o.log(self._clip_eps(p))
        loss = o.negative(o.sum(o.multiply(self._like(target, out_f), log_p), axis, False))
        return self._back(loss, out)

    @hookimpl(trylast=True)
    def sparse_categorical_crossentropy(self, target: Any, output: Any, from_logits: Any,
                                        axis: Any) -> Any:
        o = self.ops
        out_f, out = self._floating(output, widen=True)
        shape = tuple(o.int_shape(out_f))
        ax = _axis(axis, len(shape))
        kept = tuple(1 if i == ax else (-1 if d is None else d) for i, d in enumerate(shape))
        t = o.reshape(o.cast(target, "int64"), kept)  # Keras flattens target: (n,) or (n, 1)
        classes = o.reshape(o.convert_to_tensor(list(range(shape[ax])), "int64"),
                            tuple(shape[ax] if i == ax else 1 for i in range(len(shape))))
        hit = o.equal(t, classes)
        if from_logits:
            log_p = self._log_softmax(out_f, ax)
        else:
            clipped = self._clip_eps(out_f)
            log_p = o.subtract(o.log(clipped), o.log(o.sum(clipped, ax, True)))
        picked = o.sum(o.where(hit, log_p, 0.0), ax, False)
        loss = o.where(o.any(hit, ax, False), o.negative(picked), math.nan)
        return self._back(loss, out)

    @hookimpl(trylast=True)
    def binary_crossentropy(self, target: Any, output: Any, from_logits: Any) -> Any:
        o = self.ops
        out_f, out = self._floating(output, widen=True)
        t = self._like(target, out_f)
        if from_logits:  # max(x, 0) - x * t + log(1 + exp(-|x|)), stable for any x
            loss = o.add(o.subtract(o.maximum(out_f, 0), o.multiply(out_f, t)),
                         o.softplus(o.negative(o.abs(out_f))))
        else:
            p = self._clip_eps(out_f)
            loss = o.negative(o.add(o.multiply(t, o.log(p)),
                                    o.multiply(o.subtract(1, t), o.log(o.subtract(1, p)))))
        return self._back(loss, out)

    # -- normalisation ----------------------------------------------------------------
    def _along(self, stat: Any, axis: int, rank: int) -> Any:
        """A 1-D statistic reshaped to broadcast along ``axis``; others unchanged."""
        if stat is None:
            return None
        o = self.ops
        stat = self._tensor(stat)
        s_shape = tuple(o.int_shape(stat))
        if len(s_shape) != 1 or rank < 2:
            return stat
        ax = _axis(axis, rank)
        return o.reshape(stat, tuple(s_shape[0] if i == ax else 1 for i in range(rank)))

    @hookimpl(trylast=True)
    def batch_normalization(self, x: Any, mean: Any, var: Any, beta: Any, gamma: Any,
                            axis: Any, epsilon: Any) -> Any:
        o = self.ops
        x = self._tensor(x)
        rank = len(tuple(o.int_shape(x)))
        stats = [self._along(s, axis, rank) for s in (mean, var, beta, gamma)]
        dtypes = [o.dtype(s) for s in stats if s is not None]
        out = float_result(result_type(o.dtype(x), *dtypes))
        if out == "float16":  # as TensorFlow's fused kernel: float16 computed in float32
            x = o.cast(x, "float32")
            stats = [None if s is None else o.cast(s, "float32") for s in stats]
        m, v, b, g = stats
        y = o.divide(o.subtract(x, m), o.sqrt(o.add(v, epsilon)))
        if g is not None:
            y = o.multiply(y, g)
        if b is not None:
            y = o.add(y, b)
        return self._back(y, out)

    @hookimpl(trylast=True)
    def normalize_batch_in_training(self, x: Any, gamma: Any, beta: Any, reduction_axes: Any,
                                    epsilon: Any) -> Any:
        o = self.ops
        x = self._tensor(x)
        shape = tuple(o.int_shape(x))
        axes = tuple(sorted({_axis(a, len(shape)) for a in reduction_axes}))
        out = float_result(o.dtype(x))
        xw = o.cast(x, "float32") if out == "float16" else x
        g, b = (None if s is None else o.reshape(self._tensor(s), target_shape(shape, axes))
                for s in (gamma, beta))
        normed_out = result_type(out, *(o.dtype(s) for s in (g, b) if s is not None))
        mean = o.mean(xw, axes, True)
        var = o.var(xw, axes, True)
        kept = tuple(d for i, d in enumerate(shape) if i not in axes)
        # primitives, not o.batch_normalization: mean and var depend on x (one graph node
        # whose arguments share an ancestor would be differentiated twice along it)
        normed = o.divide(o.subtract(xw, mean), o.sqrt(o.add(var, epsilon)))
        if g is not None:
            normed = o.multiply(normed, g if o.dtype(g) != "float16" else o.cast(g, "float32"))
        if b is not None:
            normed = o.add(normed, b if o.dtype(b) != "float16" else o.cast(b, "float32"))
        return (self._back(normed, normed_out), self._back(o.reshape(mean, kept), out),
                self._back(o.reshape(var, kept), out))


def target_shape(shape: tuple[Any, ...], axes: tuple[int, ...]) -> tuple[Any, ...]:
    """``shape`` with the reduced axes kept as 1 (unknown sizes as -1)."""
    return tuple(1 if i in axes else (-1 if d is None else d) for i, d in enumerate(shape))


def _axis(axis: int, rank: int) -> int:
    """``axis`` in ``[0, rank)``; ValueError outside (the facade names it)."""
    if not -rank <= axis < rank:
        raise ValueError(f"axis {axis} is out of range for rank {rank}")
    return axis % rank
