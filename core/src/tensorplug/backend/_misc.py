"""Facade-only utilities: uids, name scopes, eager/symbolic markers, batch values.

These are not hookspecs: they hold no tensor math, so every backend shares them
(``K.symbolic`` lives with the graph functions in ``backend._graph``).
"""

from __future__ import annotations

import collections
import contextlib
import contextvars
import functools
import threading
from typing import Any, Callable, Iterable, Iterator

from .._errors import InvalidArgumentError, InvalidTypeError

__all__ = [
    "reset_uids", "get_uid", "name_scope", "eager", "control_dependencies",
    "batch_get_value", "batch_set_value",
]

#: The facade-only functions of this module (documented, not hookspecs).
FACADE_ONLY: tuple[str, ...] = tuple(__all__)

_uid_lock = threading.Lock()
_uids: collections.Counter[str] = collections.Counter()
_scope: contextvars.ContextVar[tuple[str, ...]] = contextvars.ContextVar(
    "tensorplug_name_scope", default=())


def reset_uids() -> None:
    """Reset the per-prefix counters of :func:`get_uid` (the next uid of every prefix
    is 1 again)."""
    with _uid_lock:
        _uids.clear()


def get_uid(prefix: str = "") -> int:
    """Increment and return the counter of ``prefix``: 1 on its first call, then 2, ...

    Used for default names such as ``dense_1``. Counters are process-wide (Keras's
    TF backend kept one set per graph); :func:`reset_uids` clears them.

    :param prefix: the name the counter belongs to.
    :returns: a Python ``int`` >= 1.
    """
    if not isinstance(prefix, str):
        raise InvalidTypeError(f"K.get_uid: prefix must be a str. Received: prefix={prefix!r}.")
    with _uid_lock:
        _uids[prefix] += 1
        return _uids[prefix]


@contextlib.contextmanager
def name_scope(name: str) -> Iterator[str]:
    """Context manager that pushes ``name`` onto the current name scope.

    Scopes nest (``outer/inner``) per thread and asyncio task. The block receives the
    full scope string; names are informational (backends may ignore them).

    :param name: a non-empty str without ``/``.
    """
    if not isinstance(name, str) or not name or "/" in name:
        raise InvalidArgumentError(f"K.name_scope: name must be a non-empty str without "
                                   f"'/'. Received: name={name!r}.")
    stack = _scope.get() + (name,)
    token = _scope.set(stack)
    try:
        yield "/".join(stack)
    finally:
        _scope.reset(token)


def current_name_scope() -> str:
    """The full name scope of the current context (``''`` outside any scope)."""
    return "/".join(_scope.get())


def eager(func: Callable[..., Any]) -> Callable[..., Any]:
    """Decorator: run ``func`` outside any graph trace (Keras 2.3's ``K.eager``).

    Inside ``K.symbolic`` (or ``value_and_grad``) ops on concrete tensors and variables
    record graph nodes; a function decorated with ``eager`` computes them at once
    instead. Outside a trace it is a plain call. Symbols passed in stay symbolic.
    """
    if not callable(func):
        raise InvalidTypeError(f"K.eager decorates a function. Received: {func!r}.")

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from ..graph import _trace

        token = _trace._tracing.set(None)
        try:
            return func(*args, **kwargs)
        finally:
            _trace._tracing.reset(token)

    return wrapper


@contextlib.contextmanager
def control_dependencies(control_inputs: Any) -> Iterator[None]:
    """Context manager kept for Keras compatibility; a no-op here.

    In Keras's TF backend, ops created inside ran after ``control_inputs``. tensorplug
    runs ops in program order (eagerly, or in the order a graph records them), so
    nothing needs ordering: the inputs are neither evaluated nor kept.

    :param control_inputs: None or a list of tensors or ops (ignored).
    """
    if control_inputs is not None and not isinstance(control_inputs, (list, tuple)):
        raise InvalidTypeError(f"K.control_dependencies takes None or a list of tensors. "
                               f"Received: {type(control_inputs).__name__}.")
    yield None


def batch_get_value(ops: Iterable[Any]) -> list[Any]:
    """Values of several variables: ``[K.get_value(x) for x in ops]``.

    :param ops: a list of variables (or tensors).
    :returns: a list of ``numpy.ndarray``.
    """
    from ._tensors import get_value

    if ops is None or isinstance(ops, (str, bytes)) or not hasattr(ops, "__iter__"):
        raise InvalidTypeError(f"K.batch_get_value takes a list of variables. "
                               f"Received: {ops!r}.")
    return [get_value(x) for x in ops]


def batch_set_value(tuples: Iterable[Any]) -> None:
    """Assign several variables: ``K.set_value(x, value)`` for each ``(x, value)`` pair.

    :param tuples: a list of ``(variable, value)`` pairs; values are numpy arrays or
        scalars of the variable's shape (cast to its dtype).
    :returns: None.
    """
    from ._tensors import set_value

    try:
        pairs = None if isinstance(tuples, (str, bytes)) else list(tuples)
    except TypeError:
        pairs = None
    if pairs is None or not all(isinstance(p, (list, tuple)) and len(p) == 2 for p in pairs):
        raise InvalidTypeError(f"K.batch_set_value takes a list of (variable, value) pairs. "
                               f"Received: {tuples!r}.")
    for x, value in pairs:
        set_value(x, value)
