"""Benchmark cases for the TensorFlow backend: each K op beside its TensorFlow peers.

    python benchmarks/dispatch.py --backend tensorflow

``cases(n)`` returns, per op, three zero-argument closures over float32 ``(n, n)``
eager ``tf.Tensor`` s:

- ``k``: the K facade call (``K.add(x, y)``);
- ``exact``: the raw TensorFlow call for the op, with the arguments the plugin passes:
  the generated op functions that ``tf.raw_ops`` wraps (``gen_math_ops.add_v2(x, y)``,
  ``mul``, ``exp``, ``mat_mul``, ``_sum(x, axes, False)``, ``_clip_by_value(x, a, b)``,
  ``gen_array_ops.reshape(x, shape)``, ``gen_math_ops.cast(x, tf.float64)``), where
  ``axes`` and ``shape`` are the cached int32 constants the plugin passes. The plugin's
  hookimpl checks its inputs (eager tensors of a dtype whose TensorFlow answer is the
  contract's; ranks for dot, sum) and then, when the thread runs eagerly, calls the C
  entry point those generated functions call, ``TFE_Py_FastPathExecute``, itself
  (``tensorplug_tensorflow._fast``); anything else goes through the generated op. So K
  pays its checks and the facade but not the generated function's Python (about
  300 ns); against the bare entry point K costs 0.4-0.8 us more per call at (8, 8)
  (1.08-1.15x; the eager check alone is 0.1-0.3 us);
- ``public``: TensorFlow's public spelling (``tf.math.add(x, y)``, ``tf.linalg.matmul``,
  ``tf.math.reduce_sum(x)``, ``tf.clip_by_value(x, a, b)``, ``tf.reshape(x, s)``,
  ``tf.cast(x, tf.float64)``), which runs TensorFlow's Python dispatch layers and
  converts tuple arguments on every call: slower than ``exact``, so ``K/public`` is
  below 1.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import tensorplug
from tensorplug import backend as K

Case = tuple[Callable[[], object], Callable[[], object], Callable[[], object]]

BACKEND = "tensorflow"
CAST_TO = "float64"


def cases(n: int) -> dict[str, Case]:
    """The eight benchmarked ops on float32 ``(n, n)`` eager tensors."""
    tensorplug.set_backend(BACKEND)
    import tensorflow as tf
    from tensorflow.python.ops import gen_array_ops, gen_math_ops
    from tensorplug_tensorflow import _consts

    rng = np.random.default_rng(0)
    x = tf.constant(rng.random((n, n), dtype=np.float32))
    y = tf.constant(rng.random((n, n), dtype=np.float32))
    flat = (n * n,)
    lo, hi = 0.25, 0.75
    axes, flat_const, to = _consts.all_axes(2), _consts.const(flat), tf.float64

    k_add, k_multiply, k_exp, k_dot = K.add, K.multiply, K.exp, K.dot
    k_sum, k_clip, k_reshape, k_cast = K.sum, K.clip, K.reshape, K.cast
    g_add, g_mul, g_exp, g_matmul = (gen_math_ops.add_v2, gen_math_ops.mul,
                                     gen_math_ops.exp, gen_math_ops.mat_mul)
    g_sum, g_clip, g_reshape, g_cast = (gen_math_ops._sum, gen_math_ops._clip_by_value,
                                        gen_array_ops.reshape, gen_math_ops.cast)
    tf_add, tf_multiply, tf_exp, tf_matmul = (tf.math.add, tf.math.multiply, tf.math.exp,
                                              tf.linalg.matmul)
    tf_sum, tf_clip, tf_reshape, tf_cast = (tf.math.reduce_sum, tf.clip_by_value,
                                            tf.reshape, tf.cast)

    return {
        "add": (lambda: k_add(x, y), lambda: g_add(x, y), lambda: tf_add(x, y)),
        "multiply": (lambda: k_multiply(x, y), lambda: g_mul(x, y),
                     lambda: tf_multiply(x, y)),
        "exp": (lambda: k_exp(x), lambda: g_exp(x), lambda: tf_exp(x)),
        "dot": (lambda: k_dot(x, y), lambda: g_matmul(x, y), lambda: tf_matmul(x, y)),
        "sum": (lambda: k_sum(x), lambda: g_sum(x, axes, False), lambda: tf_sum(x)),
        "clip": (lambda: k_clip(x, lo, hi), lambda: g_clip(x, lo, hi),
                 lambda: tf_clip(x, lo, hi)),
        "reshape": (lambda: k_reshape(x, flat), lambda: g_reshape(x, flat_const),
                    lambda: tf_reshape(x, flat)),
        "cast": (lambda: k_cast(x, CAST_TO), lambda: g_cast(x, to),
                 lambda: tf_cast(x, to)),
    }
