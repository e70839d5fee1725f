"""Reshaping, joining, repeating and indexing MXNet arrays."""

from __future__ import annotations

import math
from typing import Any, Callable

from tensorplug import backend as K
from tensorplug._dtypes import result_type

from ._impls import Impls
from ._runtime import Runtime
from .linalg import permute

_INDEX_DTYPES = frozenset({"int32", "int64", "int8", "uint8"})


def build(rt: Runtime, **options: Any) -> Impls:
    ns = Impls("tensorplug_mxnet.shapes")
    ND, code, mnp, npi, npx = rt.ND, rt.code, rt.np, rt.npi, rt.npx
    mreshape, msqueeze = mnp.reshape, mnp.squeeze

    def joined(fn: Callable[..., Any], tensors: Any, axis: Any) -> Any:
        """MXNet refuses mixed dtypes: promote them first (NEP 50 over all inputs)."""
        first = tensors[0]
        if type(first) is ND:
            c = code(first)
            if all(type(t) is ND and code(t) == c for t in tensors):
                return fn(*tensors, axis=axis)
        want = result_type(*(rt.name(t) for t in tensors))
        return fn(*(rt.tensor(t, want) for t in tensors), axis=axis)

    @ns.impl(fast=mreshape)
    def reshape(x: Any, shape: Any) -> Any:
        return mreshape(rt.tensor(x), shape)

    @ns.impl()
    def concatenate(tensors: Any, axis: Any) -> Any:
        return joined(npi.concatenate, tensors, axis)

    @ns.impl()
    def stack(x: Any, axis: Any) -> Any:
        shapes = {rt.tensor(t).shape if type(t) is not ND else t.shape for t in x}
        if len(shapes) > 1:  # MXNet's stack does not check this
            raise ValueError(f"stack needs tensors of one shape, got {sorted(shapes)}")
        return joined(npi.stack, x, axis)

    @ns.impl(fast=npi.expand_dims)
    def expand_dims(x: Any, axis: Any) -> Any:
        return npi.expand_dims(rt.tensor(x), axis)

    @ns.impl(fast=msqueeze)
    def squeeze(x: Any, axis: Any) -> Any:
        return msqueeze(rt.tensor(x), axis)

    @ns.impl()
    def flatten(x: Any) -> Any:
        return mreshape(rt.tensor(x), (-1,))

    @ns.impl()
    def batch_flatten(x: Any) -> Any:
        x = rt.tensor(x)
        return mreshape(x, (x.shape[0], math.prod(x.shape[1:])))

    @ns.impl()
    def permute_dimensions(x: Any, pattern: Any) -> Any:
        return permute(rt, x, tuple(pattern))

    @ns.impl(fast=npi.tile)
    def tile(x: Any, n: Any) -> Any:
        return npi.tile(rt.tensor(x), n)

    @ns.impl()
    def repeat_elements(x: Any, rep: Any, axis: Any) -> Any:
        x = rt.tensor(x)
        if rep == 0:  # MXNet's repeat drops the other axes when rep is 0
            shape = list(x.shape)
            shape[axis] = 0
            return mnp.zeros(tuple(shape), dtype=rt.name(x))
        return mnp.repeat(x, rep, axis)

    @ns.impl()
    def gather(reference: Any, indices: Any) -> Any:
        # Indices are checked on the host: MXNet's take(mode="raise") would report a bad
        # index asynchronously, at some later op. mode="wrap" serves negative indices,
        # which count from the end as in numpy's take.
        reference = rt.tensor(reference)
        if isinstance(indices, rt.NDArray):
            idx = rt.tensor(indices)
            host = idx.asnumpy()
        else:
            host = rt.onp.asarray(indices)
            idx = rt.tensor(host)
        if host.dtype.name not in _INDEX_DTYPES:
            raise TypeError(f"gather needs integer indices, got {host.dtype.name}")
        n = reference.shape[0]
        if host.size and not -n <= int(host.min()) <= int(host.max()) < n:
            raise IndexError(f"gather index out of range for {n} rows")
        return npi.take(reference, idx, axis=0, mode="wrap")

    @ns.impl()
    def one_hot(indices: Any, num_classes: Any) -> Any:
        idx = rt.tensor(indices)
        if rt.name(idx) not in ("int32", "int64"):
            idx = rt.cast(idx, "int64")
        return npx.one_hot(idx, num_classes, dtype=K.floatx())

    return ns
