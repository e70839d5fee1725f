"""Benchmark cases for the MXNet backend: each K op beside its MXNet peers.

    MXNET_ENGINE_TYPE=NaiveEngine python benchmarks/dispatch.py --backend mxnet

``cases(n)`` returns, per op, three zero-argument closures over float32 ``(n, n)``
``mxnet.numpy`` arrays:

- ``k``: the K facade call (``K.add(x, y)``);
- ``exact``: the MXNet callable tensorplug-mxnet's implementation ends in, with the
  arguments it passes (``_npi.add(x, y)``, the operator ``mx.np.add`` itself ends in;
  ``mx.np.sum(x)``; ``_npi.clip(x, a, b)``; ``mx.np.reshape(x, s)``;
  ``mx.npx.cast(x, d)``). Where the plugin binds natively (reshape, cast) that callable
  is what the facade calls; elsewhere the plugin's wrapper reads the operands' dtypes
  first (the NEP 50 promotion MXNet lacks), and that check is part of what K costs;
- ``public``: MXNet's public spelling (``mx.np.add(x, y)``, ``mx.np.sum(x)``,
  ``mx.np.clip(x, a, b)``, ``x.reshape(s)``, ``x.astype(d)``).

Engine: MXNet runs operators asynchronously by default, so a timing loop would only
measure pushing work onto the engine's queue while the queue (and its memory) grows
without bound behind it, on the same two cores. ``MXNET_ENGINE_TYPE=NaiveEngine`` runs
each operator when called, as numpy does, so the three closures measure the same
complete operation. (The variable must be set before MXNet is imported.)
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from tensorplug import backend as K

Case = tuple[Callable[[], object], Callable[[], object], Callable[[], object]]

BACKEND = "mxnet"
CAST_TO = "float64"


def cases(n: int) -> dict[str, Case]:
    """The eight benchmarked ops on float32 ``(n, n)`` arrays."""
    from tensorplug_mxnet._runtime import import_mxnet

    mx = import_mxnet()  # (np.bool alias and NumPy shape semantics, as the plugin does)
    from mxnet.ndarray.numpy import _internal as npi

    rng = np.random.default_rng(0)
    x = mx.np.array(rng.random((n, n), dtype=np.float32), dtype="float32")
    y = mx.np.array(rng.random((n, n), dtype=np.float32), dtype="float32")
    flat = (n * n,)
    lo, hi = 0.25, 0.75

    k_add, k_multiply, k_exp, k_dot = K.add, K.multiply, K.exp, K.dot
    k_sum, k_clip, k_reshape, k_cast = K.sum, K.clip, K.reshape, K.cast
    npi_add, npi_multiply, npi_exp, npi_clip = npi.add, npi.multiply, npi.exp, npi.clip
    mx_add, mx_multiply, mx_exp, mx_dot = mx.np.add, mx.np.multiply, mx.np.exp, mx.np.dot
    mx_sum, mx_clip, mx_reshape, mx_cast = mx.np.sum, mx.np.clip, mx.np.reshape, mx.npx.cast

    return {
        "add": (lambda: k_add(x, y), lambda: npi_add(x, y), lambda: mx_add(x, y)),
        "multiply": (lambda: k_multiply(x, y), lambda: npi_multiply(x, y),
                     lambda: mx_multiply(x, y)),
        "exp": (lambda: k_exp(x), lambda: npi_exp(x), lambda: mx_exp(x)),
        "dot": (lambda: k_dot(x, y), lambda: mx_dot(x, y), lambda: mx_dot(x, y)),
        "sum": (lambda: k_sum(x), lambda: mx_sum(x), lambda: mx_sum(x)),
        "clip": (lambda: k_clip(x, lo, hi), lambda: npi_clip(x, lo, hi),
                 lambda: mx_clip(x, lo, hi)),
        "reshape": (lambda: k_reshape(x, flat), lambda: mx_reshape(x, flat),
                    lambda: x.reshape(flat)),
        "cast": (lambda: k_cast(x, CAST_TO), lambda: mx_cast(x, CAST_TO),
                 lambda: x.astype(CAST_TO)),
    }
