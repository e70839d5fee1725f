"""Plain-NumPy references for rnn, switch, map_fn, foldl and foldr."""

from __future__ import annotations

from typing import Any, Callable

import numpy as np


def rnn(step: Callable[[np.ndarray, list[np.ndarray]], tuple[np.ndarray, list[np.ndarray]]],
        inputs: np.ndarray, states: list[np.ndarray], go_backwards: bool = False,
        mask: np.ndarray | None = None, constants: list[np.ndarray] | None = None,
        ) -> tuple[np.ndarray, np.ndarray, list[np.ndarray]]:
    steps = range(inputs.shape[1])
    order = list(reversed(steps)) if go_backwards else list(steps)
    outputs: list[np.ndarray] = []
    prev = None
    for t in order:
        out, new = step(inputs[:, t], list(states) + list(constants or []))
        if mask is not None:
            m = mask[:, t].reshape((-1,) + (1,) * (out.ndim - 1))
            prev = np.zeros_like(out) if prev is None else prev
            out = np.where(m, out, prev)
            new = [np.where(m.reshape((-1,) + (1,) * (n.ndim - 1)), n, s)
                   for n, s in zip(new, states)]
        outputs.append(out)
        prev, states = out, list(new)
    return outputs[-1], np.stack(outputs, axis=1), states


def fold(fn: Callable[[Any, Any], Any], elems: np.ndarray, init: Any, reverse: bool) -> Any:
    rows = list(elems[::-1] if reverse else elems)
    acc = rows.pop(0) if init is None else init
    for row in rows:
        acc = fn(acc, row)
    return acc
