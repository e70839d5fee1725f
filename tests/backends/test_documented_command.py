"""The conformance command as the docs print it, run verbatim on the numpy backend."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from conftest import REPO, run_python


def documented_command() -> str:
    text = (REPO / "docs" / "testing-a-backend.md").read_text()
    blocks = re.findall(r"```bash\n(.*?)```", text, re.S)
    commands = [line.strip() for block in blocks for line in block.splitlines()
                if line.strip().startswith("pytest -p tensorplug.testing.plugin")]
    assert commands, "docs/testing-a-backend.md shows no conformance command"
    return commands[0]


def test_documented_conformance_command_runs_verbatim(tmp_path: Path) -> None:
    command = documented_command()
    assert command == ("pytest -p tensorplug.testing.plugin --pyargs tensorplug.testing "
                       "--tensorplug-backend numpy")
    argv = shlex.split(command)
    out = run_python(["-m", *argv], None, tmp_path)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-2000:]
    assert re.search(r"\d+ passed", out.stdout)
