"""Facade: convolution and pooling.

Every argument is normalised here, the same on every backend: ``data_format`` None
becomes ``image_data_format()``, an int stride/dilation/pool size becomes a tuple of the
op's spatial rank, ``padding`` and ``pool_mode`` are lower-cased and checked, and the
ranks, channel counts and output sizes of ``x`` and the kernels are checked (dims that
are unknown, ``None`` on symbols, are skipped). Backends receive only legal arguments.

The output-size arithmetic (TensorFlow's, as in Keras 2.3) lives here too, as plain
functions every implementation shares: :func:`conv_out`, :func:`conv_pads`.
"""

from __future__ import annotations

import math
import sys
from typing import Any, Callable

from .. import _dispatch
from .._errors import IncompatibleShapesError, InvalidArgumentError, InvalidTypeError
from ._recover import recover
from ._session import normalize_data_format
from ._tensors import convert_to_tensor, int_shape

__all__ = [
    "conv1d", "conv2d", "conv3d", "separable_conv1d", "separable_conv2d", "depthwise_conv2d",
    "conv2d_transpose", "conv3d_transpose", "local_conv1d", "local_conv2d", "pool2d",
    "pool3d",
]
_OPS: tuple[str, ...] = tuple(__all__)

Dims = tuple[int, ...]


# -- output-size arithmetic (shared by the generic, numpy and graph implementations) ----

def conv_out(size: int, k: int, stride: int, dilation: int, padding: str) -> int:
    """Output length of one spatial axis: ``valid`` ``floor((size - k_eff) / s) + 1``,
    ``same`` and ``causal`` ``ceil(size / s)``, with ``k_eff = (k - 1) * d + 1``."""
    if padding == "valid":
        return (size - (k - 1) * dilation - 1) // stride + 1
    return -(-size // stride)


def conv_pads(size: int, k: int, stride: int, dilation: int, padding: str) -> tuple[int, int]:
    """``(before, after)`` implicit padding of one axis. ``same`` splits the total as
    TensorFlow does (the extra element after); ``causal`` pads ``(k - 1) * d`` before."""
    if padding == "valid":
        return 0, 0
    if padding == "causal":
        return (k - 1) * dilation, 0
    total = max((conv_out(size, k, stride, dilation, "same") - 1) * stride
                + (k - 1) * dilation + 1 - size, 0)
    return total // 2, total - total // 2


# -- argument normalisation ------------------------------------------------------------

def _is_int(v: Any) -> bool:
    return hasattr(v, "__index__") and not isinstance(v, bool)


def _ints(op: str, name: str, value: Any, n: int) -> Dims:
    """A positive int or ``n`` positive ints, as an ``n``-tuple."""
    if type(value) is tuple and len(value) == n and all(type(v) is int and v > 0
                                                        for v in value):
        return value  # the common case, checked cheaply
    if type(value) is int and value > 0:
        return (value,) * n
    items = (value,) * n if _is_int(value) else value
    try:
        out = tuple(int(v) for v in items if _is_int(v))
        ok = len(out) == len(items) == n and all(v >= 1 for v in out)
    except TypeError:
        ok = False
    if not ok:
        raise InvalidArgumentError(
            f"K.{op}: {name} must be a positive int or a tuple of {n} positive ints. "
            f"Received: {name}={value!r}.")
    return out


def _choice(op: str, name: str, value: Any, allowed: tuple[str, ...]) -> str:
    lowered = value.lower() if isinstance(value, str) else None
    if lowered not in allowed:
        shown = ", ".join(repr(a) for a in allowed)
        raise InvalidArgumentError(f"K.{op}: {name} must be one of {shown}. "
                                   f"Received: {name}={value!r}.")
    return lowered  # type: ignore[return-value]


def _shape(x: Any) -> tuple[int | None, ...]:
    try:
        shape = int_shape(x)
    except Exception:
        shape = int_shape(convert_to_tensor(x))
    if type(shape) is tuple:
        return shape
    if shape is None:
        return ()
    return tuple(None if d is None else int(d) for d in shape)


def _rank(op: str, name: str, shape: tuple[int | None, ...], rank: int, what: str) -> None:
    if len(shape) != rank:
        raise InvalidArgumentError(f"K.{op}: {name} must be a {rank}-D tensor {what}. "
                                   f"Received: {name}.shape={shape}.")


def _split(shape: tuple[int | None, ...], data_format: str) -> tuple[Any, tuple, Any]:
    """``(channels, spatial dims)`` of an input shape."""
    if data_format == "channels_first":
        return shape[1], tuple(shape[2:]), shape[0]
    return shape[-1], tuple(shape[1:-1]), shape[0]


Detail = Callable[[], str]  # the "Received: ..." text, built only when raising


def _same_dim(op: str, what: str, have: Any, want: Any, detail: Detail) -> None:
    if have is not None and want is not None and have != want:
        raise IncompatibleShapesError(f"K.{op}: {what} ({have}) does not match {want}. "
                                      f"Received: {detail()}.")


def _out_sizes(op: str, spatial: tuple, kernel: tuple[int | None, ...], strides: Dims,
               dilation: Dims, padding: str, detail: Detail) -> tuple[int | None, ...]:
    out: list[int | None] = []
    for size, k, s, d in zip(spatial, kernel, strides, dilation):
        if size is None or k is None:
            out.append(None)
            continue
        n = conv_out(size, k, s, d, padding)
        if n < 1:
            raise InvalidArgumentError(
                f"K.{op}: the window (size {k}, dilated to {(k - 1) * d + 1}) is larger "
                f"than the input ({size}) with padding={padding!r}. Received: {detail()}.\n"
                f"Fix: use padding='same', a smaller window or a larger input.")
        out.append(n)
    return tuple(out)


def _conv_args(op: str, n: int, x: Any, kernel: Any, kname: str, strides: Any, padding: Any,
               data_format: Any, dilation_rate: Any, paddings: tuple[str, ...]
               ) -> tuple[Dims, str, str, Dims]:
    strides = _ints(op, "strides", strides, n)
    padding = _choice(op, "padding", padding, paddings)
    data_format = normalize_data_format(data_format)
    dilation_rate = _ints(op, "dilation_rate", dilation_rate, n)
    xs, ks = _shape(x), _shape(kernel)
    _rank(op, "x", xs, n + 2, f"({data_format})")
    _rank(op, kname, ks, n + 2, "(*kernel_size, in_channels, out)")
    channels, spatial, _ = _split(xs, data_format)
    def detail() -> str:
        return f"x.shape={xs}, {kname}.shape={ks}, data_format={data_format!r}"

    _same_dim(op, "x's channels", channels, ks[-2],
              lambda: f"{detail()}; {kname}'s axis -2 is its input channels")
    _out_sizes(op, spatial, ks[:n], strides, dilation_rate, padding, detail)
    return strides, padding, data_format, dilation_rate


# -- convolutions ----------------------------------------------------------------------

_VS = ("valid", "same")


def conv1d(x: Any, kernel: Any, strides: Any = 1, padding: Any = "valid",
           data_format: Any = None, dilation_rate: Any = 1) -> Any:
    args = (x, kernel, *_conv_args("conv1d", 1, x, kernel, "kernel", strides, padding,
                                   data_format, dilation_rate, (*_VS, "causal")))
    try:
        return _conv1d(*args)
    except Exception as exc:
        return recover("conv1d", args, exc)


def conv2d(x: Any, kernel: Any, strides: Any = (1, 1), padding: Any = "valid",
           data_format: Any = None, dilation_rate: Any = (1, 1)) -> Any:
    args = (x, kernel, *_conv_args("conv2d", 2, x, kernel, "kernel", strides, padding,
                                   data_format, dilation_rate, _VS))
    try:
        return _conv2d(*args)
    except Exception as exc:
        return recover("conv2d", args, exc)


def conv3d(x: Any, kernel: Any, strides: Any = (1, 1, 1), padding: Any = "valid",
           data_format: Any = None, dilation_rate: Any = (1, 1, 1)) -> Any:
    args = (x, kernel, *_conv_args("conv3d", 3, x, kernel, "kernel", strides, padding,
                                   data_format, dilation_rate, _VS))
    try:
        return _conv3d(*args)
    except Exception as exc:
        return recover("conv3d", args, exc)


def _pointwise(op: str, n: int, depthwise_kernel: Any, pointwise_kernel: Any) -> None:
    ds, ps = _shape(depthwise_kernel), _shape(pointwise_kernel)
    _rank(op, "pointwise_kernel", ps, n + 2, "(*ones, in_channels * depth_multiplier, out)")
    detail = f"depthwise_kernel.shape={ds}, pointwise_kernel.shape={ps}"
    if any(d not in (1, None) for d in ps[:n]):
        raise InvalidArgumentError(f"K.{op}: pointwise_kernel must be 1x1 in its spatial "
                                   f"dims. Received: {detail}.")
    want = None if None in ds[-2:] else ds[-2] * ds[-1]  # type: ignore[operator]
    _same_dim(op, "pointwise_kernel's input channels (axis -2)", ps[-2], want,
              lambda: f"{detail}; it must be in_channels * depth_multiplier")


def separable_conv1d(x: Any, depthwise_kernel: Any, pointwise_kernel: Any, strides: Any = 1,
                     padding: Any = "valid", data_format: Any = None,
                     dilation_rate: Any = 1) -> Any:
    norm = _conv_args("separable_conv1d", 1, x, depthwise_kernel, "depthwise_kernel", strides,
                      padding, data_format, dilation_rate, _VS)
    _pointwise("separable_conv1d", 1, depthwise_kernel, pointwise_kernel)
    args = (x, depthwise_kernel, pointwise_kernel, *norm)
    try:
        return _separable_conv1d(*args)
    except Exception as exc:
        return recover("separable_conv1d", args, exc)


def separable_conv2d(x: Any, depthwise_kernel: Any, pointwise_kernel: Any,
                     strides: Any = (1, 1), padding: Any = "valid", data_format: Any = None,
                     dilation_rate: Any = (1, 1)) -> Any:
    norm = _conv_args("separable_conv2d", 2, x, depthwise_kernel, "depthwise_kernel", strides,
                      padding, data_format, dilation_rate, _VS)
    _pointwise("separable_conv2d", 2, depthwise_kernel, pointwise_kernel)
    args = (x, depthwise_kernel, pointwise_kernel, *norm)
    try:
        return _separable_conv2d(*args)
    except Exception as exc:
        return recover("separable_conv2d", args, exc)


def depthwise_conv2d(x: Any, depthwise_kernel: Any, strides: Any = (1, 1),
                     padding: Any = "valid", data_format: Any = None,
                     dilation_rate: Any = (1, 1)) -> Any:
    args = (x, depthwise_kernel, *_conv_args("depthwise_conv2d", 2, x, depthwise_kernel,
                                             "depthwise_kernel", strides, padding,
                                             data_format, dilation_rate, _VS))
    try:
        return _depthwise_conv2d(*args)
    except Exception as exc:
        return recover("depthwise_conv2d", args, exc)


# -- transposed convolutions -------------------------------------------------------------

def _transpose_args(op: str, n: int, x: Any, kernel: Any, output_shape: Any, strides: Any,
                    padding: Any, data_format: Any, dilation_rate: Any
                    ) -> tuple[tuple, Dims, str, str, Dims]:
    strides = _ints(op, "strides", strides, n)
    padding = _choice(op, "padding", padding, _VS)
    data_format = normalize_data_format(data_format)
    dilation_rate = _ints(op, "dilation_rate", dilation_rate, n)
    xs, ks = _shape(x), _shape(kernel)
    _rank(op, "x", xs, n + 2, f"({data_format})")
    _rank(op, "kernel", ks, n + 2, "(*kernel_size, filters, in_channels)")
    try:
        shape = tuple(None if d is None or int(d) == -1 else int(d) for d in output_shape)
    except (TypeError, ValueError):
        raise InvalidTypeError(f"K.{op}: output_shape must be a tuple of {n + 2} ints "
                               f"(batch first). Received: output_shape={output_shape!r}."
                               ) from None
    def detail() -> str:
        return f"x.shape={xs}, kernel.shape={ks}, output_shape={output_shape!r}, " \
               f"data_format={data_format!r}"

    if len(shape) != n + 2 or any(d is not None and d < 1 for d in shape[1:]):
        raise InvalidArgumentError(f"K.{op}: output_shape must hold {n + 2} positive ints "
                                   f"(batch first, in data_format). Received: {detail()}.")
    shape = (xs[0] if shape[0] is None else shape[0], *shape[1:])
    x_channels, x_spatial, batch = _split(xs, data_format)
    out_channels, out_spatial, out_batch = _split(shape, data_format)
    _same_dim(op, "output_shape's batch", out_batch, batch, detail)
    _same_dim(op, "x's channels", x_channels, ks[-1],
              lambda: f"{detail()}; kernel's last axis is x's channels")
    _same_dim(op, "output_shape's channels", out_channels, ks[-2],
              lambda: f"{detail()}; kernel's axis -2 is the output's channels")
    if None in out_spatial:
        raise InvalidArgumentError(f"K.{op}: output_shape's spatial dims must be known. "
                                   f"Received: {detail()}.")
    sizes = _out_sizes(op, out_spatial, ks[:n], strides, dilation_rate, padding, detail)
    for have, want in zip(x_spatial, sizes):
        if have is not None and have != want:
            raise IncompatibleShapesError(
                f"K.{op}: output_shape does not fit x: a convolution of output_shape with "
                f"these strides and padding gives spatial dims {sizes}, x has {x_spatial}. "
                f"Received: {detail()}.")
    return shape, strides, padding, data_format, dilation_rate


def conv2d_transpose(x: Any, kernel: Any, output_shape: Any, strides: Any = (1, 1),
                     padding: Any = "valid", data_format: Any = None,
                     dilation_rate: Any = (1, 1)) -> Any:
    args = (x, kernel, *_transpose_args("conv2d_transpose", 2, x, kernel, output_shape,
                                        strides, padding, data_format, dilation_rate))
    try:
        return _conv2d_transpose(*args)
    except Exception as exc:
        return recover("conv2d_transpose", args, exc)


def conv3d_transpose(x: Any, kernel: Any, output_shape: Any, strides: Any = (1, 1, 1),
                     padding: Any = "valid", data_format: Any = None) -> Any:
    norm = _transpose_args("conv3d_transpose", 3, x, kernel, output_shape, strides, padding,
                           data_format, 1)
    args = (x, kernel, *norm[:-1])
    try:
        return _conv3d_transpose(*args)
    except Exception as exc:
        return recover("conv3d_transpose", args, exc)


# -- locally connected -------------------------------------------------------------------

def _local_args(op: str, n: int, inputs: Any, kernel: Any, kernel_size: Any, strides: Any,
                output_shape: Any, data_format: Any) -> tuple[Dims, Dims, Any, str]:
    kernel_size = _ints(op, "kernel_size", kernel_size, n)
    strides = _ints(op, "strides", strides, n)
    data_format = normalize_data_format(data_format)
    xs, ks = _shape(inputs), _shape(kernel)
    _rank(op, "inputs", xs, n + 2, f"({data_format})")
    _rank(op, "kernel", ks, 3, "(output positions, window size * channels, filters)")
    channels, spatial, _ = _split(xs, data_format)
    def detail() -> str:
        return f"inputs.shape={xs}, kernel.shape={ks}, kernel_size={kernel_size}, " \
               f"strides={strides}"

    sizes = _out_sizes(op, spatial, kernel_size, strides, (1,) * n, "valid", detail)
    if output_shape is not None:
        output_shape = _ints(op, "output_shape", output_shape, n)
        for have, want in zip(output_shape, sizes):
            _same_dim(op, "output_shape", have, want, lambda: f"{detail()}, output_shape="
                      f"{output_shape}; a valid window gives {sizes}")
    positions = None if None in sizes else math.prod(sizes)  # type: ignore[arg-type]
    _same_dim(op, "kernel's axis 0 (output positions)", ks[0], positions,
              lambda: f"{detail()}; a valid window gives output {sizes}")
    feature = None if channels is None else math.prod(kernel_size) * channels
    _same_dim(op, "kernel's axis 1 (window size * channels)", ks[1], feature, detail)
    return kernel_size, strides, output_shape, data_format


def local_conv1d(inputs: Any, kernel: Any, kernel_size: Any, strides: Any,
                 data_format: Any = None) -> Any:
    ksize, strides, _, data_format = _local_args("local_conv1d", 1, inputs, kernel,
                                                 kernel_size, strides, None, data_format)
    args = (inputs, kernel, ksize, strides, data_format)
    try:
        return _local_conv1d(*args)
    except Exception as exc:
        return recover("local_conv1d", args, exc)


def local_conv2d(inputs: Any, kernel: Any, kernel_size: Any, strides: Any, output_shape: Any,
                 data_format: Any = None) -> Any:
    norm = _local_args("local_conv2d", 2, inputs, kernel, kernel_size, strides, output_shape,
                       data_format)
    args = (inputs, kernel, *norm)
    try:
        return _local_conv2d(*args)
    except Exception as exc:
        return recover("local_conv2d", args, exc)


# -- pooling -----------------------------------------------------------------------------

def _pool_args(op: str, n: int, x: Any, pool_size: Any, strides: Any, padding: Any,
               data_format: Any, pool_mode: Any) -> tuple[Dims, Dims, str, str, str]:
    pool_size = _ints(op, "pool_size", pool_size, n)
    strides = _ints(op, "strides", strides, n)
    padding = _choice(op, "padding", padding, _VS)
    data_format = normalize_data_format(data_format)
    pool_mode = _choice(op, "pool_mode", pool_mode, ("max", "avg"))
    xs = _shape(x)
    _rank(op, "x", xs, n + 2, f"({data_format})")
    _, spatial, _ = _split(xs, data_format)
    _out_sizes(op, spatial, pool_size, strides, (1,) * n, padding,
               lambda: f"x.shape={xs}, pool_size={pool_size}, data_format={data_format!r}")
    return pool_size, strides, padding, data_format, pool_mode


def pool2d(x: Any, pool_size: Any, strides: Any = (1, 1), padding: Any = "valid",
           data_format: Any = None, pool_mode: Any = "max") -> Any:
    args = (x, *_pool_args("pool2d", 2, x, pool_size, strides, padding, data_format,
                           pool_mode))
    try:
        return _pool2d(*args)
    except Exception as exc:
        return recover("pool2d", args, exc)


def pool3d(x: Any, pool_size: Any, strides: Any = (1, 1, 1), padding: Any = "valid",
           data_format: Any = None, pool_mode: Any = "max") -> Any:
    args = (x, *_pool_args("pool3d", 3, x, pool_size, strides, padding, data_format,
                           pool_mode))
    try:
        return _pool3d(*args)
    except Exception as exc:
        return recover("pool3d", args, exc)


_conv1d = _conv2d = _conv3d = _separable_conv1d = _separable_conv2d = _depthwise_conv2d = \
    _conv2d_transpose = _conv3d_transpose = _local_conv1d = _local_conv2d = _pool2d = \
    _pool3d = _dispatch.UNBOUND
_dispatch.register(sys.modules[__name__], _OPS)
