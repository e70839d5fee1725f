"""Objects by name and back: ``get``, ``serialize``, ``deserialize`` helpers shared by
initializers, regularizers, constraints, activations, losses, metrics, optimizers and
layers, with Keras's ``custom_objects`` and ``custom_object_scope``."""

from __future__ import annotations

import contextlib
import re
from typing import Any, Iterator, Mapping

from .._errors import InvalidArgumentError

_custom: list[Mapping[str, Any]] = []


@contextlib.contextmanager
def custom_object_scope(*scopes: Mapping[str, Any]) -> Iterator[None]:
    """Within the block, names in ``scopes`` resolve to the given classes and functions
    (so ``load_model`` finds custom layers, losses, ...)."""
    _custom.extend(scopes)
    try:
        yield
    finally:
        del _custom[len(_custom) - len(scopes):]


def snake_case(name: str) -> str:
    """``GlorotUniform`` -> ``glorot_uniform``."""
    out = re.sub(r"(.)([A-Z][a-z0-9]+)", r"\1_\2", name)
    return re.sub(r"([a-z])([A-Z])", r"\1_\2", out).lower()


def lookup(name: str, table: Mapping[str, Any], custom: Mapping[str, Any] | None) -> Any:
    for scope in ([custom] if custom else []) + list(reversed(_custom)):
        if name in scope:
            return scope[name]
    return table.get(name)


def serialize(obj: Any) -> Any:
    """``{"class_name": ..., "config": ...}`` for an object with ``get_config``; a
    function's name; None stays None."""
    if obj is None or isinstance(obj, str):
        return obj
    if hasattr(obj, "get_config"):
        return {"class_name": type(obj).__name__, "config": obj.get_config()}
    name = getattr(obj, "__name__", None)
    if name is None:
        raise InvalidArgumentError(f"Cannot serialize {obj!r}: it has neither get_config "
                                   f"nor a __name__.")
    return name


def deserialize(config: Any, table: Mapping[str, Any], kind: str,
                custom_objects: Mapping[str, Any] | None = None) -> Any:
    """Rebuild an object from ``serialize``'s output (or resolve a name)."""
    if isinstance(config, str):
        found = lookup(config, table, custom_objects)
        if found is None:
            raise InvalidArgumentError(
                f"Unknown {kind}: {config!r}. Known: {', '.join(sorted(table))}.\n"
                f"Fix: use one of those, or pass custom_objects={{{config!r}: ...}}.")
        return found
    if not isinstance(config, dict) or "class_name" not in config:
        raise InvalidArgumentError(f"A {kind} config must be a name or a dict with "
                                   f"'class_name' and 'config'. Received: {config!r}.")
    cls = lookup(config["class_name"], table, custom_objects)
    if cls is None:
        raise InvalidArgumentError(
            f"Unknown {kind} class {config['class_name']!r}.\n"
            f"Fix: pass custom_objects={{{config['class_name']!r}: TheClass}} (or use "
            f"tensorplug.saving.custom_object_scope).")
    inner = dict(config.get("config") or {})
    if hasattr(cls, "from_config"):
        try:
            return cls.from_config(inner, custom_objects) if _takes_custom(cls) \
                else cls.from_config(inner)
        except TypeError as exc:
            raise InvalidArgumentError(f"Cannot rebuild {kind} {config['class_name']!r} "
                                       f"from its config: {exc}") from exc
    return cls(**inner)


def _takes_custom(cls: Any) -> bool:
    import inspect

    try:
        return "custom_objects" in inspect.signature(cls.from_config).parameters
    except (TypeError, ValueError):
        return False


def get(identifier: Any, table: Mapping[str, Any], kind: str, instantiate: bool = True,
        custom_objects: Mapping[str, Any] | None = None) -> Any:
    """Keras's ``<module>.get``: None, a name, a config dict, an instance or a callable."""
    if identifier is None:
        return None
    if isinstance(identifier, (str, dict)):
        found = deserialize(identifier, table, kind, custom_objects)
        if instantiate and isinstance(found, type):
            return found()
        return found
    if callable(identifier):
        return identifier
    raise InvalidArgumentError(f"Could not interpret {kind} identifier: {identifier!r}. "
                               f"Expected a name, a config dict, an instance or a callable.")
