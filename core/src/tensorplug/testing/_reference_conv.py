"""Independent plain-NumPy references for convolution, pooling, padding and resizing.

Direct loops over output positions and kernel taps (vectorised only over batch and
channels), written from the Keras 2.3 / TensorFlow definitions: cross-correlation,
``'same'`` padding split with the extra element after, ``'causal'`` padding before,
pooling windows that never count padding, transposed convolutions as the *scatter*
adjoint (each input position adds its kernel-weighted value to the outputs it reaches).
Each takes the K function's arguments (arrays as float64) and returns float64. This
module imports numpy only: never ``tensorplug_numpy`` nor ``tensorplug.generic``.
"""

from __future__ import annotations

import itertools
import math
from typing import Any

import numpy as np

Dims = tuple[int, ...]
#: Case-name suffix -> data format.
FORMATS = {"cl": "channels_last", "cf": "channels_first"}


def grid(g: Any, dt: str, shape: tuple[int, ...]) -> np.ndarray:
    """Values in {-1, -0.75, ..., 1} from the test's generator ``g.rng``: products and
    the partial sums of the suite's small cases are exact in every float dtype."""
    return (g.rng.integers(-4, 5, shape) / 4).astype(dt)


def layout(x: np.ndarray, fmt: str) -> np.ndarray:
    """A channels-last array in the data format named by suffix ``fmt``."""
    return np.ascontiguousarray(np.moveaxis(x, -1, 1)) if fmt == "cf" else x


def _at(*parts: Any) -> Any:
    """An index tuple (typed loosely for numpy's stubs)."""
    return parts


def _tuple(v: Any, n: int) -> Dims:
    return (int(v),) * n if np.ndim(v) == 0 else tuple(int(a) for a in v)


def _last(x: np.ndarray, data_format: str) -> np.ndarray:
    """channels_first -> channels_last."""
    return np.moveaxis(x, 1, -1) if data_format == "channels_first" else x


def _back(y: np.ndarray, data_format: str) -> np.ndarray:
    return np.moveaxis(y, -1, 1) if data_format == "channels_first" else y


def _geometry(size: int, k: int, s: int, d: int, padding: str) -> tuple[int, int]:
    """``(output length, padding before)`` of one axis."""
    span = (k - 1) * d + 1
    if padding == "valid":
        return (size - span) // s + 1, 0
    out = math.ceil(size / s)
    if padding == "causal":
        return out, span - 1
    return out, max((out - 1) * s + span - size, 0) // 2


def _windows(spatial: Dims, ksize: Dims, strides: Dims, dilation: Dims,
             padding: str) -> tuple[Dims, list[tuple[Dims, list[tuple[Dims, Dims]]]]]:
    """Output dims, and per output index its ``(tap, input index)`` pairs that are
    inside the input."""
    geo = [_geometry(*a, padding) for a in zip(spatial, ksize, strides, dilation)]
    out = tuple(g[0] for g in geo)
    plan = []
    for o in itertools.product(*(range(n) for n in out)):
        taps = []
        for t in itertools.product(*(range(k) for k in ksize)):
            i = tuple(oo * s - g[1] + tt * d
                      for oo, s, g, tt, d in zip(o, strides, geo, t, dilation))
            if all(0 <= ii < n for ii, n in zip(i, spatial)):
                taps.append((t, i))
        plan.append((o, taps))
    return out, plan


def conv(x: Any, kernel: Any, strides: Any = 1, padding: str = "valid",
         data_format: str = "channels_last", dilation_rate: Any = 1) -> np.ndarray:
    xl = _last(np.asarray(x, np.float64), data_format)
    k = np.asarray(kernel, np.float64)
    n = xl.ndim - 2
    out, plan = _windows(xl.shape[1:-1], k.shape[:n], _tuple(strides, n),
                         _tuple(dilation_rate, n), padding)
    y = np.zeros((xl.shape[0], *out, k.shape[-1]))
    for o, taps in plan:
        for t, i in taps:
            y[_at(slice(None), *o)] += xl[_at(slice(None), *i)] @ k[t]
    return _back(y, data_format)


def depthwise(x: Any, depthwise_kernel: Any, strides: Any = 1, padding: str = "valid",
              data_format: str = "channels_last", dilation_rate: Any = 1) -> np.ndarray:
    xl = _last(np.asarray(x, np.float64), data_format)
    k = np.asarray(depthwise_kernel, np.float64)
    n = xl.ndim - 2
    channels, mult = k.shape[-2:]
    out, plan = _windows(xl.shape[1:-1], k.shape[:n], _tuple(strides, n),
                         _tuple(dilation_rate, n), padding)
    y = np.zeros((xl.shape[0], *out, channels * mult))
    for o, taps in plan:
        for t, i in taps:
            for c in range(channels):
                for m in range(mult):
                    product = xl[_at(slice(None), *i, c)] * k[t][c, m]
                    y[_at(slice(None), *o, c * mult + m)] += product
    return _back(y, data_format)


def separable(x: Any, depthwise_kernel: Any, pointwise_kernel: Any, strides: Any = 1,
              padding: str = "valid", data_format: str = "channels_last",
              dilation_rate: Any = 1) -> np.ndarray:
    mid = _last(depthwise(x, depthwise_kernel, strides, padding, data_format, dilation_rate),
                data_format)
    p = np.asarray(pointwise_kernel, np.float64)
    y = np.einsum("...c,cf->...f", mid, p.reshape(p.shape[-2:]))
    return _back(y, data_format)


def conv_transpose(x: Any, kernel: Any, output_shape: Any, strides: Any = 1,
                   padding: str = "valid", data_format: str = "channels_last",
                   dilation_rate: Any = 1) -> np.ndarray:
    """Scatter: input position ``i`` and tap ``t`` add ``x[i] . kernel[t]^T`` to output
    ``i * s - pad + t * d`` (the transpose of ``conv`` on an input of output_shape)."""
    xl = _last(np.asarray(x, np.float64), data_format)
    k = np.asarray(kernel, np.float64)
    n = xl.ndim - 2
    strides, dilation = _tuple(strides, n), _tuple(dilation_rate, n)
    shape = tuple(output_shape)
    out = shape[2:] if data_format == "channels_first" else shape[1:-1]
    befores = [_geometry(*a, padding)[1] for a in zip(out, k.shape[:n], strides, dilation)]
    y = np.zeros((xl.shape[0], *out, k.shape[-2]))
    for i in itertools.product(*(range(m) for m in xl.shape[1:-1])):
        for t in itertools.product(*(range(m) for m in k.shape[:n])):
            o = tuple(ii * s - b + tt * d
                      for ii, s, b, tt, d in zip(i, strides, befores, t, dilation))
            if all(0 <= oo < m for oo, m in zip(o, out)):
                y[_at(slice(None), *o)] += xl[_at(slice(None), *i)] @ k[t].T
    return _back(y, data_format)


def conv3d_transpose(x: Any, kernel: Any, output_shape: Any, strides: Any = 1,
                     padding: str = "valid", data_format: str = "channels_last") -> np.ndarray:
    return conv_transpose(x, kernel, output_shape, strides, padding, data_format, 1)


def local_conv(inputs: Any, kernel: Any, kernel_size: Any, strides: Any,
               output_shape: Any = None, data_format: str = "channels_last") -> np.ndarray:
    """Keras's slicing definition: window ``p`` (row-major) is sliced, flattened in the
    input's own layout (channels last: taps then channels; first: channels then taps)
    and multiplied by ``kernel[p]``."""
    x = np.asarray(inputs, np.float64)
    k = np.asarray(kernel, np.float64)
    n = x.ndim - 2
    ksize, strides = _tuple(kernel_size, n), _tuple(strides, n)
    spatial = x.shape[2:] if data_format == "channels_first" else x.shape[1:-1]
    out = tuple((size - kk) // s + 1 for size, kk, s in zip(spatial, ksize, strides))
    y = np.zeros((x.shape[0], *out, k.shape[-1]))
    for p, o in enumerate(itertools.product(*(range(m) for m in out))):
        window = tuple(slice(oo * s, oo * s + kk) for oo, s, kk in zip(o, strides, ksize))
        if data_format == "channels_first":
            patch = x[_at(slice(None), slice(None), *window)]
        else:
            patch = x[_at(slice(None), *window, slice(None))]
        y[_at(slice(None), *o)] = patch.reshape(x.shape[0], -1) @ k[p]
    return _back(y, data_format)


def local_conv1d(inputs: Any, kernel: Any, kernel_size: Any, strides: Any,
                 data_format: str = "channels_last") -> np.ndarray:
    return local_conv(inputs, kernel, kernel_size, strides, None, data_format)


def pool(x: Any, pool_size: Any, strides: Any = 1, padding: str = "valid",
         data_format: str = "channels_last", pool_mode: str = "max") -> np.ndarray:
    xl = _last(np.asarray(x, np.float64), data_format)
    n = xl.ndim - 2
    out, plan = _windows(xl.shape[1:-1], _tuple(pool_size, n), _tuple(strides, n),
                         (1,) * n, padding)
    y = np.zeros((xl.shape[0], *out, xl.shape[-1]))
    for o, taps in plan:
        values = np.stack([xl[_at(slice(None), *i)] for _, i in taps])
        y[_at(slice(None), *o)] = values.max(0) if pool_mode == "max" else values.mean(0)
    return _back(y, data_format)


# -- padding and resizing --------------------------------------------------------------

def _spatial_axes(n: int, data_format: str) -> list[int]:
    return list(range(2, n + 2)) if data_format == "channels_first" else list(range(1, n + 1))


def pad(x: Any, padding: Any, data_format: str = "channels_last") -> np.ndarray:
    a = np.asarray(x, np.float64)
    widths = [(0, 0)] * a.ndim
    pairs = [padding] if np.ndim(padding) == 1 else list(padding)
    for axis, pair in zip(_spatial_axes(len(pairs), data_format), pairs):
        widths[axis] = tuple(pair)
    return np.pad(a, widths)


def temporal_padding(x: Any, padding: Any = (1, 1)) -> np.ndarray:
    return pad(x, padding)


def _bilinear_axis(a: np.ndarray, axis: int, factor: int) -> np.ndarray:
    """TensorFlow's half-pixel rule per output index: ``src = (j + .5) / f - .5``, the
    two neighbours ``floor``/``ceil`` clamped to the edges, weight ``src - floor``."""
    size = a.shape[axis]
    parts = []
    for j in range(size * factor):
        src = (j + 0.5) / factor - 0.5
        lo = math.floor(src)
        w = src - lo
        i0, i1 = min(max(lo, 0), size - 1), min(max(math.ceil(src), 0), size - 1)
        parts.append((1 - w) * np.take(a, i0, axis) + w * np.take(a, i1, axis))
    return np.stack(parts, axis)


def resize_images(x: Any, height_factor: int, width_factor: int, data_format: str,
                  interpolation: str = "nearest") -> np.ndarray:
    a = np.asarray(x, np.float64)
    for axis, f in zip(_spatial_axes(2, data_format), (height_factor, width_factor)):
        a = np.repeat(a, f, axis) if interpolation == "nearest" else _bilinear_axis(a, axis, f)
    return a


def resize_volumes(x: Any, depth_factor: int, height_factor: int, width_factor: int,
                   data_format: str) -> np.ndarray:
    a = np.asarray(x, np.float64)
    for axis, f in zip(_spatial_axes(3, data_format), (depth_factor, height_factor,
                                                      width_factor)):
        a = np.repeat(a, f, axis)
    return a
