"""tensorplug's NumPy backend.

``build(xp)`` returns the hookimpl namespaces for an array module ``xp`` (numpy here;
tensorplug-cuda passes CuPy). Each namespace mirrors a module of
``tensorplug.hookspecs``.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from . import (
    activations,
    arithmetic,
    control,
    conv,
    ctc,
    elementwise,
    image,
    info,
    linalg,
    nn,
    random,
    reductions,
    shapes,
    slicing,
    tensors,
    variables,
)
from ._impls import Impls

__all__ = ["Impls", "build", "MODULES"]
__version__ = "0.1.0"

MODULES = (info, tensors, elementwise, arithmetic, reductions, linalg, shapes, activations,
           variables, random, slicing, image, nn, conv, ctc, control)


def build(xp: ModuleType, **options: Any) -> list[Impls]:
    """Hookimpl namespaces for ``xp``, one per contract module."""
    return [module.build(xp, **options) for module in MODULES]
