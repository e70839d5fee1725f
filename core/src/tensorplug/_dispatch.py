"""Binding the facade's per-op globals: the hot path.

Each facade module keeps one module global per op (``_add`` for ``K.add``) and calls
it directly, so an eager op costs one Python call plus the framework's own callable.
What the globals hold depends on the mode:

- **fast**: one backend loaded, no ``use_backend`` scope open anywhere, no trace mode:
  the process backend's bound callables themselves (``np.add``).
- **scoped**: a ``use_backend`` scope is open somewhere, or several backends are loaded:
  small dispatchers that read the ContextVar and refuse another backend's tensors.
- **trace**: ``TENSORPLUG_TRACE=1``: every call goes through ``pm.hook.<op>`` with
  pluggy's call monitoring.
- **lazy**: nothing resolved yet: the first call resolves the backend, then rebinds.
"""

from __future__ import annotations

import os
import threading
from types import ModuleType
from typing import Any, Callable

from .hookspecs import KINDS, SESSION_HOOKS, spec_function, spec_params

OPS = tuple(n for n in KINDS if n not in SESSION_HOOKS)
TRACE_ENV = "TENSORPLUG_TRACE"
#: Logger of trace mode's per-call records (``logging`` is imported only in trace mode:
#: it adds ~1.5 ms to ``import tensorplug``).
TRACE_LOGGER = "tensorplug.trace"

_lock = threading.RLock()


def _unbound(*args: Any) -> Any:
    raise RuntimeError("tensorplug facade op used before registration")


UNBOUND: Callable[..., Any] = _unbound
_modules: list[tuple[ModuleType, tuple[str, ...]]] = []
_scopes = 0
_table: dict[str, Callable[..., Any]] | None = None
mode = "lazy"


def register(module: ModuleType, names: tuple[str, ...]) -> None:
    """A facade module declares which op globals it holds; they start lazy."""
    _modules.append((module, names))
    for name in names:
        module.__dict__["_" + name] = _lazy(name)
        fn = module.__dict__.get(name)
        if fn is not None and not fn.__doc__:
            fn.__doc__ = spec_function(name).__doc__


def trace_mode() -> bool:
    return os.environ.get(TRACE_ENV, "") not in ("", "0")


def open_scope() -> None:
    global _scopes
    with _lock:
        _scopes += 1
        if _scopes == 1:
            rebind()


def close_scope() -> None:
    global _scopes
    with _lock:
        _scopes -= 1
        if _scopes == 0:
            rebind()


def rebind() -> None:
    """Install the callables of the current mode into every facade module."""
    global mode
    from . import _registry, _selection

    with _lock:
        process = _selection._process
        if trace_mode():
            mode, table = "trace", {n: _traced(n) for n in OPS}
        elif process is None and not _scopes:
            mode, table = "lazy", {n: _lazy(n) for n in OPS}
        elif _scopes or len(_registry.loaded()) > 1 or process is None:
            mode, table = "scoped", {n: _scoped(n) for n in OPS}
        else:
            mode, table = "fast", process.ops
        for module, names in _modules:
            for name in names:
                module.__dict__["_" + name] = table[name]
        global _table
        _table = table


def _lazy(name: str) -> Callable[..., Any]:
    def lazy(*args: Any) -> Any:
        from . import _selection

        backend = _selection.active()  # resolves and rebinds on first use
        if _table is None or _table[name] is lazy:
            return backend.ops[name](*args)
        return _table[name](*args)

    lazy.__name__ = f"lazy_{name}"
    return lazy


def _in_graph(name: str, args: tuple[Any, ...]) -> tuple[bool, Any]:
    """Inside a trace: lift variables to symbols and record a node when one is involved."""
    from .graph import _trace

    if not _trace.tracing():
        return False, args
    args = _trace.lift_variables(name, args)
    if _trace.contains_symbol(args):
        return True, _trace.record(name, args)
    return False, args


def _scoped(name: str) -> Callable[..., Any]:
    from . import _foreign, _selection

    active = _selection.active

    def scoped(*args: Any) -> Any:
        recorded, result = _in_graph(name, args)
        if recorded:
            return result
        backend = active()
        _foreign.check(backend, name, result)
        return backend.ops[name](*result)

    scoped.__name__ = f"scoped_{name}"
    return scoped


def _traced(name: str) -> Callable[..., Any]:
    from . import _foreign, _selection

    argnames = spec_params(name)

    def traced(*args: Any) -> Any:
        recorded, result = _in_graph(name, args)
        if recorded:
            return result
        backend = _selection.active()
        _foreign.check(backend, name, result)
        _ensure_monitor(backend)
        return getattr(backend.pm.hook, name)(**dict(zip(argnames, result)))

    traced.__name__ = f"traced_{name}"
    return traced


_monitored: set[int] = set()


def _ensure_monitor(backend: Any) -> None:
    if id(backend.pm) in _monitored:
        return
    _monitored.add(id(backend.pm))
    import logging

    log = logging.getLogger(TRACE_LOGGER)

    def before(hook_name: str, impls: list[Any], kwargs: dict[str, Any]) -> None:
        winner = impls[-1].plugin_name if impls else "<none>"
        log.debug("%s.%s via %s", backend.name, hook_name, winner)

    def after(outcome: Any, hook_name: str, impls: list[Any], kwargs: dict[str, Any]) -> None:
        return None

    backend.pm.add_hookcall_monitoring(before, after)
