"""Independent plain-NumPy references, one per op, with Keras 2.3 semantics.

Each reference takes the op's arguments with every array (and numpy scalar) already
converted to float64, and returns a float64, bool or int64 array (or a Python value for
ops such as ``int_shape``); ``check_op`` casts it to the expected dtype. This module
imports numpy only: never ``tensorplug_numpy`` nor ``tensorplug.generic``.
"""

from __future__ import annotations

import builtins
from typing import Any, Callable

import numpy as np

Reference = Callable[..., Any]
REFERENCES: dict[str, Reference] = {}


def ref(name: str) -> Callable[[Reference], Reference]:
    def register(fn: Reference) -> Reference:
        REFERENCES[name] = fn
        return fn

    return register


def _f64(x: Any) -> np.ndarray:
    return np.asarray(x, dtype=np.float64)


# --- tensors ---------------------------------------------------------------------------

def _identity(x: Any, *rest: Any) -> np.ndarray:
    return _f64(x)


for _name in ("convert_to_tensor", "to_numpy", "variable", "eval", "get_value"):
    REFERENCES[_name] = _identity


@ref("is_tensor")
def _is_tensor(x: Any) -> bool:
    return isinstance(x, np.ndarray)  # arrays reach the backend as tensors, lists do not


@ref("constant")
def _constant(value: Any, dtype: Any = None, shape: Any = None, name: Any = None) -> np.ndarray:
    v = _f64(value)
    return v if shape is None else np.broadcast_to(v, tuple(shape)).copy()


@ref("int_shape")
def _int_shape(x: Any) -> tuple[int, ...]:
    return tuple(int(d) for d in np.shape(x))


@ref("shape")
def _shape(x: Any) -> np.ndarray:
    return np.array(np.shape(x), dtype=np.float64)


@ref("ndim")
def _ndim(x: Any) -> int:
    return len(np.shape(x))


def _shape_tuple(shape: Any) -> tuple[int, ...]:
    return (shape,) if isinstance(shape, int) else tuple(shape)


@ref("zeros")
def _zeros(shape: Any, dtype: Any = None, name: Any = None) -> np.ndarray:
    return np.zeros(_shape_tuple(shape))


@ref("ones")
def _ones(shape: Any, dtype: Any = None, name: Any = None) -> np.ndarray:
    return np.ones(_shape_tuple(shape))


@ref("eye")
def _eye(size: Any, dtype: Any = None, name: Any = None) -> np.ndarray:
    n, m = (size, size) if isinstance(size, int) else tuple(size)
    rows, cols = np.indices((n, m))
    return (rows == cols).astype(np.float64)


@ref("zeros_like")
def _zeros_like(x: Any, dtype: Any = None, name: Any = None) -> np.ndarray:
    return np.zeros(np.shape(x))


@ref("ones_like")
def _ones_like(x: Any, dtype: Any = None, name: Any = None) -> np.ndarray:
    return np.ones(np.shape(x))


@ref("cast")
def _cast(x: Any, dtype: str) -> np.ndarray:
    x = _f64(x)
    if dtype == "bool":
        return x != 0
    return x if dtype.startswith("float") else np.trunc(x)  # toward zero


# --- element-wise ----------------------------------------------------------------------

_UNARY: dict[str, Reference] = {
    "abs": np.abs, "negative": np.negative, "square": lambda x: x * x,
    "sqrt": lambda x: np.sqrt(np.maximum(x, 0.0)),  # Keras: negative -> 0
    "exp": np.exp, "log": np.log, "sign": np.sign,
    "round": np.round,  # half to even
    "sin": np.sin, "cos": np.cos, "tanh": np.tanh,
    "sigmoid": lambda x: 1.0 / (1.0 + np.exp(-x)),
    "softplus": lambda x: np.maximum(x, 0.0) + np.log1p(np.exp(-np.abs(x))),
}
for _name, _fn in _UNARY.items():
    REFERENCES[_name] = (lambda f: lambda x: f(_f64(x)))(_fn)


@ref("pow")
def _pow(x: Any, a: Any) -> np.ndarray:
    return np.power(_f64(x), _f64(a))


@ref("clip")
def _clip(x: Any, min_value: Any = None, max_value: Any = None) -> np.ndarray:
    numbers = (int, float)
    if (isinstance(min_value, numbers) and isinstance(max_value, numbers)
            and max_value < min_value):
        max_value = min_value  # Keras 2: every element becomes min_value
    lo = -np.inf if min_value is None else _f64(min_value)
    hi = np.inf if max_value is None else _f64(max_value)
    return np.minimum(np.maximum(_f64(x), lo), hi)


# --- arithmetic ------------------------------------------------------------------------

_BINARY: dict[str, Reference] = {
    "add": np.add, "subtract": np.subtract, "multiply": np.multiply,
    "divide": np.divide, "maximum": np.maximum, "minimum": np.minimum,
    "equal": np.equal, "not_equal": np.not_equal, "greater": np.greater,
    "greater_equal": np.greater_equal, "less": np.less, "less_equal": np.less_equal,
}
for _name, _fn in _BINARY.items():
    REFERENCES[_name] = (lambda f: lambda x, y: f(_f64(x), _f64(y)))(_fn)


@ref("where")
def _where(condition: Any, x: Any, y: Any) -> np.ndarray:
    return np.where(_f64(condition) != 0, _f64(x), _f64(y))


# --- reductions ------------------------------------------------------------------------

def _axes(x: np.ndarray, axis: Any) -> tuple[int, ...]:
    if axis is None:
        return tuple(range(x.ndim))
    axes = axis if isinstance(axis, (tuple, list)) else (axis,)
    return tuple(a % x.ndim for a in axes)


def _reduction(fn: Callable[..., Any]) -> Reference:
    def reduce(x: Any, axis: Any = None, keepdims: bool = False) -> np.ndarray:
        x = _f64(x)
        return np.asarray(fn(x, axis=_axes(x, axis), keepdims=keepdims))

    return reduce


def _var(x: np.ndarray, axis: tuple[int, ...], keepdims: bool) -> np.ndarray:
    centred = x - np.mean(x, axis=axis, keepdims=True)  # two-pass, population (ddof=0)
    return np.mean(centred * centred, axis=axis, keepdims=keepdims)


def _logsumexp(x: np.ndarray, axis: tuple[int, ...], keepdims: bool) -> np.ndarray:
    m = np.max(x, axis=axis, keepdims=True)
    out = m + np.log(np.sum(np.exp(x - m), axis=axis, keepdims=True))
    return out if keepdims else np.squeeze(out, axis=axis)


_REDUCTIONS: dict[str, Callable[..., Any]] = {
    "sum": np.sum, "prod": np.prod, "mean": np.mean, "max": np.max, "min": np.min,
    "var": _var, "std": lambda x, axis, keepdims: np.sqrt(_var(x, axis, keepdims)),
    "any": lambda x, axis, keepdims: np.any(x != 0, axis=axis, keepdims=keepdims),
    "all": lambda x, axis, keepdims: np.all(x != 0, axis=axis, keepdims=keepdims),
    "logsumexp": _logsumexp,
}
for _name, _fn in _REDUCTIONS.items():
    REFERENCES[_name] = _reduction(_fn)


def _first_index(x: Any, axis: int, better: Callable[[Any, Any], Any]) -> np.ndarray:
    x = np.moveaxis(_f64(x), axis, -1)
    best = np.zeros(x.shape[:-1], dtype=np.int64)
    for i in builtins.range(1, x.shape[-1]):  # strict comparison: first index wins ties
        current = np.take_along_axis(x, best[..., None], -1)[..., 0]
        best = np.where(better(x[..., i], current), i, best)
    return best


@ref("argmax")
def _argmax(x: Any, axis: int = -1) -> np.ndarray:
    return _first_index(x, axis, np.greater)


@ref("argmin")
def _argmin(x: Any, axis: int = -1) -> np.ndarray:
    return _first_index(x, axis, np.less)


@ref("cumsum")
def _cumsum(x: Any, axis: int = 0) -> np.ndarray:
    return np.cumsum(_f64(x), axis=axis)


@ref("cumprod")
def _cumprod(x: Any, axis: int = 0) -> np.ndarray:
    return np.cumprod(_f64(x), axis=axis)


# --- linear algebra --------------------------------------------------------------------

@ref("dot")
def _dot(x: Any, y: Any) -> np.ndarray:
    x, y = _f64(x), _f64(y)
    inner = 0 if y.ndim == 1 else y.ndim - 2  # Theano: last of x with second-to-last of y
    return np.asarray(np.tensordot(x, y, axes=([x.ndim - 1], [inner])))


def batch_dot_axes(x_ndim: int, y_ndim: int, axes: Any) -> tuple[int, int]:
    """Keras 2.3: None -> (x.ndim - 1, y.ndim - 2), or (x.ndim - 1, y.ndim - 1) for a
    2-D y; an int a -> (a, a); negative axes count from the end."""
    if axes is None:
        axes = (x_ndim - 1, y_ndim - 1 if y_ndim == 2 else y_ndim - 2)
    elif isinstance(axes, int):
        axes = (axes, axes)
    return axes[0] % x_ndim, axes[1] % y_ndim


@ref("batch_dot")
def _batch_dot(x: Any, y: Any, axes: Any = None) -> np.ndarray:
    x, y = _f64(x), _f64(y)
    ax, ay = batch_dot_axes(x.ndim, y.ndim, axes)
    out = np.stack([np.tensordot(x[b], y[b], axes=([ax - 1], [ay - 1]))
                    for b in builtins.range(x.shape[0])])
    return out.reshape(x.shape[0], 1) if out.ndim == 1 else out


@ref("transpose")
def _transpose(x: Any) -> np.ndarray:
    x = _f64(x)
    return np.transpose(x, tuple(reversed(builtins.range(x.ndim))))


# --- shapes ----------------------------------------------------------------------------

@ref("reshape")
def _reshape(x: Any, shape: Any) -> np.ndarray:
    return _f64(x).reshape(_shape_tuple(shape))


@ref("concatenate")
def _concatenate(tensors: Any, axis: int = -1) -> np.ndarray:
    return np.concatenate([_f64(t) for t in tensors], axis=axis)


@ref("stack")
def _stack(x: Any, axis: int = 0) -> np.ndarray:
    return np.stack([_f64(t) for t in x], axis=axis)


@ref("expand_dims")
def _expand_dims(x: Any, axis: int = -1) -> np.ndarray:
    return np.expand_dims(_f64(x), axis)


@ref("squeeze")
def _squeeze(x: Any, axis: int) -> np.ndarray:
    return np.squeeze(_f64(x), axis=axis)


@ref("flatten")
def _flatten(x: Any) -> np.ndarray:
    return _f64(x).reshape(-1)


@ref("batch_flatten")
def _batch_flatten(x: Any) -> np.ndarray:
    x = _f64(x)
    return x.reshape(x.shape[0], -1)


@ref("permute_dimensions")
def _permute_dimensions(x: Any, pattern: Any) -> np.ndarray:
    return np.transpose(_f64(x), tuple(pattern))


@ref("tile")
def _tile(x: Any, n: Any) -> np.ndarray:
    x = _f64(x)
    reps = _shape_tuple(n)
    reps = (1,) * (x.ndim - len(reps)) + reps  # a shorter n is left-padded with 1s
    return np.tile(x, reps)


@ref("repeat_elements")
def _repeat_elements(x: Any, rep: int, axis: int) -> np.ndarray:
    return np.repeat(_f64(x), rep, axis=axis)


@ref("gather")
def _gather(reference: Any, indices: Any) -> np.ndarray:
    return _f64(reference)[np.asarray(indices).astype(np.int64)]


@ref("one_hot")
def _one_hot(indices: Any, num_classes: int) -> np.ndarray:
    idx = np.asarray(indices).astype(np.int64)
    return (idx[..., None] == np.arange(num_classes)).astype(np.float64)


# --- activations -----------------------------------------------------------------------

@ref("relu")
def _relu(x: Any, alpha: float = 0.0, max_value: Any = None,
          threshold: float = 0.0) -> np.ndarray:
    x = _f64(x)
    y = np.where(x >= threshold, x, alpha * (x - threshold))
    return y if max_value is None else np.where(x >= max_value, float(max_value), y)


@ref("softmax")
def _softmax(x: Any, axis: int = -1) -> np.ndarray:
    x = _f64(x)
    e = np.exp(x - np.max(x, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)
