"""Facade: activations, normalisation and losses (``dropout``'s facade is in ``_random``).

Keras 2.3 names and defaults; arguments normalised here so every backend receives the
same values. Shape checks that need the tensors' shapes run only when the backend
raised (``_failed``), then recovery as everywhere else.
"""

from __future__ import annotations

import sys
from typing import Any, Callable

from .. import _dispatch
from .._errors import AxisError, InvalidArgumentError, InvalidTypeError
from ..graph._symbol import contains_symbol
from ..graph._trace import tracing
from ._args import axis_arg, int_axis
from ._recover import recover
from ._session import normalize_data_format

__all__ = [
    "elu", "softsign", "hard_sigmoid", "l2_normalize", "in_top_k", "bias_add",
    "categorical_crossentropy", "sparse_categorical_crossentropy", "binary_crossentropy",
    "batch_normalization", "normalize_batch_in_training",
]
_OPS: tuple[str, ...] = tuple(__all__)


def elu(x: Any, alpha: float = 1.0) -> Any:
    alpha = _number("elu", "alpha", alpha)
    try:
        return _elu(x, alpha)
    except Exception as exc:
        return recover("elu", (x, alpha), exc)


def softsign(x: Any) -> Any:
    try:
        return _softsign(x)
    except Exception as exc:
        return recover("softsign", (x,), exc)


def hard_sigmoid(x: Any) -> Any:
    try:
        return _hard_sigmoid(x)
    except Exception as exc:
        return recover("hard_sigmoid", (x,), exc)


def l2_normalize(x: Any, axis: Any = None) -> Any:
    if axis is not None and type(axis) is not int:
        axis = axis_arg("l2_normalize", axis)
    try:
        return _l2_normalize(x, axis)
    except Exception as exc:
        return _failed("l2_normalize", (x, axis), exc)


def in_top_k(predictions: Any, targets: Any, k: int) -> Any:
    if isinstance(k, bool) or not hasattr(k, "__index__") or int(k) < 1:
        raise InvalidArgumentError(f"K.in_top_k: k must be a positive int. Received: k={k!r}.")
    k = int(k)
    try:
        return _in_top_k(predictions, targets, k)
    except Exception as exc:
        return _failed("in_top_k", (predictions, targets, k), exc)


def bias_add(x: Any, bias: Any, data_format: Any = None) -> Any:
    data_format = normalize_data_format(data_format)
    _check_bias(x, bias, data_format)
    try:
        return _bias_add(x, bias, data_format)
    except Exception as exc:
        return recover("bias_add", (x, bias, data_format), exc)


def categorical_crossentropy(target: Any, output: Any, from_logits: bool = False,
                             axis: int = -1) -> Any:
    args = (target, output, bool(from_logits), int_axis("categorical_crossentropy", axis))
    try:
        return _categorical_crossentropy(*args)
    except Exception as exc:
        return _failed("categorical_crossentropy", args, exc)


def sparse_categorical_crossentropy(target: Any, output: Any, from_logits: bool = False,
                                    axis: int = -1) -> Any:
    args = (target, output, bool(from_logits), int_axis("sparse_categorical_crossentropy",
                                                        axis))
    try:
        return _sparse_categorical_crossentropy(*args)
    except Exception as exc:
        return _failed("sparse_categorical_crossentropy", args, exc)


def binary_crossentropy(target: Any, output: Any, from_logits: bool = False) -> Any:
    args = (target, output, bool(from_logits))
    try:
        return _binary_crossentropy(*args)
    except Exception as exc:
        return _failed("binary_crossentropy", args, exc)


def batch_normalization(x: Any, mean: Any, var: Any, beta: Any, gamma: Any, axis: int = -1,
                        epsilon: float = 1e-3) -> Any:
    args = (x, mean, var, beta, gamma, int_axis("batch_normalization", axis),
            _number("batch_normalization", "epsilon", epsilon))
    try:
        return _batch_normalization(*args)
    except Exception as exc:
        return _failed("batch_normalization", args, exc)


def normalize_batch_in_training(x: Any, gamma: Any, beta: Any, reduction_axes: Any,
                                epsilon: float = 1e-3) -> Any:
    axes = axis_arg("normalize_batch_in_training", reduction_axes)
    axes = (axes,) if isinstance(axes, int) else axes
    if not axes:
        raise InvalidArgumentError(f"K.normalize_batch_in_training: reduction_axes must name "
                                   f"at least one axis. Received: reduction_axes="
                                   f"{reduction_axes!r}.")
    args = (x, gamma, beta, axes, _number("normalize_batch_in_training", "epsilon", epsilon))
    if tracing() or contains_symbol(args):  # three outputs: recorded as single-output ops
        return _expand("normalize_batch_in_training", args)
    try:
        return _normalize_batch_in_training(*args)
    except Exception as exc:
        return _failed("normalize_batch_in_training", args, exc)


# -- argument checks --------------------------------------------------------------------

def _number(op: str, name: str, value: Any) -> float:
    if type(value) in (float, int):
        return value  # type: ignore[no-any-return]
    if not isinstance(value, bool) and hasattr(value, "__float__"):
        try:
            return float(value)
        except (TypeError, ValueError):
            pass
    raise InvalidTypeError(f"K.{op}: {name} must be a Python float. "
                           f"Received: {name}={value!r}.")


def _shape(x: Any) -> tuple[Any, ...]:
    from ._shapes import int_shape_of

    return int_shape_of(x)


def _check_bias(x: Any, bias: Any, data_format: str) -> None:
    xs, bs = _shape(x), _shape(bias)
    rank = len(xs)
    if rank < 2:
        raise InvalidArgumentError(f"K.bias_add needs x of rank >= 2. Received: x.shape={xs}.")
    if len(bs) not in (1, rank - 1) or (len(bs) != 1 and rank > 5):
        allowed = "1" if rank > 5 else f"1 or {rank - 1}"
        raise InvalidArgumentError(
            f"K.bias_add: unexpected bias dimensions {len(bs)}, expected {allowed} for x of "
            f"rank {rank}. Received: x.shape={xs}, bias.shape={bs}.")
    first = data_format == "channels_first" and 3 <= rank <= 5
    channels = xs[1] if first else xs[-1]
    if len(bs) == 1:
        want: tuple[Any, ...] = (channels,)
    else:
        want = (*xs[2:], xs[1]) if first else xs[1:]
    if any(w is not None and b is not None and w != b for w, b in zip(want, bs)):
        layout = " (Keras's layout: spatial dimensions, then channels)" if first else ""
        raise InvalidArgumentError(
            f"K.bias_add: bias.shape {bs} does not match x.shape {xs} with data_format="
            f"{data_format!r}; expected {want}{layout}.")


def _failed(name: str, args: tuple[Any, ...], exc: BaseException) -> Any:
    """The except branch: this family's shape and axis checks (more specific than the
    inner op's error they replace), then the usual recovery."""
    if not contains_symbol(args):
        check = _CHECKS.get(name)
        if check is not None:
            check(*args)
    return recover(name, args, exc)


def _check_axis(op: str, axis: int, rank: int) -> None:
    if not -rank <= axis < rank:
        raise AxisError(f"K.{op}: axis {axis} is out of range for output of rank {rank}; "
                        f"allowed: {-rank} to {rank - 1}. Received: axis={axis!r}.")


def _check_categorical(target: Any, output: Any, from_logits: bool, axis: int) -> None:
    ts, os_ = _shape(target), _shape(output)
    _check_axis("categorical_crossentropy", axis, len(os_))
    from ._validate import broadcast

    broadcast("categorical_crossentropy", ts, os_)


def _check_sparse(target: Any, output: Any, from_logits: bool, axis: int) -> None:
    import math

    ts, os_ = _shape(target), _shape(output)
    _check_axis("sparse_categorical_crossentropy", axis, len(os_))
    kept = tuple(d for i, d in enumerate(os_) if i != axis % len(os_))
    if math.prod(ts) != math.prod(kept):
        raise InvalidArgumentError(
            f"K.sparse_categorical_crossentropy: target must hold one class index per "
            f"output row: shape {kept} (or with a trailing 1). Received: target.shape={ts}, "
            f"output.shape={os_}, axis={axis}.")


def _check_binary(target: Any, output: Any, from_logits: bool) -> None:
    from ._validate import broadcast

    broadcast("binary_crossentropy", _shape(target), _shape(output))


def _check_l2(x: Any, axis: Any) -> None:
    from ._validate import check_axes

    check_axes("l2_normalize", axis, len(_shape(x)))


def _check_top_k(predictions: Any, targets: Any, k: int) -> None:
    ps, ts = _shape(predictions), _shape(targets)
    if len(ps) != 2 or ts not in (ps[:1], (ps[0], 1)):
        raise InvalidArgumentError(
            f"K.in_top_k takes predictions (batch, classes) and targets (batch,). "
            f"Received: predictions.shape={ps}, targets.shape={ts}.")


def _check_batch_norm(x: Any, mean: Any, var: Any, beta: Any, gamma: Any, axis: int,
                      epsilon: float) -> None:
    from ._validate import broadcast

    xs = _shape(x)
    if xs:
        _check_axis("batch_normalization", axis, len(xs))
    for name, stat in (("mean", mean), ("var", var), ("beta", beta), ("gamma", gamma)):
        if stat is None:
            continue
        ss = _shape(stat)
        if len(ss) == 1 and len(xs) > 1:
            if ss[0] != xs[axis]:
                raise InvalidArgumentError(
                    f"K.batch_normalization: a 1-D {name} must have x.shape[axis] = "
                    f"{xs[axis]} entries. Received: {name}.shape={ss}, x.shape={xs}, "
                    f"axis={axis}.")
        else:
            broadcast("batch_normalization", xs, ss)


def _check_normalize(x: Any, gamma: Any, beta: Any, reduction_axes: tuple[int, ...],
                     epsilon: float) -> None:
    import math

    from ._validate import check_axes

    xs = _shape(x)
    check_axes("normalize_batch_in_training", reduction_axes, len(xs))
    kept = [d for i, d in enumerate(xs) if i not in {a % len(xs) for a in reduction_axes}]
    for name, stat in (("gamma", gamma), ("beta", beta)):
        if stat is not None and math.prod(_shape(stat)) != math.prod(kept):
            raise InvalidArgumentError(
                f"K.normalize_batch_in_training: {name} must hold one value per kept "
                f"position (shape {tuple(kept)}). Received: {name}.shape={_shape(stat)}, "
                f"x.shape={xs}, reduction_axes={reduction_axes}.")


_CHECKS: dict[str, Callable[..., None]] = {
    "categorical_crossentropy": _check_categorical,
    "sparse_categorical_crossentropy": _check_sparse,
    "binary_crossentropy": _check_binary, "l2_normalize": _check_l2,
    "in_top_k": _check_top_k, "batch_normalization": _check_batch_norm,
    "normalize_batch_in_training": _check_normalize,
}


def _expand(name: str, args: tuple[Any, ...]) -> Any:
    """Apply the generic implementation to symbols with the facade as its ops."""
    from ..generic import Generic
    from ..graph._grad import _FacadeOps

    return getattr(Generic(_FacadeOps()), name)(*args)


_elu = _softsign = _hard_sigmoid = _l2_normalize = _in_top_k = _bias_add = \
    _categorical_crossentropy = _sparse_categorical_crossentropy = _binary_crossentropy = \
    _batch_normalization = _normalize_batch_in_training = _dispatch.UNBOUND
_dispatch.register(sys.modules[__name__], _OPS)
