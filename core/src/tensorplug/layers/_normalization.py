"""BatchNormalization (Keras 2.3 semantics: batch statistics in training, moving
averages at test time, unbiased variance in the moving average)."""

from __future__ import annotations

import math
from typing import Any

from .. import backend as K
from .. import constraints, initializers, regularizers
from .._errors import InvalidArgumentError
from ._base import Layer, serialize_args


class BatchNormalization(Layer):
    def __init__(self, axis: int = -1, momentum: float = 0.99, epsilon: float = 1e-3,
                 center: bool = True, scale: bool = True, beta_initializer: Any = "zeros",
                 gamma_initializer: Any = "ones", moving_mean_initializer: Any = "zeros",
                 moving_variance_initializer: Any = "ones", beta_regularizer: Any = None,
                 gamma_regularizer: Any = None, beta_constraint: Any = None,
                 gamma_constraint: Any = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.axis = int(axis)
        self.momentum = float(momentum)
        self.epsilon = float(epsilon)
        self.center, self.scale = bool(center), bool(scale)
        self.beta_initializer = initializers.get(beta_initializer)
        self.gamma_initializer = initializers.get(gamma_initializer)
        self.moving_mean_initializer = initializers.get(moving_mean_initializer)
        self.moving_variance_initializer = initializers.get(moving_variance_initializer)
        self.beta_regularizer = regularizers.get(beta_regularizer)
        self.gamma_regularizer = regularizers.get(gamma_regularizer)
        self.beta_constraint = constraints.get(beta_constraint)
        self.gamma_constraint = constraints.get(gamma_constraint)
        self.gamma: Any = None
        self.beta: Any = None

    def build(self, input_shape: Any) -> None:
        ndim = len(input_shape)
        axis = self.axis % ndim if -ndim <= self.axis < ndim else None
        if axis is None or input_shape[axis] is None:
            raise InvalidArgumentError(
                f"BatchNormalization {self.name!r}: axis {self.axis} must be a known "
                f"dimension of the input. Received: input shape {input_shape}.")
        self._ndim, self._axis = ndim, axis
        shape = (input_shape[axis],)
        if self.scale:
            self.gamma = self.add_weight("gamma", shape, self.dtype, self.gamma_initializer,
                                         self.gamma_regularizer,
                                         constraint=self.gamma_constraint)
        if self.center:
            self.beta = self.add_weight("beta", shape, self.dtype, self.beta_initializer,
                                        self.beta_regularizer,
                                        constraint=self.beta_constraint)
        self.moving_mean = self.add_weight("moving_mean", shape, self.dtype,
                                           self.moving_mean_initializer, trainable=False)
        self.moving_variance = self.add_weight("moving_variance", shape, self.dtype,
                                               self.moving_variance_initializer,
                                               trainable=False)
        self.built = True

    def _broadcast(self, v: Any) -> Any:
        if v is None or self._axis == self._ndim - 1:
            return v
        shape = [1] * self._ndim
        shape[self._axis] = K.int_shape(v)[0]
        return K.reshape(v, tuple(shape))

    def _inference(self, inputs: Any) -> Any:
        b = self._broadcast
        return K.batch_normalization(inputs, b(self.moving_mean), b(self.moving_variance),
                                     b(self.beta), b(self.gamma), self._axis, self.epsilon)

    def _training(self, inputs: Any) -> Any:
        axes = tuple(i for i in range(self._ndim) if i != self._axis)
        normed, mean, var = K.normalize_batch_in_training(inputs, self.gamma, self.beta,
                                                          axes, self.epsilon)
        shape = K.int_shape(inputs)
        dims = [shape[i] for i in axes]
        if all(d is not None for d in dims):
            n: Any = float(math.prod(dims))
            unbiased = K.multiply(var, n / max(n - (1.0 + self.epsilon), 1e-12))
        else:
            n = K.cast(K.prod(K.gather(K.shape(inputs), list(axes))), K.dtype(var))
            unbiased = K.multiply(var, K.divide(n, K.subtract(n, 1.0 + self.epsilon)))
        m = self.momentum
        self.add_update([
            (self.moving_mean, K.add(K.multiply(self.moving_mean, m),
                                     K.multiply(mean, 1.0 - m))),
            (self.moving_variance, K.add(K.multiply(self.moving_variance, m),
                                         K.multiply(unbiased, 1.0 - m))),
        ])
        return normed

    def call(self, inputs: Any, training: Any = None) -> Any:
        if training in (0, False):
            return self._inference(inputs)
        if training in (1, True):
            return self._training(inputs)
        return K.in_train_phase(lambda: self._training(inputs),
                                lambda: self._inference(inputs), training=training)

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), **serialize_args(self, {
            "axis": self.axis, "momentum": self.momentum, "epsilon": self.epsilon,
            "center": self.center, "scale": self.scale,
            "beta_initializer": self.beta_initializer,
            "gamma_initializer": self.gamma_initializer,
            "moving_mean_initializer": self.moving_mean_initializer,
            "moving_variance_initializer": self.moving_variance_initializer,
            "beta_regularizer": self.beta_regularizer,
            "gamma_regularizer": self.gamma_regularizer,
            "beta_constraint": self.beta_constraint,
            "gamma_constraint": self.gamma_constraint})}
