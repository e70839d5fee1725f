"""Layers, initializers, regularizers and constraints on the active backend."""

from __future__ import annotations

import json

import numpy as np
import pytest
import tensorplug
from tensorplug import backend as K
from tensorplug import constraints, initializers, layers, models, optimizers, regularizers
from tensorplug.utils import set_random_seed


def test_conv1d_equals_conv2d_on_single_channel_images() -> None:
    """Conv1D over (steps, channels) == Conv2D over a (steps, channels, 1) image whose
    kernel spans the whole width: the classic equivalence."""
    rng = np.random.default_rng(0)
    x = rng.normal(size=(4, 10, 3)).astype("float32")  # (batch, steps, channels)
    kernel = rng.normal(size=(5, 3, 2)).astype("float32")  # (width, channels, filters)
    bias = rng.normal(size=(2,)).astype("float32")
    c1 = layers.Conv1D(2, 5)
    c1(x)
    c1.set_weights([kernel, bias])
    c2 = layers.Conv2D(2, (5, 3), data_format="channels_last")
    image = x[..., None]  # (batch, steps, channels, 1): one input channel
    c2(image)
    c2.set_weights([kernel[:, :, None, :], bias])
    got1 = K.to_numpy(c1(x))  # (4, 6, 2)
    got2 = K.to_numpy(c2(image))  # (4, 6, 1, 2)
    np.testing.assert_allclose(got1, got2[:, :, 0, :], rtol=1e-5, atol=1e-5)
    want = np.stack([np.einsum("bkc,kcf->bf", x[:, t:t + 5], kernel) for t in range(6)],
                    axis=1) + bias
    np.testing.assert_allclose(got1, want, rtol=1e-4, atol=1e-5)


def test_regularizer_penalties_join_the_loss_as_computed_by_hand() -> None:
    set_random_seed(3)
    inp = layers.Input(shape=(4,))
    d1 = layers.Dense(5, kernel_regularizer=regularizers.l1_l2(l1=0.01, l2=0.02),
                      bias_regularizer=regularizers.l2(0.5), bias_initializer="ones")
    d2 = layers.Dense(1, kernel_regularizer=lambda w: K.sum(K.abs(w)) * 0.3)
    out = d2(d1(inp))
    model = models.Model(inp, out)
    model.compile(optimizers.SGD(learning_rate=0.0), "mse")
    x = np.random.default_rng(1).normal(size=(8, 4)).astype("float32")
    y = np.ones((8, 1), "float32")
    k1, b1, k2, b2 = model.get_weights()
    pred = (x @ k1 + b1) @ k2 + b2
    mse = np.mean((pred - y) ** 2)
    penalty = (0.01 * np.abs(k1).sum() + 0.02 * np.square(k1).sum() + 0.5 * np.square(b1).sum()
               + 0.3 * np.abs(k2).sum())
    assert model.evaluate(x, y, verbose=0) == pytest.approx(mse + penalty, rel=1e-5)
    assert model.train_on_batch(x, y) == pytest.approx(mse + penalty, rel=1e-5)
    assert len(model.losses) == 3


def test_l2_penalty_gradient_reaches_the_kernel() -> None:
    set_random_seed(0)
    model = models.Sequential([layers.Dense(3, use_bias=False, input_shape=(2,),
                                            kernel_regularizer=regularizers.l2(1.0))])
    model.compile(optimizers.SGD(learning_rate=0.1), "mse")
    (k,) = model.get_weights()
    x = np.zeros((4, 2), "float32")
    model.train_on_batch(x, np.zeros((4, 3), "float32"))  # data gradient is 0: only the penalty
    np.testing.assert_allclose(model.get_weights()[0], k - 0.1 * 2 * k, rtol=1e-6)


def test_one_seed_gives_identical_weights_and_another_seed_differs() -> None:
    def build() -> list[np.ndarray]:
        return models.Sequential([
            layers.Conv2D(2, 3, input_shape=(5, 5, 1)), layers.Flatten(),
            layers.Dense(4, kernel_initializer="he_normal"),
            layers.Reshape((4, 1)), layers.LSTM(3)]).get_weights()

    set_random_seed(42)
    a = build()
    set_random_seed(42)
    b = build()
    set_random_seed(43)
    c = build()
    for u, v in zip(a, b):
        np.testing.assert_array_equal(u, v)
    assert not np.array_equal(a[0], c[0])


@pytest.mark.parametrize("name, check", [
    ("zeros", lambda w: np.all(w == 0)),
    ("ones", lambda w: np.all(w == 1)),
    ("glorot_uniform", lambda w: np.abs(w).max() <= np.sqrt(6 / (40 + 30))),
    ("he_uniform", lambda w: np.abs(w).max() <= np.sqrt(6 / 40)),
    ("lecun_uniform", lambda w: np.abs(w).max() <= np.sqrt(3 / 40)),
    ("truncated_normal", lambda w: np.abs(w).max() <= 2 * 0.05),
    ("glorot_normal", lambda w: abs(w.std() - np.sqrt(2 / 70)) < 0.02),
    ("he_normal", lambda w: abs(w.std() - np.sqrt(2 / 40)) < 0.03),
    ("orthogonal", lambda w: np.allclose(w.T @ w, np.eye(30), atol=1e-5)),
    ("random_uniform", lambda w: np.abs(w).max() <= 0.05),
    ("random_normal", lambda w: abs(w.std() - 0.05) < 0.01),
])
def test_initializers_by_name(name: str, check: object) -> None:
    w = initializers.get(name).sample((40, 30), "float32")
    assert w.dtype == np.float32 and w.shape == (40, 30)
    assert check(w)  # type: ignore[operator]


def test_initializer_objects_and_seeds() -> None:
    init = initializers.RandomNormal(stddev=2.0, seed=5)
    np.testing.assert_array_equal(init.sample((3, 3)), init.sample((3, 3)))
    np.testing.assert_array_equal(initializers.Identity(2.0).sample((2, 3)),
                                  2 * np.eye(2, 3))
    np.testing.assert_array_equal(K.to_numpy(initializers.Constant(3)((2,))), [3.0, 3.0])
    assert initializers.get(initializers.serialize(init)).get_config() == init.get_config()
    with pytest.raises(ValueError, match="Unknown initializer"):
        initializers.get("glorot_unifrom")


def test_constraints_project_weights_after_each_update() -> None:
    set_random_seed(0)
    dense = layers.Dense(3, input_shape=(4,), kernel_constraint=constraints.max_norm(0.5),
                         bias_constraint=constraints.non_neg())
    model = models.Sequential([dense])
    model.compile(optimizers.SGD(learning_rate=1.0), "mse")
    x = np.random.default_rng(0).normal(size=(16, 4)).astype("float32") * 10
    model.train_on_batch(x, np.full((16, 3), -100.0, "float32"))
    kernel, bias = model.get_weights()
    assert np.all(np.linalg.norm(kernel, axis=0) <= 0.5 + 1e-5)
    assert np.all(bias >= 0)
    w = np.array([[3.0, 0.0], [4.0, 1.0]], "float32")
    np.testing.assert_allclose(np.linalg.norm(K.to_numpy(constraints.UnitNorm()(w)), axis=0),
                               1.0, rtol=1e-5)


def test_dropout_only_in_training() -> None:
    drop = layers.Dropout(0.5)
    x = np.ones((200, 10), "float32")
    np.testing.assert_array_equal(K.to_numpy(drop(x)), x)  # eager call: test phase
    train = K.to_numpy(drop(x, training=True))
    assert set(np.unique(train).tolist()) == {0.0, 2.0}
    model = models.Sequential([layers.Dropout(0.5, input_shape=(10,))])
    np.testing.assert_array_equal(model.predict(x), x)


def test_batch_normalization_train_and_inference() -> None:
    set_random_seed(0)
    model = models.Sequential([layers.BatchNormalization(momentum=0.5, input_shape=(3,))])
    model.compile(optimizers.SGD(learning_rate=0.0), "mse")
    x = np.random.default_rng(0).normal(3.0, 2.0, size=(64, 3)).astype("float32")
    model.train_on_batch(x, np.zeros_like(x))
    gamma, beta, mean, var = model.get_weights()
    np.testing.assert_allclose(mean, 0.5 * x.mean(0), rtol=1e-4)
    n = len(x)
    np.testing.assert_allclose(var, 0.5 + 0.5 * x.var(0) * n / (n - 1 - 1e-3), rtol=1e-4)
    expected = (x - mean) / np.sqrt(var + 1e-3)
    np.testing.assert_allclose(model.predict(x), expected, rtol=1e-4, atol=1e-5)


def test_embedding_gathers_rows() -> None:
    emb = layers.Embedding(5, 2)
    idx = np.array([[0, 4], [2, 2]])
    out = K.to_numpy(emb(idx))
    table = emb.get_weights()[0]
    np.testing.assert_array_equal(out, table[idx])


@pytest.mark.parametrize("layer", [layers.LSTM, layers.GRU, layers.SimpleRNN])
def test_recurrent_layers_train_and_return_sequences(layer: type) -> None:
    set_random_seed(0)
    rng = np.random.default_rng(0)
    x = rng.normal(size=(16, 5, 3)).astype("float32")
    y = x.sum(axis=(1, 2))[:, None].astype("float32") / 5
    model = models.Sequential([layer(8, return_sequences=True, input_shape=(5, 3)),
                               layer(4), layers.Dense(1)])
    model.compile("adam", "mse")
    assert model.predict(x).shape == (16, 1)
    first = model.evaluate(x, y, verbose=0)
    model.fit(x, y, epochs=15, verbose=0)
    assert model.evaluate(x, y, verbose=0) < first


def test_lstm_matches_a_numpy_reference() -> None:
    rng = np.random.default_rng(1)
    x = rng.normal(size=(2, 4, 3)).astype("float32")
    lstm = layers.LSTM(2)
    lstm(x)
    k, rk, b = (rng.normal(size=w.shape).astype("float32") * 0.5 for w in lstm.get_weights())
    lstm.set_weights([k, rk, b])
    h = c = np.zeros((2, 2), "float32")
    sig = lambda v: 1 / (1 + np.exp(-v))  # noqa: E731
    for t in range(4):
        z = x[:, t] @ k + h @ rk + b
        i, f, g, o = sig(z[:, :2]), sig(z[:, 2:4]), np.tanh(z[:, 4:6]), sig(z[:, 6:])
        c = f * c + i * g
        h = o * np.tanh(c)
    np.testing.assert_allclose(K.to_numpy(lstm(x)), h, rtol=1e-5, atol=1e-6)


def test_merge_reshape_lambda_and_pooling_shapes() -> None:
    a = layers.Input(shape=(4, 4, 2))
    b = layers.Input(shape=(4, 4, 2))
    added = layers.add([a, b])
    cat = layers.Concatenate()([a, added])
    pooled = layers.AveragePooling2D()(cat)
    g = layers.GlobalAveragePooling2D()(cat)
    lam = layers.Lambda(lambda t: t * 2.0)(g)
    r = layers.Reshape((-1, 2))(pooled)
    model = models.Model([a, b], [lam, r])
    xa = np.ones((3, 4, 4, 2), "float32")
    out_lam, out_r = model.predict([xa, 2 * xa])
    assert out_lam.shape == (3, 4) and out_r.shape == (3, 8, 2)
    np.testing.assert_allclose(out_lam, np.array([[2, 2, 6, 6]] * 3))
    seq = layers.Input(shape=(6, 3))
    assert K.int_shape(layers.MaxPooling1D(2)(seq)) == (None, 3, 3)
    assert K.int_shape(layers.GlobalAveragePooling1D()(seq)) == (None, 3)


def test_layer_configs_round_trip_through_json() -> None:
    set_random_seed(0)
    model = models.Sequential([
        layers.Conv2D(3, 2, strides=1, padding="same", activation="relu", input_shape=(5, 5, 1),
                      kernel_regularizer=regularizers.l2(0.01),
                      kernel_constraint=constraints.MaxNorm(2.0)),
        layers.MaxPooling2D(), layers.BatchNormalization(), layers.Flatten(),
        layers.Dropout(0.2), layers.Dense(2, activation="softmax")])
    clone = models.model_from_json(model.to_json())
    assert [type(la) for la in clone.layers] == [type(la) for la in model.layers]
    assert json.loads(clone.to_json()) == json.loads(model.to_json())
    clone.set_weights(model.get_weights())
    x = np.random.default_rng(0).normal(size=(2, 5, 5, 1)).astype("float32")
    np.testing.assert_allclose(clone.predict(x), model.predict(x), rtol=1e-6)


def test_set_weights_checks_count_and_shapes() -> None:
    dense = layers.Dense(2)
    dense(np.ones((1, 3), "float32"))
    with pytest.raises(tensorplug.InvalidArgumentError, match="expects 2 weight"):
        dense.set_weights([np.zeros((3, 2))])
    with pytest.raises(ValueError, match="shape"):
        dense.set_weights([np.zeros((4, 2)), np.zeros(2)])


def test_trainable_false_freezes_a_layer() -> None:
    set_random_seed(0)
    first = layers.Dense(3, input_shape=(2,))
    model = models.Sequential([first, layers.Dense(1)])
    first.trainable = False
    model.compile(optimizers.SGD(learning_rate=0.5), "mse")
    before = first.get_weights()
    model.train_on_batch(np.ones((4, 2), "float32"), np.zeros((4, 1), "float32"))
    for a, b in zip(before, first.get_weights()):
        np.testing.assert_array_equal(a, b)
    assert len(model.trainable_weights) == 2 and len(model.non_trainable_weights) == 2


def test_unknown_layer_argument_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown keyword"):
        layers.Dense(3, kernel_initialiser="zeros")


def test_variational_sampling_lambda_trains_and_draws_each_batch() -> None:
    """Keras's VAE sampling layer, written as in Keras 2: z = mean + exp(log_var / 2) *
    K.random_normal(shape=(K.shape(mean)[0], dim)). The draw is a graph node: fit
    trains through it, and each call of the model sees new noise."""
    set_random_seed(5)
    dim = 2

    def sampling(args: list) -> object:
        mean, log_var = args
        eps = K.random_normal(shape=(K.shape(mean)[0], dim))
        return mean + K.exp(0.5 * log_var) * eps

    inp = layers.Input(shape=(4,))
    mean = layers.Dense(dim)(inp)
    log_var = layers.Dense(dim)(inp)
    z = layers.Lambda(sampling)([mean, log_var])
    model = models.Model(inp, layers.Dense(1)(z))
    model.compile(optimizers.Adam(0.01), "mse")
    rng = np.random.default_rng(0)
    x, y = rng.normal(size=(64, 4)), rng.normal(size=(64, 1))
    history = model.fit(x, y, epochs=3, batch_size=16, verbose=0)
    assert all(np.isfinite(history.history["loss"]))
    first, second = model.predict(x[:8]), model.predict(x[:8])
    assert first.shape == (8, 1) and not np.array_equal(first, second)
