"""Evaluating graphs: topological order, then one backend call per node (``Plan``)."""

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


class Plan:
    """``order`` (topological) prepared once for repeated evaluation on ``backend``
    (``K.function``, each step of a loop): per node, the callable -- the backend's op,
    a graph-internal op or a loop -- and where the values of its symbol arguments go,
    so a call fills a list instead of walking every argument (symbols nested in list
    arguments are substituted). A failing backend op recovers through the facade's
    ``recover``, as a K call does.
    """

    __slots__ = ("backend", "steps")

    _OP, _INTERNAL, _LOOP = range(3)

    def __init__(self, backend: Any, order: list[Symbol]) -> None:
        self.backend = backend
        steps = []
        for node in order:
            top = tuple((i, a.id) for i, a in enumerate(node.args) if isinstance(a, Symbol))
            nested = any(not isinstance(a, Symbol) and next(symbols_in(a), None) is not None
                         for a in node.args)
            if node.op in INTERNAL:
                kind, fn = self._INTERNAL, INTERNAL[node.op]
            elif node.attrs.get("loop") is not None:
                kind, fn = self._LOOP, node.attrs["loop"].evaluate
            else:  # every contract op is in ops (a missing optional one raises there)
                kind, fn = self._OP, backend.ops[node.op]
            steps.append((node.id, node, kind, fn, list(node.args), top, nested))
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
            if kind == self._OP:
                try:
                    env[nid] = fn(*args)
                except Exception as exc:
                    from ..backend._recover import recover

                    env[nid] = recover(node.op, args, exc, backend)
            elif kind == self._INTERNAL:
                env[nid] = fn(backend, node, args)
            else:
                env[nid] = fn(backend, args)
        return env
