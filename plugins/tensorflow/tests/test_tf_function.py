"""Every op works unchanged inside tf.function: the same values as eager, static shapes
kept where TensorFlow knows them, unknown dimensions handled."""

from __future__ import annotations

import numpy as np
import pytest
import tensorflow as tf
from tensorplug import backend as K


def block(x: tf.Tensor, w: tf.Tensor) -> list[tf.Tensor]:
    """Many K ops chained: mixed dtypes, Python scalars, reductions, reshapes."""
    h = K.relu(K.dot(x, w) + 0.5, alpha=0.1, max_value=3.0)
    s = K.softmax(K.clip(h, 0.1, 2.0) * 2, axis=-1)
    m = K.mean(K.square(K.sqrt(K.abs(h))), axis=1, keepdims=True)
    total = K.sum(K.cast(K.greater(s, 0.25), "int32"))
    flat = K.batch_flatten(K.expand_dims(s, 1))
    picked = K.gather(K.transpose(flat), K.argmax(s, axis=0))
    mixed = K.where(K.less(s, 0.5), s, K.exp(K.cast(total, "int32")))
    return [h, s, m, total, flat, picked, mixed, K.logsumexp(h, axis=None),
            K.concatenate([x, K.ones_like(x)], axis=-1), K.cumsum(K.round(h), axis=1),
            K.pow(K.maximum(h, 1e-3), 2), K.one_hot(K.argmin(h, axis=1), 5)]


def shapes_block(x: tf.Tensor, w: tf.Tensor) -> list[tf.Tensor]:
    """Shape, join, index and reduction ops, with numpy and Python operands mixed in."""
    s = K.stack([x, K.ones_like(x)], axis=1)
    t = K.tile(K.reshape(x, (-1, 3, 1)), (1, 1, 2))
    return [s, t, K.squeeze(K.expand_dims(x, 0), 0), K.flatten(x),
            K.permute_dimensions(s, (2, 0, 1)), K.repeat_elements(x, 2, axis=1),
            K.gather(w, np.array([2, 0, -1])), K.cumprod(K.sign(x), axis=0),
            K.prod(K.cast(x > 0, "int64"), axis=1), K.min(x, axis=0), K.std(x),
            K.all(K.not_equal(x, 0.0)), K.equal(K.round(x), np.float64(1.0)),
            K.sigmoid(x), K.tanh(x), K.softplus(x), K.log(K.square(x) + 1),
            K.sin(x) - K.cos(x), K.negative(K.divide(x, 2)), K.minimum(x, 0.5),
            K.less_equal(x, w[0, :3]), K.greater_equal(x, 0), K.shape(x),
            K.conv1d(K.expand_dims(x, -1), K.ones((2, 1, 2)), padding="causal"),
            K.pool2d(K.reshape(x, (1, -1, 3, 1)), (2, 2), padding="same")]


def inputs() -> tuple[tf.Tensor, tf.Tensor]:
    rng = np.random.default_rng(0)
    return (tf.constant(rng.normal(size=(4, 3)), tf.float32),
            tf.constant(rng.normal(size=(3, 5)), tf.float32))


def test_chain_of_ops_traces_and_matches_eager() -> None:
    x, w = inputs()
    eager = block(x, w)
    traced = tf.function(block)(x, w)
    assert len(traced) == len(eager)
    for e, t in zip(eager, traced):
        assert e.dtype == t.dtype and e.shape == t.shape
        np.testing.assert_allclose(t.numpy(), e.numpy(), rtol=1e-5, atol=1e-6)


def test_shape_ops_trace_and_match_eager() -> None:
    x, w = inputs()
    for e, t in zip(shapes_block(x, w), tf.function(shapes_block)(x, w)):
        assert e.dtype == t.dtype and e.shape == t.shape
        np.testing.assert_allclose(t.numpy(), e.numpy(), rtol=1e-5, atol=1e-6)


def test_unknown_batch_dimension() -> None:
    x, w = inputs()
    fn = tf.function(block, input_signature=[tf.TensorSpec((None, 3), tf.float32),
                                             tf.TensorSpec((3, 5), tf.float32)])
    concrete = fn.get_concrete_function()
    assert concrete.structured_outputs[0].shape.as_list() == [None, 5]
    for e, t in zip(block(x, w), fn(x, w)):
        np.testing.assert_allclose(t.numpy(), e.numpy(), rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("axis", [None, 0, -1, (0, 2)])
def test_reductions_keep_static_shapes(axis: object) -> None:
    def reduce(x: tf.Tensor) -> list[tf.Tensor]:
        return [K.sum(x, axis), K.max(x, axis), K.var(x, axis), K.any(x, axis),
                K.prod(K.cast(x, "int32"), axis)]

    x = tf.ones((2, 3, 4))
    static = tf.function(reduce).get_concrete_function(tf.TensorSpec((2, 3, 4)))
    for out, e in zip(static.structured_outputs, reduce(x)):
        assert out.shape == e.shape and out.dtype == e.dtype


def test_variables_update_inside_tf_function() -> None:
    v = K.variable(np.zeros(3), dtype="float32")

    @tf.function
    def step(g: tf.Tensor) -> tf.Tensor:
        K.set_value(v, K.subtract(v, K.multiply(g, 0.5)))
        return K.sum(v)

    step(tf.ones(3))
    total = step(tf.ones(3))
    np.testing.assert_allclose(K.get_value(v), [-1.0, -1.0, -1.0])
    assert float(total) == -3.0


def test_batch_dot_and_dot_nd_trace() -> None:
    def products(a: tf.Tensor, b: tf.Tensor) -> list[tf.Tensor]:
        return [K.batch_dot(a, b, axes=(2, 1)), K.dot(a, K.transpose(a[0]))]

    a, b = tf.ones((2, 3, 4)), tf.ones((2, 4, 5))
    fn = tf.function(products, input_signature=[tf.TensorSpec((None, 3, 4)),
                                                tf.TensorSpec((None, 4, 5))])
    bd, dd = fn(a, b)
    assert bd.shape == (2, 3, 5) and dd.shape == (2, 3, 3)
    np.testing.assert_allclose(bd.numpy(), np.full((2, 3, 5), 4.0))
