"""Values and errors: padding and resizing (``hookspecs.image``), in both data formats
(case names end in ``_cl`` / ``_cf``), against ``_reference_conv``. Padding and nearest
resizing only move data, so they run for every declared dtype; bilinear resizing runs
for floats (and for integers, which it returns as ``floatx``)."""

from __future__ import annotations

import zlib
from typing import Any, Callable

import numpy as np
import pytest

from tensorplug import TensorplugError
from tensorplug import backend as K

from . import _reference_conv as R
from ._cases import ALL, FLOATS, Case, Cases, check_case
from ._check import check_op
from ._gradcheck import check_grad
from ._inputs import Inputs

cases = Cases()
FORMATS, grid, layout = R.FORMATS, R.grid, R.layout

for _name, _pad in (("default", None), ("asymmetric", (2, 0)), ("right_only", (0, 3))):
    @cases("temporal_padding", _name, ALL)
    def _(g: Inputs, dt: str, pad: Any = _pad) -> None:
        x = g.array(dt, (2, 3, 4))
        if pad is None:
            check_op("temporal_padding", x, want=dt, ref=lambda x: R.temporal_padding(x))
        else:
            check_op("temporal_padding", x, pad, want=dt, ref=R.temporal_padding)

for _f, _fmt in FORMATS.items():
    @cases("spatial_2d_padding", f"asymmetric_{_f}", ALL)
    def _(g: Inputs, dt: str, f: str = _f, fmt: str = _fmt) -> None:
        x = layout(g.array(dt, (2, 3, 4, 2)), f)
        check_op("spatial_2d_padding", x, ((1, 2), (0, 1)), fmt, want=dt, ref=R.pad)

    @cases("spatial_3d_padding", f"asymmetric_{_f}", ALL)
    def _(g: Inputs, dt: str, f: str = _f, fmt: str = _fmt) -> None:
        x = layout(g.array(dt, (1, 2, 3, 2, 2)), f)
        check_op("spatial_3d_padding", x, ((1, 0), (0, 2), (2, 1)), fmt, want=dt, ref=R.pad)

    for _name, (_hf, _wf) in (("nearest", (2, 3)), ("nearest_identity", (1, 1))):
        @cases("resize_images", f"{_name}_{_f}", ALL)
        def _(g: Inputs, dt: str, f: str = _f, fmt: str = _fmt, hf: int = _hf,
              wf: int = _wf) -> None:
            x = layout(g.array(dt, (2, 3, 4, 2)), f)
            check_op("resize_images", x, hf, wf, fmt, "nearest", want=dt, ref=R.resize_images)

    # factors 2 and 4 give weights on a 1/8 grid: exact even in float16.
    for _name, (_hf, _wf), _dts in (("bilinear", (2, 4), FLOATS),
                                    ("bilinear_one_axis", (1, 2), FLOATS),
                                    ("bilinear_thirds", (3, 2), ("float32", "float64"))):
        @cases("resize_images", f"{_name}_{_f}", _dts)
        def _(g: Inputs, dt: str, f: str = _f, fmt: str = _fmt, hf: int = _hf,
              wf: int = _wf) -> None:
            x = layout(grid(g, dt, (2, 3, 4, 2)), f)
            check_op("resize_images", x, hf, wf, fmt, "bilinear", want=dt,
                     ref=R.resize_images)

    @cases("resize_volumes", f"factors_{_f}", ALL)
    def _(g: Inputs, dt: str, f: str = _f, fmt: str = _fmt) -> None:
        x = layout(g.array(dt, (1, 2, 3, 2, 2)), f)
        check_op("resize_volumes", x, 2, 1, 3, fmt, want=dt, ref=R.resize_volumes)


@cases("spatial_2d_padding", "keras_defaults", ALL)
def _(g: Inputs, dt: str) -> None:
    fmt = K.image_data_format()
    x = layout(g.array(dt, (1, 3, 2, 2)), "cf" if fmt == "channels_first" else "cl")
    check_op("spatial_2d_padding", x, want=dt, ref=lambda x: R.pad(x, ((1, 1), (1, 1)), fmt))


@cases("spatial_3d_padding", "keras_defaults", ALL)
def _(g: Inputs, dt: str) -> None:
    fmt = K.image_data_format()
    x = layout(g.array(dt, (1, 2, 2, 2, 1)), "cf" if fmt == "channels_first" else "cl")
    check_op("spatial_3d_padding", x, want=dt,
             ref=lambda x: R.pad(x, ((1, 1), (1, 1), (1, 1)), fmt))


@cases("resize_images", "bilinear_int", ("int32", "int64"))
def _(g: Inputs, dt: str) -> None:
    x = g.array(dt, (1, 2, 3, 1), "small")
    check_op("resize_images", x, 2, 2, "channels_last", "bilinear", want=K.floatx(),
             ref=R.resize_images)


@pytest.mark.parametrize(("case", "dtype"), cases.params())
def test_values(case: Case, dtype: str) -> None:
    check_case(case, dtype)


def _t(*shape: int) -> Any:
    return K.convert_to_tensor(np.zeros(shape, dtype="float32"))


_ERRORS: dict[str, tuple[str, Callable[[], Any], str]] = {
    "temporal_padding-negative": ("temporal_padding",
                                  lambda: K.temporal_padding(_t(1, 3, 2), (1, -1)),
                                  "non-negative ints"),
    "temporal_padding-wrong_rank": ("temporal_padding",
                                    lambda: K.temporal_padding(_t(3, 2), (1, 1)),
                                    "x must be a 3-D tensor"),
    "spatial_2d_padding-one_pair": ("spatial_2d_padding",
                                    lambda: K.spatial_2d_padding(_t(1, 3, 3, 2), ((1, 1),)),
                                    "2 (before, after) pairs"),
    "spatial_3d_padding-wrong_rank": ("spatial_3d_padding",
                                      lambda: K.spatial_3d_padding(_t(1, 3, 3, 2)),
                                      "x must be a 5-D tensor"),
    "resize_images-bad_interpolation": ("resize_images", lambda: K.resize_images(
        _t(1, 2, 2, 1), 2, 2, "channels_last", "bicubic"), "interpolation must be one of"),
    "resize_images-zero_factor": ("resize_images", lambda: K.resize_images(
        _t(1, 2, 2, 1), 0, 2, "channels_last"), "height_factor must be a positive int"),
    "resize_volumes-float_factor": ("resize_volumes", lambda: K.resize_volumes(
        _t(1, 2, 2, 2, 1), 2, 1.5, 2, "channels_last"), "height_factor must be a positive int"),
}


@pytest.mark.parametrize("case", list(_ERRORS), ids=list(_ERRORS))
def test_errors(case: str) -> None:
    op, call, fragment = _ERRORS[case]
    with pytest.raises(ValueError) as info:  # every tensorplug argument error is one
        call()
    assert isinstance(info.value, TensorplugError), repr(info.value)
    message = str(info.value)
    assert f"K.{op}" in message and "Received" in message, message
    assert fragment in message, f"expected {fragment!r} in: {message}"


#: id -> (op on symbols, input shape); gradients as in ``test_conv.test_grads``.
GRADS: dict[str, tuple[Callable[..., Any], tuple[int, ...]]] = {
    "temporal_padding-asymmetric": (lambda x: K.temporal_padding(x, (1, 2)), (2, 3, 2)),
    "spatial_2d_padding-cf": (
        lambda x: K.spatial_2d_padding(x, ((1, 0), (2, 1)), "channels_first"), (1, 2, 2, 3)),
    "spatial_3d_padding-cl": (
        lambda x: K.spatial_3d_padding(x, ((1, 0), (0, 1), (1, 1)), "channels_last"),
        (1, 2, 2, 2, 1)),
    "resize_images-nearest": (
        lambda x: K.resize_images(x, 2, 3, "channels_last", "nearest"), (1, 2, 3, 2)),
    "resize_images-bilinear_cf": (
        lambda x: K.resize_images(x, 2, 3, "channels_first", "bilinear"), (1, 2, 3, 3)),
    "resize_volumes-cl": (
        lambda x: K.resize_volumes(x, 2, 1, 2, "channels_last"), (1, 2, 2, 2, 1)),
}


@pytest.mark.grads
@pytest.mark.parametrize("name", sorted(GRADS))
def test_grads(name: str) -> None:
    op, shape = GRADS[name]
    rng = np.random.default_rng(zlib.crc32(name.encode()))
    check_grad(op, [rng.standard_normal(shape)], (0,), rng)
