"""Facade: connectionist temporal classification (Keras 2.3 names, defaults, returns)."""

from __future__ import annotations

import sys
from typing import Any, Callable

from .. import _dispatch
from .._errors import InvalidArgumentError
from .._sparse import SparseLabels
from ..graph._symbol import contains_symbol
from ._recover import recover

__all__ = ["ctc_label_dense_to_sparse", "ctc_batch_cost", "ctc_decode"]
_OPS: tuple[str, ...] = tuple(__all__)


def ctc_label_dense_to_sparse(labels: Any, label_lengths: Any) -> SparseLabels:
    try:
        out = _ctc_label_dense_to_sparse(labels, label_lengths)
    except Exception as exc:
        out = _failed("ctc_label_dense_to_sparse", (labels, label_lengths), exc)
    return out if isinstance(out, SparseLabels) else SparseLabels(*out)


def ctc_batch_cost(y_true: Any, y_pred: Any, input_length: Any, label_length: Any) -> Any:
    args = (y_true, y_pred, input_length, label_length)
    try:
        return _ctc_batch_cost(*args)
    except Exception as exc:
        return _failed("ctc_batch_cost", args, exc)


def ctc_decode(y_pred: Any, input_length: Any, greedy: bool = True, beam_width: int = 100,
               top_paths: int = 1, merge_repeated: bool = False) -> tuple[list[Any], Any]:
    greedy = bool(greedy)
    beam_width = _positive("beam_width", beam_width)
    top_paths = _positive("top_paths", top_paths)
    if not greedy and top_paths > beam_width:
        raise InvalidArgumentError(f"K.ctc_decode: top_paths ({top_paths}) must not exceed "
                                   f"beam_width ({beam_width}). Received: top_paths="
                                   f"{top_paths}, beam_width={beam_width}.")
    args = (y_pred, input_length, greedy, beam_width, top_paths, bool(merge_repeated))
    try:
        decoded, log_prob = _ctc_decode(*args)
    except Exception as exc:
        decoded, log_prob = _failed("ctc_decode", args, exc)
    return list(decoded), log_prob


def _positive(name: str, value: Any) -> int:
    if isinstance(value, bool) or not hasattr(value, "__index__") or int(value) < 1:
        raise InvalidArgumentError(f"K.ctc_decode: {name} must be a positive int. "
                                   f"Received: {name}={value!r}.")
    return int(value)


def _shape(x: Any) -> tuple[Any, ...]:
    from ._shapes import int_shape_of

    return int_shape_of(x)


def _failed(name: str, args: tuple[Any, ...], exc: BaseException) -> Any:
    """The except branch: the shape checks of CTC's arguments, then the usual recovery."""
    if not contains_symbol(args):
        _CHECKS[name](*args)
    return recover(name, args, exc)


def _lengths(op: str, name: str, value: Any, batch: Any) -> None:
    shape = _shape(value)
    if shape not in ((batch,), (batch, 1)) and batch is not None:
        raise InvalidArgumentError(f"K.{op}: {name} must have shape ({batch}, 1) or "
                                   f"({batch},). Received: {name}.shape={shape}.")


def _check_sparse(labels: Any, label_lengths: Any) -> None:
    shape = _shape(labels)
    if len(shape) != 2:
        raise InvalidArgumentError(f"K.ctc_label_dense_to_sparse: labels must be "
                                   f"(batch, max_label_length). Received: labels.shape="
                                   f"{shape}.")
    _lengths("ctc_label_dense_to_sparse", "label_lengths", label_lengths, shape[0])


def _check_cost(y_true: Any, y_pred: Any, input_length: Any, label_length: Any) -> None:
    ts, ps = _shape(y_true), _shape(y_pred)
    if len(ps) != 3 or len(ts) != 2 or ts[0] != ps[0]:
        raise InvalidArgumentError(
            f"K.ctc_batch_cost takes y_true (batch, max_label_length) and y_pred (batch, "
            f"time, classes). Received: y_true.shape={ts}, y_pred.shape={ps}.")
    _lengths("ctc_batch_cost", "input_length", input_length, ps[0])
    _lengths("ctc_batch_cost", "label_length", label_length, ps[0])


def _check_decode(y_pred: Any, input_length: Any, *flags: Any) -> None:
    ps = _shape(y_pred)
    if len(ps) != 3:
        raise InvalidArgumentError(f"K.ctc_decode takes y_pred (batch, time, classes). "
                                   f"Received: y_pred.shape={ps}.")
    _lengths("ctc_decode", "input_length", input_length, ps[0])


_CHECKS: dict[str, Callable[..., None]] = {
    "ctc_label_dense_to_sparse": _check_sparse, "ctc_batch_cost": _check_cost,
    "ctc_decode": _check_decode,
}

_ctc_label_dense_to_sparse = _ctc_batch_cost = _ctc_decode = _dispatch.UNBOUND
_dispatch.register(sys.modules[__name__], _OPS)
