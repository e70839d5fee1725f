"""Facade: loops and switch.

On concrete tensors the backend's op runs (a Python loop in the generic
implementation). When an argument is symbolic, or inside a trace, the step function is
traced once into a sub-graph and a loop node is recorded (``tensorplug.graph._loops``),
so a time length unknown when tracing works and the loop has its own gradient.
"""

from __future__ import annotations

import sys
from typing import Any, Callable

from .. import _dispatch
from .._errors import InvalidTypeError
from ..graph._symbol import contains_symbol
from ..graph._trace import tracing
from ._recover import recover

__all__ = ["foldl", "foldr", "map_fn", "rnn", "switch"]
_OPS = ("rnn", "switch", "map_fn", "foldl", "foldr")


def _symbolic(*values: Any) -> bool:
    return tracing() or contains_symbol(values)


def _callable(op: str, fn: Any, what: str) -> None:
    if not callable(fn):
        raise InvalidTypeError(f"K.{op}: {what} must be callable. Received: {fn!r}.")


def rnn(step_function: Callable[..., Any], inputs: Any, initial_states: Any,
        go_backwards: bool = False, mask: Any = None, constants: Any = None,
        unroll: bool = False, input_length: Any = None) -> Any:
    _callable("rnn", step_function, "step_function")
    states = list(initial_states or [])
    consts = list(constants or [])
    if _symbolic(inputs, states, mask, consts):
        from ..graph import _loop_ops

        return _loop_ops.rnn(step_function, inputs, states, go_backwards, mask, consts)
    args = (step_function, inputs, states, go_backwards, mask, consts, unroll, input_length)
    try:
        return _rnn(*args)
    except Exception as exc:
        return recover("rnn", args, exc)


def switch(condition: Any, then_expression: Any, else_expression: Any) -> Any:
    if _symbolic(condition):
        from ..graph import _loop_ops

        return _loop_ops.switch(condition, then_expression, else_expression)
    args = (condition, then_expression, else_expression)
    try:
        return _switch(*args)
    except Exception as exc:
        return recover("switch", args, exc)


def map_fn(fn: Callable[..., Any], elems: Any, name: Any = None, dtype: Any = None) -> Any:
    _callable("map_fn", fn, "fn")
    if _symbolic(elems):
        from ..graph import _loop_ops

        return _loop_ops.map_fn(fn, elems, dtype)
    try:
        return _map_fn(fn, elems, name, dtype)
    except Exception as exc:
        return recover("map_fn", (fn, elems, name, dtype), exc)


def foldl(fn: Callable[..., Any], elems: Any, initializer: Any = None, name: Any = None) -> Any:
    _callable("foldl", fn, "fn")
    if _symbolic(elems, initializer):
        from ..graph import _loop_ops

        return _loop_ops.fold(fn, elems, initializer, reverse=False)
    try:
        return _foldl(fn, elems, initializer, name)
    except Exception as exc:
        return recover("foldl", (fn, elems, initializer, name), exc)


def foldr(fn: Callable[..., Any], elems: Any, initializer: Any = None, name: Any = None) -> Any:
    _callable("foldr", fn, "fn")
    if _symbolic(elems, initializer):
        from ..graph import _loop_ops

        return _loop_ops.fold(fn, elems, initializer, reverse=True)
    try:
        return _foldr(fn, elems, initializer, name)
    except Exception as exc:
        return recover("foldr", (fn, elems, initializer, name), exc)


_rnn = _switch = _map_fn = _foldl = _foldr = _dispatch.UNBOUND
_dispatch.register(sys.modules[__name__], _OPS)
