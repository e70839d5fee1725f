"""``python -m tensorplug demo`` trains the digits convnet to >= 0.95 test accuracy on
every available backend, printing the backend, a progress display and the accuracy."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import tensorplug

BACKENDS = [b.name for b in tensorplug.list_backends() if b.available]


def run_demo(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("TENSORPLUG_BACKEND", "TENSORPLUG_TRACE")}
    env["TENSORPLUG_HOME"] = str(home)
    return subprocess.run([sys.executable, "-m", "tensorplug", "demo", *args],
                          capture_output=True, text=True, env=env, timeout=300)


@pytest.mark.slow
@pytest.mark.parametrize("backend", BACKENDS)
def test_demo_reaches_95_percent(tmp_path: Path, backend: str) -> None:
    proc = run_demo(tmp_path, "--backend", backend)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    out = proc.stdout
    assert f"Active backend: {backend} (chosen by: --backend {backend}" in out
    assert re.search(r"^Epoch 1/\d+ - ", out, re.M)  # one line per epoch: not a terminal
    assert "val_accuracy" in out
    found = re.search(r"Test accuracy: ([0-9.]+) \(loss [0-9.]+\) on backend (\S+)", out)
    assert found is not None, out
    assert float(found.group(1)) >= 0.95 and found.group(2) == backend


def test_demo_default_backend_says_where_it_came_from(tmp_path: Path) -> None:
    proc = run_demo(tmp_path)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert proc.stdout.startswith("Active backend: numpy (chosen by: ")
    assert "Test accuracy: " in proc.stdout
