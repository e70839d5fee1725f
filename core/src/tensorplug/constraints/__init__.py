"""Weight constraints, applied after each optimizer update (in the training graph):
``max_norm``, ``non_neg``, ``unit_norm``, ``min_max_norm`` or any callable."""

from __future__ import annotations

from typing import Any, Mapping

from .. import backend as K
from ..saving._objects import get as _get
from ..saving._objects import serialize as _serialize


class Constraint:
    """Base class: ``constraint(w)`` returns the projected weight."""

    def __call__(self, w: Any) -> Any:
        return w

    def get_config(self) -> dict[str, Any]:
        return {}

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> Constraint:
        return cls(**config)


def _norms(w: Any, axis: Any) -> Any:
    return K.sqrt(K.sum(K.square(w), axis=axis, keepdims=True))


class MaxNorm(Constraint):
    """Rescale each slice along ``axis`` whose L2 norm exceeds ``max_value``."""

    def __init__(self, max_value: float = 2, axis: Any = 0) -> None:
        self.max_value, self.axis = max_value, axis

    def __call__(self, w: Any) -> Any:
        norms = _norms(w, self.axis)
        desired = K.clip(norms, 0, self.max_value)
        return K.multiply(w, K.divide(desired, K.add(norms, K.epsilon())))

    def get_config(self) -> dict[str, Any]:
        return {"max_value": self.max_value, "axis": self.axis}


class NonNeg(Constraint):
    """Negative weights become zero."""

    def __call__(self, w: Any) -> Any:
        return K.relu(w)


class UnitNorm(Constraint):
    """Each slice along ``axis`` rescaled to unit L2 norm."""

    def __init__(self, axis: Any = 0) -> None:
        self.axis = axis

    def __call__(self, w: Any) -> Any:
        return K.divide(w, K.add(_norms(w, self.axis), K.epsilon()))

    def get_config(self) -> dict[str, Any]:
        return {"axis": self.axis}


class MinMaxNorm(Constraint):
    """Norms moved into ``[min_value, max_value]`` by ``rate`` (Keras 2)."""

    def __init__(self, min_value: float = 0.0, max_value: float = 1.0, rate: float = 1.0,
                 axis: Any = 0) -> None:
        self.min_value, self.max_value, self.rate, self.axis = min_value, max_value, rate, axis

    def __call__(self, w: Any) -> Any:
        norms = _norms(w, self.axis)
        clipped = K.clip(norms, self.min_value, self.max_value)
        desired = K.add(K.multiply(clipped, self.rate), K.multiply(norms, 1.0 - self.rate))
        return K.multiply(w, K.divide(desired, K.add(norms, K.epsilon())))

    def get_config(self) -> dict[str, Any]:
        return {"min_value": self.min_value, "max_value": self.max_value,
                "rate": self.rate, "axis": self.axis}


max_norm, non_neg, unit_norm, min_max_norm = MaxNorm, NonNeg, UnitNorm, MinMaxNorm

_TABLE: dict[str, Any] = {
    "Constraint": Constraint, "MaxNorm": MaxNorm, "NonNeg": NonNeg, "UnitNorm": UnitNorm,
    "MinMaxNorm": MinMaxNorm, "max_norm": MaxNorm, "non_neg": NonNeg,
    "unit_norm": UnitNorm, "min_max_norm": MinMaxNorm, "maxnorm": MaxNorm,
    "nonneg": NonNeg, "unitnorm": UnitNorm,
}


def get(identifier: Any, custom_objects: Mapping[str, Any] | None = None) -> Any:
    """A constraint from a name, a config, an instance or a callable."""
    return _get(identifier, _TABLE, "constraint", custom_objects=custom_objects)


def serialize(constraint: Any) -> Any:
    return _serialize(constraint)


def deserialize(config: Any, custom_objects: Mapping[str, Any] | None = None) -> Any:
    return get(config, custom_objects)


__all__ = ["Constraint", "MaxNorm", "MinMaxNorm", "NonNeg", "UnitNorm", "deserialize",
           "get", "max_norm", "min_max_norm", "non_neg", "serialize", "unit_norm"]
