"""NEP 50 on numpy < 2: wrappers that apply tensorplug's promotion table.

numpy >= 2 already promotes as the contract says, so there the ops bind to numpy's own
ufuncs. numpy 1.x uses value-based casting for 0-d operands; these wrappers compute the
contract's dtype and pass it to the ufunc. (Never ``np._set_promotion_state``: it would
change the user's whole process.)
"""

from __future__ import annotations

from types import ModuleType
from typing import Any, Callable

from tensorplug._dtypes import result_type, scalar_kind


def needs_wrappers(xp: ModuleType) -> bool:
    version = getattr(xp, "__version__", "2")
    return int(version.split(".")[0]) < 2


def operand(x: Any) -> Any:
    """A dtype name for arrays and numpy scalars; the scalar itself when weak."""
    if scalar_kind(x) is not None:
        return x
    dt = getattr(x, "dtype", None)
    if dt is None:
        import numpy

        dt = numpy.asarray(x).dtype
    return dt.name


def wrap_arith(xp: ModuleType, ufunc: Callable[..., Any]) -> Callable[..., Any]:
    def call(x: Any, y: Any) -> Any:
        want = result_type(operand(x), operand(y))
        if ufunc is xp.true_divide and want[0] != "f":
            want = "float64"
        return ufunc(x, y, dtype=want)

    return call


def wrap_compare(xp: ModuleType, ufunc: Callable[..., Any]) -> Callable[..., Any]:
    def call(x: Any, y: Any) -> Any:
        want = result_type(operand(x), operand(y))
        return ufunc(xp.asarray(x, want), xp.asarray(y, want))

    return call


def wrap_where(xp: ModuleType) -> Callable[..., Any]:
    def call(condition: Any, x: Any, y: Any) -> Any:
        want = result_type(operand(x), operand(y))
        return xp.where(condition, xp.asarray(x, want), xp.asarray(y, want))

    return call
