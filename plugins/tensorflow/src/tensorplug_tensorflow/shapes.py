"""Reshaping, joining, repeating and indexing TensorFlow tensors.

Shape, axis and permutation arguments go to the generated ops as cached eager
constants (``_consts``): converting a tuple costs TensorFlow more than a small op.
"""

from __future__ import annotations

import math
from types import ModuleType
from typing import Any

import numpy as np
from tensorflow.python.ops import gen_array_ops as ga
from tensorflow.python.ops import gen_math_ops as gm
from tensorplug import backend as K

from . import _consts
from ._convert import ET, NATIVE, TF, dims, promote_list, rank, to_tensor
from ._fast import ERRORS, OP_TYPES, context_module, execute
from ._impls import Impls

_INDEX_DTYPES = ("int32", "int64")


def _indices(indices: Any, rows: Any) -> Any:
    """Integer indices as int32/int64, negative ones counted from the end (numpy)."""
    if not isinstance(indices, NATIVE):
        arr = np.asarray(indices)
        if arr.dtype.kind in "iu" and isinstance(rows, int):
            arr = np.where(arr < 0, arr + rows, arr)
        return to_tensor(arr.astype("int64") if arr.dtype.kind in "iu" else arr)
    idx: Any = indices
    if idx.dtype.name not in _INDEX_DTYPES and idx.dtype.is_integer:
        idx = gm.cast(idx, TF["int64"])
    if not idx.dtype.is_integer:
        return idx  # TensorFlow refuses it; the facade's validator explains
    n = gm.cast(rows, idx.dtype)
    return gm.select_v2(gm.less(idx, gm.cast(0, idx.dtype)), gm.add_v2(idx, n), idx)


def build(tf: ModuleType, **options: Any) -> Impls:
    ns = Impls("tensorplug_tensorflow.shapes")
    reshape_op, transpose_op, tile_op = ga.reshape, ga.transpose, ga.tile
    const, cached = _consts.const, _consts.cache().get
    reshape_type = OP_TYPES[reshape_op][0]

    def tensor(x: Any) -> Any:
        return x if type(x) is ET else to_tensor(x)

    @ns.impl()
    def reshape(x: Any, shape: Any) -> Any:
        if type(x) is ET:
            c = cached(shape)
            if c is None:
                c = const(shape)
            try:
                ctx = context_module._context
                if ctx._thread_local_data.is_eager:
                    return execute(ctx, reshape_type, None, x, c)
            except ERRORS:
                pass
            return reshape_op(x, c)
        return reshape_op(to_tensor(x), const(shape))

    @ns.impl()
    def concatenate(tensors: Any, axis: Any) -> Any:
        items = promote_list(tensors)
        if len(items) == 1:  # ConcatV2 needs two or more inputs
            return ga.identity(items[0])
        return ga.concat_v2(items, axis)

    @ns.impl()
    def stack(x: Any, axis: Any) -> Any:
        return ga.pack(promote_list(x), axis=axis)

    @ns.impl()
    def expand_dims(x: Any, axis: Any) -> Any:
        return ga.expand_dims(tensor(x), const(axis))

    @ns.impl()
    def squeeze(x: Any, axis: Any) -> Any:
        return ga.squeeze(tensor(x), [axis])

    @ns.impl()
    def flatten(x: Any) -> Any:
        return reshape_op(tensor(x), const((-1,)))

    @ns.impl()
    def batch_flatten(x: Any) -> Any:
        t = tensor(x)
        d = dims(t)
        if all(isinstance(v, int) for v in d):
            return reshape_op(t, const((d[0], math.prod(d[1:]))))
        rest = tf.reduce_prod(tf.shape(t)[1:])
        return reshape_op(t, tf.stack([tf.shape(t)[0], rest]))

    @ns.impl()
    def permute_dimensions(x: Any, pattern: Any) -> Any:
        return transpose_op(tensor(x), const(tuple(pattern)))

    @ns.impl()
    def tile(x: Any, n: Any) -> Any:
        return tile_op(tensor(x), const(tuple(n)))

    @ns.impl()
    def repeat_elements(x: Any, rep: Any, axis: Any) -> Any:
        return tf.repeat(tensor(x), rep, axis=axis)

    @ns.impl()
    def gather(reference: Any, indices: Any) -> Any:
        ref = tensor(reference)
        rows = dims(ref)[0] if rank(ref) else 0
        return ga.gather_v2(ref, _indices(indices, rows), 0)

    @ns.impl()
    def one_hot(indices: Any, num_classes: Any) -> Any:
        idx = tensor(indices)
        if idx.dtype.name not in ("uint8", *_INDEX_DTYPES):
            idx = gm.cast(idx, TF["int64"])
        return tf.one_hot(idx, num_classes, dtype=TF[K.floatx()])

    return ns
