"""Data-parallel fit over MPI: samples/s of the demo convnet with 1 and 2 ranks, and the
all-reduce time per step.

    python benchmarks/distribute.py [--ranks 1 2] [--epochs 3] [--batch-size 64]

Launches itself with ``mpiexec -n N`` (the one beside the interpreter, else PATH) for
each N; 1 rank runs without mpiexec (the same script, one process). The model is the
``python -m tensorplug demo`` convnet on scikit-learn's digits (random 8x8 images of the
same size when scikit-learn is missing). One warm-up epoch (tracing) is not timed.
Needs ``pip install 'tensorplug[mpi]'``. On a machine with fewer cores than ranks the
ranks share cores and samples/s cannot scale: the report prints the core count. BLAS
thread pools are sized to cores / ranks unless OMP_NUM_THREADS etc. are set.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

#: BLAS/OpenMP pools sized to cores / ranks (unless set): N processes each running a
#: pool as wide as the machine oversubscribe it (50x slower steps on 2 cores).
THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def worker(epochs: int, batch_size: int) -> None:
    import numpy as np
    from tensorplug import backend as K
    from tensorplug import optimizers
    from tensorplug.cli._demo import build_model, load_digits
    from tensorplug.distribute import MPIStrategy
    from tensorplug.utils import set_random_seed

    strategy = MPIStrategy()
    data = load_digits()
    if data is None:
        rng = np.random.default_rng(0)
        x = rng.random((1437, 8, 8, 1), dtype=np.float32)
        y = np.eye(10, dtype=np.float32)[rng.integers(0, 10, len(x))]
    else:
        x, y = data[0], data[1]
    set_random_seed(0)
    model = build_model(tuple(x.shape[1:]))
    model.compile(optimizers.Adam(learning_rate=0.002), "categorical_crossentropy",
                  metrics=["accuracy"])
    model.fit(x, y, batch_size=batch_size, epochs=1, verbose=0, strategy=strategy)
    col = strategy.collectives
    col.seconds, col.calls = 0.0, 0
    steps_before = strategy.step
    start = time.perf_counter()
    hist = model.fit(x, y, batch_size=batch_size, epochs=epochs, verbose=0,
                     strategy=strategy)
    seconds = time.perf_counter() - start
    steps = strategy.step - steps_before
    if strategy.is_chief:
        print(json.dumps({"ranks": strategy.size, "backend": K.backend(),
                          "samples_per_s": epochs * len(x) / seconds,
                          "step_ms": 1e3 * seconds / steps,
                          "allreduce_ms": 1e3 * col.seconds / max(col.calls, 1),
                          "collectives": col.calls, "steps": steps,
                          "final_loss": hist.history["loss"][-1]}), flush=True)


def mpiexec() -> str:
    beside = Path(sys.executable).parent / "mpiexec"
    found = str(beside) if beside.exists() else shutil.which("mpiexec")
    if found is None:
        raise SystemExit("no mpiexec: pip install 'tensorplug[mpi]'")
    return found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ranks", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        worker(args.epochs, args.batch_size)
        return
    print(f"demo convnet, global batch {args.batch_size}, {args.epochs} timed epochs, "
          f"{os.cpu_count()} CPU cores, backend "
          f"{os.environ.get('TENSORPLUG_BACKEND', '(default)')}")
    print(f"{'ranks':>5} {'samples/s':>10} {'ms/step':>8} {'all-reduce ms/step':>19}")
    for n in args.ranks:
        cmd = [sys.executable, __file__, "--worker", "--epochs", str(args.epochs),
               "--batch-size", str(args.batch_size)]
        if n > 1:
            cmd = [mpiexec(), "-n", str(n), *cmd]
        env = dict(os.environ)
        for var in THREAD_VARS:  # one BLAS thread pool per core share, not per process
            env.setdefault(var, str(max(1, (os.cpu_count() or 1) // n)))
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=600, env=env)
        lines = [ln for ln in out.stdout.splitlines() if ln.startswith("{")]
        if out.returncode != 0 or not lines:
            raise SystemExit(f"{n} ranks failed:\n{out.stdout[-2000:]}{out.stderr[-2000:]}")
        r = json.loads(lines[-1])
        print(f"{r['ranks']:>5} {r['samples_per_s']:>10.0f} {r['step_ms']:>8.2f} "
              f"{r['allreduce_ms']:>19.3f}")


if __name__ == "__main__":
    main()
