"""Tensor overrides: host copies through ``cupy.asnumpy``, CuPy arrays only as tensors."""

from __future__ import annotations

from types import ModuleType
from typing import Any

from tensorplug_numpy import Impls


def build(xp: ModuleType, **options: Any) -> Impls:
    ns = Impls("tensorplug_cuda.tensors")
    ndarray, asarray = xp.ndarray, xp.asarray
    tensor_types = tuple(options.get("tensor_types", (ndarray,)))
    asnumpy = getattr(xp, "asnumpy", None)
    if asnumpy is None:  # xp is numpy (CI runs the overrides on it)
        import numpy

        asnumpy = numpy.asarray

    @ns.impl(fast=asnumpy)
    def to_numpy(x: Any) -> Any:
        # numpy.asarray refuses CuPy arrays (no implicit device-to-host copies).
        return asnumpy(x)

    @ns.impl()
    def is_tensor(x: Any) -> Any:
        # tensorplug-numpy's version accepts xp.generic, which CuPy re-exports from numpy.
        return isinstance(x, tensor_types)

    @ns.impl()
    def set_value(x: Any, value: Any) -> Any:
        x[...] = value if isinstance(value, ndarray) else asarray(value)
        return x

    return ns
