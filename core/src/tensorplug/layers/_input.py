"""``Input`` and ``InputLayer``: the entry points of a functional model."""

from __future__ import annotations

from typing import Any

from .. import backend as K
from .._errors import InvalidArgumentError
from ._base import Layer, Node, unique_name


class InputLayer(Layer):
    """Holds the placeholder a functional model is fed through."""

    def __init__(self, input_shape: Any = None, batch_size: Any = None,
                 batch_input_shape: Any = None, dtype: Any = None, input_tensor: Any = None,
                 sparse: bool = False, name: str | None = None, **kwargs: Any) -> None:
        if sparse:
            raise InvalidArgumentError("InputLayer: sparse inputs are not supported. "
                                       "Received: sparse=True.")
        if batch_input_shape is None:
            if input_shape is None and input_tensor is None:
                raise InvalidArgumentError("InputLayer needs input_shape or "
                                           "batch_input_shape (or input_tensor).")
            if input_shape is not None:
                batch_input_shape = (batch_size, *tuple(input_shape))
            else:
                batch_input_shape = K.int_shape(input_tensor)
        super().__init__(name=name or unique_name("input"), dtype=dtype, **kwargs)
        self.batch_input_shape = tuple(batch_input_shape)
        self.sparse = False
        if input_tensor is None:
            input_tensor = K.placeholder(shape=self.batch_input_shape, dtype=self.dtype,
                                         name=self.name)
        node = Node(self, [], [input_tensor], {})
        self._inbound_nodes.append(node)
        input_tensor._keras_history = (self, 0, 0)
        self.built = True

    def get_config(self) -> dict[str, Any]:
        return {"batch_input_shape": list(self.batch_input_shape or ()), "dtype": self.dtype,
                "sparse": False, "name": self.name}


def Input(shape: Any = None, batch_shape: Any = None, name: str | None = None,
          dtype: Any = None, sparse: bool = False, tensor: Any = None) -> Any:
    """A Keras tensor to build a functional model from (``shape`` excludes the batch)."""
    if shape is None and batch_shape is None and tensor is None:
        raise InvalidArgumentError("Please provide to Input either a `shape` or a "
                                   "`batch_shape` argument. Note that `shape` does not "
                                   "include the batch dimension.")
    if batch_shape is None and shape is not None:
        if isinstance(shape, int):
            shape = (shape,)
        batch_shape = (None, *tuple(shape))
    layer = InputLayer(batch_input_shape=batch_shape, name=name, dtype=dtype, sparse=sparse,
                       input_tensor=tensor)
    return layer._inbound_nodes[0].output_tensors[0]
