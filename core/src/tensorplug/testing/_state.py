"""What the pytest plugin decided for this run: the backend, or why it is skipped."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ._nep50 import DTYPES

COMMAND = ("pytest -p tensorplug.testing.plugin --pyargs tensorplug.testing "
           "--tensorplug-backend NAME [--tensorplug-xfails PATH]")


@dataclass
class RunState:
    configured: bool = False
    backend: str | None = None
    info: Any = None  # tensorplug.BackendInfo once loaded
    skip_reason: str | None = None
    xfails_path: Path | None = None
    xfails: list[Any] = field(default_factory=list)


STATE = RunState()


#: Dtypes assumed when the backend could not load (every test is skipped then): the
#: ones DESIGN.md asks of first-party backends, so the skipped ids look like real ones.
FALLBACK_DTYPES = ("bool", "int32", "int64", "float16", "float32", "float64")


def declared_dtypes() -> tuple[str, ...]:
    """The backend's declared dtypes (``backend_info().dtypes``) that the suite knows."""
    if STATE.info is None:
        return FALLBACK_DTYPES
    return tuple(d for d in STATE.info.dtypes if d in DTYPES)


def usage_message() -> str:
    return (f"The tensorplug conformance suite needs its pytest plugin and a backend name. "
            f"Run:\n    {COMMAND}\n"
            f"e.g. `--tensorplug-backend numpy` (list installed backends with "
            f"`python -m tensorplug info`).")
