"""Values: creating, converting and inspecting tensors (``hookspecs.tensors``)."""

from __future__ import annotations

import numpy as np
import pytest

from tensorplug import backend as K

from ._cases import ALL, FLOATS, Case, Cases, check_case, declared_dtypes, floatx, other_dtype
from ._check import assert_result, check_op
from ._inputs import Inputs, python_scalar

cases = Cases()
PY_TYPES = ("bool", "int64", "float64")  # what Python bool / int / float become


def _source(g: Inputs, dtype: str) -> np.ndarray:
    """Small integral float64 values that every ``dtype`` holds exactly."""
    return g.array(dtype, kind="small").astype(np.float64)


# --- convert_to_tensor, to_numpy, is_tensor -------------------------------------------

@cases("convert_to_tensor", "array", ALL)
def _(g: Inputs, dt: str) -> None:
    check_op("convert_to_tensor", g.array(dt), want=dt)


@cases("convert_to_tensor", "0d", ALL)
def _(g: Inputs, dt: str) -> None:
    check_op("convert_to_tensor", g.array(dt, ()), want=dt)


@cases("convert_to_tensor", "with_dtype", ALL)
def _(g: Inputs, dt: str) -> None:
    check_op("convert_to_tensor", _source(g, dt), dt, want=dt)


@cases("convert_to_tensor", "pylist", ALL)
def _(g: Inputs, dt: str) -> None:
    check_op("convert_to_tensor", g.array(dt).tolist(), dt, want=dt)


@cases("convert_to_tensor", "pylist_infer", PY_TYPES)
def _(g: Inputs, dt: str) -> None:
    check_op("convert_to_tensor", g.array(dt).tolist(), want=dt)


@cases("convert_to_tensor", "pyscalar_infer", PY_TYPES)
def _(g: Inputs, dt: str) -> None:
    check_op("convert_to_tensor", python_scalar(dt), want=dt)


@cases("to_numpy", "array", ALL)
def _(g: Inputs, dt: str) -> None:
    check_op("to_numpy", g.array(dt, (2, 3, 4)), want=dt)


@cases("to_numpy", "0d", ALL)
def _(g: Inputs, dt: str) -> None:
    check_op("to_numpy", g.array(dt, ()), want=dt)


@cases("is_tensor", "tensor", ALL)
def _(g: Inputs, dt: str) -> None:
    check_op("is_tensor", g.array(dt), want=None)


@cases("is_tensor", "pylist", ALL)
def _(g: Inputs, dt: str) -> None:
    check_op("is_tensor", g.array(dt).tolist(), want=None)


# --- variables and constants -----------------------------------------------------------

@cases("variable", "array", ALL)
def _(g: Inputs, dt: str) -> None:
    check_op("variable", g.array(dt), dt, want=dt)


@cases("variable", "0d", ALL)
def _(g: Inputs, dt: str) -> None:
    check_op("variable", g.array(dt, ()), dt, want=dt)


@cases("variable", "floatx", FLOATS)
def _(g: Inputs, dt: str) -> None:
    with floatx(dt):
        check_op("variable", _source(g, "float64"), want=dt)


@cases("constant", "array", ALL)
def _(g: Inputs, dt: str) -> None:
    check_op("constant", g.array(dt), dt, want=dt)


@cases("constant", "fill_scalar", ALL)
def _(g: Inputs, dt: str) -> None:
    check_op("constant", python_scalar(dt), dt, (2, 3), want=dt)


@cases("constant", "broadcast_row", ALL)
def _(g: Inputs, dt: str) -> None:
    check_op("constant", g.array(dt, (3,)), dt, (2, 3), want=dt)


@cases("constant", "floatx", FLOATS)
def _(g: Inputs, dt: str) -> None:
    with floatx(dt):
        check_op("constant", _source(g, "float64").tolist(), want=dt)


@cases("eval", "variable", ALL)
def _(g: Inputs, dt: str) -> None:
    x = g.array(dt)
    out = K.eval(K.variable(x, dt))
    assert_result("eval", out, x, dt)


@cases("eval", "tensor", ALL)
def _(g: Inputs, dt: str) -> None:
    check_op("eval", g.array(dt), want=dt)


@cases("get_value", "variable", ALL)
def _(g: Inputs, dt: str) -> None:
    x = g.array(dt, (2, 3, 2))
    out = K.get_value(K.variable(x, dt))
    assert_result("get_value", out, x, dt)


@cases("set_value", "same_dtype", ALL)
def _(g: Inputs, dt: str) -> None:
    v = K.variable(np.zeros((3, 4)), dt)
    value = g.array(dt)
    assert K.set_value(v, value) is v, "K.set_value must return the variable it updated"
    assert_result("set_value", K.to_numpy(v), value, dt)


@cases("set_value", "cast_value", ALL)
def _(g: Inputs, dt: str) -> None:
    v = K.variable(np.zeros((3, 4)), dt)
    value = _source(g, dt)
    assert K.set_value(v, value) is v, "K.set_value must return the variable it updated"
    assert_result("set_value", K.to_numpy(v), value, dt)


# --- inspection ------------------------------------------------------------------------

@cases("int_shape", "2d", ALL)
def _(g: Inputs, dt: str) -> None:
    check_op("int_shape", g.array(dt, (3, 4)), want=None)


@cases("int_shape", "3d", ALL)
def _(g: Inputs, dt: str) -> None:
    check_op("int_shape", g.array(dt, (2, 1, 5)), want=None)


@cases("int_shape", "0d", ALL)
def _(g: Inputs, dt: str) -> None:
    check_op("int_shape", g.array(dt, ()), want=None)


@cases("shape", "3d", ALL)
def _(g: Inputs, dt: str) -> None:
    check_op("shape", g.array(dt, (2, 1, 5)), want="int32")


@cases("shape", "0d", ALL)
def _(g: Inputs, dt: str) -> None:
    check_op("shape", g.array(dt, ()), want="int32")


@cases("ndim", "3d", ALL)
def _(g: Inputs, dt: str) -> None:
    check_op("ndim", g.array(dt, (2, 1, 5)), want=None)


@cases("ndim", "0d", ALL)
def _(g: Inputs, dt: str) -> None:
    check_op("ndim", g.array(dt, ()), want=None)


@cases("dtype", "array", ALL)
def _(g: Inputs, dt: str) -> None:
    check_op("dtype", g.array(dt), want=None, ref=lambda x: dt)


@cases("dtype", "variable", ALL)
def _(g: Inputs, dt: str) -> None:
    assert K.dtype(K.variable(g.array(dt), dt)) == dt


# --- filled tensors --------------------------------------------------------------------

for _op in ("zeros", "ones"):
    @cases(_op, "shape", ALL)
    def _(g: Inputs, dt: str, op: str = _op) -> None:
        check_op(op, (2, 3), dt, want=dt)

    @cases(_op, "int_size", ALL)
    def _(g: Inputs, dt: str, op: str = _op) -> None:
        check_op(op, 4, dt, want=dt)

    @cases(_op, "0d", ALL)
    def _(g: Inputs, dt: str, op: str = _op) -> None:
        check_op(op, (), dt, want=dt)

    @cases(_op, "floatx", FLOATS)
    def _(g: Inputs, dt: str, op: str = _op) -> None:
        with floatx(dt):
            check_op(op, (3, 1, 2), want=dt)

    @cases(f"{_op}_like", "dtype", ALL)
    def _(g: Inputs, dt: str, op: str = f"{_op}_like") -> None:
        check_op(op, g.array(other_dtype(dt), (2, 3)), dt, want=dt)

    @cases(f"{_op}_like", "floatx", FLOATS)
    def _(g: Inputs, dt: str, op: str = f"{_op}_like") -> None:
        with floatx(dt):  # Keras 2: floatx, not x's dtype
            check_op(op, g.array(other_dtype(dt), (2, 3)), want=dt)


@cases("eye", "int", ALL)
def _(g: Inputs, dt: str) -> None:
    check_op("eye", 3, dt, want=dt)


@cases("eye", "wide", ALL)
def _(g: Inputs, dt: str) -> None:
    check_op("eye", (2, 4), dt, want=dt)


@cases("eye", "tall", ALL)
def _(g: Inputs, dt: str) -> None:
    check_op("eye", (4, 2), dt, want=dt)


@cases("eye", "floatx", FLOATS)
def _(g: Inputs, dt: str) -> None:
    with floatx(dt):
        check_op("eye", 3, want=dt)


# --- cast ------------------------------------------------------------------------------

def _cast_case(src: str) -> None:
    @cases("cast", f"from_{src}", ALL)
    def _(g: Inputs, dt: str) -> None:
        x = g.array(src, kind="small")
        if dt.startswith("uint") and src != "bool":
            x = np.abs(x)
        x.flat[0] = 0  # so casts to bool see a False
        check_op("cast", x, dt, want=dt)


for _src in declared_dtypes():
    _cast_case(_src)

# Last: every case above is registered by now.
@pytest.mark.parametrize(("case", "dtype"), cases.params())
def test_values(case: Case, dtype: str) -> None:
    check_case(case, dtype)
