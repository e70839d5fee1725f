"""Values: reshaping, joining, repeating and indexing (``hookspecs.shapes``)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from tensorplug import backend as K

from ._cases import ALL, INTS, Case, Cases, check_case
from ._check import check_op
from ._inputs import Inputs

cases = Cases()


def _simple(op: str, table: dict[str, tuple[tuple[int, ...], tuple[Any, ...]]]) -> None:
    """Register ``op(x, *args)`` cases for a random x of each shape."""
    for name, (shape, args) in table.items():
        @cases(op, name, ALL)
        def _(g: Inputs, dt: str, shape: Any = shape, args: Any = args) -> None:
            check_op(op, g.array(dt, shape), *args, want=dt)


_simple("reshape", {
    "basic": ((3, 4), ((2, 6),)),
    "infer": ((3, 4), ((-1, 2),)),
    "infer_first": ((2, 3, 4), ((4, -1),)),
    "to_1d": ((3, 4), ((12,),)),
    "list_shape": ((3, 4), ([2, 2, 3],)),
    "from_0d": ((), ((1, 1),)),
    "to_0d": ((1,), ((),)),
})
_simple("expand_dims", {
    "default_axis": ((3, 4), ()),
    "axis0": ((3, 4), (0,)),
    "axis1": ((3, 4), (1,)),
    "axis_neg2": ((3, 4), (-2,)),
    "0d": ((), (0,)),
})
_simple("squeeze", {
    "axis0": ((1, 3, 4), (0,)),
    "axis1": ((3, 1, 4), (1,)),
    "axis_neg1": ((3, 4, 1), (-1,)),
    "to_0d": ((1,), (0,)),
})
_simple("flatten", {"1d": ((5,), ()), "2d": ((3, 4), ()), "3d": ((2, 3, 4), ()),
                    "0d": ((), ())})
_simple("batch_flatten", {"2d": ((3, 4), ()), "3d": ((2, 3, 4), ()),
                          "4d": ((2, 1, 3, 2), ()), "1d": ((5,), ())})
_simple("permute_dimensions", {
    "2d": ((3, 4), ((1, 0),)),
    "3d": ((2, 3, 4), ((2, 0, 1),)),
    "identity": ((2, 3, 4), ((0, 1, 2),)),
    "list_pattern": ((2, 3, 4), ([1, 2, 0],)),
})
_simple("tile", {
    "tuple": ((2, 3), ((2, 1),)),
    "ones": ((2, 3), ((1, 1),)),
    "int": ((3,), (3,)),
    "int_on_2d": ((2, 3), (2,)),  # n is left-padded with 1s: (1, 2)
    "shorter_tuple": ((2, 3, 4), ((2, 3),)),
    "list": ((2, 3), ([3, 2],)),
})
_simple("repeat_elements", {
    "axis0": ((2, 3), (2, 0)),
    "axis1": ((2, 3), (3, 1)),
    "axis_neg1": ((2, 3, 2), (2, -1)),
    "rep1": ((2, 3), (1, 0)),
})


# --- joining ---------------------------------------------------------------------------

# case -> (shapes, kwargs)
_CONCATENATE: dict[str, tuple[tuple[tuple[int, ...], ...], dict[str, Any]]] = {
    "default_axis": (((2, 3), (2, 2)), {}),
    "axis0": (((1, 3), (2, 3), (3, 3)), {"axis": 0}),
    "axis1_3d": (((2, 1, 4), (2, 3, 4)), {"axis": 1}),
    "axis_neg2": (((2, 1, 4), (2, 2, 4)), {"axis": -2}),
    "single": (((2, 3),), {"axis": 0}),
    "1d": (((3,), (4,)), {}),
}

for _case, (_shapes, _kwargs) in _CONCATENATE.items():
    @cases("concatenate", _case, ALL)
    def _(g: Inputs, dt: str, shapes: Any = _shapes, kwargs: Any = _kwargs) -> None:
        check_op("concatenate", [g.array(dt, s) for s in shapes], want=dt, **kwargs)


_STACK: dict[str, tuple[int, tuple[int, ...], dict[str, Any]]] = {
    "default_axis": (3, (2, 3), {}),
    "axis1": (2, (2, 3), {"axis": 1}),
    "axis_last": (2, (2, 3), {"axis": 2}),
    "axis_neg1": (4, (3,), {"axis": -1}),
    "0d": (3, (), {}),
    "single": (1, (2, 3), {}),
}

for _case, (_count, _shape, _kwargs) in _STACK.items():
    @cases("stack", _case, ALL)
    def _(g: Inputs, dt: str, count: int = _count, shape: Any = _shape,
          kwargs: Any = _kwargs) -> None:
        check_op("stack", [g.array(dt, shape) for _ in range(count)], want=dt, **kwargs)


# --- indexing --------------------------------------------------------------------------

_GATHER: dict[str, tuple[tuple[int, ...], tuple[int, ...]]] = {
    "1d_indices": ((5, 3), (4,)),
    "2d_indices": ((5, 3), (2, 3)),
    "from_1d": ((6,), (3,)),
    "from_3d": ((4, 2, 3), (5,)),
    "0d_index": ((5, 3), ()),
}

for _case, (_shape, _ishape) in _GATHER.items():
    @cases("gather", _case, ALL)
    def _(g: Inputs, dt: str, shape: Any = _shape, ishape: Any = _ishape) -> None:
        indices = g.indices("int64", ishape, shape[0])
        check_op("gather", g.array(dt, shape), indices, want=dt)


@cases("gather", "int32_indices", ALL)
def _(g: Inputs, dt: str) -> None:
    check_op("gather", g.array(dt, (5, 3)), g.indices("int32", (4,), 5), want=dt)


@cases("gather", "list_indices", ALL)
def _(g: Inputs, dt: str) -> None:
    check_op("gather", g.array(dt, (5, 3)), [4, 0, 0, 2], want=dt)


_ONE_HOT: dict[str, tuple[tuple[int, ...], int]] = {
    "1d": ((5,), 4),
    "2d": ((2, 3), 4),
    "0d": ((), 3),
    "one_class": ((4,), 1),
}

for _case, (_shape, _classes) in _ONE_HOT.items():
    @cases("one_hot", _case, INTS)  # dtype: the indices' dtype; the result is floatx
    def _(g: Inputs, dt: str, shape: Any = _shape, classes: int = _classes) -> None:
        check_op("one_hot", g.indices(dt, shape, classes), classes, want=K.floatx())


@cases("one_hot", "out_of_range", INTS)  # an index outside [0, num_classes): zero row
def _(g: Inputs, dt: str) -> None:
    check_op("one_hot", np.array([0, 5, 2, 3], dtype=dt), 3, want=K.floatx())

# Last: every case above is registered by now.
@pytest.mark.parametrize(("case", "dtype"), cases.params())
def test_values(case: Case, dtype: str) -> None:
    check_case(case, dtype)
