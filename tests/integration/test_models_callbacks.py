"""Callbacks: hooks and their order, History, ProgbarLogger (terminal and not),
EarlyStopping, ModelCheckpoint, ReduceLROnPlateau, LearningRateScheduler, CSVLogger,
TerminateOnNaN."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from tensorplug import backend as K
from tensorplug import callbacks, layers, models, optimizers
from tensorplug.utils import set_random_seed


def model_and_data(lr: float = 0.05) -> tuple[Any, np.ndarray, np.ndarray]:
    set_random_seed(0)
    rng = np.random.default_rng(0)
    x = rng.normal(size=(64, 3)).astype("float32")
    y = (x @ np.array([[1.0], [-2.0], [0.5]], "float32")).astype("float32")
    model = models.Sequential([layers.Dense(1, input_shape=(3,))])
    model.compile(optimizers.SGD(lr), "mse")
    return model, x, y


HOOKS = ["on_train_begin", "on_train_end", "on_epoch_begin", "on_epoch_end",
         "on_train_batch_begin", "on_train_batch_end", "on_test_begin", "on_test_end",
         "on_test_batch_begin", "on_test_batch_end", "on_predict_begin", "on_predict_end",
         "on_predict_batch_begin", "on_predict_batch_end"]


def _recording(name: str) -> Any:
    def hook(self: Any, *args: Any) -> None:
        self.events.append(name)

    return hook


class Recorder(callbacks.Callback):
    def __init__(self) -> None:
        super().__init__()
        self.events: list[str] = []


for _hook in HOOKS:
    setattr(Recorder, _hook, _recording(_hook))


def test_hooks_are_called_in_keras_order() -> None:
    model, x, y = model_and_data()
    rec = Recorder()
    model.fit(x, y, batch_size=32, epochs=1, validation_split=0.5, callbacks=[rec], verbose=0)
    assert rec.events == [
        "on_train_begin", "on_epoch_begin", "on_train_batch_begin", "on_train_batch_end",
        "on_test_begin", "on_test_batch_begin", "on_test_batch_end", "on_test_end",
        "on_epoch_end", "on_train_end"]
    assert rec.params["epochs"] == 1 and rec.params["samples"] == 32
    assert rec.model is model
    rec.events.clear()
    model.predict(x, callbacks=[rec])
    assert rec.events[0] == "on_predict_begin" and rec.events[-1] == "on_predict_end"


def test_lambda_callback_and_batch_logs() -> None:
    model, x, y = model_and_data()
    seen: list[tuple[int, float]] = []
    ends: list[int] = []
    cb = callbacks.LambdaCallback(on_batch_end=lambda b, logs: seen.append((b, logs["loss"])),
                                  on_epoch_end=lambda e, logs: ends.append(e))
    model.fit(x, y, batch_size=16, epochs=2, callbacks=[cb], verbose=0)
    assert [b for b, _ in seen] == [0, 1, 2, 3] * 2 and ends == [0, 1]
    with pytest.raises(ValueError, match="unknown hook"):
        callbacks.LambdaCallback(on_epoch_ended=print)


def test_progbar_one_line_per_epoch_when_not_a_terminal(capsys: pytest.CaptureFixture) -> None:
    model, x, y = model_and_data()
    model.fit(x, y, epochs=3, validation_split=0.25, verbose=1)
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("Epoch 1/3 - ") and " - loss: " in lines[0]
    assert " - val_loss: " in lines[0]


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progbar_draws_a_bar_with_eta_in_a_terminal() -> None:
    model, x, y = model_and_data()
    term = FakeTerminal()
    bar = callbacks.ProgbarLogger(stream=term)
    model.fit(x, y, batch_size=8, epochs=2, callbacks=[bar], verbose=1)
    out = term.getvalue()
    assert "Epoch 1/2\n" in out and "Epoch 2/2\n" in out
    assert "\r" in out and "64/64 [==============================]" in out
    assert "loss: " in out
    progress = callbacks.Progbar(10, stream=FakeTerminal(), interval=0.0)
    progress.update(3, [("loss", 1.0)])
    assert "ETA" in progress.stream.getvalue() and "3/10 [" in progress.stream.getvalue()


def test_history_records_every_epoch() -> None:
    model, x, y = model_and_data()
    h = model.fit(x, y, epochs=3, verbose=0)
    assert h is model.history and h.epoch == [0, 1, 2] and len(h.history["loss"]) == 3


def test_early_stopping_restores_best_weights() -> None:
    model, x, y = model_and_data()
    scores = iter([1.0, 0.5, 0.7, 0.8, 0.9, 1.0, 1.0])
    snapshots: list[list[np.ndarray]] = []

    class FakeMetric(callbacks.Callback):
        def on_epoch_end(self, epoch: int, logs: Any = None) -> None:
            logs["score"] = next(scores)
            snapshots.append(self.model.get_weights())

    stop = callbacks.EarlyStopping(monitor="score", mode="min", patience=2,
                                   restore_best_weights=True)
    h = model.fit(x, y, epochs=10, callbacks=[FakeMetric(), stop], verbose=0)
    assert h.epoch == [0, 1, 2, 3] and stop.stopped_epoch == 3
    for a, b in zip(model.get_weights(), snapshots[1]):
        np.testing.assert_array_equal(a, b)


def test_model_checkpoint_saves_only_improvements(tmp_path: Path) -> None:
    model, x, y = model_and_data()
    values = iter([3.0, 2.0, 2.5, 1.0])

    class FakeLoss(callbacks.Callback):
        def on_epoch_end(self, epoch: int, logs: Any = None) -> None:
            logs["val_loss"] = next(values)

    path = str(tmp_path / "ckpt-{epoch:02d}.h5")
    ckpt = callbacks.ModelCheckpoint(path, save_best_only=True)
    model.fit(x, y, epochs=4, callbacks=[FakeLoss(), ckpt], verbose=0)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ckpt-01.h5", "ckpt-02.h5",
                                                          "ckpt-04.h5"]
    loaded = models.load_model(tmp_path / "ckpt-04.h5")
    assert loaded.epoch == 4
    np.testing.assert_allclose(loaded.predict(x), model.predict(x), rtol=1e-6)
    weights_only = callbacks.ModelCheckpoint(str(tmp_path / "w.h5"), save_weights_only=True)
    model.fit(x, y, epochs=1, callbacks=[weights_only], verbose=0)
    model.load_weights(tmp_path / "w.h5")


def test_reduce_lr_on_plateau_and_scheduler() -> None:
    model, x, y = model_and_data(lr=0.1)
    flat = iter([1.0, 1.0, 1.0, 1.0, 1.0])

    class Flat(callbacks.Callback):
        def on_epoch_end(self, epoch: int, logs: Any = None) -> None:
            logs["val_loss"] = next(flat)

    reduce = callbacks.ReduceLROnPlateau(factor=0.5, patience=1, min_lr=0.02)
    h = model.fit(x, y, epochs=5, callbacks=[Flat(), reduce], verbose=0)
    np.testing.assert_allclose(h.history["lr"], [0.1, 0.1, 0.05, 0.025, 0.02], rtol=1e-6)
    assert float(K.get_value(model.optimizer.lr)) == pytest.approx(0.02)
    sched = callbacks.LearningRateScheduler(lambda epoch: 0.1 / (epoch + 1))
    h = model.fit(x, y, epochs=3, callbacks=[sched], verbose=0)
    np.testing.assert_allclose(h.history["lr"], [0.1, 0.05, 0.1 / 3], rtol=1e-6)
    with pytest.raises(ValueError, match="factor"):
        callbacks.ReduceLROnPlateau(factor=1.5)


def test_csv_logger_writes_one_row_per_epoch(tmp_path: Path) -> None:
    model, x, y = model_and_data()
    path = tmp_path / "log.csv"
    model.fit(x, y, epochs=2, validation_split=0.25, callbacks=[callbacks.CSVLogger(path)],
              verbose=0)
    model.fit(x, y, epochs=1, callbacks=[callbacks.CSVLogger(path, append=True)], verbose=0)
    rows = list(csv.reader(path.open()))
    assert rows[0] == ["epoch", "loss", "val_loss"]
    assert [r[0] for r in rows[1:]] == ["0", "1", "0"]
    assert float(rows[1][1]) > 0


def test_terminate_on_nan_stops_at_the_first_bad_batch(capsys: pytest.CaptureFixture) -> None:
    model, x, y = model_and_data(lr=1e6)
    y = y * 1e30
    with np.errstate(all="ignore"):
        h = model.fit(x, y, batch_size=8, epochs=5, callbacks=[callbacks.TerminateOnNaN()],
                      verbose=0)
    assert len(h.epoch) == 1 and "Invalid loss" in capsys.readouterr().out
