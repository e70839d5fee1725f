"""One training step of an MNIST-size convnet: tensorplug's train_on_batch vs PyTorch.

The model: Conv2D(32, 3, relu) - MaxPool(2) - Conv2D(64, 3, relu) - MaxPool(2) -
Flatten - Dense(10, softmax), Adam, categorical crossentropy, on a (64, 28, 28, 1)
float32 batch of generated data. tensorplug runs ``Model.train_on_batch`` on the active
backend (numpy by default); PyTorch CPU (``torch==2.13.0``) runs the same network
(channels-first, as PyTorch wants) with a hand-written step. Both use ``--threads``
threads (BLAS/OpenMP and torch's intra-op pool are capped in this process before
either framework is imported).

    python benchmarks/conv_train_step.py [--backend numpy] [--repeat 5] [--steps 5]
                                         [--threads 2]

Prints milliseconds per step (min over repeats of the mean of ``steps`` steps) and the
ratio to PyTorch. No target: it tracks what convolution and pooling gradients cost.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from typing import Any, Callable


def per_step(step: Callable[[], Any], steps: int, repeat: int) -> float:
    step()  # build, compile kernels, warm caches
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(steps):
            step()
        best = min(best, (time.perf_counter() - start) / steps)
    return best


def tensorplug_step(backend: str) -> Callable[[], Any]:
    import numpy as np
    import tensorplug
    from tensorplug import layers, models

    tensorplug.set_backend(backend)
    rng = np.random.default_rng(0)
    x = rng.random((64, 28, 28, 1)).astype("float32")
    y = np.eye(10, dtype="float32")[rng.integers(0, 10, 64)]
    model = models.Sequential([
        layers.Conv2D(32, 3, activation="relu", input_shape=(28, 28, 1)),
        layers.MaxPooling2D(2), layers.Conv2D(64, 3, activation="relu"),
        layers.MaxPooling2D(2), layers.Flatten(), layers.Dense(10, activation="softmax")])
    model.compile("adam", "categorical_crossentropy")
    return lambda: model.train_on_batch(x, y)


def torch_step(threads: int) -> Callable[[], Any] | None:
    try:
        import torch
    except ImportError:
        return None
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    nn = torch.nn
    model = nn.Sequential(nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
                          nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                          nn.Linear(64 * 5 * 5, 10))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    x, y = torch.rand(64, 1, 28, 28), torch.randint(0, 10, (64,))

    def step() -> Any:
        opt.zero_grad()
        loss = nn.functional.cross_entropy(model(x), y)
        loss.backward()
        opt.step()
        return loss

    return step


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", default="numpy")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--steps", type=int, default=5)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args(argv)
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = str(args.threads)

    ours = per_step(tensorplug_step(args.backend), args.steps, args.repeat)
    step = torch_step(args.threads)
    theirs = None if step is None else per_step(step, args.steps, args.repeat)
    print(f"convnet train step, batch 64, 28x28x1, threads {args.threads}, "
          f"min of {args.repeat} x {args.steps} steps")
    print(f"  tensorplug-{args.backend:<12} {ours * 1e3:8.1f} ms/step")
    if theirs is None:
        print("  torch               not installed (pip install torch==2.13.0)")
    else:
        print(f"  torch               {theirs * 1e3:8.1f} ms/step")
        print(f"  tensorplug / torch  {ours / theirs:8.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
