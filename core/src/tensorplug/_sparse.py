"""Sparse values returned by ops (no sparse tensor type: a named triple of tensors)."""

from __future__ import annotations

from typing import Any, NamedTuple

__all__ = ["SparseLabels"]


class SparseLabels(NamedTuple):
    """The sparse form of padded dense labels, as ``K.ctc_label_dense_to_sparse`` returns it.

    Fields are tensors of the backend that made them (the layout of TensorFlow's
    ``SparseTensor``):

    - ``indices``: ``(n, 2)`` int64, the ``(batch, position)`` of each kept label, in
      row-major order;
    - ``values``: ``(n,)`` int32, the labels at those positions;
    - ``dense_shape``: ``(2,)`` int64, the dense labels' shape ``(batch, max_label_length)``.
    """

    indices: Any
    values: Any
    dense_shape: Any
