"""numpy overrides of composites: loops and switch on concrete tensors."""

from __future__ import annotations

from types import ModuleType
from typing import Any

from ._impls import Impls


def build(xp: ModuleType, **options: Any) -> Impls:
    ns = Impls("tensorplug_numpy.control")
    return ns
