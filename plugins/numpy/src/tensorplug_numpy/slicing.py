"""numpy overrides of composites: slicing, reversing, ranges and repetition.

``slice`` and ``reverse`` return views (as ``reshape`` and ``permute_dimensions`` do
here); the generic versions gather copies one axis at a time.
"""

from __future__ import annotations

import builtins
from types import ModuleType
from typing import Any

from ._impls import Impls


def build(xp: ModuleType, **options: Any) -> Impls:
    ns = Impls("tensorplug_numpy.slicing")

    @ns.impl()
    def slice(x: Any, start: Any, size: Any) -> Any:  # noqa: A001 - contract name
        x = xp.asarray(x)
        return x[tuple(builtins.slice(b, None if n == -1 else b + n)
                       for b, n in zip(start, size))]

    @ns.impl()
    def reverse(x: Any, axes: Any) -> Any:
        return xp.flip(xp.asarray(x), axis=tuple(axes))

    @ns.impl()
    def arange(start: Any, stop: Any, step: Any, dtype: Any) -> Any:
        if type(start) is int and type(stop) is int and type(step) is int:
            return xp.arange(start, stop, step, dtype=dtype)
        return xp.arange(start, stop, step, dtype="float64").astype(dtype)

    @ns.impl()
    def repeat(x: Any, n: Any) -> Any:
        return xp.repeat(xp.expand_dims(xp.asarray(x), 1), n, axis=1)

    return ns
