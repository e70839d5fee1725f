"""Merge layers: Add, Subtract, Multiply, Average, Maximum, Minimum, Concatenate (and
their functional forms ``add([a, b])``, ...)."""

from __future__ import annotations

import functools
from typing import Any, Callable

from .. import backend as K
from .._errors import InvalidArgumentError
from ._base import Layer


class _Merge(Layer):
    _op: Callable[[Any, Any], Any]

    def _check(self, inputs: Any) -> list[Any]:
        if not isinstance(inputs, (list, tuple)) or len(inputs) < 2:
            raise InvalidArgumentError(f"{type(self).__name__} must be called on a list of "
                                       f"at least 2 tensors. Received: {inputs!r}.")
        return list(inputs)

    def call(self, inputs: Any) -> Any:
        xs = self._check(inputs)
        return functools.reduce(type(self)._op, xs)


class Add(_Merge):
    _op = staticmethod(K.add)  # type: ignore[assignment]


class Multiply(_Merge):
    _op = staticmethod(K.multiply)  # type: ignore[assignment]


class Maximum(_Merge):
    _op = staticmethod(K.maximum)  # type: ignore[assignment]


class Minimum(_Merge):
    _op = staticmethod(K.minimum)  # type: ignore[assignment]


class Subtract(_Merge):
    def call(self, inputs: Any) -> Any:
        xs = self._check(inputs)
        if len(xs) != 2:
            raise InvalidArgumentError(f"Subtract takes exactly 2 inputs. "
                                       f"Received: {len(xs)}.")
        return K.subtract(xs[0], xs[1])


class Average(_Merge):
    def call(self, inputs: Any) -> Any:
        xs = self._check(inputs)
        return K.divide(functools.reduce(K.add, xs), float(len(xs)))


class Concatenate(Layer):
    """Concatenate a list of tensors along ``axis``."""

    def __init__(self, axis: int = -1, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.axis = int(axis)

    def call(self, inputs: Any) -> Any:
        if not isinstance(inputs, (list, tuple)) or len(inputs) < 1:
            raise InvalidArgumentError(f"Concatenate must be called on a list of tensors. "
                                       f"Received: {inputs!r}.")
        return K.concatenate(list(inputs), axis=self.axis)

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "axis": self.axis}


def _functional(cls: type[Layer]) -> Callable[..., Any]:
    def merge(inputs: Any, **kwargs: Any) -> Any:
        return cls(**kwargs)(inputs)

    merge.__name__ = cls.__name__.lower()
    merge.__doc__ = f"Functional interface to :class:`{cls.__name__}`."
    return merge


add = _functional(Add)
subtract = _functional(Subtract)
multiply = _functional(Multiply)
average = _functional(Average)
maximum = _functional(Maximum)
minimum = _functional(Minimum)
concatenate = _functional(Concatenate)
