"""Reverse-mode gradients: one pass over the graph with the VJP table.

A composite without its own rule is differentiated through its generic
implementation, re-traced on the node's inputs with the K facade as its ops.
"""

from __future__ import annotations

from typing import Any, Iterable, Sequence

from .. import backend as K
from .._errors import InvalidArgumentError, InvalidTypeError
from ..hookspecs import KINDS, LIST_PARAMS, Kind
from . import _vjp_conv  # noqa: F401 - registers the convolutions' VJPs
from ._eval import topo_order
from ._symbol import Symbol
from ._trace import trace
from ._vjp import NOT_DIFFERENTIABLE, VJP, arg_slots


class _FacadeOps:
    """The K facade seen as an ops namespace, so generic code records graph nodes."""

    def __getattr__(self, name: str) -> Any:
        return getattr(K, name)

    def __getitem__(self, name: str) -> Any:
        return getattr(K, name)


def _key(value: Any) -> int:
    return value.id if isinstance(value, Symbol) else id(value)


def _accumulate(grads: dict[int, Any], key: int, g: Any) -> None:
    grads[key] = g if key not in grads else K.add(grads[key], g)


def backprop(seeds: dict[int, tuple[Symbol, Any]],
             stop: frozenset[int] = frozenset()) -> dict[int, Any]:
    """Gradients of every symbol and captured tensor reachable from the seeded outputs.

    Symbols in ``stop`` receive gradients but do not pass them on (used when a
    composite is expanded: its arguments' own ancestry belongs to the outer pass).
    """
    grads = {key: g for key, (_, g) in seeds.items()}
    per_output: dict[int, dict[int, Any]] = {}
    for node in reversed(topo_order(sym for sym, _ in seeds.values())):
        if node.id in stop:
            continue
        if node.op == "output":  # route to the multi-output node, by index
            g = grads.get(node.id)
            if g is not None:
                slot = per_output.setdefault(node.args[0].id, {})
                index = node.attrs["index"]
                slot[index] = g if index not in slot else K.add(slot[index], g)
            continue
        if node.attrs.get("n_outputs"):
            got = per_output.get(node.id)
            g = None if not got else [got.get(i) for i in range(node.attrs["n_outputs"])]
        else:
            g = grads.get(node.id)
        if g is None or node.op in NOT_DIFFERENTIABLE or not node.args:
            continue
        for target, contribution in _node_vjp(node, g):
            if contribution is not None:
                _accumulate(grads, _key(target), contribution)
    return grads


def _node_vjp(node: Symbol, g: Any) -> Iterable[tuple[Any, Any]]:
    if node.op == "scan":
        from ._loops import scan_vjp

        return scan_vjp(node, g)
    rule = VJP.get(node.op)
    if rule is not None:
        grads = rule(node, g)
        if grads is not None:  # None: this node needs its generic implementation
            return zip(arg_slots(node), grads)
    if KINDS.get(node.op) is Kind.COMPOSITE:
        return _through_generic(node, g)
    raise InvalidArgumentError(f"K.gradients: op {node.op!r} has no gradient rule.")


def _through_generic(node: Symbol, g: Any) -> Iterable[tuple[Any, Any]]:
    from ..generic import Generic

    with trace():
        expanded = getattr(Generic(_FacadeOps()), node.op)(*node.args)
    stop = frozenset(a.id for a in arg_slots(node) if isinstance(a, Symbol))
    if isinstance(expanded, Symbol):
        inner = backprop({expanded.id: (expanded, g)}, stop)
    elif isinstance(expanded, tuple):  # several outputs: one seed per output with a gradient
        inner = backprop({e.id: (e, gi) for e, gi in zip(expanded, g)
                          if isinstance(e, Symbol) and gi is not None}, stop)
    else:
        return []
    out = []
    for target in arg_slots(node):
        if target is not None and _key(target) in inner:
            out.append((target, inner[_key(target)]))
    return out


def gradients(loss: Any, variables: Sequence[Any]) -> list[Any]:
    """Keras's ``K.gradients``: symbolic gradients of ``loss`` (summed if not scalar)
    with respect to each of ``variables`` (placeholders, or variables the graph uses);
    ``None`` for a variable the loss does not depend on."""
    if not isinstance(loss, Symbol):
        raise InvalidTypeError(
            f"K.gradients needs a symbolic loss built from placeholders (or inside "
            f"K.symbolic / K.value_and_grad). Received: {type(loss).__name__}.")
    single = not isinstance(variables, (list, tuple))
    targets = [variables] if single else list(variables)
    seed = K.ones_like(loss, dtype=loss.dtype)
    grads = backprop({loss.id: (loss, seed)})
    lifted = {id(s.attrs["value"]): s.id for s in topo_order([loss]) if s.op == "variable"}
    result = []
    for v in targets:
        key = _key(v)
        if key not in grads and id(v) in lifted:
            key = lifted[id(v)]
        result.append(grads.get(key))
    return result[0] if single else result


__all__ = ["LIST_PARAMS", "backprop", "gradients"]
