"""Products and transposes of numpy tensors."""

from __future__ import annotations

import math
from types import ModuleType
from typing import Any

from ._impls import Impls


def build(xp: ModuleType, **options: Any) -> Impls:
    ns = Impls("tensorplug_numpy.linalg")

    @ns.impl(fast=xp.dot)
    def dot(x: Any, y: Any) -> Any:
        return xp.dot(x, y)

    @ns.impl()
    def batch_dot(x: Any, y: Any, axes: Any) -> Any:
        x, y = xp.asarray(x), xp.asarray(y)
        xt = xp.moveaxis(x, axes[0], -1)  # (b, rest_x..., c)
        yt = xp.moveaxis(y, axes[1], 1)  # (b, c, rest_y...)
        b, c = x.shape[0], xt.shape[-1]
        rest_x, rest_y = xt.shape[1:-1], yt.shape[2:]
        out = xp.matmul(xt.reshape(b, math.prod(rest_x), c),
                        yt.reshape(b, c, math.prod(rest_y)))
        return out.reshape((b, *rest_x, *rest_y) if rest_x or rest_y else (b, 1))

    @ns.impl(fast=xp.transpose)
    def transpose(x: Any) -> Any:
        return xp.transpose(x)

    return ns
