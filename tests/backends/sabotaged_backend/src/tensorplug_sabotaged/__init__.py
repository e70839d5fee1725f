"""The numpy backend plus five faults, registered last so they win:

1. ``add`` is off by 1e-3 for float results;
2. ``clip`` treats a missing (None) bound as 0;
3. ``sum`` ignores ``keepdims``;
4. ``argmax`` picks the last of tied maxima;
5. ``cast`` to float64 gives float32.
"""

from __future__ import annotations

from typing import Any

FAULTY_OPS = ("add", "clip", "sum", "argmax", "cast")


def probe() -> tuple[bool, str]:
    return True, "test-only sabotaged numpy backend"


def load() -> list[Any]:
    import numpy as np
    from tensorplug_numpy import Impls, build

    faults = Impls("tensorplug_sabotaged.faults")

    @faults.impl()
    def add(x: Any, y: Any) -> Any:
        out = np.add(x, y)
        return out + out.dtype.type(1e-3) if out.dtype.kind == "f" else out

    @faults.impl()
    def clip(x: Any, min_value: Any, max_value: Any) -> Any:
        return np.clip(x, 0 if min_value is None else min_value,
                       0 if max_value is None else max_value)

    @faults.impl()
    def sum(x: Any, axis: Any, keepdims: Any) -> Any:
        return np.add.reduce(x, axis)

    @faults.impl()
    def argmax(x: Any, axis: Any) -> Any:
        x = np.asarray(x)
        return x.shape[axis] - 1 - np.argmax(np.flip(x, axis), axis)

    @faults.impl()
    def cast(x: Any, dtype: Any) -> Any:
        return np.asarray(x).astype("float32" if dtype == "float64" else dtype)

    return [*build(np, name="sabotaged", xfails=None), faults]
