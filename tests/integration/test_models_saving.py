"""Saving and loading: round trips, exact resume, atomic writes, clear errors that leave
the model unchanged."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import h5py
import numpy as np
import pytest
from tensorplug import layers, models, optimizers, saving
from tensorplug.utils import set_random_seed


def build(seed: int = 0) -> Any:
    set_random_seed(seed)
    inp = layers.Input(shape=(4,))
    a = layers.Dense(8, activation="relu", kernel_regularizer="l2")(inp)
    b = layers.BatchNormalization()(a)
    c = layers.Dropout(0.1)(b)
    out = layers.Dense(3, activation="softmax")(layers.Concatenate()([c, inp]))
    model = models.Model(inp, out)
    model.compile(optimizers.Adam(0.01), "categorical_crossentropy", metrics=["accuracy"])
    return model


def data() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(96, 4)).astype("float32")
    return x, np.eye(3, dtype="float32")[rng.integers(0, 3, 96)]


def test_round_trip_keeps_architecture_weights_and_training_config(tmp_path: Path) -> None:
    model = build()
    x, y = data()
    model.fit(x, y, epochs=2, verbose=0)
    model.save(tmp_path / "m.h5")
    loaded = models.load_model(tmp_path / "m.h5")
    assert [type(la).__name__ for la in loaded.layers] == \
        [type(la).__name__ for la in model.layers]
    np.testing.assert_array_equal(loaded.predict(x), model.predict(x))
    assert loaded.metrics_names == model.metrics_names
    assert isinstance(loaded.optimizer, optimizers.Adam)
    for a, b in zip(loaded.optimizer.get_weights(), model.optimizer.get_weights()):
        np.testing.assert_array_equal(a, b)
    assert loaded.epoch == 2


def test_resume_is_exact(tmp_path: Path) -> None:
    """Train 2 + 2 epochs with a save/load in between == 4 epochs straight."""
    x, y = data()
    straight = build()
    set_random_seed(5)
    full = straight.fit(x, y, epochs=4, batch_size=16, verbose=0).history["loss"]
    first = build()
    set_random_seed(5)
    first.fit(x, y, epochs=2, batch_size=16, verbose=0)
    first.save(tmp_path / "half.h5")
    resumed = models.load_model(tmp_path / "half.h5")
    rest = resumed.fit(x, y, epochs=4, initial_epoch=resumed.epoch, batch_size=16,
                       verbose=0).history["loss"]
    np.testing.assert_allclose(rest, full[2:], rtol=1e-6)
    for a, b in zip(resumed.get_weights(), straight.get_weights()):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-7)


def test_sequential_and_weights_only_round_trip(tmp_path: Path) -> None:
    set_random_seed(1)
    model = models.Sequential([layers.Conv1D(2, 3, input_shape=(6, 2)), layers.Flatten(),
                               layers.Dense(1)])
    model.compile("sgd", "mse")
    x = np.random.default_rng(0).normal(size=(5, 6, 2)).astype("float32")
    model.save(tmp_path / "seq.h5")
    np.testing.assert_array_equal(models.load_model(tmp_path / "seq.h5").predict(x),
                                  model.predict(x))
    model.save_weights(tmp_path / "w.h5")
    set_random_seed(2)
    other = models.Sequential([layers.Conv1D(2, 3, input_shape=(6, 2)), layers.Flatten(),
                               layers.Dense(1)])
    other.load_weights(tmp_path / "w.h5")
    np.testing.assert_array_equal(other.predict(x), model.predict(x))


def test_load_weights_by_name(tmp_path: Path) -> None:
    set_random_seed(0)
    a = models.Sequential([layers.Dense(3, input_shape=(2,), name="shared"),
                           layers.Dense(1, name="head_a")])
    a.save_weights(tmp_path / "a.h5")
    b = models.Sequential([layers.Dense(3, input_shape=(2,), name="shared"),
                           layers.Dense(2, name="head_b")])
    before = b.layers[1].get_weights()
    b.load_weights(tmp_path / "a.h5", by_name=True)
    np.testing.assert_array_equal(b.layers[0].get_weights()[0], a.layers[0].get_weights()[0])
    np.testing.assert_array_equal(b.layers[1].get_weights()[0], before[0])


def test_mismatched_file_is_a_clear_error_and_the_model_is_unchanged(tmp_path: Path) -> None:
    set_random_seed(0)
    small = models.Sequential([layers.Dense(3, input_shape=(2,)), layers.Dense(1)])
    small.save_weights(tmp_path / "small.h5")
    big = models.Sequential([layers.Dense(3, input_shape=(2,)), layers.Dense(5)])
    before = big.get_weights()
    with pytest.raises(ValueError, match=r"shape \(3, 5\) in the model but \(3, 1\)"):
        big.load_weights(tmp_path / "small.h5")
    for a, b in zip(before, big.get_weights()):
        np.testing.assert_array_equal(a, b)  # not even the first (matching) layer changed
    three = models.Sequential([layers.Dense(3, input_shape=(2,)), layers.Dense(1),
                               layers.Dense(1)])
    with pytest.raises(ValueError, match="weights for 2 layer"):
        three.load_weights(tmp_path / "small.h5")


def test_corrupt_or_wrong_files_give_clear_errors(tmp_path: Path) -> None:
    model = build()
    model.save(tmp_path / "good.h5")
    data_bytes = (tmp_path / "good.h5").read_bytes()
    (tmp_path / "cut.h5").write_bytes(data_bytes[:len(data_bytes) // 3])
    with pytest.raises(ValueError, match="truncated, corrupt"):
        models.load_model(tmp_path / "cut.h5")
    (tmp_path / "text.h5").write_text("not hdf5")
    with pytest.raises(ValueError, match="Cannot read"):
        model.load_weights(tmp_path / "text.h5")
    model.save_weights(tmp_path / "weights.h5")
    with pytest.raises(ValueError, match="no model config"):
        models.load_model(tmp_path / "weights.h5")
    with pytest.raises(FileNotFoundError):
        models.load_model(tmp_path / "missing.h5")


def test_writes_are_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    model = build()
    target = tmp_path / "m.h5"
    model.save(target)
    original = target.read_bytes()

    def explode(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(h5py.Group, "create_dataset", explode)
    with pytest.raises(RuntimeError, match="disk full"):
        model.save(target)
    monkeypatch.undo()
    assert target.read_bytes() == original  # the old file is intact
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.h5"]  # no temp file left
    with pytest.raises(ValueError, match="overwrite=False"):
        model.save(target, overwrite=False)


def test_custom_objects(tmp_path: Path) -> None:
    def scaled_mse(y_true: Any, y_pred: Any) -> Any:
        from tensorplug import backend as K

        return K.mean(K.square(y_pred - y_true), axis=-1) * 2.0

    set_random_seed(0)
    model = models.Sequential([layers.Dense(1, input_shape=(2,))])
    model.compile("sgd", scaled_mse)
    model.save(tmp_path / "c.h5")
    with pytest.raises(ValueError, match="scaled_mse"):
        models.load_model(tmp_path / "c.h5")
    loaded = models.load_model(tmp_path / "c.h5", custom_objects={"scaled_mse": scaled_mse})
    assert loaded.loss is scaled_mse
    with saving.custom_object_scope({"scaled_mse": scaled_mse}):
        assert models.load_model(tmp_path / "c.h5").loss is scaled_mse
