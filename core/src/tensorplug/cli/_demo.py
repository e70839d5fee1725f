"""``tensorplug demo``: config resolution and a few classic Keras backend calls.

A stand-in until models exist: it shows which backend is active and why, then runs
``K.clip``, ``K.prod``, ``K.cast`` and ``K.batch_dot`` and prints each result.
"""

from __future__ import annotations

import argparse
from typing import Any

from .. import _selection, set_backend
from .. import backend as K
from ._common import say


def show(expr: str, value: Any, note: str = "") -> None:
    """Print one call and its result as a list with dtype and shape."""
    array = K.to_numpy(value)
    say(f">>> {expr}" + (f"    # {note}" if note else ""))
    say(f"{array.tolist()}  dtype={K.dtype(value)} shape={tuple(array.shape)}")


def run(args: argparse.Namespace) -> int:
    if args.backend:
        set_backend(args.backend)
        source = f"--backend {args.backend} (tensorplug.set_backend)"
    else:
        source = _selection.resolve()[1]
    say(f"Active backend: {K.backend()} (chosen by: {source})")
    say(f"floatx={K.floatx()}  epsilon={K.epsilon()}  "
        f"image_data_format={K.image_data_format()}")
    say()
    x = K.constant([[-2.0, -0.5], [0.5, 3.0]])
    show("x = K.constant([[-2.0, -0.5], [0.5, 3.0]])", x, "dtype is floatx()")
    show("K.clip(x, -1.0, 1.0)", K.clip(x, -1.0, 1.0))
    show("K.clip(x, 1.0, 0.0)", K.clip(x, 1.0, 0.0), "max < min: every element is min")
    show("K.prod(x)", K.prod(x), "all axes: 0-d")
    show("K.prod(x, axis=1, keepdims=True)", K.prod(x, axis=1, keepdims=True))
    show("K.cast(x, 'int32')", K.cast(x, "int32"), "truncates toward zero")
    z = K.constant([0.0, 0.5, -2.0])
    show("K.cast(K.constant([0.0, 0.5, -2.0]), 'bool')", K.cast(z, "bool"), "x != 0")
    a = K.constant([[1.0, 2.0], [3.0, 4.0]])
    b = K.constant([[5.0, 6.0], [7.0, 8.0]])
    show("K.batch_dot(a, b, axes=1)", K.batch_dot(a, b, axes=1), "per-row dot, (2, 1)")
    c = K.reshape(K.constant(list(range(12))), (2, 2, 3))
    d = K.ones((2, 3, 4))
    show("K.batch_dot(c, d)", K.batch_dot(c, d), "(2, 2, 3) . (2, 3, 4) -> (2, 2, 4)")
    return 0
