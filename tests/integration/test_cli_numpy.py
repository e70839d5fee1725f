"""The command line on the real NumPy backend, and the docs examples that show it.

Each command runs in a fresh interpreter (``python -m tensorplug``) with an empty
TENSORPLUG_HOME, as a user would run it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from tensorplug.hookspecs import Kind, names_of_kind

DOCS = Path(__file__).resolve().parents[2] / "docs"


def run(home: Path, *args: str, code: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("TENSORPLUG_BACKEND", "TENSORPLUG_TRACE")}
    env["TENSORPLUG_HOME"] = str(home)
    argv = [sys.executable, "-c", code] if code else [sys.executable, "-m", "tensorplug", *args]
    return subprocess.run(argv, capture_output=True, text=True, env=env, timeout=120)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "tphome"


def test_info_probes_numpy_without_importing_it(home: Path) -> None:
    code = ("import sys\nfrom tensorplug.cli import main\nrc = main(['info'])\n"
            "assert 'numpy' not in sys.modules, 'info imported numpy'\nsys.exit(rc)")
    proc = run(home, code=code)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Active backend: numpy" in proc.stdout
    assert re.search(r"numpy +tensorplug-numpy \S+ +available", proc.stdout)


def test_doctor_loads_numpy(home: Path) -> None:
    proc = run(home, "doctor")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    n = len(names_of_kind(Kind.PRIMITIVE))
    assert f"primitives:   {n}/{n} implemented" in proc.stdout
    assert "failed to load" in proc.stdout and " 0 failed to load" in proc.stdout


def test_demo_backend_option(home: Path) -> None:
    proc = run(home, "demo", "--backend", "numpy")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "chosen by: --backend numpy (tensorplug.set_backend)" in proc.stdout
    assert "Test accuracy:" in proc.stdout and "on backend numpy" in proc.stdout


def test_config_cycle_then_k_reads_it(home: Path) -> None:
    assert run(home, "config", "init", "--backend", "numpy").returncode == 0
    assert run(home, "config", "set", "floatx", "float64").returncode == 0
    proc = run(home, code="from tensorplug import backend as K\n"
                          "print(K.backend(), K.floatx(), K.dtype(K.constant(1.0)))")
    assert proc.stdout.split() == ["numpy", "float64", "float64"]
