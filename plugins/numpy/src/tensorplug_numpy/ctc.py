"""numpy overrides of the CTC composites.

``ctc_batch_cost``: the same forward algorithm as ``tensorplug.generic`` (log space,
blank = last class, ``log(y_pred + eps)`` renormalised per step as TensorFlow's
``ctc_loss`` does), vectorised with ``logaddexp`` and gathers instead of one-hot products
(about 4x faster at batch 8, 30 steps, 12 classes). ``ctc_decode``: the best path
vectorised; beam search runs the generic host-side search. Only functions CuPy also has.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from tensorplug import backend as K
from tensorplug.generic._ctc import beam_search, collapse

from ._impls import Impls


def build(xp: ModuleType, **options: Any) -> Impls:
    ns = Impls("tensorplug_numpy.ctc")

    def extended(labels: Any, classes: int) -> tuple[Any, Any]:
        """Extended labels (blank, l1, blank, ..., blank) and where s-2 -> s is allowed."""
        batch, width = labels.shape
        ext = xp.full((batch, 2 * width + 1), classes - 1, dtype=xp.int64)
        ext[:, 1::2] = xp.clip(labels, 0, classes - 1)  # padding: any class, never read
        skip = xp.zeros(ext.shape, dtype=bool)
        skip[:, 3::2] = labels[:, 1:] != labels[:, :-1]
        return ext, skip

    @ns.impl()
    def ctc_batch_cost(y_true: Any, y_pred: Any, input_length: Any, label_length: Any) -> Any:
        y = xp.asarray(y_pred)
        out = y.dtype if y.dtype.kind == "f" else xp.dtype(xp.float64)
        y = y.astype(xp.float32 if out == xp.float16 else out, copy=False)
        batch, steps, classes = y.shape
        log_p = xp.log(y + y.dtype.type(K.epsilon()))
        top = xp.max(log_p, axis=2, keepdims=True)
        log_p = log_p - (xp.log(xp.sum(xp.exp(log_p - top), axis=2, keepdims=True)) + top)
        labels = xp.asarray(y_true).astype(xp.int64).reshape(batch, -1)
        ext, skip = extended(labels, classes)
        emit = xp.take_along_axis(log_p, xp.broadcast_to(ext[:, None, :], (
            batch, steps, ext.shape[1])), axis=2)  # (B, T, S)
        neg = y.dtype.type(-xp.inf)
        alpha = xp.full(ext.shape, neg, dtype=y.dtype)
        alpha[:, :2] = emit[:, 0, :2]
        lengths = xp.asarray(input_length).reshape(-1, 1)
        a1, a2 = xp.full_like(alpha, neg), xp.full_like(alpha, neg)
        for t in range(1, steps):
            a1[:, 1:] = alpha[:, :-1]
            a2[:, 2:] = xp.where(skip[:, 2:], alpha[:, :-2], neg)
            new = xp.logaddexp(xp.logaddexp(alpha, a1), a2) + emit[:, t]
            alpha = xp.where(lengths > t, new, alpha)
        ends = 2 * xp.clip(xp.asarray(label_length).astype(xp.int64).reshape(-1, 1), 0,
                           labels.shape[1])
        last = xp.take_along_axis(alpha, ends, axis=1)
        before = xp.where(ends >= 1, xp.take_along_axis(alpha, xp.maximum(ends - 1, 0), axis=1),
                          neg)
        return (-xp.logaddexp(last, before)).astype(out)

    def pack(paths: list[list[int]]) -> Any:
        width = max((len(p) for p in paths), default=0)
        rows = [p + [-1] * (width - len(p)) for p in paths]
        return xp.asarray(rows, dtype=xp.int64).reshape(len(rows), width)

    @ns.impl()
    def ctc_decode(y_pred: Any, input_length: Any, greedy: Any, beam_width: Any,
                   top_paths: Any, merge_repeated: Any) -> Any:
        y = xp.asarray(y_pred)
        out = y.dtype if y.dtype.kind == "f" else xp.dtype(xp.float64)
        y = y.astype(xp.float32 if out == xp.float16 else out, copy=False)
        steps, classes = y.shape[1:]
        log_y = xp.log(y + y.dtype.type(K.epsilon()))
        lengths = [min(max(int(n), 0), steps)
                   for n in xp.asarray(input_length).reshape(-1).tolist()]
        if greedy:
            valid = xp.arange(steps) < xp.asarray(lengths)[:, None]
            score = -xp.sum(xp.max(log_y, axis=2) * valid, axis=1, keepdims=True)
            best = xp.argmax(log_y, axis=2).tolist()
            paths = [collapse(row[:n], classes - 1, True) for row, n in zip(best, lengths)]
            return [pack(paths)], score.astype(out, copy=False)
        top = xp.max(log_y, axis=2, keepdims=True)
        normed = log_y - (xp.log(xp.sum(xp.exp(log_y - top), axis=2, keepdims=True)) + top)
        found = [beam_search(rows[:n], beam_width, top_paths, merge_repeated)
                 for rows, n in zip(normed.tolist(), lengths)]
        decoded = [pack([paths[k][0] for paths in found]) for k in range(top_paths)]
        scores = xp.asarray([[p[1] for p in paths] for paths in found], dtype=out)
        return decoded, scores.reshape(len(found), top_paths)

    return ns
