"""Reductions and scans on TensorFlow tensors.

Result dtypes follow numpy 2, not TensorFlow: sum/prod/cumsum/cumprod of bool and
integers accumulate in int64; mean/var/std/logsumexp of them are float64 (float16 is
computed in float32 and rounded back); max/min of bool are any/all; argmax/argmin are
int64 and, like numpy, return the first NaN where there is one.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any, Callable

from tensorflow.python.ops import gen_array_ops as ga
from tensorflow.python.ops import gen_math_ops as gm
from tensorplug._dtypes import accumulate_result

from . import _consts
from ._convert import ET, FLOAT_ENUMS, TF, rank, to_tensor
from ._fast import ERRORS, OP_TYPES, context_module, execute
from ._impls import Impls

Op = Callable[..., Any]
_FAST_RANKS = 8  # full reductions of eager tensors of rank < 8 skip the axes lookup


def axes(x: Any, axis: Any) -> Any:
    """The reduction-axes operand: a cached constant, or a range for unknown ranks."""
    if axis is not None:
        return _consts.const(axis)
    r = rank(x)
    if r is None:
        return gm._range(0, ga.rank(x), 1)
    return _consts.all_axes(r)


def _accumulating(t: Any) -> Any:
    name = t.dtype.name
    want = accumulate_result(name)
    return t if want == name else gm.cast(t, TF[want])


def _widened(t: Any) -> tuple[Any, str]:
    """``t`` as the float dtype to compute in (float16 widened), and the result dtype:
    a float keeps its dtype, bool and integers give float64 (numpy's mean)."""
    name = t.dtype.name
    out = name if t.dtype.is_floating else "float64"
    work = "float32" if out == "float16" else out
    return (t if work == name else gm.cast(t, TF[work])), out


def _narrowed(t: Any, out: str) -> Any:
    return t if t.dtype.name == out else gm.cast(t, TF[out])


def accumulate(ns: Impls, name: str, op: Op) -> None:
    """sum / prod: floats reduce in their dtype, bool and integers in int64."""
    every = [_consts.all_axes(r) for r in range(_FAST_RANKS)]  # made once, at load
    op_type = OP_TYPES[op][0]

    def fn(x: Any, axis: Any, keepdims: Any) -> Any:
        if type(x) is ET and x._datatype_enum() in FLOAT_ENUMS:
            if axis is None:
                r = x._rank()
                a = every[r] if r < _FAST_RANKS else axes(x, None)
            else:
                a = axes(x, axis)
            try:
                ctx = context_module._context
                if ctx._thread_local_data.is_eager:
                    return execute(ctx, op_type, None, x, a, "keep_dims", keepdims)
            except ERRORS:
                pass
            return op(x, a, keepdims)
        t = _accumulating(to_tensor(x))
        return op(t, axes(t, axis), keepdims)

    fn.__name__ = fn.__qualname__ = name
    ns.impl()(fn)


def extreme(ns: Impls, name: str, op: Op, on_bool: Op) -> None:
    """max / min: the input's dtype; NaN propagates (TensorFlow's kernels do)."""

    def fn(x: Any, axis: Any, keepdims: Any) -> Any:
        t = x if type(x) is ET else to_tensor(x)
        if t.dtype.name == "bool":
            return on_bool(t, axes(t, axis), keepdims)
        return op(t, axes(t, axis), keepdims)

    fn.__name__ = fn.__qualname__ = name
    ns.impl()(fn)


def logical(ns: Impls, name: str, op: Op) -> None:
    """any / all: of ``x != 0`` (NaN counts as true, as in numpy)."""

    def fn(x: Any, axis: Any, keepdims: Any) -> Any:
        t = to_tensor(x)
        if t.dtype.name != "bool":
            t = gm.not_equal(t, gm.cast(0, t.dtype))
        return op(t, axes(t, axis), keepdims)

    fn.__name__ = fn.__qualname__ = name
    ns.impl()(fn)


def arg_extreme(ns: Impls, name: str, op: Op) -> None:
    """argmax / argmin: int64, first on ties, first NaN wins (numpy)."""

    def fn(x: Any, axis: Any) -> Any:
        t = to_tensor(x)
        if t.dtype.name == "bool":
            t = gm.cast(t, TF["int8"])
        idx = op(t, axis, output_type=TF["int64"])
        if not t.dtype.is_floating:
            return idx
        nan = gm.is_nan(t)
        first_nan = gm.arg_max(gm.cast(nan, TF["int8"]), axis, output_type=TF["int64"])
        return gm.select_v2(gm._any(nan, axis, False), first_nan, idx)

    fn.__name__ = fn.__qualname__ = name
    ns.impl()(fn)


def scan(ns: Impls, name: str, op: Op) -> None:
    """cumsum / cumprod: dtypes as sum / prod."""

    def fn(x: Any, axis: Any) -> Any:
        t = x if type(x) is ET and x._datatype_enum() in FLOAT_ENUMS else (
            _accumulating(to_tensor(x)))
        return op(t, axis)

    fn.__name__ = fn.__qualname__ = name
    ns.impl()(fn)


def build(tf: ModuleType, **options: Any) -> Impls:
    ns = Impls("tensorplug_tensorflow.reductions")
    accumulate(ns, "sum", gm._sum)
    accumulate(ns, "prod", gm.prod)
    extreme(ns, "max", gm._max, on_bool=gm._any)
    extreme(ns, "min", gm._min, on_bool=gm._all)
    logical(ns, "any", gm._any)
    logical(ns, "all", gm._all)
    arg_extreme(ns, "argmax", gm.arg_max)
    arg_extreme(ns, "argmin", gm.arg_min)
    scan(ns, "cumsum", gm.cumsum)
    scan(ns, "cumprod", gm.cumprod)

    def mean_of(t: Any, axis: Any, keepdims: Any) -> Any:
        return gm.mean(t, axes(t, axis), keepdims)

    @ns.impl()
    def mean(x: Any, axis: Any, keepdims: Any) -> Any:
        t, out = _widened(to_tensor(x))
        return _narrowed(mean_of(t, axis, keepdims), out)

    def variance(t: Any, axis: Any, keepdims: Any) -> Any:
        centred = gm.sub(t, mean_of(t, axis, True))
        return mean_of(gm.mul(centred, centred), axis, keepdims)

    @ns.impl()
    def var(x: Any, axis: Any, keepdims: Any) -> Any:
        t, out = _widened(to_tensor(x))
        return _narrowed(variance(t, axis, keepdims), out)

    @ns.impl()
    def std(x: Any, axis: Any, keepdims: Any) -> Any:
        t, out = _widened(to_tensor(x))
        return _narrowed(gm.sqrt(variance(t, axis, keepdims)), out)

    @ns.impl()
    def logsumexp(x: Any, axis: Any, keepdims: Any) -> Any:
        t, out = _widened(to_tensor(x))
        return _narrowed(tf.math.reduce_logsumexp(t, axis, keepdims), out)

    return ns
