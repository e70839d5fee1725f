"""Loops on symbols: the step function is traced once into a sub-graph that the
evaluator runs once per step, so a time length unknown when tracing (None) works.

``scan`` is the one loop: over axis 0 of time-major ``elems``, carrying states, with
constants, an optional mask and optional reverse order. rnn, map_fn, foldl and foldr
are built on it. Its gradient is a reverse loop over the step sub-graph's VJP (traced
once too), recomputing the per-step inputs with a forward pass.
"""

from __future__ import annotations

from typing import Any, Callable, Sequence

from .. import backend as K
from .._errors import InvalidArgumentError
from ._eval import Plan, call, topo_order
from ._placeholder import placeholder
from ._symbol import Symbol, TensorSpec
from ._trace import spec_of, trace

LEAVES = ("placeholder", "variable", "learning_phase")
Step = Callable[[Any, list[Any], list[Any]], tuple[Any, list[Any]]]


def _placeholder_like(spec: TensorSpec) -> Symbol:
    return placeholder(spec.shape, dtype=spec.dtype)


def _expand_to(m: Any, rank: int) -> Any:
    for _ in range(rank - 1):
        m = K.expand_dims(m, -1)
    return m


class Scan:
    """A traced step sub-graph and how to loop it."""

    def __init__(self, step: Step, elems: Any, states: Sequence[Any], constants: Sequence[Any],
                 mask: Any, reverse: bool) -> None:
        espec = spec_of(elems)
        self.reverse = reverse
        with trace():
            self.x = placeholder(espec.shape[1:], dtype=espec.dtype)
            self.states = [_placeholder_like(spec_of(s)) for s in states]
            self.consts = [_placeholder_like(spec_of(c)) for c in constants]
            out, new_states = step(self.x, list(self.states), list(self.consts))
            new_states = list(new_states)
            if len(new_states) != len(self.states):
                raise InvalidArgumentError(
                    f"The step function returned {len(new_states)} state(s) for "
                    f"{len(self.states)} initial state(s).")
            self.mask = self.prev = None
            if mask is not None:
                self.mask = placeholder(spec_of(mask).shape[1:], dtype="bool")
                self.prev = _placeholder_like(out.spec)
                rank = len(out.spec.shape)
                out = K.where(_expand_to(self.mask, rank), out, self.prev)
                new_states = [K.where(_expand_to(self.mask, len(n.spec.shape)), n, s)
                              for n, s in zip(new_states, self.states)]
        self.out, self.new_states = out, new_states
        self.inputs = [self.x, *self.states, *self.consts]
        self.inputs += [self.mask, self.prev] if self.mask is not None else []
        inner = {s.id for s in self.inputs}
        self.order = topo_order([out, *new_states])
        self.captured = [s for s in self.order if s.op in LEAVES and s.id not in inner]
        self.elem_spec = espec
        self._backward: tuple[list[Symbol], list[Any], list[Symbol]] | None = None
        self._plans: dict[str, Plan] = {}

    def plan(self, backend: Any, order: list[Symbol], slot: str) -> Plan:
        """The step's ``forward`` or ``backward`` graph prepared for ``backend`` (kept:
        a loop evaluates it once per step)."""
        plan = self._plans.get(slot)
        if plan is None or plan.backend is not backend:
            plan = self._plans[slot] = Plan(backend, order)
        return plan

    # -- forward ------------------------------------------------------------------------
    def steps(self, backend: Any, elems: Any) -> list[int]:
        n = int(backend.ops["int_shape"](elems)[0])
        return list(reversed(range(n))) if self.reverse else list(range(n))

    def forward(self, backend: Any, elems: Any, states: list[Any], consts: list[Any],
                captured: list[Any], mask: Any, save: bool = False) -> tuple[Any, ...]:
        outs, saved, prev = [], [], None
        step = self.plan(backend, self.order, "forward")
        for t in self.steps(backend, elems):
            env = self._env(backend, elems, t, states, consts, captured, mask, prev)
            if save:
                saved.append((t, list(states), prev))
            step.run(env)
            prev = env[self.out.id]
            states = [env[s.id] for s in self.new_states]
            outs.append(prev)
        if not outs:
            raise InvalidArgumentError("K loops need at least one step (time length 0).")
        stacked = call(backend, "stack", (outs, 0))
        return (stacked, outs[-1], *states, saved) if save else (stacked, outs[-1], *states)

    def _env(self, backend: Any, elems: Any, t: int, states: list[Any], consts: list[Any],
             captured: list[Any], mask: Any, prev: Any) -> dict[int, Any]:
        env = {self.x.id: call(backend, "gather", (elems, t))}
        env.update({p.id: v for p, v in zip(self.states, states)})
        env.update({p.id: v for p, v in zip(self.consts, consts)})
        env.update({p.id: v for p, v in zip(self.captured, captured)})
        if self.mask is not None:
            env[self.mask.id] = call(backend, "gather", (mask, t))
            env[self.prev.id] = prev if prev is not None else _zeros(backend, self.out.spec,
                                                                        env[self.x.id])
        return env

    def evaluate(self, backend: Any, args: tuple[Any, ...]) -> tuple[Any, ...]:
        elems, states, consts, captured, mask = args
        return self.forward(backend, elems, list(states), list(consts), list(captured), mask)

    # -- backward -----------------------------------------------------------------------
    def backward_graph(self) -> tuple[list[Symbol], list[Any], list[Symbol]]:
        """Placeholders for upstream gradients, the step's input gradients, their order."""
        if self._backward is None:
            from ._grad import backprop

            with trace():
                g_out = _placeholder_like(self.out.spec)
                g_states = [_placeholder_like(s.spec) for s in self.new_states]
                seeds: dict[int, tuple[Symbol, Any]] = {}
                for sym, g in zip([self.out, *self.new_states], [g_out, *g_states]):
                    old = seeds.get(sym.id)
                    seeds[sym.id] = (sym, g if old is None else K.add(old[1], g))
                grads = backprop(seeds)
            targets = [*self.inputs, *self.captured]
            wanted = [grads.get(t.id) for t in targets]
            order = topo_order([g for g in wanted if isinstance(g, Symbol)])
            self._backward = ([g_out, *g_states], wanted, order)
        return self._backward


def _zeros(backend: Any, spec: TensorSpec, like_batch: Any) -> Any:
    shape = tuple(spec.shape)
    if None in shape:  # the batch size is only known now
        batch = backend.ops["int_shape"](like_batch)[0]
        shape = tuple(batch if d is None else d for d in shape)
    return backend.ops["zeros"](shape, spec.dtype, None)


class ScanGrad:
    """Reverse loop computing the gradients of a scan node's inputs."""

    def __init__(self, scan: Scan) -> None:
        self.scan = scan

    def evaluate(self, backend: Any, args: tuple[Any, ...]) -> tuple[Any, ...]:
        elems, states, consts, captured, mask, g_stacked, g_last, g_final = args
        s = self.scan
        forward = s.forward(backend, elems, list(states), list(consts), list(captured), mask,
                            save=True)
        saved = forward[-1]
        g_placeholders, wanted, order = s.backward_graph()
        step, step_grad = s.plan(backend, s.order, "forward"), s.plan(backend, order, "backward")
        zeros = backend.ops["zeros_like"]
        g_states = [g if g is not None else zeros(v, backend.ops["dtype"](v), None)
                    for g, v in zip(g_final, forward[2:-1])]
        n_in = len(s.inputs)
        g_consts = [None] * len(consts)
        g_captured = [None] * len(captured)
        g_x: dict[int, Any] = {}
        carry = None
        for k in reversed(range(len(saved))):
            t, st, prev = saved[k]
            g_out = None if g_stacked is None else call(backend, "gather", (g_stacked, k))
            for extra in (g_last if k == len(saved) - 1 else None, carry):
                if extra is not None:
                    g_out = extra if g_out is None else call(backend, "add", (g_out, extra))
            env = s._env(backend, elems, t, st, list(consts), list(captured), mask, prev)
            step.run(env)
            out_value = env[s.out.id]
            if g_out is None:
                g_out = zeros(out_value, backend.ops["dtype"](out_value), None)
            env.update({p.id: g for p, g in zip(g_placeholders, [g_out, *g_states])})
            step_grad.run(env)
            grads = [None if w is None else (env[w.id] if isinstance(w, Symbol) else w)
                     for w in wanted]
            g_x[t] = grads[0]
            g_states = [g if g is not None else zeros(v, backend.ops["dtype"](v), None)
                        for g, v in zip(grads[1:1 + len(st)], st)]
            g_consts = _accumulate(backend, g_consts, grads[1 + len(st):1 + len(st) + len(consts)])
            carry = grads[n_in - 1] if s.mask is not None else None
            g_captured = _accumulate(backend, g_captured, grads[n_in:])
        rows = [g_x[t] if g_x[t] is not None else
                zeros(call(backend, "gather", (elems, t)),
                      backend.ops["dtype"](elems), None) for t in sorted(g_x)]
        g_elems = call(backend, "stack", (rows, 0))
        return (g_elems, *g_states, *g_consts, *g_captured)


def _accumulate(backend: Any, total: list[Any], new: list[Any]) -> list[Any]:
    return [n if t is None else (t if n is None else call(backend, "add", (t, n)))
            for t, n in zip(total, new)]


def scan(step: Step, elems: Any, states: Sequence[Any] = (), constants: Sequence[Any] = (),
         mask: Any = None, reverse: bool = False) -> tuple[Any, ...]:
    """Record a loop node; returns ``(stacked_outputs, last_output, *final_states)``."""
    loop = Scan(step, elems, states, constants, mask, reverse)
    args = (elems, list(states), list(constants), list(loop.captured), mask)
    t = loop.elem_spec.shape[0]
    specs = [TensorSpec((t, *loop.out.spec.shape), loop.out.spec.dtype), loop.out.spec,
             *(s.spec for s in loop.new_states)]
    node = Symbol("scan", args, TensorSpec(None, "tuple"),
                  attrs={"loop": loop, "n_outputs": len(specs)})
    return tuple(Symbol("output", (node,), spec, attrs={"index": i})
                 for i, spec in enumerate(specs))


def scan_vjp(node: Symbol, gs: list[Any]) -> list[tuple[Any, Any]]:
    """Gradients of a scan node's tensor inputs, as a reverse-loop node."""
    loop: Scan = node.attrs["loop"]
    elems, states, consts, captured, mask = node.args
    g_stacked, g_last, *g_final = gs
    args = (elems, states, consts, captured, mask, g_stacked, g_last, g_final)
    targets = [elems, *states, *consts, *captured]
    specs = [spec_of(t) if not isinstance(t, Symbol) else t.spec for t in targets]
    grad_node = Symbol("scan_grad", args, TensorSpec(None, "tuple"),
                       attrs={"loop": ScanGrad(loop), "n_outputs": len(specs)})
    outs = [Symbol("output", (grad_node,), spec, attrs={"index": i})
            for i, spec in enumerate(specs)]
    return list(zip(targets, outs))
