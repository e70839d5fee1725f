"""The functional graph of a model: nodes in topological order, running the layers on
new inputs, aggregated weights, and the functional config (Keras 2 layout)."""

from __future__ import annotations

from typing import Any, Mapping

from .. import backend as K
from .._errors import InvalidArgumentError
from ..graph import Symbol
from ..layers._base import Layer, Node, to_list
from ..layers._input import InputLayer


def _history(t: Any, what: str) -> tuple[Layer, int, int]:
    hist = getattr(t, "_keras_history", None)
    if not isinstance(t, Symbol) or hist is None:
        raise InvalidArgumentError(
            f"Model {what} must be Keras tensors (outputs of Input or of a layer). "
            f"Received: {t!r}.")
    return hist


def ordered_nodes(outputs: list[Symbol]) -> list[Node]:
    """Every node the outputs depend on, inputs before users (iterative DFS)."""
    order: list[Node] = []
    done: set[int] = set()
    stack: list[tuple[Node, bool]] = []
    for o in reversed(outputs):
        layer, index, _ = _history(o, "outputs")
        stack.append((layer._inbound_nodes[index], False))
    while stack:
        node, expanded = stack.pop()
        if id(node) in done:
            continue
        if expanded:
            done.add(id(node))
            order.append(node)
            continue
        stack.append((node, True))
        for t in reversed(node.input_tensors):
            layer, index, _ = _history(t, "inputs")
            dep = layer._inbound_nodes[index]
            if id(dep) not in done:
                stack.append((dep, False))
    return order


class Network(Layer):
    """A graph of layers with inputs and outputs; itself usable as a layer."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        inputs = kwargs.pop("inputs", args[0] if args else None)
        outputs = kwargs.pop("outputs", args[1] if len(args) > 1 else None)
        super().__init__(name=kwargs.pop("name", None), **kwargs)
        self.inputs: list[Symbol] = []
        self.outputs: list[Symbol] = []
        self._nodes: list[Node] = []
        self._layers: list[Layer] = []
        self._is_graph = inputs is not None
        if inputs is not None:
            self._init_graph(inputs, outputs)

    # -- graph ------------------------------------------------------------------------------
    def _init_graph(self, inputs: Any, outputs: Any) -> None:
        self.inputs, self.outputs = to_list(inputs), to_list(outputs)
        for x in self.inputs:
            layer, _, _ = _history(x, "inputs")
            if not isinstance(layer, InputLayer):
                raise InvalidArgumentError(f"Model inputs must come from Input(...). "
                                           f"Received a tensor made by layer {layer.name!r}.")
        self._nodes = ordered_nodes(self.outputs)
        known = {id(x) for x in self.inputs}
        for node in self._nodes:
            if isinstance(node.layer, InputLayer) and id(node.output_tensors[0]) not in known:
                raise InvalidArgumentError(
                    f"Graph disconnected: the outputs need input {node.layer.name!r}, which "
                    f"is not among the model's inputs {[self._name_of(x) for x in self.inputs]}.")
        layers: list[Layer] = [_history(x, "inputs")[0] for x in self.inputs]
        for node in self._nodes:
            if node.layer not in layers:
                layers.append(node.layer)
        self._layers = layers
        if len(self.inputs) == 1:  # so a Sequential starting with this model can build
            self.batch_input_shape = K.int_shape(self.inputs[0])
        self.input_names = [self._name_of(x) for x in self.inputs]
        self.output_names = [_history(o, "outputs")[0].name for o in self.outputs]
        self.built = True

    @staticmethod
    def _name_of(t: Any) -> str:
        return t._keras_history[0].name

    @property
    def layers(self) -> list[Layer]:
        return list(self._layers)

    def get_layer(self, name: str | None = None, index: int | None = None) -> Layer:
        if index is not None:
            if not 0 <= index < len(self.layers):
                raise InvalidArgumentError(f"Was asked to retrieve layer at index {index} but "
                                           f"model only has {len(self.layers)} layers.")
            return self.layers[index]
        for layer in self.layers:
            if layer.name == name:
                return layer
        raise InvalidArgumentError(f"No such layer: {name}. Layers: "
                                   f"{[la.name for la in self.layers]}.")

    def call(self, inputs: Any, training: Any = None) -> Any:
        xs = to_list(inputs)
        if len(xs) != len(self.inputs):
            raise InvalidArgumentError(f"Model {self.name!r} expects {len(self.inputs)} "
                                       f"input(s), received {len(xs)}.")
        env = {x.id: v for x, v in zip(self.inputs, xs)}
        for node in self._nodes:
            if isinstance(node.layer, InputLayer):
                continue
            args = [env[t.id] for t in node.input_tensors]
            out = node.layer._forward(args if len(args) > 1 else args[0], training,
                                      node.arguments)
            for t, v in zip(node.output_tensors, to_list(out)):
                env[t.id] = v
        outs = [env[o.id] for o in self.outputs]
        return outs[0] if len(outs) == 1 else outs

    def build(self, input_shape: Any) -> None:
        self.built = True

    # -- weights ----------------------------------------------------------------------------
    def _unique(self, attr: str) -> list[Any]:
        seen: set[int] = set()
        out = []
        for layer in self.layers:
            for w in getattr(layer, attr):
                if id(w) not in seen:
                    seen.add(id(w))
                    out.append(w)
        return out

    @property
    def trainable_weights(self) -> list[Any]:
        return self._unique("trainable_weights") if self.trainable else []

    @property
    def non_trainable_weights(self) -> list[Any]:
        if not self.trainable:
            return self._unique("weights")
        return self._unique("non_trainable_weights")

    @property
    def weights(self) -> list[Any]:
        return self._unique("weights")

    def get_weights(self) -> list[Any]:
        out = []
        for layer in self.layers:
            out.extend(layer.get_weights())
        return out

    def set_weights(self, weights: Any) -> None:
        weights = list(weights)
        total = sum(len(layer.weights) for layer in self.layers)
        if len(weights) != total:
            raise InvalidArgumentError(f"Model {self.name!r} expects {total} weight arrays, "
                                       f"received {len(weights)}.")
        for layer in self.layers:
            n = len(layer.weights)
            if n:
                layer.set_weights(weights[:n])
                weights = weights[n:]

    def constraint_for(self, var: Any) -> Any:
        for layer in self.layers:
            con = layer.constraint_for(var)
            if con is not None:
                return con
        return None

    def penalties(self) -> list[Any]:
        out = []
        for layer in self.layers:
            out.extend(layer.penalties())
        return out

    @property
    def losses(self) -> list[Any]:
        out = []
        for layer in self.layers:
            out.extend(layer.losses)
        return out + list(self._losses)

    def count_params(self) -> int:
        return int(sum(K.count_params(w) for w in self.weights))

    # -- config -----------------------------------------------------------------------------
    def _local_node_index(self) -> dict[int, tuple[str, int]]:
        own = {id(n) for n in self._nodes}
        index: dict[int, tuple[str, int]] = {}
        for layer in self.layers:
            k = 0
            for node in layer._inbound_nodes:
                if id(node) in own:
                    index[id(node)] = (layer.name, k)
                    k += 1
        return index

    def get_config(self) -> dict[str, Any]:
        from .. import layers as layers_mod

        if not self._is_graph:
            raise InvalidArgumentError(f"Model {self.name!r} is a subclassed model: it has "
                                       f"no config. Save its weights instead.")
        index = self._local_node_index()

        def ref(t: Any) -> list[Any]:
            layer, node_i, tensor_i = t._keras_history
            name, k = index[id(layer._inbound_nodes[node_i])]
            return [name, k, tensor_i]

        entries = []
        for layer in self.layers:
            inbound = [[ref(t) + [node.arguments] for t in node.input_tensors]
                       for node in layer._inbound_nodes
                       if id(node) in index and not isinstance(layer, InputLayer)]
            entry = layers_mod.serialize(layer)
            entry.update(name=layer.name, inbound_nodes=inbound)
            entries.append(entry)
        return {"name": self.name, "layers": entries,
                "input_layers": [ref(x) for x in self.inputs],
                "output_layers": [ref(o) for o in self.outputs]}

    @classmethod
    def from_config(cls, config: dict[str, Any],
                    custom_objects: Mapping[str, Any] | None = None) -> Network:
        from .. import layers as layers_mod

        created: dict[str, Layer] = {}
        outputs_of: dict[tuple[str, int], list[Symbol]] = {}
        pending: list[tuple[Layer, list[Any]]] = []
        for entry in config["layers"]:
            layer = layers_mod.deserialize(entry, custom_objects)
            created[entry["name"]] = layer
            if isinstance(layer, InputLayer):
                outputs_of[(entry["name"], 0)] = layer._inbound_nodes[0].output_tensors
            pending.extend((layer, nodes) for nodes in entry.get("inbound_nodes", []))
        count = {name: 1 if isinstance(la, InputLayer) else 0 for name, la in created.items()}
        while pending:
            progress = False
            for item in list(pending):
                layer, refs = item
                if all((r[0], r[1]) in outputs_of for r in refs):
                    args = [outputs_of[(r[0], r[1])][r[2]] for r in refs]
                    kwargs = refs[0][3] if refs and len(refs[0]) > 3 else {}
                    out = layer(args if len(args) > 1 else args[0], **(kwargs or {}))
                    outputs_of[(layer.name, count[layer.name])] = to_list(out)
                    count[layer.name] += 1
                    pending.remove(item)
                    progress = True
            if not progress:
                raise InvalidArgumentError("Model config has inbound nodes that cannot be "
                                           "resolved (a cycle or a missing layer).")
        ins = [outputs_of[(r[0], r[1])][r[2]] for r in config["input_layers"]]
        outs = [outputs_of[(r[0], r[1])][r[2]] for r in config["output_layers"]]
        return cls(inputs=ins, outputs=outs, name=config.get("name"))
