"""Convolution and pooling with TensorFlow's own kernels (``tf.nn.convolution``,
``tf.nn.pool``) instead of the generic im2col.

Layouts and paddings are Keras 2's (the facade has normalised every argument):

- ``channels_first`` runs as channels-last between two transposes (TensorFlow's CPU
  kernels are NHWC only), as Keras 2's TensorFlow backend did;
- ``causal`` (1-D) pads ``(k - 1) * dilation`` zeros before, then ``valid``;
- strides and dilations both above 1, which TensorFlow refuses, use the dilated kernel
  (zeros between taps) with dilation 1: the same windows, so the same ``same`` padding;
- integer and bool inputs (not required by the contract) compute in float64.

The other conv ops (depthwise, separable, transposed, local) stay generic.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from tensorflow.python.ops import gen_math_ops as gm

from ._convert import TF, dims, promote_list, to_tensor
from ._impls import Impls

Dims = tuple[int, ...]


def _to_last(tf: Any, x: Any, n: int) -> Any:
    return tf.transpose(x, (0, *range(2, n + 2), 1))


def _to_first(tf: Any, x: Any, n: int) -> Any:
    return tf.transpose(x, (0, n + 1, *range(1, n + 1)))


def _floating(x: Any) -> tuple[Any, str]:
    """``x`` in a dtype TensorFlow convolves on CPU, and the dtype to return."""
    name = x.dtype.name
    if x.dtype.is_floating:
        return x, name
    return gm.cast(x, TF["float64"]), name


def _dilate_kernel(tf: Any, kernel: Any, dilation: Dims) -> Any:
    """The kernel with ``d - 1`` zeros between taps along each spatial axis."""
    shape = kernel.shape.as_list()
    for axis, d in enumerate(dilation):
        if d == 1:
            continue
        k = shape[axis]
        moved = tf.expand_dims(kernel, axis + 1)  # (.., k, 1, ..)
        pad = [[0, 0]] * (len(shape) + 1)
        pad[axis + 1] = [0, d - 1]
        spread = tf.pad(moved, pad)  # (.., k, d, ..)
        new = shape[:axis] + [k * d] + shape[axis + 1:]
        kernel = tf.reshape(spread, new)[(slice(None),) * axis + (slice(0, (k - 1) * d + 1),)]
        shape = kernel.shape.as_list()
    return kernel


def convolve(tf: Any, x: Any, kernel: Any, strides: Dims, padding: str, data_format: str,
             dilation: Dims) -> Any:
    x, kernel = promote_list([x, kernel])
    (x, out_dtype), (kernel, _) = _floating(x), _floating(kernel)
    n = len(strides)
    if data_format == "channels_first":
        x = _to_last(tf, x, n)
    if padding == "causal":
        left = (kernel.shape[0] - 1) * dilation[0]
        x = tf.pad(x, [[0, 0], [left, 0], [0, 0]])
        padding = "valid"
    if max(strides) > 1 and max(dilation) > 1:
        kernel, dilation = _dilate_kernel(tf, kernel, dilation), (1,) * n
    y = tf.nn.convolution(x, kernel, strides=strides, padding=padding.upper(),
                          dilations=dilation)
    if data_format == "channels_first":
        y = _to_first(tf, y, n)
    return y if y.dtype.name == out_dtype else gm.cast(y, TF[out_dtype])


def _pool2d(tf: Any, x: Any, window: Dims, strides: Dims, padding: str, mode: str) -> Any:
    op = tf.nn.max_pool2d if mode == "max" else tf.nn.avg_pool2d
    return op(x, window, strides, padding)


def _pool3d(tf: Any, x: Any, window: Dims, strides: Dims, padding: str, mode: str) -> Any:
    """3-D pooling: TensorFlow's CPU kernel is float32 only. float16 pools in float32
    (exactly: the max is a float16, the mean rounds once); float64 pools separably, rows
    and columns then depth, with 2-D kernels (both max and mean factor over the axes,
    and padding is excluded from each axis's count either way)."""
    name = x.dtype.name
    if name in ("float16", "float32"):
        op = tf.nn.max_pool3d if mode == "max" else tf.nn.avg_pool3d
        y = op(gm.cast(x, TF["float32"]) if name == "float16" else x, window, strides,
               padding)
        return gm.cast(y, TF[name]) if name == "float16" else y
    b, d, h, w, c = dims(x)
    y = _pool2d(tf, tf.reshape(x, [b * d, h, w, c]), window[1:], strides[1:], padding, mode)
    _, h2, w2, _ = dims(y)
    y = _pool2d(tf, tf.reshape(y, [b, d, h2 * w2, c]), (window[0], 1), (strides[0], 1),
                padding, mode)
    return tf.reshape(y, [b, dims(y)[1], h2, w2, c])


def pool(tf: Any, x: Any, pool_size: Dims, strides: Dims, padding: str, data_format: str,
         pool_mode: str) -> Any:
    x, out_dtype = _floating(to_tensor(x))
    n = len(strides)
    if data_format == "channels_first":
        x = _to_last(tf, x, n)
    run = _pool2d if n == 2 else _pool3d
    y = run(tf, x, tuple(pool_size), tuple(strides), padding.upper(), pool_mode)
    if data_format == "channels_first":
        y = _to_first(tf, y, n)
    return y if y.dtype.name == out_dtype else gm.cast(y, TF[out_dtype])


def build(tf: ModuleType, **options: Any) -> Impls:
    ns = Impls("tensorplug_tensorflow.conv")

    @ns.impl()
    def conv1d(x: Any, kernel: Any, strides: Any, padding: Any, data_format: Any,
               dilation_rate: Any) -> Any:
        return convolve(tf, x, kernel, strides, padding, data_format, dilation_rate)

    @ns.impl()
    def conv2d(x: Any, kernel: Any, strides: Any, padding: Any, data_format: Any,
               dilation_rate: Any) -> Any:
        return convolve(tf, x, kernel, strides, padding, data_format, dilation_rate)

    @ns.impl()
    def conv3d(x: Any, kernel: Any, strides: Any, padding: Any, data_format: Any,
               dilation_rate: Any) -> Any:
        return convolve(tf, x, kernel, strides, padding, data_format, dilation_rate)

    @ns.impl()
    def pool2d(x: Any, pool_size: Any, strides: Any, padding: Any, data_format: Any,
               pool_mode: Any) -> Any:
        return pool(tf, x, pool_size, strides, padding, data_format, pool_mode)

    @ns.impl()
    def pool3d(x: Any, pool_size: Any, strides: Any, padding: Any, data_format: Any,
               pool_mode: Any) -> Any:
        return pool(tf, x, pool_size, strides, padding, data_format, pool_mode)

    return ns
