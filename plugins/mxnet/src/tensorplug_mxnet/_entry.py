"""Entry point of the MXNet backend: ``probe()`` never imports mxnet."""

from __future__ import annotations

import importlib.util
from typing import Any


def probe() -> tuple[bool, str]:
    if importlib.util.find_spec("mxnet") is None:
        return False, ("mxnet is not installed (pip install tensorplug-mxnet, or "
                       "pip install mxnet==1.9.1 'numpy<2')")
    return True, "mxnet found"


def load() -> list[Any]:
    from . import build
    from ._runtime import Runtime, import_mxnet

    return build(Runtime(import_mxnet()))
