"""rnn, map_fn, foldl, foldr and switch on symbols, built on ``_loops.scan``."""

from __future__ import annotations

from typing import Any, Callable

from .. import backend as K
from ._loops import scan
from ._symbol import Symbol


def _rank(x: Any) -> int:
    return len(K.int_shape(x))


def rnn(step_function: Callable[..., Any], inputs: Any, states: list[Any],
        go_backwards: bool, mask: Any, constants: list[Any]) -> tuple[Any, Any, list[Any]]:
    """Keras's rnn: time axis 1; outputs in processing order."""
    rank = _rank(inputs)
    time_major = K.permute_dimensions(inputs, (1, 0, *range(2, rank)))
    mask_tm = None if mask is None else K.permute_dimensions(K.cast(mask, "bool"), (1, 0))

    def step(x: Any, st: list[Any], consts: list[Any]) -> tuple[Any, list[Any]]:
        out, new_states = step_function(x, st + consts)
        return out, list(new_states)

    stacked, last, *final = scan(step, time_major, states, constants, mask_tm, go_backwards)
    out_rank = len(stacked.spec.shape)
    outputs = K.permute_dimensions(stacked, (1, 0, *range(2, out_rank)))
    return last, outputs, list(final)


def map_fn(fn: Callable[..., Any], elems: Any, dtype: Any) -> Any:
    stacked, _last = scan(lambda x, st, c: (fn(x), []), elems)[:2]
    return stacked if dtype is None or stacked.dtype == dtype else K.cast(stacked, dtype)


def fold(fn: Callable[..., Any], elems: Any, initializer: Any, reverse: bool) -> Any:
    if reverse:
        elems = K.reverse(elems, 0)
    if initializer is None:
        initializer = K.gather(elems, 0)
        shape = K.int_shape(elems)
        elems = K.slice(elems, (1,) + (0,) * (len(shape) - 1), (-1,) * len(shape))

    def step(x: Any, st: list[Any], consts: list[Any]) -> tuple[Any, list[Any]]:
        acc = fn(st[0], x)
        return acc, [acc]

    return scan(step, elems, [initializer])[2]


def switch(condition: Any, then_expression: Any, else_expression: Any) -> Any:
    """Both branches are traced; the choice is an element-wise node."""
    then_v = then_expression() if callable(then_expression) else then_expression
    else_v = else_expression() if callable(else_expression) else else_expression
    cond = K.cast(condition, "bool")
    ranks = [_rank(v) for v in (then_v, else_v) if isinstance(v, Symbol) or K.is_tensor(v)]
    for _ in range(max(ranks, default=0) - _rank(cond)):
        cond = K.expand_dims(cond, -1)
    return K.where(cond, then_v, else_v)
