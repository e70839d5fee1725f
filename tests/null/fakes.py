"""Fake backends and entry points, so discovery and selection are tested with nothing
installed (no numpy either)."""

from __future__ import annotations

import inspect
import types
from dataclasses import dataclass, field
from typing import Any, Callable

import tensorplug
from tensorplug import BackendInfo, hookimpl
from tensorplug.hookspecs import KINDS, Kind, spec_function


def impl_like_spec(name: str, body: Callable[..., Any]) -> Callable[..., Any]:
    """A hookimpl with exactly the spec's parameters that returns ``body(*args)``."""
    params = ", ".join(inspect.signature(spec_function(name)).parameters)
    namespace: dict[str, Any] = {"_body": body}
    exec(f"def {name}({params}):\n    return _body({params})\n", namespace)
    return hookimpl(namespace[name])  # type: ignore[no-any-return]


def info(name: str, contract: tuple[Any, Any] = ((1, 0), (2, 0))) -> BackendInfo:
    return BackendInfo(name=name, version="9.9", contract=contract, dtypes=("float32",))


def complete_impls(name: str, skip: tuple[str, ...] = (), **overrides: Any) -> Any:
    """A namespace implementing every primitive (as tagged no-ops) plus backend_info."""
    ns = types.SimpleNamespace(__name__=f"fake_{name}_impls")
    for op, kind in KINDS.items():
        if kind is Kind.PRIMITIVE and op not in skip and op != "backend_info":
            setattr(ns, op, impl_like_spec(op, lambda *a, _op=op: (name, _op, a)))
    backend_info = overrides.pop("backend_info", None) or info(name)
    ns.backend_info = hookimpl(lambda: backend_info)
    ns.backend_info.__name__ = "backend_info"
    for op, fn in overrides.items():
        setattr(ns, op, fn)
    return ns


@dataclass
class FakeDist:
    name: str
    version: str = "1.0"


@dataclass
class FakeEntryPoint:
    """Quacks like importlib.metadata.EntryPoint."""

    name: str
    target: Any
    dist: FakeDist
    value: str = field(default="")

    def __post_init__(self) -> None:
        self.value = self.value or f"fake_{self.name}._entry"

    def load(self) -> Any:
        if isinstance(self.target, BaseException):
            raise self.target
        return self.target


def entry(name: str, impls: Any = None, *, available: bool = True, reason: str = "ok",
          load_error: BaseException | None = None, dist: str | None = None,
          version: str = "1.0") -> FakeEntryPoint:
    """An entry point whose module has ``probe()`` and ``load()``."""
    impls = impls if impls is not None else complete_impls(name)

    def load() -> list[Any]:
        if load_error is not None:
            raise load_error
        return [impls]

    module = types.SimpleNamespace(probe=lambda: (available, reason), load=load)
    return FakeEntryPoint(name, module, FakeDist(dist or f"tensorplug-{name}", version))


def install(monkeypatch: Any, *entries: FakeEntryPoint) -> None:
    from tensorplug import _discovery

    monkeypatch.setattr(_discovery, "entry_point_source", lambda: list(entries))
    tensorplug.refresh_backends()
