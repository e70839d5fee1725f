"""Shape ops through CuPy's unbound ``ndarray`` methods where ``cupy.<fn>`` would call
a numpy argument's own method (squeeze, ravel, transpose, repeat, take).
The unbound methods refuse a numpy array and the facade retries with it converted.

``gather``: CuPy's ``take`` wraps out-of-range indices around instead of raising, so
indices are range-checked first (the contract's error on every backend): host indices
(lists, numpy arrays) on the host before the upload, device indices on the device,
which costs one stream synchronisation per call.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from tensorplug_numpy import Impls


def _out_of_range(xp: ModuleType, idx: Any, n: int) -> bool:
    """Whether any index lies outside ``[-n, n)`` (for device arrays: one sync)."""
    return bool(idx.size) and bool(xp.any((idx < -n) | (idx >= n)))


def _check_indices(xp: ModuleType, idx: Any, shape: tuple[int, ...]) -> None:
    """Raise IndexError (the facade's validator then raises its gather error)."""
    if idx.dtype.kind not in "iu":
        raise IndexError(f"K.gather: indices must be integers. Received: dtype {idx.dtype}.")
    if shape and _out_of_range(xp, idx, shape[0]):
        raise IndexError(f"K.gather: indices must be in [0, {shape[0]}).")


def build(xp: ModuleType, **options: Any) -> Impls:
    ns = Impls("tensorplug_cuda.shapes")
    nd, asarray = xp.ndarray, xp.asarray
    take_, repeat_ = nd.take, nd.repeat

    @ns.impl(fast=nd.squeeze)
    def squeeze(x: Any, axis: Any) -> Any:
        return nd.squeeze(x, axis)

    @ns.impl(fast=nd.ravel)
    def flatten(x: Any) -> Any:
        return nd.ravel(x)

    @ns.impl(fast=nd.transpose)
    def permute_dimensions(x: Any, pattern: Any) -> Any:
        return nd.transpose(x, pattern)

    @ns.impl()
    def repeat_elements(x: Any, rep: Any, axis: Any) -> Any:
        # Converts here rather than leaving it to the facade's retry: tensorplug 0.1.0's
        # repeat_elements validator reads ``rep`` as the axis.
        return repeat_(x if isinstance(x, nd) else asarray(x), rep, axis)

    @ns.impl()
    def gather(reference: Any, indices: Any) -> Any:
        if not isinstance(indices, nd):
            import numpy

            _check_indices(numpy, numpy.asarray(indices), xp.shape(reference))
            return take_(reference, asarray(indices), 0)
        _check_indices(xp, indices, xp.shape(reference))
        return take_(reference, indices, 0)

    return ns
