"""``Sequential``: a linear stack of layers, built when the input shape is known (from
the first layer's ``input_shape``, ``build(input_shape)``, or the first data seen)."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any, Mapping

from .._errors import InvalidArgumentError
from ..layers._base import Layer
from ..layers._input import Input, InputLayer
from ._model import Model


class Sequential(Model):
    def __init__(self, layers: Any = None, name: str | None = None) -> None:
        super().__init__(name=name)
        self._is_graph = False
        self._stack: list[Layer] = []
        self.input_names, self.output_names = [], []
        for layer in layers or []:
            self.add(layer)

    def __setattr__(self, name: str, value: Any) -> None:
        object.__setattr__(self, name, value)

    @property
    def layers(self) -> list[Layer]:
        return list(self._stack)

    def add(self, layer: Layer) -> None:
        """Append a layer (an ``Input`` tensor or InputLayer sets the input shape)."""
        if hasattr(layer, "_keras_history") and not isinstance(layer, Layer):
            layer = layer._keras_history[0]
        if not isinstance(layer, Layer):
            raise InvalidArgumentError(f"The added layer must be an instance of class Layer. "
                                       f"Found: {layer!r}.")
        if isinstance(layer, InputLayer):
            if self._stack or self._input_layer_shape() is not None:
                raise InvalidArgumentError("An InputLayer can only be the first layer.")
            self._pending_input = layer
            self._rebuild()
            return
        self._stack.append(layer)
        self._functions = OrderedDict()
        self._rebuild(full=False)

    def pop(self) -> None:
        if not self._stack:
            raise InvalidArgumentError("There are no layers in the model.")
        self._stack.pop()
        self._functions = OrderedDict()
        self._rebuild()

    def _input_layer_shape(self) -> Any:
        pending = getattr(self, "_pending_input", None)
        if pending is not None:
            return pending.batch_input_shape
        if self._stack and self._stack[0].batch_input_shape is not None:
            return self._stack[0].batch_input_shape
        return getattr(self, "_build_shape", None)

    def _rebuild(self, full: bool = True) -> None:
        shape = self._input_layer_shape()
        if shape is None or not self._stack:
            return
        if not full and self._is_graph:
            self._init_graph(self.inputs[0], self._stack[-1](self.outputs[0]))
            self._compile_resolve()
            return
        pending = getattr(self, "_pending_input", None)
        x = pending._inbound_nodes[0].output_tensors[0] if pending is not None else \
            Input(batch_shape=tuple(shape))
        y = x
        for layer in self._stack:
            y = layer(y)
        self._init_graph(x, y)
        self._is_graph = True
        self._compile_resolve()

    def _compile_resolve(self) -> None:
        if getattr(self, "_compiled", False):
            from ._training import resolve_compile

            resolve_compile(self)

    def build(self, input_shape: Any = None) -> None:
        if input_shape is None:
            if self._input_layer_shape() is None:
                raise InvalidArgumentError("You must provide an input_shape argument.")
        else:
            self._build_shape = tuple(input_shape)
        self._rebuild()

    def _ensure_built(self, xs: list[Any]) -> None:
        if not self._is_graph:
            if not self._stack:
                raise InvalidArgumentError("The Sequential model has no layers: add some "
                                           "before training or predicting.")
            self._build_shape = (None, *xs[0].shape[1:])
            self._rebuild()

    def call(self, inputs: Any, training: Any = None) -> Any:
        x = inputs
        for layer in self._stack:
            x = layer._forward(x, training, {})
        return x

    def get_config(self) -> dict[str, Any]:
        from .. import layers as layers_mod

        config: list[dict[str, Any]] = []
        pending = getattr(self, "_pending_input", None)
        if pending is not None:
            config.append(layers_mod.serialize(pending))
        shape = getattr(self, "_build_shape", None)
        entries = [layers_mod.serialize(la) for la in self._stack]
        if shape is not None and entries and pending is None \
                and "batch_input_shape" not in entries[0]["config"]:
            entries[0]["config"]["batch_input_shape"] = list(shape)
        return {"name": self.name, "layers": config + entries}

    @classmethod
    def from_config(cls, config: Any,
                    custom_objects: Mapping[str, Any] | None = None) -> Sequential:
        from .. import layers as layers_mod

        entries = config["layers"] if isinstance(config, dict) else config
        model = cls(name=config.get("name") if isinstance(config, dict) else None)
        for entry in entries:
            model.add(layers_mod.deserialize(entry, custom_objects))
        return model
