"""compile / fit / evaluate / predict / train_on_batch, data sources, weights, the
three-part train step, optimizers (against hand-written NumPy updates) and schedules."""

from __future__ import annotations

from typing import Any, Iterator

import numpy as np
import pytest
from tensorplug import backend as K
from tensorplug import callbacks, layers, losses, metrics, models, optimizers
from tensorplug.models import Sequence
from tensorplug.utils import set_random_seed, to_categorical


def xor_data(n: int = 256) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    x = rng.uniform(-1, 1, size=(n, 2)).astype("float32")
    y = ((x[:, 0] > 0) ^ (x[:, 1] > 0)).astype("int64")
    return x, y


def small_model(out: int = 2, activation: str = "softmax") -> Any:
    set_random_seed(0)
    return models.Sequential([layers.Dense(16, activation="tanh", input_shape=(2,)),
                              layers.Dense(out, activation=activation)])


def test_fit_learns_and_returns_history() -> None:
    x, y = xor_data()
    model = small_model()
    model.compile(optimizers.Adam(0.05), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    history = model.fit(x, y, epochs=30, batch_size=32, verbose=0)
    assert history.epoch == list(range(30))
    assert set(history.history) == {"loss", "accuracy"}
    assert history.history["loss"][-1] < 0.5 * history.history["loss"][0]
    loss, acc = model.evaluate(x, y, verbose=0)
    assert acc > 0.9
    assert model.predict(x).shape == (256, 2)
    assert model.metrics_names == ["loss", "accuracy"]


def test_epoch_logs_are_size_weighted_batch_means() -> None:
    x, y = xor_data(70)
    model = small_model()
    model.compile(optimizers.SGD(0.0), "sparse_categorical_crossentropy", metrics=["acc"])
    logs = model.fit(x, y, batch_size=32, epochs=1, verbose=0, shuffle=False).history
    loss, acc = model.evaluate(x, y, batch_size=70, verbose=0)
    assert logs["loss"][0] == pytest.approx(loss, rel=1e-5)
    assert logs["acc"][0] == pytest.approx(acc, rel=1e-6)


def test_validation_split_takes_the_last_samples_before_shuffling() -> None:
    x, y = xor_data(100)
    model = small_model()
    model.compile(optimizers.SGD(0.0), "sparse_categorical_crossentropy")
    seen: list[int] = []
    cb = callbacks.LambdaCallback(on_batch_end=lambda batch, logs: seen.append(logs["size"]))
    logs = model.fit(x, y, batch_size=16, epochs=1, validation_split=0.2, verbose=0,
                     callbacks=[cb]).history
    assert sum(seen) == 80
    assert logs["val_loss"][0] == pytest.approx(model.evaluate(x[80:], y[80:], verbose=0),
                                                rel=1e-5)


def test_validation_data_and_freq() -> None:
    x, y = xor_data(64)
    model = small_model()
    model.compile("sgd", "sparse_categorical_crossentropy", metrics=["accuracy"])
    h = model.fit(x, y, epochs=4, validation_data=(x[:10], y[:10]), validation_freq=2,
                  verbose=0).history
    assert len(h["val_loss"]) == 2 and len(h["loss"]) == 4


def test_sample_weight_and_class_weight_scale_the_loss() -> None:
    x, y = xor_data(32)
    model = small_model()
    model.compile(optimizers.SGD(0.0), "sparse_categorical_crossentropy")
    base = model.test_on_batch(x, y)
    assert model.test_on_batch(x, y, sample_weight=np.full(32, 2.0)) == pytest.approx(2 * base)
    probs = model.predict(x)
    per = -np.log(probs[np.arange(32), y])
    weights = np.where(y == 1, 3.0, 0.5)
    want = float(np.mean(per * weights))
    got = model.fit(x, y, batch_size=32, epochs=1, verbose=0, shuffle=False,
                    class_weight={0: 0.5, 1: 3.0}).history["loss"][0]
    assert got == pytest.approx(want, rel=1e-5)


def test_generator_and_sequence_inputs() -> None:
    x, y = xor_data(64)
    yc = to_categorical(y, 2)

    def batches() -> Iterator[tuple[np.ndarray, np.ndarray]]:
        while True:
            for i in range(0, 64, 16):
                yield x[i:i + 16], yc[i:i + 16]

    class Batches(Sequence):
        def __init__(self) -> None:
            self.epochs_ended = 0

        def __len__(self) -> int:
            return 4

        def __getitem__(self, i: int) -> tuple[np.ndarray, np.ndarray]:
            return x[i * 16:(i + 1) * 16], yc[i * 16:(i + 1) * 16]

        def on_epoch_end(self) -> None:
            self.epochs_ended += 1

    model = small_model()
    model.compile("adam", "categorical_crossentropy", metrics=["accuracy"])
    h = model.fit(batches(), steps_per_epoch=4, epochs=2, verbose=0,
                  validation_data=batches(), validation_steps=2)
    assert len(h.history["val_loss"]) == 2
    seq = Batches()
    model.fit(seq, epochs=3, verbose=0)
    assert seq.epochs_ended == 3
    assert np.isfinite(model.evaluate(Batches(), verbose=0)).all()
    assert model.predict(Batches()).shape == (64, 2)
    with pytest.raises(ValueError, match="steps_per_epoch"):
        model.fit(batches(), epochs=1, verbose=0)


def test_initial_epoch_and_train_on_batch() -> None:
    x, y = xor_data(32)
    model = small_model()
    model.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
    h = model.fit(x, y, epochs=5, initial_epoch=3, verbose=0)
    assert h.epoch == [3, 4] and model.epoch == 5
    loss, acc = model.train_on_batch(x, y)
    assert np.isfinite(loss) and 0 <= acc <= 1
    assert model.predict_on_batch(x).shape == (32, 2)


def test_multi_input_multi_output_with_loss_weights() -> None:
    set_random_seed(0)
    a, b = layers.Input(shape=(3,), name="a"), layers.Input(shape=(2,), name="b")
    h = layers.Concatenate()([layers.Dense(4)(a), b])
    reg = layers.Dense(1, name="reg")(h)
    cls = layers.Dense(3, activation="softmax", name="cls")(h)
    model = models.Model([a, b], [reg, cls])
    model.compile(optimizers.SGD(0.0), {"reg": "mse", "cls": "categorical_crossentropy"},
                  metrics={"cls": ["accuracy"]}, loss_weights={"reg": 2.0, "cls": 0.5})
    rng = np.random.default_rng(0)
    xa, xb = rng.normal(size=(8, 3)), rng.normal(size=(8, 2))
    yr, yc = rng.normal(size=(8, 1)), np.eye(3)[rng.integers(0, 3, 8)]
    assert model.metrics_names == ["loss", "reg_loss", "cls_loss", "cls_accuracy"]
    total, reg_loss, cls_loss, _ = model.evaluate({"a": xa, "b": xb}, [yr, yc], verbose=0)
    assert total == pytest.approx(2.0 * reg_loss + 0.5 * cls_loss, rel=1e-5)
    pr, pc = model.predict([xa, xb])
    assert reg_loss == pytest.approx(np.mean((pr - yr) ** 2), rel=1e-4)


def test_reduce_gradients_override_splits_the_step_with_the_same_result() -> None:
    x, y = xor_data(32)

    class Halving(models.Sequential):
        calls = 0

        def reduce_gradients(self, grads: list[Any]) -> list[Any]:
            Halving.calls += 1
            return [K.multiply(g, 0.5) for g in grads]

    set_random_seed(0)
    split = Halving([layers.Dense(4, activation="tanh", input_shape=(2,)), layers.Dense(2)])
    split.compile(optimizers.SGD(0.2), "mse")
    set_random_seed(0)
    fused = models.Sequential([layers.Dense(4, activation="tanh", input_shape=(2,)),
                               layers.Dense(2)])
    fused.compile(optimizers.SGD(0.1), "mse")  # half the rate == half the gradients
    yc = to_categorical(y, 2)
    for _ in range(3):
        a, b = split.train_on_batch(x, yc), fused.train_on_batch(x, yc)
        assert a == pytest.approx(b, rel=1e-5)
    assert Halving.calls == 3
    for u, v in zip(split.get_weights(), fused.get_weights()):
        np.testing.assert_allclose(u, v, rtol=1e-5, atol=1e-7)


def reference_step(name: str, w: np.ndarray, grads: list[np.ndarray]) -> np.ndarray:
    """NumPy versions of Keras 2.3's update rules."""
    lr, eps = 0.1, 1e-7
    state: dict[str, Any] = {"v": 0.0, "a": 0.0, "m": 0.0, "s": 0.0}
    for t, g in enumerate(grads, start=1):
        if name == "sgd_momentum":
            state["v"] = 0.9 * state["v"] - lr * g
            w = w + state["v"]
        elif name == "nesterov":
            state["v"] = 0.9 * state["v"] - lr * g
            w = w + 0.9 * state["v"] - lr * g
        elif name == "rmsprop":
            state["a"] = 0.9 * state["a"] + 0.1 * g * g
            w = w - lr * g / (np.sqrt(state["a"]) + eps)
        elif name == "adagrad":
            state["a"] = state["a"] + g * g
            w = w - lr * g / (np.sqrt(state["a"]) + eps)
        elif name == "adam":
            lr_t = lr * np.sqrt(1 - 0.999 ** t) / (1 - 0.9 ** t)
            state["m"] = 0.9 * state["m"] + 0.1 * g
            state["s"] = 0.999 * state["s"] + 0.001 * g * g
            w = w - lr_t * state["m"] / (np.sqrt(state["s"]) + eps)
    return w


OPTIMIZERS = {
    "sgd_momentum": lambda: optimizers.SGD(0.1, momentum=0.9),
    "nesterov": lambda: optimizers.SGD(0.1, momentum=0.9, nesterov=True),
    "rmsprop": lambda: optimizers.RMSprop(0.1),
    "adagrad": lambda: optimizers.Adagrad(0.1),
    "adam": lambda: optimizers.Adam(0.1),
}


@pytest.mark.parametrize("name", sorted(OPTIMIZERS))
def test_optimizer_updates_match_numpy(name: str) -> None:
    """Loss = sum(w * x) over a batch of one: the gradient is x, known in advance."""
    w0 = np.array([[0.5], [-1.0], [2.0]], "float64")
    xs = [np.array([[1.0, -2.0, 0.5]]), np.array([[0.3, 0.1, -1.0]]),
          np.array([[-1.0, 1.0, 1.0]])]
    dense = layers.Dense(1, use_bias=False, kernel_initializer="zeros", dtype="float64",
                         input_shape=(3,))
    model = models.Sequential([dense])
    model.compile(OPTIMIZERS[name](), lambda y_true, y_pred: K.sum(y_pred, axis=-1))
    dense.set_weights([w0])
    for x in xs:
        model.train_on_batch(x, np.zeros((1, 1)))
    want = reference_step(name, w0, [x.T for x in xs])
    # Adam's bias correction runs in floatx (float32), as in Keras 2.3: 1 - 0.999**t at
    # t = 1 keeps about 4 significant digits, and which ones depends on the backend's
    # float32 exp (CUDA's differs from numpy's by an ulp).
    rtol = 1e-4 if name == "adam" else 1e-6
    np.testing.assert_allclose(dense.get_weights()[0], want, rtol=rtol)


def test_schedules_and_decay_change_the_rate_per_step() -> None:
    sched = optimizers.schedules.ExponentialDecay(1.0, decay_steps=1, decay_rate=0.5)
    opt = optimizers.SGD(sched)
    dense = layers.Dense(1, use_bias=False, kernel_initializer="zeros", dtype="float64",
                         input_shape=(1,))
    model = models.Sequential([dense])
    model.compile(opt, lambda y_true, y_pred: K.sum(y_pred, axis=-1))
    for _ in range(3):
        model.train_on_batch(np.ones((1, 1)), np.zeros((1, 1)))
    assert dense.get_weights()[0][0, 0] == pytest.approx(-(1.0 + 0.5 + 0.25))
    piece = optimizers.schedules.PiecewiseConstantDecay([1], [1.0, 0.1])
    step = K.constant([0.0, 1.0, 2.0])
    np.testing.assert_allclose(K.to_numpy(piece(step)), [1.0, 1.0, 0.1], rtol=1e-6)


def test_losses_and_metrics_by_name_and_class() -> None:
    y_true = np.array([[0.0, 1.0], [1.0, 0.0]], "float32")
    y_pred = np.array([[0.2, 0.8], [0.6, 0.4]], "float32")
    np.testing.assert_allclose(K.to_numpy(losses.get("mse")(y_true, y_pred)),
                               np.mean((y_true - y_pred) ** 2, axis=-1), rtol=1e-6)
    cce = losses.CategoricalCrossentropy()
    np.testing.assert_allclose(K.to_numpy(cce.call(y_true, y_pred)),
                               -np.log([0.8, 0.6]), rtol=1e-5)
    np.testing.assert_allclose(K.to_numpy(metrics.categorical_accuracy(y_true, y_pred)),
                               [1.0, 1.0])
    labels = np.array([1, 1])
    np.testing.assert_allclose(
        K.to_numpy(metrics.sparse_categorical_accuracy(labels, y_pred)), [1.0, 0.0])
    with pytest.raises(ValueError, match="Unknown loss"):
        losses.get("mean_sqared_error")


def test_compile_and_fit_errors_are_clear() -> None:
    model = small_model()
    with pytest.raises(ValueError, match="compile your model"):
        model.train_on_batch(np.zeros((2, 2)), np.zeros((2, 2)))
    model.compile("adam", "mse")
    with pytest.raises(ValueError, match="expected .* to have shape"):
        model.fit(np.zeros((4, 3)), np.zeros((4, 2)), verbose=0)
    with pytest.raises(ValueError, match="same number of samples"):
        model.fit(np.zeros((4, 2)), np.zeros((5, 2)), verbose=0)
    with pytest.raises(ValueError, match="Unknown optimizer"):
        model.compile("adamm", "mse")


def test_nested_shared_and_subclassed_models(tmp_path: Any) -> None:
    x, y = xor_data(32)
    yc = to_categorical(y, 2)
    set_random_seed(0)
    inner_in = layers.Input(shape=(2,))
    inner = models.Model(inner_in, layers.Dense(4, activation="relu")(inner_in))
    outer = models.Sequential([inner, layers.Dense(2, activation="softmax")])
    a, b = layers.Input(shape=(2,)), layers.Input(shape=(2,))
    shared = layers.Dense(3)
    siamese = models.Model([a, b], layers.Subtract()([shared(a), shared(b)]))
    assert len(siamese.trainable_weights) == 2
    np.testing.assert_allclose(siamese.predict([x, x]), np.zeros((32, 3)), atol=1e-6)
    outer.compile("adam", "categorical_crossentropy")
    outer.fit(x, yc, epochs=2, verbose=0)
    outer.save(tmp_path / "nested.h5")
    loaded = models.load_model(tmp_path / "nested.h5")
    np.testing.assert_array_equal(loaded.predict(x), outer.predict(x))

    class TwoLayers(models.Model):
        def __init__(self) -> None:
            super().__init__()
            self.hidden = layers.Dense(8, activation="tanh")
            self.out = layers.Dense(2, activation="softmax")

        def call(self, inputs: Any, training: Any = None) -> Any:
            return self.out(self.hidden(inputs))

    set_random_seed(0)
    sub = TwoLayers()
    sub.compile("adam", "categorical_crossentropy", metrics=["accuracy"])
    h = sub.fit(x, yc, epochs=2, verbose=0)
    assert set(h.history) == {"loss", "accuracy"} and len(sub.trainable_weights) == 4
    sub.save_weights(tmp_path / "sub.h5")
    again = TwoLayers()
    again.predict(x)
    again.load_weights(tmp_path / "sub.h5")
    np.testing.assert_array_equal(again.predict(x), sub.predict(x))
