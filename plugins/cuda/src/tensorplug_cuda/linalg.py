"""dot and transpose through CuPy's unbound ``ndarray`` methods (``cupy.dot`` and
``cupy.transpose`` call the argument's method, which would compute a numpy array on
the host)."""

from __future__ import annotations

from types import ModuleType
from typing import Any

from tensorplug_numpy import Impls


def build(xp: ModuleType, **options: Any) -> Impls:
    ns = Impls("tensorplug_cuda.linalg")
    nd, asarray = xp.ndarray, xp.asarray
    dot_ = nd.dot

    @ns.impl()
    def dot(x: Any, y: Any) -> Any:
        # ndarray.dot refuses a non-CuPy x (the facade retries with x converted) but
        # the retry leaves y alone, so convert y here.
        return dot_(x, y if isinstance(y, nd) else asarray(y))

    @ns.impl(fast=nd.transpose)
    def transpose(x: Any) -> Any:
        return nd.transpose(x)

    return ns
