"""The training script the distribute tests launch, with and without ``mpiexec``.

    python train.py MODE OUT [--timeout S]

MODE: ``onestep`` (one step on one batch), ``epochs`` (a few shuffled epochs with
validation, a checkpoint and EarlyStopping), ``resume-a`` / ``resume-b`` (train, then
continue from the checkpoint on another number of ranks), ``stall`` (train slowly for
a long time: the test stops or kills rank 1), ``raise`` (rank 1 raises at step 3).
Each rank writes ``OUT/rank{R}.npz`` (final weights, the loss history) and
``OUT/rank{R}/`` for files only rank 0 may write.
The backend comes from TENSORPLUG_BACKEND, as for any script.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

import numpy as np
from tensorplug import callbacks, layers, models, optimizers
from tensorplug.distribute import MPIStrategy
from tensorplug.utils import set_random_seed


def data(n: int = 90) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(1)
    x = rng.standard_normal((n, 6)).astype("float32")
    y = np.eye(3, dtype="float32")[(x[:, 0] + x[:, 1] > 0).astype(int) + (x[:, 2] > 1)]
    return x, y


def build() -> models.Model:
    set_random_seed(0)
    model = models.Sequential([layers.Dense(16, activation="tanh", input_shape=(6,)),
                               layers.Dense(3, activation="softmax")])
    model.compile(optimizers.Adam(learning_rate=0.01), "categorical_crossentropy",
                  metrics=["accuracy"])
    return model


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("mode")
    ap.add_argument("out", type=Path)
    ap.add_argument("--timeout", type=float, default=None)
    args = ap.parse_args()
    strategy = MPIStrategy(timeout=args.timeout)
    rank = strategy.rank
    mine = args.out / f"rank{rank}"
    mine.mkdir(parents=True, exist_ok=True)
    (args.out / f"pid{rank}").write_text(str(os.getpid()))
    x, y = data()
    history: dict[str, list[float]] = {}
    saved: dict[str, np.ndarray] = {}
    if args.mode == "onestep":
        model = build()
        saved = {f"before_{i}": w for i, w in enumerate(model.get_weights())}
        model.fit(x[:32], y[:32], batch_size=32, epochs=1, shuffle=False, verbose=0,
                  strategy=strategy)
    elif args.mode == "epochs":
        model = build()
        cbs = [callbacks.ModelCheckpoint(str(mine / "best.h5"), monitor="val_loss",
                                         save_best_only=True),
               callbacks.EarlyStopping(monitor="val_loss", patience=50, verbose=1)]
        history = model.fit(x, y, batch_size=15, epochs=4, validation_split=0.2,
                            callbacks=cbs, verbose=1, strategy=strategy).history
    elif args.mode == "resume-a":
        model = build()
        cbs = [callbacks.ModelCheckpoint(str(args.out / "ckpt.h5"))]
        history = model.fit(x, y, batch_size=16, epochs=2, shuffle=False, verbose=0,
                            callbacks=cbs if strategy.is_chief else [],
                            strategy=strategy).history
    elif args.mode == "resume-b":
        model = models.load_model(str(args.out / "ckpt.h5"))
        history = model.fit(x, y, batch_size=16, epochs=4, initial_epoch=model.epoch,
                            shuffle=False, verbose=0, strategy=strategy).history
    elif args.mode == "raise":
        model = build()

        def fail(batch: int, logs: dict) -> None:
            if rank == 1 and strategy.step == 3:
                raise RuntimeError("rank 1 fails on purpose")

        model.fit(x, y, batch_size=16, epochs=2, verbose=0, strategy=strategy,
                  callbacks=[callbacks.LambdaCallback(on_batch_end=fail)])
        return
    elif args.mode == "stall":
        model = build()
        progress = args.out / f"step{rank}"

        def tick(batch: int, logs: dict) -> None:
            progress.write_text(str(strategy.step))
            time.sleep(0.01)

        model.fit(x, y, batch_size=16, epochs=100000, verbose=0, strategy=strategy,
                  callbacks=[callbacks.LambdaCallback(on_batch_end=tick)])
        return
    else:
        raise SystemExit(f"unknown mode {args.mode!r}")
    np.savez(args.out / f"rank{rank}.npz", *model.get_weights(),
             **{f"history_{k}": np.asarray(v) for k, v in history.items()}, **saved)


if __name__ == "__main__":
    main()
