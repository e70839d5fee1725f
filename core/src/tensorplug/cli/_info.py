"""``tensorplug info``: the active backend and why, what is installed, the config file.

Probe only: no backend is loaded and no framework is imported.
"""

from __future__ import annotations

import argparse
import os

from .. import __version__, _config, _discovery, _selection, list_backends
from .._errors import ConfigError, TensorplugError
from .._status import BackendStatus
from ..hookspecs import CONTRACT_VERSION
from ._common import effective_settings, format_value, indent, read_config, say, version_str

ENV_VARS = ("TENSORPLUG_BACKEND", "TENSORPLUG_HOME", "TENSORPLUG_TRACE")


def run(args: argparse.Namespace) -> int:
    say(f"tensorplug {__version__} (contract {version_str(CONTRACT_VERSION)})")
    statuses = list_backends()
    ok = _active(statuses)
    _installed(statuses)
    ok = _config_section() and ok
    _environment()
    return 0 if ok else 1


def _active(statuses: list[BackendStatus]) -> bool:
    """Print the active backend and its source; False when it cannot be used."""
    try:
        name, source = _selection.resolve()
    except ConfigError:
        say("Active backend: unknown: the config file is invalid (see below)")
        return False
    except TensorplugError as exc:
        say("Active backend: none")
        say(indent(str(exc)))
        return False
    say(f"Active backend: {name}")
    say(f"  chosen by: {source}")
    status = next((s for s in statuses if s.name == name), None)
    if status is None:
        try:
            _discovery.candidate(name, source)
        except TensorplugError as exc:
            say("  problem: it is not installed")
            say(indent(str(exc)))
        return False
    if not status.available:
        say(f"  problem: it cannot run here: {status.reason}")
        say(f"  Fix: install what it needs, or choose another backend: "
            f"{_discovery.change_hint()}")
        return False
    return True


def _installed(statuses: list[BackendStatus]) -> None:
    say("Installed backends:")
    if not statuses:
        say(indent(_discovery.no_backend_message("tensorplug info"), "  "))
        return
    width = max(len(s.name) for s in statuses)
    for s in statuses:
        state = "available" if s.available else "unavailable"
        say(f"  {s.name:<{width}}  {s.distribution} {s.version}  {state}: {s.reason}")
        if s.duplicates:
            say(f"  {'':<{width}}  ERROR: claimed by several distributions: "
                f"{', '.join(s.duplicates)}; `pip uninstall` all but one")


def _config_section() -> bool:
    path = _config.config_path()
    say(f"Config file: {path}")
    if not path.exists():
        say("  (does not exist: defaults apply; create it with `tensorplug config init`)")
        values: dict[str, object] = {}
    else:
        read, error = read_config(path)
        if read is None:
            say("  ERROR: the file cannot be used (it was not modified):")
            say(indent(str(error)))
            return False
        values = read
        for key, value in values.items():
            say(f"  {key} = {format_value(value)}")
        if not values:
            say("  (empty: defaults apply)")
    say("Settings in effect:")
    for key, value, where in effective_settings(values):
        say(f"  {key} = {format_value(value)}  ({where})")
    return True


def _environment() -> None:
    set_vars = [(name, os.environ[name]) for name in ENV_VARS if os.environ.get(name)]
    if set_vars:
        say("Environment:")
        for name, value in set_vars:
            say(f"  {name}={value}")
