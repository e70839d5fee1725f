"""What a backend says about itself (returned by its ``backend_info`` hook)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class BackendInfo:
    """Identity and capabilities of a backend.

    :param name: the backend name (its entry-point name).
    :param version: the plugin's version string.
    :param contract: ``(lowest, first_unsupported)`` contract versions, as tuples.
    :param dtypes: dtype names the backend supports.
    :param devices: device names, e.g. ``("cpu",)``.
    :param capabilities: flags such as ``"dlpack"`` or ``"float16"``; the core reads
        flags, never backend names.
    :param xfails: path of the plugin's known-failures file for the conformance suite.
    :param tensor_types: the native tensor classes (used to name a foreign tensor).
    """

    name: str
    version: str
    contract: tuple[tuple[int, int], tuple[int, int]]
    dtypes: tuple[str, ...]
    devices: tuple[str, ...] = ("cpu",)
    capabilities: frozenset[str] = field(default_factory=frozenset)
    xfails: Path | None = None
    tensor_types: tuple[type, ...] = ()


def native(fast: Callable[..., Any]) -> Callable[[F], F]:
    """Mark a hookimpl wrapper as equivalent to a native callable.

    The registry validates the wrapper's signature against the spec; the facade's hot
    path calls ``fast`` directly; trace mode calls the wrapper through pluggy.
    """

    def mark(wrapper: F) -> F:
        wrapper.__tensorplug_native__ = fast  # type: ignore[attr-defined]
        return wrapper

    return mark
