"""Convolution layers: Conv1D (input ``(steps, channels)``) and Conv2D."""

from __future__ import annotations

from typing import Any

from .. import backend as K
from .._errors import InvalidArgumentError
from ._base import Layer, init_kernel_and_bias, serialize_args
from ._convutils import normalize_padding, normalize_tuple


class _Conv(Layer):
    rank: int

    def __init__(self, filters: int, kernel_size: Any, strides: Any = 1,
                 padding: str = "valid", data_format: Any = None, dilation_rate: Any = 1,
                 activation: Any = None, use_bias: bool = True,
                 kernel_initializer: Any = "glorot_uniform", bias_initializer: Any = "zeros",
                 kernel_regularizer: Any = None, bias_regularizer: Any = None,
                 activity_regularizer: Any = None, kernel_constraint: Any = None,
                 bias_constraint: Any = None, **kwargs: Any) -> None:
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        n = self.rank
        if int(filters) <= 0:
            raise InvalidArgumentError(f"{type(self).__name__}: filters must be a positive "
                                       f"int. Received: filters={filters!r}.")
        self.filters = int(filters)
        self.kernel_size = normalize_tuple(kernel_size, n, "kernel_size")
        self.strides = normalize_tuple(strides, n, "strides")
        self.padding = normalize_padding(padding)
        if self.padding == "causal" and n != 1:
            raise InvalidArgumentError("padding='causal' is only allowed in Conv1D.")
        self.data_format = K.normalize_data_format(data_format)
        self.dilation_rate = normalize_tuple(dilation_rate, n, "dilation_rate")
        init_kernel_and_bias(self, activation, use_bias, kernel_initializer, bias_initializer,
                             kernel_regularizer, bias_regularizer, kernel_constraint,
                             bias_constraint)

    def build(self, input_shape: Any) -> None:
        axis = 1 if self.data_format == "channels_first" else -1
        channels = input_shape[axis]
        if channels is None or len(input_shape) != self.rank + 2:
            raise InvalidArgumentError(
                f"{type(self).__name__} {self.name!r} expects input of rank "
                f"{self.rank + 2} with a known channel dimension. Received: {input_shape}.")
        shape = (*self.kernel_size, channels, self.filters)
        self.kernel = self.add_weight("kernel", shape, self.dtype, self.kernel_initializer,
                                      self.kernel_regularizer,
                                      constraint=self.kernel_constraint)
        if self.use_bias:
            self.bias = self.add_weight("bias", (self.filters,), self.dtype,
                                        self.bias_initializer, self.bias_regularizer,
                                        constraint=self.bias_constraint)
        self.built = True

    def _convolve(self, inputs: Any) -> Any:
        raise NotImplementedError

    def call(self, inputs: Any) -> Any:
        out = self._convolve(inputs)
        if self.use_bias:
            out = K.bias_add(out, self.bias, self.data_format)
        return self.activation(out)

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), **serialize_args(self, {
            "filters": self.filters, "kernel_size": list(self.kernel_size),
            "strides": list(self.strides), "padding": self.padding,
            "data_format": self.data_format, "dilation_rate": list(self.dilation_rate),
            "activation": self.activation, "use_bias": self.use_bias,
            "kernel_initializer": self.kernel_initializer,
            "bias_initializer": self.bias_initializer,
            "kernel_regularizer": self.kernel_regularizer,
            "bias_regularizer": self.bias_regularizer,
            "kernel_constraint": self.kernel_constraint,
            "bias_constraint": self.bias_constraint})}


class Conv1D(_Conv):
    """Temporal convolution over ``(batch, steps, channels)`` (channels_last)."""

    rank = 1

    def __init__(self, filters: int, kernel_size: Any, strides: Any = 1,
                 padding: str = "valid", data_format: str = "channels_last",
                 dilation_rate: Any = 1, **kwargs: Any) -> None:
        super().__init__(filters, kernel_size, strides, padding, data_format, dilation_rate,
                         **kwargs)

    def _convolve(self, inputs: Any) -> Any:
        padding = self.padding
        if padding == "causal":
            left = self.dilation_rate[0] * (self.kernel_size[0] - 1)
            if self.data_format == "channels_first":
                inputs = K.permute_dimensions(inputs, (0, 2, 1))
            inputs = K.temporal_padding(inputs, (left, 0))
            if self.data_format == "channels_first":
                inputs = K.permute_dimensions(inputs, (0, 2, 1))
            padding = "valid"
        return K.conv1d(inputs, self.kernel, self.strides[0], padding, self.data_format,
                        self.dilation_rate[0])


class Conv2D(_Conv):
    """Spatial convolution over images (``data_format`` defaults to
    ``K.image_data_format()``)."""

    rank = 2

    def __init__(self, filters: int, kernel_size: Any, strides: Any = (1, 1),
                 padding: str = "valid", data_format: Any = None,
                 dilation_rate: Any = (1, 1), **kwargs: Any) -> None:
        super().__init__(filters, kernel_size, strides, padding, data_format, dilation_rate,
                         **kwargs)

    def _convolve(self, inputs: Any) -> Any:
        return K.conv2d(inputs, self.kernel, self.strides, self.padding, self.data_format,
                        self.dilation_rate)


Convolution1D, Convolution2D = Conv1D, Conv2D
