"""One training step of a 64-128-10 MLP (batch 32): forward, gradients, SGD update.

tensorplug on the numpy backend (the classic Keras way: placeholders, K.gradients and a
K.function with updates, built once) against PyTorch CPU, HIPS autograd and a
hand-written numpy step (the floor), all measured in this run.

    python benchmarks/train_step.py [--repeat 7]

Prints microseconds per step (min over repeats) and each ratio to PyTorch. Target:
tensorplug <= 1.5x PyTorch. Needs torch==2.13.0 (CPU wheel) and autograd for their rows;
a missing one is reported and skipped.
"""

from __future__ import annotations

import argparse
import timeit
from typing import Any, Callable

import numpy as np

B, D, H, C = 32, 64, 128, 10
LR = 0.01


def data(seed: int = 0) -> tuple[np.ndarray, ...]:
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((B, D)).astype(np.float32)
    y = np.eye(C, dtype=np.float32)[rng.integers(0, C, B)]
    w1 = (rng.standard_normal((D, H)) * 0.1).astype(np.float32)
    w2 = (rng.standard_normal((H, C)) * 0.1).astype(np.float32)
    return x, y, w1, np.zeros(H, np.float32), w2, np.zeros(C, np.float32)


def tensorplug_step() -> Callable[[], Any]:
    import tensorplug
    from tensorplug import backend as K

    tensorplug.set_backend("numpy")
    x, y, *params = data()
    w1, b1, w2, b2 = (K.variable(p) for p in params)
    xs, ys = K.placeholder((None, D)), K.placeholder((None, C))
    h = K.relu(K.dot(xs, w1) + b1)
    z = K.dot(h, w2) + b2
    loss = K.mean(K.logsumexp(z, axis=1) - K.sum(z * ys, axis=1))
    grads = K.gradients(loss, [w1, b1, w2, b2])
    updates = [(p, p - LR * g) for p, g in zip((w1, b1, w2, b2), grads)]
    step = K.function([xs, ys], [loss], updates=updates)
    return lambda: step([x, y])


def numpy_step() -> Callable[[], Any]:
    x, y, w1, b1, w2, b2 = data()

    def step() -> float:
        a = x @ w1 + b1
        h = np.maximum(a, 0)
        z = h @ w2 + b2
        m = z.max(axis=1, keepdims=True)
        e = np.exp(z - m)
        s = e.sum(axis=1, keepdims=True)
        loss = float(np.mean(np.log(s[:, 0]) + m[:, 0] - (z * y).sum(axis=1)))
        dz = (e / s - y) / B
        dw2, db2 = h.T @ dz, dz.sum(axis=0)
        da = (dz @ w2.T) * (a > 0)
        dw1, db1 = x.T @ da, da.sum(axis=0)
        for p, g in ((w1, dw1), (b1, db1), (w2, dw2), (b2, db2)):
            p -= LR * g
        return loss

    return step


def torch_step() -> Callable[[], Any]:
    import torch

    torch.set_num_threads(1)
    x, y, *params = (torch.from_numpy(a) for a in data())
    params = [p.clone().requires_grad_(True) for p in params]
    w1, b1, w2, b2 = params

    def step() -> float:
        z = torch.relu(x @ w1 + b1) @ w2 + b2
        loss = (torch.logsumexp(z, dim=1) - (z * y).sum(dim=1)).mean()
        loss.backward()
        with torch.no_grad():
            for p in params:
                p -= LR * p.grad
                p.grad = None
        return float(loss.detach())

    return step


def autograd_step() -> Callable[[], Any]:
    import autograd.numpy as anp
    from autograd import value_and_grad

    x, y, *params = data()

    def loss_fn(p: list[Any]) -> Any:
        w1, b1, w2, b2 = p
        z = anp.maximum(anp.dot(x, w1) + b1, 0) @ w2 + b2
        m = anp.max(z, axis=1, keepdims=True)
        lse = anp.log(anp.sum(anp.exp(z - m), axis=1)) + m[:, 0]
        return anp.mean(lse - anp.sum(z * y, axis=1))

    vg = value_and_grad(loss_fn)

    def step() -> float:
        value, grads = vg(params)
        for p, g in zip(params, grads):
            p -= LR * g
        return float(value)

    return step


def measure(make: Callable[[], Callable[[], Any]], repeat: int) -> float | str:
    try:
        step = make()
    except ImportError as exc:
        return f"skipped ({exc.name} not installed)"
    step()
    timer = timeit.Timer(step)
    number, _ = timer.autorange()
    return min(timer.repeat(repeat, number)) / number * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    rows = {"PyTorch CPU": torch_step, "tensorplug (numpy)": tensorplug_step,
            "HIPS autograd": autograd_step, "hand-written numpy": numpy_step}
    results = {name: measure(make, args.repeat) for name, make in rows.items()}
    base = results["PyTorch CPU"]
    print(f"MLP {D}-{H}-{C}, batch {B}, float32: one step (forward, gradients, SGD)")
    print(f"{'':22s}{'us/step':>10s}{'x PyTorch':>11s}")
    for name, value in results.items():
        if isinstance(value, str):
            print(f"{name:22s}{value:>21s}")
            continue
        ratio = f"{value / base:.2f}" if isinstance(base, float) else "-"
        print(f"{name:22s}{value:10.1f}{ratio:>11s}")
    tp = results["tensorplug (numpy)"]
    if isinstance(tp, float) and isinstance(base, float):
        verdict = "PASS" if tp <= 1.5 * base else "MISS"
        print(f"target tensorplug <= 1.5x PyTorch: {tp / base:.2f}x {verdict}")


if __name__ == "__main__":
    main()
