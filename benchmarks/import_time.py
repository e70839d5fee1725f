"""Import time: ``import tensorplug`` + the first K op against ``import numpy`` + that op.

    python benchmarks/import_time.py [--runs 7] [--profile]

Each measurement is a fresh ``python -c`` subprocess that times its own statements with
``time.perf_counter`` (so interpreter start-up, the same for both, is left out):

- numpy:      ``import numpy as np; np.add(np.ones(3), 1)``
- tensorplug: ``import numpy as np; from tensorplug import backend as K;
  K.add(np.ones(3), 1)`` -- the first K op resolves the backend (config, entry points),
  loads and validates the numpy plugin and binds the hot path.

Runs alternate between the two; prints the median and minimum of each and the
difference (target: tensorplug <= numpy + 50 ms). ``--profile`` also prints the
slowest imports of one tensorplug run (``python -X importtime``) and a cProfile of the
first K op. Always exits 0.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from collections.abc import Sequence

TARGET_MS = 50.0

NUMPY = "import numpy as np; np.add(np.ones(3), 1)"
TENSORPLUG = ("import numpy as np; from tensorplug import backend as K; "
              "K.add(np.ones(3), 1)")
TIMED = ("import time; _t0 = time.perf_counter(); {stmt}; "
         "print(time.perf_counter() - _t0)")
FIRST_OP = """
import cProfile, pstats, numpy as np
from tensorplug import backend as K
cProfile.run("K.add(np.ones(3), 1)", "{out}")
pstats.Stats("{out}").sort_stats("cumulative").print_stats(25)
"""


def run_once(stmt: str) -> float:
    """Seconds the statement took in a fresh interpreter."""
    out = subprocess.run([sys.executable, "-c", TIMED.format(stmt=stmt)], check=True,
                         capture_output=True, text=True).stdout
    return float(out.strip().splitlines()[-1])


def profile() -> None:
    res = subprocess.run([sys.executable, "-X", "importtime", "-c", TENSORPLUG],
                         capture_output=True, text=True)
    rows = []
    for line in res.stderr.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            rows.append((int(parts[1]), parts[2].rstrip()))
    print("\nslowest imports (cumulative us, one run of `python -X importtime`):")
    for us, name in sorted(rows, reverse=True)[:25]:
        print(f"  {us:>8}  {name}")
    out = os.path.join(os.environ.get("TMPDIR", "/tmp"), "tensorplug_first_op.prof")
    print("\nfirst K op (cProfile, cumulative):")
    subprocess.run([sys.executable, "-c", FIRST_OP.format(out=out)], check=False)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args(argv)

    run_once(TENSORPLUG)  # warm the file system cache and .pyc files
    numpy_s, plug_s = [], []
    for _ in range(args.runs):
        numpy_s.append(run_once(NUMPY))
        plug_s.append(run_once(TENSORPLUG))

    def ms(values: list[float], how: str) -> float:
        return 1e3 * (statistics.median(values) if how == "median" else min(values))

    print(f"import time, {args.runs} fresh processes each ({sys.executable})")
    print(f"  numpy:      {NUMPY}")
    print(f"  tensorplug: {TENSORPLUG}")
    print(f"{'':<12}{'median ms':>11}{'min ms':>10}")
    print(f"{'numpy':<12}{ms(numpy_s, 'median'):>11.1f}{ms(numpy_s, 'min'):>10.1f}")
    print(f"{'tensorplug':<12}{ms(plug_s, 'median'):>11.1f}{ms(plug_s, 'min'):>10.1f}")
    diff = ms(plug_s, "median") - ms(numpy_s, "median")
    diff_min = ms(plug_s, "min") - ms(numpy_s, "min")
    print(f"{'difference':<12}{diff:>11.1f}{diff_min:>10.1f}")
    print(f"\ntarget: tensorplug <= numpy + {TARGET_MS:.0f} ms (medians): +{diff:.1f} ms  "
          f"{'PASS' if diff <= TARGET_MS else 'MISS'}")
    if args.profile:
        profile()
    return 0


if __name__ == "__main__":
    sys.exit(main())
