"""The same model, from the same seed, trains the same on every available backend.

A small MLP and a small convnet (no dropout) are built from one seed on each installed
and available backend (numpy always; TensorFlow, MXNet, ... when their plugins are
installed in this environment): initial weights must be bit-identical, and the losses of
5 training steps must match numpy's to rtol 1e-4. A model saved on one backend loads on
every other with the same predictions.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import numpy as np
import pytest
import tensorplug
from tensorplug import layers, models, optimizers
from tensorplug.utils import set_random_seed

SEED = 1234


def available_backends() -> list[str]:
    return [b.name for b in tensorplug.list_backends() if b.available]


OTHERS = [name for name in available_backends() if name != "numpy"]


def mlp() -> Any:
    return models.Sequential([layers.Dense(16, activation="tanh", input_shape=(6,)),
                              layers.Dense(8, activation="relu"),
                              layers.Dense(3, activation="softmax")])


def convnet() -> Any:
    inp = layers.Input(shape=(6, 6, 1))
    h = layers.Conv2D(4, 3, padding="same", activation="relu",
                      data_format="channels_last")(inp)
    h = layers.MaxPooling2D(2, data_format="channels_last")(h)
    h = layers.Flatten()(h)
    out = layers.Dense(3, activation="softmax")(h)
    return models.Model(inp, out)


def data(kind: str) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(7)
    shape = (32, 6) if kind == "mlp" else (32, 6, 6, 1)
    x = rng.normal(size=shape).astype("float32")
    y = np.eye(3, dtype="float32")[rng.integers(0, 3, size=32)]
    return x, y


BUILDERS: dict[str, Callable[[], Any]] = {"mlp": mlp, "convnet": convnet}


def train_five_steps(backend: str, kind: str) -> tuple[list[np.ndarray], list[float]]:
    """Initial weights and the losses of five train_on_batch steps on ``backend``."""
    with tensorplug.use_backend(backend):
        set_random_seed(SEED)
        model = BUILDERS[kind]()
        model.compile(optimizers.SGD(learning_rate=0.1, momentum=0.9), "categorical_crossentropy")
        initial = model.get_weights()
        x, y = data(kind)
        losses = [float(model.train_on_batch(x, y)) for _ in range(5)]
    return initial, losses


def test_numpy_is_available() -> None:
    assert "numpy" in available_backends()


@pytest.mark.parametrize("kind", sorted(BUILDERS))
def test_numpy_losses_decrease(kind: str) -> None:
    _, losses = train_five_steps("numpy", kind)
    assert all(np.isfinite(losses)) and losses[-1] < losses[0]


@pytest.mark.parametrize("kind", sorted(BUILDERS))
@pytest.mark.parametrize("backend", OTHERS or [pytest.param(
    "none", marks=pytest.mark.skip(reason="no backend other than numpy is installed"))])
def test_same_seed_same_losses_as_numpy(backend: str, kind: str) -> None:
    ref_weights, ref_losses = train_five_steps("numpy", kind)
    weights, losses = train_five_steps(backend, kind)
    for a, b in zip(ref_weights, weights):
        np.testing.assert_array_equal(a, b)  # bit-identical initial weights
    np.testing.assert_allclose(losses, ref_losses, rtol=1e-4)


@pytest.mark.parametrize("target", available_backends())
def test_saved_on_numpy_loads_everywhere(tmp_path: Path, target: str) -> None:
    x, y = data("mlp")
    with tensorplug.use_backend("numpy"):
        set_random_seed(SEED)
        model = mlp()
        model.compile("adam", "categorical_crossentropy")
        model.fit(x, y, epochs=2, verbose=0)
        model.save(tmp_path / "model.h5")
        expected = model.predict(x)
    with tensorplug.use_backend(target):
        loaded = models.load_model(tmp_path / "model.h5")
        np.testing.assert_allclose(loaded.predict(x), expected, rtol=1e-5, atol=1e-6)
        loaded.fit(x, y, epochs=1, verbose=0)  # and it keeps training there


@pytest.mark.parametrize("source", OTHERS or [pytest.param(
    "none", marks=pytest.mark.skip(reason="no backend other than numpy is installed"))])
def test_saved_elsewhere_loads_on_numpy(tmp_path: Path, source: str) -> None:
    x, y = data("convnet")
    with tensorplug.use_backend(source):
        set_random_seed(SEED)
        model = convnet()
        model.compile("adam", "categorical_crossentropy")
        model.fit(x, y, epochs=2, verbose=0)
        model.save(tmp_path / "model.h5")
        expected = model.predict(x)
    with tensorplug.use_backend("numpy"):
        loaded = models.load_model(tmp_path / "model.h5")
        np.testing.assert_allclose(loaded.predict(x), expected, rtol=1e-4, atol=1e-5)
