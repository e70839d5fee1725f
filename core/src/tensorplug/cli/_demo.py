"""``tensorplug demo``: train a small convnet on scikit-learn's digits, on any backend.

It shows which backend is active and why, then trains Conv2D -> MaxPooling2D -> Dense on
the 8x8 digits bundled with scikit-learn (no download), with a progress bar, validation
and callbacks, and prints the test accuracy and the backend used. Needs the ``demo``
extra: ``pip install 'tensorplug[demo]'`` (scikit-learn and h5py).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from typing import Any

from .. import _selection, set_backend
from .. import backend as K
from ._common import say

EPOCHS = 20
SEED = 0


def load_digits() -> tuple[Any, Any, Any, Any] | None:
    """(x_train, y_train, x_test, y_test) as float32 images in [0, 1], one-hot labels;
    None when scikit-learn is not installed."""
    try:
        from sklearn.datasets import load_digits as sk_load
    except ModuleNotFoundError as exc:
        if (exc.name or "").split(".")[0] != "sklearn":
            raise
        return None
    import numpy as np

    from ..utils import to_categorical

    data = sk_load()
    x = (data.images / 16.0).astype("float32")[..., None]
    if K.image_data_format() == "channels_first":
        x = x.transpose(0, 3, 1, 2)
    y = to_categorical(data.target, 10)
    order = np.random.default_rng(SEED).permutation(len(x))
    test = order[:360]
    train = order[360:]
    return x[train], y[train], x[test], y[test]


def build_model(input_shape: tuple[int, ...]) -> Any:
    """The demo convnet: Conv2D(16, 3) -> MaxPooling2D -> Flatten -> Dense(64) -> Dense(10)."""
    from .. import layers, models

    return models.Sequential([
        layers.Conv2D(16, 3, padding="same", activation="relu", input_shape=input_shape),
        layers.MaxPooling2D(2),
        layers.Flatten(),
        layers.Dense(64, activation="relu"),
        layers.Dense(10, activation="softmax"),
    ])


def run(args: argparse.Namespace) -> int:
    if args.backend:
        set_backend(args.backend)
        source = f"--backend {args.backend} (tensorplug.set_backend)"
    else:
        source = _selection.resolve()[1]
    say(f"Active backend: {K.backend()} (chosen by: {source})")
    say(f"floatx={K.floatx()}  epsilon={K.epsilon()}  "
        f"image_data_format={K.image_data_format()}")
    say()
    data = load_digits()
    if data is None:
        print("The demo needs scikit-learn (for its bundled digits data set).\n"
              "Fix: pip install 'tensorplug[demo]'", file=sys.stderr)
        return 1
    return train(*data)


def train(x_train: Any, y_train: Any, x_test: Any, y_test: Any) -> int:
    from .. import callbacks, optimizers
    from ..utils import set_random_seed

    set_random_seed(SEED)
    say(f"Data: scikit-learn digits, 8x8 images of 0-9: {len(x_train)} to train on "
        f"(the last 10% held out for validation), {len(x_test)} to test on.")
    model = build_model(tuple(x_train.shape[1:]))
    model.compile(optimizers.Adam(learning_rate=0.002), "categorical_crossentropy",
                  metrics=["accuracy"])
    model.summary(print_fn=say)
    with tempfile.TemporaryDirectory() as tmp:
        best = os.path.join(tmp, "best.h5")
        cbs = [callbacks.EarlyStopping(monitor="val_loss", patience=4,
                                       restore_best_weights=True),
               callbacks.ReduceLROnPlateau(monitor="val_loss", factor=0.5, patience=2),
               callbacks.ModelCheckpoint(best, monitor="val_accuracy", save_best_only=True)]
        say(f"Training: Adam, batch 32, up to {EPOCHS} epochs; callbacks: EarlyStopping"
            f"(restore_best_weights), ReduceLROnPlateau, ModelCheckpoint(save_best_only).")
        start = time.perf_counter()
        history = model.fit(x_train, y_train, batch_size=32, epochs=EPOCHS,
                            validation_split=0.1, callbacks=cbs, verbose=1)
        seconds = time.perf_counter() - start
        saved = os.path.exists(best)
    loss, accuracy = model.evaluate(x_test, y_test, verbose=0)
    say(f"Trained {len(history.epoch)} epochs in {seconds:.1f} s"
        f"{' (best checkpoint saved)' if saved else ''}.")
    say(f"Test accuracy: {accuracy:.4f} (loss {loss:.4f}) on backend {K.backend()}")
    return 0
