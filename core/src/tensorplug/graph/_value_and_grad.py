"""Eager gradients: trace once per input signature, cache the graph (bounded LRU)."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any, Callable, Sequence

from .. import _selection
from .._errors import InvalidTypeError
from ._function import Function
from ._grad import gradients
from ._placeholder import placeholder
from ._symbol import Symbol
from ._trace import trace

DEFAULT_CACHE_SIZE = 16


def value_and_grad(fn: Callable[..., Any], argnums: int | Sequence[int] = 0,
                   variables: Sequence[Any] = (), cache_size: int = DEFAULT_CACHE_SIZE,
                   ) -> Callable[..., tuple[Any, list[Any]]]:
    """Wrap ``fn`` so a call returns ``(value, grads)`` computed eagerly.

    ``grads`` holds the gradient of ``fn``'s (scalar, or summed) output with respect to
    each positional argument in ``argnums``, then each of ``variables`` (variables that
    ``fn`` reads). ``fn`` is traced once per input signature (backend, shapes, dtypes)
    and the graph is kept in an LRU cache of ``cache_size`` entries.
    """
    nums = (argnums,) if isinstance(argnums, int) else tuple(argnums)
    cache: OrderedDict[Any, Function] = OrderedDict()

    def signature(args: tuple[Any, ...]) -> Any:
        ops = _selection.active().ops
        return (_selection.active().name,
                tuple((tuple(ops["int_shape"](a)), ops["dtype"](a)) for a in args))

    def build(args: tuple[Any, ...]) -> Function:
        ops = _selection.active().ops
        with trace():
            syms = [placeholder(tuple(ops["int_shape"](a)), dtype=ops["dtype"](a)) for a in args]
            out = fn(*syms)
            if not isinstance(out, Symbol):
                raise InvalidTypeError("value_and_grad: fn must return a tensor computed "
                                       f"from its arguments. Received: {type(out).__name__}.")
            grads = gradients(out, [syms[i] for i in nums] + list(variables))
        present = [g is not None for g in grads]
        outputs = [out, *(g for g in grads if g is not None)]
        return Function(syms, outputs, native=True), present  # type: ignore[return-value]

    def wrapped(*args: Any) -> tuple[Any, list[Any]]:
        ops = _selection.active().ops
        args = tuple(ops["convert_to_tensor"](a, None) for a in args)
        key = signature(args)
        entry = cache.get(key)
        if entry is None:
            entry = cache[key] = build(args)  # type: ignore[assignment]
            while len(cache) > cache_size:
                cache.popitem(last=False)
        else:
            cache.move_to_end(key)
        function, present = entry  # type: ignore[misc]
        values = function(list(args))
        value, rest = values[0], iter(values[1:])
        return value, [next(rest) if p else None for p in present]

    wrapped.cache = cache  # type: ignore[attr-defined]
    return wrapped
