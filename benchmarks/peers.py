"""Benchmark cases for the numpy backend: each K op beside its numpy peers.

``cases(n)`` returns, per op, three zero-argument closures over a float32 ``(n, n)``
array:

- ``k``: the K facade call (``K.add(x, y)``);
- ``exact``: the callable the numpy implementation ends in, called with the same
  arguments the facade passes it (``np.add(x, y)``; ``np.add.reduce(x, None, None,
  None, False)`` for ``K.sum(x)``; the umath ``clip`` ufunc for ``K.clip``;
  ``np.ndarray.reshape(x, shape)``; ``np.ndarray.astype(x, dtype)``);
- ``public``: numpy's public spelling of the same operation (``np.sum(x)``,
  ``np.clip(x, a, b)``, ``np.reshape(x, s)``, ``x.astype(dtype)``).

Every callable is bound to a closure variable, so the three closures differ only in
the callable they call: the difference between ``k`` and ``exact`` is exactly what the
facade adds. Other backends provide ``benchmarks/peers_<name>.py`` with the same
``cases`` function; ``dispatch.py`` selects the backend before calling it.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from tensorplug import backend as K

Case = tuple[Callable[[], object], Callable[[], object], Callable[[], object]]

BACKEND = "numpy"
CAST_TO = "float64"


def _umath_clip() -> Callable[..., object]:
    core = getattr(np, "_core", None)
    umath = getattr(core, "umath", None)
    if umath is None:  # numpy 1.x
        import numpy.core.umath as umath
    return umath.clip  # type: ignore[no-any-return]


def cases(n: int) -> dict[str, Case]:
    """The eight benchmarked ops on float32 ``(n, n)`` arrays."""
    rng = np.random.default_rng(0)
    x = rng.random((n, n), dtype=np.float32)
    y = rng.random((n, n), dtype=np.float32)
    flat = (n * n,)
    lo, hi = 0.25, 0.75

    k_add, k_multiply, k_exp, k_dot = K.add, K.multiply, K.exp, K.dot
    k_sum, k_clip, k_reshape, k_cast = K.sum, K.clip, K.reshape, K.cast
    np_add, np_multiply, np_exp, np_dot = np.add, np.multiply, np.exp, np.dot
    add_reduce, clip_ufunc = np.add.reduce, _umath_clip()
    nd_reshape, nd_astype = np.ndarray.reshape, np.ndarray.astype
    np_sum, np_clip, np_reshape = np.sum, np.clip, np.reshape

    return {
        "add": (lambda: k_add(x, y), lambda: np_add(x, y), lambda: np_add(x, y)),
        "multiply": (lambda: k_multiply(x, y), lambda: np_multiply(x, y),
                     lambda: np_multiply(x, y)),
        "exp": (lambda: k_exp(x), lambda: np_exp(x), lambda: np_exp(x)),
        "dot": (lambda: k_dot(x, y), lambda: np_dot(x, y), lambda: np_dot(x, y)),
        "sum": (lambda: k_sum(x), lambda: add_reduce(x, None, None, None, False),
                lambda: np_sum(x)),
        "clip": (lambda: k_clip(x, lo, hi), lambda: clip_ufunc(x, lo, hi),
                 lambda: np_clip(x, lo, hi)),
        "reshape": (lambda: k_reshape(x, flat), lambda: nd_reshape(x, flat),
                    lambda: np_reshape(x, flat)),
        "cast": (lambda: k_cast(x, CAST_TO), lambda: nd_astype(x, CAST_TO),
                 lambda: x.astype(CAST_TO)),
    }
