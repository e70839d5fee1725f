"""Refusing another loaded backend's tensors, with an error naming both."""

from __future__ import annotations

from typing import Any

from . import _registry
from ._errors import BackendMismatchError
from ._host import is_host_array


def owner(x: Any) -> Any:
    """The loaded backend whose native tensor type ``x`` is, or None."""
    for backend in _registry.loaded().values():
        if backend.owns(x):
            return backend
    return None


def check(backend: Any, op: str, args: tuple[Any, ...]) -> None:
    """Raise when an argument belongs to a loaded backend other than ``backend``."""
    loaded = _registry.loaded()
    if len(loaded) < 2:
        return
    for arg in args:
        items = arg if isinstance(arg, (list, tuple)) else (arg,)
        for item in items:
            if backend.owns(item) or is_host_array(item):
                continue
            other = owner(item)
            if other is not None and other is not backend:
                raise BackendMismatchError(
                    f"K.{op} runs on the {backend.name!r} backend but received a "
                    f"{type(item).__module__}.{type(item).__qualname__} of the "
                    f"{other.name!r} backend.\nFix: move it first with "
                    f"K.to_backend(x, {backend.name!r}), or run the op inside "
                    f"tensorplug.use_backend({other.name!r}).")
