"""Values: slicing, reversing, ranges and repetition (``hookspecs.slicing``)."""

from __future__ import annotations

from typing import Any, Callable

import numpy as np
import pytest

import tensorplug
from tensorplug import backend as K

from ._cases import ALL, FLOATS, INTS, NUMERIC, Case, Cases, check_case
from ._check import assert_result, check_op
from ._inputs import Inputs
from ._reference_misc import arange_ref, repeat_ref, reverse_ref, slice_ref

cases = Cases()

# case -> (x shape, start, size)
_SLICE: dict[str, tuple[tuple[int, ...], Any, Any]] = {
    "2d": ((3, 4), (1, 0), (2, 3)),
    "minus_one": ((3, 4), (1, 2), (-1, -1)),
    "3d": ((2, 3, 4), (0, 1, 2), (2, 2, -1)),
    "last_axis_only": ((2, 3, 5), (0, 0, 1), (-1, -1, 3)),
    "full": ((3, 4), (0, 0), (3, 4)),
    "empty": ((3, 4), (1, 4), (2, 0)),
    "1d": ((6,), (2,), (3,)),
    "lists": ((3, 4), [0, 1], [3, 2]),
    "numpy_ints": ((3, 4), np.array([1, 1]), np.array([1, -1])),
}

for _case, (_shape, _start, _size) in _SLICE.items():
    @cases("slice", _case, ALL)
    def _(g: Inputs, dt: str, shape: Any = _shape, start: Any = _start,
          size: Any = _size) -> None:
        x = g.array(dt, shape)  # start/size may be numpy arrays: not via check_op
        out = K.slice(K.convert_to_tensor(x), start, size)
        assert_result("slice", K.to_numpy(out), slice_ref(x, start, size), dt)


# case -> (x shape, axes)
_REVERSE: dict[str, tuple[tuple[int, ...], Any]] = {
    "axis0": ((3, 4), 0),
    "axis_neg1": ((3, 4), -1),
    "tuple": ((3, 4), (0, 1)),
    "list_3d": ((2, 3, 4), [0, 2]),
    "middle": ((2, 3, 4), 1),
    "1d": ((5,), 0),
    "size_one_axis": ((1, 4), 0),
}

for _case, (_shape, _axes) in _REVERSE.items():
    @cases("reverse", _case, ALL)
    def _(g: Inputs, dt: str, shape: Any = _shape, axes: Any = _axes) -> None:
        check_op("reverse", g.array(dt, shape), axes, want=dt, ref=reverse_ref)


# case -> (dtypes, positional args)
_ARANGE: dict[str, tuple[tuple[str, ...], tuple[Any, ...]]] = {
    "stop_only": (NUMERIC, (5,)),
    "start_stop": (NUMERIC, (2, 7)),
    "step": (NUMERIC, (1, 10, 3)),
    "negative_step": (NUMERIC, (5, 0, -1)),
    "empty": (NUMERIC, (5, 2)),
    "negative_stop_only": (NUMERIC, (-3,)),  # Keras: empty (TF clamps start to 0)
    "signed_range": (tuple(d for d in NUMERIC if not d.startswith("uint")), (-3, 3)),
    "float_step": (FLOATS, (0, 2, 0.25)),
    "float_bounds": (FLOATS, (0.5, 3.0, 0.5)),
    "float_to_int": (INTS, (0.5, 3.0, 0.5)),  # computed in float, then cast
}

for _case, (_dtypes, _args) in _ARANGE.items():
    @cases("arange", _case, _dtypes)
    def _(g: Inputs, dt: str, args: Any = _args) -> None:
        check_op("arange", *args, dtype=dt, want=dt, ref=arange_ref)


@cases("arange", "default_dtype", ("int32",))
def _(g: Inputs, dt: str) -> None:
    check_op("arange", 4, want="int32", ref=arange_ref)


# case -> (x shape, n)
_REPEAT: dict[str, tuple[tuple[int, int], int]] = {
    "n3": ((3, 4), 3),
    "n1": ((2, 5), 1),
    "n0": ((2, 5), 0),
    "one_sample": ((1, 4), 2),
}

for _case, (_shape, _n) in _REPEAT.items():
    @cases("repeat", _case, ALL)
    def _(g: Inputs, dt: str, shape: Any = _shape, n: int = _n) -> None:
        check_op("repeat", g.array(dt, shape), n, want=dt, ref=repeat_ref)


# Last: every case above is registered by now.
@pytest.mark.parametrize(("case", "dtype"), cases.params())
def test_values(case: Case, dtype: str) -> None:
    check_case(case, dtype)


# --- errors: the same class and message on every backend -------------------------------

def _x(shape: tuple[int, ...] = (3, 4)) -> Any:
    return K.convert_to_tensor(np.ones(shape, dtype=np.float32))


ERRORS: dict[str, tuple[Callable[[], Any], type[Exception], str]] = {
    "slice-length_mismatch": (
        lambda: K.slice(_x(), (0,), (1,)), tensorplug.InvalidArgumentError,
        "one entry per axis"),
    "slice-past_the_end": (
        lambda: K.slice(_x(), (2, 0), (2, 4)), tensorplug.InvalidArgumentError,
        "start + size <= 3"),
    "slice-negative_start": (
        lambda: K.slice(_x(), (-1, 0), (1, 4)), tensorplug.InvalidArgumentError,
        "0 <= start"),
    "slice-float_start": (
        lambda: K.slice(_x(), (0.5, 0), (1, 4)), tensorplug.InvalidTypeError,
        "start must be a list or tuple of ints"),
    "reverse-axis_out_of_range": (
        lambda: K.reverse(_x(), 2), tensorplug.AxisError, "out of range"),
    "reverse-repeated_axis": (
        lambda: K.reverse(_x(), (0, -2)), tensorplug.InvalidArgumentError, "repeated axis"),
    "arange-zero_step": (
        lambda: K.arange(0, 5, 0), tensorplug.InvalidArgumentError, "step must not be zero"),
    "arange-string": (
        lambda: K.arange("5"), tensorplug.InvalidTypeError, "must be a Python number"),
    "repeat-3d": (
        lambda: K.repeat(_x((2, 3, 4)), 2), tensorplug.IncompatibleShapesError,
        "x must be 2-D"),
    "repeat-1d": (
        lambda: K.repeat(_x((3,)), 2), tensorplug.IncompatibleShapesError, "x must be 2-D"),
    "repeat-negative_n": (
        lambda: K.repeat(_x(), -1), tensorplug.InvalidArgumentError,
        "n must be a non-negative int"),
}


@pytest.mark.parametrize("key", sorted(ERRORS))
def test_errors(key: str) -> None:
    call, cls, fragment = ERRORS[key]
    with pytest.raises(cls) as info:
        call()
    assert fragment in str(info.value), f"{key}: message {str(info.value)!r} lacks {fragment!r}"
