from __future__ import annotations

import importlib.util
from typing import Any


def probe() -> tuple[bool, str]:
    ok = importlib.util.find_spec("numpy") is not None
    return ok, "numpy found" if ok else "numpy is not installed"


def load() -> list[Any]:
    from . import impls

    return [impls.IMPLS]
