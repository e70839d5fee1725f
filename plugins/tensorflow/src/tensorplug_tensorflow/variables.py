"""Variables: TensorFlow ops for identity, size and print_tensor.

The updates (``update``, ``update_add``, ...) stay generic: they check shapes, cast and
call ``set_value``, which is ``Variable.assign`` here, so they already update in place.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from tensorflow.python.ops import gen_array_ops as ga

from ._convert import NATIVE, TF, to_tensor
from ._impls import Impls


def build(tf: ModuleType, **options: Any) -> Impls:
    ns = Impls("tensorplug_tensorflow.variables")

    @ns.impl()
    def identity(x: Any, name: Any) -> Any:
        t = to_tensor(x)
        return t.read_value() if isinstance(t, tf.Variable) else ga.identity(t)

    @ns.impl()
    def print_tensor(x: Any, message: Any) -> Any:
        if isinstance(x, NATIVE) and not tf.executing_eagerly():
            tf.print(message, x)  # inside tf.function: prints each time the graph runs
        else:
            print(message, to_tensor(x).numpy())
        return x

    @ns.impl()
    def size(x: Any, name: Any) -> Any:
        return tf.size(to_tensor(x), out_type=TF["int32"])

    return ns
