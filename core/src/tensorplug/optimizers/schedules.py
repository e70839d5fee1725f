"""Learning-rate schedules: functions of the optimizer's step count, computed in the
training graph (so changing the step changes the rate without rebuilding anything)."""

from __future__ import annotations

import math
from typing import Any, Mapping

from .. import backend as K
from .._errors import InvalidArgumentError
from ..saving._objects import deserialize as _deserialize


class LearningRateSchedule:
    """Base class: ``schedule(step)`` returns the learning rate for float tensor ``step``
    (the number of updates done so far)."""

    def __call__(self, step: Any) -> Any:
        raise NotImplementedError

    def get_config(self) -> dict[str, Any]:
        return {}

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> LearningRateSchedule:
        return cls(**config)


def _floor_nonneg(x: Any) -> Any:
    return K.cast(K.cast(x, "int64"), K.dtype(x))


class ExponentialDecay(LearningRateSchedule):
    """``initial_learning_rate * decay_rate ** (step / decay_steps)``."""

    def __init__(self, initial_learning_rate: float, decay_steps: int, decay_rate: float,
                 staircase: bool = False) -> None:
        if decay_steps <= 0 or decay_rate <= 0:
            raise InvalidArgumentError(f"ExponentialDecay: decay_steps and decay_rate must "
                                       f"be positive. Received: decay_steps={decay_steps}, "
                                       f"decay_rate={decay_rate}.")
        self.initial_learning_rate = float(initial_learning_rate)
        self.decay_steps, self.decay_rate = decay_steps, float(decay_rate)
        self.staircase = staircase

    def __call__(self, step: Any) -> Any:
        p = K.divide(step, float(self.decay_steps))
        if self.staircase:
            p = _floor_nonneg(p)
        return K.multiply(K.exp(K.multiply(p, math.log(self.decay_rate))),
                          self.initial_learning_rate)

    def get_config(self) -> dict[str, Any]:
        return {"initial_learning_rate": self.initial_learning_rate,
                "decay_steps": self.decay_steps, "decay_rate": self.decay_rate,
                "staircase": self.staircase}


class InverseTimeDecay(LearningRateSchedule):
    """``initial_learning_rate / (1 + decay_rate * step / decay_steps)``."""

    def __init__(self, initial_learning_rate: float, decay_steps: int, decay_rate: float,
                 staircase: bool = False) -> None:
        self.initial_learning_rate = float(initial_learning_rate)
        self.decay_steps, self.decay_rate = decay_steps, float(decay_rate)
        self.staircase = staircase

    def __call__(self, step: Any) -> Any:
        p = K.divide(step, float(self.decay_steps))
        if self.staircase:
            p = _floor_nonneg(p)
        return K.divide(self.initial_learning_rate,
                        K.add(K.multiply(p, self.decay_rate), 1.0))

    def get_config(self) -> dict[str, Any]:
        return {"initial_learning_rate": self.initial_learning_rate,
                "decay_steps": self.decay_steps, "decay_rate": self.decay_rate,
                "staircase": self.staircase}


class PiecewiseConstantDecay(LearningRateSchedule):
    """``values[i]`` while ``boundaries[i-1] < step <= boundaries[i]``."""

    def __init__(self, boundaries: list[float], values: list[float]) -> None:
        if len(values) != len(boundaries) + 1:
            raise InvalidArgumentError(
                f"PiecewiseConstantDecay: values must have one more entry than boundaries. "
                f"Received: {len(boundaries)} boundaries, {len(values)} values.")
        self.boundaries, self.values = list(boundaries), [float(v) for v in values]

    def __call__(self, step: Any) -> Any:
        out = K.add(K.zeros_like(step), self.values[-1])
        for b, v in reversed(list(zip(self.boundaries, self.values[:-1]))):
            out = K.where(K.less_equal(step, float(b)), K.add(K.zeros_like(step), v), out)
        return out

    def get_config(self) -> dict[str, Any]:
        return {"boundaries": self.boundaries, "values": self.values}


class CosineDecay(LearningRateSchedule):
    """Cosine from ``initial_learning_rate`` to ``alpha * initial`` over ``decay_steps``."""

    def __init__(self, initial_learning_rate: float, decay_steps: int,
                 alpha: float = 0.0) -> None:
        self.initial_learning_rate = float(initial_learning_rate)
        self.decay_steps, self.alpha = decay_steps, float(alpha)

    def __call__(self, step: Any) -> Any:
        p = K.divide(K.minimum(step, float(self.decay_steps)), float(self.decay_steps))
        cosine = K.multiply(K.add(K.cos(K.multiply(p, math.pi)), 1.0), 0.5)
        decayed = K.add(K.multiply(cosine, 1.0 - self.alpha), self.alpha)
        return K.multiply(decayed, self.initial_learning_rate)

    def get_config(self) -> dict[str, Any]:
        return {"initial_learning_rate": self.initial_learning_rate,
                "decay_steps": self.decay_steps, "alpha": self.alpha}


_TABLE = {c.__name__: c for c in (ExponentialDecay, InverseTimeDecay,
                                  PiecewiseConstantDecay, CosineDecay)}


def serialize(schedule: LearningRateSchedule) -> dict[str, Any]:
    return {"class_name": type(schedule).__name__, "config": schedule.get_config()}


def deserialize(config: Any, custom_objects: Mapping[str, Any] | None = None) -> Any:
    return _deserialize(config, _TABLE, "learning-rate schedule", custom_objects)


__all__ = ["CosineDecay", "ExponentialDecay", "InverseTimeDecay", "LearningRateSchedule",
           "PiecewiseConstantDecay", "deserialize", "serialize"]
