"""Products and transposes of TensorFlow tensors.

``dot`` has Keras 2 (Theano) semantics: the last axis of ``x`` against the
second-to-last of ``y`` (``tensordot``), so (2, 3) . (4, 3, 5) gives (2, 4, 5); two
matrices go straight to ``MatMul``. Bool products are computed in int32 and read as
``!= 0``, as numpy's bool ``dot`` is an OR of ANDs.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from tensorflow.python.ops import gen_array_ops as ga
from tensorflow.python.ops import gen_math_ops as gm

from . import _consts
from ._convert import (
    ET,
    FAST_ERRORS,
    FAST_TYPES,
    TF,
    dims,
    known_rank,
    promote_list,
    rank,
    to_tensor,
)
from ._fast import ERRORS, OP_TYPES, context_module, execute
from ._impls import Impls


def _as_numeric(x: Any, y: Any) -> tuple[Any, Any, bool]:
    """Promoted operands; bool ones as int32 (and a flag to turn the result back)."""
    x, y = promote_list([x, y])
    if x.dtype.name != "bool":
        return x, y, False
    return gm.cast(x, TF["int32"]), gm.cast(y, TF["int32"]), True


def _from_numeric(out: Any, was_bool: bool) -> Any:
    return gm.not_equal(out, gm.cast(0, out.dtype)) if was_bool else out


def dot_general(tf: Any, x: Any, y: Any) -> Any:
    x, y, was_bool = _as_numeric(x, y)
    rx, ry = known_rank("dot", x), known_rank("dot", y)
    if rx == 2 and ry == 2:
        out = gm.mat_mul(x, y)
    elif ry == 2:  # (..., k) . (k, m): one MatMul between two reshapes (tensordot's
        sx, sy = dims(x), dims(y)  # Python costs more than the op at small sizes)
        flat = ga.reshape(x, _shape(tf, [-1, sx[-1]]))
        out = ga.reshape(gm.mat_mul(flat, y), _shape(tf, [*sx[:-1], sy[-1]]))
    else:
        out = tf.tensordot(x, y, [[rx - 1], [0 if ry == 1 else ry - 2]])
    return _from_numeric(out, was_bool)


def _shape(tf: Any, values: list[Any]) -> Any:
    """A shape operand: a cached constant when static, else a packed tensor."""
    return _consts.const(tuple(values)) if not _dynamic(values) else tf.stack(values)


def batch_dot_general(tf: Any, x: Any, y: Any, axes: Any) -> Any:
    """Move the contracted axes next to the batch axis, then one batched matmul."""
    x, y, was_bool = _as_numeric(x, y)
    ax, ay = axes
    rx, ry = known_rank("batch_dot", x), known_rank("batch_dot", y)
    px = (0, *(i for i in range(1, rx) if i != ax), ax)  # (b, rest_x..., c)
    py = (0, ay, *(i for i in range(1, ry) if i != ay))  # (b, c, rest_y...)
    xt, yt = ga.transpose(x, _consts.const(px)), ga.transpose(y, _consts.const(py))
    sx, sy = dims(xt), dims(yt)
    rest_x, rest_y = sx[1:-1], sy[2:]
    b, c = sx[0], sx[-1]
    x3 = ga.reshape(xt, tf.stack([b, _prod(rest_x), c]) if _dynamic(sx) else
                    (b, _prod(rest_x), c))
    y3 = ga.reshape(yt, tf.stack([b, c, _prod(rest_y)]) if _dynamic(sy) else
                    (b, c, _prod(rest_y)))
    if x3.dtype.name == "float16":  # no float16 BatchMatMul kernel on CPU
        out = gm.cast(gm.batch_mat_mul_v3(gm.cast(x3, TF["float32"]), gm.cast(y3, TF["float32"]),
                                          Tout=TF["float32"]), TF["float16"])
    else:
        out = gm.batch_mat_mul_v3(x3, y3, Tout=x3.dtype)
    shape = [b, *rest_x, *rest_y] if rest_x or rest_y else [b, 1]
    out = ga.reshape(out, tf.stack(shape) if _dynamic(shape) else tuple(shape))
    return _from_numeric(out, was_bool)


def _dynamic(values: list[Any]) -> bool:
    return not all(isinstance(v, int) for v in values)


def _prod(values: list[Any]) -> Any:
    out: Any = 1
    for v in values:
        out = out * v
    return out


def build(tf: ModuleType, **options: Any) -> Impls:
    ns = Impls("tensorplug_tensorflow.linalg")
    mat_mul, transpose_op = gm.mat_mul, ga.transpose
    mat_mul_type, mat_mul_attrs = OP_TYPES[mat_mul]

    @ns.impl()
    def dot(x: Any, y: Any) -> Any:
        if type(x) is ET and type(y) is ET:
            if x._rank() == 2 and y._rank() == 2:
                try:
                    ctx = context_module._context
                    if ctx._thread_local_data.is_eager:
                        return execute(ctx, mat_mul_type, None, x, y, *mat_mul_attrs)
                    return mat_mul(x, y)
                except ERRORS:
                    pass
        elif type(x) in FAST_TYPES and type(y) in FAST_TYPES:  # a variable: weights
            if x.shape.rank == 2 and y.shape.rank == 2:
                try:
                    return mat_mul(x, y)
                except FAST_ERRORS:
                    pass
        return dot_general(tf, x, y)

    @ns.impl()
    def batch_dot(x: Any, y: Any, axes: Any) -> Any:
        return batch_dot_general(tf, x, y, axes)

    @ns.impl()
    def transpose(x: Any) -> Any:
        t = x if type(x) is ET else to_tensor(x)
        r = rank(t)
        if r is None:
            return tf.transpose(t)
        return transpose_op(t, _consts.const(tuple(range(r - 1, -1, -1))))

    return ns
