"""K.function compiles graphs of TensorFlow-native ops with tf.function (bounded cache);
graphs with generic composites (host-side random draws) stay eager."""

from __future__ import annotations

import numpy as np
import tensorplug
from tensorplug import backend as K
from tensorplug.graph import _function


def _mlp_step() -> tuple[object, list[np.ndarray]]:
    rng = np.random.default_rng(0)
    x = rng.standard_normal((8, 4)).astype("float32")
    w = K.variable(rng.standard_normal((4, 3)) * 0.1)
    xs = K.placeholder((None, 4))
    loss = K.mean(K.square(K.relu(K.dot(xs, w))))
    (g,) = K.gradients(loss, [w])
    return K.function([xs], [loss, g], updates=[(w, w - 0.1 * g)]), [x]


def test_compiled_matches_eager() -> None:
    tensorplug.set_backend("tensorflow")
    compiled, feeds = _mlp_step()
    eager, _ = _mlp_step()
    eager._compiler = None
    assert compiled._compiler is not None
    for _ in range(3):
        a, b = compiled(feeds), eager(feeds)
        for u, v in zip(a, b):
            np.testing.assert_allclose(u, v, rtol=1e-5, atol=1e-6)


def test_cache_is_bounded_per_function() -> None:
    tensorplug.set_backend("tensorflow")
    x = K.placeholder(ndim=1)
    f = K.function([x], [K.exp(x) * 2.0])
    for n in range(1, 2 * _function.COMPILE_CACHE_SIZE + 2):
        np.testing.assert_allclose(f([np.ones(n, "float32")])[0], np.full(n, 2 * np.e),
                                   rtol=1e-6)
    assert len(f._cache) == _function.COMPILE_CACHE_SIZE


def test_graphs_with_host_random_draws_stay_eager() -> None:
    tensorplug.set_backend("tensorflow")
    x = K.placeholder((None, 3))
    f = K.function([x], [K.dropout(x, 0.5)])
    assert f._compiler is None
    a = f([np.ones((4, 3), "float32")])[0]
    b = f([np.ones((4, 3), "float32")])[0]
    assert not np.array_equal(a, b)  # a fresh mask per call, not one frozen at trace time
