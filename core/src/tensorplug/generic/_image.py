"""Generic composites: padding and resizing, from contract ops only.

Padding concatenates zero blocks (made with ``zeros``, or ``zeros_like`` of a gathered
slice when a dimension is unknown while tracing). Nearest resizing is
``repeat_elements`` per axis; bilinear resizing is one ``dot`` per axis with an
interpolation matrix built on the host.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Any

from .. import _config
from ..hookspecs import hookimpl

Pair = tuple[int, int]


@lru_cache(maxsize=64)
def bilinear_matrix(size: int, factor: int) -> tuple[tuple[float, ...], ...]:
    """``(size, size * factor)``: column ``j`` holds the weights of output ``j``, with
    half-pixel centres and edges clamped (TensorFlow's ``half_pixel_centers=True``)."""
    cols = [[0.0] * (size * factor) for _ in range(size)]
    for j in range(size * factor):
        src = (j + 0.5) / factor - 0.5
        low = math.floor(src)
        frac = src - low
        for i, w in ((low, 1.0 - frac), (low + 1, frac)):
            cols[min(max(i, 0), size - 1)][j] += w
    return tuple(tuple(r) for r in cols)


class ImageComposites:
    ops: Any

    def _im_zeros(self, x: Any, axis: int, n: int) -> Any:
        """Zeros shaped like ``x`` but ``n`` long on ``axis``."""
        o = self.ops
        shape = list(o.int_shape(x))
        dtype = o.dtype(x)
        if None not in shape:
            shape[axis] = n
            return o.zeros(tuple(shape), dtype, None)
        rank = len(shape)
        perm = (axis, *(i for i in range(rank) if i != axis))
        block = o.gather(o.permute_dimensions(x, perm), [0] * n)
        back = tuple(perm.index(i) for i in range(rank))
        return o.permute_dimensions(o.zeros_like(block, dtype, None), back)

    def _im_pad(self, x: Any, pads: dict[int, Pair]) -> Any:
        for axis, (before, after) in pads.items():
            parts = [x]
            if before:
                parts.insert(0, self._im_zeros(x, axis, before))
            if after:
                parts.append(self._im_zeros(x, axis, after))
            if len(parts) > 1:
                x = self.ops.concatenate(parts, axis)
        return x

    @staticmethod
    def _im_axes(n: int, data_format: str) -> tuple[int, ...]:
        return tuple(range(2, n + 2)) if data_format == "channels_first" \
            else tuple(range(1, n + 1))

    @hookimpl(trylast=True)
    def temporal_padding(self, x: Any, padding: Any) -> Any:
        return self._im_pad(x, {1: padding})

    @hookimpl(trylast=True)
    def spatial_2d_padding(self, x: Any, padding: Any, data_format: Any) -> Any:
        return self._im_pad(x, dict(zip(self._im_axes(2, data_format), padding)))

    @hookimpl(trylast=True)
    def spatial_3d_padding(self, x: Any, padding: Any, data_format: Any) -> Any:
        return self._im_pad(x, dict(zip(self._im_axes(3, data_format), padding)))

    def _im_nearest(self, x: Any, factors: dict[int, int]) -> Any:
        for axis, factor in factors.items():
            if factor != 1:
                x = self.ops.repeat_elements(x, factor, axis)
        return x

    def _im_bilinear(self, x: Any, axis: int, factor: int) -> Any:
        o = self.ops
        shape = tuple(o.int_shape(x))
        rank = len(shape)
        perm = (*(i for i in range(rank) if i != axis), axis)
        weights = o.convert_to_tensor(bilinear_matrix(shape[axis], factor), o.dtype(x))
        y = o.dot(o.permute_dimensions(x, perm), weights)
        return o.permute_dimensions(y, tuple(perm.index(i) for i in range(rank)))

    @hookimpl(trylast=True)
    def resize_images(self, x: Any, height_factor: Any, width_factor: Any, data_format: Any,
                      interpolation: Any) -> Any:
        factors = dict(zip(self._im_axes(2, data_format), (height_factor, width_factor)))
        if interpolation == "nearest":
            return self._im_nearest(x, factors)
        if not self.ops.dtype(x).startswith(("float", "bfloat")):
            x = self.ops.cast(x, _config.floatx())
        for axis, factor in factors.items():
            if factor != 1:
                x = self._im_bilinear(x, axis, factor)
        return x

    @hookimpl(trylast=True)
    def resize_volumes(self, x: Any, depth_factor: Any, height_factor: Any,
                       width_factor: Any, data_format: Any) -> Any:
        factors = (depth_factor, height_factor, width_factor)
        return self._im_nearest(x, dict(zip(self._im_axes(3, data_format), factors)))
