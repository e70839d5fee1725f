"""Process-wide settings (floatx, epsilon, image_data_format) and the config file.

Nothing is read, written or printed at import. The file is read on first use;
``write_config`` replaces it atomically and never overwrites an unparsable file
unless forced.
"""

from __future__ import annotations

import json
import os
import threading
import warnings
from pathlib import Path
from typing import Any

from ._dtypes import FLOATX
from ._errors import ConfigError

DEFAULT_BACKEND = "numpy"
CONFIG_NAME = "tensorplug.json"
DATA_FORMATS = ("channels_last", "channels_first")
KEYS = ("backend", "floatx", "epsilon", "image_data_format")
_LEGACY_ORDERING = {"tf": "channels_last", "th": "channels_first"}
_DEFAULTS: dict[str, Any] = {
    "floatx": "float32", "epsilon": 1e-7, "image_data_format": "channels_last",
}

_lock = threading.Lock()
_loaded = False
_settings: dict[str, Any] = dict(_DEFAULTS)
_file_values: dict[str, Any] = {}


def home() -> Path:
    """``$TENSORPLUG_HOME``, default ``~/.tensorplug``."""
    return Path(os.environ.get("TENSORPLUG_HOME") or Path.home() / ".tensorplug")


def config_path() -> Path:
    return home() / CONFIG_NAME


def _fix_hint(path: Path, key: str | None = None) -> str:
    if key is None:
        return (f"Fix: edit {path}, or replace it with defaults: "
                f"`python -m tensorplug config init --force`.")
    return (f"Fix: `python -m tensorplug config set {key} VALUE`, or edit {path}.")


def validate_value(key: str, value: Any, where: str, path: Path | None = None) -> Any:
    """Check one setting; return it normalised or raise ConfigError naming ``where``."""
    hint = _fix_hint(path, key) if path else f"Fix: pass one of the allowed values to {where}."
    if key == "floatx":
        if value not in FLOATX:
            raise ConfigError(f"Unknown floatx {value!r} in {where}. "
                              f"Allowed: {', '.join(FLOATX)}.\n{hint}")
        return value
    if key == "epsilon":
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
            raise ConfigError(f"Bad epsilon {value!r} in {where}: expected a positive "
                              f"number such as 1e-07.\n{hint}")
        return float(value)
    if key == "image_data_format":
        if value not in DATA_FORMATS:
            raise ConfigError(f"Unknown image_data_format {value!r} in {where}. "
                              f"Allowed: {', '.join(DATA_FORMATS)}.\n{hint}")
        return value
    if key == "backend":
        if not isinstance(value, str) or not value:
            raise ConfigError(f"Bad backend {value!r} in {where}: expected a backend "
                              f"name such as 'numpy'.\n{hint}")
        return value
    raise ConfigError(f"Unknown config key {key!r} in {where}. Allowed: {', '.join(KEYS)}.")


def read_config_file(path: Path | None = None) -> dict[str, Any]:
    """Parse and validate the config file; ``{}`` when it does not exist."""
    path = path or config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise ConfigError(f"Cannot read config file {path}: {exc}.\n{_fix_hint(path)}") from exc
    try:
        raw = json.loads(text) if text.strip() else {}
    except json.JSONDecodeError as exc:
        raise ConfigError(f"Config file {path} is not valid JSON: {exc}.\n"
                          f"{_fix_hint(path)}") from exc
    if not isinstance(raw, dict):
        raise ConfigError(f"Config file {path} must hold a JSON object, got "
                          f"{type(raw).__name__}.\n{_fix_hint(path)}")
    return _validate_file(raw, path)


def _validate_file(raw: dict[str, Any], path: Path) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in KEYS:
        if key in raw:
            out[key] = validate_value(key, raw[key], f"config file {path} (key {key!r})", path)
    legacy = raw.get("image_dim_ordering")
    if legacy is not None and "image_data_format" not in out:
        if legacy not in _LEGACY_ORDERING:
            raise ConfigError(f"Unknown image_dim_ordering {legacy!r} in config file {path} "
                              f"(key 'image_dim_ordering'). Allowed: 'tf', 'th'.\n"
                              f"{_fix_hint(path, 'image_data_format')}")
        warnings.warn(f"{path}: key 'image_dim_ordering' is deprecated (classic Keras 1); "
                      f"use \"image_data_format\": \"{_LEGACY_ORDERING[legacy]}\".",
                      DeprecationWarning, stacklevel=4)
        out["image_data_format"] = _LEGACY_ORDERING[legacy]
    return out


def ensure_loaded() -> None:
    """Read the config file once (on first use, never at import)."""
    global _loaded
    if _loaded:
        return
    with _lock:
        if _loaded:
            return
        values = read_config_file()
        _file_values.clear()
        _file_values.update(values)
        for key in _DEFAULTS:
            if key in values:
                _settings[key] = values[key]
        _loaded = True


def reload() -> None:
    """Forget settings and file values; the next use reads the file again."""
    global _loaded
    with _lock:
        _settings.clear()
        _settings.update(_DEFAULTS)
        _file_values.clear()
        _loaded = False


def file_value(key: str) -> Any:
    ensure_loaded()
    return _file_values.get(key)


def get(key: str) -> Any:
    if not _loaded:
        ensure_loaded()
    return _settings[key]


def set(key: str, value: Any, where: str) -> None:  # noqa: A001 - mirrors get()
    ensure_loaded()
    _settings[key] = validate_value(key, value, where)


def floatx() -> str:
    if not _loaded:
        ensure_loaded()
    return _settings["floatx"]  # type: ignore[no-any-return]


def write_config(values: dict[str, Any], path: Path | None = None, force: bool = False) -> Path:
    """Merge ``values`` into the config file, atomically.

    An existing file that does not parse is left untouched unless ``force``.
    """
    path = path or config_path()
    current: dict[str, Any] = {}
    if path.exists():
        try:
            current = json.loads(path.read_text(encoding="utf-8") or "{}")
            if not isinstance(current, dict):
                raise ValueError("not a JSON object")
        except ValueError as exc:
            if not force:
                raise ConfigError(f"Config file {path} is not valid JSON ({exc}); refusing to "
                                  f"overwrite it. Fix it by hand, or pass --force to replace "
                                  f"it.") from exc
            current = {}
    for key, value in values.items():
        current[key] = validate_value(key, value, f"the value for {key!r}")
    atomic_write(path, json.dumps(current, indent=4, sort_keys=True) + "\n")
    return path


def atomic_write(path: Path, text: str) -> None:
    import tempfile  # here, not at import: it pulls in random and shutil

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
