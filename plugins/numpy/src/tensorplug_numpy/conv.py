"""numpy overrides of composites: convolution and pooling.

Convolutions view the (padded, channels-last) input through ``sliding_window_view``
(strides and dilation are slices of that view, no copy), copy the windows once into
``(batch * outputs, taps * channels)`` rows, channels innermost as in memory (a single
input channel is copied tap by tap instead), and finish with one ``matmul``. Pooling is
separable: per spatial axis, the window's strided slices combined with ``maximum`` or
``add``. Written against ``xp`` so CuPy reuses it (``cupy.lib.stride_tricks`` has
``sliding_window_view`` too). Output sizes and paddings come from
``tensorplug.backend._conv`` (TensorFlow's arithmetic, shared with the generic path).
"""

from __future__ import annotations

import itertools
import math
from functools import lru_cache
from types import ModuleType
from typing import Any, NamedTuple

from tensorplug.backend._conv import conv_out, conv_pads

from ._impls import Impls

Dims = tuple[int, ...]


class Plan(NamedTuple):
    """A window's geometry over channels-last spatial dims (host-side, cached)."""

    pads: tuple[tuple[int, int], ...]  # (before, after) per spatial axis
    out: Dims  # output spatial dims
    view: tuple[slice, ...]  # picks (B, *out, C, *k) from sliding_window_view's result
    taps: tuple[tuple[Any, ...], ...]  # per tap, the (B, *out) slice of the padded input


@lru_cache(maxsize=256)
def plan(spatial: Dims, ksize: Dims, strides: Dims, padding: str, dilation: Dims) -> Plan:
    pads = tuple(conv_pads(*a, padding) for a in zip(spatial, ksize, strides, dilation))
    out = tuple(conv_out(*a, padding) for a in zip(spatial, ksize, strides, dilation))
    view = (slice(None), *(slice(0, o * s, s) for o, s in zip(out, strides)), slice(None),
            *(slice(None, None, d) for d in dilation))
    taps = tuple((slice(None), *(slice(i * d, i * d + (o - 1) * s + 1, s)
                                 for i, d, o, s in zip(tap, dilation, out, strides)), 0)
                 for tap in itertools.product(*(range(k) for k in ksize)))
    return Plan(pads, out, view, taps)


def build(xp: ModuleType, **options: Any) -> Impls:
    ns = Impls("tensorplug_numpy.conv")
    window_view = xp.lib.stride_tricks.sliding_window_view

    def first_axis(data_format: str) -> int:
        """Index of the first spatial axis."""
        return 2 if data_format == "channels_first" else 1

    def padded(x: Any, first: int, pads: Any, fill: Any = 0) -> Any:
        """``x`` with its spatial axes (from ``first``) padded by ``fill``."""
        if not any(b or a for b, a in pads):
            return x
        shape, where = list(x.shape), [slice(None)] * x.ndim
        for axis, (b, a) in enumerate(pads, start=first):
            where[axis] = slice(b, b + shape[axis])
            shape[axis] += b + a
        out = xp.full(shape, fill, dtype=x.dtype)
        out[tuple(where)] = x
        return out

    def spatial_of(x: Any, data_format: str) -> Dims:
        return tuple(x.shape[2:] if data_format == "channels_first" else x.shape[1:-1])

    def prepare(x: Any, data_format: str, pads: Any) -> Any:
        """``x`` channels-last and zero-padded, with at most one copy: a channels-first
        ``x`` is transposed by the same copy (windows copy 2-3x faster from a
        contiguous channels-last buffer than from channels-first)."""
        src = xp.moveaxis(x, 1, -1) if data_format == "channels_first" else x
        if any(b or a for b, a in pads):
            return padded(src, 1, pads)
        return xp.ascontiguousarray(src) if data_format == "channels_first" else src

    def windows(x: Any, data_format: str, ksize: Dims, strides: Dims, padding: str,
                dilation: Dims) -> Any:
        """``(B, *out, C, *ksize)``: the windows of ``x``, channels last (a view)."""
        p = plan(spatial_of(x, data_format), tuple(ksize), tuple(strides), padding,
                 tuple(dilation))
        span = tuple((k - 1) * d + 1 for k, d in zip(ksize, dilation))
        view = window_view(prepare(x, data_format, p.pads), span,
                           axis=tuple(range(1, len(ksize) + 1)))
        return view[p.view]

    def rows(x: Any, data_format: str, ksize: Dims, strides: Dims, padding: str,
             dilation: Dims) -> tuple[Any, Dims]:
        """``x``'s windows copied into ``(B * out, features)`` rows, features ordered
        ``(*k, C)`` (channels innermost, as in memory: a 2x faster copy than
        ``(C, *k)``). Also the ``(B, *out)`` dims."""
        n = len(ksize)
        if x.shape[1 if data_format == "channels_first" else -1] == 1:
            # one channel: a copy per tap is 2-3x faster than copying the window view
            p = plan(spatial_of(x, data_format), tuple(ksize), tuple(strides), padding,
                     tuple(dilation))
            xpad = prepare(x, data_format, p.pads)
            lead = (x.shape[0], *p.out)
            buf = xp.empty((*lead, len(p.taps)), dtype=x.dtype)
            for t, where in enumerate(p.taps):
                buf[..., t] = xpad[where]
            return buf.reshape(math.prod(lead), -1), lead
        cols = xp.moveaxis(windows(x, data_format, ksize, strides, padding, dilation), n + 1, -1)
        lead = cols.shape[:n + 1]
        return cols.reshape(math.prod(lead), -1), lead

    def finish(y: Any, lead: Dims, data_format: str) -> Any:
        """``(B * out, F)`` -> the result layout (channels-first: a transposed view)."""
        y = y.reshape(*lead, y.shape[-1])
        return xp.moveaxis(y, -1, 1) if data_format == "channels_first" else y

    def conv(x: Any, kernel: Any, strides: Dims, padding: str, data_format: str,
             dilation: Dims) -> Any:
        x, kernel = xp.asarray(x), xp.asarray(kernel)
        n = kernel.ndim - 2
        cols, lead = rows(x, data_format, kernel.shape[:n], strides, padding, dilation)
        y = xp.matmul(cols, kernel.reshape(-1, kernel.shape[-1]))
        return finish(y, lead, data_format)

    @ns.impl()
    def conv1d(x: Any, kernel: Any, strides: Any, padding: Any, data_format: Any,
               dilation_rate: Any) -> Any:
        return conv(x, kernel, strides, padding, data_format, dilation_rate)

    @ns.impl()
    def conv2d(x: Any, kernel: Any, strides: Any, padding: Any, data_format: Any,
               dilation_rate: Any) -> Any:
        return conv(x, kernel, strides, padding, data_format, dilation_rate)

    @ns.impl()
    def conv3d(x: Any, kernel: Any, strides: Any, padding: Any, data_format: Any,
               dilation_rate: Any) -> Any:
        return conv(x, kernel, strides, padding, data_format, dilation_rate)

    def depthwise(x: Any, kernel: Any, strides: Dims, padding: str, data_format: str,
                  dilation: Dims) -> tuple[Any, Dims]:
        """``(B * out, C * M)`` (channel-major) and the ``(B, *out)`` dims."""
        x, kernel = xp.asarray(x), xp.asarray(kernel)
        n = kernel.ndim - 2
        taps, (channels, mult) = math.prod(kernel.shape[:n]), kernel.shape[-2:]
        win = windows(x, data_format, kernel.shape[:n], strides, padding,
                      dilation)  # (B, *out, C, *k)
        lead = win.shape[:n + 1]
        cols = win.reshape(math.prod(lead), channels, 1, taps)  # (B * out, C, 1, T)
        k = xp.moveaxis(kernel.reshape(taps, channels, mult), 0, 1)  # (C, T, M)
        y = xp.matmul(cols, k)  # (B * out, C, 1, M)
        return y.reshape(math.prod(lead), channels * mult), lead

    @ns.impl()
    def depthwise_conv2d(x: Any, depthwise_kernel: Any, strides: Any, padding: Any,
                         data_format: Any, dilation_rate: Any) -> Any:
        y, lead = depthwise(x, depthwise_kernel, strides, padding, data_format, dilation_rate)
        return finish(y, lead, data_format)

    def separable(x: Any, depthwise_kernel: Any, pointwise_kernel: Any, strides: Dims,
                  padding: str, data_format: str, dilation: Dims) -> Any:
        mid, lead = depthwise(x, depthwise_kernel, strides, padding, data_format, dilation)
        pk = xp.asarray(pointwise_kernel)
        return finish(xp.matmul(mid, pk.reshape(pk.shape[-2:])), lead, data_format)

    @ns.impl()
    def separable_conv1d(x: Any, depthwise_kernel: Any, pointwise_kernel: Any, strides: Any,
                         padding: Any, data_format: Any, dilation_rate: Any) -> Any:
        return separable(x, depthwise_kernel, pointwise_kernel, strides, padding,
                         data_format, dilation_rate)

    @ns.impl()
    def separable_conv2d(x: Any, depthwise_kernel: Any, pointwise_kernel: Any, strides: Any,
                         padding: Any, data_format: Any, dilation_rate: Any) -> Any:
        return separable(x, depthwise_kernel, pointwise_kernel, strides, padding,
                         data_format, dilation_rate)

    def transpose(x: Any, kernel: Any, output_shape: Any, strides: Dims, padding: str,
                  data_format: str, dilation: Dims) -> Any:
        """Zero-stuff ``x`` by the strides into a buffer padded so that a stride-1
        ``valid`` correlation with the flipped kernel gives ``output_shape``:
        output ``o`` then reads input ``i`` through tap ``t`` iff
        ``o == i * s - pad + t * d``, the adjoint of the forward convolution."""
        x, kernel = xp.asarray(x), xp.asarray(kernel)
        if data_format == "channels_first":
            x = xp.moveaxis(x, 1, -1)  # a view: the buffer write below is the one copy
        n = kernel.ndim - 2
        ksize = kernel.shape[:n]
        out = output_shape[2:] if data_format == "channels_first" else output_shape[1:-1]
        shape, where = list(x.shape), [slice(None)] * x.ndim
        for axis, (o, k, s, d) in enumerate(zip(out, ksize, strides, dilation), start=1):
            lead = (k - 1) * d - conv_pads(o, k, s, d, padding)[0]
            where[axis] = slice(lead, lead + x.shape[axis] * s, s)
            shape[axis] = o + (k - 1) * d
        buf = xp.zeros(shape, dtype=xp.result_type(x, kernel))
        buf[tuple(where)] = x
        flipped = xp.swapaxes(kernel[(slice(None, None, -1),) * n], -1, -2)  # (*k, C, F)
        cols, lead_dims = rows(buf, "channels_last", ksize, (1,) * n, "valid", dilation)
        y = xp.matmul(cols, flipped.reshape(-1, flipped.shape[-1]))
        return finish(y, lead_dims, data_format)

    @ns.impl()
    def conv2d_transpose(x: Any, kernel: Any, output_shape: Any, strides: Any, padding: Any,
                         data_format: Any, dilation_rate: Any) -> Any:
        return transpose(x, kernel, output_shape, strides, padding, data_format,
                         dilation_rate)

    @ns.impl()
    def conv3d_transpose(x: Any, kernel: Any, output_shape: Any, strides: Any, padding: Any,
                         data_format: Any) -> Any:
        return transpose(x, kernel, output_shape, strides, padding, data_format, (1, 1, 1))

    def local(inputs: Any, kernel: Any, kernel_size: Dims, strides: Dims,
              data_format: str) -> Any:
        """Keras flattens each window as ``(*k, C)`` channels-last and ``(C, *k)``
        channels-first; the rows here are always ``(*k, C)`` (the fast copy), so a
        channels-first kernel's features are reordered instead (the smaller copy)."""
        x, kernel = xp.asarray(inputs), xp.asarray(kernel)
        cols, lead = rows(x, data_format, kernel_size, strides, "valid", (1,) * len(kernel_size))
        if data_format == "channels_first":
            positions, _, filters = kernel.shape
            kernel = xp.swapaxes(kernel.reshape(positions, x.shape[1], -1, filters), 1, 2)
            kernel = kernel.reshape(positions, -1, filters)
        cols = cols.reshape(lead[0], -1, cols.shape[-1])  # (B, P, features)
        y = xp.matmul(xp.swapaxes(cols, 0, 1), kernel)  # (P, B, F)
        return finish(xp.swapaxes(y, 0, 1), lead, data_format)

    @ns.impl()
    def local_conv1d(inputs: Any, kernel: Any, kernel_size: Any, strides: Any,
                     data_format: Any) -> Any:
        return local(inputs, kernel, kernel_size, strides, data_format)

    @ns.impl()
    def local_conv2d(inputs: Any, kernel: Any, kernel_size: Any, strides: Any,
                     output_shape: Any, data_format: Any) -> Any:
        return local(inputs, kernel, kernel_size, strides, data_format)

    def counts(spatial: Dims, pool_size: Dims, strides: Dims, padding: str) -> Any:
        """Valid positions per window, shaped ``(*out,)`` (None: all windows full)."""
        if padding == "valid":
            return None
        per_axis = []
        for size, p, s in zip(spatial, pool_size, strides):
            before = conv_pads(size, p, s, 1, padding)[0]
            starts = xp.arange(conv_out(size, p, s, 1, padding)) * s - before
            per_axis.append(xp.minimum(starts + p, size) - xp.maximum(starts, 0))
        grid = per_axis[0]
        for c in per_axis[1:]:
            grid = grid[..., None] * c
        return grid

    def pool(x: Any, pool_size: Dims, strides: Dims, padding: str, data_format: str,
             pool_mode: str) -> Any:
        """Separable, in ``x``'s own layout: along each spatial axis in turn, combine
        the window's strided slices with ``maximum`` / ``add``."""
        x = xp.asarray(x)
        dtype = x.dtype
        first = first_axis(data_format)
        spatial = x.shape[first:first + len(pool_size)]
        if pool_mode == "max":
            combine, fill = xp.maximum, (-xp.inf if dtype.kind == "f" else xp.iinfo(dtype).min)
            y = x
        else:  # float16 sums in float32, integers in float64
            combine, fill = xp.add, 0
            y = x.astype(xp.float32 if dtype == xp.float16 else
                         dtype if dtype.kind == "f" else xp.float64)
        for axis, (p, s) in enumerate(zip(pool_size, strides), start=first):
            size = y.shape[axis]
            before, after = conv_pads(size, p, s, 1, padding)
            out = conv_out(size, p, s, 1, padding)
            if before or after:
                pads = [(0, 0)] * len(pool_size)
                pads[axis - first] = (before, after)
                y = padded(y, first, pads, fill)
            where = [slice(None)] * y.ndim
            acc = None
            for t in range(p):
                where[axis] = slice(t, t + (out - 1) * s + 1, s)
                part = y[tuple(where)]
                acc = part.copy() if acc is None else combine(acc, part, out=acc)
            y = acc
        if pool_mode == "avg":
            c = counts(spatial, pool_size, strides, padding)
            if c is not None and first == 1:
                c = c[..., None]
            y = y / (math.prod(pool_size) if c is None else c.astype(y.dtype))
            if dtype.kind == "f":
                y = y.astype(dtype, copy=False)
        return y

    @ns.impl()
    def pool2d(x: Any, pool_size: Any, strides: Any, padding: Any, data_format: Any,
               pool_mode: Any) -> Any:
        return pool(x, pool_size, strides, padding, data_format, pool_mode)

    @ns.impl()
    def pool3d(x: Any, pool_size: Any, strides: Any, padding: Any, data_format: Any,
               pool_mode: Any) -> Any:
        return pool(x, pool_size, strides, padding, data_format, pool_mode)

    return ns
