"""Loading, validating and binding one backend.

Load: the entry point's ``load()`` gives hookimpl modules/objects; they go into a
pluggy ``PluginManager`` beside ``Generic`` (trylast). Validate: pluggy's checks, then
exact parameter lists, the contract range and missing primitives (all at once). Bind:
each op to one callable (the native one where marked), so the hot path never touches
pluggy.
"""

from __future__ import annotations

import threading
from types import SimpleNamespace
from typing import Any, Callable

import pluggy

from . import _discovery, hookspecs
from ._errors import (
    BackendLoadError,
    BackendUnavailableError,
    ContractError,
    OpNotImplementedError,
)
from ._info import BackendInfo
from .generic import Generic
from .hookspecs import CONTRACT_VERSION, KINDS, Kind


class Backend:
    """A loaded, validated backend: its plugin manager and its bound ops."""

    def __init__(self, cand: _discovery.Candidate, pm: pluggy.PluginManager,
                 info: BackendInfo, ops: dict[str, Callable[..., Any]]) -> None:
        self.name = cand.name
        self.candidate = cand
        self.pm = pm
        self.info = info
        self.ops = ops
        self.impl_kind = {name: _impl_origin(pm, name) for name in KINDS}

    def __repr__(self) -> str:
        return f"<tensorplug backend {self.name!r} {self.info.version}>"

    def owns(self, x: Any) -> bool:
        types = self.info.tensor_types
        return bool(types) and isinstance(x, types)


_lock = threading.RLock()
_loaded: dict[str, Backend] = {}


def loaded() -> dict[str, Backend]:
    return dict(_loaded)


def load(name: str, source: str) -> Backend:
    """Load (once) and return the backend ``name``; ``source`` says who asked."""
    backend = _loaded.get(name)
    if backend is not None:
        return backend
    with _lock:
        backend = _loaded.get(name)
        if backend is None:
            backend = _load_new(_discovery.candidate(name, source), source)
            _loaded[name] = backend
    return backend


def forget() -> None:
    """Drop every loaded backend (tests and ``refresh_backends``)."""
    with _lock:
        _loaded.clear()


def _who(cand: _discovery.Candidate) -> str:
    return f"backend {cand.name!r} (distribution {cand.dist_name} {cand.dist_version})"


def _load_new(cand: _discovery.Candidate, source: str) -> Backend:
    available, reason = _discovery.probe(cand)
    if not available:
        raise BackendUnavailableError(
            f"The {_who(cand)}, requested by {source}, cannot run here: {reason}.\n"
            f"Fix: install what it needs, or choose another backend: "
            f"{_discovery.change_hint()}")
    try:
        impls = list(cand.module().load())
    except BackendUnavailableError as exc:
        raise BackendUnavailableError(
            f"The {_who(cand)}, requested by {source}, cannot run here: {exc}\n"
            f"Fix: install what it needs, or choose another backend: "
            f"{_discovery.change_hint()}") from exc
    except Exception as exc:
        raise BackendLoadError(
            f"The {_who(cand)} raised while loading: {type(exc).__name__}: {exc}\n"
            f"Other backends are unaffected. Fix: reinstall or upgrade it "
            f"(`pip install -U {cand.dist_name}`), or choose another backend.") from exc
    pm, ops_ns = _build_manager(cand, impls)
    info = _check_info(cand, pm)
    _check_primitives(cand, pm)
    backend = Backend(cand, pm, info, _bind(cand, pm))
    ops_ns.__dict__.update({n: _recovering(backend, n, fn) for n, fn in backend.ops.items()})
    return backend


def _recovering(backend: Backend, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    """An op as generic code sees it: with the facade's recovery (array-likes, promotion,
    symbols, validation) when the framework refuses the arguments."""

    def call(*args: Any) -> Any:
        try:
            return fn(*args)
        except Exception as exc:
            from .backend._recover import recover

            return recover(name, args, exc, backend)

    call.__name__ = name
    return call


class _Manager(pluggy.PluginManager):
    """pluggy's manager with a cheaper hookimpl lookup: impls carry pluggy's marker
    attribute, so a plain getattr finds them (the default inspects every attribute of
    every plugin statically, which dominated loading a backend)."""

    def parse_hookspec_opts(self, module_or_class: Any, name: str) -> Any:
        method = getattr(module_or_class, name, None)
        opts = getattr(method, f"{hookspecs.PROJECT}_spec", None) if callable(method) else None
        return opts if isinstance(opts, dict) else None

    def parse_hookimpl_opts(self, plugin: Any, name: str) -> Any:
        if name.startswith("_"):
            return None
        method = getattr(plugin, name, None)
        opts = getattr(method, f"{hookspecs.PROJECT}_impl", None) if callable(method) else None
        return opts if isinstance(opts, dict) else None


def _build_manager(cand: _discovery.Candidate,
                   impls: list[Any]) -> tuple[pluggy.PluginManager, SimpleNamespace]:
    pm = _Manager(hookspecs.PROJECT)
    for module in hookspecs.SPEC_MODULES:
        pm.add_hookspecs(module)
    ops_ns = SimpleNamespace()
    pm.register(Generic(ops_ns), name="tensorplug.generic")
    for impl in impls:
        try:
            pm.register(impl)
        except pluggy.PluginValidationError as exc:
            raise ContractError(f"The {_who(cand)} does not match the contract:\n"
                                f"  plugin: {_plugin_name(impl)}\n  {exc}") from exc
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        raise ContractError(f"The {_who(cand)} implements a hook the contract does not "
                            f"define:\n  {exc}\nFix: rename or remove it.") from exc
    _check_signatures(cand, pm)
    return pm, ops_ns


def _plugin_name(impl: Any) -> str:
    return getattr(impl, "__name__", None) or type(impl).__name__


def _check_signatures(cand: _discovery.Candidate, pm: pluggy.PluginManager) -> None:
    errors = []
    for name in KINDS:
        caller = getattr(pm.hook, name)
        want = hookspecs.spec_params(name)
        for impl in caller.get_hookimpls():
            if impl.plugin_name == "tensorplug.generic":
                continue
            got = hookspecs.parameter_names(impl.function)
            if got != want:
                errors.append(f"  plugin: {_plugin_name(impl.plugin)}\n  hook:   {name}\n"
                              f"  spec:   {name}({', '.join(want)})\n"
                              f"  impl:   {name}({', '.join(got)})")
    if errors:
        raise ContractError(f"The {_who(cand)} has hookimpls whose parameters differ from "
                            f"the spec (names and order must match exactly):\n"
                            + "\n\n".join(errors))


def _check_info(cand: _discovery.Candidate, pm: pluggy.PluginManager) -> BackendInfo:
    if not pm.hook.backend_info.get_hookimpls():
        raise ContractError(f"The {_who(cand)} does not implement the primitive hook "
                            f"'backend_info'.")
    info = pm.hook.backend_info()
    if not isinstance(info, BackendInfo):
        raise ContractError(f"The {_who(cand)}'s backend_info() returned "
                            f"{type(info).__name__}, expected tensorplug.BackendInfo.")
    low, high = info.contract
    if not (tuple(low) <= CONTRACT_VERSION < tuple(high)):
        have = ".".join(map(str, CONTRACT_VERSION))
        span = f"{'.'.join(map(str, low))} <= contract < {'.'.join(map(str, high))}"
        fix = (f"`pip install -U {cand.dist_name}`" if tuple(high) <= CONTRACT_VERSION
               else f"`pip install -U tensorplug`, or a {cand.dist_name} release for "
                    f"contract {have}")
        raise ContractError(f"The {_who(cand)} implements {span}, but this tensorplug core "
                            f"has contract {have}.\nFix: {fix}.")
    return info


def _check_primitives(cand: _discovery.Candidate, pm: pluggy.PluginManager) -> None:
    missing = [n for n in hookspecs.names_of_kind(Kind.PRIMITIVE)
               if _impl_origin(pm, n) is None]
    if missing:
        raise ContractError(f"The {_who(cand)} is missing {len(missing)} primitive op(s): "
                            f"{', '.join(missing)}.\nEvery backend must implement every "
                            f"primitive (see tensorplug.hookspecs.KINDS).")


def _impl_origin(pm: pluggy.PluginManager, name: str) -> str | None:
    """'backend' or 'generic' for the impl that wins the call, None when absent."""
    impls = getattr(pm.hook, name).get_hookimpls()
    if not impls:
        return None
    return "generic" if impls[-1].plugin_name == "tensorplug.generic" else "backend"


def _bind(cand: _discovery.Candidate, pm: pluggy.PluginManager) -> dict[str, Callable[..., Any]]:
    ops: dict[str, Callable[..., Any]] = {}
    for name in KINDS:
        impls = getattr(pm.hook, name).get_hookimpls()
        if not impls:
            ops[name] = _missing(name, cand.name)
            continue
        fn = impls[-1].function
        if impls[-1].plugin_name == "tensorplug.generic":
            fn = _numeric_only(name, fn)
        ops[name] = getattr(fn, "__tensorplug_native__", fn)
    return ops


def _numeric_only(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    """A generic composite refuses symbols (like the frameworks do), so the facade records
    one node for it instead of expanding it with static shapes."""
    from .graph._symbol import contains_symbol

    def composite(*args: Any) -> Any:
        if contains_symbol(args):
            raise TypeError(f"K.{name}: symbolic arguments are recorded, not computed")
        return fn(*args)

    composite.__name__ = name
    return composite


def _missing(name: str, backend: str) -> Callable[..., Any]:
    def missing(*args: Any) -> Any:
        raise OpNotImplementedError(
            f"K.{name} is an optional op that the {backend!r} backend does not implement.\n"
            f"Fix: use a backend whose `python -m tensorplug doctor` lists {name}.")

    missing.__name__ = f"missing_{name}"
    return missing
