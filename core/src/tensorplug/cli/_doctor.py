"""``tensorplug doctor``: load every installed backend; report identity, coverage by
kind and load errors. Exit status 1 when an installed backend fails to load (a
backend that is unavailable here is reported, not counted as a failure)."""

from __future__ import annotations

import argparse
from dataclasses import dataclass

from .. import _discovery, _registry, _selection, list_backends
from .._errors import TensorplugError
from .._registry import Backend
from .._status import BackendStatus
from ..hookspecs import CONTRACT_VERSION, KINDS, Kind
from ._common import indent, say, version_str, wrap_names

SOURCE = "tensorplug doctor"


@dataclass(frozen=True)
class Coverage:
    """Which ops of each kind a loaded backend provides, and from where."""

    primitives: tuple[str, ...]
    missing_primitives: tuple[str, ...]
    overridden: tuple[str, ...]
    generic: tuple[str, ...]
    missing_composites: tuple[str, ...]
    optional_present: tuple[str, ...]
    optional_missing: tuple[str, ...]


def coverage(backend: Backend) -> Coverage:
    origin = backend.impl_kind

    def pick(kind: Kind, want: str | None) -> tuple[str, ...]:
        return tuple(n for n, k in KINDS.items() if k is kind and origin.get(n) == want)

    optional = [n for n, k in KINDS.items() if k is Kind.OPTIONAL]
    return Coverage(
        primitives=pick(Kind.PRIMITIVE, "backend"),
        missing_primitives=tuple(n for n, k in KINDS.items()
                                 if k is Kind.PRIMITIVE and origin.get(n) != "backend"),
        overridden=pick(Kind.COMPOSITE, "backend"),
        generic=pick(Kind.COMPOSITE, "generic"),
        missing_composites=pick(Kind.COMPOSITE, None),
        optional_present=tuple(n for n in optional if origin.get(n) is not None),
        optional_missing=tuple(n for n in optional if origin.get(n) is None),
    )


def run(args: argparse.Namespace) -> int:
    statuses = list_backends()
    if not statuses:
        say(_discovery.no_backend_message(SOURCE))
        return 1
    _active()
    failed = unavailable = 0
    for status in statuses:
        say()
        result = _one(status)
        failed += result == "failed"
        unavailable += result == "unavailable"
    say()
    loaded = len(statuses) - failed - unavailable
    say(f"{len(statuses)} installed: {loaded} loaded, {unavailable} unavailable here, "
        f"{failed} failed to load")
    return 1 if failed else 0


def _active() -> None:
    try:
        name, source = _selection.resolve()
        say(f"Active backend: {name} (chosen by: {source})")
    except TensorplugError as exc:
        say("Active backend: cannot be determined:")
        say(indent(str(exc)))


def _one(status: BackendStatus) -> str:
    say(f"{status.name} ({status.distribution} {status.version})")
    if not status.available:
        say(f"  unavailable here: {status.reason}")
        return "unavailable"
    try:
        backend = _registry.load(status.name, SOURCE)
    except Exception as exc:  # doctor reports every failure and goes on
        say(f"  LOAD ERROR ({type(exc).__name__}):")
        say(indent(str(exc)))
        cause = exc.__cause__
        if cause is not None:
            say(f"  caused by: {type(cause).__name__}: {cause}")
        return "failed"
    _report(backend)
    return "loaded"


def _report(backend: Backend) -> None:
    info = backend.info
    low, high = info.contract
    say(f"  version:      {info.version}")
    say(f"  contract:     {version_str(low)} <= contract < {version_str(high)} "
        f"(core {version_str(CONTRACT_VERSION)})")
    say(f"  dtypes:       {', '.join(info.dtypes)}")
    say(f"  devices:      {', '.join(info.devices)}")
    say(f"  capabilities: {', '.join(sorted(info.capabilities)) or '(none)'}")
    say(f"  xfails file:  {info.xfails or '(none)'}")
    cov = coverage(backend)
    n_prim = len(cov.primitives) + len(cov.missing_primitives)
    say(f"  primitives:   {len(cov.primitives)}/{n_prim} implemented")
    n_comp = len(cov.overridden) + len(cov.generic) + len(cov.missing_composites)
    say(f"  composites:   {n_comp}: {len(cov.overridden)} overridden by the backend, "
        f"{len(cov.generic)} from tensorplug.generic")
    say(wrap_names("overridden: ", cov.overridden))
    say(wrap_names("generic:    ", cov.generic))
    if cov.missing_composites:  # a core without a generic version: a tensorplug bug
        say(wrap_names("NO IMPL:    ", cov.missing_composites))
    n_opt = len(cov.optional_present) + len(cov.optional_missing)
    say(f"  optional:     {len(cov.optional_present)}/{n_opt} present")
    say(wrap_names("present:    ", cov.optional_present))
    say(wrap_names("missing:    ", cov.optional_missing))
