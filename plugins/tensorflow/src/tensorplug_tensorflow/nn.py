"""Activations, normalisation and losses: TensorFlow's BiasAdd for ``bias_add``.

The rest (elu, softsign, hard_sigmoid, l2_normalize, in_top_k, dropout, the
cross-entropies, batch normalisation) stay generic: Keras 2 formulas written with the
ops above, the same on every backend.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from tensorflow.python.ops import gen_nn_ops as gn

from ._convert import FAST_ERRORS, FAST_TYPES, promote_list, rank
from ._impls import Impls
from .arithmetic import general


def build(tf: ModuleType, **options: Any) -> Impls:
    ns = Impls("tensorplug_tensorflow.nn")
    bias_add_op = gn.bias_add

    @ns.impl()
    def bias_add(x: Any, bias: Any, data_format: Any) -> Any:
        if (type(x) in FAST_TYPES and type(bias) in FAST_TYPES and data_format ==
                "channels_last" and bias.shape.rank == 1):
            try:
                return bias_add_op(x, bias)  # mixed dtypes raise: promoted below
            except FAST_ERRORS:
                pass
        x, bias = promote_list([x, bias])
        r, rb = rank(x), rank(bias)
        if rb == 1 and (data_format == "channels_last" or r == 2):
            return bias_add_op(x, bias)  # the last axis (NHWC)
        if r is None or rb is None:
            raise ValueError(f"K.bias_add needs tensors of known rank inside tf.function. "
                             f"Received: x={x!r}, bias={bias!r}.")
        shape = tuple(bias.shape.as_list())
        if data_format == "channels_first" and 3 <= r <= 5:
            # Keras's layout: a full bias is (spatial..., channels), reshaped (not
            # transposed) to (1, channels, spatial...).
            new = (1, shape[0], *(1,) * (r - 2)) if rb == 1 else (1, shape[-1], *shape[:-1])
        else:
            new = (1,) * (r - rb) + shape
        return general("add", x, tf.reshape(bias, new))

    return ns
