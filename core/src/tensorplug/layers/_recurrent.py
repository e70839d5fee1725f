"""Recurrent layers through ``K.rnn``: SimpleRNN, LSTM and GRU (Keras 2.3 weights and
gate order). The input projection ``inputs . kernel`` is computed for all steps at once;
the loop only does the recurrent part."""

from __future__ import annotations

from typing import Any

from .. import backend as K
from .. import constraints, initializers, regularizers
from .._errors import InvalidArgumentError
from . import _activations
from ._base import Layer, serialize_args


def _cols(x: Any, start: int, count: int) -> Any:
    """Columns ``start:start+count`` of the last axis."""
    rank = K.ndim(x)
    return K.slice(x, (0,) * (rank - 1) + (start,), (-1,) * (rank - 1) + (count,))


class _RNN(Layer):
    gates: int

    def __init__(self, units: int, activation: Any = "tanh",
                 recurrent_activation: Any = "sigmoid", use_bias: bool = True,
                 kernel_initializer: Any = "glorot_uniform",
                 recurrent_initializer: Any = "orthogonal", bias_initializer: Any = "zeros",
                 kernel_regularizer: Any = None, recurrent_regularizer: Any = None,
                 bias_regularizer: Any = None, activity_regularizer: Any = None,
                 kernel_constraint: Any = None, recurrent_constraint: Any = None,
                 bias_constraint: Any = None, dropout: float = 0.0,
                 recurrent_dropout: float = 0.0, return_sequences: bool = False,
                 return_state: bool = False, go_backwards: bool = False,
                 stateful: bool = False, unroll: bool = False, **kwargs: Any) -> None:
        if stateful:
            raise InvalidArgumentError(f"{type(self).__name__}: stateful=True is not "
                                       f"supported. Received: stateful=True.")
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        self.units = int(units)
        self.activation = _activations.get(activation)
        self.recurrent_activation = _activations.get(recurrent_activation)
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.recurrent_initializer = initializers.get(recurrent_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.recurrent_regularizer = regularizers.get(recurrent_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.recurrent_constraint = constraints.get(recurrent_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.dropout = min(1.0, max(0.0, float(dropout)))
        self.recurrent_dropout = min(1.0, max(0.0, float(recurrent_dropout)))
        self.return_sequences, self.return_state = return_sequences, return_state
        self.go_backwards, self.stateful, self.unroll = go_backwards, False, unroll
        self.bias: Any = None

    def _bias_shape(self) -> tuple[int, ...]:
        return (self.gates * self.units,)

    def _bias_values(self) -> Any:
        return self.bias_initializer

    def build(self, input_shape: Any) -> None:
        if len(input_shape) != 3 or input_shape[-1] is None:
            raise InvalidArgumentError(f"{type(self).__name__} {self.name!r} expects input "
                                       f"(batch, steps, features) with known features. "
                                       f"Received: {input_shape}.")
        g = self.gates * self.units
        self.kernel = self.add_weight("kernel", (input_shape[-1], g), self.dtype,
                                      self.kernel_initializer, self.kernel_regularizer,
                                      constraint=self.kernel_constraint)
        self.recurrent_kernel = self.add_weight(
            "recurrent_kernel", (self.units, g), self.dtype, self.recurrent_initializer,
            self.recurrent_regularizer, constraint=self.recurrent_constraint)
        if self.use_bias:
            self.bias = self.add_weight("bias", self._bias_shape(), self.dtype,
                                        self._bias_values(), self.bias_regularizer,
                                        constraint=self.bias_constraint)
        self.built = True

    def _mask(self, like: Any, rate: float, training: Any, noise: Any = None) -> Any:
        ones = K.ones_like(like)
        if not rate or training in (0, False):
            return None
        return K.in_train_phase(lambda: K.dropout(ones, rate, noise), ones, training=training)

    def _n_states(self) -> int:
        return 1

    def _step(self, xw_t: Any, states: list[Any], rmask: Any) -> tuple[Any, list[Any]]:
        raise NotImplementedError

    def _input_bias(self) -> Any:
        return self.bias

    def call(self, inputs: Any, training: Any = None, initial_state: Any = None) -> Any:
        mask = self._mask(inputs, self.dropout, training,
                          (K.int_shape(inputs)[0], 1, K.int_shape(inputs)[-1]))
        x = inputs if mask is None else K.multiply(inputs, mask)
        xw = K.dot(x, self.kernel)
        bias = self._input_bias()
        if bias is not None:
            xw = K.bias_add(xw, bias, "channels_last")
        zero = K.zeros_like(K.sum(_cols(xw, 0, self.units), axis=1))
        states = list(initial_state) if initial_state is not None \
            else [zero] * self._n_states()
        rmask = self._mask(zero, self.recurrent_dropout, training)
        last, outputs, new_states = K.rnn(self._step_with_mask, xw, states,
                                          go_backwards=self.go_backwards,
                                          constants=None if rmask is None else [rmask],
                                          unroll=self.unroll,
                                          input_length=K.int_shape(inputs)[1])
        out = outputs if self.return_sequences else last
        return [out, *new_states] if self.return_state else out

    def _step_with_mask(self, xw_t: Any, states: list[Any]) -> tuple[Any, list[Any]]:
        n = self._n_states()
        rmask = states[n] if len(states) > n else None  # recurrent dropout: a constant
        return self._step(xw_t, list(states[:n]), rmask)

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), **serialize_args(self, {
            "units": self.units, "activation": self.activation,
            "recurrent_activation": self.recurrent_activation, "use_bias": self.use_bias,
            "kernel_initializer": self.kernel_initializer,
            "recurrent_initializer": self.recurrent_initializer,
            "bias_initializer": self.bias_initializer,
            "kernel_regularizer": self.kernel_regularizer,
            "recurrent_regularizer": self.recurrent_regularizer,
            "bias_regularizer": self.bias_regularizer,
            "kernel_constraint": self.kernel_constraint,
            "recurrent_constraint": self.recurrent_constraint,
            "bias_constraint": self.bias_constraint, "dropout": self.dropout,
            "recurrent_dropout": self.recurrent_dropout,
            "return_sequences": self.return_sequences, "return_state": self.return_state,
            "go_backwards": self.go_backwards, "stateful": False, "unroll": self.unroll})}


def _h(states: list[Any], rmask: Any) -> Any:
    return states[0] if rmask is None else K.multiply(states[0], rmask)


class SimpleRNN(_RNN):
    gates = 1

    def __init__(self, units: int, activation: Any = "tanh", **kwargs: Any) -> None:
        kwargs.pop("recurrent_activation", None)
        super().__init__(units, activation=activation, **kwargs)

    def _step(self, xw_t: Any, states: list[Any], rmask: Any) -> Any:
        h = self.activation(K.add(xw_t, K.dot(_h(states, rmask), self.recurrent_kernel)))
        return h, [h]


class LSTM(_RNN):
    """Long short-term memory; gates in Keras's order i, f, c, o."""

    gates = 4

    def __init__(self, units: int, unit_forget_bias: bool = True, **kwargs: Any) -> None:
        super().__init__(units, **kwargs)
        self.unit_forget_bias = unit_forget_bias

    def _bias_values(self) -> Any:
        if not self.unit_forget_bias:
            return self.bias_initializer
        u, init = self.units, self.bias_initializer

        def forget_ones(shape: Any, dtype: Any = None) -> Any:
            import numpy as np

            values = np.array(initializers.sample(init, shape, dtype))
            values[u:2 * u] = 1.0
            return values

        return forget_ones

    def _n_states(self) -> int:
        return 2

    def _step(self, xw_t: Any, states: list[Any], rmask: Any) -> Any:
        u, act, rec = self.units, self.activation, self.recurrent_activation
        z = K.add(xw_t, K.dot(_h(states, rmask), self.recurrent_kernel))
        i = rec(_cols(z, 0, u))
        f = rec(_cols(z, u, u))
        c = K.add(K.multiply(f, states[1]), K.multiply(i, act(_cols(z, 2 * u, u))))
        o = rec(_cols(z, 3 * u, u))
        h = K.multiply(o, act(c))
        return h, [h, c]

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "unit_forget_bias": self.unit_forget_bias}


class GRU(_RNN):
    """Gated recurrent unit; gates in Keras's order z, r, h (``reset_after`` as Keras)."""

    gates = 3

    def __init__(self, units: int, reset_after: bool = False, **kwargs: Any) -> None:
        super().__init__(units, **kwargs)
        self.reset_after = reset_after

    def _bias_shape(self) -> tuple[int, ...]:
        return (2, 3 * self.units) if self.reset_after else (3 * self.units,)

    def _input_bias(self) -> Any:
        if self.bias is None or not self.reset_after:
            return self.bias
        return K.reshape(K.slice(self.bias, (0, 0), (1, -1)), (-1,))

    def _step(self, xw_t: Any, states: list[Any], rmask: Any) -> Any:
        u, act, rec = self.units, self.activation, self.recurrent_activation
        h_prev = states[0]
        hm = _h(states, rmask)
        if self.reset_after:
            inner = K.dot(hm, self.recurrent_kernel)
            if self.bias is not None:
                inner = K.add(inner, K.reshape(K.slice(self.bias, (1, 0), (1, -1)), (-1,)))
            z = rec(K.add(_cols(xw_t, 0, u), _cols(inner, 0, u)))
            r = rec(K.add(_cols(xw_t, u, u), _cols(inner, u, u)))
            hh = act(K.add(_cols(xw_t, 2 * u, u), K.multiply(r, _cols(inner, 2 * u, u))))
        else:
            zr = K.dot(hm, _cols(self.recurrent_kernel, 0, 2 * u))
            z = rec(K.add(_cols(xw_t, 0, u), _cols(zr, 0, u)))
            r = rec(K.add(_cols(xw_t, u, u), _cols(zr, u, u)))
            rh = K.dot(K.multiply(r, hm), _cols(self.recurrent_kernel, 2 * u, u))
            hh = act(K.add(_cols(xw_t, 2 * u, u), rh))
        h = K.add(K.multiply(z, h_prev), K.multiply(K.subtract(1.0, z), hh))
        return h, [h]

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "reset_after": self.reset_after}
