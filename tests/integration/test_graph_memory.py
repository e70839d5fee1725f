"""Counting, not timing: K.function does not grow memory per call, and the compile and
trace caches stay at their documented bounds."""

from __future__ import annotations

import tracemalloc

import numpy as np
import tensorplug
from tensorplug import backend as K
from tensorplug.graph import _function


def test_function_calls_do_not_grow_memory() -> None:
    tensorplug.set_backend("numpy")
    x = K.placeholder(shape=(None, 8))
    w = K.variable(np.ones((8, 4)))
    f = K.function([x], [K.sum(K.relu(K.dot(x, w))), K.gradients(K.sum(K.dot(x, w)), [w])[0]])
    data = np.ones((4, 8), dtype="float32")
    for _ in range(200):
        f([data])
    tracemalloc.start()
    before = tracemalloc.take_snapshot()
    for _ in range(10_000):
        f([data])
    after = tracemalloc.take_snapshot()
    tracemalloc.stop()
    growth = sum(s.size_diff for s in after.compare_to(before, "filename"))
    assert growth < 1 << 20, f"K.function grew memory by {growth} bytes over 10,000 calls"


def test_compile_cache_is_bounded() -> None:
    tensorplug.set_backend("numpy")
    x = K.placeholder(ndim=1)
    f = K.function([x], [x * 2.0])
    compiled: list[int] = []

    def compile_graph(fn: object, name: object) -> object:
        compiled.append(1)
        return fn

    f._compiler = compile_graph
    for n in range(1, 3 * _function.COMPILE_CACHE_SIZE):
        out = f([np.ones(n, dtype="float32")])
        np.testing.assert_allclose(out[0], np.full(n, 2.0))
    assert len(f._cache) == _function.COMPILE_CACHE_SIZE
    assert len(compiled) == 3 * _function.COMPILE_CACHE_SIZE - 1
    f([np.ones(1, dtype="float32")])  # evicted earlier: compiled again, cache stays bounded
    assert len(f._cache) == _function.COMPILE_CACHE_SIZE


def test_value_and_grad_cache_is_bounded() -> None:
    tensorplug.set_backend("numpy")
    vg = K.value_and_grad(lambda a: K.sum(K.square(a)), cache_size=3)
    for n in range(1, 6):
        value, (g,) = vg(np.ones(n))
        np.testing.assert_allclose(K.to_numpy(g), np.full(n, 2.0))
    assert len(vg.cache) == 3
