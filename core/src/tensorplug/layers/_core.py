"""Core layers: Dense, Activation, Dropout, Flatten, Reshape, Permute, RepeatVector,
Lambda."""

from __future__ import annotations

import math
from typing import Any, Callable

from .. import backend as K
from .._errors import InvalidArgumentError
from . import _activations
from ._base import Layer, init_kernel_and_bias, serialize_args


class Dense(Layer):
    """``activation(dot(inputs, kernel) + bias)``."""

    def __init__(self, units: int, activation: Any = None, use_bias: bool = True,
                 kernel_initializer: Any = "glorot_uniform", bias_initializer: Any = "zeros",
                 kernel_regularizer: Any = None, bias_regularizer: Any = None,
                 activity_regularizer: Any = None, kernel_constraint: Any = None,
                 bias_constraint: Any = None, **kwargs: Any) -> None:
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        if int(units) <= 0:
            raise InvalidArgumentError(f"Dense: units must be a positive int. "
                                       f"Received: units={units!r}.")
        self.units = int(units)
        init_kernel_and_bias(self, activation, use_bias, kernel_initializer, bias_initializer,
                             kernel_regularizer, bias_regularizer, kernel_constraint,
                             bias_constraint)

    def build(self, input_shape: Any) -> None:
        input_dim = input_shape[-1]
        if input_dim is None:
            raise InvalidArgumentError(f"Dense {self.name!r}: the last dimension of the "
                                       f"input must be known. Received: {input_shape}.")
        self.kernel = self.add_weight("kernel", (input_dim, self.units), self.dtype,
                                      self.kernel_initializer, self.kernel_regularizer,
                                      constraint=self.kernel_constraint)
        if self.use_bias:
            self.bias = self.add_weight("bias", (self.units,), self.dtype,
                                        self.bias_initializer, self.bias_regularizer,
                                        constraint=self.bias_constraint)
        self.built = True

    def call(self, inputs: Any) -> Any:
        out = K.dot(inputs, self.kernel)
        if self.use_bias:
            out = K.bias_add(out, self.bias, "channels_last")
        return self.activation(out)

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), **serialize_args(self, {
            "units": self.units, "activation": self.activation, "use_bias": self.use_bias,
            "kernel_initializer": self.kernel_initializer,
            "bias_initializer": self.bias_initializer,
            "kernel_regularizer": self.kernel_regularizer,
            "bias_regularizer": self.bias_regularizer,
            "kernel_constraint": self.kernel_constraint,
            "bias_constraint": self.bias_constraint})}


class Activation(Layer):
    def __init__(self, activation: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.activation = _activations.get(activation)

    def call(self, inputs: Any) -> Any:
        return self.activation(inputs)

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(),
                "activation": _activations.serialize(self.activation)}


class Dropout(Layer):
    """Drops a fraction ``rate`` of the inputs in training (``K.dropout`` inside
    ``K.in_train_phase``); the identity at test time."""

    def __init__(self, rate: float, noise_shape: Any = None, seed: Any = None,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if not 0.0 <= float(rate) < 1.0:
            raise InvalidArgumentError(f"Dropout: rate must be in [0, 1). "
                                       f"Received: rate={rate!r}.")
        self.rate = float(rate)
        self.noise_shape = noise_shape
        self.seed = seed

    def _noise_shape(self, inputs: Any) -> Any:
        if self.noise_shape is None:
            return None
        shape = K.int_shape(inputs)
        return tuple(shape[i] if d is None else d for i, d in enumerate(self.noise_shape))

    def call(self, inputs: Any, training: Any = None) -> Any:
        if not 0.0 < self.rate < 1.0 or training in (0, False):
            return inputs
        noise = self._noise_shape(inputs)
        return K.in_train_phase(lambda: K.dropout(inputs, self.rate, noise, seed=self.seed),
                                inputs, training=training)

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "rate": self.rate, "noise_shape": self.noise_shape,
                "seed": self.seed}


class Flatten(Layer):
    def __init__(self, data_format: Any = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.data_format = K.normalize_data_format(data_format)

    def call(self, inputs: Any) -> Any:
        if self.data_format == "channels_first" and K.ndim(inputs) > 2:
            ndim = K.ndim(inputs)
            inputs = K.permute_dimensions(inputs, (0, *range(2, ndim), 1))
        return K.batch_flatten(inputs)

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "data_format": self.data_format}


class Reshape(Layer):
    """Reshape to ``target_shape`` (excluding the batch; one dimension may be -1)."""

    def __init__(self, target_shape: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.target_shape = tuple(int(d) for d in target_shape)
        if sum(d == -1 for d in self.target_shape) > 1:
            raise InvalidArgumentError(f"Reshape: at most one dimension may be -1. "
                                       f"Received: target_shape={self.target_shape}.")

    def _resolved(self, input_shape: Any) -> tuple[int, ...]:
        if -1 not in self.target_shape:
            return self.target_shape
        known = input_shape[1:]
        if any(d is None for d in known):
            return self.target_shape
        total = math.prod(known)
        rest = math.prod(d for d in self.target_shape if d != -1)
        if rest == 0 or total % rest:
            raise InvalidArgumentError(f"Reshape: total size of the new array must be "
                                       f"unchanged. Input shape {input_shape}, "
                                       f"target_shape={self.target_shape}.")
        return tuple(total // rest if d == -1 else d for d in self.target_shape)

    def call(self, inputs: Any) -> Any:
        return K.reshape(inputs, (-1, *self._resolved(K.int_shape(inputs))))

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "target_shape": list(self.target_shape)}


class Permute(Layer):
    """Permute the non-batch axes: ``dims`` is 1-indexed, as in Keras."""

    def __init__(self, dims: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.dims = tuple(int(d) for d in dims)
        if sorted(self.dims) != list(range(1, len(self.dims) + 1)):
            raise InvalidArgumentError(f"Permute: dims must be a permutation of 1..n. "
                                       f"Received: dims={self.dims}.")

    def call(self, inputs: Any) -> Any:
        return K.permute_dimensions(inputs, (0, *self.dims))

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "dims": list(self.dims)}


class RepeatVector(Layer):
    """``(batch, features)`` -> ``(batch, n, features)``."""

    def __init__(self, n: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.n = int(n)

    def call(self, inputs: Any) -> Any:
        return K.repeat(inputs, self.n)

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "n": self.n}


class Lambda(Layer):
    """Wraps any function of K ops as a layer (``arguments`` are extra keyword args)."""

    def __init__(self, function: Callable[..., Any], output_shape: Any = None,
                 mask: Any = None, arguments: dict[str, Any] | None = None,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.function = function
        self.arguments = dict(arguments or {})
        self._output_shape = output_shape

    def call(self, inputs: Any) -> Any:
        return self.function(inputs, **self.arguments)

    def get_config(self) -> dict[str, Any]:
        from ._lambda_io import dump_function

        return {**super().get_config(), "function": dump_function(self.function),
                "output_shape": self._output_shape, "arguments": self.arguments}

    @classmethod
    def from_config(cls, config: dict[str, Any], custom_objects: Any = None) -> Lambda:
        from ._lambda_io import load_function

        config = dict(config)
        config["function"] = load_function(config["function"], custom_objects)
        return cls(**config)
