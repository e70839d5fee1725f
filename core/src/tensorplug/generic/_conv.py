"""Generic composites: convolution and pooling, from contract ops only.

Every op is one *im2col*: the input's spatial positions become the rows of a
``(positions, batch, channels)`` tensor, a zero (or ``-inf``) row is appended for the
padding, and one ``gather`` with an index table built on the host (cached per static
shape) picks each output position's window, giving ``(outputs, taps, batch,
channels)``. A ``dot`` with the reshaped kernel (or a reduction, for pooling) finishes
the op. Transposed convolutions use the same gather with the adjoint's table: output
position ``o`` and tap ``t`` read input ``i`` where ``i * stride == o + pad - t *
dilation``. So every backend (TensorFlow and MXNet tensors included) runs these with its
own ``gather``, ``dot`` and ``reshape``, and gradients flow through them.
"""

from __future__ import annotations

import itertools
import math
from functools import lru_cache
from typing import Any

from .._dtypes import result_type
from ..backend._conv import conv_out, conv_pads
from ..hookspecs import hookimpl

Dims = tuple[int, ...]
Table = tuple[tuple[int, ...], ...]

#: Smallest value of each integer dtype: the padding of integer max pooling.
_INT_MIN = {"int8": -2 ** 7, "int16": -2 ** 15, "int32": -2 ** 31, "int64": -2 ** 63,
            "uint8": 0, "uint16": 0, "uint32": 0, "uint64": 0, "bool": False}


@lru_cache(maxsize=256)
def _axis_taps(kind: str, size: int, k: int, s: int, d: int, before: int,
               out: int) -> tuple[tuple[int, ...], ...]:
    """Per output index, the input index each tap reads along one axis (-1: padding)."""
    rows = []
    for o in range(out):
        taps = []
        for t in range(k):
            if kind == "conv":
                i = o * s - before + t * d
            else:  # the adjoint: i * s == o + before - t * d
                u = o + before - t * d
                i = u // s if u % s == 0 else -1
            taps.append(i if 0 <= i < size else -1)
        rows.append(tuple(taps))
    return tuple(rows)


@lru_cache(maxsize=128)
def window_table(kind: str, spatial: Dims, kernel: Dims, strides: Dims, dilation: Dims,
                 befores: Dims, out: Dims) -> tuple[Table, bool]:
    """Rows ``(taps,)`` of flat input positions per flat output position (both
    row-major); padding reads position ``prod(spatial)``. Also: is any padding read?"""
    axes = [_axis_taps(kind, *args) for args in zip(spatial, kernel, strides, dilation,
                                                     befores, out)]
    mult = [math.prod(spatial[a + 1:]) for a in range(len(spatial))]
    pad = math.prod(spatial)
    table = []
    for per_axis in itertools.product(*axes):
        row = []
        for taps in itertools.product(*per_axis):
            row.append(pad if -1 in taps else sum(i * m for i, m in zip(taps, mult)))
        table.append(tuple(row))
    return tuple(table), any(pad in row for row in table)


def pool_counts(spatial: Dims, pool: Dims, strides: Dims, befores: Dims,
                out: Dims) -> list[int]:
    """Valid (non-padding) positions in each pooling window, flat row-major."""
    per_axis = [[sum(1 for i in taps if i >= 0) for taps in _axis_taps("conv", *args)]
                for args in zip(spatial, pool, strides, (1,) * len(spatial), befores, out)]
    return [math.prod(c) for c in itertools.product(*per_axis)]


class ConvComposites:
    ops: Any

    # -- helpers ------------------------------------------------------------------------
    def _cv_shape(self, x: Any) -> tuple[Any, ...]:
        return tuple(self.ops.int_shape(x))

    def _cv_common(self, *tensors: Any) -> list[Any]:
        """Cast the tensors to their common dtype (NEP 50)."""
        dtypes = [self.ops.dtype(t) for t in tensors]
        want = result_type(*dtypes)
        return [t if d == want else self.ops.cast(t, want) for t, d in zip(tensors, dtypes)]

    def _cv_index(self, key: tuple[Any, ...], table: Table) -> Any:
        """``table`` as a tensor. The host array is cached by ``key``; the tensor is made
        per call, since a tensor made while a compiler traces belongs to that trace."""
        import numpy as np

        cache = self.__dict__.setdefault("_cv_indices", {})
        found = cache.get(key)
        if found is None:
            if len(cache) > 64:
                cache.clear()
            found = cache[key] = np.asarray([list(r) for r in table], dtype=np.int64)
        return self.ops.convert_to_tensor(found, "int64")

    def _cv_rows(self, x: Any, n: int, data_format: str) -> tuple[Any, Any, Dims, Any]:
        """``x`` as ``(positions, batch, channels)``; also batch, spatial, channels."""
        shape = self._cv_shape(x)
        if data_format == "channels_first":
            batch, channels, spatial = shape[0], shape[1], tuple(shape[2:])
            perm = (*range(2, n + 2), 0, 1)
        else:
            batch, channels, spatial = shape[0], shape[-1], tuple(shape[1:-1])
            perm = (*range(1, n + 1), 0, n + 1)
        rows = self.ops.reshape(self.ops.permute_dimensions(x, perm),
                                (math.prod(spatial), -1, channels))
        return rows, batch, spatial, channels

    def _cv_patches(self, rows: Any, batch: Any, channels: Any, key: tuple[Any, ...],
                    fill: Any) -> Any:
        """``(outputs, taps, batch, channels)``: each output position's window."""
        o = self.ops
        table, padded = window_table(*key)
        if padded:
            dtype = o.dtype(rows)
            if batch is None:
                pad = o.zeros_like(o.gather(rows, [0]), dtype, None)
            else:
                pad = o.zeros((1, batch, channels), dtype, None)
            if fill != 0:
                pad = o.add(pad, fill)
            rows = o.concatenate([rows, pad], 0)
        return o.gather(rows, self._cv_index(key, table))

    def _cv_windows(self, x: Any, kind: str, n: int, data_format: str, kernel: Dims,
                    strides: Dims, padding: str, dilation: Dims, out_spatial: Any = None,
                    fill: Any = 0) -> tuple[Any, Any, Dims, Any]:
        """Patches of ``x``; also batch, output spatial dims, channels."""
        rows, batch, spatial, channels = self._cv_rows(x, n, data_format)
        if kind == "conv":
            out = tuple(conv_out(*a, padding) for a in zip(spatial, kernel, strides, dilation))
            sizes = spatial
        else:
            out = tuple(out_spatial)
            sizes = out
        befores = tuple(conv_pads(*a, padding)[0] for a in zip(sizes, kernel, strides,
                                                                  dilation))
        key = (kind, spatial, tuple(kernel), tuple(strides), tuple(dilation), befores, out)
        return self._cv_patches(rows, batch, channels, key, fill), batch, out, channels

    def _cv_output(self, y: Any, batch: Any, out: Dims, channels: int,
                   data_format: str) -> Any:
        """``(batch * outputs, channels)`` (or any layout of those elements) to the
        result layout."""
        n = len(out)
        y = self.ops.reshape(y, (-1 if batch is None else batch, *out, channels))
        if data_format == "channels_first":
            y = self.ops.permute_dimensions(y, (0, n + 1, *range(1, n + 1)))
        return y

    def _cv_cols(self, patches: Any, taps: int, channels: int) -> Any:
        """``(outputs, taps, batch, channels)`` -> ``(batch * outputs, taps * channels)``."""
        o = self.ops
        return o.reshape(o.permute_dimensions(patches, (2, 0, 1, 3)), (-1, taps * channels))

    # -- convolutions -------------------------------------------------------------------
    def _cv_conv(self, x: Any, kernel: Any, strides: Dims, padding: str, data_format: str,
                 dilation: Dims) -> Any:
        x, kernel = self._cv_common(x, kernel)
        n = len(strides)
        ks = self._cv_shape(kernel)
        patches, batch, out, channels = self._cv_windows(x, "conv", n, data_format, ks[:n],
                                                         strides, padding, dilation)
        taps = math.prod(ks[:n])
        y = self.ops.dot(self._cv_cols(patches, taps, channels),
                         self.ops.reshape(kernel, (taps * channels, ks[-1])))
        return self._cv_output(y, batch, out, ks[-1], data_format)

    @hookimpl(trylast=True)
    def conv1d(self, x: Any, kernel: Any, strides: Any, padding: Any, data_format: Any,
               dilation_rate: Any) -> Any:
        return self._cv_conv(x, kernel, strides, padding, data_format, dilation_rate)

    @hookimpl(trylast=True)
    def conv2d(self, x: Any, kernel: Any, strides: Any, padding: Any, data_format: Any,
               dilation_rate: Any) -> Any:
        return self._cv_conv(x, kernel, strides, padding, data_format, dilation_rate)

    @hookimpl(trylast=True)
    def conv3d(self, x: Any, kernel: Any, strides: Any, padding: Any, data_format: Any,
               dilation_rate: Any) -> Any:
        return self._cv_conv(x, kernel, strides, padding, data_format, dilation_rate)

    def _cv_depthwise(self, x: Any, kernel: Any, strides: Dims, padding: str,
                      data_format: str, dilation: Dims) -> tuple[Any, Any, Dims, int]:
        """``(batch * outputs, channels * multiplier)``; also batch, output dims, width."""
        o = self.ops
        n = len(strides)
        ks = self._cv_shape(kernel)
        patches, batch, out, channels = self._cv_windows(x, "conv", n, data_format, ks[:n],
                                                         strides, padding, dilation)
        taps, mult = math.prod(ks[:n]), ks[-1]
        cols = o.reshape(o.permute_dimensions(patches, (2, 0, 1, 3)), (-1, taps, channels, 1))
        prod = o.multiply(cols, o.reshape(kernel, (1, taps, channels, mult)))
        y = o.reshape(o.sum(prod, 1, False), (-1, channels * mult))
        return y, batch, out, channels * mult

    @hookimpl(trylast=True)
    def depthwise_conv2d(self, x: Any, depthwise_kernel: Any, strides: Any, padding: Any,
                         data_format: Any, dilation_rate: Any) -> Any:
        x, depthwise_kernel = self._cv_common(x, depthwise_kernel)
        y, batch, out, width = self._cv_depthwise(x, depthwise_kernel, strides, padding,
                                                  data_format, dilation_rate)
        return self._cv_output(y, batch, out, width, data_format)

    def _cv_separable(self, x: Any, depthwise_kernel: Any, pointwise_kernel: Any,
                      strides: Dims, padding: str, data_format: str, dilation: Dims) -> Any:
        x, dk, pk = self._cv_common(x, depthwise_kernel, pointwise_kernel)
        y, batch, out, width = self._cv_depthwise(x, dk, strides, padding, data_format,
                                                  dilation)
        filters = self._cv_shape(pk)[-1]
        y = self.ops.dot(y, self.ops.reshape(pk, (width, filters)))
        return self._cv_output(y, batch, out, filters, data_format)

    @hookimpl(trylast=True)
    def separable_conv1d(self, x: Any, depthwise_kernel: Any, pointwise_kernel: Any,
                         strides: Any, padding: Any, data_format: Any,
                         dilation_rate: Any) -> Any:
        return self._cv_separable(x, depthwise_kernel, pointwise_kernel, strides, padding,
                                  data_format, dilation_rate)

    @hookimpl(trylast=True)
    def separable_conv2d(self, x: Any, depthwise_kernel: Any, pointwise_kernel: Any,
                         strides: Any, padding: Any, data_format: Any,
                         dilation_rate: Any) -> Any:
        return self._cv_separable(x, depthwise_kernel, pointwise_kernel, strides, padding,
                                  data_format, dilation_rate)

    # -- transposed convolutions --------------------------------------------------------
    def _cv_transpose(self, x: Any, kernel: Any, output_shape: Any, strides: Dims,
                      padding: str, data_format: str, dilation: Dims) -> Any:
        o = self.ops
        x, kernel = self._cv_common(x, kernel)
        n = len(strides)
        ks = self._cv_shape(kernel)
        out_spatial = output_shape[2:] if data_format == "channels_first" \
            else output_shape[1:-1]
        patches, batch, out, channels = self._cv_windows(
            x, "transpose", n, data_format, ks[:n], strides, padding, dilation, out_spatial)
        taps, filters = math.prod(ks[:n]), ks[-2]
        k2 = o.reshape(o.permute_dimensions(kernel, (*range(n), n + 1, n)),
                       (taps * channels, filters))
        y = o.dot(self._cv_cols(patches, taps, channels), k2)
        return self._cv_output(y, batch, out, filters, data_format)

    @hookimpl(trylast=True)
    def conv2d_transpose(self, x: Any, kernel: Any, output_shape: Any, strides: Any,
                         padding: Any, data_format: Any, dilation_rate: Any) -> Any:
        return self._cv_transpose(x, kernel, output_shape, strides, padding, data_format,
                                  dilation_rate)

    @hookimpl(trylast=True)
    def conv3d_transpose(self, x: Any, kernel: Any, output_shape: Any, strides: Any,
                         padding: Any, data_format: Any) -> Any:
        return self._cv_transpose(x, kernel, output_shape, strides, padding, data_format,
                                  (1, 1, 1))

    # -- locally connected --------------------------------------------------------------
    def _cv_local(self, inputs: Any, kernel: Any, kernel_size: Dims, strides: Dims,
                  data_format: str) -> Any:
        o = self.ops
        inputs, kernel = self._cv_common(inputs, kernel)
        n = len(strides)
        patches, batch, out, channels = self._cv_windows(
            inputs, "conv", n, data_format, kernel_size, strides, "valid", (1,) * n)
        # Keras flattens each window as (taps, channels) channels-last and (channels,
        # taps) channels-first.
        perm = (0, 2, 3, 1) if data_format == "channels_first" else (0, 2, 1, 3)
        taps = math.prod(kernel_size)
        cols = o.reshape(o.permute_dimensions(patches, perm),
                         (math.prod(out), -1, taps * channels))
        filters = self._cv_shape(kernel)[-1]
        if batch is not None:
            y = o.batch_dot(cols, kernel, (2, 1))  # (outputs, batch, filters)
        else:  # tracing with an unknown batch: batch_dot's generic needs known dims
            k = o.reshape(kernel, (math.prod(out), 1, taps * channels, filters))
            y = o.sum(o.multiply(o.expand_dims(cols, -1), k), 2, False)
        return self._cv_output(o.permute_dimensions(y, (1, 0, 2)), batch, out, filters,
                               data_format)

    @hookimpl(trylast=True)
    def local_conv1d(self, inputs: Any, kernel: Any, kernel_size: Any, strides: Any,
                     data_format: Any) -> Any:
        return self._cv_local(inputs, kernel, kernel_size, strides, data_format)

    @hookimpl(trylast=True)
    def local_conv2d(self, inputs: Any, kernel: Any, kernel_size: Any, strides: Any,
                     output_shape: Any, data_format: Any) -> Any:
        return self._cv_local(inputs, kernel, kernel_size, strides, data_format)

    # -- pooling ------------------------------------------------------------------------
    def _cv_pool(self, x: Any, pool_size: Dims, strides: Dims, padding: str,
                 data_format: str, pool_mode: str) -> Any:
        o = self.ops
        n = len(strides)
        dtype = o.dtype(x)
        if pool_mode == "max":
            fill = float("-inf") if dtype.startswith(("float", "bfloat")) else _INT_MIN[dtype]
        else:
            fill = 0
        patches, batch, out, channels = self._cv_windows(
            x, "conv", n, data_format, pool_size, strides, padding, (1,) * n, fill=fill)
        if pool_mode == "max":
            y = o.max(patches, 1, False)  # (outputs, batch, channels)
        else:
            shape = self._cv_shape(x)
            spatial = tuple(shape[2:] if data_format == "channels_first" else shape[1:-1])
            befores = tuple(conv_pads(*a, padding)[0] for a in zip(spatial, pool_size,
                                                                      strides, (1,) * n))
            counts = pool_counts(spatial, pool_size, strides, befores, out)
            summed = o.sum(patches, 1, False)
            if all(c == counts[0] for c in counts):
                y = o.divide(summed, counts[0])
            else:
                divisor = o.convert_to_tensor([[[c]] for c in counts], dtype)
                y = o.divide(summed, divisor)
        return self._cv_output(o.permute_dimensions(y, (1, 0, 2)), batch, out, channels,
                               data_format)

    @hookimpl(trylast=True)
    def pool2d(self, x: Any, pool_size: Any, strides: Any, padding: Any, data_format: Any,
               pool_mode: Any) -> Any:
        return self._cv_pool(x, pool_size, strides, padding, data_format, pool_mode)

    @hookimpl(trylast=True)
    def pool3d(self, x: Any, pool_size: Any, strides: Any, padding: Any, data_format: Any,
               pool_mode: Any) -> Any:
        return self._cv_pool(x, pool_size, strides, padding, data_format, pool_mode)
