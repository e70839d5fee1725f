"""compile_graph: K.function graphs become ``tf.function`` callables.

The core asks only for graphs whose every node is one of this plugin's own ops (no
generic composite that might read values on the host), once per input signature, and
keeps a bounded number per K.function.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any, Callable

from ._impls import Impls


def build(tf: ModuleType, **options: Any) -> Impls:
    ns = Impls("tensorplug_tensorflow.compile")

    @ns.impl()
    def compile_graph(fn: Callable[[list[Any]], list[Any]], name: Any) -> Any:
        compiled = tf.function(fn, autograph=False, reduce_retracing=True)

        def call(tensors: list[Any]) -> list[Any]:
            return list(compiled(list(tensors)))

        call.__name__ = str(name)
        return call

    return ns
