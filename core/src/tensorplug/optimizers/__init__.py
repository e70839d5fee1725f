"""Optimizers (Keras 2.3 update rules, in K): SGD (momentum, Nesterov), RMSprop, Adam,
Adagrad; learning-rate schedules in :mod:`tensorplug.optimizers.schedules`."""

from __future__ import annotations

from typing import Any, Mapping

from ..saving._objects import get as _get
from . import schedules
from ._base import Optimizer
from ._optimizers import SGD, Adagrad, Adam, RMSprop

sgd, rmsprop, adam, adagrad = SGD, RMSprop, Adam, Adagrad

_TABLE: dict[str, Any] = {
    "SGD": SGD, "RMSprop": RMSprop, "Adam": Adam, "Adagrad": Adagrad,
    "sgd": SGD, "rmsprop": RMSprop, "adam": Adam, "adagrad": Adagrad,
}


def get(identifier: Any, custom_objects: Mapping[str, Any] | None = None) -> Optimizer:
    """An optimizer from a name (``'adam'``: defaults), a config or an instance."""
    if isinstance(identifier, Optimizer):
        return identifier
    found = _get(identifier, _TABLE, "optimizer", custom_objects=custom_objects)
    if not isinstance(found, Optimizer):
        from .._errors import InvalidArgumentError

        raise InvalidArgumentError(f"Could not interpret optimizer identifier: "
                                   f"{identifier!r}. Use a name ('sgd', 'rmsprop', 'adam', "
                                   f"'adagrad') or an Optimizer instance.")
    return found


def serialize(optimizer: Optimizer) -> dict[str, Any]:
    return {"class_name": type(optimizer).__name__, "config": optimizer.get_config()}


def deserialize(config: Any, custom_objects: Mapping[str, Any] | None = None) -> Optimizer:
    return get(config, custom_objects)


__all__ = ["Adagrad", "Adam", "Optimizer", "RMSprop", "SGD", "adagrad", "adam",
           "deserialize", "get", "rmsprop", "schedules", "serialize", "sgd"]
