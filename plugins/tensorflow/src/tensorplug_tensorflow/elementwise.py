"""Element-wise functions of one TensorFlow tensor, plus pow and clip.

Float functions (exp, log, sqrt, sin, cos) of integer or bool inputs compute in the
float dtype numpy 2 gives (``float64`` for int32/int64); TensorFlow has no integer
kernels for them, so the eager fast path's error routes those inputs to the cast.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any, Callable

from tensorflow.python.ops import gen_array_ops as ga
from tensorflow.python.ops import gen_math_ops as gm

from ._convert import ET, FAST_ERRORS, FLOAT_ENUMS, as_float, promote, to_tensor
from ._fast import ERRORS, OP_TYPES, context_module, execute
from ._impls import Impls

Op = Callable[..., Any]
_NUMBER = (int, float)


def float_function(ns: Impls, name: str, op: Op) -> None:
    """Register ``name``: ``op`` on floats, on the numpy-2 float dtype otherwise."""

    op_type = OP_TYPES[op][0]

    def fn(x: Any) -> Any:
        if type(x) is ET:
            try:
                ctx = context_module._context
                if ctx._thread_local_data.is_eager:
                    return execute(ctx, op_type, None, x)
                return op(x)
            except ERRORS:
                pass
        return op(as_float(x))

    fn.__name__ = fn.__qualname__ = name
    ns.impl()(fn)


def same_dtype(ns: Impls, name: str, op: Op, on_bool: Op | None = None) -> None:
    """Register ``name``: ``op`` keeping the dtype; ``on_bool`` for bool inputs."""

    op_type = OP_TYPES[op][0]

    def fn(x: Any) -> Any:
        if type(x) is ET:
            try:
                ctx = context_module._context
                if ctx._thread_local_data.is_eager:
                    return execute(ctx, op_type, None, x)
                return op(x)
            except ERRORS:
                pass
        t = to_tensor(x)
        if on_bool is not None and t.dtype.name == "bool":
            return on_bool(t)
        return op(t)

    fn.__name__ = fn.__qualname__ = name
    ns.impl()(fn)


def _clip_general(x: Any, min_value: Any, max_value: Any) -> Any:
    (x, low, high), want = promote(x, min_value, max_value)
    x = to_tensor(x)
    if want == "bool":
        lower, upper = gm.logical_or, gm.logical_and
    else:
        lower, upper = gm.maximum, gm.minimum
    if low is None and high is None:
        return ga.identity(x)
    if low is not None:
        x = lower(x, low)
    if high is not None:
        x = upper(x, high)
    return x


def build(tf: ModuleType, **options: Any) -> Impls:
    ns = Impls("tensorplug_tensorflow.elementwise")
    for name, op in {"exp": gm.exp, "log": gm.log, "sin": gm.sin, "cos": gm.cos}.items():
        float_function(ns, name, op)
    same_dtype(ns, "abs", gm._abs, on_bool=ga.identity)
    same_dtype(ns, "negative", gm.neg)
    same_dtype(ns, "sign", gm.sign)
    same_dtype(ns, "square", gm.square, on_bool=ga.identity)
    maximum, sqrt_op, power, clip_by_value = gm.maximum, gm.sqrt, gm._pow, gm._clip_by_value
    clip_type = OP_TYPES[clip_by_value][0]
    round_op = gm.round

    @ns.impl()
    def round(x: Any) -> Any:
        if type(x) is ET and x._datatype_enum() in FLOAT_ENUMS:
            return round_op(x)  # half to even
        t = to_tensor(x)
        # TensorFlow's integer Round kernel returns zeros: integers are already round.
        return round_op(t) if t.dtype.is_floating else ga.identity(t)

    @ns.impl()
    def sqrt(x: Any) -> Any:
        if type(x) is ET:
            try:
                return sqrt_op(maximum(x, 0))
            except FAST_ERRORS:
                pass
        xf = as_float(x)
        return sqrt_op(maximum(xf, 0))

    @ns.impl()
    def pow(x: Any, a: Any) -> Any:
        if type(x) is ET and type(a) is ET:
            try:
                return power(x, a)
            except FAST_ERRORS:
                pass
        (x, a), _ = promote(x, a)
        return power(x, a)

    @ns.impl()
    def clip(x: Any, min_value: Any, max_value: Any) -> Any:
        if type(x) is ET and type(min_value) is float and type(max_value) is float:
            try:
                ctx = context_module._context
                if ctx._thread_local_data.is_eager:
                    return execute(ctx, clip_type, None, x, min_value, max_value)
                return clip_by_value(x, min_value, max_value)
            except ERRORS:
                pass
        return _clip_general(x, min_value, max_value)

    return ns
