"""Generic composites: loops and switch on concrete tensors (Python loops over axis 0
of a time-major view). Symbolic inputs never reach here: the facade sends them to
``tensorplug.graph._loops``, which traces the step function once."""

from __future__ import annotations

from typing import Any, Callable

from ..hookspecs import hookimpl


class ControlComposites:
    ops: Any

    def _row(self, x: Any, t: int) -> Any:
        return self.ops.gather(x, t)

    def _length(self, x: Any) -> int:
        return int(self.ops.int_shape(x)[0])

    @hookimpl(trylast=True)
    def switch(self, condition: Any, then_expression: Any, else_expression: Any) -> Any:
        o = self.ops
        rank = len(o.int_shape(condition)) if o.is_tensor(condition) else 0
        if rank == 0:
            chosen = then_expression if bool(o.to_numpy(condition)) else else_expression
            return chosen() if callable(chosen) else chosen
        then_v = then_expression() if callable(then_expression) else then_expression
        else_v = else_expression() if callable(else_expression) else else_expression
        cond = o.cast(condition, "bool")
        target = max(len(o.int_shape(v)) for v in (then_v, else_v) if o.is_tensor(v))
        for _ in range(target - rank):
            cond = o.expand_dims(cond, -1)
        return o.where(cond, then_v, else_v)

    @hookimpl(trylast=True)
    def map_fn(self, fn: Callable[..., Any], elems: Any, name: Any, dtype: Any) -> Any:
        o = self.ops
        outs = [fn(self._row(elems, t)) for t in range(self._length(elems))]
        out = o.stack(outs, 0)
        return out if dtype is None or o.dtype(out) == dtype else o.cast(out, dtype)

    @hookimpl(trylast=True)
    def foldl(self, fn: Callable[..., Any], elems: Any, initializer: Any, name: Any) -> Any:
        steps = list(range(self._length(elems)))
        return self._fold(fn, elems, initializer, steps)

    @hookimpl(trylast=True)
    def foldr(self, fn: Callable[..., Any], elems: Any, initializer: Any, name: Any) -> Any:
        steps = list(reversed(range(self._length(elems))))
        return self._fold(fn, elems, initializer, steps)

    def _fold(self, fn: Callable[..., Any], elems: Any, acc: Any, steps: list[int]) -> Any:
        if acc is None:
            acc, steps = self._row(elems, steps[0]), steps[1:]
        for t in steps:
            acc = fn(acc, self._row(elems, t))
        return acc

    @hookimpl(trylast=True)
    def rnn(self, step_function: Callable[..., Any], inputs: Any, initial_states: Any,
            go_backwards: Any, mask: Any, constants: Any, unroll: Any,
            input_length: Any) -> Any:
        o = self.ops
        rank = len(o.int_shape(inputs))
        time_major = o.permute_dimensions(inputs, (1, 0, *range(2, rank)))
        steps = range(self._length(time_major))
        order = list(reversed(steps)) if go_backwards else list(steps)
        mask_tm = None if mask is None else o.permute_dimensions(o.cast(mask, "bool"), (1, 0))
        states, outputs, prev = list(initial_states), [], None
        for t in order:
            out, new_states = step_function(self._row(time_major, t),
                                            states + list(constants or []))
            new_states = list(new_states)
            if mask_tm is not None:
                m = self._row(mask_tm, t)
                prev = o.zeros_like(out, o.dtype(out), None) if prev is None else prev
                out = o.where(self._expand_to(m, out), out, prev)
                new_states = [o.where(self._expand_to(m, n), n, s)
                              for n, s in zip(new_states, states)]
            outputs.append(out)
            prev, states = out, new_states
        stacked = o.stack(outputs, 1)
        return outputs[-1], stacked, states

    def _expand_to(self, m: Any, like: Any) -> Any:
        for _ in range(len(self.ops.int_shape(like)) - 1):
            m = self.ops.expand_dims(m, -1)
        return m
