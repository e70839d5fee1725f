"""Default implementations of composite ops, written only with primitives.

``Generic(ops)`` is registered into each backend's plugin manager (``trylast``, so the
backend's own impls win). ``ops`` holds *that* backend's bound ops, never "whatever
backend is active", so a composite always runs on the backend it serves.
"""

from __future__ import annotations

from typing import Any

from ._math import MathComposites
from ._shapes import ShapeComposites
from ._tensors import TensorComposites

__all__ = ["Generic"]


class Generic(TensorComposites, MathComposites, ShapeComposites):
    """Composites for one backend. ``ops`` is filled once the primitives are bound."""

    def __init__(self, ops: Any) -> None:
        self.ops = ops
