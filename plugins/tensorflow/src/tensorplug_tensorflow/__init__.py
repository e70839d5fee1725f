"""tensorplug's TensorFlow backend.

Tensors are native ``tf.Tensor`` / ``tf.Variable``; every op runs eagerly and traces
unchanged inside ``tf.function``. ``build(tf)`` returns the hookimpl namespaces, one per
module of ``tensorplug.hookspecs``; it is called by ``_entry.load()``, the only place
TensorFlow is imported (importing this package does not import it).
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

__all__ = ["MODULE_NAMES", "build"]
__version__ = "0.1.0"

MODULE_NAMES = ("info", "tensors", "elementwise", "arithmetic", "reductions", "linalg",
                "shapes", "activations", "variables", "nn", "conv", "compile")


def build(tf: ModuleType, **options: Any) -> list[Any]:
    """Hookimpl namespaces for TensorFlow, one per contract module."""
    import importlib

    modules = [importlib.import_module(f"{__name__}.{name}") for name in MODULE_NAMES]
    return [module.build(tf, **options) for module in modules]
