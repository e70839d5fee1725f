"""Samples per second of ``fit``: an MLP 64-128-128-10 and the demo convnet on
scikit-learn's digits (batch 32, Adam, categorical crossentropy + accuracy), 5 epochs
timed after a 1-epoch warm-up; best of ``--repeat`` runs.

Frameworks, each in its own process: tensorplug on numpy and on tensorflow (when its
plugin is installed), Keras 3 on TensorFlow, and PyTorch CPU (``torch==2.13.0``, a
hand-written loop that also reads the loss and accuracy of each batch, as fit does).
A framework not importable by this Python is looked for in each ``--python``
interpreter, and reported as "not installed" when none has it.

    python benchmarks/train.py [--python /path/to/other/venv/bin/python ...]
                               [--threads 1] [--repeat 3] [--epochs 5]

``--threads N`` caps every framework's thread pools (BLAS, OpenMP, torch, TF) at N, the
same for all (0 leaves the defaults). Small models like these are dominated by per-batch
overhead, and on a shared machine threads add noise, so the default is 1. Needs
scikit-learn in the driving interpreter (the workers get the data through a file).

On Linux, glibc hands freed heap memory back to the OS as soon as 128 KiB sit free at
the top of the heap, so NumPy's per-op temporaries fault their pages in again at every
step: ``MALLOC_TOP_PAD_=67108864 python benchmarks/train.py ...`` (inherited by every
worker) keeps 64 MiB and roughly doubles the numpy backend's rate here.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from typing import Any, Callable

FRAMEWORKS = ["tensorplug-numpy", "tensorplug-tensorflow", "keras3-tensorflow", "torch"]
MODELS = ["mlp", "cnn"]
BATCH = 32


# -- workers (run in a child process) -------------------------------------------------
def _tensorplug(backend: str, model: str, x: Any, y: Any) -> Callable[[int], None]:
    import tensorplug

    tensorplug.set_backend(backend)
    from tensorplug import layers, models, optimizers
    from tensorplug.cli._demo import build_model
    from tensorplug.utils import set_random_seed

    set_random_seed(0)
    if model == "mlp":
        net = models.Sequential([layers.Dense(128, activation="relu", input_shape=(64,)),
                                 layers.Dense(128, activation="relu"),
                                 layers.Dense(10, activation="softmax")])
    else:
        net = build_model((8, 8, 1))
    net.compile(optimizers.Adam(1e-3), "categorical_crossentropy", metrics=["accuracy"])
    return lambda epochs: net.fit(x, y, batch_size=BATCH, epochs=epochs, verbose=0)


def _keras3(model: str, x: Any, y: Any) -> Callable[[int], None]:
    os.environ.setdefault("KERAS_BACKEND", "tensorflow")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import keras

    keras.utils.set_random_seed(0)
    L = keras.layers
    if model == "mlp":
        net = keras.Sequential([keras.Input((64,)), L.Dense(128, activation="relu"),
                                L.Dense(128, activation="relu"),
                                L.Dense(10, activation="softmax")])
    else:
        net = keras.Sequential([keras.Input((8, 8, 1)),
                                L.Conv2D(16, 3, padding="same", activation="relu"),
                                L.MaxPooling2D(2), L.Flatten(), L.Dense(64, activation="relu"),
                                L.Dense(10, activation="softmax")])
    net.compile(keras.optimizers.Adam(1e-3), "categorical_crossentropy", metrics=["accuracy"])
    return lambda epochs: net.fit(x, y, batch_size=BATCH, epochs=epochs, verbose=0)


def _torch(model: str, x: Any, y: Any, threads: int) -> Callable[[int], None]:
    import torch

    if threads:
        torch.set_num_threads(threads)
    torch.manual_seed(0)
    nn = torch.nn
    if model == "mlp":
        net = nn.Sequential(nn.Linear(64, 128), nn.ReLU(), nn.Linear(128, 128), nn.ReLU(),
                            nn.Linear(128, 10))
        xt = torch.from_numpy(x)
    else:
        net = nn.Sequential(nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                            nn.Flatten(), nn.Linear(256, 64), nn.ReLU(), nn.Linear(64, 10))
        xt = torch.from_numpy(x.transpose(0, 3, 1, 2).copy())
    yt = torch.from_numpy(y.argmax(1))
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()

    def fit(epochs: int) -> None:
        for _ in range(epochs):
            perm = torch.randperm(len(xt))
            xs, ys = xt[perm], yt[perm]
            for i in range(0, len(xs), BATCH):
                xb, yb = xs[i:i + BATCH], ys[i:i + BATCH]
                opt.zero_grad()
                out = net(xb)
                loss = loss_fn(out, yb)
                loss.backward()
                opt.step()
                loss.item()
                (out.argmax(1) == yb).float().mean().item()

    return fit


def worker(framework: str, model: str, data_path: str, epochs: int, repeat: int,
           threads: int) -> dict[str, Any]:
    import numpy as np

    with np.load(data_path) as d:
        x, y = d["x"], d["y"]
    if model == "mlp":
        x = x.reshape(len(x), 64)
    if framework.startswith("tensorplug-"):
        fit = _tensorplug(framework.split("-", 1)[1], model, x, y)
    elif framework == "keras3-tensorflow":
        fit = _keras3(model, x, y)
    else:
        fit = _torch(model, x, y, threads)
    fit(1)  # warm-up: traces, compiles, allocates
    best = min(_timed(fit, epochs) for _ in range(repeat))
    return {"samples_per_s": epochs * len(x) / best, "seconds": best}


def _timed(fit: Callable[[int], None], epochs: int) -> float:
    start = time.perf_counter()
    fit(epochs)
    return time.perf_counter() - start


def importable(framework: str) -> bool:
    import importlib.util

    if framework.startswith("tensorplug-"):
        import tensorplug

        name = framework.split("-", 1)[1]
        return any(b.name == name and b.available for b in tensorplug.list_backends())
    if framework == "keras3-tensorflow":
        if importlib.util.find_spec("keras") is None or \
                importlib.util.find_spec("tensorflow") is None:
            return False
        from importlib.metadata import version

        return int(version("keras").split(".")[0]) >= 3
    return importlib.util.find_spec("torch") is not None


# -- driver ---------------------------------------------------------------------------
def thread_env(threads: int) -> dict[str, str]:
    env = dict(os.environ)
    if threads:
        for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
                    "TF_NUM_INTRAOP_THREADS", "TF_NUM_INTEROP_THREADS"):
            env[var] = str(threads)
    return env


def child(python: str, args: list[str], env: dict[str, str]) -> Any:
    proc = subprocess.run([python, os.path.abspath(__file__), *args], capture_output=True,
                          text=True, env=env, timeout=1800)
    if proc.returncode != 0:
        return {"error": (proc.stderr.strip().splitlines() or ["failed"])[-1]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--python", action="append", default=[],
                        help="another interpreter to look in for missing frameworks")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--only", default=",".join(FRAMEWORKS))
    parser.add_argument("--worker", nargs=3, metavar=("FRAMEWORK", "MODEL", "DATA"),
                        help=argparse.SUPPRESS)
    parser.add_argument("--probe", metavar="FRAMEWORK", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.probe:
        print(json.dumps(importable(args.probe)))
        return 0
    if args.worker:
        print(json.dumps(worker(*args.worker, args.epochs, args.repeat, args.threads)))
        return 0
    return drive(args)


def drive(args: argparse.Namespace) -> int:
    import numpy as np
    from sklearn.datasets import load_digits
    from tensorplug.utils import to_categorical

    digits = load_digits()
    env = thread_env(args.threads)
    pythons = [sys.executable, *args.python]
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "digits.npz")
        np.savez(path, x=(digits.images / 16.0).astype("float32")[..., None],
                 y=to_categorical(digits.target, 10))
        results: dict[tuple[str, str], Any] = {}
        for fw in args.only.split(","):
            python = next((p for p in pythons if child(p, ["--probe", fw], env) is True), None)
            for model in MODELS:
                if python is None:
                    results[(fw, model)] = None
                    continue
                results[(fw, model)] = child(python, [
                    "--worker", fw, model, path, "--epochs", str(args.epochs),
                    "--repeat", str(args.repeat), "--threads", str(args.threads)], env)
                results[(fw, model)]["python"] = python
    report(results, args, len(digits.images))
    return 0


def report(results: dict[tuple[str, str], Any], args: argparse.Namespace, n: int) -> None:
    print(f"fit samples/s: digits ({n} samples), batch {BATCH}, {args.epochs} epochs after "
          f"a warm-up, best of {args.repeat}; threads: {args.threads or 'default'}")
    print(f"{'model':<6}{'framework':<24}{'samples/s':>12}{'vs keras3':>11}{'vs torch':>10}"
          f"  interpreter")
    def rate(fw: str, model: str) -> float | None:
        r = results.get((fw, model))
        return r.get("samples_per_s") if r and "error" not in r else None

    for model in MODELS:
        for fw in args.only.split(","):
            r = results.get((fw, model))
            if r is None:
                print(f"{model:<6}{fw:<24}{'not installed':>12}")
                continue
            if "error" in r:
                print(f"{model:<6}{fw:<24}{'error':>12}  {r['error']}")
                continue
            sps = r["samples_per_s"]
            k3, pt = rate("keras3-tensorflow", model), rate("torch", model)
            print(f"{model:<6}{fw:<24}{sps:>12,.0f}"
                  f"{(f'{sps / k3:.2f}x' if k3 else '-'):>11}"
                  f"{(f'{sps / pt:.2f}x' if pt else '-'):>10}  {r['python']}")


if __name__ == "__main__":
    sys.exit(main())
