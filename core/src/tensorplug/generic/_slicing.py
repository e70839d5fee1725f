"""Generic composites: slicing, reversing, ranges and repetition.

Slicing and reversing pick indices along one axis at a time with the ``gather``
primitive (which indexes axis 0): swap the axis to the front with
``permute_dimensions``, gather, swap back. Index lists are built on the host.
"""

from __future__ import annotations

import math
from typing import Any

from ..hookspecs import hookimpl


def arange_values(start: Any, stop: Any, step: Any) -> list[Any]:
    """``numpy.arange``'s values as a Python list: ``start + i * step``."""
    count = max(0, math.ceil((stop - start) / step))
    if all(isinstance(v, int) for v in (start, stop, step)):
        return list(range(start, stop, step))
    return [start + i * step for i in range(count)]


class SlicingComposites:
    ops: Any

    def _take(self, x: Any, axis: int, indices: range) -> Any:
        """``x`` indexed by ``indices`` along ``axis``."""
        o = self.ops
        idx = o.convert_to_tensor(list(indices), "int64")
        if axis == 0:
            return o.gather(x, idx)
        rank = len(o.int_shape(x))
        swap = tuple(axis if i == 0 else 0 if i == axis else i for i in range(rank))
        return o.permute_dimensions(o.gather(o.permute_dimensions(x, swap), idx), swap)

    @hookimpl(trylast=True)
    def slice(self, x: Any, start: Any, size: Any) -> Any:
        shape = tuple(self.ops.int_shape(x))
        for axis, (begin, count) in enumerate(zip(start, size)):
            if begin == 0 and (count == -1 or count == shape[axis]):
                continue  # the whole axis (its size may be unknown while tracing)
            end = shape[axis] if count == -1 else begin + count
            x = self._take(x, axis, range(begin, end))
        return x

    @hookimpl(trylast=True)
    def reverse(self, x: Any, axes: Any) -> Any:
        shape = tuple(self.ops.int_shape(x))
        for axis in sorted({a % len(shape) for a in axes}):
            if shape[axis] > 1:
                x = self._take(x, axis, range(shape[axis] - 1, -1, -1))
        return x

    @hookimpl(trylast=True)
    def arange(self, start: Any, stop: Any, step: Any, dtype: Any) -> Any:
        o = self.ops
        values = arange_values(start, stop, step)
        if all(isinstance(v, int) for v in values):
            return o.convert_to_tensor(values, dtype)
        return o.cast(o.convert_to_tensor(values, "float64"), dtype)  # truncates to ints

    @hookimpl(trylast=True)
    def repeat(self, x: Any, n: Any) -> Any:
        o = self.ops
        return o.tile(o.expand_dims(x, 1), (1, n, 1))
