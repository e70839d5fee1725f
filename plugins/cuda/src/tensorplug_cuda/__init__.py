"""tensorplug's CUDA backend on CuPy.

It reuses tensorplug-numpy's implementations, written against an array namespace:
``build(cupy)`` is ``tensorplug_numpy.build(cupy, ...)`` followed by this package's
``build_overrides(cupy)``, registered after them so they win. The overrides are written
against ``xp`` too, so CI (no GPU) runs them with ``xp=numpy``.
"""

from __future__ import annotations

import warnings
from types import ModuleType
from typing import Any

import tensorplug_numpy
from tensorplug_numpy import Impls

from . import arithmetic, elementwise, info, linalg, reductions, shapes, tensors

__all__ = ["MODULES", "build", "build_overrides"]
__version__ = "0.1.0"

#: Override modules, named like ``tensorplug.hookspecs`` (activations needs none).
MODULES = (info, tensors, elementwise, arithmetic, reductions, linalg, shapes)


def build_overrides(xp: ModuleType, **options: Any) -> list[Impls]:
    """The CuPy-specific hookimpl namespaces for ``xp`` (CuPy, or numpy in CI)."""
    return [module.build(xp, **options) for module in MODULES]


def build(xp: ModuleType, **options: Any) -> list[Impls]:
    """Every hookimpl namespace of the CUDA backend: numpy's, then the overrides.

    :param xp: the array module (``cupy``).
    :param options: ``name`` (default ``"cuda"``) and ``device_count`` (default 1).
    """
    options.setdefault("name", "cuda")
    options.setdefault("version", __version__)
    options.setdefault("xfails", info.XFAILS)
    options.setdefault("tensor_types", (xp.ndarray,))
    with warnings.catch_warnings():
        # tensorplug-numpy 0.1.0 reads numpy.core.umath.clip even for a non-numpy xp,
        # which warns on numpy 2; this package overrides clip anyway.
        warnings.simplefilter("ignore", DeprecationWarning)
        base = tensorplug_numpy.build(xp, **options)
    return [*base, *build_overrides(xp, **options)]
