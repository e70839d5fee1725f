"""Entry point of the numpy backend: ``probe()`` never imports numpy."""

from __future__ import annotations

import importlib.util
from typing import Any


def probe() -> tuple[bool, str]:
    if importlib.util.find_spec("numpy") is None:
        return False, "numpy is not installed (pip install numpy)"
    return True, "numpy found"


def load() -> list[Any]:
    import numpy

    from . import build
    from ._heap import keep_heap_top

    keep_heap_top()

    return build(numpy)
