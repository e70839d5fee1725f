"""Values and errors: convolution and pooling (``hookspecs.conv``).

Every op runs in both data formats (case names end in ``_cl`` / ``_cf``) with strides,
dilations and paddings, against the direct-loop references of ``_reference_conv``.
Inputs lie on a 1/4 grid in [-1, 1], so every product and partial sum of these small
cases is exact even in float16: a failure is a wrong window, never rounding. Float
dtypes only (convolution of integers is not required).
"""

from __future__ import annotations

import math
import zlib
from typing import Any, Callable

import numpy as np
import pytest

from tensorplug import TensorplugError
from tensorplug import backend as K

from . import _reference_conv as R
from ._cases import FLOATS, Case, Cases, check_case
from ._check import check_op
from ._gradcheck import check_grad
from ._inputs import Inputs

cases = Cases()
FORMATS, grid, layout = R.FORMATS, R.grid, R.layout


# case -> (strides, padding, dilation_rate), per spatial rank.
_GEOMETRY: dict[str, tuple[Any, str, Any]] = {
    "valid": (1, "valid", 1),
    "same": (1, "same", 1),
    "strides": (2, "valid", 1),
    "same_strides": (2, "same", 1),
    "dilation": (1, "valid", 2),
    "same_dilation": (1, "same", 2),
    "same_strides_dilation": (2, "same", 2),
}
_GEOMETRY_2D: dict[str, tuple[Any, str, Any]] = {
    **_GEOMETRY,
    "mixed_strides": ((2, 1), "same", (1, 1)),
    "mixed_dilation": ((1, 2), "valid", (2, 1)),
    "upper_padding": ((1, 1), "SAME", (1, 1)),  # the facade lower-cases it
}
_GEOMETRY_3D = {k: _GEOMETRY[k] for k in ("valid", "same_strides", "dilation")}
_GEOMETRY_1D = {**_GEOMETRY, "causal": (1, "causal", 1), "causal_dilation": (1, "causal", 2),
                "causal_strides": (2, "causal", 1)}

# op -> (x shape (channels last), kernel shape, geometries)
_CONV: dict[str, tuple[tuple[int, ...], tuple[int, ...], dict[str, Any]]] = {
    "conv1d": ((2, 7, 3), (3, 3, 4), _GEOMETRY_1D),
    "conv2d": ((2, 5, 6, 3), (3, 2, 3, 4), _GEOMETRY_2D),
    "conv3d": ((1, 4, 5, 4, 2), (2, 3, 2, 2, 3), _GEOMETRY_3D),
}

for _op, (_xs, _ks, _geos) in _CONV.items():
    for _name, (_s, _p, _d) in _geos.items():
        for _f, _fmt in FORMATS.items():
            @cases(_op, f"{_name}_{_f}", FLOATS)
            def _(g: Inputs, dt: str, op: str = _op, xs: Any = _xs, ks: Any = _ks, s: Any = _s,
                  p: str = _p, d: Any = _d, f: str = _f, fmt: str = _fmt) -> None:
                x, k = layout(grid(g, dt, xs), f), grid(g, dt, ks)
                check_op(op, x, k, s, p, fmt, d, want=dt,
                         ref=lambda x, k, s, p, fmt, d: R.conv(x, k, s, p.lower(), fmt, d))

for _op, (_xs, _ks) in {"conv1d": ((2, 6, 2), (3, 2, 3)),
                        "conv2d": ((2, 5, 4, 2), (2, 3, 2, 3)),
                        "conv3d": ((1, 3, 4, 3, 2), (2, 2, 2, 2, 3))}.items():
    @cases(_op, "keras_defaults", FLOATS)
    def _(g: Inputs, dt: str, op: str = _op, xs: Any = _xs, ks: Any = _ks) -> None:
        fmt = K.image_data_format()
        x, k = layout(grid(g, dt, xs), "cf" if fmt == "channels_first" else "cl"), \
            grid(g, dt, ks)
        check_op(op, x, k, want=dt, ref=lambda x, k: R.conv(x, k, 1, "valid", fmt, 1))


# One input channel takes its own im2col path in some backends (numpy's tap-by-tap copy).
for _op, (_xs, _ks) in {"conv1d": ((2, 7, 1), (3, 1, 4)),
                        "conv2d": ((2, 5, 6, 1), (3, 2, 1, 4)),
                        "conv3d": ((1, 4, 5, 4, 1), (2, 3, 2, 1, 3))}.items():
    for _name in ("valid", "same_strides_dilation"):
        _s, _p, _d = _GEOMETRY[_name]
        for _f, _fmt in FORMATS.items():
            @cases(_op, f"one_channel_{_name}_{_f}", FLOATS)
            def _(g: Inputs, dt: str, op: str = _op, xs: Any = _xs, ks: Any = _ks,
                  s: Any = _s, p: str = _p, d: Any = _d, f: str = _f, fmt: str = _fmt) -> None:
                x, k = layout(grid(g, dt, xs), f), grid(g, dt, ks)
                check_op(op, x, k, s, p, fmt, d, want=dt, ref=R.conv)


@cases("conv2d", "mixed_dtypes", ("float32",))
def _(g: Inputs, dt: str) -> None:
    x, k = grid(g, "float32", (1, 4, 4, 2)), grid(g, "float64", (2, 2, 2, 3))
    check_op("conv2d", x, k, (1, 1), "same", "channels_last", (1, 1), want="float64",
             ref=R.conv)


_DEPTHWISE = {k: _GEOMETRY_2D[k] for k in ("valid", "same", "same_strides", "dilation",
                                            "mixed_strides")}

for _name, (_s, _p, _d) in _DEPTHWISE.items():
    for _f, _fmt in FORMATS.items():
        @cases("depthwise_conv2d", f"{_name}_{_f}", FLOATS)
        def _(g: Inputs, dt: str, s: Any = _s, p: str = _p, d: Any = _d, f: str = _f,
              fmt: str = _fmt) -> None:
            x, k = layout(grid(g, dt, (2, 5, 6, 3)), f), grid(g, dt, (3, 2, 3, 2))
            check_op("depthwise_conv2d", x, k, s, p, fmt, d, want=dt, ref=R.depthwise)

        @cases("separable_conv2d", f"{_name}_{_f}", FLOATS)
        def _(g: Inputs, dt: str, s: Any = _s, p: str = _p, d: Any = _d, f: str = _f,
              fmt: str = _fmt) -> None:
            x, k = layout(grid(g, dt, (2, 5, 6, 3)), f), grid(g, dt, (3, 2, 3, 2))
            pk = grid(g, dt, (1, 1, 6, 4))
            check_op("separable_conv2d", x, k, pk, s, p, fmt, d, want=dt, ref=R.separable)

for _name in ("valid", "same", "same_strides", "dilation"):
    _s, _p, _d = _GEOMETRY[_name]
    for _f, _fmt in FORMATS.items():
        @cases("separable_conv1d", f"{_name}_{_f}", FLOATS)
        def _(g: Inputs, dt: str, s: Any = _s, p: str = _p, d: Any = _d, f: str = _f,
              fmt: str = _fmt) -> None:
            x, k = layout(grid(g, dt, (2, 7, 3)), f), grid(g, dt, (3, 3, 2))
            pk = grid(g, dt, (1, 6, 4))
            check_op("separable_conv1d", x, k, pk, s, p, fmt, d, want=dt, ref=R.separable)

# case -> (x spatial, output spatial, strides, padding, dilation); kernel (3, 2, 4, 3).
_TRANSPOSE_2D: dict[str, tuple[Any, Any, Any, str, Any]] = {
    "valid": ((4, 6), (6, 7), (1, 1), "valid", (1, 1)),
    "same": ((4, 5), (4, 5), (1, 1), "same", (1, 1)),
    "strides": ((3, 4), (7, 8), (2, 2), "valid", (1, 1)),
    "strides_extra_row": ((3, 4), (8, 9), (2, 2), "valid", (1, 1)),
    "same_strides": ((4, 5), (8, 9), (2, 2), "same", (1, 1)),
    "same_strides_odd": ((4, 5), (7, 10), (2, 2), "same", (1, 1)),
    "mixed_strides": ((3, 4), (6, 4), (2, 1), "same", (1, 1)),
    "dilation": ((4, 5), (8, 7), (1, 1), "valid", (2, 2)),
    "same_dilation": ((4, 5), (4, 5), (1, 1), "same", (2, 1)),
}

for _name, (_xsp, _osp, _s, _p, _d) in _TRANSPOSE_2D.items():
    for _f, _fmt in FORMATS.items():
        @cases("conv2d_transpose", f"{_name}_{_f}", FLOATS)
        def _(g: Inputs, dt: str, xsp: Any = _xsp, osp: Any = _osp, s: Any = _s, p: str = _p,
              d: Any = _d, f: str = _f, fmt: str = _fmt) -> None:
            x, k = layout(grid(g, dt, (2, *xsp, 3)), f), grid(g, dt, (3, 2, 4, 3))
            out = (2, 4, *osp) if f == "cf" else (2, *osp, 4)
            check_op("conv2d_transpose", x, k, out, s, p, fmt, d, want=dt,
                     ref=R.conv_transpose)


for _f, _fmt in FORMATS.items():
    @cases("conv2d_transpose", f"one_channel_same_strides_{_f}", FLOATS)
    def _(g: Inputs, dt: str, f: str = _f, fmt: str = _fmt) -> None:
        x, k = layout(grid(g, dt, (2, 3, 4, 1)), f), grid(g, dt, (3, 3, 2, 1))
        out = (2, 2, 6, 7) if f == "cf" else (2, 6, 7, 2)
        check_op("conv2d_transpose", x, k, out, (2, 2), "same", fmt, (1, 1), want=dt,
                 ref=R.conv_transpose)


@cases("conv2d_transpose", "batch_none", FLOATS)
def _(g: Inputs, dt: str) -> None:
    x, k = grid(g, dt, (2, 3, 3, 2)), grid(g, dt, (2, 2, 3, 2))
    check_op("conv2d_transpose", x, k, (None, 6, 6, 3), (2, 2), "valid", "channels_last",
             want=dt, ref=lambda x, k, o, *a: R.conv_transpose(x, k, (2, *o[1:]), *a))


_TRANSPOSE_3D = {"valid": ((2, 3, 2), (3, 5, 3), 1, "valid"),
                 "same_strides": ((2, 2, 3), (4, 3, 6), 2, "same")}

for _name, (_xsp, _osp, _s, _p) in _TRANSPOSE_3D.items():
    for _f, _fmt in FORMATS.items():
        @cases("conv3d_transpose", f"{_name}_{_f}", FLOATS)
        def _(g: Inputs, dt: str, xsp: Any = _xsp, osp: Any = _osp, s: Any = _s, p: str = _p,
              f: str = _f, fmt: str = _fmt) -> None:
            x, k = layout(grid(g, dt, (1, *xsp, 3)), f), grid(g, dt, (2, 3, 2, 2, 3))
            out = (1, 2, *osp) if f == "cf" else (1, *osp, 2)
            check_op("conv3d_transpose", x, k, out, s, p, fmt, want=dt,
                     ref=R.conv3d_transpose)

# case -> (x shape (channels last), kernel_size, strides)
_LOCAL_1D = {"stride1": ((2, 6, 3), (3,), (1,)), "strides": ((2, 7, 3), 3, 2),
             "one_channel": ((2, 7, 1), 2, 2)}
_LOCAL_2D = {"stride1": ((2, 4, 5, 2), (2, 2), (1, 1)),
             "strides": ((2, 5, 6, 3), (3, 2), (2, 3)),
             "one_channel": ((2, 5, 4, 1), (2, 2), (1, 2))}

for _name, (_xs, _ksz, _s) in _LOCAL_1D.items():
    for _f, _fmt in FORMATS.items():
        @cases("local_conv1d", f"{_name}_{_f}", FLOATS)
        def _(g: Inputs, dt: str, xs: Any = _xs, ksz: Any = _ksz, s: Any = _s, f: str = _f,
              fmt: str = _fmt) -> None:
            k1, s1 = np.ravel(ksz)[0], np.ravel(s)[0]
            out = (xs[1] - k1) // s1 + 1
            x, k = layout(grid(g, dt, xs), f), grid(g, dt, (out, k1 * xs[-1], 4))
            check_op("local_conv1d", x, k, ksz, s, fmt, want=dt, ref=R.local_conv1d)

for _name, (_xs, _ksz, _s) in _LOCAL_2D.items():
    for _f, _fmt in FORMATS.items():
        @cases("local_conv2d", f"{_name}_{_f}", FLOATS)
        def _(g: Inputs, dt: str, xs: Any = _xs, ksz: Any = _ksz, s: Any = _s, f: str = _f,
              fmt: str = _fmt) -> None:
            out = tuple((n - k) // st + 1 for n, k, st in zip(xs[1:3], ksz, s))
            feat = ksz[0] * ksz[1] * xs[-1]
            x, k = layout(grid(g, dt, xs), f), grid(g, dt, (out[0] * out[1], feat, 3))
            check_op("local_conv2d", x, k, ksz, s, out, fmt, want=dt, ref=R.local_conv)

# case -> (pool_size, strides, padding), per rank
_POOL_2D = {"valid": ((2, 2), (2, 2), "valid"), "overlap": ((3, 2), (1, 1), "valid"),
            "same": ((3, 3), (1, 1), "same"), "same_strides": ((3, 3), (2, 2), "same"),
            "same_mixed": ((2, 3), (1, 2), "same"), "window_past_edge": ((2, 2), 3, "same")}
_POOL_3D = {"valid": ((2, 2, 2), (1, 2, 1), "valid"), "same_strides": ((2, 3, 2), 2, "same")}

for _op, _xs, _pools in (("pool2d", (2, 5, 6, 3), _POOL_2D),
                         ("pool3d", (1, 4, 5, 4, 2), _POOL_3D)):
    for _name, (_ps, _s, _p) in _pools.items():
        for _mode in ("max", "avg"):
            for _f, _fmt in FORMATS.items():
                @cases(_op, f"{_mode}_{_name}_{_f}", FLOATS)
                def _(g: Inputs, dt: str, op: str = _op, xs: Any = _xs, ps: Any = _ps,
                      s: Any = _s, p: str = _p, mode: str = _mode, f: str = _f,
                      fmt: str = _fmt) -> None:
                    x = layout(grid(g, dt, xs), f)
                    check_op(op, x, ps, s, p, fmt, mode, want=dt, ref=R.pool)


@cases("pool2d", "max_negative_same", FLOATS)
def _(g: Inputs, dt: str) -> None:
    """All values negative: a padding read as 0 would win the max."""
    x = (-1 - np.abs(grid(g, dt, (1, 4, 4, 2)))).astype(dt)
    check_op("pool2d", x, (3, 3), (2, 2), "same", "channels_last", "max", want=dt, ref=R.pool)


@cases("pool2d", "keras_defaults", FLOATS)
def _(g: Inputs, dt: str) -> None:
    fmt = K.image_data_format()
    x = layout(grid(g, dt, (1, 4, 6, 2)), "cf" if fmt == "channels_first" else "cl")
    check_op("pool2d", x, (2, 2), want=dt,
             ref=lambda x, ps: R.pool(x, ps, 1, "valid", fmt, "max"))


@cases("pool3d", "keras_defaults", FLOATS)
def _(g: Inputs, dt: str) -> None:
    fmt = K.image_data_format()
    x = layout(grid(g, dt, (1, 3, 4, 3, 2)), "cf" if fmt == "channels_first" else "cl")
    check_op("pool3d", x, 2, want=dt, ref=lambda x, ps: R.pool(x, ps, 1, "valid", fmt, "max"))


@pytest.mark.parametrize(("case", "dtype"), cases.params())
def test_values(case: Case, dtype: str) -> None:
    check_case(case, dtype)


# -- errors: raised by the facade, so the same class and message on every backend ------

def _t(*shape: int) -> Any:
    return K.convert_to_tensor(np.zeros(shape, dtype="float32"))


_ERRORS: dict[str, tuple[str, Callable[[], Any], str]] = {
    "conv2d-bad_padding": ("conv2d", lambda: K.conv2d(_t(1, 4, 4, 2), _t(2, 2, 2, 3),
                                                      padding="full"), "padding must be one of"),
    "conv2d-causal": ("conv2d", lambda: K.conv2d(_t(1, 4, 4, 2), _t(2, 2, 2, 3),
                                                 padding="causal"), "padding must be one of"),
    "conv2d-wrong_rank": ("conv2d", lambda: K.conv2d(_t(4, 4, 2), _t(2, 2, 2, 3)),
                          "x must be a 4-D tensor"),
    "conv2d-kernel_rank": ("conv2d", lambda: K.conv2d(_t(1, 4, 4, 2), _t(2, 2, 3)),
                           "kernel must be a 4-D tensor"),
    "conv2d-channel_mismatch": ("conv2d", lambda: K.conv2d(_t(1, 4, 4, 2), _t(2, 2, 3, 3)),
                                "x's channels"),
    "conv2d-channel_mismatch_cf": ("conv2d", lambda: K.conv2d(
        _t(1, 2, 4, 4), _t(2, 2, 4, 3), data_format="channels_first"), "x's channels"),
    "conv2d-bad_strides": ("conv2d", lambda: K.conv2d(_t(1, 4, 4, 2), _t(2, 2, 2, 3),
                                                      strides=(1, 0)), "strides must be"),
    "conv2d-strides_length": ("conv2d", lambda: K.conv2d(_t(1, 4, 4, 2), _t(2, 2, 2, 3),
                                                         strides=(1, 1, 1)), "strides must be"),
    "conv2d-bad_dilation": ("conv2d", lambda: K.conv2d(_t(1, 4, 4, 2), _t(2, 2, 2, 3),
                                                       dilation_rate=1.5), "dilation_rate"),
    "conv2d-bad_data_format": ("conv2d", lambda: K.conv2d(_t(1, 4, 4, 2), _t(2, 2, 2, 3),
                                                          data_format="nhwc"), "data_format"),
    "conv2d-kernel_too_large": ("conv2d", lambda: K.conv2d(_t(1, 2, 4, 2), _t(3, 2, 2, 3)),
                                "larger than the input"),
    "conv1d-dilated_too_large": ("conv1d", lambda: K.conv1d(_t(1, 4, 2), _t(2, 2, 3),
                                                            dilation_rate=4),
                                 "larger than the input"),
    "conv3d-wrong_rank": ("conv3d", lambda: K.conv3d(_t(1, 4, 4, 2), _t(2, 2, 2, 2, 3)),
                          "x must be a 5-D tensor"),
    "separable_conv2d-pointwise_channels": ("separable_conv2d", lambda: K.separable_conv2d(
        _t(1, 4, 4, 2), _t(2, 2, 2, 2), _t(1, 1, 3, 5)), "pointwise_kernel's input channels"),
    "separable_conv1d-pointwise_not_1x1": ("separable_conv1d", lambda: K.separable_conv1d(
        _t(1, 6, 2), _t(2, 2, 2), _t(2, 4, 5)), "1x1"),
    "depthwise_conv2d-channel_mismatch": ("depthwise_conv2d", lambda: K.depthwise_conv2d(
        _t(1, 4, 4, 2), _t(2, 2, 3, 1)), "x's channels"),
    "conv2d_transpose-output_mismatch": ("conv2d_transpose", lambda: K.conv2d_transpose(
        _t(1, 3, 3, 2), _t(2, 2, 4, 2), (1, 9, 9, 4), (2, 2)), "output_shape does not fit"),
    "conv2d_transpose-output_channels": ("conv2d_transpose", lambda: K.conv2d_transpose(
        _t(1, 3, 3, 2), _t(2, 2, 4, 2), (1, 4, 4, 5)), "output_shape's channels"),
    "conv2d_transpose-input_channels": ("conv2d_transpose", lambda: K.conv2d_transpose(
        _t(1, 3, 3, 3), _t(2, 2, 4, 2), (1, 4, 4, 4)), "x's channels"),
    "conv2d_transpose-output_rank": ("conv2d_transpose", lambda: K.conv2d_transpose(
        _t(1, 3, 3, 2), _t(2, 2, 4, 2), (4, 4, 4)), "output_shape must hold"),
    "conv3d_transpose-bad_padding": ("conv3d_transpose", lambda: K.conv3d_transpose(
        _t(1, 2, 2, 2, 2), _t(2, 2, 2, 3, 2), (1, 3, 3, 3, 3), padding="causal"),
        "padding must be one of"),
    "local_conv1d-kernel_positions": ("local_conv1d", lambda: K.local_conv1d(
        _t(1, 6, 2), _t(5, 6, 3), 3, 1), "output positions"),
    "local_conv2d-output_shape": ("local_conv2d", lambda: K.local_conv2d(
        _t(1, 4, 4, 2), _t(9, 8, 3), (2, 2), (1, 1), (2, 2)), "output_shape"),
    "local_conv2d-features": ("local_conv2d", lambda: K.local_conv2d(
        _t(1, 4, 4, 2), _t(9, 6, 3), (2, 2), (1, 1), (3, 3)), "window size * channels"),
    "pool2d-bad_mode": ("pool2d", lambda: K.pool2d(_t(1, 4, 4, 2), (2, 2), pool_mode="sum"),
                        "pool_mode must be one of"),
    "pool2d-bad_pool_size": ("pool2d", lambda: K.pool2d(_t(1, 4, 4, 2), (2, -1)),
                             "pool_size must be"),
    "pool2d-wrong_rank": ("pool2d", lambda: K.pool2d(_t(1, 4, 4, 2, 1), (2, 2)),
                          "x must be a 4-D tensor"),
    "pool2d-window_too_large": ("pool2d", lambda: K.pool2d(_t(1, 4, 4, 2), (5, 2)),
                                "larger than the input"),
    "pool3d-bad_padding": ("pool3d", lambda: K.pool3d(_t(1, 4, 4, 4, 2), 2, padding="full"),
                           "padding must be one of"),
}


@pytest.mark.parametrize("case", list(_ERRORS), ids=list(_ERRORS))
def test_errors(case: str) -> None:
    op, call, fragment = _ERRORS[case]
    with pytest.raises(ValueError) as info:  # every tensorplug argument error is one
        call()
    assert isinstance(info.value, TensorplugError), repr(info.value)
    message = str(info.value)
    assert f"K.{op}" in message or "data_format" in message, message
    assert fragment in message, f"expected {fragment!r} in: {message}"
    assert "Received" in message, message


# -- gradients: through the generic implementation (K.gradients), against central finite
# differences in float64 (``_gradcheck``). Ids ``test_grads[<op>-<case>]``.

def _normal(*shape: int) -> Callable[[np.random.Generator], np.ndarray]:
    return lambda rng: rng.standard_normal(shape)


def _distinct(*shape: int) -> Callable[[np.random.Generator], np.ndarray]:
    """Values at least 0.1 apart: max pooling has no ties."""
    n = math.prod(shape)
    return lambda rng: (rng.permutation(n) * 0.1 + rng.uniform(0, 0.01, n)).reshape(shape)


#: id -> (op on symbols, input makers, positions differentiated)
GRADS: dict[str, tuple[Callable[..., Any], tuple[Any, ...], tuple[int, ...]]] = {
    "conv1d-causal_dilation_cf": (
        lambda x, k: K.conv1d(x, k, 1, "causal", "channels_first", 2),
        (_normal(2, 2, 6), _normal(2, 2, 3)), (0, 1)),
    "conv2d-same_strides": (
        lambda x, k: K.conv2d(x, k, 2, "same", "channels_last", 1),
        (_normal(2, 5, 4, 2), _normal(3, 2, 2, 3)), (0, 1)),
    "conv3d-valid_cf": (
        lambda x, k: K.conv3d(x, k, 1, "valid", "channels_first", 1),
        (_normal(1, 2, 3, 3, 2), _normal(2, 2, 1, 2, 2)), (0, 1)),
    "depthwise_conv2d-same_cf": (
        lambda x, k: K.depthwise_conv2d(x, k, 1, "same", "channels_first", 1),
        (_normal(1, 2, 4, 3), _normal(2, 2, 2, 2)), (0, 1)),
    "separable_conv2d-dilation": (
        lambda x, k, p: K.separable_conv2d(x, k, p, 1, "valid", "channels_last", 2),
        (_normal(1, 5, 5, 2), _normal(2, 2, 2, 1), _normal(1, 1, 2, 3)), (0, 1, 2)),
    "separable_conv1d-same_strides": (
        lambda x, k, p: K.separable_conv1d(x, k, p, 2, "same", "channels_last", 1),
        (_normal(2, 5, 2), _normal(3, 2, 2), _normal(1, 4, 3)), (0, 1, 2)),
    "conv2d_transpose-same_strides": (
        lambda x, k: K.conv2d_transpose(x, k, (1, 5, 6, 2), 2, "same", "channels_last"),
        (_normal(1, 3, 3, 2), _normal(3, 2, 2, 2)), (0, 1)),
    "conv3d_transpose-valid_cf": (
        lambda x, k: K.conv3d_transpose(x, k, (1, 2, 3, 3, 2), 1, "valid", "channels_first"),
        (_normal(1, 2, 2, 2, 1), _normal(2, 2, 2, 2, 2)), (0, 1)),
    "local_conv1d-strides": (
        lambda x, k: K.local_conv1d(x, k, 2, 2, "channels_last"),
        (_normal(2, 6, 2), _normal(3, 4, 2)), (0, 1)),
    "local_conv2d-cf": (
        lambda x, k: K.local_conv2d(x, k, 2, 1, (2, 2), "channels_first"),
        (_normal(1, 2, 3, 3), _normal(4, 8, 2)), (0, 1)),
    "pool2d-max_same_strides": (
        lambda x: K.pool2d(x, 3, 2, "same", "channels_last", "max"),
        (_distinct(1, 5, 5, 2),), (0,)),
    "pool2d-avg_same_cf": (
        lambda x: K.pool2d(x, 2, 1, "same", "channels_first", "avg"),
        (_normal(1, 2, 3, 4),), (0,)),
    "pool3d-avg_same": (
        lambda x: K.pool3d(x, 2, 1, "same", "channels_last", "avg"),
        (_normal(1, 3, 2, 3, 1),), (0,)),
    # the convolution VJPs (graph/_vjp_conv.py): transposed convolution for x, a
    # convolution with the roles swapped for the kernel; windows that tile for pooling
    "conv2d-valid_dilation_cf": (
        lambda x, k: K.conv2d(x, k, 1, "valid", "channels_first", 2),
        (_normal(2, 2, 6, 5), _normal(2, 2, 2, 3)), (0, 1)),
    "conv2d-valid_strides_uneven": (
        lambda x, k: K.conv2d(x, k, (2, 3), "valid", "channels_last", 1),
        (_normal(2, 7, 8, 2), _normal(3, 2, 2, 2)), (0, 1)),
    "conv2d-same_even_kernel": (
        lambda x, k: K.conv2d(x, k, 1, "same", "channels_last", 1),
        (_normal(1, 4, 5, 3), _normal(2, 4, 3, 2)), (0, 1)),
    "conv1d-same_strides": (
        lambda x, k: K.conv1d(x, k, 2, "same", "channels_last", 1),
        (_normal(2, 7, 3), _normal(3, 3, 2)), (0, 1)),
    "conv1d-causal_cl": (
        lambda x, k: K.conv1d(x, k, 1, "causal", "channels_last", 1),
        (_normal(2, 5, 2), _normal(3, 2, 2)), (0, 1)),
    "pool2d-max_tiling_odd": (
        lambda x: K.pool2d(x, 2, 2, "valid", "channels_last", "max"),
        (_distinct(2, 5, 7, 2),), (0,)),
    "pool2d-max_tiling_cf": (
        lambda x: K.pool2d(x, (2, 3), (2, 3), "same", "channels_first", "max"),
        (_distinct(1, 2, 4, 6),), (0,)),
    "pool2d-avg_tiling_odd": (
        lambda x: K.pool2d(x, 2, 2, "valid", "channels_last", "avg"),
        (_normal(1, 5, 4, 3),), (0,)),
}


@pytest.mark.grads
@pytest.mark.parametrize("name", sorted(GRADS))
def test_grads(name: str) -> None:
    op, makers, wrt = GRADS[name]
    rng = np.random.default_rng(zlib.crc32(name.encode()))
    check_grad(op, [m(rng) for m in makers], wrt, rng)


def test_max_pool_gradient_shares_ties_equally() -> None:
    """Two maxima in a window each get half of its gradient (the ``max`` reduction's
    rule), whichever path differentiates the pooling."""
    x = K.placeholder(shape=(1, 2, 4, 1), dtype="float64")
    grad = K.gradients(K.sum(K.pool2d(x, 2, 2, "valid", "channels_last", "max")), [x])[0]
    value = np.array([[1.0, 3.0, 2.0, 0.0], [3.0, 0.0, 2.0, 2.0]]).reshape(1, 2, 4, 1)
    got = K.function([x], [grad])([value])[0].reshape(2, 4)
    np.testing.assert_allclose(got, [[0.0, 0.5, 1 / 3, 0.0], [0.5, 0.0, 1 / 3, 1 / 3]])


@pytest.mark.parametrize("op", ["conv2d", "conv1d", "pool2d"])
def test_gradient_needs_known_spatial_sizes(op: str) -> None:
    """Not a TypeError from deep inside: the error names the op and the fix."""
    rank = 3 if op == "conv1d" else 4
    x = K.placeholder(shape=(None,) * rank)
    if op == "pool2d":
        y = K.pool2d(x, 2, 2, "valid", "channels_last", "max")
    else:
        kernel = K.constant(np.ones((2,) * (rank - 2) + (1, 1)), dtype=K.floatx())
        y = getattr(K, op)(x, kernel)
    with pytest.raises(ValueError, match=f"K.{op} needs the input's spatial sizes"):
        K.gradients(K.sum(y), [x])
