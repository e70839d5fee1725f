"""The Layer base class, graph nodes, and the collector of losses/updates.

Calling a layer on a Keras tensor (a symbol from ``Input`` or another layer) records a
:class:`Node`, so a functional model can walk from its outputs back to its inputs. A model
re-runs its layers (``Layer._forward``) inside a trace on fresh placeholders to build its
training and prediction functions; losses and updates made during that run (activity
regularizers, BatchNormalization's moving averages) go to the active collector.
"""

from __future__ import annotations

import contextlib
import contextvars
import inspect
from typing import Any, Callable, Iterator, cast

from .. import backend as K
from .. import constraints, initializers, regularizers
from .._errors import InvalidArgumentError
from ..graph import Symbol
from ..saving._objects import snake_case

__all__ = ["Collector", "Layer", "Node", "collecting", "to_list", "unique_name"]

_ALLOWED = {"input_shape", "batch_input_shape", "batch_size", "dtype", "name", "trainable",
            "weights", "input_dim", "activity_regularizer"}


def to_list(x: Any) -> list[Any]:
    return list(x) if isinstance(x, (list, tuple)) else [x]


def unique_name(prefix: str) -> str:
    """``dense_1``, ``dense_2``, ... (Keras 2 naming, reset by ``K.clear_session``)."""
    return f"{prefix}_{K.get_uid(prefix)}"


class Collector:
    """Losses and ``(variable, new_value)`` updates made while a model runs its layers."""

    def __init__(self) -> None:
        self.losses: list[Any] = []
        self.updates: list[tuple[Any, Any]] = []


_collector: contextvars.ContextVar[Collector | None] = contextvars.ContextVar(
    "tensorplug_layer_collector", default=None)


@contextlib.contextmanager
def collecting() -> Iterator[Collector]:
    col = Collector()
    token = _collector.set(col)
    try:
        yield col
    finally:
        _collector.reset(token)


class Node:
    """One call of ``layer`` on Keras tensors: its inputs, outputs and call arguments."""

    def __init__(self, layer: Layer, input_tensors: list[Symbol],
                 output_tensors: list[Symbol], arguments: dict[str, Any]) -> None:
        self.layer = layer
        self.input_tensors = input_tensors
        self.output_tensors = output_tensors
        self.arguments = arguments

    @property
    def inbound_history(self) -> list[tuple[Layer, int, int]]:
        return [cast(Any, t)._keras_history for t in self.input_tensors]


_ACCEPTS: dict[tuple[type, str], bool] = {}


def _accepts(cls: type, name: str) -> bool:
    """Whether ``cls.call`` takes argument ``name`` (cached per class)."""
    key = (cls, name)
    found = _ACCEPTS.get(key)
    if found is None:
        try:
            found = name in inspect.signature(cast(Any, cls).call).parameters
        except (TypeError, ValueError):
            found = False
        _ACCEPTS[key] = found
    return found


def _identity_call(self: Any, inputs: Any, **kwargs: Any) -> Any:
    return inputs


class Layer:
    """Base class of all layers (Keras 2 API): ``build``, ``call``, weights, config."""

    def __init__(self, **kwargs: Any) -> None:
        unknown = set(kwargs) - _ALLOWED
        if unknown:
            raise InvalidArgumentError(
                f"{type(self).__name__}: unknown keyword argument(s) {sorted(unknown)}. "
                f"Allowed here: {sorted(_ALLOWED)} plus the layer's own arguments.")
        self.name: str = kwargs.get("name") or unique_name(snake_case(type(self).__name__))
        self.trainable: bool = bool(kwargs.get("trainable", True))
        self.dtype: str = str(kwargs.get("dtype") or K.floatx())
        self.built = False
        self.supports_masking = False
        self.activity_regularizer = regularizers.get(kwargs.get("activity_regularizer"))
        self._trainable_weights: list[Any] = []
        self._non_trainable_weights: list[Any] = []
        self._weight_names: dict[int, str] = {}
        self._constraints: dict[int, Any] = {}
        self._penalties: list[tuple[Any, Any]] = []
        self._losses: list[Any] = []
        self._updates: list[tuple[Any, Any]] = []
        self._inbound_nodes: list[Node] = []
        self._outbound_nodes: list[Node] = []
        self._initial_weights = kwargs.get("weights")
        shape = kwargs.get("batch_input_shape")
        if shape is None and kwargs.get("input_dim") is not None:
            shape = (kwargs.get("batch_size"), int(kwargs["input_dim"]))
        if shape is None and kwargs.get("input_shape") is not None:
            shape = (kwargs.get("batch_size"), *tuple(kwargs["input_shape"]))
        self.batch_input_shape: tuple[Any, ...] | None = None if shape is None else tuple(shape)

    # -- weights --------------------------------------------------------------------------
    def add_weight(self, name: str, shape: Any, dtype: Any = None, initializer: Any = None,
                   regularizer: Any = None, trainable: bool = True,
                   constraint: Any = None) -> Any:
        """Create a variable with initial values drawn on the host (one seed gives the
        same values on every backend); register its regularizer and constraint."""
        dtype = str(dtype or self.dtype)
        values = initializers.sample(initializer or "glorot_uniform", tuple(shape), dtype)
        var = K.variable(values, dtype=dtype, name=f"{self.name}/{name}")
        self._weight_names[id(var)] = name
        (self._trainable_weights if trainable else self._non_trainable_weights).append(var)
        reg = regularizers.get(regularizer)
        if reg is not None:
            self._penalties.append((var, reg))
        con = constraints.get(constraint)
        if con is not None:
            self._constraints[id(var)] = con
        return var

    @property
    def trainable_weights(self) -> list[Any]:
        return list(self._trainable_weights) if self.trainable else []

    @property
    def non_trainable_weights(self) -> list[Any]:
        if self.trainable:
            return list(self._non_trainable_weights)
        return list(self._trainable_weights) + list(self._non_trainable_weights)

    @property
    def weights(self) -> list[Any]:
        return list(self._trainable_weights) + list(self._non_trainable_weights)

    def weight_name(self, var: Any) -> str:
        return self._weight_names.get(id(var), "weight")

    def constraint_for(self, var: Any) -> Any:
        return self._constraints.get(id(var))

    def get_weights(self) -> list[Any]:
        """The weights as numpy arrays (copies)."""
        import numpy as np

        return [np.array(K.to_numpy(w), copy=True) for w in self.weights]

    def set_weights(self, weights: Any) -> None:
        """Set every weight from a list of arrays (count and shapes checked first)."""
        import numpy as np

        params = self.weights
        weights = list(weights)
        if len(weights) != len(params):
            raise InvalidArgumentError(
                f"Layer {self.name!r} expects {len(params)} weight array(s), received "
                f"{len(weights)}. Expected shapes: {[K.int_shape(p) for p in params]}.")
        pairs = []
        for p, w in zip(params, weights):
            w = np.asarray(w)
            if tuple(K.int_shape(p)) != tuple(w.shape):
                raise InvalidArgumentError(
                    f"Layer {self.name!r} weight {self.weight_name(p)!r} has shape "
                    f"{K.int_shape(p)}, received an array of shape {w.shape}.")
            pairs.append((p, w.astype(K.dtype(p))))
        K.batch_set_value(pairs)

    def count_params(self) -> int:
        if not self.built:
            raise InvalidArgumentError(f"You tried to call count_params on {self.name}, but "
                                       f"the layer isn't built. Build it first.")
        return int(sum(K.count_params(w) for w in self.weights))

    # -- losses and updates ---------------------------------------------------------------
    def penalties(self) -> list[Any]:
        """Regularization penalties of this layer's weights (symbolic inside a trace)."""
        return [reg(var) for var, reg in self._penalties]

    @property
    def losses(self) -> list[Any]:
        return self.penalties() + list(self._losses)

    @property
    def updates(self) -> list[tuple[Any, Any]]:
        return list(self._updates)

    def add_loss(self, losses: Any, inputs: Any = None) -> None:
        col = _collector.get()
        target = col.losses if col is not None else self._losses
        target.extend(x for x in to_list(losses) if x is not None)

    def add_update(self, updates: Any, inputs: Any = None) -> None:
        col = _collector.get()
        target = col.updates if col is not None else self._updates
        target.extend(updates)

    # -- building and calling -------------------------------------------------------------
    def build(self, input_shape: Any) -> None:
        self.built = True

    #: ``call(inputs, [training=None], **kwargs) -> outputs``: the layer's computation
    #: (the identity here); subclasses define it with the arguments they take.
    call: Callable[..., Any] = _identity_call

    def compute_output_shape(self, input_shape: Any) -> Any:
        """Output shape(s), found by tracing ``call`` on placeholders."""
        shapes = input_shape if _is_shape_list(input_shape) else [input_shape]
        xs = [K.placeholder(shape=tuple(s), dtype=self.dtype) for s in shapes]
        self._maybe_build(xs if len(xs) > 1 else xs[0])
        with _no_collection():
            out = self.call(xs if len(xs) > 1 else xs[0])
        outs = [K.int_shape(o) for o in to_list(out)]
        return outs if isinstance(out, (list, tuple)) else outs[0]

    def _maybe_build(self, inputs: Any) -> None:
        if self.built:
            return
        shapes = [K.int_shape(x) for x in to_list(inputs)]
        self.build(shapes if isinstance(inputs, (list, tuple)) else shapes[0])
        self.built = True
        if self._initial_weights is not None:
            self.set_weights(self._initial_weights)
            self._initial_weights = None

    def _call_kwargs(self, kwargs: dict[str, Any], training: Any) -> dict[str, Any]:
        if _accepts(type(self), "training"):
            kwargs = dict(kwargs)
            kwargs["training"] = training
        return kwargs

    def __call__(self, inputs: Any, **kwargs: Any) -> Any:
        flat = to_list(inputs)
        symbolic = any(isinstance(x, Symbol) for x in flat)
        self._maybe_build(inputs)
        training = kwargs.pop("training", None)
        if training is None and not symbolic:
            phase = K.learning_phase()
            training = phase if isinstance(phase, int) else 0
        outputs = self.call(inputs, **self._call_kwargs(kwargs, training))
        self._activity_losses(outputs)
        if symbolic and all(hasattr(x, "_keras_history") for x in flat):
            outputs = self._record(flat, outputs, kwargs)
        return outputs

    def _forward(self, inputs: Any, training: Any, arguments: dict[str, Any]) -> Any:
        """Run the layer inside a model (no node recorded)."""
        self._maybe_build(inputs)
        outputs = self.call(inputs, **self._call_kwargs(arguments, training))
        self._activity_losses(outputs)
        return outputs

    def _activity_losses(self, outputs: Any) -> None:
        if self.activity_regularizer is not None:
            self.add_loss([self.activity_regularizer(o) for o in to_list(outputs)])

    def _record(self, inputs: list[Symbol], outputs: Any, arguments: dict[str, Any]) -> Any:
        outs = to_list(outputs)
        outs = [K.identity(o) if any(o is x for x in inputs) or hasattr(o, "_keras_history")
                else o for o in outs]
        node = Node(self, inputs, outs, arguments)
        self._inbound_nodes.append(node)
        for x in inputs:
            cast(Any, x)._keras_history[0]._outbound_nodes.append(node)
        index = len(self._inbound_nodes) - 1
        for i, o in enumerate(outs):
            o._keras_history = (self, index, i)
        return outs if isinstance(outputs, (list, tuple)) else outs[0]

    # -- graph properties -----------------------------------------------------------------
    def _node_attr(self, attr: str, what: str) -> Any:
        if not self._inbound_nodes:
            raise InvalidArgumentError(f"Layer {self.name!r} is not connected: no {what}. "
                                       f"Call it on an Input first.")
        if len(self._inbound_nodes) > 1:
            raise InvalidArgumentError(f"Layer {self.name!r} has several inbound nodes; "
                                       f"use get_{what}_at(node_index).")
        values = getattr(self._inbound_nodes[0], attr)
        return values[0] if len(values) == 1 else values

    @property
    def input(self) -> Any:
        return self._node_attr("input_tensors", "input")

    @property
    def output(self) -> Any:
        return self._node_attr("output_tensors", "output")

    def get_input_at(self, node_index: int) -> Any:
        values = self._inbound_nodes[node_index].input_tensors
        return values[0] if len(values) == 1 else values

    def get_output_at(self, node_index: int) -> Any:
        values = self._inbound_nodes[node_index].output_tensors
        return values[0] if len(values) == 1 else values

    @property
    def input_shape(self) -> Any:
        x = self.input
        return [K.int_shape(t) for t in x] if isinstance(x, list) else K.int_shape(x)

    @property
    def output_shape(self) -> Any:
        x = self.output
        return [K.int_shape(t) for t in x] if isinstance(x, list) else K.int_shape(x)

    # -- config ---------------------------------------------------------------------------
    def get_config(self) -> dict[str, Any]:
        config: dict[str, Any] = {"name": self.name, "trainable": self.trainable,
                                  "dtype": self.dtype}
        if self.batch_input_shape is not None:
            config["batch_input_shape"] = list(self.batch_input_shape)
        if self.activity_regularizer is not None:
            config["activity_regularizer"] = regularizers.serialize(self.activity_regularizer)
        return config

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> Layer:
        return cls(**config)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} name={self.name!r}>"


def _is_shape_list(shape: Any) -> bool:
    return isinstance(shape, list) and bool(shape) and isinstance(shape[0], (list, tuple))


@contextlib.contextmanager
def _no_collection() -> Iterator[None]:
    token = _collector.set(Collector())
    try:
        yield
    finally:
        _collector.reset(token)


def serialize_args(obj: Any, names: dict[str, Any]) -> dict[str, Any]:
    """Serialize initializer/regularizer/constraint/activation arguments for configs."""
    from . import _activations

    out = {}
    for key, value in names.items():
        if key.endswith("_initializer"):
            out[key] = initializers.serialize(value)
        elif key.endswith("_regularizer"):
            out[key] = regularizers.serialize(value)
        elif key.endswith("_constraint"):
            out[key] = constraints.serialize(value)
        elif key.endswith("activation"):
            out[key] = _activations.serialize(value)
        else:
            out[key] = value
    return out


def init_kernel_and_bias(layer: Any, activation: Any, use_bias: bool, kernel_initializer: Any,
                         bias_initializer: Any, kernel_regularizer: Any,
                         bias_regularizer: Any, kernel_constraint: Any,
                         bias_constraint: Any) -> None:
    """The Keras kernel/bias arguments shared by Dense and the conv layers."""
    from .. import constraints, initializers, regularizers
    from . import _activations

    layer.activation = _activations.get(activation)
    layer.use_bias = use_bias
    layer.kernel_initializer = initializers.get(kernel_initializer)
    layer.bias_initializer = initializers.get(bias_initializer)
    layer.kernel_regularizer = regularizers.get(kernel_regularizer)
    layer.bias_regularizer = regularizers.get(bias_regularizer)
    layer.kernel_constraint = constraints.get(kernel_constraint)
    layer.bias_constraint = constraints.get(bias_constraint)
    layer.bias = None
