"""Values: reductions and scans (``hookspecs.reductions``)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from . import _nep50 as nep50
from ._cases import ALL, FLOAT_FN, FLOATS, NUMERIC, Case, Cases, check_case
from ._check import check_op
from ._inputs import Inputs

cases = Cases()


def _same(dt: str) -> str:
    return dt


def _bool(dt: str) -> str:
    return "bool"


# op -> (dtypes, input kind, result dtype)
_REDUCTIONS: dict[str, tuple[tuple[str, ...], str, Any]] = {
    "sum": (ALL, "any", nep50.ACCUMULATE.__getitem__),
    "prod": (ALL, "near_one", nep50.ACCUMULATE.__getitem__),
    "mean": (ALL, "any", nep50.MEAN.__getitem__),
    "max": (NUMERIC, "ties", _same),
    "min": (NUMERIC, "ties", _same),
    "var": (NUMERIC, "any", nep50.MEAN.__getitem__),
    "std": (NUMERIC, "any", nep50.MEAN.__getitem__),
    "any": (ALL, "ties", _bool),
    "all": (ALL, "ties", _bool),
    "logsumexp": (FLOAT_FN, "any", nep50.MEAN.__getitem__),
}

# case -> (input shape, keyword arguments)
_AXES: dict[str, tuple[tuple[int, ...], dict[str, Any]]] = {
    "all": ((3, 4), {}),
    "all_keepdims": ((3, 4), {"keepdims": True}),
    "axis0": ((3, 4), {"axis": 0}),
    "axis1": ((3, 4), {"axis": 1}),
    "axis_neg1": ((2, 3, 4), {"axis": -1}),
    "keepdims": ((2, 3, 4), {"axis": 1, "keepdims": True}),
    "keepdims_neg": ((2, 3, 4), {"axis": -2, "keepdims": True}),
    "axis_tuple": ((2, 3, 4), {"axis": (0, 2)}),
    "axis_list_keepdims": ((2, 3, 4), {"axis": [-1, 0], "keepdims": True}),
    "0d": ((), {}),
}


def _register(op: str, dtypes: tuple[str, ...], kind: str, result: Any,
              case: str, shape: tuple[int, ...], kwargs: dict[str, Any]) -> None:
    @cases(op, case, dtypes)
    def _(g: Inputs, dt: str) -> None:
        x = g.array(dt, shape, kind)
        if op == "all" and x.ndim:
            x[0] = 1 if dt != "bool" else True  # one row all true, so all() sees both
        check_op(op, x, want=result(dt), **kwargs)


for _op, (_dtypes, _kind, _result) in _REDUCTIONS.items():
    for _case, (_shape, _kwargs) in _AXES.items():
        _register(_op, _dtypes, _kind, _result, _case, _shape, _kwargs)


@cases("logsumexp", "large", FLOATS)  # must be max-shifted: exp alone overflows
def _(g: Inputs, dt: str) -> None:
    offset = {"float16": 20.0, "float32": 200.0, "float64": 2000.0}[dt]
    check_op("logsumexp", g.array(dt, (3, 4)) + np.asarray(offset, dt), want=dt, axis=1)


@cases("logsumexp", "very_negative", FLOATS)
def _(g: Inputs, dt: str) -> None:
    offset = {"float16": -20.0, "float32": -200.0, "float64": -2000.0}[dt]
    check_op("logsumexp", g.array(dt, (3, 4)) + np.asarray(offset, dt), want=dt)


# --- argmax / argmin -------------------------------------------------------------------

_ARG_CASES: dict[str, tuple[tuple[int, ...], str, dict[str, Any]]] = {
    "default_axis": ((3, 5), "any", {}),
    "axis0": ((4, 3), "any", {"axis": 0}),
    "axis1_3d": ((2, 4, 3), "any", {"axis": 1}),
    "axis_neg2": ((2, 4, 3), "any", {"axis": -2}),
    "ties": ((4, 6), "ties", {}),
    "ties_axis0": ((6, 4), "ties", {"axis": 0}),
    "1d": ((7,), "ties", {}),
}

for _op in ("argmax", "argmin"):
    for _case, (_shape, _kind, _kwargs) in _ARG_CASES.items():
        @cases(_op, _case, NUMERIC)
        def _(g: Inputs, dt: str, op: str = _op, shape: Any = _shape, kind: str = _kind,
              kwargs: Any = _kwargs) -> None:
            check_op(op, g.array(dt, shape, kind), want="int64", **kwargs)


# --- cumsum / cumprod ------------------------------------------------------------------

_SCAN_CASES: dict[str, tuple[tuple[int, ...], dict[str, Any]]] = {
    "default_axis": ((4, 3), {}),
    "axis1": ((3, 4), {"axis": 1}),
    "axis_neg1": ((2, 3, 4), {"axis": -1}),
    "1d": ((6,), {}),
}

for _op, _kind in (("cumsum", "any"), ("cumprod", "near_one")):
    for _case, (_shape, _kwargs) in _SCAN_CASES.items():
        @cases(_op, _case, ALL)
        def _(g: Inputs, dt: str, op: str = _op, shape: Any = _shape, kind: str = _kind,
              kwargs: Any = _kwargs) -> None:
            check_op(op, g.array(dt, shape, kind), want=nep50.ACCUMULATE[dt], **kwargs)

# Last: every case above is registered by now.
@pytest.mark.parametrize(("case", "dtype"), cases.params())
def test_values(case: Case, dtype: str) -> None:
    check_case(case, dtype)
