"""Weight regularizers: ``l1(l)``, ``l2(l)``, ``l1_l2(l1, l2)`` or any callable
``weight -> scalar``. Each penalty joins the training loss of the model that owns the
weight (computed in the training graph, so its gradient reaches the weight)."""

from __future__ import annotations

from typing import Any, Mapping

from .. import backend as K
from ..saving._objects import get as _get
from ..saving._objects import serialize as _serialize


class Regularizer:
    """Base class: ``regularizer(x)`` returns a scalar penalty."""

    def __call__(self, x: Any) -> Any:
        return 0.0

    def get_config(self) -> dict[str, Any]:
        return {}

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> Regularizer:
        return cls(**config)


class L1L2(Regularizer):
    """``l1 * sum(|x|) + l2 * sum(x**2)``."""

    def __init__(self, l1: float = 0.0, l2: float = 0.0) -> None:
        self.l1 = float(l1)
        self.l2 = float(l2)

    def __call__(self, x: Any) -> Any:
        penalty: Any = 0.0
        if self.l1:
            penalty = K.multiply(K.sum(K.abs(x)), self.l1)
        if self.l2:
            term = K.multiply(K.sum(K.square(x)), self.l2)
            penalty = term if isinstance(penalty, float) else K.add(penalty, term)
        return penalty

    def get_config(self) -> dict[str, Any]:
        return {"l1": self.l1, "l2": self.l2}

    def __repr__(self) -> str:
        return f"L1L2(l1={self.l1}, l2={self.l2})"


def l1(l: float = 0.01) -> L1L2:  # noqa: E741 (Keras's name)
    return L1L2(l1=l)


def l2(l: float = 0.01) -> L1L2:  # noqa: E741
    return L1L2(l2=l)


def l1_l2(l1: float = 0.01, l2: float = 0.01) -> L1L2:
    return L1L2(l1=l1, l2=l2)


_TABLE: dict[str, Any] = {"Regularizer": Regularizer, "L1L2": L1L2, "l1": l1, "l2": l2,
                          "l1_l2": l1_l2}


def get(identifier: Any, custom_objects: Mapping[str, Any] | None = None) -> Any:
    """A regularizer from a name (``'l2'``: factor 0.01), a config, an instance or a
    callable."""
    if isinstance(identifier, str) and identifier in ("l1", "l2", "l1_l2"):
        return _TABLE[identifier]()
    return _get(identifier, _TABLE, "regularizer", custom_objects=custom_objects)


def serialize(regularizer: Any) -> Any:
    return _serialize(regularizer)


def deserialize(config: Any, custom_objects: Mapping[str, Any] | None = None) -> Any:
    return get(config, custom_objects)


__all__ = ["L1L2", "Regularizer", "deserialize", "get", "l1", "l1_l2", "l2", "serialize"]
