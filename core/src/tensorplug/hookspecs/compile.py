"""Compiling a traced graph into the framework's own graph form."""

from __future__ import annotations

from typing import Any

from ._markers import hookspec


@hookspec(firstresult=True)
def compile_graph(fn: Any, name: Any) -> Any:
    """Compile a graph evaluator into a faster callable.

    :param fn: a Python callable taking a list of native input tensors and returning a
        list of native output tensors; it calls only this backend's ops (and assigns
        variables for updates), so a tracing compiler (``tf.function``) can trace it.
    :param name: a name for the compiled function (for the framework's debug output).
    :returns: a callable with ``fn``'s calling convention.

    Optional; ``K.function`` calls it once per input signature (shapes and dtypes) and
    keeps at most ``tensorplug.graph.COMPILE_CACHE_SIZE`` compiled callables per
    function. Backends without it evaluate the graph op by op.

    .. versionadded:: 0.1
    """
