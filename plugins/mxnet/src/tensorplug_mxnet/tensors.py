"""Creating, converting and inspecting MXNet arrays."""

from __future__ import annotations

import math
from operator import attrgetter
from typing import Any

from ._impls import Impls
from ._runtime import CODE_NAMES, Runtime


def build(rt: Runtime, **options: Any) -> Impls:
    ns = Impls("tensorplug_mxnet.tensors")
    ND, code, mnp, npx, onp = rt.ND, rt.code, rt.np, rt.npx, rt.onp
    names = CODE_NAMES
    get_shape, get_ndim = attrgetter("shape"), attrgetter("ndim")

    @ns.impl()
    def convert_to_tensor(x: Any, dtype: Any) -> Any:
        if type(x) is ND and (dtype is None or names[code(x)] == dtype):
            return x
        return rt.tensor(x, dtype)

    @ns.impl()
    def to_numpy(x: Any) -> Any:
        if isinstance(x, rt.NDArray):
            return x.asnumpy()  # waits for pending MXNet work, then copies to host
        return onp.asarray(x)

    @ns.impl()
    def is_tensor(x: Any) -> Any:
        return isinstance(x, ND)

    @ns.impl()
    def variable(value: Any, dtype: Any, name: Any, constraint: Any) -> Any:
        t = rt.tensor(value, dtype)
        return t.copy() if t is value else t

    @ns.impl()
    def constant(value: Any, dtype: Any, shape: Any, name: Any) -> Any:
        t = rt.tensor(value, dtype)
        if t is value:
            t = t.copy()
        if shape is None or t.shape == tuple(shape):
            return t
        if t.size == math.prod(shape) and t.ndim:
            return mnp.reshape(t, tuple(shape))
        return mnp.broadcast_to(t, tuple(shape)).copy()

    @ns.impl(fast=get_shape)
    def int_shape(x: Any) -> Any:
        return x.shape

    @ns.impl()
    def shape(x: Any) -> Any:
        return mnp.array(onp.asarray(get_shape(x), dtype="int32"), dtype="int32")

    @ns.impl(fast=get_ndim)
    def ndim(x: Any) -> Any:
        return x.ndim

    @ns.impl()
    def dtype(x: Any) -> Any:
        if type(x) is ND:
            return names[code(x)]
        return rt.name(x)

    @ns.impl()
    def set_value(x: Any, value: Any) -> Any:
        v = rt.tensor(value, names[code(x)])
        x[() if x.ndim == 0 else ...] = v
        return x

    @ns.impl()
    def zeros(shape: Any, dtype: Any, name: Any) -> Any:
        return mnp.zeros(tuple(shape), dtype=dtype)

    @ns.impl()
    def ones(shape: Any, dtype: Any, name: Any) -> Any:
        return mnp.ones(tuple(shape), dtype=dtype)

    @ns.impl()
    def eye(size: Any, dtype: Any, name: Any) -> Any:
        if dtype == "bool":  # MXNet's eye has no bool kernel
            return rt.cast(mnp.eye(size[0], size[1], dtype="int32"), "bool")
        return mnp.eye(size[0], size[1], dtype=dtype)

    @ns.impl()
    def zeros_like(x: Any, dtype: Any, name: Any) -> Any:
        return mnp.zeros(onp.shape(x) if type(x) is not ND else x.shape, dtype=dtype)

    @ns.impl()
    def ones_like(x: Any, dtype: Any, name: Any) -> Any:
        return mnp.ones(onp.shape(x) if type(x) is not ND else x.shape, dtype=dtype)

    @ns.impl(fast=npx.cast)
    def cast(x: Any, dtype: Any) -> Any:
        return npx.cast(rt.tensor(x), dtype)  # float to int truncates; to bool is x != 0

    return ns
