"""Pooling layers: Max/Average pooling 1D and 2D, global average/max pooling."""

from __future__ import annotations

from typing import Any

from .. import backend as K
from .._errors import InvalidArgumentError
from ._base import Layer
from ._convutils import normalize_padding, normalize_tuple


class _Pooling2D(Layer):
    mode: str

    def __init__(self, pool_size: Any = (2, 2), strides: Any = None, padding: str = "valid",
                 data_format: Any = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.pool_size = normalize_tuple(pool_size, 2, "pool_size")
        self.strides = normalize_tuple(self.pool_size if strides is None else strides, 2,
                                       "strides")
        self.padding = normalize_padding(padding)
        if self.padding == "causal":
            raise InvalidArgumentError("Pooling: padding must be 'valid' or 'same'. "
                                       "Received: padding='causal'.")
        self.data_format = K.normalize_data_format(data_format)

    def call(self, inputs: Any) -> Any:
        return K.pool2d(inputs, self.pool_size, self.strides, self.padding,
                        self.data_format, self.mode)

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "pool_size": list(self.pool_size),
                "strides": list(self.strides), "padding": self.padding,
                "data_format": self.data_format}


class MaxPooling2D(_Pooling2D):
    mode = "max"


class AveragePooling2D(_Pooling2D):
    mode = "avg"


class _Pooling1D(Layer):
    """Pooling over steps, computed as 2-D pooling with a window of width 1 (Keras 2)."""

    mode: str

    def __init__(self, pool_size: int = 2, strides: Any = None, padding: str = "valid",
                 data_format: str = "channels_last", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.pool_size = normalize_tuple(pool_size, 1, "pool_size")
        self.strides = normalize_tuple(self.pool_size if strides is None else strides, 1,
                                       "strides")
        self.padding = normalize_padding(padding)
        if self.padding == "causal":
            raise InvalidArgumentError("Pooling: padding must be 'valid' or 'same'. "
                                       "Received: padding='causal'.")
        self.data_format = K.normalize_data_format(data_format)

    def call(self, inputs: Any) -> Any:
        axis = 3 if self.data_format == "channels_first" else 2
        x = K.expand_dims(inputs, axis)
        y = K.pool2d(x, (self.pool_size[0], 1), (self.strides[0], 1), self.padding,
                     self.data_format, self.mode)
        return K.squeeze(y, axis)

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "pool_size": self.pool_size[0],
                "strides": self.strides[0], "padding": self.padding,
                "data_format": self.data_format}


class MaxPooling1D(_Pooling1D):
    mode = "max"


class AveragePooling1D(_Pooling1D):
    mode = "avg"


class _Global(Layer):
    rank: int
    reduce: str

    def __init__(self, data_format: Any = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        default = "channels_last" if self.rank == 1 and data_format is None else data_format
        self.data_format = K.normalize_data_format(default)

    def call(self, inputs: Any) -> Any:
        first = 2 if self.data_format == "channels_first" else 1
        axes = list(range(first, first + self.rank))
        fn = K.mean if self.reduce == "mean" else K.max
        return fn(inputs, axis=axes if len(axes) > 1 else axes[0])

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "data_format": self.data_format}


class GlobalAveragePooling1D(_Global):
    rank, reduce = 1, "mean"


class GlobalAveragePooling2D(_Global):
    rank, reduce = 2, "mean"


class GlobalMaxPooling1D(_Global):
    rank, reduce = 1, "max"


class GlobalMaxPooling2D(_Global):
    rank, reduce = 2, "max"


MaxPool1D, MaxPool2D = MaxPooling1D, MaxPooling2D
AvgPool1D, AvgPool2D = AveragePooling1D, AveragePooling2D
GlobalAvgPool1D, GlobalAvgPool2D = GlobalAveragePooling1D, GlobalAveragePooling2D
