"""``tensorplug config import-keras [PATH]``: classic Keras ``keras.json`` to tensorplug.

The Keras file is only read, never written. Keys: ``backend``, ``floatx``, ``epsilon``,
``image_data_format`` and the Keras 1 ``image_dim_ordering`` (``tf``/``th``).
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path
from typing import Any

from .. import _config, _discovery
from .._errors import ConfigError
from ._common import backup, format_value, note, parses, say

#: Keras backends that have no tensorplug plugin (and never will: both are discontinued).
NO_EQUIVALENT = {"theano": "Theano", "cntk": "CNTK"}
_ORDERING = {"tf": "channels_last", "th": "channels_first"}
_SETTINGS = ("floatx", "epsilon", "image_data_format")


def keras_json_path() -> Path:
    """Where classic Keras reads its config: ``$KERAS_HOME/keras.json`` or ``~/.keras``."""
    home = os.environ.get("KERAS_HOME")
    return Path(home) / "keras.json" if home else Path.home() / ".keras" / "keras.json"


def read_keras(path: Path) -> dict[str, Any]:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"No Keras config file at {path}.\nFix: pass its path: "
                          f"`tensorplug config import-keras PATH`.") from None
    except (OSError, ValueError) as exc:
        raise ConfigError(f"Cannot read the Keras config file {path}: {exc}.") from exc
    if not isinstance(raw, dict):
        raise ConfigError(f"The Keras config file {path} must hold a JSON object, got "
                          f"{type(raw).__name__}.")
    return raw


def convert(raw: dict[str, Any], where: str) -> tuple[dict[str, Any], list[str]]:
    """tensorplug values for a Keras config, and one note per key not carried over."""
    values: dict[str, Any] = {}
    notes: list[str] = []
    for key in _SETTINGS:
        if key in raw:
            _take(values, notes, key, raw[key], where)
    legacy = raw.get("image_dim_ordering")
    if legacy is not None and "image_data_format" not in raw:
        if legacy in _ORDERING:
            values["image_data_format"] = _ORDERING[legacy]
            notes.append(f"image_dim_ordering {legacy!r} (Keras 1) became "
                         f"image_data_format {_ORDERING[legacy]!r}")
        else:
            notes.append(f"skipped image_dim_ordering {legacy!r}: allowed 'tf' or 'th'")
    if "backend" in raw:
        _take_backend(values, notes, raw["backend"], where)
    for key in sorted(set(raw) - {*_SETTINGS, "backend", "image_dim_ordering"}):
        notes.append(f"skipped {key!r}: not a tensorplug setting")
    return values, notes


def _take(values: dict[str, Any], notes: list[str], key: str, value: Any, where: str) -> None:
    try:
        values[key] = _config.validate_value(key, value, f"{where} (key {key!r})")
    except ConfigError as exc:
        notes.append(f"skipped {key}: {str(exc).splitlines()[0]}")


def _take_backend(values: dict[str, Any], notes: list[str], name: Any, where: str) -> None:
    if isinstance(name, str) and name.lower() in NO_EQUIVALENT:
        notes.append(f"skipped backend {name!r}: {NO_EQUIVALENT[name.lower()]} has no "
                     f"tensorplug backend (it is discontinued). The backend is left "
                     f"unset: tensorplug uses numpy when installed; choose one with "
                     f"`tensorplug config set backend NAME`.")
        return
    if not isinstance(name, str) or not name or "." in name:
        notes.append(f"skipped backend {name!r}: tensorplug selects installed plugins by "
                     f"name and never imports a module path from a config file")
        return
    values["backend"] = name
    if name not in _discovery.installed_names():
        notes.append(f"backend {name!r} is not installed here (installed: "
                     f"{_discovery.describe_installed()}); `pip install tensorplug-{name}`")


def run(args: argparse.Namespace) -> int:
    source = Path(args.path) if args.path else keras_json_path()
    raw = read_keras(source)
    values, notes = convert(raw, f"Keras config file {source}")
    target = _config.config_path()
    say(f"Read {source} (not modified).")
    for text in notes:
        note(text)
    if not values:
        say("Nothing to import.")
        return 0
    for key, value in values.items():
        say(f"  {key} = {format_value(value)}")
    if args.dry_run:
        say(f"Dry run: {target} was not written.")
        return 0
    saved = backup(target) if args.force and target.exists() and not parses(target) else None
    _config.write_config(values, target, force=args.force)
    say(f"Wrote {target}.")
    if saved:
        say(f"The previous file was not valid JSON; it was kept as {saved}")
    return 0
