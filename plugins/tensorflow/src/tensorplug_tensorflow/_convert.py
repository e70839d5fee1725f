"""Dtypes, conversion and NEP 50 promotion for TensorFlow (imported by ``load()`` only).

TensorFlow converts Python scalars to ``int32``/``float32`` and silently casts a numpy
operand to the other operand's dtype (``tf_float32 + np.float64(1)`` is ``float32``);
the contract wants ``int64``/``float64`` and NEP 50. Every op therefore has a fast path
for eager tensors (``type(x) is EagerTensor``, where TensorFlow's own answer is the
contract's or an error) and a general path through :func:`promote`, which also serves
symbolic tensors inside ``tf.function``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import tensorflow as tf
from tensorflow.python.framework.ops import EagerTensor
from tensorflow.python.ops import gen_math_ops
from tensorflow.python.ops.resource_variable_ops import ResourceVariable
from tensorplug._dtypes import DTYPES, float_result, kind, result_type

from ._variable import Variable

#: The eager tensor class: the fast paths test ``type(x) is ET``.
ET = EagerTensor
#: Types a fast path hands to a generated op as they are: eager tensors and resource
#: variables (TensorFlow reads the variable; a dtype mismatch still raises).
FAST_TYPES: Any = (ET, Variable, ResourceVariable)
#: Native tensor types of this backend (symbolic tensors inside tf.function included).
NATIVE: Any = (tf.Tensor, tf.Variable)
#: Python scalars are weak under NEP 50.
PY_DTYPES: dict[type, str] = {bool: "bool", int: "int64", float: "float64"}
#: Canonical dtype name -> tf.DType.
TF: dict[str, Any] = {name: tf.as_dtype(name) for name in DTYPES}
#: ``_datatype_enum()`` values of float dtypes (half, bfloat16, float, double).
FLOAT_ENUMS = frozenset(tf.as_dtype(n).as_datatype_enum
                        for n in ("float16", "bfloat16", "float32", "float64"))
OpError = tf.errors.OpError
#: What a fast path's TensorFlow call raises when the inputs need the general path
#: (a dtype without a kernel, mixed dtypes, a Python scalar TF will not convert).
FAST_ERRORS = (OpError, TypeError, ValueError)

_cast = gen_math_ops.cast
_INT_RANGE = {name: (int(np.iinfo(name).min), int(np.iinfo(name).max))
              for name in DTYPES if kind(name) in "iu"}


def dtype_of(x: Any) -> str:
    """Canonical dtype name of a tensor, variable, numpy value, Python scalar or list."""
    dt = getattr(x, "dtype", None)
    if dt is not None:
        return dt.name  # type: ignore[no-any-return]
    py = PY_DTYPES.get(type(x))
    if py is not None:
        return py
    return np.asarray(x).dtype.name


def operand(x: Any) -> Any:
    """What :func:`tensorplug._dtypes.result_type` takes: Python scalars stay weak."""
    return x if type(x) in PY_DTYPES else dtype_of(x)


def to_tensor(x: Any, dtype: str | None = None) -> Any:
    """The contract's ``convert_to_tensor``: native tensors pass (cast if ``dtype``
    differs); Python scalars become ``bool``/``int64``/``float64``; numpy arrays keep
    their dtype; nested lists are read as numpy reads them."""
    if isinstance(x, NATIVE):
        if dtype is None or x.dtype.name == dtype:
            return x
        return _cast(x, TF[dtype])
    if type(x) is int and dtype in _INT_RANGE:
        _check_range(x, dtype)  # numpy 1.x would wrap it silently
    try:
        arr = np.asarray(x, dtype=dtype)
    except (TypeError, ValueError, NotImplementedError):  # e.g. a list of symbolic tensors
        t = tf.convert_to_tensor(x)
        return t if dtype is None or t.dtype.name == dtype else _cast(t, TF[dtype])
    return tf.convert_to_tensor(arr)


def as_float(x: Any) -> Any:
    """``x`` as a tensor of the float dtype a float function returns (numpy 2 rules)."""
    t = to_tensor(x)
    name = t.dtype.name
    want = float_result(name)
    return t if want == name else _cast(t, TF[want])


def _weak_passes(value: Any, want: str) -> bool:
    """Whether TensorFlow converts the Python scalar ``value`` to ``want`` as NEP 50
    does, so it can be handed to the op as is (cheaper than a constant)."""
    k, t = kind(want), type(value)
    if k == "f":
        return t is not bool
    if k in "iu" and t is int:
        _check_range(value, want)
        return True
    return k == "b" and t is bool


def _check_range(value: int, dtype: str) -> None:
    low, high = _INT_RANGE[dtype]
    if not low <= value <= high:
        raise OverflowError(f"Python integer {value} out of bounds for {dtype}")


def promote(*xs: Any) -> tuple[list[Any], str]:
    """Operands brought to their NEP 50 result dtype; ``None`` entries stay ``None``.

    Strong operands become tensors of that dtype; a Python scalar is left for
    TensorFlow to convert where that conversion is exact, else made a tensor.
    """
    ops = [None if x is None else operand(x) for x in xs]
    want = result_type(*(o for o in ops if o is not None))
    strong = any(isinstance(o, str) for o in ops)
    out: list[Any] = []
    for x, o in zip(xs, ops):
        if x is None:
            out.append(None)
        elif isinstance(o, str):
            out.append(to_tensor(x, want))
        elif strong and _weak_passes(x, want):
            out.append(x)
        else:
            out.append(to_tensor(x, want))
            strong = True
    return out, want


def promote_list(xs: Any) -> list[Any]:
    """A list of operands as tensors of their NEP 50 result dtype."""
    want = result_type(*(operand(x) for x in xs))
    return [to_tensor(x, want) for x in xs]


def rank(x: Any) -> int | None:
    """Static rank, or ``None`` when unknown (only inside ``tf.function``)."""
    return x.shape.rank  # type: ignore[no-any-return]


def known_rank(op: str, x: Any) -> int:
    """Static rank, for ops whose graph depends on it."""
    r = x.shape.rank
    if r is None:
        raise ValueError(f"K.{op} needs tensors of known rank inside tf.function. "
                         f"Received: a tensor of unknown rank, {x!r}.\nFix: give the "
                         f"tf.function an input_signature with the rank.")
    return r  # type: ignore[no-any-return]


def dims(x: Any) -> list[Any]:
    """Dimensions: Python ints where static, scalar int32 tensors where not."""
    static = x.shape.as_list()
    if None not in static:
        return static  # type: ignore[no-any-return]
    dynamic = tf.shape(x)
    return [d if d is not None else dynamic[i] for i, d in enumerate(static)]
