"""Primitive hookimpls of the tiny backend, built from small tables."""

from __future__ import annotations

import types
from typing import Any, Callable

import numpy as np
from tensorplug import BackendInfo, hookimpl


class TinyTensor(np.ndarray):
    """The tiny backend's native tensor type."""


def t(a: Any) -> TinyTensor:
    return np.asarray(a).view(TinyTensor)


def plain(a: Any) -> Any:
    return a.view(np.ndarray) if isinstance(a, np.ndarray) else a


IMPLS = types.SimpleNamespace(__name__="tensorplug_tiny.impls")


def register(fn: Callable[..., Any]) -> Callable[..., Any]:
    setattr(IMPLS, fn.__name__, hookimpl(fn))
    return fn


def _unary(name: str, f: Callable[..., Any]) -> None:
    def impl(x: Any) -> Any:
        return t(f(plain(x)))

    impl.__name__ = name
    register(impl)


def _binary(name: str, f: Callable[..., Any]) -> None:
    def impl(x: Any, y: Any) -> Any:
        return t(f(plain(x), plain(y)))

    impl.__name__ = name
    register(impl)


def _reduction(name: str, f: Callable[..., Any]) -> None:
    def impl(x: Any, axis: Any, keepdims: Any) -> Any:
        return t(f(plain(x), axis=axis, keepdims=keepdims))

    impl.__name__ = name
    register(impl)


def _scan(name: str, f: Callable[..., Any]) -> None:
    def impl(x: Any, axis: Any) -> Any:
        return t(f(plain(x), axis=axis))

    impl.__name__ = name
    register(impl)


def _sqrt(x: Any) -> Any:
    return np.sqrt(np.where(x < 0, np.zeros_like(x), x))


def _round(x: Any) -> Any:
    x = np.asarray(x)
    return np.rint(x) if x.dtype.kind == "f" else x.copy()


for _name, _f in {"abs": np.abs, "negative": np.negative, "sqrt": _sqrt, "exp": np.exp,
                  "log": np.log, "sign": np.sign, "round": _round, "sin": np.sin,
                  "cos": np.cos, "tanh": np.tanh,
                  "softplus": lambda x: np.logaddexp(np.asarray(x).dtype.type(0), x)}.items():
    _unary(_name, _f)
for _name, _f in {"add": np.add, "subtract": np.subtract, "multiply": np.multiply,
                  "divide": np.true_divide, "maximum": np.maximum, "minimum": np.minimum,
                  "equal": np.equal, "not_equal": np.not_equal, "greater": np.greater,
                  "greater_equal": np.greater_equal, "less": np.less,
                  "less_equal": np.less_equal, "dot": np.dot}.items():
    _binary(_name, _f)
for _name, _f in {"sum": np.sum, "prod": np.prod, "max": np.max, "min": np.min,
                  "any": np.any, "all": np.all}.items():
    _reduction(_name, _f)
for _name, _f in {"argmax": np.argmax, "argmin": np.argmin, "cumsum": np.cumsum,
                  "cumprod": np.cumprod}.items():
    _scan(_name, _f)


@register
def pow(x: Any, a: Any) -> Any:
    return t(np.power(plain(x), plain(a)))


@register
def where(condition: Any, x: Any, y: Any) -> Any:
    return t(np.where(plain(condition), plain(x), plain(y)))


@register
def backend_info() -> BackendInfo:
    return BackendInfo(name="tiny", version="0.0.1", contract=((1, 0), (2, 0)),
                       dtypes=("bool", "int32", "int64", "float32", "float64"),
                       tensor_types=(TinyTensor,))


@register
def convert_to_tensor(x: Any, dtype: Any) -> Any:
    if dtype is None and isinstance(x, TinyTensor):
        return x
    return t(np.asarray(plain(x), dtype=dtype))


@register
def to_numpy(x: Any) -> Any:
    return np.array(plain(x))


@register
def is_tensor(x: Any) -> Any:
    return isinstance(x, TinyTensor)


@register
def variable(value: Any, dtype: Any, name: Any, constraint: Any) -> Any:
    return t(np.array(plain(value), dtype=dtype))


@register
def int_shape(x: Any) -> Any:
    return np.shape(x)


@register
def dtype(x: Any) -> Any:
    return np.asarray(x).dtype.name


@register
def set_value(x: Any, value: Any) -> Any:
    x[...] = plain(value)
    return x


@register
def zeros(shape: Any, dtype: Any, name: Any) -> Any:
    return t(np.zeros(shape, dtype))


@register
def ones(shape: Any, dtype: Any, name: Any) -> Any:
    return t(np.ones(shape, dtype))


@register
def eye(size: Any, dtype: Any, name: Any) -> Any:
    return t(np.eye(size[0], size[1], dtype=dtype))


@register
def cast(x: Any, dtype: Any) -> Any:
    return t(np.asarray(plain(x)).astype(dtype))


@register
def reshape(x: Any, shape: Any) -> Any:
    return t(np.reshape(plain(x), shape))


@register
def concatenate(tensors: Any, axis: Any) -> Any:
    return t(np.concatenate([plain(a) for a in tensors], axis))


@register
def permute_dimensions(x: Any, pattern: Any) -> Any:
    return t(np.transpose(plain(x), pattern))


@register
def tile(x: Any, n: Any) -> Any:
    return t(np.tile(plain(x), n))


@register
def gather(reference: Any, indices: Any) -> Any:
    return t(np.take(plain(reference), np.asarray(plain(indices)), axis=0))
