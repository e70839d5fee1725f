"""clip: CuPy's ``ndarray.clip`` (``cupy.clip`` has no ``min=``/``max=`` and hands a
numpy array back to numpy; the unbound method refuses it, so the facade converts)."""

from __future__ import annotations

from types import ModuleType
from typing import Any

from tensorplug_numpy import Impls


def build(xp: ModuleType, **options: Any) -> Impls:
    ns = Impls("tensorplug_cuda.elementwise")
    clip_method, minimum, maximum, array = xp.ndarray.clip, xp.minimum, xp.maximum, xp.array

    @ns.impl()
    def clip(x: Any, min_value: Any, max_value: Any) -> Any:
        if min_value is None:
            return array(x) if max_value is None else minimum(x, max_value)
        if max_value is None:
            return maximum(x, min_value)
        return clip_method(x, min_value, max_value)

    return ns
