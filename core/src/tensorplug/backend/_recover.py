"""The facade's ``except`` branch: everything that costs time happens only here.

When a bound op raises, ``recover`` (1) lets tensorplug's own errors through, (2) names
a foreign backend's tensor, (3) runs the op's validator so a bad shape, axis or dtype
gives the same error on every backend, (4) retries once with array-likes converted and
mixed dtypes promoted (NEP 50) for frameworks that refuse them, and otherwise (5)
re-raises the framework's error unchanged.
"""

from __future__ import annotations

from typing import Any

from .. import _dtypes, _foreign, _selection
from .._errors import TensorplugError
from .._host import is_host_array
from ..graph._symbol import contains_symbol
from ..graph._trace import record
from ._validate import VALIDATORS

#: Operands promoted together (NEP 50) when a framework refused mixed dtypes; unlike
#: ``hookspecs.tensor_positions`` this leaves out non-promoting tensors (where's condition).
_PROMOTED: dict[str, tuple[int, ...]] = {
    "add": (0, 1), "subtract": (0, 1), "multiply": (0, 1), "divide": (0, 1),
    "maximum": (0, 1), "minimum": (0, 1), "equal": (0, 1), "not_equal": (0, 1),
    "greater": (0, 1), "greater_equal": (0, 1), "less": (0, 1), "less_equal": (0, 1),
    "pow": (0, 1), "where": (1, 2), "clip": (0, 1, 2),
}
_LIST_ARGS = {"concatenate", "stack"}


def recover(name: str, args: tuple[Any, ...], exc: BaseException,
            backend: Any = None) -> Any:
    if contains_symbol(args):  # building a graph: record a node instead
        return record(name, args)
    backend = backend or _selection.active()
    _foreign.check(backend, name, args)
    validator = VALIDATORS.get(name)
    if validator is not None:  # the error names this op, even when an inner op raised
        validator(backend.ops, *args)
    if isinstance(exc, TensorplugError):
        raise exc
    retried = _retry(backend, name, args)
    if retried is not _NOTHING:
        return retried
    raise exc


_NOTHING = object()


def _is_array_like(x: Any) -> bool:
    return isinstance(x, (list, tuple)) or is_host_array(x)


def _retry(backend: Any, name: str, args: tuple[Any, ...]) -> Any:
    ops = backend.ops
    if name in _LIST_ARGS and isinstance(args[0], (list, tuple)):
        items = [ops["convert_to_tensor"](t, None) for t in args[0]]
        want = _dtypes.result_type(*(ops["dtype"](t) for t in items))
        items = [t if ops["dtype"](t) == want else ops["cast"](t, want) for t in items]
        return backend.ops[name](items, *args[1:])
    positions = _PROMOTED.get(name)
    if positions is None:
        if args and (_is_array_like(args[0]) or _dtypes.scalar_kind(args[0]) is not None):
            return backend.ops[name](ops["convert_to_tensor"](args[0], None), *args[1:])
        return _NOTHING
    return _promote_and_call(backend, name, args, positions)


def _promote_and_call(backend: Any, name: str, args: tuple[Any, ...],
                      positions: tuple[int, ...]) -> Any:
    ops = backend.ops
    convert, dtype_of, cast = ops["convert_to_tensor"], ops["dtype"], ops["cast"]
    new = list(args)
    operands: list[Any] = []
    for i in positions:
        a = args[i]
        if a is None:
            continue
        if _dtypes.scalar_kind(a) is not None:
            operands.append(a)
        else:
            new[i] = a = convert(a, None) if _is_array_like(a) else a
            operands.append(dtype_of(a))
    if not operands:
        return _NOTHING
    want = _dtypes.result_type(*operands)
    for i in positions:
        a = new[i]
        if a is None:
            continue
        if _dtypes.scalar_kind(a) is not None:
            new[i] = convert(a, want)
        elif dtype_of(a) != want:
            new[i] = cast(a, want)
    return backend.ops[name](*new)
