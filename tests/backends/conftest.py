"""Build and install the test-tree backends into temporary folders, once per session.

Installed with ``pip install --no-deps --no-build-isolation --target TMP`` (their build
backend, hatchling, is a test requirement; nothing is downloaded), then used from
subprocesses with ``PYTHONPATH=TMP`` so importlib.metadata finds their entry points.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent
REPO = HERE.parent.parent
CONFORMANCE = ("-m", "pytest", "-p", "tensorplug.testing.plugin", "--pyargs",
               "tensorplug.testing")


def install(project: str, target: Path) -> Path:
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps",
                    "--no-build-isolation", "--no-index", "--quiet", "--target", str(target),
                    str(HERE / project)], check=True)
    return target


@pytest.fixture(scope="session")
def tiny_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return install("tiny_backend", tmp_path_factory.mktemp("tiny"))


@pytest.fixture(scope="session")
def sabotaged_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return install("sabotaged_backend", tmp_path_factory.mktemp("sabotaged"))


def run_python(args: list[str], path: Path | None, tmp: Path,
               **env: str) -> subprocess.CompletedProcess[str]:
    """Run ``python *args`` with the installed test backend on PYTHONPATH."""
    full_env = {k: v for k, v in os.environ.items()
                if not k.startswith(("TENSORPLUG_", "PYTEST_"))}
    full_env.update(env, TENSORPLUG_HOME=str(tmp / "home"))
    if path is not None:
        full_env["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(path), full_env.get("PYTHONPATH", "")) if p)
    return subprocess.run([sys.executable, *args], capture_output=True, text=True,
                          env=full_env, cwd=tmp, timeout=900)
