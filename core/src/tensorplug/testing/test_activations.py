"""Values: activation functions (``hookspecs.activations``)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from . import _nep50 as nep50
from ._cases import FLOAT_FN, FLOATS, NUMERIC, Case, Cases, check_case
from ._check import check_op
from ._inputs import Inputs

cases = Cases()


# --- relu: x's dtype; alpha, max_value and threshold on float inputs --------------------

@cases("relu", "plain", NUMERIC)
def _(g: Inputs, dt: str) -> None:
    check_op("relu", g.array(dt, (3, 4), "small"), want=dt)


_RELU: dict[str, dict[str, Any]] = {
    "alpha": {"alpha": 0.1},
    "max_value": {"max_value": 1.5},
    "threshold": {"threshold": 0.5},
    "negative_threshold": {"threshold": -1.0},
    "alpha_threshold": {"alpha": 0.25, "threshold": 1.0},
    "all_three": {"alpha": 0.5, "max_value": 2.0, "threshold": -0.5},
}

for _case, _kwargs in _RELU.items():
    @cases("relu", _case, FLOATS)
    def _(g: Inputs, dt: str, kwargs: Any = _kwargs) -> None:
        check_op("relu", g.array(dt, (4, 5), "small"), want=dt, **kwargs)


@cases("relu", "0d", FLOATS)
def _(g: Inputs, dt: str) -> None:
    check_op("relu", np.asarray(-1.5, dt), want=dt, alpha=0.5)


# --- float functions -------------------------------------------------------------------

for _op in ("sigmoid", "tanh", "softplus"):
    @cases(_op, "basic", FLOAT_FN)
    def _(g: Inputs, dt: str, op: str = _op) -> None:
        check_op(op, g.array(dt, (3, 4), "small"), want=nep50.FLOAT_FUNCTION[dt])

    @cases(_op, "large", FLOATS)  # saturating tails, no overflow
    def _(g: Inputs, dt: str, op: str = _op) -> None:
        scale = {"float16": 8.0, "float32": 60.0, "float64": 600.0}[dt]
        x = np.array([-scale, -scale / 2, -1.0, 0.0, 1.0, scale / 2, scale], dtype=dt)
        check_op(op, x, want=dt)

    @cases(_op, "0d", FLOAT_FN)
    def _(g: Inputs, dt: str, op: str = _op) -> None:
        check_op(op, g.array(dt, (), "small"), want=nep50.FLOAT_FUNCTION[dt])


# --- softmax ---------------------------------------------------------------------------

_SOFTMAX: dict[str, tuple[tuple[int, ...], dict[str, Any]]] = {
    "default_axis": ((3, 4), {}),
    "axis0": ((3, 4), {"axis": 0}),
    "axis1_3d": ((2, 3, 4), {"axis": 1}),
    "1d": ((5,), {}),
}

for _case, (_shape, _kwargs) in _SOFTMAX.items():
    @cases("softmax", _case, FLOATS)
    def _(g: Inputs, dt: str, shape: Any = _shape, kwargs: Any = _kwargs) -> None:
        check_op("softmax", g.array(dt, shape, "small"), want=dt, **kwargs)


@cases("softmax", "large", FLOATS)  # must be max-shifted
def _(g: Inputs, dt: str) -> None:
    offset = {"float16": 20.0, "float32": 200.0, "float64": 2000.0}[dt]
    check_op("softmax", g.array(dt, (3, 4)) + np.asarray(offset, dt), want=dt)

# Last: every case above is registered by now.
@pytest.mark.parametrize(("case", "dtype"), cases.params())
def test_values(case: Case, dtype: str) -> None:
    check_case(case, dtype)
