"""Activation functions on TensorFlow tensors.

TensorFlow's own kernels are stable for large ``|x|`` (sigmoid, softplus, softmax).
Integer inputs compute in float64, as numpy 2's float functions do.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from tensorflow.python.ops import gen_math_ops as gm
from tensorflow.python.ops import gen_nn_ops as gn

from ._convert import ET, as_float, promote, rank, to_tensor
from ._impls import Impls
from .arithmetic import general
from .elementwise import float_function


def relu_general(x: Any, alpha: Any, max_value: Any, threshold: Any) -> Any:
    """Keras 2.3 relu with leak, cap and threshold; dtypes by NEP 50 (numpy plugin)."""
    t = to_tensor(x)
    if t.dtype.name == "bool" and alpha == 0 and threshold == 0:
        y = t
    elif alpha == 0 and threshold == 0:
        y = gn.relu(t)
    else:
        below = general("multiply", general("subtract", t, threshold), alpha)
        (kept, below), _ = promote(t, below)
        y = gm.select_v2(general("greater_equal", t, threshold), kept, below)
    if max_value is not None:
        cap = to_tensor(max_value, y.dtype.name)
        y = gm.select_v2(general("greater_equal", t, max_value), cap, y)
    return y


def build(tf: ModuleType, **options: Any) -> Impls:
    ns = Impls("tensorplug_tensorflow.activations")
    float_function(ns, "sigmoid", gm.sigmoid)
    float_function(ns, "tanh", gm.tanh)
    float_function(ns, "softplus", gn.softplus)
    relu_op, softmax_op = gn.relu, gn.softmax

    @ns.impl()
    def relu(x: Any, alpha: Any, max_value: Any, threshold: Any) -> Any:
        if type(x) is ET and alpha == 0 and threshold == 0 and max_value is None:
            try:
                return relu_op(x)
            except (tf.errors.OpError, TypeError):
                pass
        return relu_general(x, alpha, max_value, threshold)

    @ns.impl()
    def softmax(x: Any, axis: Any) -> Any:
        t = as_float(x)
        r = rank(t)
        if axis == -1 or (r is not None and axis == r - 1):
            return softmax_op(t)
        return tf.nn.softmax(t, axis=axis)

    return ns
