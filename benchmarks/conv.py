"""conv2d on the numpy backend against numpy-only and scipy.signal baselines.

    python benchmarks/conv.py [--padding valid] [--dtype float32] [--repeat 9] [--min-time 0.02]

At the demo model's sizes (digits images: batch 32, 8x8x1 input, a 3x3x1x16 kernel, then
a (32, 6, 6, 16) activation with a 3x3x16x32 kernel), channels last, it times in the
same run, interleaved:

- ``K.conv2d(x, kernel, padding=...)``: the facade plus the numpy backend's override;
- ``impl``: the callable the facade is bound to, called with normalised arguments (what
  the facade's argument checks cost is K - impl);
- ``einsum``: ``np.einsum("bhwcij,ijcf->bhwf", sliding_window_view(x), kernel,
  optimize=True)`` on the (padded) input;
- ``scipy.signal``: one ``scipy.signal.correlate(x, kernel[..., f][None], "valid")`` per
  output filter on the (padded) input, concatenated (skipped, with a note, when scipy is
  not installed).

All four results are checked to agree before timing. Prints microseconds per call, the
ratios of K to each baseline, and the target: K <= 1.5x the faster baseline, PASS/MISS.
Always exits 0: benchmarks report, tests assert.
"""

from __future__ import annotations

import argparse
import importlib.util
import math
import os
import platform
import sys
import timeit
from collections.abc import Callable, Sequence
from typing import Any

TARGET = 1.5  # K.conv2d / faster baseline
LAYERS = {"layer1": ((32, 8, 8, 1), (3, 3, 1, 16)), "layer2": ((32, 6, 6, 16), (3, 3, 16, 32))}


def time_interleaved(fns: Sequence[Callable[[], object]], numbers: Sequence[int],
                     repeat: int) -> list[float]:
    """Seconds per call of each fn (run ``numbers[i]`` times per timing): minimum over
    ``repeat`` interleaved rounds."""
    timers = [timeit.Timer(fn) for fn in fns]
    best = [math.inf] * len(fns)
    for _ in range(repeat):
        for i, (timer, number) in enumerate(zip(timers, numbers)):
            best[i] = min(best[i], timer.timeit(number) / number)
    return best


def same_pads(size: int, k: int) -> tuple[int, int]:
    """TensorFlow's 'same' split at stride 1 (the extra element after)."""
    total = k - 1
    return total // 2, total - total // 2


def baselines(np: Any, x: Any, kernel: Any, padding: str) -> dict[str, Callable[[], Any]]:
    from numpy.lib.stride_tricks import sliding_window_view

    kh, kw = kernel.shape[:2]

    def padded() -> Any:
        if padding == "valid":
            return x
        return np.pad(x, ((0, 0), same_pads(x.shape[1], kh), same_pads(x.shape[2], kw),
                          (0, 0)))

    def einsum() -> Any:
        windows = sliding_window_view(padded(), (kh, kw), axis=(1, 2))
        return np.einsum("bhwcij,ijcf->bhwf", windows, kernel, optimize=True)

    fns = {"einsum": einsum}
    if importlib.util.find_spec("scipy") is not None:
        from scipy import signal

        def scipy_signal() -> Any:
            xp = padded()
            return np.concatenate([signal.correlate(xp, kernel[None, ..., f], mode="valid")
                                   for f in range(kernel.shape[-1])], axis=-1)

        fns["scipy.signal"] = scipy_signal
    return fns


def loops_for(fn: Callable[[], object], min_time: float) -> int:
    timer = timeit.Timer(fn)
    for exponent in range(9):
        for mult in (1, 2, 5):
            number = mult * 10 ** exponent
            if timer.timeit(number) >= min_time:
                return number
    return number


def run_layer(np: Any, K: Any, impl: Any, xs: tuple[int, ...], ks: tuple[int, ...],
              padding: str, dtype: str, repeat: int, min_time: float) -> dict[str, float]:
    rng = np.random.default_rng(0)
    x = rng.standard_normal(xs).astype(dtype)
    kernel = rng.standard_normal(ks).astype(dtype)
    fns: dict[str, Callable[[], Any]] = {
        "K": lambda: K.conv2d(x, kernel, padding=padding),
        "impl": lambda: impl(x, kernel, (1, 1), padding, "channels_last", (1, 1)),
        **baselines(np, x, kernel, padding),
    }
    want = np.asarray(fns["einsum"](), dtype=np.float64)
    for name, fn in fns.items():
        got = np.asarray(K.to_numpy(fn()) if name in ("K", "impl") else fn(), np.float64)
        if got.shape != want.shape or not np.allclose(got, want, rtol=1e-4, atol=1e-4):
            raise SystemExit(f"{name} disagrees with einsum at x{xs} kernel{ks}")
    numbers = [loops_for(fn, min_time) for fn in fns.values()]  # each its own loop count
    times = time_interleaved(list(fns.values()), numbers, repeat)
    return {name: t * 1e6 for name, t in zip(fns, times)}


def report(results: dict[str, dict[str, float]], has_scipy: bool) -> None:
    names = ["K", "impl", "einsum"] + (["scipy.signal"] if has_scipy else [])
    header = f"{'layer':<8}{'x':<17}{'kernel':<16}" + "".join(f"{n + ' us':>16}" for n in names)
    ratios = ["K/einsum"] + (["K/scipy"] if has_scipy else []) + ["K/best"]
    print(header + "".join(f"{r:>10}" for r in ratios))
    verdicts = []
    for layer, row in results.items():
        xs, ks = LAYERS[layer]
        line = f"{layer:<8}{str(xs):<17}{str(ks):<16}" + "".join(
            f"{row[n]:>16.1f}" for n in names)
        best = min(row[n] for n in names if n not in ("K", "impl"))
        line += f"{row['K'] / row['einsum']:>10.2f}"
        if has_scipy:
            line += f"{row['K'] / row['scipy.signal']:>10.3f}"
        line += f"{row['K'] / best:>10.2f}"
        print(line)
        verdicts.append((layer, row["K"] / best))
    if not has_scipy:
        print("scipy is not installed: the scipy.signal baseline was skipped "
              "(pip install scipy to add it).")
    print(f"\ntarget: K.conv2d <= {TARGET:.1f}x the faster baseline")
    for layer, ratio in verdicts:
        print(f"  {layer}: {ratio:.2f}x  {'PASS' if ratio <= TARGET else 'MISS'}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--padding", default="valid", choices=("valid", "same"))
    parser.add_argument("--dtype", default="float32", choices=("float32", "float64"))
    parser.add_argument("--repeat", type=int, default=9, help="interleaved rounds (min kept)")
    parser.add_argument("--min-time", type=float, default=0.02,
                        help="seconds one timing lasts (sets each callable's loop count)")
    args = parser.parse_args(argv)

    import numpy as np
    import tensorplug
    from tensorplug import backend as K
    from tensorplug.backend import _conv

    tensorplug.set_backend("numpy")
    K.conv2d(np.zeros((1, 3, 3, 1)), np.zeros((1, 1, 1, 1)))  # resolve and bind first
    impl = _conv._conv2d
    has_scipy = importlib.util.find_spec("scipy") is not None
    scipy_version = importlib.import_module("scipy").__version__ if has_scipy else "absent"
    print(f"conv2d benchmark: numpy backend ({getattr(impl, '__qualname__', impl)}), "
          f"numpy {np.__version__}, scipy {scipy_version}, Python "
          f"{platform.python_version()}, {args.dtype}, padding={args.padding!r}, "
          f"channels_last, min of {args.repeat} interleaved rounds, "
          f"OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', '(unset)')}\n")
    results = {layer: run_layer(np, K, impl, xs, ks, args.padding, args.dtype, args.repeat,
                                args.min_time)
               for layer, (xs, ks) in LAYERS.items()}
    report(results, has_scipy)
    return 0


if __name__ == "__main__":
    sys.exit(main())
