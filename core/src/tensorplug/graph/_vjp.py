"""THE VJP TABLE: one vector-Jacobian product per differentiable op, written in K ops.

``VJP[op](node, g)`` returns one gradient per tensor argument slot of ``node`` (see
``arg_slots``; list arguments count one slot per element), ``None`` where the
argument is not differentiable. Composites without a rule here are differentiated
through their generic implementation (``_grad._through_generic``).
"""

from __future__ import annotations

from typing import Any, Callable

from .. import backend as K
from .._dtypes import kind, scalar_kind
from ..hookspecs import LIST_PARAMS, spec_params, tensor_positions
from ._symbol import Symbol, TensorSpec

Rule = Callable[[Symbol, Any], list[Any]]
VJP: dict[str, Rule] = {}

#: Ops whose outputs carry no gradient to their inputs (integer or boolean results,
#: piecewise-constant functions, graph leaves).
NOT_DIFFERENTIABLE = frozenset({
    "equal", "not_equal", "greater", "greater_equal", "less", "less_equal", "argmax",
    "argmin", "any", "all", "sign", "round", "one_hot", "shape", "zeros_like", "ones_like",
    "placeholder", "variable", "learning_phase", "stop_gradient", "zeros", "ones", "eye",
    "constant", "scan_grad", "size", "update", "update_add", "update_sub",
    "moving_average_update", "in_top_k", "ctc_decode", "ctc_label_dense_to_sparse",
    # random draws (recorded for a symbolic shape): constant in their Python arguments
    "random_normal", "random_uniform", "random_binomial", "truncated_normal",
})


#: Graph-internal ops with gradients: their tensor argument positions.
INTERNAL_SLOTS: dict[str, tuple[int, ...]] = {"reshape_dynamic": (0,)}


def arg_slots(node: Symbol) -> list[Any]:
    """The node's tensor arguments, list arguments flattened, in order."""
    internal = INTERNAL_SLOTS.get(node.op)
    if internal is not None:
        return [node.args[i] for i in internal]
    params = spec_params(node.op)
    slots: list[Any] = []
    for i in tensor_positions(node.op):
        if i >= len(node.args):
            continue
        if (node.op, params[i]) in LIST_PARAMS:
            slots.extend(node.args[i])
        else:
            slots.append(node.args[i])
    return [None if a is None or scalar_kind(a) is not None else a for a in slots]


def vjp(*names: str) -> Callable[[Rule], Rule]:
    def add(fn: Rule) -> Rule:
        for name in names:
            VJP[name] = fn
        return fn

    return add


def shape_of(x: Any) -> tuple[int | None, ...]:
    return x.shape if isinstance(x, (Symbol, TensorSpec)) else tuple(K.int_shape(x))


def is_float(x: Any) -> bool:
    dtype = x.dtype if isinstance(x, Symbol) else K.dtype(x)
    return kind(dtype) == "f"


def unbroadcast(g: Any, x: Any) -> Any:
    """Sum ``g`` down to ``x``'s shape (undo broadcasting); None for non-tensors."""
    if x is None or scalar_kind(x) is not None or not is_float(x):
        return None
    gs, xs = shape_of(g), shape_of(x)
    lead = len(gs) - len(xs)
    if lead > 0:
        g = K.sum(g, axis=tuple(range(lead)))
    axes = tuple(i for i, d in enumerate(xs) if d == 1 and gs[lead + i] != 1)
    if axes:
        g = K.sum(g, axis=axes, keepdims=True)
    return g


def restore(g: Any, x: Any, axis: Any, keepdims: bool) -> Any:
    """Broadcast a reduction's gradient back to the input's shape."""
    rank = len(shape_of(x))
    if not keepdims:
        axes = range(rank) if axis is None else (axis if isinstance(axis, tuple) else (axis,))
        for a in sorted(a % rank for a in axes):
            g = K.expand_dims(g, a)
    return K.multiply(g, K.ones_like(x, dtype=g.dtype if isinstance(g, Symbol) else None))


# -- element-wise -----------------------------------------------------------------------
@vjp("add")
def _add(n: Symbol, g: Any) -> list[Any]:
    x, y = n.args
    return [unbroadcast(g, x), unbroadcast(g, y)]


@vjp("subtract")
def _subtract(n: Symbol, g: Any) -> list[Any]:
    x, y = n.args
    return [unbroadcast(g, x), unbroadcast(K.negative(g), y)]


@vjp("multiply")
def _multiply(n: Symbol, g: Any) -> list[Any]:
    x, y = n.args
    return [unbroadcast(K.multiply(g, y), x), unbroadcast(K.multiply(g, x), y)]


@vjp("divide")
def _divide(n: Symbol, g: Any) -> list[Any]:
    x, y = n.args
    gx = K.divide(g, y)
    gy = K.negative(K.multiply(gx, K.divide(x, y)))
    return [unbroadcast(gx, x), unbroadcast(gy, y)]


@vjp("negative")
def _negative(n: Symbol, g: Any) -> list[Any]:
    return [K.negative(g)]


@vjp("abs")
def _abs(n: Symbol, g: Any) -> list[Any]:
    return [K.multiply(g, K.sign(n.args[0]))]


@vjp("square")
def _square(n: Symbol, g: Any) -> list[Any]:
    return [K.multiply(g, K.multiply(n.args[0], 2))]


@vjp("sqrt")
def _sqrt(n: Symbol, g: Any) -> list[Any]:
    x = n.args[0]
    return [K.where(K.greater(x, 0), K.divide(g, K.multiply(n, 2)), K.zeros_like(g, g.dtype))]


@vjp("exp")
def _exp(n: Symbol, g: Any) -> list[Any]:
    return [K.multiply(g, n)]


@vjp("log")
def _log(n: Symbol, g: Any) -> list[Any]:
    return [K.divide(g, n.args[0])]


@vjp("sin")
def _sin(n: Symbol, g: Any) -> list[Any]:
    return [K.multiply(g, K.cos(n.args[0]))]


@vjp("cos")
def _cos(n: Symbol, g: Any) -> list[Any]:
    return [K.negative(K.multiply(g, K.sin(n.args[0])))]


@vjp("tanh")
def _tanh(n: Symbol, g: Any) -> list[Any]:
    return [K.multiply(g, K.subtract(1, K.square(n)))]


@vjp("sigmoid")
def _sigmoid(n: Symbol, g: Any) -> list[Any]:
    return [K.multiply(g, K.multiply(n, K.subtract(1, n)))]


@vjp("softplus")
def _softplus(n: Symbol, g: Any) -> list[Any]:
    return [K.multiply(g, K.sigmoid(n.args[0]))]


@vjp("pow")
def _pow(n: Symbol, g: Any) -> list[Any]:
    x, a = n.args
    gx = K.multiply(g, K.multiply(a, K.pow(x, K.subtract(a, 1))))
    ga = None if scalar_kind(a) is not None else unbroadcast(
        K.multiply(g, K.multiply(n, K.log(x))), a)
    return [unbroadcast(gx, x), ga]


@vjp("maximum", "minimum")
def _extremum(n: Symbol, g: Any) -> list[Any]:
    x, y = n.args
    pick_x = (K.greater_equal if n.op == "maximum" else K.less_equal)(x, y)
    zero = K.zeros_like(g, g.dtype)
    return [unbroadcast(K.where(pick_x, g, zero), x),
            unbroadcast(K.where(pick_x, zero, g), y)]


@vjp("where")
def _where(n: Symbol, g: Any) -> list[Any]:
    cond, x, y = n.args
    zero = K.zeros_like(g, g.dtype)
    return [None, unbroadcast(K.where(cond, g, zero), x), unbroadcast(K.where(cond, zero, g), y)]


@vjp("clip")
def _clip(n: Symbol, g: Any) -> list[Any]:
    x, lo, hi = n.args
    inside = K.ones_like(g, "bool")
    if lo is not None:
        inside = K.where(K.less(x, lo), False, inside)
    if hi is not None:
        inside = K.where(K.greater(x, hi), False, inside)
    return [unbroadcast(K.where(inside, g, K.zeros_like(g, g.dtype)), x), None, None]


@vjp("cast", "convert_to_tensor")
def _cast(n: Symbol, g: Any) -> list[Any]:
    x = n.args[0]
    if not is_float(x) or not is_float(n):
        return [None]
    dtype = x.dtype if isinstance(x, Symbol) else K.dtype(x)
    return [K.cast(g, dtype)]


@vjp("relu")
def _relu(n: Symbol, g: Any) -> list[Any]:
    x, alpha, max_value, threshold = n.args
    zero = K.zeros_like(g, g.dtype)
    gx = K.where(K.greater_equal(x, threshold), g, K.multiply(g, alpha) if alpha else zero)
    if max_value is not None:
        gx = K.where(K.greater_equal(x, max_value), zero, gx)
    return [gx]


# -- reductions -------------------------------------------------------------------------
@vjp("sum")
def _sum(n: Symbol, g: Any) -> list[Any]:
    x, axis, keepdims = n.args
    return [restore(g, x, axis, keepdims) if is_float(x) else None]


@vjp("mean")
def _mean(n: Symbol, g: Any) -> list[Any]:
    x, axis, keepdims = n.args
    return [K.divide(restore(g, x, axis, keepdims), _count(x, axis))]


def _count(x: Any, axis: Any) -> Any:
    """Number of reduced elements: a Python float when static, else a runtime tensor."""
    shape = shape_of(x)
    axes = range(len(shape)) if axis is None else (axis if isinstance(axis, tuple) else (axis,))
    axes = tuple(a % len(shape) for a in axes)
    dims = [shape[a] for a in axes]
    if None not in dims:
        total = 1
        for d in dims:
            total *= d  # type: ignore[operator]
        return float(total)
    reduced = K.gather(K.shape(x), list(axes))
    return K.cast(K.prod(reduced), x.dtype if isinstance(x, Symbol) else K.dtype(x))


@vjp("max", "min")
def _max(n: Symbol, g: Any) -> list[Any]:
    x, axis, keepdims = n.args
    out = restore(n, x, axis, keepdims)
    mask = K.cast(K.equal(x, out), g.dtype)
    share = K.divide(mask, K.sum(mask, axis=axis, keepdims=True))
    return [K.multiply(restore(g, x, axis, keepdims), share)]


@vjp("logsumexp")
def _logsumexp(n: Symbol, g: Any) -> list[Any]:
    x, axis, keepdims = n.args
    return [K.multiply(restore(g, x, axis, keepdims), K.exp(K.subtract(x, restore(
        n, x, axis, keepdims))))]


@vjp("prod")
def _prod(n: Symbol, g: Any) -> list[Any]:
    x, axis, keepdims = n.args
    return [K.divide(K.multiply(restore(g, x, axis, keepdims), restore(n, x, axis, keepdims)),
                     x)]


@vjp("cumsum")
def _cumsum(n: Symbol, g: Any) -> list[Any]:
    x, axis = n.args
    total = K.sum(g, axis=axis, keepdims=True)
    return [K.add(K.subtract(total, K.cumsum(g, axis)), g)]


@vjp("cumprod")
def _cumprod(n: Symbol, g: Any) -> list[Any]:
    x, axis = n.args
    gy = K.multiply(g, n)
    rev = K.add(K.subtract(K.sum(gy, axis=axis, keepdims=True), K.cumsum(gy, axis)), gy)
    return [K.divide(rev, x)]


@vjp("softmax")
def _softmax(n: Symbol, g: Any) -> list[Any]:
    axis = n.args[1]
    inner = K.sum(K.multiply(g, n), axis=axis, keepdims=True)
    return [K.multiply(n, K.subtract(g, inner))]


# -- linear algebra and shapes ----------------------------------------------------------
@vjp("dot")
def _dot(n: Symbol, g: Any) -> list[Any]:
    x, y = n.args
    sx, sy = shape_of(x), shape_of(y)
    if len(sy) == 1:
        gx = K.multiply(K.expand_dims(g, -1), y)
        gy = K.sum(K.multiply(K.expand_dims(g, -1), x), axis=tuple(range(len(sx) - 1)))
        return [gx, gy]
    k = sx[-1]
    rest_y = sy[:-2] + sy[-1:]
    perm = (len(sy) - 2, *range(len(sy) - 2), len(sy) - 1)
    y2 = K.reshape(K.permute_dimensions(y, perm), (k, -1))  # (k, rest_y)
    g2 = K.reshape(g, (-1, _prod_dims(rest_y)))  # (rows_x, rest_y)
    x2 = K.reshape(x, (-1, k))
    gx = _reshape_like(K.dot(g2, K.transpose(y2)), x)
    gy2 = K.dot(K.transpose(x2), g2)  # (k, rest_y)
    inv = tuple(perm.index(i) for i in range(len(perm)))
    gy = K.permute_dimensions(K.reshape(gy2, (k, *sy[:-2], sy[-1])), inv)
    return [gx, gy]


def _prod_dims(dims: tuple[int | None, ...]) -> int:
    total = 1
    for d in dims:
        if d is None:
            return -1
        total *= d
    return total


def _reshape_like(g: Any, x: Any) -> Any:
    shape = shape_of(x)
    if None not in shape:
        return K.reshape(g, shape)
    if list(shape).count(None) == 1:
        return K.reshape(g, tuple(-1 if d is None else d for d in shape))
    return Symbol("reshape_like", (g, x), TensorSpec(shape, g.dtype))


@vjp("reshape", "flatten", "batch_flatten", "expand_dims", "squeeze")
def _reshape(n: Symbol, g: Any) -> list[Any]:
    return [_reshape_like(g, n.args[0])]


@vjp("permute_dimensions")
def _permute(n: Symbol, g: Any) -> list[Any]:
    pattern = n.args[1]
    return [K.permute_dimensions(g, tuple(pattern.index(i) for i in range(len(pattern))))]


@vjp("transpose")
def _transpose(n: Symbol, g: Any) -> list[Any]:
    return [K.transpose(g)]


def take_range(g: Any, axis: int, start: int, stop: int) -> Any:
    """``g[..., start:stop, ...]`` along ``axis`` using gather (no slicing primitive)."""
    rank = len(shape_of(g))
    axis %= rank
    perm = (axis, *(i for i in range(rank) if i != axis))
    picked = K.gather(K.permute_dimensions(g, perm), list(range(start, stop)))
    return K.permute_dimensions(picked, tuple(perm.index(i) for i in range(rank)))


@vjp("concatenate")
def _concatenate(n: Symbol, g: Any) -> list[Any]:
    tensors, axis = n.args
    out, offset = [], 0
    for t in tensors:
        size = shape_of(t)[axis]
        out.append(take_range(g, axis, offset, offset + size) if is_float(t) else None)
        offset += size
    return out


@vjp("stack")
def _stack(n: Symbol, g: Any) -> list[Any]:
    tensors, axis = n.args
    return [K.squeeze(take_range(g, axis, i, i + 1), axis) for i in range(len(tensors))]


@vjp("tile")
def _tile(n: Symbol, g: Any) -> list[Any]:
    x, reps = n.args
    shape = shape_of(x)
    split = tuple(v for d, r in zip(shape, reps) for v in (r, d))
    summed = K.sum(K.reshape(g, split), axis=tuple(range(0, 2 * len(shape), 2)))
    return [summed]


@vjp("repeat_elements")
def _repeat_elements(n: Symbol, g: Any) -> list[Any]:
    x, rep, axis = n.args
    shape = list(shape_of(x))
    axis %= len(shape)
    split = (*shape[:axis], shape[axis], rep, *shape[axis + 1:])
    return [K.sum(K.reshape(g, tuple(-1 if d is None else d for d in split)), axis=axis + 1)]


@vjp("gather")
def _gather(n: Symbol, g: Any) -> list[Any]:
    """Scatter-add as a product: one-hot(indices, rows)^T . g, rows counted at run time."""
    reference, indices = n.args
    shape = shape_of(reference)
    flat_idx = K.flatten(K.cast(K.convert_to_tensor(indices) if not isinstance(
        indices, Symbol) else indices, "int64"))
    rest = _prod_dims(shape[1:]) if len(shape) > 1 else 1
    if rest == -1 and shape[0] is not None:  # unknown trailing dims, e.g. a None batch
        rows2d = K.reshape(reference, (shape[0], -1))
        g2 = K.reshape(g, (_prod_dims(shape_of(flat_idx)), -1))
    else:
        rows2d = K.reshape(reference, (-1, rest))  # (rows, rest)
        g2 = K.reshape(g, (-1, rest))
    first = K.reshape(K.slice(rows2d, (0, 0), (-1, 1)), (-1,))
    row_ids = K.cast(K.subtract(K.cumsum(K.ones_like(first, "int64"), 0), 1), "int64")
    onehot = K.cast(K.equal(K.expand_dims(flat_idx, 1), K.expand_dims(row_ids, 0)), g.dtype)
    summed = K.dot(K.transpose(onehot), g2)  # (rows, rest)
    return [_reshape_like(summed, reference), None]


@vjp("identity", "print_tensor", "to_dense")
def _identity(n: Symbol, g: Any) -> list[Any]:
    return [g]


@vjp("reverse")
def _reverse(n: Symbol, g: Any) -> list[Any]:
    return [K.reverse(g, n.args[1])]


@vjp("repeat")
def _repeat(n: Symbol, g: Any) -> list[Any]:
    return [K.sum(g, axis=1)]


@vjp("slice")
def _slice(n: Symbol, g: Any) -> list[Any]:
    """Zero-pad ``g`` back to ``x``'s shape along each sliced axis (sizes may be None)."""
    x, start, size = n.args
    rank = len(start)
    for axis, (begin, count) in enumerate(zip(start, size)):
        parts = []
        if begin:
            parts.append(K.zeros_like(_take(x, axis, 0, begin), dtype=g.dtype))
        parts.append(g)
        if count != -1:
            rest = K.slice(x, tuple(begin + count if a == axis else 0 for a in range(rank)),
                           tuple(-1 for _ in range(rank)))
            parts.append(K.zeros_like(rest, dtype=g.dtype))
        if len(parts) > 1:
            g = K.concatenate(parts, axis=axis)
    return [g]


def _take(x: Any, axis: int, begin: int, count: int) -> Any:
    rank = len(shape_of(x))
    return K.slice(x, tuple(begin if a == axis else 0 for a in range(rank)),
                   tuple(count if a == axis else -1 for a in range(rank)))


@vjp("reshape_dynamic")
def _reshape_dynamic(n: Symbol, g: Any) -> list[Any]:
    return [_reshape_like(g, n.args[0])]
