"""Creating, converting and inspecting numpy tensors."""

from __future__ import annotations

import math
from types import ModuleType
from typing import Any

from ._impls import Impls


def build(xp: ModuleType, **options: Any) -> Impls:
    ns = Impls("tensorplug_numpy.tensors")
    tensor_types = (xp.ndarray, xp.generic)

    @ns.impl()
    def convert_to_tensor(x: Any, dtype: Any) -> Any:
        if dtype is None and isinstance(x, xp.ndarray):
            return x
        return xp.asarray(x, dtype=dtype)

    @ns.impl()
    def to_numpy(x: Any) -> Any:
        import numpy

        return numpy.array(x)  # a copy: a later update of a variable must not change it

    @ns.impl()
    def is_tensor(x: Any) -> Any:
        return isinstance(x, tensor_types)

    @ns.impl()
    def variable(value: Any, dtype: Any, name: Any, constraint: Any) -> Any:
        return xp.array(value, dtype=dtype)

    @ns.impl()
    def constant(value: Any, dtype: Any, shape: Any, name: Any) -> Any:
        arr = xp.array(value, dtype=dtype)
        if shape is None or arr.shape == tuple(shape):
            return arr
        if arr.size == math.prod(shape) and arr.ndim:
            return arr.reshape(shape)
        return xp.broadcast_to(arr, shape).copy()

    @ns.impl(fast=xp.shape)
    def int_shape(x: Any) -> Any:
        return xp.shape(x)

    @ns.impl()
    def shape(x: Any) -> Any:
        return xp.asarray(xp.shape(x), dtype="int32")

    @ns.impl(fast=xp.ndim)
    def ndim(x: Any) -> Any:
        return xp.ndim(x)

    @ns.impl()
    def dtype(x: Any) -> Any:
        return x.dtype.name

    @ns.impl()
    def set_value(x: Any, value: Any) -> Any:
        x[...] = value
        return x

    @ns.impl()
    def zeros(shape: Any, dtype: Any, name: Any) -> Any:
        return xp.zeros(shape, dtype=dtype)

    @ns.impl()
    def ones(shape: Any, dtype: Any, name: Any) -> Any:
        return xp.ones(shape, dtype=dtype)

    @ns.impl()
    def eye(size: Any, dtype: Any, name: Any) -> Any:
        return xp.eye(size[0], size[1], dtype=dtype)

    @ns.impl()
    def zeros_like(x: Any, dtype: Any, name: Any) -> Any:
        return xp.zeros(xp.shape(x), dtype=dtype)

    @ns.impl()
    def ones_like(x: Any, dtype: Any, name: Any) -> Any:
        return xp.ones(xp.shape(x), dtype=dtype)

    @ns.impl(fast=xp.ndarray.astype)
    def cast(x: Any, dtype: Any) -> Any:
        return xp.asarray(x).astype(dtype)

    @ns.impl()
    def from_dlpack(x: Any) -> Any:
        return xp.from_dlpack(x)

    return ns
