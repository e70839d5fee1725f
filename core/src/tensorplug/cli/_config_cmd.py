"""``tensorplug config show | set KEY VALUE | init``: the config file, edited atomically.

A file that is not valid JSON is never overwritten without ``--force`` (and then a
``.bak`` copy is kept).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from .. import _config, _discovery
from .._errors import ConfigError
from ._common import (
    backup,
    effective_settings,
    format_value,
    indent,
    parses,
    read_config,
    say,
    warn,
)

DEFAULTS: dict[str, Any] = {
    "floatx": "float32", "epsilon": 1e-07, "image_data_format": "channels_last",
}


def run(args: argparse.Namespace) -> int:
    action = args.action or "show"
    if action == "show":
        return show()
    if action == "set":
        return set_key(args.key, args.value, force=args.force)
    return init(args.backend, force=args.force)


def show() -> int:
    path = _config.config_path()
    say(f"Config file: {path}")
    if not path.exists():
        say("  (does not exist: defaults apply; create it with `tensorplug config init`)")
        values: dict[str, Any] = {}
    else:
        read, error = read_config(path)
        if read is None:
            say("  ERROR: the file cannot be used (it was not modified):")
            say(indent(str(error)))
            return 1
        values = read
        for key, value in values.items():
            say(f"  {key} = {format_value(value)}")
    say("Settings in effect:")
    for key, value, where in effective_settings(values):
        say(f"  {key} = {format_value(value)}  ({where})")
    if "backend" not in values:
        say("  backend: not set in the file (see `tensorplug info` for the active one)")
    return 0


def parse_value(key: str, text: str) -> Any:
    """Command-line text to a config value: numbers for ``epsilon``, strings otherwise."""
    if key == "epsilon":
        try:
            return float(text)
        except ValueError:
            return text  # validate_value names the key, the value and what is allowed
    return text


def set_key(key: str, text: str, force: bool = False) -> int:
    path = _config.config_path()
    if key == "image_dim_ordering":
        raise ConfigError("image_dim_ordering is the legacy Keras 1 key; tensorplug only "
                          "reads it. Fix: `tensorplug config set image_data_format "
                          "channels_last` (tf) or `channels_first` (th).")
    value = _config.validate_value(key, parse_value(key, text), f"`tensorplug config set {key}`")
    if key == "backend":
        _warn_if_not_installed(value)
    saved = _backup_if_forced(path, force, only_unparsable=True)
    _config.write_config({key: value}, path, force=force)
    say(f"Set {key} = {format_value(value)} in {path}")
    if saved:
        say(f"The previous file was not valid JSON; it was kept as {saved}")
    return 0


def _warn_if_not_installed(name: str) -> None:
    installed = _discovery.installed_names()
    if name not in installed:
        warn(f"backend {name!r} is not installed (installed: "
             f"{_discovery.describe_installed()}). The setting is saved; K calls will fail "
             f"until you `pip install tensorplug-{name}` or choose an installed backend.")


def _backup_if_forced(path: Path, force: bool, only_unparsable: bool) -> Path | None:
    if not force or not path.exists():
        return None
    if only_unparsable and parses(path):
        return None
    return backup(path)


def init(backend: str | None, force: bool = False) -> int:
    path = _config.config_path()
    if path.exists() and not force:
        raise ConfigError(f"Config file {path} already exists; `config init` does not "
                          f"overwrite it.\nFix: `tensorplug config set KEY VALUE` to change "
                          f"one key, or `tensorplug config init --force` to replace it.")
    values = dict(DEFAULTS)
    if backend is not None:
        values["backend"] = _config.validate_value("backend", backend, "--backend")
        _warn_if_not_installed(backend)
    for key, value in values.items():
        _config.validate_value(key, value, "the defaults")
    saved = _backup_if_forced(path, force, only_unparsable=False)
    write_fresh(path, values)
    say(f"Wrote {path}:")
    for key, value in values.items():
        say(f"  {key} = {format_value(value)}")
    if saved:
        say(f"The previous file was kept as {saved}")
    return 0


def write_fresh(path: Path, values: dict[str, Any]) -> None:
    """Replace ``path`` atomically with exactly ``values`` (same format as write_config)."""
    _config.atomic_write(path, json.dumps(values, indent=4, sort_keys=True) + "\n")
