"""Evaluating graphs: topological order, then one backend call per node."""

from __future__ import annotations

from typing import Any, Callable, Iterable

from .._errors import InvalidArgumentError
from ._symbol import Symbol


def symbols_in(value: Any) -> Iterable[Symbol]:
    if isinstance(value, Symbol):
        yield value
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from symbols_in(v)


def topo_order(outputs: Iterable[Symbol]) -> list[Symbol]:
    """Every symbol the outputs depend on, inputs before users (iterative DFS)."""
    order: list[Symbol] = []
    done: set[int] = set()
    stack: list[tuple[Symbol, bool]] = [(s, False) for s in outputs]
    while stack:
        sym, expanded = stack.pop()
        if sym.id in done:
            continue
        if expanded:
            done.add(sym.id)
            order.append(sym)
            continue
        stack.append((sym, True))
        for arg in sym.args:
            for dep in symbols_in(arg):
                if dep.id not in done:
                    stack.append((dep, False))
    return order


def substitute(value: Any, env: dict[int, Any]) -> Any:
    if isinstance(value, Symbol):
        return env[value.id]
    if isinstance(value, list):
        return [substitute(v, env) for v in value]
    if isinstance(value, tuple) and any(isinstance(v, Symbol) for v in value):
        return tuple(substitute(v, env) for v in value)
    return value


#: Graph-internal ops (not contract ops): name -> fn(backend, node, args).
INTERNAL: dict[str, Callable[[Any, Symbol, tuple[Any, ...]], Any]] = {}


def internal(name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def add(fn: Callable[..., Any]) -> Callable[..., Any]:
        INTERNAL[name] = fn
        return fn

    return add


@internal("variable")
def _variable(backend: Any, node: Symbol, args: tuple[Any, ...]) -> Any:
    return node.attrs["value"]


@internal("stop_gradient")
def _stop(backend: Any, node: Symbol, args: tuple[Any, ...]) -> Any:
    return args[0]


@internal("output")
def _output(backend: Any, node: Symbol, args: tuple[Any, ...]) -> Any:
    return args[0][node.attrs["index"]]


@internal("reshape_like")
def _reshape_like(backend: Any, node: Symbol, args: tuple[Any, ...]) -> Any:
    g, like = args
    return call(backend, "reshape", (g, tuple(backend.ops["int_shape"](like))))


#: Graph-internal ops that read values on the host (a tracing compiler cannot run them).
HOST_INTERNAL = frozenset({"reshape_dynamic"})


@internal("reshape_dynamic")
def _reshape_dynamic(backend: Any, node: Symbol, args: tuple[Any, ...]) -> Any:
    x, entries = args
    to_numpy = backend.ops["to_numpy"]
    shape = tuple(d if type(d) is int else int(to_numpy(d)) for d in entries)
    return call(backend, "reshape", (x, shape))


def dynamic_reshape_spec(x: Any, entries: list[Any]) -> Any:
    """Static spec of ``reshape_dynamic``: ints stay, symbols and a -1 are unknown
    (a -1 is known when every other size and ``x``'s shape are)."""
    from .. import backend as K
    from ._symbol import TensorSpec

    dims = [None if isinstance(d, Symbol) or d == -1 else d for d in entries]
    if -1 in entries and not any(isinstance(d, Symbol) for d in entries):
        known = K.int_shape(x)
        rest = 1
        for d in entries:
            rest *= 1 if d == -1 else d
        if known is not None and None not in known and rest:
            total = 1
            for d in known:
                total *= d
            dims[entries.index(-1)] = total // rest
    return TensorSpec(tuple(dims), K.dtype(x))


@internal("placeholder")
def _placeholder(backend: Any, node: Symbol, args: tuple[Any, ...]) -> Any:
    raise InvalidArgumentError(
        f"The graph needs a value for placeholder {node.name!r} (shape {node.shape}, "
        f"dtype {node.dtype}), but it is not among the K.function inputs.\n"
        f"Fix: add it to the inputs list.")


@internal("learning_phase")
def _phase(backend: Any, node: Symbol, args: tuple[Any, ...]) -> Any:
    return 0


def call(backend: Any, op: str, args: tuple[Any, ...]) -> Any:
    """One contract op on ``backend``, with the facade's recovery on failure."""
    try:
        return backend.ops[op](*args)
    except Exception as exc:
        from ..backend._recover import recover

        return recover(op, args, exc, backend)


def run(backend: Any, order: list[Symbol], env: dict[int, Any]) -> dict[int, Any]:
    """Evaluate ``order`` (topological) given fed values in ``env``."""
    for node in order:
        if node.id in env:
            continue
        args = tuple(substitute(a, env) for a in node.args)
        special = INTERNAL.get(node.op)
        if special is not None:
            env[node.id] = special(backend, node, args)
        elif node.attrs.get("loop") is not None:
            env[node.id] = node.attrs["loop"].evaluate(backend, args)
        else:
            env[node.id] = call(backend, node.op, args)
    return env


class Plan:
    """``order`` prepared once for repeated evaluation on one backend (``K.function``).

    Per node: the callable (the backend's op, or a graph-internal op), the arguments
    with fed values' positions marked, so a call fills a list instead of walking every
    argument; nodes with symbols nested in list arguments substitute as :func:`run`
    does. The same results and errors as :func:`run` (errors recover through the
    facade's ``recover``).
    """

    __slots__ = ("backend", "steps")

    def __init__(self, backend: Any, order: list[Symbol]) -> None:
        self.backend = backend
        steps = []
        for node in order:
            top = [(i, a.id) for i, a in enumerate(node.args) if isinstance(a, Symbol)]
            nested = any(not isinstance(a, Symbol) and any(True for _ in symbols_in(a))
                         for a in node.args)
            special = INTERNAL.get(node.op)
            loop = node.attrs.get("loop")
            if special is not None:
                kind, fn = 1, special
            elif loop is not None:
                kind, fn = 2, loop.evaluate
            else:
                kind, fn = 0, backend.ops.get(node.op)
                if fn is None:  # not an op of this backend: run()'s error, at run time
                    kind = 3
            steps.append((node.id, node, kind, fn, list(node.args), tuple(top), nested))
        self.steps = steps

    def run(self, env: dict[int, Any]) -> dict[int, Any]:
        backend = self.backend
        for nid, node, kind, fn, template, top, nested in self.steps:
            if nid in env:
                continue
            if nested:
                args = tuple(substitute(a, env) for a in node.args)
            else:
                filled = template.copy()
                for i, sid in top:
                    filled[i] = env[sid]
                args = tuple(filled)
            if kind == 0:
                try:
                    env[nid] = fn(*args)
                except Exception as exc:
                    from ..backend._recover import recover

                    env[nid] = recover(node.op, args, exc, backend)
            elif kind == 1:
                env[nid] = fn(backend, node, args)
            elif kind == 2:
                env[nid] = fn(backend, args)
            else:
                env[nid] = call(backend, node.op, args)
        return env
