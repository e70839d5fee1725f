"""The entry point: ``probe()`` must be cheap and must not import the framework;
``load()`` imports it and returns the hookimpl modules."""

from __future__ import annotations

import importlib.util
from types import ModuleType


def probe() -> tuple[bool, str]:
    """(available, reason): can this backend run here? Called by `tensorplug info`."""
    if importlib.util.find_spec("numpy") is None:
        return False, "numpy is not installed (pip install numpy)"
    return True, "numpy found"


def load() -> list[ModuleType]:
    """The hookimpl modules; called when the backend is selected or by `tensorplug doctor`."""
    from . import activations, arithmetic, elementwise, info, linalg, reductions, shapes, tensors

    return [info, tensors, elementwise, arithmetic, reductions, linalg, shapes, activations]
