"""Small helpers shared by the subcommands: printing and reading the config file."""

from __future__ import annotations

import json
import shutil
import sys
import textwrap
import warnings
from pathlib import Path
from typing import Any, Iterable

from .. import _config
from .._errors import ConfigError


def say(text: str = "") -> None:
    print(text, file=sys.stdout)


def warn(text: str) -> None:
    print(f"warning: {text}", file=sys.stderr)


def note(text: str) -> None:
    print(f"note: {text}", file=sys.stderr)


def indent(text: str, prefix: str = "    ") -> str:
    return textwrap.indent(text, prefix)


def wrap_names(label: str, names: Iterable[str], prefix: str = "      ") -> str:
    names = list(names)
    body = ", ".join(names) if names else "(none)"
    return textwrap.fill(body, width=88, initial_indent=f"{prefix}{label}",
                         subsequent_indent=" " * (len(prefix) + len(label)))


def version_str(version: Iterable[int]) -> str:
    return ".".join(str(part) for part in version)


def read_config(path: Path | None = None) -> tuple[dict[str, Any] | None, str | None]:
    """The config file's validated values, or ``(None, message)`` when it is broken.

    The legacy-key deprecation warning is printed to stderr, not hidden.
    """
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            values = _config.read_config_file(path)
        except ConfigError as exc:
            return None, str(exc)
    for item in caught:
        warn(str(item.message))
    return values, None


def format_value(value: Any) -> str:
    return repr(value) if isinstance(value, str) else str(value)


def effective_settings(values: dict[str, Any]) -> list[tuple[str, Any, str]]:
    """(key, value, where it comes from) for floatx, epsilon and image_data_format."""
    out: list[tuple[str, Any, str]] = []
    for key in ("floatx", "epsilon", "image_data_format"):
        if key in values:
            out.append((key, values[key], "config file"))
        else:
            out.append((key, _config._DEFAULTS[key], "default"))
    return out


def parses(path: Path) -> bool:
    """Whether ``path`` holds a JSON object (the test ``write_config`` applies)."""
    try:
        return isinstance(json.loads(path.read_text(encoding="utf-8") or "{}"), dict)
    except (OSError, ValueError):
        return False


def backup(path: Path) -> Path:
    """Copy ``path`` to ``<name>.bak`` (before replacing it with ``--force``)."""
    target = path.with_name(path.name + ".bak")
    shutil.copy2(path, target)
    return target
