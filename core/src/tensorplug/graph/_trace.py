"""Recording nodes: the tracing state, variables seen as symbols, and ``record``.

A K op applied to a symbol records a node instead of computing: in the facade's
``except`` branch (numpy and frameworks refuse symbols), or in the scoped dispatcher
while a trace is active (``K.symbolic`` / value_and_grad), where registered variables
also become symbols so that gradients reach them.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import weakref
from typing import Any, Callable, Iterator

from .. import _dispatch, _selection
from .._dtypes import scalar_kind
from .._errors import InvalidTypeError
from ..hookspecs import LIST_PARAMS, spec_params, tensor_positions
from . import _rules_nn  # noqa: F401  (registers the family rules)
from ._rules import output_spec
from ._symbol import Symbol, TensorSpec, contains_symbol

_tracing: contextvars.ContextVar[dict[int, Symbol] | None] = contextvars.ContextVar(
    "tensorplug_trace", default=None)
_variables: dict[int, weakref.ref[Any]] = {}


def register_variable(value: Any) -> Any:
    """Remember a K.variable so traces can turn it into a symbol."""
    key = id(value)
    try:
        _variables[key] = weakref.ref(value, lambda _r, k=key: _variables.pop(k, None))
    except TypeError:  # a type without weakref support: not traceable as a variable
        pass
    return value


def is_variable(value: Any) -> bool:
    ref = _variables.get(id(value))
    return ref is not None and ref() is value


@contextlib.contextmanager
def trace() -> Iterator[dict[int, Symbol]]:
    """Graph-building scope: ops on symbols and on variables record nodes."""
    seen: dict[int, Symbol] = {}
    token = _tracing.set(seen)
    _dispatch.open_scope()
    try:
        yield seen
    finally:
        _tracing.reset(token)
        _dispatch.close_scope()


def symbolic(func: Callable[..., Any]) -> Callable[..., Any]:
    """Decorator: run ``func`` in a graph-building scope (Keras's ``K.symbolic``)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with trace():
            return func(*args, **kwargs)

    return wrapper


def tracing() -> bool:
    return _tracing.get() is not None


def variable_symbol(value: Any) -> Symbol:
    """The symbol standing for variable ``value`` in the current trace."""
    seen = _tracing.get()
    assert seen is not None
    sym = seen.get(id(value))
    if sym is None:
        ops = _selection.active().ops
        spec = TensorSpec(tuple(ops["int_shape"](value)), ops["dtype"](value))
        sym = seen[id(value)] = Symbol("variable", (), spec, attrs={"value": value})
    return sym


def lift_variables(name: str, args: tuple[Any, ...]) -> tuple[Any, ...]:
    """Inside a trace, replace registered variables among tensor arguments by symbols."""
    if not _variables:
        return args
    out = list(args)
    for i in tensor_positions(name):
        if i >= len(out):
            continue
        a = out[i]
        if isinstance(a, list):
            out[i] = [variable_symbol(v) if is_variable(v) else v for v in a]
        elif is_variable(a):
            out[i] = variable_symbol(a)
    return tuple(out)


_STATIC: dict[str, Callable[[TensorSpec], Any]] = {
    "int_shape": lambda s: s.shape,
    "ndim": lambda s: len(s.shape) if s.shape is not None else None,
    "dtype": lambda s: s.dtype,
    "is_tensor": lambda s: True,
}
_NEEDS_VALUE = {"to_numpy", "eval", "get_value", "set_value", "variable"}


def record(name: str, args: tuple[Any, ...]) -> Any:
    """Record ``name(*args)`` as a node; answer static queries from the spec."""
    if name in _STATIC:
        return _STATIC[name](args[0].spec)
    if name in _NEEDS_VALUE:
        from ._function import evaluate_constant

        if name in ("eval", "get_value", "to_numpy"):
            return evaluate_constant(args[0])
        raise InvalidTypeError(f"K.{name} needs a concrete tensor, not {args[0]!r}. "
                               f"Evaluate it with K.function first.")
    spec = output_spec(name, _specs(name, args))
    if isinstance(spec, tuple):  # several outputs: one node, one symbol per output
        node = Symbol(name, args, TensorSpec(None, "tuple"), attrs={"n_outputs": len(spec)})
        return tuple(Symbol("output", (node,), s, attrs={"index": i})
                     for i, s in enumerate(spec))
    return Symbol(name, args, spec)


def _specs(name: str, args: tuple[Any, ...]) -> tuple[Any, ...]:
    positions = tensor_positions(name)
    params = spec_params(name)
    out = list(args)
    for i in positions:
        if i >= len(out):
            continue
        if (name, params[i]) in LIST_PARAMS:
            out[i] = [spec_of(v) for v in out[i]]
        else:
            out[i] = spec_of(out[i])
    return tuple(out)


def spec_of(value: Any) -> Any:
    """TensorSpec of a symbol or concrete tensor; Python scalars and None unchanged."""
    if isinstance(value, Symbol):
        return value.spec
    if value is None or scalar_kind(value) is not None:
        return value
    ops = _selection.active().ops
    try:
        return TensorSpec(tuple(ops["int_shape"](value)), ops["dtype"](value))
    except Exception:
        t = ops["convert_to_tensor"](value, None)
        return TensorSpec(tuple(ops["int_shape"](t)), ops["dtype"](t))


__all__ = ["contains_symbol", "is_variable", "record", "register_variable", "symbolic",
           "trace", "tracing"]
