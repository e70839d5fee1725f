"""tensorplug's MXNet backend: ``mxnet.numpy`` arrays as tensors.

``build(rt)`` returns the hookimpl namespaces for a :class:`~._runtime.Runtime` (MXNet
imported by ``_entry.load``); each namespace mirrors a module of ``tensorplug.hookspecs``.
"""

from __future__ import annotations

from typing import Any

from . import activations, arithmetic, elementwise, info, linalg, reductions, shapes, tensors
from ._impls import Impls

__all__ = ["Impls", "MODULES", "build"]
__version__ = "0.1.0"

MODULES = (info, tensors, elementwise, arithmetic, reductions, linalg, shapes, activations)


def build(rt: Any, **options: Any) -> list[Impls]:
    """Hookimpl namespaces for ``rt``, one per contract module."""
    return [module.build(rt, **options) for module in MODULES]
