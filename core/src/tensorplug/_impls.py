"""``Impls``: a namespace of hookimpls that pluggy registers as one plugin.

Plugins that build their impls as closures (over an array module, a framework, or
options) collect them in one ``Impls`` per contract module.
"""

from __future__ import annotations

from typing import Any, Callable, TypeVar

from ._info import native
from .hookspecs import hookimpl

F = TypeVar("F", bound=Callable[..., Any])


class Impls:
    """Holds hookimpl functions as attributes, so pluggy can register it as a plugin."""

    def __init__(self, name: str) -> None:
        self.__name__ = name

    def impl(self, fast: Callable[..., Any] | None = None) -> Callable[[F], F]:
        """Register ``fn`` as the hookimpl of its name; ``fast`` is its native binding."""

        def mark(fn: F) -> F:
            fn = hookimpl(fn)
            if fast is not None:
                fn = native(fast)(fn)
            setattr(self, fn.__name__, fn)
            return fn

        return mark

    def __repr__(self) -> str:
        return f"<Impls {self.__name__}>"
