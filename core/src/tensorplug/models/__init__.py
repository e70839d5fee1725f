"""Models: ``Sequential`` and the functional ``Model(inputs, outputs)``, with compile,
fit, evaluate, predict, train_on_batch, summary and saving; ``Sequence`` for batch
sources; ``load_model`` / ``model_from_json``."""

from __future__ import annotations

from typing import Any, Mapping

from ._data import Sequence
from ._model import Model
from ._sequential import Sequential


def load_model(filepath: Any, custom_objects: Mapping[str, Any] | None = None,
               compile: bool = True) -> Model:
    """Rebuild a model saved by ``model.save`` (architecture, weights, optimizer state)."""
    from ..saving import load_model as impl

    return impl(filepath, custom_objects=custom_objects, compile=compile)


def save_model(model: Model, filepath: Any, overwrite: bool = True,
               include_optimizer: bool = True) -> None:
    model.save(filepath, overwrite=overwrite, include_optimizer=include_optimizer)


def model_from_json(json_string: str, custom_objects: Mapping[str, Any] | None = None) -> Any:
    import json

    from .. import layers

    return layers.deserialize(json.loads(json_string), custom_objects)


def model_from_config(config: Mapping[str, Any],
                      custom_objects: Mapping[str, Any] | None = None) -> Any:
    from .. import layers

    return layers.deserialize(config, custom_objects)


__all__ = ["Model", "Sequence", "Sequential", "load_model", "model_from_config",
           "model_from_json", "save_model"]
