"""Activation functions by Keras name (``'relu'``, ``'softmax'``, ...), written in K."""

from __future__ import annotations

from typing import Any, Callable, Mapping

from .. import backend as K
from ..saving._objects import get as _get


def linear(x: Any) -> Any:
    return x


def relu(x: Any, alpha: float = 0.0, max_value: Any = None, threshold: float = 0.0) -> Any:
    return K.relu(x, alpha=alpha, max_value=max_value, threshold=threshold)


def softmax(x: Any, axis: int = -1) -> Any:
    return K.softmax(x, axis=axis)


def sigmoid(x: Any) -> Any:
    return K.sigmoid(x)


def tanh(x: Any) -> Any:
    return K.tanh(x)


def elu(x: Any, alpha: float = 1.0) -> Any:
    return K.elu(x, alpha)


_SELU_ALPHA = 1.6732632423543772848170429916717
_SELU_SCALE = 1.0507009873554804934193349852946


def selu(x: Any) -> Any:
    return K.multiply(K.elu(x, _SELU_ALPHA), _SELU_SCALE)


def softplus(x: Any) -> Any:
    return K.softplus(x)


def softsign(x: Any) -> Any:
    return K.softsign(x)


def hard_sigmoid(x: Any) -> Any:
    return K.hard_sigmoid(x)


def exponential(x: Any) -> Any:
    return K.exp(x)


_TABLE: dict[str, Callable[..., Any]] = {
    f.__name__: f for f in (linear, relu, softmax, sigmoid, tanh, elu, selu, softplus,
                            softsign, hard_sigmoid, exponential)}


def get(identifier: Any, custom_objects: Mapping[str, Any] | None = None) -> Callable[..., Any]:
    """An activation function from a name, None (linear) or a callable."""
    if identifier is None:
        return linear
    return _get(identifier, _TABLE, "activation", instantiate=False,
                custom_objects=custom_objects)


def serialize(activation: Any) -> Any:
    name = getattr(activation, "__name__", None)
    if name in _TABLE and _TABLE[name] is activation:
        return name
    if hasattr(activation, "get_config"):
        return {"class_name": type(activation).__name__, "config": activation.get_config()}
    return name


