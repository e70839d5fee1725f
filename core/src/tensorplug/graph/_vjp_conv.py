"""VJPs of the convolutions, written as convolutions (registered into ``_vjp.VJP``).

Differentiated through their generic implementation, ``conv1d``/``conv2d`` reached the
gather of image patches, whose VJP is a product with a one-hot matrix (patches x
positions): correct, but most of a convnet's training step. Here, as TensorFlow's
``Conv2DBackpropInput``/``Conv2DBackpropFilter`` do:

- the input's gradient is the transposed convolution of ``g`` with the same kernel
  (``K.conv2d_transpose`` with the input's shape, strides, padding and dilation: the
  adjoint of the forward convolution);
- the kernel's gradient is a convolution of the padded input with ``g`` in the roles
  swapped: input channels as the batch, the batch as channels, ``g``'s spatial extent
  as the kernel, the forward dilation as the stride and the forward stride as the
  dilation; then the first ``k`` positions of each axis.

Both work in channels-last (channels-first is transposed in and out). ``conv1d`` runs
as a ``conv2d`` over a width-1 image (``causal`` as explicit left padding).

``pool2d`` with windows that tile the input (pool size == strides, the usual 2x2/2):
each window is an axis pair of a reshape; max pooling shares ``g`` equally among a
window's maxima (as the ``max`` reduction's VJP does), average pooling spreads it
evenly; rows and columns the windows do not reach get zeros.

The pooling rule returns ``None`` -- differentiate through the generic implementation
instead -- for overlapping windows and padded ``same`` windows. Unknown spatial sizes
are refused with an error that says so (the generic implementations need them too).
"""

from __future__ import annotations

from typing import Any

from .. import backend as K
from .._errors import InvalidArgumentError
from ..backend._conv import conv_pads
from ._symbol import Symbol
from ._vjp import shape_of, vjp


def _to_last(x: Any, n: int) -> Any:
    return K.permute_dimensions(x, (0, *range(2, n + 2), 1))


def _to_first(x: Any, n: int) -> Any:
    return K.permute_dimensions(x, (0, n + 1, *range(1, n + 1)))


def _known(op: str, spatial: tuple[Any, ...]) -> None:
    """The generic implementations cannot run on unknown sizes either: say so."""
    if None in spatial:
        raise InvalidArgumentError(
            f"K.gradients through K.{op} needs the input's spatial sizes when the graph is "
            f"built; they are unknown here ({spatial}).\nFix: give the placeholder its "
            f"spatial shape, e.g. K.placeholder(shape=(None, 28, 28, 1)).")


def _conv2d_grads(x: Any, kernel: Any, g: Any, strides: tuple[int, int], padding: str,
                  dilation: tuple[int, int], x_shape: tuple[Any, ...]) -> list[Any]:
    """Gradients of ``conv2d(x, kernel)`` (channels-last, padding valid or same) with
    respect to ``x`` and ``kernel``; ``x_shape`` is ``x``'s static shape (spatial sizes
    known)."""
    spatial = x_shape[1:3]
    kh, kw, channels, filters = shape_of(kernel)
    ksize = (kh, kw)
    dx = K.conv2d_transpose(g, kernel, x_shape, strides, padding, "channels_last", dilation)
    pads = [conv_pads(size, k, s, d, padding)
            for size, k, s, d in zip(spatial, ksize, strides, dilation)]
    xp = x if not any(a or b for a, b in pads) else K.spatial_2d_padding(
        x, tuple(pads), "channels_last")
    as_batch = K.permute_dimensions(xp, (3, 1, 2, 0))  # (C, H+pads, W+pads, N)
    g_kernel = K.permute_dimensions(g, (1, 2, 0, 3))  # (Ho, Wo, N, F)
    taps = K.conv2d(as_batch, g_kernel, dilation, "valid", "channels_last", strides)
    got = shape_of(taps)[1:3]  # positions beyond k: rows the forward stride skipped
    if got != ksize:
        taps = K.slice(taps, (0, 0, 0, 0), (-1, kh, kw, -1))
    dk = K.permute_dimensions(taps, (1, 2, 0, 3))  # (kh, kw, C, F)
    return [dx, dk]


@vjp("conv2d")
def _conv2d(n: Symbol, g: Any) -> list[Any]:
    x, kernel, strides, padding, data_format, dilation = n.args
    first = data_format == "channels_first"
    xl, gl = (_to_last(x, 2), _to_last(g, 2)) if first else (x, g)
    _known("conv2d", shape_of(xl)[1:3])
    dx, dk = _conv2d_grads(xl, kernel, gl, strides, padding, dilation, shape_of(xl))
    return [_to_first(dx, 2) if first else dx, dk]


@vjp("conv1d")
def _conv1d(n: Symbol, g: Any) -> list[Any]:
    x, kernel, strides, padding, data_format, dilation = n.args
    first = data_format == "channels_first"
    xl, gl = (_to_last(x, 1), _to_last(g, 1)) if first else (x, g)
    batch, length, channels = shape_of(xl)
    _known("conv1d", (length,))
    if padding == "causal":  # (k - 1) * d zeros before, then valid
        left = (shape_of(kernel)[0] - 1) * dilation[0]
        xl, padding, length = K.temporal_padding(xl, (left, 0)), "valid", length + left
    image = K.expand_dims(xl, 2)  # (N, L, 1, C)
    grads = _conv2d_grads(image, K.expand_dims(kernel, 1), K.expand_dims(gl, 2),
                          (strides[0], 1), padding, (dilation[0], 1),
                          (batch, length, 1, channels))
    dx, dk = K.squeeze(grads[0], 2), K.squeeze(grads[1], 1)
    if n.args[3] == "causal":  # drop the gradient of the padding
        dx = K.slice(dx, (0, length - shape_of(x)[2 if first else 1], 0), (-1, -1, -1))
    return [_to_first(dx, 1) if first else dx, dk]


@vjp("pool2d")
def _pool2d(n: Symbol, g: Any) -> list[Any] | None:
    x, pool_size, strides, padding, data_format, pool_mode = n.args
    first = data_format == "channels_first"
    xl = _to_last(x, 2) if first else x
    _, height, width, channels = shape_of(xl)
    _known("pool2d", (height, width))
    if tuple(pool_size) != tuple(strides):
        return None
    (p, q), (rows, cols) = pool_size, (height // pool_size[0], width // pool_size[1])
    if padding != "valid" and (rows * p, cols * q) != (height, width):
        return None  # same padding with padded windows: counts and fills differ
    gl = _to_last(g, 2) if first else g
    g_split = K.reshape(gl, (-1, rows, 1, cols, 1, channels))
    if pool_mode == "max":
        yl = _to_last(n, 2) if first else n
        covered = xl if (rows * p, cols * q) == (height, width) else K.slice(
            xl, (0, 0, 0, 0), (-1, rows * p, cols * q, -1))
        windows = K.reshape(covered, (-1, rows, p, cols, q, channels))
        mask = K.cast(K.equal(windows, K.reshape(yl, (-1, rows, 1, cols, 1, channels))),
                      g.dtype)
        share = K.divide(mask, K.sum(mask, axis=(2, 4), keepdims=True))
        dx = K.multiply(share, g_split)
    else:
        dx = K.multiply(K.ones((1, 1, p, 1, q, 1), g.dtype), K.divide(g_split, p * q))
    dx = K.reshape(dx, (-1, rows * p, cols * q, channels))
    if (rows * p, cols * q) != (height, width):  # rows/columns no window reads
        dx = K.spatial_2d_padding(dx, ((0, height - rows * p), (0, width - cols * q)),
                                  "channels_last")
    return [_to_first(dx, 2) if first else dx]
