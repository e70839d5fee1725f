"""A backend built outside plugins/ is discovered, selected by TENSORPLUG_BACKEND and
passes the conformance suite (its composites all come from tensorplug.generic)."""

from __future__ import annotations

from pathlib import Path

from conftest import CONFORMANCE, run_python


def test_tiny_is_discovered_with_its_version(tiny_path: Path, tmp_path: Path) -> None:
    code = ("import tensorplug\n"
            "for s in tensorplug.list_backends():\n"
            "    print(s.name, s.distribution, s.version, s.available)\n")
    out = run_python(["-c", code], tiny_path, tmp_path)
    assert out.returncode == 0, out.stderr
    assert "tiny tensorplug-tiny 0.0.1 True" in out.stdout.splitlines()


def test_tiny_selected_by_env_var(tiny_path: Path, tmp_path: Path) -> None:
    code = ("from tensorplug import backend as K\n"
            "x = K.constant([[1.0, 2.0], [3.0, 4.0]])\n"
            "print(K.backend(), type(x).__name__, K.to_numpy(K.mean(x, axis=1)).tolist())\n")
    out = run_python(["-c", code], tiny_path, tmp_path, TENSORPLUG_BACKEND="tiny")
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "tiny TinyTensor [1.5, 3.5]"


def test_tiny_passes_the_conformance_suite(tiny_path: Path, tmp_path: Path) -> None:
    out = run_python([*CONFORMANCE, "--tensorplug-backend", "tiny", "-q", "-p",
                      "no:cacheprovider"], tiny_path, tmp_path)
    tail = out.stdout[-3000:]
    assert out.returncode == 0, tail + out.stderr[-2000:]
    assert " passed" in tail and " failed" not in tail


def test_tiny_doctor_lists_generic_composites(tiny_path: Path, tmp_path: Path) -> None:
    out = run_python(["-m", "tensorplug", "doctor"], tiny_path, tmp_path)
    assert "tiny" in out.stdout, out.stdout + out.stderr
