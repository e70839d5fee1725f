"""Discovery of installed backends: small cached functions with an explicit refresh.

Backends register under the entry-point group ``tensorplug.backends``; the entry-point
name is the backend name and its value a light module with ``probe()`` and ``load()``.
Only ``probe()`` runs here; it must not import the framework.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import metadata
from typing import Any, Callable, Iterable

from ._errors import BackendNotFoundError, DuplicateBackendError, NoBackendError

GROUP = "tensorplug.backends"


@dataclass(frozen=True)
class Candidate:
    """One installed backend entry point."""

    name: str
    value: str
    dist_name: str
    dist_version: str
    entry_point: Any

    def module(self) -> Any:
        """The entry point's target: a module (or object) with ``probe()`` and ``load()``."""
        return self.entry_point.load()

    @property
    def pip_name(self) -> str:
        return self.dist_name


def _default_source() -> Iterable[Any]:
    return metadata.entry_points(group=GROUP)


#: Where entry points come from; tests swap in fake ``EntryPoint`` objects.
entry_point_source: Callable[[], Iterable[Any]] = _default_source


@functools.cache
def candidates() -> dict[str, tuple[Candidate, ...]]:
    """Every installed backend name with the distributions that provide it."""
    found: dict[str, dict[tuple[str, str], Candidate]] = {}
    for ep in entry_point_source():
        dist = getattr(ep, "dist", None)
        dist_name = getattr(dist, "name", None) or "<unknown distribution>"
        version = getattr(dist, "version", None) or "?"
        cand = Candidate(ep.name, ep.value, dist_name, version, ep)
        found.setdefault(ep.name, {})[(dist_name, ep.value)] = cand
    return {name: tuple(c.values()) for name, c in sorted(found.items())}


def installed_names() -> list[str]:
    return list(candidates())


def describe_installed() -> str:
    cands = candidates()
    if not cands:
        return "no backend installed"
    return ", ".join(f"{n} ({c[0].dist_name} {c[0].dist_version})" for n, c in cands.items())


def candidate(name: str, source: str) -> Candidate:
    """The one candidate called ``name``; clear errors when none or several."""
    cands = candidates()
    if not cands:
        raise NoBackendError(no_backend_message(source))
    found = cands.get(name)
    if not found:
        raise BackendNotFoundError(
            f"Unknown backend {name!r}, requested by {source}.\n"
            f"Installed: {describe_installed()}.\n"
            f"Fix: `pip install tensorplug-{name}` if such a plugin exists, or choose an "
            f"installed backend: {change_hint()}")
    if len(found) > 1:
        owners = "\n".join(f"  - {c.dist_name} {c.dist_version} (entry point {c.value})"
                           for c in found)
        raise DuplicateBackendError(
            f"Backend name {name!r} is claimed by {len(found)} distributions:\n{owners}\n"
            f"Fix: `pip uninstall` all but one of them.")
    return found[0]


def change_hint() -> str:
    return ("`python -m tensorplug config set backend NAME`, the TENSORPLUG_BACKEND "
            "environment variable, or `tensorplug.set_backend(NAME)`.")


def no_backend_message(source: str) -> str:
    return (f"No tensorplug backend is installed (needed for {source}).\n"
            f"Fix: `pip install tensorplug-numpy` (the default backend), or another "
            f"plugin such as tensorplug-tensorflow.")


def probe(cand: Candidate) -> tuple[bool, str]:
    """Run the plugin's ``probe()``; a raising or malformed probe reports unavailable."""
    try:
        result = cand.module().probe()
        available, reason = result
        return bool(available), str(reason)
    except Exception as exc:  # a broken plugin must not break the others
        return False, f"probe() failed: {type(exc).__name__}: {exc}"


def refresh() -> None:
    """Forget cached discovery results (after installing or removing a plugin)."""
    candidates.cache_clear()
