"""Validators run after a backend refused an op: they raise the same clear error on
every backend (argument, what is allowed, what was received, the fix)."""

from __future__ import annotations

import math
from typing import Any, Callable

from .._errors import AxisError, IncompatibleShapesError, InvalidArgumentError

Ops = dict[str, Callable[..., Any]]


def _shape(ops: Ops, x: Any) -> tuple[int, ...] | None:
    if isinstance(x, (bool, int, float)):
        return ()
    try:
        return tuple(ops["int_shape"](x))
    except Exception:
        try:
            return tuple(ops["int_shape"](ops["convert_to_tensor"](x, None)))
        except Exception:
            return None


def broadcast(op: str, *shapes: tuple[int, ...]) -> tuple[int, ...]:
    """Broadcast shape, or IncompatibleShapesError naming the op and the shapes."""
    out: list[int] = []
    for dims in _zip_right(shapes):
        sizes = {d for d in dims if d != 1}
        if len(sizes) > 1:
            raise shapes_error(op, shapes)
        out.append(sizes.pop() if sizes else 1)
    return tuple(reversed(out))


def shapes_error(op: str, shapes: Any) -> IncompatibleShapesError:
    shown = ", ".join(str(tuple(s)) for s in shapes)
    return IncompatibleShapesError(
        f"K.{op}: shapes {shown} cannot be broadcast together.\n"
        f"Received: shapes {shown}.\nFix: make each trailing dimension equal or 1 "
        f"(K.reshape, K.expand_dims).")


def _zip_right(shapes: tuple[tuple[int, ...], ...]) -> list[tuple[int, ...]]:
    n = max((len(s) for s in shapes), default=0)
    padded = [(1,) * (n - len(s)) + tuple(s) for s in shapes]
    return list(zip(*padded))[::-1]


def check_axis(op: str, axis: Any, ndim: int, *, new_axis: bool = False) -> int:
    """Normalise one axis; AxisError when outside the rank."""
    limit = ndim + 1 if new_axis else ndim
    if isinstance(axis, bool) or not isinstance(axis, int):
        raise AxisError(f"K.{op}: axis must be an int. Received: axis={axis!r}.")
    if not -limit <= axis < limit:
        raise AxisError(f"K.{op}: axis {axis} is out of range for a tensor of rank {ndim}; "
                        f"allowed: {-limit} to {limit - 1}.\nReceived: axis={axis!r}.")
    return axis % limit if limit else 0


def check_axes(op: str, axis: Any, ndim: int) -> None:
    if axis is None:
        return
    axes = axis if isinstance(axis, tuple) else (axis,)
    normal = [check_axis(op, a, ndim) for a in axes]
    if len(set(normal)) != len(normal):
        raise AxisError(f"K.{op}: repeated axis. Received: axis={axis!r}.")


def _binary(op: str) -> Callable[..., None]:
    def check(ops: Ops, x: Any, y: Any) -> None:
        sx, sy = _shape(ops, x), _shape(ops, y)
        if sx is not None and sy is not None:
            broadcast(op, sx, sy)

    return check


def _reduction(op: str) -> Callable[..., None]:
    def check(ops: Ops, x: Any, axis: Any, keepdims: Any = False) -> None:
        s = _shape(ops, x)
        if s is not None:
            check_axes(op, axis, len(s))

    return check


def _single_axis(op: str) -> Callable[..., None]:
    def check(ops: Ops, x: Any, axis: Any, *rest: Any) -> None:
        s = _shape(ops, x)
        if s is not None:
            check_axis(op, axis, len(s))

    return check


def _dot(ops: Ops, x: Any, y: Any) -> None:
    sx, sy = _shape(ops, x), _shape(ops, y)
    if not sx or not sy:
        raise InvalidArgumentError(f"K.dot needs tensors of rank >= 1. "
                                   f"Received: x.shape={sx}, y.shape={sy}.")
    inner = sy[0] if len(sy) == 1 else sy[-2]
    if sx[-1] != inner:
        raise IncompatibleShapesError(
            f"K.dot: x's last dimension ({sx[-1]}) must equal y's "
            f"{'first' if len(sy) == 1 else 'second-to-last'} dimension ({inner}).\n"
            f"Received: x.shape={sx}, y.shape={sy}.\nFix: transpose or reshape one operand.")


def _where(ops: Ops, condition: Any, x: Any, y: Any) -> None:
    shapes = [_shape(ops, a) for a in (condition, x, y)]
    if all(s is not None for s in shapes):
        broadcast("where", *shapes)  # type: ignore[arg-type]


def _clip(ops: Ops, x: Any, min_value: Any, max_value: Any) -> None:
    shapes = [_shape(ops, a) for a in (x, min_value, max_value) if a is not None]
    if all(s is not None for s in shapes):
        broadcast("clip", *shapes)  # type: ignore[arg-type]


def _set_value(ops: Ops, x: Any, value: Any) -> None:
    sx, sv = _shape(ops, x), _shape(ops, value)
    if sx is None or sv is None:
        return
    fits = len(sv) <= len(sx) and all(v in (1, d) for v, d in zip(sv[::-1], sx[::-1]))
    if not fits:
        raise IncompatibleShapesError(
            f"K.set_value: a value of shape {sv} does not fit a variable of shape {sx}.\n"
            f"Received: x.shape={sx}, value.shape={sv}.\nFix: pass a value of shape {sx} "
            f"(or a scalar).")


def _reshape(ops: Ops, x: Any, shape: Any) -> None:
    if any(d < -1 for d in shape):
        raise InvalidArgumentError(f"K.reshape: shape has a negative dimension. "
                                   f"Received: shape={tuple(shape)!r}.")
    s = _shape(ops, x)
    if s is None:
        return
    size = math.prod(s)
    known = math.prod(d for d in shape if d != -1)
    ok = (known == size) if -1 not in shape else (known and size % known == 0)
    if list(shape).count(-1) > 1 or not ok:
        raise IncompatibleShapesError(
            f"K.reshape: cannot reshape a tensor of shape {s} ({size} elements) to "
            f"{tuple(shape)}.\nReceived: x.shape={s}, shape={tuple(shape)}.\n"
            f"Fix: the new shape must hold {size} elements; use at most one -1.")


def _joined(op: str) -> Callable[..., None]:
    def check(ops: Ops, tensors: Any, axis: Any) -> None:
        shapes = [_shape(ops, t) for t in tensors]
        if not shapes:
            raise InvalidArgumentError(f"K.{op} needs at least one tensor. Received: [].")
        if any(s is None for s in shapes):
            return
        ranks = {len(s) for s in shapes if s is not None}
        stacking = op == "stack"
        if len(ranks) > 1:
            raise IncompatibleShapesError(f"K.{op}: all tensors need the same rank. "
                                          f"Received shapes: {shapes}.")
        rank = ranks.pop()
        ax = check_axis(op, axis, rank, new_axis=stacking)
        for s in shapes:
            ref, cur = shapes[0], s
            if stacking and ref != cur or not stacking and any(
                    a != b for i, (a, b) in enumerate(zip(ref, cur)) if i != ax):
                raise IncompatibleShapesError(
                    f"K.{op}: shapes must match{'' if stacking else ' off axis ' + str(ax)}. "
                    f"Received shapes: {shapes}.")

    return check


def _permute(ops: Ops, x: Any, pattern: Any) -> None:
    s = _shape(ops, x)
    if s is not None and sorted(pattern) != list(range(len(s))):
        raise InvalidArgumentError(
            f"K.permute_dimensions: pattern must be a permutation of 0..{len(s) - 1}. "
            f"Received: pattern={tuple(pattern)} for x.shape={s}.")


def _squeeze(ops: Ops, x: Any, axis: Any) -> None:
    s = _shape(ops, x)
    if s is None:
        return
    ax = check_axis("squeeze", axis, len(s))
    if s[ax] != 1:
        raise InvalidArgumentError(f"K.squeeze: axis {axis} has size {s[ax]}, not 1.\n"
                                   f"Received: x.shape={s}, axis={axis}.")


def _expand(ops: Ops, x: Any, axis: Any) -> None:
    s = _shape(ops, x)
    if s is not None:
        check_axis("expand_dims", axis, len(s), new_axis=True)


def _gather(ops: Ops, reference: Any, indices: Any) -> None:
    s = _shape(ops, reference)
    if s is not None and not s:
        raise InvalidArgumentError("K.gather: reference must have rank >= 1. "
                                   "Received: a 0-d tensor.")
    try:
        idx = ops["to_numpy"](indices)
    except Exception:
        return
    if idx.dtype.kind not in "iu":
        raise InvalidArgumentError(f"K.gather: indices must be integers. "
                                   f"Received: dtype {idx.dtype}.")
    if s and idx.size and (idx.min() < -s[0] or idx.max() >= s[0]):
        raise InvalidArgumentError(
            f"K.gather: indices must be in [0, {s[0]}) for reference.shape={s}. "
            f"Received: min={idx.min()}, max={idx.max()}.")


_check_repeat_axis = _single_axis("repeat_elements")  # called as (x, rep, axis)

VALIDATORS: dict[str, Callable[..., None]] = {
    **{op: _binary(op) for op in (
        "add", "subtract", "multiply", "divide", "maximum", "minimum", "equal", "not_equal",
        "greater", "greater_equal", "less", "less_equal", "pow")},
    **{op: _reduction(op) for op in (
        "sum", "prod", "mean", "max", "min", "var", "std", "any", "all", "logsumexp")},
    **{op: _single_axis(op) for op in (
        "argmax", "argmin", "cumsum", "cumprod", "softmax")},
    "repeat_elements": lambda ops, x, rep, axis: _check_repeat_axis(ops, x, axis),
    "dot": _dot, "reshape": _reshape, "concatenate": _joined("concatenate"),
    "stack": _joined("stack"), "permute_dimensions": _permute, "squeeze": _squeeze,
    "expand_dims": _expand, "gather": _gather, "where": _where, "clip": _clip,
    "set_value": _set_value,
}
