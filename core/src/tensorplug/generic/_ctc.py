"""Generic composites: connectionist temporal classification (the blank is the last class).

- ``ctc_batch_cost`` is written in contract ops (the CTC forward algorithm in log space,
  a Python loop over the static time axis), so the graph can differentiate it.
- ``ctc_label_dense_to_sparse`` and ``ctc_decode`` are host-side: how many labels or
  decoded classes come out depends on the values, so they read the inputs with
  ``to_numpy``, work in plain Python and return tensors made with ``convert_to_tensor``.
"""

from __future__ import annotations

import heapq
import itertools
import math
from typing import Any, Sequence

from .. import _config
from .._dtypes import float_result
from .._sparse import SparseLabels
from ..hookspecs import hookimpl

#: "log 0" inside ctc_batch_cost: finite, so masked sums and gradients never meet inf.
NEG = -1e30


class CTCComposites:
    ops: Any

    def _probabilities(self, y_pred: Any) -> tuple[Any, str]:
        """``y_pred`` as floats to compute with (float16 widened) and the result dtype."""
        o = self.ops
        y = y_pred if o.is_tensor(y_pred) else o.convert_to_tensor(y_pred, None)
        out = float_result(o.dtype(y))
        work = "float32" if out == "float16" else out
        return (y if o.dtype(y) == work else o.cast(y, work)), out

    def _host_ints(self, x: Any) -> list[int]:
        o = self.ops
        t = x if o.is_tensor(x) else o.convert_to_tensor(x, None)
        return [int(v) for v in o.to_numpy(o.reshape(t, (-1,))).tolist()]

    # -- dense to sparse (host-side) ------------------------------------------------------
    @hookimpl(trylast=True)
    def ctc_label_dense_to_sparse(self, labels: Any, label_lengths: Any) -> Any:
        """Host-side: reads ``label_lengths``; the count of kept labels depends on it."""
        o = self.ops
        labels = labels if o.is_tensor(labels) else o.convert_to_tensor(labels, None)
        batch, width = tuple(o.int_shape(labels))
        pairs = [(b, i) for b, n in enumerate(self._host_ints(label_lengths))
                 for i in range(max(0, min(n, width)))]
        flat = o.convert_to_tensor([b * width + i for b, i in pairs], "int64")
        indices = o.reshape(o.convert_to_tensor([v for p in pairs for v in p], "int64"),
                            (len(pairs), 2))
        values = o.cast(o.gather(o.reshape(labels, (-1,)), flat), "int32")
        return SparseLabels(indices, values, o.convert_to_tensor([batch, width], "int64"))

    # -- loss: forward algorithm in contract ops ----------------------------------------
    def _extended(self, y_true: Any, classes: int, dtype: str) -> tuple[Any, Any]:
        """One-hot extended labels ``(batch, 2L+1, classes)`` (blank, l1, blank, l2, ...,
        blank) and where the skip transition s-2 -> s is allowed ``(batch, 2L+1)``."""
        o = self.ops
        width = tuple(o.int_shape(y_true))[1]
        states = 2 * width + 1
        interleave = [[1.0 if s == 2 * i + 1 else 0.0 for i in range(width)]
                      for s in range(states)]
        blanks = [[1.0 if s % 2 == 0 and c == classes - 1 else 0.0 for c in range(classes)]
                  for s in range(states)]
        one_hot = o.cast(o.one_hot(o.cast(y_true, "int64"), classes), dtype)
        # Theano-style dot: (S, L) . (B, L, C) -> (S, B, C)
        ext = o.permute_dimensions(o.dot(o.convert_to_tensor(interleave, dtype), one_hot),
                                   (1, 0, 2))
        ext = o.add(ext, o.convert_to_tensor(blanks, dtype))
        back2 = o.dot(o.permute_dimensions(ext, (0, 2, 1)), self._shift(states, 2, dtype))
        same = o.sum(o.multiply(ext, o.permute_dimensions(back2, (0, 2, 1))), 2, False)
        label_after_label = o.convert_to_tensor([s % 2 == 1 and s >= 3 for s in range(states)],
                                                "bool")
        return ext, o.where(label_after_label, o.less(same, 0.5), False)

    def _shift(self, n: int, by: int, dtype: str) -> Any:
        """``(n, n)`` matrix M with ``(v . M)[j] = v[j - by]`` (0 where j < by)."""
        return self.ops.convert_to_tensor(
            [[1.0 if j == i + by else 0.0 for j in range(n)] for i in range(n)], dtype)

    @hookimpl(trylast=True)
    def ctc_batch_cost(self, y_true: Any, y_pred: Any, input_length: Any,
                       label_length: Any) -> Any:
        """Contract ops only (differentiable): log-space forward algorithm over time."""
        o = self.ops
        y, out = self._probabilities(y_pred)
        work = o.dtype(y)
        _, steps, classes = tuple(o.int_shape(y))
        log_p = o.log(o.add(y, float(_config.get("epsilon"))))
        log_p = o.subtract(log_p, o.logsumexp(log_p, 2, True))  # TF's ctc_loss softmax
        ext, skip = self._extended(y_true, classes, work)
        states = tuple(o.int_shape(ext))[1]
        lengths = o.reshape(o.cast(input_length, "int64"), (-1, 1))
        by_time = o.permute_dimensions(log_p, (1, 0, 2))  # (T, B, C)
        first = o.convert_to_tensor([s == 0 for s in range(states)], "bool")
        shift1, shift2 = self._shift(states, 1, work), self._shift(states, 2, work)

        def emit(t: int) -> Any:  # log p of each extended label at time t: (B, S)
            step = o.gather(by_time, o.convert_to_tensor(t, "int64"))
            return o.sum(o.multiply(o.expand_dims(step, 1), ext), 2, False)

        start = o.convert_to_tensor([s < 2 for s in range(states)], "bool")
        alpha = o.where(start, emit(0), NEG)
        for t in range(1, steps):
            a1 = o.where(first, NEG, o.dot(alpha, shift1))
            a2 = o.where(skip, o.dot(alpha, shift2), NEG)
            top = o.maximum(o.maximum(alpha, a1), a2)
            total = o.add(o.add(o.exp(o.subtract(alpha, top)), o.exp(o.subtract(a1, top))),
                          o.exp(o.subtract(a2, top)))
            new = o.add(o.add(top, o.log(total)), emit(t))
            alpha = o.where(o.greater(lengths, t), new, alpha)
        return self._back_cost(alpha, label_length, states, out)

    def _back_cost(self, alpha: Any, label_length: Any, states: int, out: str) -> Any:
        """-log of the paths ending on the last label or the blank after it: (B, 1)."""
        o = self.ops
        width = (states - 1) // 2
        ends = o.multiply(o.minimum(o.maximum(
            o.reshape(o.cast(label_length, "int64"), (-1, 1)), 0), width), 2)
        s = o.convert_to_tensor(list(range(states)), "int64")
        last = o.where(o.less_equal(s, ends), o.greater_equal(s, o.subtract(ends, 1)), False)
        cost = o.negative(o.logsumexp(o.where(last, alpha, NEG), 1, True))
        cost = o.where(o.greater(cost, -NEG / 10), math.inf, cost)  # no alignment at all
        return cost if o.dtype(cost) == out else o.cast(cost, out)

    # -- decoding (host-side) ---------------------------------------------------------
    @hookimpl(trylast=True)
    def ctc_decode(self, y_pred: Any, input_length: Any, greedy: Any, beam_width: Any,
                   top_paths: Any, merge_repeated: Any) -> Any:
        """Host-side search over ``log(y_pred + epsilon)``; tensors in, tensors out."""
        o = self.ops
        y, out = self._probabilities(y_pred)
        steps, classes = tuple(o.int_shape(y))[1:]
        log_p = o.log(o.add(y, float(_config.get("epsilon"))))
        lengths = [max(0, min(n, steps)) for n in self._host_ints(input_length)]
        if greedy:
            return self._greedy(log_p, lengths, classes, out)
        normed = o.to_numpy(o.subtract(log_p, o.logsumexp(log_p, 2, True))).tolist()
        found = [beam_search(rows[:n], beam_width, top_paths, merge_repeated)
                 for rows, n in zip(normed, lengths)]
        decoded = [self._pack([paths[k][0] for paths in found]) for k in range(top_paths)]
        scores = o.convert_to_tensor([[p[1] for p in paths] for paths in found], out)
        return decoded, scores

    def _greedy(self, log_p: Any, lengths: list[int], classes: int, out: str) -> Any:
        o = self.ops
        steps = tuple(o.int_shape(log_p))[1]
        valid = o.greater(o.convert_to_tensor([[n] for n in lengths], "int64"),
                          o.convert_to_tensor(list(range(steps)), "int64"))
        score = o.negative(o.sum(o.where(valid, o.max(log_p, 2, False), 0), 1, True))
        best = o.to_numpy(o.argmax(log_p, 2)).tolist()
        paths = [collapse(row[:n], classes - 1, True) for row, n in zip(best, lengths)]
        return [self._pack(paths)], (score if o.dtype(score) == out else o.cast(score, out))

    def _pack(self, paths: Sequence[Sequence[int]]) -> Any:
        """Rows padded with -1 to the longest: an int64 tensor ``(batch, longest)``."""
        width = max((len(p) for p in paths), default=0)
        rows = [list(p) + [-1] * (width - len(p)) for p in paths]
        return self.ops.reshape(self.ops.convert_to_tensor(rows, "int64"), (len(rows), width))


def collapse(path: Sequence[int], blank: int, merge_repeated: bool) -> list[int]:
    """Best-path output: drop blanks, and (``merge_repeated``) repeats not separated by
    a blank (TensorFlow's ``ctc_greedy_decoder``)."""
    out: list[int] = []
    previous = -1
    for c in path:
        if c != blank and not (merge_repeated and c == previous):
            out.append(c)
        previous = c
    return out


# -- beam search: TensorFlow's hibernating prefix beam search, in plain Python -----------

class _Beam:
    """A prefix: its last label, parent, children, and log-probabilities of the prefix
    ending in a label / a blank, at this step (``new_*``) and the previous (``old_*``)."""

    __slots__ = ("label", "parent", "children", "new_total", "new_blank", "new_label",
                 "old_total", "old_blank", "old_label")

    def __init__(self, parent: _Beam | None, label: int) -> None:
        self.label, self.parent = label, parent
        self.children: dict[int, _Beam] = {}
        self.new_total = self.new_blank = self.new_label = -math.inf
        self.old_total = self.old_blank = self.old_label = -math.inf

    def active(self) -> bool:
        return self.new_total != -math.inf

    def child(self, label: int) -> _Beam:
        c = self.children.get(label)
        if c is None:
            c = self.children[label] = _Beam(self, label)
        return c

    def labels(self, merge_repeated: bool) -> list[int]:
        out: list[int] = []
        node: _Beam | None = self
        previous = -1
        while node is not None and node.parent is not None:
            if not (merge_repeated and node.label == previous):
                out.append(node.label)
            previous = node.label
            node = node.parent
        return out[::-1]


def _logaddexp(a: float, b: float) -> float:
    if a == -math.inf:
        return b
    if b == -math.inf:
        return a
    top = max(a, b)
    return top + math.log(math.exp(a - top) + math.exp(b - top))


class _Leaves:
    """At most ``width`` beams, the worst one known (TensorFlow's ``TopN``)."""

    def __init__(self, width: int) -> None:
        self.width = width
        self.heap: list[tuple[float, int, _Beam]] = []
        self.count = itertools.count()

    def push(self, beam: _Beam) -> None:
        heapq.heappush(self.heap, (beam.new_total, next(self.count), beam))

    def bottom(self) -> _Beam:
        return self.heap[0][2]

    def drop_bottom(self) -> None:
        dropped = heapq.heappop(self.heap)[2]
        dropped.new_total = dropped.new_blank = dropped.new_label = -math.inf

    def candidate(self, total: float) -> bool:
        return total > -math.inf and (len(self.heap) < self.width
                                      or total > self.bottom().new_total)

    def best_first(self) -> list[_Beam]:
        return [b for _, _, b in sorted(self.heap, key=lambda e: (-e[0], e[1]))]


def _advance(beams: list[_Beam], row: Sequence[float], blank: int) -> None:
    """Extend every beam's own prefix by one step (a blank, or its last label again)."""
    for b in beams:
        b.old_total, b.old_blank, b.old_label = b.new_total, b.new_blank, b.new_label
    for b in beams:
        if b.parent is not None:
            if b.parent.active():
                p = b.parent
                before = p.old_blank if b.label == p.label else p.old_total
                b.new_label = _logaddexp(b.new_label, before)
            b.new_label += row[b.label]
        b.new_blank = b.old_total + row[blank]
        b.new_total = _logaddexp(b.new_blank, b.new_label)


def _grow(beams: list[_Beam], leaves: _Leaves, row: Sequence[float], blank: int) -> None:
    """Try every one-label extension of every beam that could still enter the beam."""
    for b in beams:
        if not leaves.candidate(b.old_total):
            continue
        for label in range(blank):
            c = b.child(label)
            if c.active():
                continue
            c.new_blank = -math.inf
            c.new_label = row[label] + (b.old_blank if label == b.label else b.old_total)
            c.new_total = c.new_label
            if leaves.candidate(c.new_total):
                if len(leaves.heap) == leaves.width:
                    leaves.drop_bottom()
                leaves.push(c)
            else:
                c.new_total = c.new_blank = c.new_label = -math.inf
                c.old_total = c.old_blank = c.old_label = -math.inf


def beam_search(rows: Sequence[Sequence[float]], beam_width: int, top_paths: int,
                merge_repeated: bool) -> list[tuple[list[int], float]]:
    """The ``top_paths`` best prefixes of one sequence of normalised log-probabilities
    (``rows``: time x classes, blank last), best first, with their log-probabilities.
    Missing paths (fewer prefixes than asked for) are ``([], -inf)``."""
    root = _Beam(None, -1)
    root.new_total = root.new_blank = 0.0
    beams = [root]
    for row in rows:
        blank = len(row) - 1
        _advance(beams, row, blank)
        leaves = _Leaves(beam_width)
        for b in beams:
            leaves.push(b)
        _grow(beams, leaves, row, blank)
        beams = leaves.best_first()
    best = [(b.labels(merge_repeated), b.new_total) for b in beams[:top_paths]]
    return best + [([], -math.inf)] * (top_paths - len(best))
