"""Element-wise functions of two TensorFlow tensors (NEP 50 promotion, bool rules).

Fast path: two eager tensors go straight to the op (through TensorFlow's C entry
point when eager, see ``_fast``), whose answer is the contract's or an error (mixed
dtypes, bool arithmetic); anything else takes :func:`general`, which promotes (NEP 50)
and maps bool arithmetic to logic as numpy does.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any, Callable

from tensorflow.python.ops import gen_math_ops as gm

from ._convert import ET, FAST_ERRORS, FAST_TYPES, FLOAT_ENUMS, promote, to_tensor
from ._fast import ERRORS, OP_TYPES, context_module, execute
from ._impls import Impls

Op = Callable[..., Any]

#: numpy's answer for bool operands: add/maximum are OR, multiply/minimum are AND.
BOOL_OPS: dict[str, Op] = {"add": gm.logical_or, "maximum": gm.logical_or,
                           "multiply": gm.logical_and, "minimum": gm.logical_and}
ARITH: dict[str, Op] = {"add": gm.add_v2, "subtract": gm.sub, "multiply": gm.mul,
                        "maximum": gm.maximum, "minimum": gm.minimum}
COMPARE: dict[str, Op] = {"equal": gm.equal, "not_equal": gm.not_equal,
                          "greater": gm.greater, "greater_equal": gm.greater_equal,
                          "less": gm.less, "less_equal": gm.less_equal}
OPS: dict[str, Op] = {**ARITH, **COMPARE}
WITH_FLOATS = (*FAST_TYPES, float)
_ORDERED = {"greater", "greater_equal", "less", "less_equal"}


def general(name: str, x: Any, y: Any) -> Any:
    """Any operands: NEP 50 promotion, then the op (bool rules as numpy)."""
    (x, y), want = promote(x, y)
    if want == "bool":
        if name in BOOL_OPS:
            return BOOL_OPS[name](x, y)
        if name in _ORDERED:  # TensorFlow orders no bools; False < True as numpy
            x, y = to_tensor(x, "int8"), to_tensor(y, "int8")
    return OPS[name](x, y)


def divide_general(x: Any, y: Any) -> Any:
    """True division: integer and bool operands give float64 (numpy 2)."""
    (x, y), want = promote(x, y)
    if want[0] != "f":
        x, y = to_tensor(x, "float64"), to_tensor(y, "float64")
    return gm.real_div(x, y)


def _binary(ns: Impls, name: str, op: Op) -> None:
    op_type, attrs = OP_TYPES[op]
    if attrs:  # Equal, NotEqual: incompatible_shape_error
        def run(ctx: Any, x: Any, y: Any) -> Any:
            return execute(ctx, op_type, None, x, y, *attrs)
    else:
        run = None  # type: ignore[assignment]

    def fn(x: Any, y: Any) -> Any:
        tx, ty = type(x), type(y)
        if tx is ET and ty is ET:
            try:
                ctx = context_module._context
                if ctx._thread_local_data.is_eager:
                    if run is None:
                        return execute(ctx, op_type, None, x, y)
                    return run(ctx, x, y)
                return op(x, y)
            except ERRORS:
                pass
        elif tx in WITH_FLOATS and ty in WITH_FLOATS and (tx is not float or ty is not float):
            try:  # a Python float beside a float tensor or variable: TF converts it as
                return op(x, y)  # NEP 50 does; beside an integer tensor TF raises
            except FAST_ERRORS:
                pass
        return general(name, x, y)

    fn.__name__ = fn.__qualname__ = name
    ns.impl()(fn)


def build(tf: ModuleType, **options: Any) -> Impls:
    ns = Impls("tensorplug_tensorflow.arithmetic")
    for name, op in OPS.items():
        _binary(ns, name, op)
    real_div, select = gm.real_div, gm.select_v2
    real_div_type = OP_TYPES[real_div][0]

    @ns.impl()
    def divide(x: Any, y: Any) -> Any:
        if type(x) is ET and type(y) is ET and x._datatype_enum() in FLOAT_ENUMS:
            try:
                ctx = context_module._context
                if ctx._thread_local_data.is_eager:
                    return execute(ctx, real_div_type, None, x, y)
                return real_div(x, y)
            except ERRORS:
                pass
        return divide_general(x, y)

    @ns.impl()
    def where(condition: Any, x: Any, y: Any) -> Any:
        (x, y), _ = promote(x, y)
        return select(_condition(condition), x, y)

    return ns


def _condition(condition: Any) -> Any:
    """A bool tensor: non-bool conditions are ``!= 0``, as numpy reads them."""
    c = to_tensor(condition)
    return c if c.dtype.name == "bool" else gm.not_equal(c, gm.cast(0, c.dtype))
