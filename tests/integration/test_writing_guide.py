"""docs/writing-a-backend.md alone leads from nothing to a working plugin: each of its
bash blocks runs, in order, in an empty folder; doctor lists the new backend and the
documented conformance command exits 0 on it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Iterator

import pytest

REPO = Path(__file__).resolve().parents[2]
GUIDE = REPO / "docs" / "writing-a-backend.md"


def bash_blocks() -> list[str]:
    return re.findall(r"```bash\n(.*?)```", GUIDE.read_text(), re.S)


@pytest.fixture
def guide_env(tmp_path: Path) -> Iterator[dict[str, str]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TENSORPLUG_", "PYTEST_"))}
    env.update(TENSORPLUG_SRC=str(REPO), TENSORPLUG_HOME=str(tmp_path / "home"),
               PATH=f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
               PIP_NO_INDEX="1")
    yield env
    subprocess.run([sys.executable, "-m", "pip", "uninstall", "-y", "-q",
                    "tensorplug-mybackend"], capture_output=True, env=env)


def test_every_bash_block_of_the_guide_runs(tmp_path: Path, guide_env: dict[str, str]) -> None:
    import numpy

    if int(numpy.__version__.split(".")[0]) < 2:
        pytest.skip("the guide's environment has numpy >= 2 (the template requires it); "
                    "the numpy 2 session runs this")
    work = tmp_path / "empty"
    work.mkdir()
    outputs = []
    for block in bash_blocks():
        done = subprocess.run(["bash", "-euo", "pipefail", "-c", block], cwd=work,
                              env=guide_env, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, f"block failed:\n{block}\n{done.stdout[-2000:]}" \
                                     f"\n{done.stderr[-2000:]}"
        outputs.append(done.stdout)
    doctor = next(o for b, o in zip(bash_blocks(), outputs) if "tensorplug doctor" in b)
    assert "mybackend" in doctor
    conformance = next(o for b, o in zip(bash_blocks(), outputs)
                       if b.strip().startswith("pytest -p tensorplug.testing.plugin"))
    assert re.search(r"\d+ passed", conformance) and " failed" not in conformance
