"""Values: element-wise functions of one tensor, pow and clip (``hookspecs.elementwise``)."""

from __future__ import annotations

import numpy as np
import pytest

from . import _nep50 as nep50
from ._cases import FLOAT_FN, FLOATS, NUMERIC, SIGNED, Case, Cases, check_case
from ._check import check_op
from ._inputs import Inputs, python_scalar

cases = Cases()


# --- same-dtype functions --------------------------------------------------------------

for _op, _dtypes in (("abs", NUMERIC), ("negative", SIGNED), ("square", NUMERIC),
                     ("sign", NUMERIC)):
    @cases(_op, "basic", _dtypes)
    def _(g: Inputs, dt: str, op: str = _op) -> None:
        x = g.array(dt, (3, 4), "small")
        x.flat[:2] = 0  # sign(0) == 0, abs(0) == 0
        check_op(op, x, want=dt)

    @cases(_op, "0d", _dtypes)
    def _(g: Inputs, dt: str, op: str = _op) -> None:
        check_op(op, g.array(dt, ()), want=dt)


@cases("round", "basic", NUMERIC)
def _(g: Inputs, dt: str) -> None:
    check_op("round", g.array(dt, (3, 4), "small"), want=dt)


@cases("round", "halves", FLOATS)  # half to even
def _(g: Inputs, dt: str) -> None:
    halves = np.array([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 3.5, 4.5])
    check_op("round", (halves + g.array("int64", (8,))).astype(dt), want=dt)


@cases("round", "0d", FLOATS)
def _(g: Inputs, dt: str) -> None:
    check_op("round", np.asarray(2.5, dt), want=dt)


# --- float functions: float inputs keep their dtype, ints give float64 -----------------

_FLOAT_FUNCTIONS = {"sqrt": "any", "exp": "any", "log": "positive", "sin": "small",
                    "cos": "small"}

for _op, _kind in _FLOAT_FUNCTIONS.items():
    @cases(_op, "basic", FLOAT_FN)
    def _(g: Inputs, dt: str, op: str = _op, kind: str = _kind) -> None:
        check_op(op, g.array(dt, (3, 4), kind), want=nep50.FLOAT_FUNCTION[dt])

    @cases(_op, "0d", FLOAT_FN)
    def _(g: Inputs, dt: str, op: str = _op, kind: str = _kind) -> None:
        check_op(op, g.array(dt, (), kind), want=nep50.FLOAT_FUNCTION[dt])


@cases("sqrt", "negative", FLOAT_FN)  # Keras: sqrt of a negative is 0, not NaN
def _(g: Inputs, dt: str) -> None:
    check_op("sqrt", -g.array(dt, (2, 3), "positive"), want=nep50.FLOAT_FUNCTION[dt])


@cases("log", "zero", FLOATS)
def _(g: Inputs, dt: str) -> None:
    with np.errstate(divide="ignore"):  # log(0) = -inf is the point
        check_op("log", np.zeros((2,), dt), want=dt)


# --- pow -------------------------------------------------------------------------------

@cases("pow", "py_int", NUMERIC)
def _(g: Inputs, dt: str) -> None:
    check_op("pow", g.array(dt, (3, 4), "small"), 2, want=dt)


@cases("pow", "py_int_cube", NUMERIC)
def _(g: Inputs, dt: str) -> None:
    check_op("pow", g.array(dt, (3, 4), "small"), 3, want=dt)


@cases("pow", "py_float", FLOAT_FN)
def _(g: Inputs, dt: str) -> None:
    check_op("pow", g.array(dt, (3, 4), "positive"), 1.5, want=nep50.promote(dt, float))


@cases("pow", "tensor", FLOATS)
def _(g: Inputs, dt: str) -> None:
    check_op("pow", g.array(dt, (3, 4), "positive"), g.array(dt, (3, 4), "near_one"),
             want=dt)


@cases("pow", "broadcast", FLOATS)
def _(g: Inputs, dt: str) -> None:
    check_op("pow", g.array(dt, (3, 4), "positive"), g.array(dt, (4,), "small"), want=dt)


@cases("pow", "0d", NUMERIC)
def _(g: Inputs, dt: str) -> None:
    check_op("pow", g.array(dt, (), "positive"), 2, want=dt)


# --- clip ------------------------------------------------------------------------------

def _bounds(dt: str) -> tuple[float, float]:
    return (-1, 2) if dt[0] in "iu" else (-0.75, 0.5)


@cases("clip", "both", NUMERIC)
def _(g: Inputs, dt: str) -> None:
    lo, hi = _bounds(dt)
    check_op("clip", g.array(dt, (3, 4), "small"), max(lo, 0) if dt[0] == "u" else lo, hi,
             want=dt)


@cases("clip", "min_only", NUMERIC)
def _(g: Inputs, dt: str) -> None:
    check_op("clip", g.array(dt, (3, 4), "small"), _bounds(dt)[1], None, want=dt)


@cases("clip", "max_only", NUMERIC)
def _(g: Inputs, dt: str) -> None:
    check_op("clip", g.array(dt, (3, 4), "small"), None, _bounds(dt)[1], want=dt)


@cases("clip", "max_below_min", NUMERIC)  # Keras 2: every element becomes min_value
def _(g: Inputs, dt: str) -> None:
    check_op("clip", g.array(dt, (3, 4), "small"), python_scalar(dt, 4),
             python_scalar(dt, 2), want=dt)


@cases("clip", "tensor_bounds", FLOATS)
def _(g: Inputs, dt: str) -> None:
    lo = g.array(dt, (3, 4), "unit") - 1
    check_op("clip", g.array(dt, (3, 4), "small"), lo, lo + 1.5, want=dt)


@cases("clip", "0d", NUMERIC)
def _(g: Inputs, dt: str) -> None:
    lo, hi = _bounds(dt)
    check_op("clip", g.array(dt, (), "small"), max(lo, 0) if dt[0] == "u" else lo, hi,
             want=dt)

# Last: every case above is registered by now.
@pytest.mark.parametrize(("case", "dtype"), cases.params())
def test_values(case: Case, dtype: str) -> None:
    check_case(case, dtype)
