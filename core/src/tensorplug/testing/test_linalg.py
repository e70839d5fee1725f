"""Values: products and transposes (``hookspecs.linalg``)."""

from __future__ import annotations

from typing import Any

import pytest

from ._cases import ALL, NUMERIC, Case, Cases, check_case
from ._check import check_op
from ._inputs import Inputs

cases = Cases()


# case -> (x shape, y shape): Theano-style dot, last axis of x with second-to-last of y.
_DOT: dict[str, tuple[tuple[int, ...], tuple[int, ...]]] = {
    "2d_2d": ((3, 4), (4, 5)),
    "1d_2d": ((4,), (4, 5)),
    "2d_1d": ((3, 4), (4,)),
    "1d_1d": ((4,), (4,)),
    "2d_3d": ((2, 3), (4, 3, 5)),
    "3d_2d": ((2, 3, 4), (4, 5)),
    "3d_3d": ((2, 3, 4), (5, 4, 2)),
}

for _case, (_sx, _sy) in _DOT.items():
    @cases("dot", _case, NUMERIC)
    def _(g: Inputs, dt: str, sx: Any = _sx, sy: Any = _sy) -> None:
        check_op("dot", g.array(dt, sx, "small"), g.array(dt, sy, "small"), want=dt)


# case -> (x shape, y shape, axes); axes None is Keras 2.3's default.
_BATCH_DOT: dict[str, tuple[tuple[int, ...], tuple[int, ...], Any]] = {
    "default_3d_3d": ((2, 3, 4), (2, 4, 5), None),
    "default_2d_2d": ((4, 3), (4, 3), None),
    "default_3d_2d": ((2, 3, 4), (2, 4), None),
    "default_2d_3d": ((2, 3), (2, 3, 5), None),
    "default_4d_3d": ((2, 3, 4, 5), (2, 5, 3), None),
    "int_axes": ((4, 3), (4, 3), 1),
    "pair_1_2": ((3, 5), (3, 6, 5), (1, 2)),
    "pair_1_1": ((2, 3, 4), (2, 3, 5), (1, 1)),
    "pair_2_2": ((2, 3, 4), (2, 5, 4), (2, 2)),
    "negative_axes": ((2, 3, 4), (2, 4, 5), (-1, -2)),
    "keras_doc": ((4, 20, 1), (4, 30, 20), (1, 2)),
}

for _case, (_sx, _sy, _axes) in _BATCH_DOT.items():
    @cases("batch_dot", _case, NUMERIC)
    def _(g: Inputs, dt: str, sx: Any = _sx, sy: Any = _sy, axes: Any = _axes) -> None:
        x, y = g.array(dt, sx, "small"), g.array(dt, sy, "small")
        if axes is None:
            check_op("batch_dot", x, y, want=dt)
        else:
            check_op("batch_dot", x, y, axes, want=dt)


for _case, _shape in (("1d", (5,)), ("2d", (3, 4)), ("3d", (2, 3, 4)), ("0d", ())):
    @cases("transpose", _case, ALL)
    def _(g: Inputs, dt: str, shape: Any = _shape) -> None:
        check_op("transpose", g.array(dt, shape), want=dt)

# Last: every case above is registered by now.
@pytest.mark.parametrize(("case", "dtype"), cases.params())
def test_values(case: Case, dtype: str) -> None:
    check_case(case, dtype)
