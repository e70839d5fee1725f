"""The conformance command: skipped with "no CUDA device" here; on the numpy namespace
(``cuda_on_numpy``: tensorplug-numpy's impls plus every CuPy override) it passes what
the numpy backend passes."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from tensorplug_cuda import _entry

HERE = Path(__file__).resolve().parent
COMMAND = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider",
           "-p", "tensorplug.testing.plugin", "--pyargs", "tensorplug.testing", "-q"]

pytestmark = pytest.mark.slow


def run_suite(tmp_path: Path, *args: str) -> tuple[int, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("TENSORPLUG_", "PYTEST_"))}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(HERE), env.get("PYTHONPATH")]))
    env["TENSORPLUG_HOME"] = str(tmp_path)
    res = subprocess.run([*COMMAND, *args], cwd=tmp_path, env=env, capture_output=True,
                         text=True, timeout=600)
    return res.returncode, res.stdout + res.stderr


def counts(output: str) -> dict[str, int]:
    summary = output.strip().splitlines()[-1]
    return {word: int(n) for n, word in re.findall(r"(\d+) (\w+)", summary)}


def test_skips_every_test_without_a_device(tmp_path: Path) -> None:
    available, reason = _entry.probe()
    if available:
        pytest.skip(f"this machine has a CUDA device ({reason}); gpu_check.sh runs the suite")
    rc, out = run_suite(tmp_path, "--tensorplug-backend", "cuda", "-rs")
    assert rc == 0, out
    found = counts(out)
    assert set(found) == {"skipped"} and found["skipped"] > 0, out
    reasons = [line for line in out.splitlines() if line.startswith("SKIPPED")]
    assert reasons and all("no CUDA device" in line for line in reasons), reasons


def failed_ids(output: str) -> set[str]:
    return {line.split()[1] for line in output.splitlines() if line.startswith("FAILED ")}


def test_overrides_pass_the_suite_on_numpy(tmp_path: Path) -> None:
    """Every test that passes on the numpy backend passes with the overrides too (the
    numpy backend's failures, if any, are the suite's own work in progress)."""
    rc_np, out_np = run_suite(tmp_path, "--tensorplug-backend", "numpy", "-rf")
    rc, out = run_suite(tmp_path, "-p", "cuda_on_numpy_plugin", "-rf",
                        "--tensorplug-backend", "cuda_on_numpy")
    found = counts(out)
    assert found.get("passed", 0) > 0 and found.get("passed") == counts(out_np).get("passed"), (
        out[-3000:])
    assert failed_ids(out) <= failed_ids(out_np), out[-3000:]
    assert rc == rc_np
