"""Values: element-wise functions of two tensors and ``where`` (``hookspecs.arithmetic``).

Mixed-dtype operands are in ``test_result_rules``; here both operands share a dtype,
or one is a weak Python scalar or a 0-d tensor.
"""

from __future__ import annotations

from typing import Any, Callable

import numpy as np
import pytest

from . import _nep50 as nep50
from ._cases import ALL, NUMERIC, SIGNED, Case, Cases, check_case
from ._check import check_op
from ._inputs import Inputs, python_scalar

cases = Cases()


def _same(dt: str) -> str:
    return dt


def _divide(dt: str) -> str:
    return nep50.divide(dt, dt)


def _bool(dt: str) -> str:
    return "bool"


# op -> (dtypes, input kind of x, input kind of y, result dtype of two dt operands)
_BINARY: dict[str, tuple[tuple[str, ...], str, str, Callable[[str], str]]] = {
    "add": (NUMERIC, "any", "any", _same),
    "subtract": (SIGNED, "any", "any", _same),
    "multiply": (NUMERIC, "any", "any", _same),
    "divide": (NUMERIC, "any", "nonzero", _divide),
    "maximum": (NUMERIC, "ties", "ties", _same),
    "minimum": (NUMERIC, "ties", "ties", _same),
    "equal": (ALL, "ties", "ties", _bool),
    "not_equal": (ALL, "ties", "ties", _bool),
    "greater": (ALL, "ties", "ties", _bool),
    "greater_equal": (ALL, "ties", "ties", _bool),
    "less": (ALL, "ties", "ties", _bool),
    "less_equal": (ALL, "ties", "ties", _bool),
}


def _scalar_result(op: str, dt: str) -> str:
    """Result dtype of ``op(tensor of dt, Python scalar of dt's kind)``."""
    kind = {"bool": bool}.get(dt, int if dt[0] in "iu" else float)
    if op == "divide":
        return nep50.divide(dt, kind)
    return "bool" if _BINARY[op][3] is _bool else nep50.promote(dt, kind)


def _register(op: str, dtypes: tuple[str, ...], kx: str, ky: str,
              result: Callable[[str], str]) -> None:
    def pair(g: Inputs, dt: str, sx: tuple[int, ...], sy: tuple[int, ...]) -> Any:
        return g.array(dt, sx, kx), g.array(dt, sy, ky)

    @cases(op, "same_shape", dtypes)
    def _(g: Inputs, dt: str) -> None:
        check_op(op, *pair(g, dt, (3, 4), (3, 4)), want=result(dt))

    @cases(op, "broadcast", dtypes)
    def _(g: Inputs, dt: str) -> None:
        check_op(op, *pair(g, dt, (2, 3, 4), (4,)), want=result(dt))

    @cases(op, "broadcast_both", dtypes)
    def _(g: Inputs, dt: str) -> None:
        check_op(op, *pair(g, dt, (3, 1), (1, 4)), want=result(dt))

    @cases(op, "0d", dtypes)
    def _(g: Inputs, dt: str) -> None:
        check_op(op, *pair(g, dt, (), ()), want=result(dt))

    @cases(op, "0d_right", dtypes)
    def _(g: Inputs, dt: str) -> None:
        check_op(op, *pair(g, dt, (3, 4), ()), want=result(dt))

    @cases(op, "py_scalar_right", dtypes)
    def _(g: Inputs, dt: str) -> None:
        check_op(op, g.array(dt, (3, 4), kx), python_scalar(dt), want=_scalar_result(op, dt))

    @cases(op, "py_scalar_left", dtypes)
    def _(g: Inputs, dt: str) -> None:
        check_op(op, python_scalar(dt), g.array(dt, (3, 4), ky), want=_scalar_result(op, dt))


for _op, (_dtypes, _kx, _ky, _result) in _BINARY.items():
    _register(_op, _dtypes, _kx, _ky, _result)


@cases("divide", "by_py_float", NUMERIC)
def _(g: Inputs, dt: str) -> None:
    check_op("divide", g.array(dt, (3, 4)), 4.0, want=nep50.divide(dt, float))


# --- where -----------------------------------------------------------------------------

@cases("where", "same_shape", ALL)
def _(g: Inputs, dt: str) -> None:
    check_op("where", g.condition((3, 4)), g.array(dt), g.array(dt), want=dt)


@cases("where", "broadcast", ALL)
def _(g: Inputs, dt: str) -> None:
    check_op("where", g.condition((3, 1)), g.array(dt, (3, 4)), g.array(dt, (4,)), want=dt)


@cases("where", "0d", ALL)
def _(g: Inputs, dt: str) -> None:
    check_op("where", np.asarray(True), g.array(dt, ()), g.array(dt, ()), want=dt)


@cases("where", "py_scalar", ALL)
def _(g: Inputs, dt: str) -> None:
    kind = {"bool": bool}.get(dt, int if dt[0] in "iu" else float)
    check_op("where", g.condition((3, 4)), g.array(dt), python_scalar(dt, 0),
             want=nep50.promote(dt, kind))

# Last: every case above is registered by now.
@pytest.mark.parametrize(("case", "dtype"), cases.params())
def test_values(case: Case, dtype: str) -> None:
    check_case(case, dtype)
