"""Which backend is active: precedence, ``set_backend`` and ``use_backend``.

Precedence, highest first: ``use_backend`` (this thread or asyncio task, and tasks it
creates) > ``set_backend`` (process-wide) > ``TENSORPLUG_BACKEND`` > the config file's
``backend`` > ``DEFAULT_BACKEND`` if installed > the only installed backend.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import threading
from typing import Iterator

from . import _config, _discovery, _dispatch, _registry
from ._errors import BackendNotFoundError, NoBackendError
from ._registry import Backend

ENV_VAR = "TENSORPLUG_BACKEND"

_lock = threading.RLock()
_called: str | None = None
_process: Backend | None = None
_process_source: str | None = None
_scoped: contextvars.ContextVar[Backend | None] = contextvars.ContextVar(
    "tensorplug_backend", default=None)


def resolve() -> tuple[str, str]:
    """The process-wide backend name and where the choice came from."""
    if _called is not None:
        return _called, "tensorplug.set_backend()"
    env = os.environ.get(ENV_VAR)
    if env:
        return env, f"the environment variable {ENV_VAR}={env!r}"
    from_file = _config.file_value("backend")
    if from_file:
        return from_file, f"config file {_config.config_path()} (key 'backend')"
    installed = _discovery.installed_names()
    if _config.DEFAULT_BACKEND in installed:
        return _config.DEFAULT_BACKEND, "the default (DEFAULT_BACKEND)"
    if len(installed) == 1:
        return installed[0], "the only installed backend"
    if not installed:
        raise NoBackendError(_discovery.no_backend_message("the first K call"))
    raise BackendNotFoundError(
        f"No backend chosen and the default {_config.DEFAULT_BACKEND!r} is not installed; "
        f"installed: {_discovery.describe_installed()}.\nFix: choose one with "
        f"{_discovery.change_hint()}")


def process_backend() -> Backend:
    """The process-wide backend, loaded on first use."""
    global _process, _process_source
    backend = _process
    if backend is not None:
        return backend
    with _lock:
        if _process is None:
            name, source = resolve()
            _process = _registry.load(name, source)
            _process_source = source
            _dispatch.rebind()
        return _process


def active() -> Backend:
    """The backend ops run on here: the innermost ``use_backend`` or the process one."""
    return _scoped.get() or process_backend()


def active_source() -> str:
    if _scoped.get() is not None:
        return "tensorplug.use_backend()"
    process_backend()
    return _process_source or "?"


def set_backend(name: str) -> None:
    """Select the process-wide backend by its entry-point name (loads and validates it)."""
    global _called, _process, _process_source
    backend = _registry.load(name, f"tensorplug.set_backend({name!r})")
    with _lock:
        _called, _process, _process_source = name, backend, "tensorplug.set_backend()"
        _dispatch.rebind()


@contextlib.contextmanager
def use_backend(name: str) -> Iterator[Backend]:
    """Run the block on backend ``name``.

    Applies to the current thread or asyncio task and to tasks created inside it, not
    to threads started inside it (they see the process-wide backend).
    """
    backend = _registry.load(name, f"tensorplug.use_backend({name!r})")
    token = _scoped.set(backend)
    _dispatch.open_scope()
    try:
        yield backend
    finally:
        _scoped.reset(token)
        _dispatch.close_scope()


def reset() -> None:
    """Forget the selection and loaded backends (``refresh_backends`` and tests)."""
    global _called, _process, _process_source
    with _lock:
        _called = _process = _process_source = None
        _registry.forget()
        _dispatch.rebind()
