"""Facade: random tensors from the host generator, and dropout.

Keras 2.3 names and defaults; ``dtype=None`` becomes ``floatx()``. Arguments are
checked here, so a bad shape, bound, probability or seed gives the same error on every
backend. ``*_variable`` results are registered as variables (``K.is_variable`` is True).
"""

from __future__ import annotations

import sys
from typing import Any

from .. import _dispatch, _rng
from .._dtypes import kind
from .._errors import InvalidArgumentError, InvalidTypeError
from .._host import is_host_array
from ..graph._symbol import Symbol
from ..graph._trace import is_variable as _registered
from ..graph._trace import register_variable, tracing
from ._args import floatx_or, shape_arg, symbolic_shape
from ._recover import recover

__all__ = [
    "random_normal", "random_uniform", "random_binomial", "truncated_normal",
    "random_normal_variable", "random_uniform_variable", "dropout",
]
_OPS: tuple[str, ...] = tuple(__all__)


def _shape(op: str, shape: Any, later: bool = True) -> tuple[Any, ...]:
    """A tuple of ints; or, where the draw may wait (``later``: not for variables), of
    ints and 0-d integer symbols (``(K.shape(x)[0], 16)``, ``K.shape(x)``): the draw is
    then a graph node, made again each time the graph runs (Keras's graph semantics)
    with the sizes of that run."""
    symbolic = symbolic_shape(op, shape) if later else None
    if symbolic is not None:
        return symbolic
    if shape is None or (isinstance(shape, (list, tuple)) and None in shape):
        raise InvalidArgumentError(f"K.{op}: shape must be fully known (a tuple of "
                                   f"non-negative ints). Received: shape={shape!r}.")
    out = shape_arg(op, shape)
    if any(d < 0 for d in out):
        raise InvalidArgumentError(f"K.{op}: shape has a negative dimension. "
                                   f"Received: shape={shape!r}.")
    return out


def _later(shape: tuple[Any, ...]) -> bool:
    """Whether the draw waits for the graph to run (the shape holds symbols)."""
    return any(isinstance(d, Symbol) for d in shape)


def _drawn(op: str, args: tuple[Any, ...]) -> Any:
    """The random op on a symbolic shape: a graph node (nothing is drawn yet). An int
    seed becomes the node's own generator, so each evaluation draws new values."""
    from ..graph._trace import record

    seed = args[-1]
    if seed is not None:
        args = (*args[:-1], _rng.stream(seed))
    return record(op, args)


def _number(op: str, name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) and not (
            hasattr(value, "__float__") and is_host_array(value)):
        raise InvalidTypeError(f"K.{op}: {name} must be a Python number. "
                               f"Received: {name}={value!r}.")
    out = float(value)
    if out != out or out in (float("inf"), float("-inf")):
        raise InvalidArgumentError(f"K.{op}: {name} must be finite. "
                                   f"Received: {name}={value!r}.")
    return out


def _float_dtype(op: str, dtype: Any) -> str:
    name = floatx_or(dtype)
    if kind(name) != "f":
        raise InvalidArgumentError(f"K.{op}: dtype must be a float dtype (float16, float32, "
                                   f"float64). Received: dtype={dtype!r}.")
    return name


def _stddev(op: str, name: str, value: Any) -> float:
    out = _number(op, name, value)
    if out < 0:
        raise InvalidArgumentError(f"K.{op}: {name} must be >= 0. Received: {name}={value!r}.")
    return out


def _bounds(op: str, names: tuple[str, str], low: Any, high: Any) -> tuple[float, float]:
    lo, hi = _number(op, names[0], low), _number(op, names[1], high)
    if not lo < hi:
        raise InvalidArgumentError(f"K.{op}: {names[1]} must be greater than {names[0]}. "
                                   f"Received: {names[0]}={low!r}, {names[1]}={high!r}.")
    return lo, hi


def _seed(op: str, seed: Any) -> int | None:
    return _rng.check_seed(f"K.{op}", seed)


def random_normal(shape: Any, mean: float = 0.0, stddev: float = 1.0, dtype: Any = None,
                  seed: Any = None) -> Any:
    op = "random_normal"
    args = (_shape(op, shape), _number(op, "mean", mean), _stddev(op, "stddev", stddev),
            _float_dtype(op, dtype), _seed(op, seed))
    if _later(args[0]):
        return _drawn(op, args)
    try:
        return _random_normal(*args)
    except Exception as exc:
        return recover(op, args, exc)


def random_uniform(shape: Any, minval: float = 0.0, maxval: float = 1.0, dtype: Any = None,
                   seed: Any = None) -> Any:
    op = "random_uniform"
    args = (_shape(op, shape), *_bounds(op, ("minval", "maxval"), minval, maxval),
            _float_dtype(op, dtype), _seed(op, seed))
    if _later(args[0]):
        return _drawn(op, args)
    try:
        return _random_uniform(*args)
    except Exception as exc:
        return recover(op, args, exc)


def random_binomial(shape: Any, p: float = 0.0, dtype: Any = None, seed: Any = None) -> Any:
    op = "random_binomial"
    prob = _number(op, "p", p)
    if not 0.0 <= prob <= 1.0:
        raise InvalidArgumentError(f"K.random_binomial: p must be in [0, 1]. "
                                   f"Received: p={p!r}.")
    args = (_shape(op, shape), prob, _float_dtype(op, dtype), _seed(op, seed))
    if _later(args[0]):
        return _drawn(op, args)
    try:
        return _random_binomial(*args)
    except Exception as exc:
        return recover(op, args, exc)


def truncated_normal(shape: Any, mean: float = 0.0, stddev: float = 1.0, dtype: Any = None,
                     seed: Any = None) -> Any:
    op = "truncated_normal"
    args = (_shape(op, shape), _number(op, "mean", mean), _stddev(op, "stddev", stddev),
            _float_dtype(op, dtype), _seed(op, seed))
    if _later(args[0]):
        return _drawn(op, args)
    try:
        return _truncated_normal(*args)
    except Exception as exc:
        return recover(op, args, exc)


def random_normal_variable(shape: Any, mean: float, scale: float, dtype: Any = None,
                           name: Any = None, seed: Any = None) -> Any:
    op = "random_normal_variable"
    args = (_shape(op, shape, later=False), _number(op, "mean", mean), _stddev(op, "scale", scale),
            _float_dtype(op, dtype), name, _seed(op, seed))
    try:
        out = _random_normal_variable(*args)
    except Exception as exc:
        out = recover(op, args, exc)
    return register_variable(out)


def random_uniform_variable(shape: Any, low: float, high: float, dtype: Any = None,
                            name: Any = None, seed: Any = None) -> Any:
    op = "random_uniform_variable"
    args = (_shape(op, shape, later=False), *_bounds(op, ("low", "high"), low, high),
            _float_dtype(op, dtype), name, _seed(op, seed))
    try:
        out = _random_uniform_variable(*args)
    except Exception as exc:
        out = recover(op, args, exc)
    return register_variable(out)


def _noise_shape(noise_shape: Any) -> tuple[int | None, ...] | None:
    if noise_shape is None:
        return None
    try:
        dims = tuple(noise_shape)
    except TypeError:
        dims = ()
    ok = bool(dims) or noise_shape == ()
    ok = ok and all(d is None or (not isinstance(d, bool) and hasattr(d, "__index__")
                                  and int(d) >= 0) for d in dims)
    if not ok:
        raise InvalidTypeError(f"K.dropout: noise_shape must be None or a tuple of "
                               f"non-negative ints (None takes x's dimension). "
                               f"Received: noise_shape={noise_shape!r}.")
    return tuple(None if d is None else int(d) for d in dims)


def dropout(x: Any, level: float, noise_shape: Any = None, seed: Any = None) -> Any:
    rate = _number("dropout", "level", level)
    if not 0.0 <= rate < 1.0:
        raise InvalidArgumentError(f"K.dropout: level must be in [0, 1) (the fraction of "
                                   f"entries to drop). Received: level={level!r}.")
    args = (x, rate, _noise_shape(noise_shape), _seed("dropout", seed))
    if isinstance(x, Symbol) or (tracing() and _registered(x)):
        return _symbolic_dropout(*args)
    try:
        return _dropout(*args)
    except Exception as exc:
        return recover("dropout", args, exc)


def _symbolic_dropout(x: Any, level: float, noise_shape: Any, seed: Any) -> Any:
    """In a graph, dropout is ``x * stop_gradient(dropout(ones_like(x)))``: the mask node
    draws a fresh mask each evaluation, and the multiply's gradient reuses that value, so
    forward and backward see the same mask (re-running dropout in the backward pass
    would draw another)."""
    from ..graph import stop_gradient
    from ._arithmetic import multiply
    from ._tensors import dtype, ones_like

    dt = dtype(x)
    if kind(dt) != "f":
        raise InvalidArgumentError(
            f"K.dropout: x must be a float tensor. Received: x of dtype {dt}.\n"
            f"Fix: K.cast(x, K.floatx()) first.")
    ones = ones_like(x, dt)
    args = (ones, level, noise_shape, seed)
    try:
        mask = _dropout(*args)
    except Exception as exc:
        mask = recover("dropout", args, exc)
    return multiply(x, stop_gradient(mask))


_random_normal = _random_uniform = _random_binomial = _truncated_normal = \
    _random_normal_variable = _random_uniform_variable = _dropout = _dispatch.UNBOUND
_dispatch.register(sys.modules[__name__], _OPS)
