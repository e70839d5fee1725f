"""The cuda backend on a real device: a smoke check, then K's dispatch cost against raw CuPy.

    python plugins/cuda/gpu_bench.py [--out DIR] [--sizes 8 1024] [--calls 2000] [--repeat 5]

Smoke: tensors are ``cupy.ndarray``; numpy inputs are uploaded; ``K.to_numpy``; 0-d full
reductions; int64 argmax; moving tensors to and from the numpy backend.

Timing: for each op (add, dot, sum) and size, ``calls`` back-to-back calls followed by
one stream synchronisation, timed for K and for the raw CuPy call in turn, ``repeat``
times; the minimum per-call time is kept. Small sizes measure launch overhead (what K
adds per call), large ones device work. Timings run before the smoke check's
``to_backend`` loads the numpy backend (two loaded backends switch the facade to its
scoped mode). Writes ``bench.json`` and ``bench.txt`` to ``--out``; exits 1 when the
smoke check fails.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import cupy as cp
import numpy as np
import tensorplug
from tensorplug import _dispatch
from tensorplug import backend as K


def sync() -> None:
    cp.cuda.get_current_stream().synchronize()


def per_call(fn: Callable[[], Any], calls: int) -> float:
    """Seconds per call: ``calls`` launches then one synchronisation."""
    start = time.perf_counter()
    for _ in range(calls):
        fn()
    sync()
    return (time.perf_counter() - start) / calls


def cases(n: int) -> list[tuple[str, Callable[[], Any], Callable[[], Any]]]:
    rng = np.random.default_rng(0)
    a = cp.asarray(rng.random((n, n), dtype=np.float32))
    b = cp.asarray(rng.random((n, n), dtype=np.float32))
    return [
        ("add", lambda: K.add(a, b), lambda: cp.add(a, b)),
        ("dot", lambda: K.dot(a, b), lambda: a.dot(b)),
        ("sum", lambda: K.sum(a), lambda: a.sum()),
    ]


def bench(sizes: list[int], calls: int, repeat: int) -> list[dict[str, Any]]:
    rows = []
    for n in sizes:
        for name, k_call, raw_call in cases(n):
            for fn in (k_call, raw_call):  # compile kernels, warm the allocator
                fn()
            sync()
            k_best = raw_best = float("inf")
            for _ in range(repeat):
                k_best = min(k_best, per_call(k_call, calls))
                raw_best = min(raw_best, per_call(raw_call, calls))
            rows.append({"op": name, "size": n, "k_us": k_best * 1e6,
                         "cupy_us": raw_best * 1e6, "ratio": k_best / raw_best,
                         "k_adds_ns": (k_best - raw_best) * 1e9})
    return rows


def check(label: str, ok: bool, failures: list[str]) -> None:
    print(f"  {'ok  ' if ok else 'FAIL'} {label}")
    if not ok:
        failures.append(label)


def smoke() -> list[str]:
    failures: list[str] = []
    host = np.arange(6, dtype=np.float32).reshape(2, 3)
    x = K.convert_to_tensor(host)
    check("convert_to_tensor gives cupy.ndarray", isinstance(x, cp.ndarray), failures)
    y = K.add(x, host)  # a numpy operand is uploaded
    check("add(cupy, numpy) -> cupy", isinstance(y, cp.ndarray), failures)
    check("to_numpy values", np.array_equal(K.to_numpy(y), host * 2), failures)
    s = K.sum(K.cast(x, "int32"))
    check("sum(int32) -> 0-d int64", (s.shape, str(s.dtype)) == ((), "int64"), failures)
    am = K.argmax(x, axis=-1)
    check("argmax -> int64", str(am.dtype) == "int64", failures)
    check("clip", np.array_equal(K.to_numpy(K.clip(x, 1.0, 4.0)), np.clip(host, 1, 4)),
          failures)
    check("dot(cupy, numpy)", np.allclose(K.to_numpy(K.dot(x, host.T)), host @ host.T),
          failures)
    on_numpy = K.to_backend(x, "numpy")
    check("to_backend(cuda -> numpy)", type(on_numpy) is np.ndarray
          and np.array_equal(on_numpy, host), failures)
    back = K.to_backend(on_numpy, "cuda")
    check("to_backend(numpy -> cuda)", isinstance(back, cp.ndarray)
          and np.array_equal(cp.asnumpy(back), host), failures)
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("."))
    parser.add_argument("--sizes", type=int, nargs="+", default=[8, 1024])
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)

    tensorplug.set_backend("cuda")
    props = cp.cuda.runtime.getDeviceProperties(0)
    device = props["name"].decode() if isinstance(props["name"], bytes) else props["name"]
    head = (f"device {device}; CuPy {cp.__version__}; numpy {np.__version__}; "
            f"Python {platform.python_version()}; tensorplug {tensorplug.__version__}")
    print(head)
    mode = _dispatch.mode
    rows = bench(args.sizes, args.calls, args.repeat)
    lines = [head, f"dispatch mode during timing: {mode}; {args.calls} calls x "
             f"{args.repeat} repeats, min per call, one sync per {args.calls} calls",
             f"{'op':<5} {'size':>5} {'K us':>9} {'CuPy us':>9} {'K/CuPy':>7} {'K adds ns':>10}"]
    for r in rows:
        lines.append(f"{r['op']:<5} {r['size']:>5} {r['k_us']:>9.2f} {r['cupy_us']:>9.2f} "
                     f"{r['ratio']:>7.3f} {r['k_adds_ns']:>10.0f}")
    print("\n".join(lines[1:]))
    print("smoke:")
    failures = smoke()
    lines.append("smoke: " + ("all ok" if not failures else "FAILED: " + ", ".join(failures)))
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "bench.txt").write_text("\n".join(lines) + "\n")
    (args.out / "bench.json").write_text(json.dumps(
        {"device": device, "cupy": cp.__version__, "numpy": np.__version__,
         "dispatch_mode": mode, "rows": rows, "smoke_failures": failures}, indent=1))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
