"""Keras 2 layers, written only with K (so they run on every backend).

Calling a layer on a Keras tensor (from :func:`Input`) records a graph node; a model
re-runs its layers inside a trace to build its training and prediction functions.
"""

from __future__ import annotations

from typing import Any, Mapping

from ..saving._objects import deserialize as _deserialize
from . import _activations as activations
from ._base import Layer, Node
from ._conv import Conv1D, Conv2D, Convolution1D, Convolution2D
from ._core import (
    Activation,
    Dense,
    Dropout,
    Flatten,
    Lambda,
    Permute,
    RepeatVector,
    Reshape,
)
from ._embedding import Embedding
from ._input import Input, InputLayer
from ._merge import (
    Add,
    Average,
    Concatenate,
    Maximum,
    Minimum,
    Multiply,
    Subtract,
    add,
    average,
    concatenate,
    maximum,
    minimum,
    multiply,
    subtract,
)
from ._normalization import BatchNormalization
from ._pooling import (
    AveragePooling1D,
    AveragePooling2D,
    AvgPool1D,
    AvgPool2D,
    GlobalAveragePooling1D,
    GlobalAveragePooling2D,
    GlobalAvgPool1D,
    GlobalAvgPool2D,
    GlobalMaxPooling1D,
    GlobalMaxPooling2D,
    MaxPool1D,
    MaxPool2D,
    MaxPooling1D,
    MaxPooling2D,
)
from ._recurrent import GRU, LSTM, SimpleRNN

_CLASSES = (
    Activation, Add, Average, AveragePooling1D, AveragePooling2D, BatchNormalization,
    Concatenate, Conv1D, Conv2D, Dense, Dropout, Embedding, Flatten,
    GlobalAveragePooling1D, GlobalAveragePooling2D, GlobalMaxPooling1D, GlobalMaxPooling2D,
    GRU, InputLayer, Lambda, LSTM, Maximum, MaxPooling1D, MaxPooling2D, Minimum, Multiply,
    Permute, RepeatVector, Reshape, SimpleRNN, Subtract,
)


def _table() -> dict[str, Any]:
    table: dict[str, Any] = {c.__name__: c for c in _CLASSES}
    from .. import models

    table.update(Model=models.Model, Sequential=models.Sequential)
    return table


def serialize(layer: Layer) -> dict[str, Any]:
    """``{"class_name": ..., "config": ...}``."""
    return {"class_name": type(layer).__name__, "config": layer.get_config()}


def deserialize(config: Mapping[str, Any], custom_objects: Mapping[str, Any] | None = None
                ) -> Layer:
    """Rebuild a layer (or a model) from :func:`serialize`'s output."""
    return _deserialize(dict(config), _table(), "layer", custom_objects)


__all__ = [
    "Activation", "Add", "Average", "AveragePooling1D", "AveragePooling2D", "AvgPool1D",
    "AvgPool2D", "BatchNormalization", "Concatenate", "Conv1D", "Conv2D", "Convolution1D",
    "Convolution2D", "Dense", "Dropout", "Embedding", "Flatten", "GRU",
    "GlobalAveragePooling1D", "GlobalAveragePooling2D", "GlobalAvgPool1D",
    "GlobalAvgPool2D", "GlobalMaxPooling1D", "GlobalMaxPooling2D", "Input", "InputLayer",
    "LSTM", "Lambda", "Layer", "MaxPool1D", "MaxPool2D", "MaxPooling1D", "MaxPooling2D",
    "Maximum", "Minimum", "Multiply", "Node", "Permute", "RepeatVector", "Reshape",
    "SimpleRNN", "Subtract", "activations", "add", "average", "concatenate", "deserialize",
    "maximum", "minimum", "multiply", "serialize", "subtract",
]
