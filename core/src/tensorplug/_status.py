"""``list_backends()``: what is installed, without importing any framework."""

from __future__ import annotations

from dataclasses import dataclass

from . import _discovery, _registry


@dataclass(frozen=True)
class BackendStatus:
    """One installed backend as ``list_backends`` sees it (``probe()`` only)."""

    name: str
    distribution: str
    version: str
    available: bool
    reason: str
    loaded: bool
    duplicates: tuple[str, ...] = ()


def list_backends() -> list[BackendStatus]:
    """Every installed backend, probed but not loaded."""
    out = []
    loaded = _registry.loaded()
    for name, cands in _discovery.candidates().items():
        first = cands[0]
        available, reason = _discovery.probe(first)
        dups = tuple(f"{c.dist_name} {c.dist_version}" for c in cands) if len(cands) > 1 else ()
        out.append(BackendStatus(name, first.dist_name, first.dist_version, available,
                                 reason, name in loaded, dups))
    return out
