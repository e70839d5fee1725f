"""Default implementations of composite ops, written only with primitives.

``Generic(ops)`` is registered into each backend's plugin manager (``trylast``, so the
backend's own impls win). ``ops`` holds *that* backend's bound ops, never "whatever
backend is active", so a composite always runs on the backend it serves.
"""

from __future__ import annotations

from typing import Any

from ._control import ControlComposites
from ._conv import ConvComposites
from ._ctc import CTCComposites
from ._image import ImageComposites
from ._math import MathComposites
from ._nn import NNComposites
from ._random import RandomComposites
from ._shapes import ShapeComposites
from ._slicing import SlicingComposites
from ._tensors import TensorComposites
from ._variables import VariableComposites

__all__ = ["Generic", "HOST_SIDE"]

#: Composites whose generic implementation reads tensor values on the host (random
#: draws, lengths, decoding, printing). A tracing compiler would freeze or refuse them,
#: so K.function does not compile a graph that runs one of them generically.
HOST_SIDE = frozenset({
    "random_normal", "random_uniform", "random_binomial", "truncated_normal",
    "random_normal_variable", "random_uniform_variable", "dropout", "switch",
    "ctc_label_dense_to_sparse", "ctc_batch_cost", "ctc_decode", "print_tensor",
    "to_dense", "eval", "get_value",
})


class Generic(TensorComposites, MathComposites, ShapeComposites, VariableComposites,
              RandomComposites, SlicingComposites, ImageComposites, NNComposites,
              ConvComposites, CTCComposites, ControlComposites):
    """Composites for one backend. ``ops`` is filled once the primitives are bound."""

    def __init__(self, ops: Any) -> None:
        self.ops = ops
