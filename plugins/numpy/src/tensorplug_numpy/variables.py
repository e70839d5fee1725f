"""numpy overrides of composites: in-place variable updates without temporaries, and a
plain copy for ``identity`` (measured 2-10x faster than the generic versions, which
compute a new value and assign it with ``set_value``). ``is_variable`` stays generic:
numpy variables are plain ndarrays, known only to the core's variable registry."""

from __future__ import annotations

from types import ModuleType
from typing import Any

from tensorplug import IncompatibleShapesError

from ._impls import Impls


def build(xp: ModuleType, **options: Any) -> Impls:
    ns = Impls("tensorplug_numpy.variables")

    def in_place(op: str, ufunc: Any, x: Any, y: Any) -> Any:
        try:
            ufunc(x, xp.asarray(y), out=x, casting="unsafe")
        except ValueError:
            shape = xp.shape(y)
            raise IncompatibleShapesError(
                f"K.{op}: a value of shape {shape} does not broadcast to the variable's "
                f"shape {x.shape}.\nReceived: x.shape={x.shape}, value shape={shape}.\n"
                f"Fix: pass a value that broadcasts to the variable's shape.") from None
        return x

    @ns.impl()
    def update(x: Any, new_x: Any) -> Any:
        try:
            xp.copyto(x, xp.asarray(new_x), casting="unsafe")
        except ValueError:
            in_place("update", xp.add, x.copy(), new_x)  # raises the shape error
            raise
        return x

    @ns.impl()
    def update_add(x: Any, increment: Any) -> Any:
        return in_place("update_add", xp.add, x, increment)

    @ns.impl()
    def update_sub(x: Any, decrement: Any) -> Any:
        return in_place("update_sub", xp.subtract, x, decrement)

    @ns.impl()
    def moving_average_update(x: Any, value: Any, momentum: Any) -> Any:
        shape = xp.shape(value)
        if shape != x.shape:
            in_place("moving_average_update", xp.add, x.copy(), value)  # raises if bad
        xp.multiply(x, momentum, out=x, casting="unsafe")
        return in_place("moving_average_update", xp.add, x,
                        xp.multiply(xp.asarray(value), 1.0 - momentum))

    @ns.impl()
    def identity(x: Any, name: Any) -> Any:
        return xp.array(x, copy=True)

    return ns
