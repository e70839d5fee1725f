"""Embedding: integer indices to dense vectors (``K.gather`` on a weight matrix)."""

from __future__ import annotations

from typing import Any

from .. import backend as K
from .. import constraints, initializers, regularizers
from .._errors import InvalidArgumentError
from ._base import Layer, serialize_args


class Embedding(Layer):
    def __init__(self, input_dim: int, output_dim: int,
                 embeddings_initializer: Any = "uniform", embeddings_regularizer: Any = None,
                 activity_regularizer: Any = None, embeddings_constraint: Any = None,
                 mask_zero: bool = False, input_length: Any = None, **kwargs: Any) -> None:
        if mask_zero:
            raise InvalidArgumentError("Embedding: mask_zero=True is not supported (layers "
                                       "do not propagate masks). Received: mask_zero=True.")
        if "input_shape" not in kwargs and "batch_input_shape" not in kwargs \
                and input_length is not None:
            kwargs["input_shape"] = (input_length,)
        kwargs.setdefault("dtype", K.floatx())
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        self.input_dim, self.output_dim = int(input_dim), int(output_dim)
        self.embeddings_initializer = initializers.get(embeddings_initializer)
        self.embeddings_regularizer = regularizers.get(embeddings_regularizer)
        self.embeddings_constraint = constraints.get(embeddings_constraint)
        self.mask_zero = False
        self.input_length = input_length

    def build(self, input_shape: Any) -> None:
        self.embeddings = self.add_weight("embeddings", (self.input_dim, self.output_dim),
                                          self.dtype, self.embeddings_initializer,
                                          self.embeddings_regularizer,
                                          constraint=self.embeddings_constraint)
        self.built = True

    def call(self, inputs: Any) -> Any:
        if K.dtype(inputs) not in ("int32", "int64"):
            inputs = K.cast(inputs, "int32")
        return K.gather(self.embeddings, inputs)

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), **serialize_args(self, {
            "input_dim": self.input_dim, "output_dim": self.output_dim,
            "embeddings_initializer": self.embeddings_initializer,
            "embeddings_regularizer": self.embeddings_regularizer,
            "embeddings_constraint": self.embeddings_constraint,
            "mask_zero": self.mask_zero, "input_length": self.input_length})}
