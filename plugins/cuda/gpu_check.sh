#!/usr/bin/env bash
# GPU check of tensorplug-cuda, for a machine with a CUDA device that already has CuPy
# (cupy-cuda13x 14.2), numpy (2.5), pytest and pluggy on Python 3.12, and no network.
# It installs only this project's own wheels, with --no-deps, into a scratch folder, then:
#   1. prints the environment and what the driver probe says            -> env.txt
#   2. runs the conformance suite on `cuda` (time-limited)              -> conformance.txt
#   3. runs the dispatch benchmark and smoke check (gpu_bench.py)       -> bench.txt, bench.json
#   4. trains models on cuda: tests/integration/test_models_*.py, demo  -> models.txt
#   5. writes the counts and figures                                    -> summary.txt
# Everything lands in $OUT (default ./gpu_check_out). About 6 minutes at most
# (scikit-learn and h5py, for the demo and saving tests, are expected to be there).
#
# Build the wheels first, on any machine, from the repository root:
#   pip wheel --no-deps ./core ./plugins/numpy ./plugins/cuda -w .whl
# then, on the GPU machine, from the repository root:
#   bash plugins/cuda/gpu_check.sh [WHEEL_DIR]        # WHEEL_DIR defaults to .whl
# Knobs: PYTHON (default python3), CONFORMANCE_TIMEOUT (s, default 170),
# BENCH_TIMEOUT (s, default 50), MODELS_TIMEOUT (s, default 90), XDIST (pytest-xdist workers: default 8 when xdist is
# installed, 0 for none; CuPy compiles each kernel on first use, so workers pay off).
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
WHEELS=$(cd "${1:-$ROOT/.whl}" && pwd) || { echo "no wheel folder ${1:-$ROOT/.whl}" >&2; exit 2; }
OUT=${OUT:-$PWD/gpu_check_out}
PY=${PYTHON:-python3}
SITE=$(mktemp -d /tmp/tensorplug-site.XXXXXX)
WORK=$(mktemp -d /tmp/tensorplug-run.XXXXXX)   # pytest runs here: no repo conftest or config
mkdir -p "$OUT"
export PYTHONUNBUFFERED=1

shopt -s nullglob
OURS=("$WHEELS"/tensorplug-[0-9]*.whl "$WHEELS"/tensorplug_numpy-*.whl "$WHEELS"/tensorplug_cuda-*.whl)
[ ${#OURS[@]} -eq 3 ] || { echo "want 3 tensorplug wheels in $WHEELS, found: ${OURS[*]}" >&2; exit 2; }

echo "== install (no deps) into $SITE"
"$PY" -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --target "$SITE" \
    "${OURS[@]}" || exit 2
export PYTHONPATH="$SITE${PYTHONPATH:+:$PYTHONPATH}"

echo "== environment" | tee "$OUT/env.txt"
{
    if command -v nvidia-smi >/dev/null; then nvidia-smi -L; else echo "no nvidia-smi"; fi
    "$PY" - <<'EOF'
import platform, numpy, cupy, pluggy, pytest, tensorplug
from tensorplug_cuda import _entry
print(f"Python {platform.python_version()}; numpy {numpy.__version__}; CuPy {cupy.__version__}; "
      f"pluggy {pluggy.__version__}; pytest {pytest.__version__}; tensorplug {tensorplug.__file__}")
print("cuda probe:", _entry.probe())
try:
    print("CuPy runtime devices:", cupy.cuda.runtime.getDeviceCount())
except Exception as exc:
    print("CuPy runtime devices: none:", type(exc).__name__, exc)
for s in tensorplug.list_backends():
    print(f"backend {s.name}: available={s.available} ({s.reason})")
EOF
} 2>&1 | tee -a "$OUT/env.txt"

echo "== conformance on cuda (limit ${CONFORMANCE_TIMEOUT:-170}s)"
PARALLEL=()
XDIST=${XDIST:-$("$PY" -c 'import xdist' 2>/dev/null && echo 8 || echo 0)}
[ "$XDIST" != 0 ] && PARALLEL=(-n "$XDIST")
echo "pytest-xdist workers: $XDIST"
(cd "$WORK" && timeout "${CONFORMANCE_TIMEOUT:-170}" "$PY" -m pytest -p no:cacheprovider \
    -p tensorplug.testing.plugin --pyargs tensorplug.testing --tensorplug-backend cuda \
    -q -rfEX --durations=10 "${PARALLEL[@]}") 2>&1 | tee "$OUT/conformance.txt"
CONF_RC=${PIPESTATUS[0]}

echo "== dispatch benchmark and smoke check (limit ${BENCH_TIMEOUT:-50}s)"
(cd "$WORK" && timeout "${BENCH_TIMEOUT:-50}" "$PY" "$ROOT/plugins/cuda/gpu_bench.py" \
    --out "$OUT") 2>&1 | tee "$OUT/bench.log"
BENCH_RC=${PIPESTATUS[0]}

echo "== models on cuda (limit ${MODELS_TIMEOUT:-90}s)"
(cd "$ROOT" && TENSORPLUG_BACKEND=cuda TENSORPLUG_HOME="$WORK" timeout "${MODELS_TIMEOUT:-90}" \
    "$PY" -m pytest -p no:cacheprovider tests/integration/test_models_*.py -q -rfEs \
    --durations=5) 2>&1 | tee "$OUT/models.txt"
MODELS_RC=${PIPESTATUS[0]}

{
    echo "conformance exit $CONF_RC (124 = timed out): $(grep -E '^[0-9]+ (passed|failed|skipped|error)|(passed|failed|skipped|error).* in [0-9.]+s' "$OUT/conformance.txt" | tail -1)"
    echo "benchmark exit $BENCH_RC (124 = timed out)"
    echo "models exit $MODELS_RC (124 = timed out): $(grep -E '(passed|failed|error).* in [0-9.]+s' "$OUT/models.txt" | tail -1)"
    cat "$OUT/bench.txt" 2>/dev/null
} | tee "$OUT/summary.txt"
rm -rf "$SITE" "$WORK"
[ "$CONF_RC" -eq 0 ] && [ "$BENCH_RC" -eq 0 ] && [ "$MODELS_RC" -eq 0 ]
