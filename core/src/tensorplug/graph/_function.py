"""``K.function``: a callable that evaluates a graph on one backend."""

from __future__ import annotations

import warnings
from collections import OrderedDict
from typing import Any, Sequence

from .. import _selection
from .._errors import InvalidArgumentError, InvalidTypeError, TensorplugError
from ._eval import Plan, topo_order
from ._symbol import Symbol

#: At most this many compiled callables (one per input signature) per K.function.
COMPILE_CACHE_SIZE = 8


class Function:
    """Evaluates ``outputs`` from fed ``inputs``, then applies ``updates``.

    Bound to the backend active at creation. Inputs may be numpy arrays or that
    backend's tensors; outputs come back as numpy arrays (``native=True`` keeps the
    backend's tensors).
    """

    def __init__(self, inputs: Sequence[Any], outputs: Any, updates: Any = None,
                 native: bool = False, name: str | None = None) -> None:
        if not isinstance(inputs, (list, tuple)):
            raise InvalidTypeError("K.function: inputs should be a list or tuple of "
                                   f"placeholders. Received: {type(inputs).__name__}.")
        for x in inputs:
            if not isinstance(x, Symbol):
                raise InvalidTypeError(f"K.function: every input must be a placeholder "
                                       f"(symbol). Received: {x!r}.")
        self.inputs = list(inputs)
        self.single = not isinstance(outputs, (list, tuple))
        self.outputs = [outputs] if self.single else list(outputs)
        self.updates = [_update_pair(u) for u in (updates or [])]
        self.native = native
        self.name = name
        self.backend = _selection.active()
        roots = [o for o in self.outputs if isinstance(o, Symbol)]
        roots += [v for _, v in self.updates if isinstance(v, Symbol)]
        self.order = topo_order(roots)
        self._plan = Plan(self.backend, self.order)
        hook = self.backend.pm.hook.compile_graph
        self._compiler = hook if hook.get_hookimpls() and self._compilable() else None
        self._cache: OrderedDict[Any, Any] = OrderedDict()

    def __call__(self, inputs: Sequence[Any] = ()) -> Any:
        if isinstance(inputs, dict):
            inputs = [inputs[x] for x in self.inputs]
        if len(inputs) != len(self.inputs):
            raise InvalidArgumentError(f"K.function expected {len(self.inputs)} input "
                                       f"value(s), received {len(inputs)}.")
        ops = self.backend.ops
        tensors = [_feed(ops, sym, value) for sym, value in zip(self.inputs, inputs)]
        values = self._call_compiled(tensors) if self._compiler else self._run(tensors)
        if not self.native:
            values = [ops["to_numpy"](v) for v in values]
        return values[0] if self.single else values

    def _compilable(self) -> bool:
        """Compile unless a node runs a generic composite that reads values on the host
        (random draws, decoding: a tracing compiler would freeze them at trace time) or
        is a loop (its length is read at run time)."""
        from ..generic import HOST_SIDE
        from ._eval import HOST_INTERNAL

        kinds = self.backend.impl_kind
        for node in self.order:
            if node.attrs.get("loop") is not None or node.op in HOST_INTERNAL:
                return False
            if node.op in HOST_SIDE and kinds.get(node.op) != "backend":
                return False
        return True

    def _run(self, tensors: list[Any]) -> list[Any]:
        """Evaluate outputs, then apply updates; native tensors in and out."""
        env = {sym.id: t for sym, t in zip(self.inputs, tensors)}
        self._plan.run(env)
        values = [env[o.id] if isinstance(o, Symbol) else o for o in self.outputs]
        for variable, new in self.updates:
            self.backend.ops["set_value"](variable, env[new.id] if isinstance(new, Symbol)
                                          else new)
        return values

    def _call_compiled(self, tensors: list[Any]) -> list[Any]:
        compiled, fresh = self._compiled_for(tensors)
        if not fresh:
            return compiled(tensors)  # type: ignore[no-any-return]
        try:  # a new trace: a graph the compiler cannot take runs op by op instead
            return compiled(tensors)  # type: ignore[no-any-return]
        except TensorplugError:
            raise  # the user's error (a missing feed, ...): op by op would raise it too
        except Exception as exc:
            warnings.warn(f"K.function: compiling the graph failed ({type(exc).__name__}: "
                          f"{exc}); evaluating it op by op instead.", RuntimeWarning,
                          stacklevel=3)
            self._compiler = None
            self._cache.clear()
            return self._run(tensors)

    def _compiled_for(self, tensors: list[Any]) -> tuple[Any, bool]:
        """The compiled callable for these inputs' signature, and whether it is new."""
        ops = self.backend.ops
        key = tuple((tuple(ops["int_shape"](t)), ops["dtype"](t)) for t in tensors)
        compiled = self._cache.get(key)
        if compiled is not None:
            self._cache.move_to_end(key)
            return compiled, False
        compiled = self._cache[key] = self._compiler(fn=self._run,
                                                     name=self.name or "tensorplug_fn")
        while len(self._cache) > COMPILE_CACHE_SIZE:
            self._cache.popitem(last=False)
        return compiled, True

def _feed(ops: Any, sym: Symbol, value: Any) -> Any:
    tensor = ops["convert_to_tensor"](value, sym.dtype)
    shape = tuple(ops["int_shape"](tensor))
    want = sym.shape
    if want is not None and (len(shape) != len(want) or any(
            w is not None and w != s for w, s in zip(want, shape))):
        raise InvalidArgumentError(f"K.function: value for {sym.name!r} has shape {shape}, "
                                   f"but the placeholder expects {want}.")
    return tensor


def _update_pair(update: Any) -> tuple[Any, Any]:
    if isinstance(update, (list, tuple)) and len(update) == 2:
        return _concrete(update[0]), update[1]
    if isinstance(update, Symbol) and update.op in ("update", "update_add", "update_sub",
                                                     "moving_average_update"):
        return _concrete(update.args[0]), update
    raise InvalidTypeError(f"K.function: updates must be (variable, new_value) pairs. "
                           f"Received: {update!r}.")


def _concrete(variable: Any) -> Any:
    """The variable itself when a trace turned it into a symbol."""
    if isinstance(variable, Symbol) and variable.op == "variable":
        return variable.attrs["value"]
    return variable


def function(inputs: Sequence[Any], outputs: Any, updates: Any = None,
             **kwargs: Any) -> Function:
    """Keras's ``K.function``: see :class:`Function`."""
    native = bool(kwargs.pop("native", False))
    name = kwargs.pop("name", None)
    if kwargs:
        raise InvalidArgumentError(f"Invalid argument(s) passed to K.function: "
                                   f"{sorted(kwargs)}. Allowed: updates, name, native.")
    return Function(inputs, outputs, updates, native=native, name=name)


def evaluate_constant(sym: Symbol) -> Any:
    """Value of a symbol that needs no placeholder (``K.eval`` on a symbol)."""
    return Function([], [sym])()[0]
