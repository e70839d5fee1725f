"""where: CuPy's ``where`` calls ``condition.astype`` and refuses a numpy condition,
and the facade's retry converts only ``x`` and ``y``; convert the condition here."""

from __future__ import annotations

from types import ModuleType
from typing import Any

from tensorplug_numpy import Impls


def build(xp: ModuleType, **options: Any) -> Impls:
    ns = Impls("tensorplug_cuda.arithmetic")
    ndarray, asarray, where_ = xp.ndarray, xp.asarray, xp.where

    @ns.impl()
    def where(condition: Any, x: Any, y: Any) -> Any:
        if not isinstance(condition, ndarray):
            condition = asarray(condition)
        return where_(condition, x, y)

    return ns
