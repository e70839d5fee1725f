"""One static shape/dtype rule per op: what a node's output will be, computed when the
node is recorded. Shape errors knowable then are raised then (same errors as eager).
The conformance suite checks each rule against real outputs."""

from __future__ import annotations

import math
from typing import Any, Callable

from .. import _config
from .._dtypes import accumulate_result, float_result, mean_result, result_type, scalar_kind
from .._errors import InvalidArgumentError
from ..backend._validate import check_axes, check_axis, shapes_error
from ._symbol import Symbol, TensorSpec

Shape = tuple[int | None, ...]
Rule = Callable[..., TensorSpec]
RULES: dict[str, Rule] = {}


def _dt(x: Any) -> Any:
    """Dtype name, or the Python scalar itself (weak) for result_type."""
    return x.dtype if isinstance(x, TensorSpec) else x


def _sh(x: Any) -> Shape:
    return x.shape if isinstance(x, TensorSpec) else ()


def bcast(op: str, *shapes: Shape) -> Shape:
    """Broadcast shapes that may hold unknown (None) dimensions."""
    n = max(len(s) for s in shapes)
    padded = [(1,) * (n - len(s)) + tuple(s) for s in shapes]
    out: list[int | None] = []
    for dims in zip(*padded):
        sizes = {d for d in dims if d not in (1, None)}
        if len(sizes) > 1:  # the same error as eager broadcasting
            raise shapes_error(op, shapes)
        out.append(sizes.pop() if sizes else (None if None in dims else 1))
    return tuple(out)


def rule(*names: str) -> Callable[[Rule], Rule]:
    def add(fn: Rule) -> Rule:
        for name in names:
            RULES[name] = fn
        return fn

    return add


@rule("abs", "negative", "square", "sign", "round", "identity", "stop_gradient")
def _same(x: TensorSpec, *rest: Any) -> TensorSpec:
    return x


@rule("sqrt", "exp", "log", "sin", "cos", "tanh", "sigmoid", "softplus")
def _float_fn(x: TensorSpec) -> TensorSpec:
    return TensorSpec(x.shape, float_result(x.dtype))


@rule("softmax")
def _softmax(x: TensorSpec, axis: int) -> TensorSpec:
    check_axis("softmax", axis, len(x.shape))
    return TensorSpec(x.shape, float_result(x.dtype))


@rule("relu")
def _relu(x: TensorSpec, alpha: Any, max_value: Any, threshold: Any) -> TensorSpec:
    return x


def _binary(op: str) -> Rule:
    def fn(x: Any, y: Any) -> TensorSpec:
        dtype = result_type(_dt(x), _dt(y))
        if op == "divide" and dtype[0] != "f":
            dtype = "float64"
        elif op in ("equal", "not_equal", "greater", "greater_equal", "less", "less_equal"):
            dtype = "bool"
        return TensorSpec(bcast(op, _sh(x), _sh(y)), dtype)

    return fn


for _op in ("add", "subtract", "multiply", "divide", "maximum", "minimum", "pow", "equal",
            "not_equal", "greater", "greater_equal", "less", "less_equal"):
    RULES[_op] = _binary(_op)


@rule("where")
def _where(condition: Any, x: Any, y: Any) -> TensorSpec:
    return TensorSpec(bcast("where", _sh(condition), _sh(x), _sh(y)),
                      result_type(_dt(x), _dt(y)))


@rule("clip")
def _clip(x: TensorSpec, lo: Any, hi: Any) -> TensorSpec:
    bounds = [b for b in (lo, hi) if b is not None]
    return TensorSpec(bcast("clip", _sh(x), *map(_sh, bounds)),
                      result_type(_dt(x), *map(_dt, bounds)))


def reduced_shape(op: str, shape: Shape, axis: Any, keepdims: bool) -> Shape:
    check_axes(op, axis, len(shape))
    axes = range(len(shape)) if axis is None else (axis if isinstance(axis, tuple) else (axis,))
    drop = {a % len(shape) for a in axes} if shape else set()
    if keepdims:
        return tuple(1 if i in drop else d for i, d in enumerate(shape))
    return tuple(d for i, d in enumerate(shape) if i not in drop)


def _reduction(op: str, dtype_of: Callable[[str], str]) -> Rule:
    def fn(x: TensorSpec, axis: Any, keepdims: Any) -> TensorSpec:
        return TensorSpec(reduced_shape(op, x.shape, axis, bool(keepdims)), dtype_of(x.dtype))

    return fn


for _op, _dtype in {"sum": accumulate_result, "prod": accumulate_result,
                    "mean": mean_result, "var": mean_result, "std": mean_result,
                    "logsumexp": mean_result, "max": lambda d: d, "min": lambda d: d,
                    "any": lambda d: "bool", "all": lambda d: "bool"}.items():
    RULES[_op] = _reduction(_op, _dtype)


@rule("argmax", "argmin")
def _arg(x: TensorSpec, axis: int) -> TensorSpec:
    return TensorSpec(reduced_shape("argmax", x.shape, axis, False), "int64")


@rule("cumsum", "cumprod")
def _scan(x: TensorSpec, axis: int) -> TensorSpec:
    check_axis("cumsum", axis, len(x.shape))
    return TensorSpec(x.shape, accumulate_result(x.dtype))


@rule("cast")
def _cast(x: TensorSpec, dtype: str) -> TensorSpec:
    return TensorSpec(x.shape, dtype)


@rule("zeros_like", "ones_like")
def _like(x: TensorSpec, dtype: str, name: Any) -> TensorSpec:
    return TensorSpec(x.shape, dtype)


@rule("shape")
def _shape(x: TensorSpec) -> TensorSpec:
    return TensorSpec((len(x.shape),), "int32")


@rule("convert_to_tensor")
def _convert(x: TensorSpec, dtype: Any) -> TensorSpec:
    return TensorSpec(x.shape, dtype or x.dtype)


@rule("dot")
def _dot(x: TensorSpec, y: TensorSpec) -> TensorSpec:
    sx, sy = x.shape, y.shape
    if not sx or not sy:
        raise InvalidArgumentError(f"K.dot needs tensors of rank >= 1. "
                                   f"Received: x.shape={sx}, y.shape={sy}.")
    inner = sy[0] if len(sy) == 1 else sy[-2]
    if None not in (sx[-1], inner) and sx[-1] != inner:
        raise InvalidArgumentError(f"K.dot: x's last dimension ({sx[-1]}) must equal y's "
                                   f"contracted dimension ({inner}). Received: x.shape={sx}, "
                                   f"y.shape={sy}.")
    out = sx[:-1] + (sy[:-2] + sy[-1:] if len(sy) > 1 else ())
    return TensorSpec(out, result_type(x.dtype, y.dtype))


@rule("batch_dot")
def _batch_dot(x: TensorSpec, y: TensorSpec, axes: tuple[int, int]) -> TensorSpec:
    rest_x = tuple(d for i, d in enumerate(x.shape) if i not in (0, axes[0]))
    rest_y = tuple(d for i, d in enumerate(y.shape) if i not in (0, axes[1]))
    batch = x.shape[0] if x.shape[0] is not None else y.shape[0]
    out = (batch, *rest_x, *rest_y) if rest_x or rest_y else (batch, 1)
    return TensorSpec(out, result_type(x.dtype, y.dtype))


@rule("transpose")
def _transpose(x: TensorSpec) -> TensorSpec:
    return TensorSpec(tuple(reversed(x.shape)), x.dtype)


@rule("permute_dimensions")
def _permute(x: TensorSpec, pattern: tuple[int, ...]) -> TensorSpec:
    if sorted(pattern) != list(range(len(x.shape))):
        raise InvalidArgumentError(f"K.permute_dimensions: pattern must be a permutation of "
                                   f"0..{len(x.shape) - 1}. Received: pattern={pattern}.")
    return TensorSpec(tuple(x.shape[p] for p in pattern), x.dtype)


@rule("reshape")
def _reshape(x: TensorSpec, shape: tuple[Any, ...]) -> TensorSpec:
    """Also ``reshape_dynamic``'s spec, whose shape holds 0-d symbols: sizes unknown
    until the graph runs."""
    out: list[int | None] = [None if isinstance(d, Symbol) else d for d in shape]
    dynamic = None in out
    if -1 in out:
        rest = 0 if dynamic else math.prod(d for d in out if d != -1)  # type: ignore[misc]
        known = x.shape
        out[out.index(-1)] = None if None in known or not rest else math.prod(known) // rest  # type: ignore
    elif not dynamic and None not in x.shape and math.prod(x.shape) != math.prod(shape):  # type: ignore
        raise InvalidArgumentError(f"K.reshape: cannot reshape a tensor of shape {x.shape} "
                                   f"to {shape}.")
    return TensorSpec(tuple(out), x.dtype)


@rule("flatten")
def _flatten(x: TensorSpec) -> TensorSpec:
    return TensorSpec((None if None in x.shape else math.prod(x.shape),), x.dtype)  # type: ignore


@rule("batch_flatten")
def _batch_flatten(x: TensorSpec) -> TensorSpec:
    rest = x.shape[1:]
    return TensorSpec((x.shape[0], None if None in rest else math.prod(rest)), x.dtype)  # type: ignore


@rule("expand_dims")
def _expand(x: TensorSpec, axis: int) -> TensorSpec:
    shape = list(x.shape)
    shape.insert(check_axis("expand_dims", axis, len(shape), new_axis=True), 1)
    return TensorSpec(tuple(shape), x.dtype)


@rule("squeeze")
def _squeeze(x: TensorSpec, axis: int) -> TensorSpec:
    ax = check_axis("squeeze", axis, len(x.shape))
    if x.shape[ax] not in (1, None):
        raise InvalidArgumentError(f"K.squeeze: axis {axis} has size {x.shape[ax]}, not 1.")
    return TensorSpec(x.shape[:ax] + x.shape[ax + 1:], x.dtype)


@rule("concatenate")
def _concatenate(tensors: list[Any], axis: int) -> TensorSpec:
    specs = [t for t in tensors if isinstance(t, TensorSpec)]
    ax = check_axis("concatenate", axis, len(specs[0].shape))
    sizes = [s.shape[ax] for s in specs]
    shape = list(specs[0].shape)
    shape[ax] = None if None in sizes else sum(sizes)  # type: ignore[arg-type]
    return TensorSpec(tuple(shape), result_type(*(s.dtype for s in specs)))


@rule("stack")
def _stack(x: list[Any], axis: int) -> TensorSpec:
    """Python scalars among the tensors are 0-d and weak (``K.stack([K.shape(y)[0],
    8])``)."""
    specs = [s for s in x if isinstance(s, TensorSpec)]
    shape = list(specs[0].shape)
    shape.insert(check_axis("stack", axis, len(shape), new_axis=True), len(x))
    return TensorSpec(tuple(shape), result_type(*(s.dtype if isinstance(s, TensorSpec)
                                                   else s for s in x)))


@rule("tile")
def _tile(x: TensorSpec, n: tuple[int, ...]) -> TensorSpec:
    return TensorSpec(tuple(None if d is None else d * k for d, k in zip(x.shape, n)), x.dtype)


@rule("repeat_elements")
def _repeat_elements(x: TensorSpec, rep: int, axis: int) -> TensorSpec:
    ax = check_axis("repeat_elements", axis, len(x.shape))
    shape = list(x.shape)
    shape[ax] = None if shape[ax] is None else shape[ax] * rep
    return TensorSpec(tuple(shape), x.dtype)


@rule("gather")
def _gather(reference: TensorSpec, indices: Any) -> TensorSpec:
    return TensorSpec(_sh(indices) + reference.shape[1:], reference.dtype)


@rule("one_hot")
def _one_hot(indices: TensorSpec, num_classes: int) -> TensorSpec:
    return TensorSpec(indices.shape + (num_classes,), _config.floatx())


def output_spec(op: str, specs: tuple[Any, ...]) -> TensorSpec:
    """The static spec of ``op`` applied to argument specs (TensorSpec or Python values)."""
    fn = RULES.get(op)
    if fn is None:
        raise InvalidArgumentError(f"K.{op} cannot be applied to symbolic tensors yet "
                                   f"(no static shape rule).")
    return fn(*specs)


def is_weak(x: Any) -> bool:
    return scalar_kind(x) is not None
