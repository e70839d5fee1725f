"""The command line: info, config show/set/init/import-keras, doctor.

Runs with only the core installed: backends are fake entry points (tests/null/fakes.py)
and every test has its own empty TENSORPLUG_HOME (conftest.py).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import types
from pathlib import Path

import pytest
from fakes import complete_impls, entry, impl_like_spec, install
from tensorplug import _config
from tensorplug.cli import main
from tensorplug.hookspecs import KINDS, Kind, names_of_kind

CORRUPT = '{"floatx": "float64",'  # not valid JSON


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def config_file(home: Path, content: str | dict[str, object]) -> Path:
    home.mkdir(parents=True, exist_ok=True)
    path = home / "tensorplug.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content))
    _config.reload()
    return path


# --- the entry points --------------------------------------------------------------


def test_python_dash_m_runs_the_cli() -> None:
    proc = subprocess.run([sys.executable, "-m", "tensorplug", "--help"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    for command in ("info", "config", "doctor", "demo"):
        assert command in proc.stdout


def test_no_command_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys)
    assert code == 2
    assert "usage: tensorplug" in out


# --- info --------------------------------------------------------------------------


def test_info_shows_active_source_and_installed(monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    install(monkeypatch, entry("numpy", version="2.5"),
            entry("gpu", available=False, reason="no CUDA device found", version="0.3"))
    code, out, _ = run_cli(capsys, "info")
    assert code == 0
    assert "Active backend: numpy" in out
    assert "chosen by: the default (DEFAULT_BACKEND)" in out
    assert "numpy  tensorplug-numpy 2.5  available: ok" in out
    assert "gpu    tensorplug-gpu 0.3  unavailable: no CUDA device found" in out
    assert f"Config file: {_config.config_path()}" in out
    assert "does not exist" in out
    assert "floatx = 'float32'  (default)" in out


def test_info_probes_but_never_loads(monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    calls: list[str] = []

    def load() -> list[object]:
        calls.append("load")
        raise AssertionError("info must not load a backend")

    ep = entry("numpy")
    ep.target = types.SimpleNamespace(probe=lambda: (True, "ok"), load=load)
    install(monkeypatch, ep)
    code, out, _ = run_cli(capsys, "info")
    assert code == 0 and calls == []
    assert "loaded" not in out.split("Installed backends:")[1].split("\n")[1]


def test_info_names_env_var_source(monkeypatch: pytest.MonkeyPatch,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    install(monkeypatch, entry("numpy"), entry("alpha"))
    monkeypatch.setenv("TENSORPLUG_BACKEND", "alpha")
    code, out, _ = run_cli(capsys, "info")
    assert code == 0
    assert "Active backend: alpha" in out
    assert "the environment variable TENSORPLUG_BACKEND='alpha'" in out
    assert "TENSORPLUG_BACKEND=alpha" in out.split("Environment:")[1]


def test_info_names_config_file_source(monkeypatch: pytest.MonkeyPatch, home: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    install(monkeypatch, entry("numpy"), entry("alpha"))
    path = config_file(home, {"backend": "alpha", "epsilon": 1e-4})
    code, out, _ = run_cli(capsys, "info")
    assert code == 0
    assert f"chosen by: config file {path} (key 'backend')" in out
    assert "  backend = 'alpha'" in out
    assert "epsilon = 0.0001  (config file)" in out


def test_info_selected_backend_not_installed(monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    install(monkeypatch, entry("numpy"))
    monkeypatch.setenv("TENSORPLUG_BACKEND", "tensorflow")
    code, out, _ = run_cli(capsys, "info")
    assert code == 1
    assert "problem: it is not installed" in out
    assert "pip install tensorplug-tensorflow" in out
    assert "numpy (tensorplug-numpy 1.0)" in out


def test_info_selected_backend_unavailable(monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    install(monkeypatch, entry("numpy", available=False, reason="numpy is not installed"))
    code, out, _ = run_cli(capsys, "info")
    assert code == 1
    assert "problem: it cannot run here: numpy is not installed" in out


def test_info_without_any_backend(monkeypatch: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    install(monkeypatch)
    code, out, _ = run_cli(capsys, "info")
    assert code == 1
    assert "Active backend: none" in out
    assert "No tensorplug backend is installed" in out
    assert "pip install tensorplug-numpy" in out


def test_info_corrupt_config_is_reported_and_untouched(
        monkeypatch: pytest.MonkeyPatch, home: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    install(monkeypatch, entry("numpy"))
    path = config_file(home, CORRUPT)
    code, out, _ = run_cli(capsys, "info")
    assert code == 1
    assert "the config file is invalid" in out
    assert f"Config file {path} is not valid JSON" in out
    assert "config init --force" in out  # the fix
    assert path.read_text() == CORRUPT


def test_info_bad_value_names_key_and_allowed(monkeypatch: pytest.MonkeyPatch, home: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    install(monkeypatch, entry("numpy"))
    config_file(home, {"floatx": "float8"})
    code, out, _ = run_cli(capsys, "info")
    assert code == 1
    assert "Unknown floatx 'float8'" in out and "float16, float32, float64" in out


# --- config show -------------------------------------------------------------------


def test_config_show_without_file(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "config", "show")
    assert code == 0
    assert "does not exist" in out
    assert "image_data_format = 'channels_last'  (default)" in out
    assert not home.exists()  # showing never creates anything


def test_config_show_values(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config_file(home, {"backend": "numpy", "floatx": "float64"})
    code, out, _ = run_cli(capsys, "config")  # `config` alone means `config show`
    assert code == 0
    assert "  backend = 'numpy'" in out
    assert "floatx = 'float64'  (config file)" in out
    assert "epsilon = 1e-07  (default)" in out


def test_config_show_legacy_key_warns(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config_file(home, {"image_dim_ordering": "th"})
    code, out, err = run_cli(capsys, "config", "show")
    assert code == 0
    assert "image_data_format = 'channels_first'  (config file)" in out
    assert "'image_dim_ordering' is deprecated" in err


def test_config_show_corrupt_file(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = config_file(home, CORRUPT)
    code, out, _ = run_cli(capsys, "config", "show")
    assert code == 1
    assert "not valid JSON" in out and "it was not modified" in out
    assert path.read_text() == CORRUPT


# --- config set --------------------------------------------------------------------


def test_config_set_writes_atomically_and_merges(home: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(capsys, "config", "set", "floatx", "float64")[0] == 0
    code, out, _ = run_cli(capsys, "config", "set", "epsilon", "1e-5")
    assert code == 0 and "Set epsilon = 1e-05" in out
    path = home / "tensorplug.json"
    assert json.loads(path.read_text()) == {"floatx": "float64", "epsilon": 1e-05}
    assert isinstance(json.loads(path.read_text())["epsilon"], float)
    assert sorted(p.name for p in home.iterdir()) == ["tensorplug.json"]  # no temp file
    assert _config.read_config_file() == {"floatx": "float64", "epsilon": 1e-05}


@pytest.mark.parametrize(("key", "value", "message"), [
    ("floatx", "float8", "Unknown floatx 'float8'"),
    ("epsilon", "tiny", "Bad epsilon 'tiny'"),
    ("epsilon", "-1", "Bad epsilon -1.0"),
    ("image_data_format", "NHWC", "Allowed: channels_last, channels_first"),
    ("colour", "red", "Unknown config key 'colour'"),
    ("image_dim_ordering", "th", "config set image_data_format"),
])
def test_config_set_rejects_bad_values(home: Path, capsys: pytest.CaptureFixture[str],
                                       key: str, value: str, message: str) -> None:
    path = config_file(home, {"floatx": "float32"})
    code, _, err = run_cli(capsys, "config", "set", key, value)
    assert code == 1
    assert message in err and err.startswith("error: ")
    assert json.loads(path.read_text()) == {"floatx": "float32"}


def test_config_set_backend_warns_when_not_installed(
        monkeypatch: pytest.MonkeyPatch, home: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    install(monkeypatch, entry("numpy"), entry("alpha"))
    code, _, err = run_cli(capsys, "config", "set", "backend", "tensorflow")
    assert code == 0
    assert "backend 'tensorflow' is not installed" in err
    assert "numpy (tensorplug-numpy 1.0), alpha" in err or "alpha (tensorplug-alpha" in err
    assert "pip install tensorplug-tensorflow" in err
    assert json.loads((home / "tensorplug.json").read_text()) == {"backend": "tensorflow"}
    code, _, err = run_cli(capsys, "config", "set", "backend", "alpha")
    assert code == 0 and err == ""


def test_config_set_refuses_corrupt_file_without_force(
        home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = config_file(home, CORRUPT)
    code, _, err = run_cli(capsys, "config", "set", "floatx", "float16")
    assert code == 1
    assert "refusing to overwrite" in err and "--force" in err
    assert path.read_text() == CORRUPT
    assert sorted(p.name for p in home.iterdir()) == ["tensorplug.json"]


def test_config_set_force_replaces_and_keeps_backup(
        home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = config_file(home, CORRUPT)
    code, out, _ = run_cli(capsys, "config", "set", "--force", "floatx", "float16")
    assert code == 0
    assert json.loads(path.read_text()) == {"floatx": "float16"}
    assert (home / "tensorplug.json.bak").read_text() == CORRUPT
    assert "tensorplug.json.bak" in out


# --- config init -------------------------------------------------------------------


def test_config_init_writes_defaults(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "config", "init")
    assert code == 0
    path = home / "tensorplug.json"
    assert json.loads(path.read_text()) == {
        "floatx": "float32", "epsilon": 1e-07, "image_data_format": "channels_last"}
    assert f"Wrote {path}" in out


def test_config_init_with_backend(monkeypatch: pytest.MonkeyPatch, home: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    install(monkeypatch, entry("numpy"))
    code, _, err = run_cli(capsys, "config", "init", "--backend", "numpy")
    assert code == 0 and err == ""
    assert json.loads((home / "tensorplug.json").read_text())["backend"] == "numpy"


def test_config_init_refuses_existing_file(home: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    path = config_file(home, {"floatx": "float64"})
    before = path.read_bytes()
    code, _, err = run_cli(capsys, "config", "init")
    assert code == 1
    assert "already exists" in err and "--force" in err
    assert path.read_bytes() == before


def test_config_init_force_replaces(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = config_file(home, CORRUPT)
    code, _, _ = run_cli(capsys, "config", "init", "--force")
    assert code == 0
    assert json.loads(path.read_text())["floatx"] == "float32"
    assert "backend" not in json.loads(path.read_text())
    assert (home / "tensorplug.json.bak").read_text() == CORRUPT


# --- config import-keras -----------------------------------------------------------


def keras_file(tmp_path: Path, content: dict[str, object]) -> Path:
    path = tmp_path / "dot-keras" / "keras.json"
    path.parent.mkdir()
    path.write_text(json.dumps(content, indent=4))
    os.utime(path, (1_000_000_000, 1_000_000_000))
    return path


def test_import_keras(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, home: Path,
                      capsys: pytest.CaptureFixture[str]) -> None:
    install(monkeypatch, entry("numpy"), entry("tensorflow"))
    keras = keras_file(tmp_path, {"backend": "tensorflow", "floatx": "float64",
                                  "epsilon": 1e-08, "image_data_format": "channels_first"})
    before = keras.read_bytes()
    code, out, err = run_cli(capsys, "config", "import-keras", str(keras))
    assert code == 0, err
    assert json.loads((home / "tensorplug.json").read_text()) == {
        "backend": "tensorflow", "floatx": "float64", "epsilon": 1e-08,
        "image_data_format": "channels_first"}
    assert keras.read_bytes() == before and keras.stat().st_mtime == 1_000_000_000
    assert "(not modified)" in out


def test_import_keras_default_path_and_legacy_keys(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, home: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    install(monkeypatch, entry("numpy"))
    keras = keras_file(tmp_path, {"backend": "theano", "image_dim_ordering": "th",
                                  "floatx": "float32", "epsilon": 1e-07})
    monkeypatch.setenv("KERAS_HOME", str(keras.parent))
    code, _, err = run_cli(capsys, "config", "import-keras")
    assert code == 0
    assert "Theano has no tensorplug backend" in err
    assert "image_dim_ordering 'th' (Keras 1) became image_data_format 'channels_first'" in err
    written = json.loads((home / "tensorplug.json").read_text())
    assert written == {"floatx": "float32", "epsilon": 1e-07,
                       "image_data_format": "channels_first"}


def test_import_keras_cntk_bad_values_and_unknown_keys(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, home: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    install(monkeypatch, entry("numpy"))
    keras = keras_file(tmp_path, {"backend": "cntk", "floatx": "float8",
                                  "image_data_format": "channels_last", "extra": 1})
    code, _, err = run_cli(capsys, "config", "import-keras", str(keras))
    assert code == 0
    assert "CNTK has no tensorplug backend" in err
    assert "skipped floatx: Unknown floatx 'float8'" in err
    assert "skipped 'extra': not a tensorplug setting" in err
    assert json.loads((home / "tensorplug.json").read_text()) == {
        "image_data_format": "channels_last"}


def test_import_keras_dry_run_writes_nothing(tmp_path: Path, home: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    keras = keras_file(tmp_path, {"floatx": "float16"})
    code, out, _ = run_cli(capsys, "config", "import-keras", "--dry-run", str(keras))
    assert code == 0 and "floatx = 'float16'" in out and "was not written" in out
    assert not home.exists()


def test_import_keras_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "config", "import-keras", str(tmp_path / "nope.json"))
    assert code == 1
    assert "No Keras config file at" in err


def test_import_keras_keeps_corrupt_tensorplug_file(
        tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = config_file(home, CORRUPT)
    keras = keras_file(tmp_path, {"floatx": "float16"})
    code, _, err = run_cli(capsys, "config", "import-keras", str(keras))
    assert code == 1 and "--force" in err
    assert path.read_text() == CORRUPT


# --- doctor ------------------------------------------------------------------------


def test_doctor_reports_coverage_by_kind(monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    impls = complete_impls("numpy", square=impl_like_spec("square", lambda x: x))
    install(monkeypatch, entry("numpy", impls, version="3.1"))
    code, out, _ = run_cli(capsys, "doctor")
    assert code == 0
    primitives = names_of_kind(Kind.PRIMITIVE)
    composites = names_of_kind(Kind.COMPOSITE)
    optional = names_of_kind(Kind.OPTIONAL)
    assert "numpy (tensorplug-numpy 3.1)" in out
    assert "contract:     1.0 <= contract < 2.0 (core 1.0)" in out
    assert "dtypes:       float32" in out
    assert f"primitives:   {len(primitives)}/{len(primitives)} implemented" in out
    assert f"composites:   {len(composites)}: 1 overridden by the backend, " in out
    assert "overridden: square" in out
    assert f"optional:     0/{len(optional)} present" in out
    missing_line = next(line for line in out.splitlines() if "missing:" in line)
    assert all(name in missing_line for name in optional)
    assert "1 installed: 1 loaded, 0 unavailable here, 0 failed to load" in out


def test_doctor_reports_load_errors_and_fails(monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    install(monkeypatch,
            entry("numpy"),
            entry("gpu", available=False, reason="no CUDA device"),
            entry("broken", load_error=RuntimeError("boom at import")),
            entry("partial", complete_impls("partial", skip=("add", "exp"))))
    code, out, _ = run_cli(capsys, "doctor")
    assert code == 1
    assert "unavailable here: no CUDA device" in out
    broken = out.split("broken (tensorplug-broken 1.0)")[1].split("\n\n")[0]
    assert "LOAD ERROR (BackendLoadError)" in broken and "boom at import" in broken
    assert "caused by: RuntimeError: boom at import" in broken
    partial = out.split("partial (tensorplug-partial 1.0)")[1].split("\n\n")[0]
    assert "LOAD ERROR (ContractError)" in partial
    assert "missing 2 primitive op(s)" in partial
    assert "add" in partial and "exp" in partial
    assert "primitives:" in out.split("numpy (tensorplug-numpy 1.0)")[1]  # others still load
    assert "4 installed: 1 loaded, 1 unavailable here, 2 failed to load" in out


def test_doctor_unavailable_only_is_not_a_failure(monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    install(monkeypatch, entry("numpy"), entry("gpu", available=False, reason="no device"))
    assert run_cli(capsys, "doctor")[0] == 0


def test_doctor_without_backends(monkeypatch: pytest.MonkeyPatch,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    install(monkeypatch)
    code, out, _ = run_cli(capsys, "doctor")
    assert code == 1 and "pip install tensorplug-numpy" in out


def test_doctor_coverage_partitions_every_op(monkeypatch: pytest.MonkeyPatch) -> None:
    from tensorplug import _registry
    from tensorplug.cli._doctor import coverage

    install(monkeypatch, entry("numpy"))
    cov = coverage(_registry.load("numpy", "test"))
    parts = (cov.primitives + cov.missing_primitives + cov.overridden + cov.generic
             + cov.missing_composites
             + cov.optional_present + cov.optional_missing)
    assert sorted(parts) == sorted(KINDS) and cov.missing_primitives == ()


# --- demo without a usable backend -------------------------------------------------


def test_demo_unknown_backend_is_a_clear_error(monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    install(monkeypatch, entry("numpy"))
    code, _, err = run_cli(capsys, "demo", "--backend", "nope")
    assert code == 1
    assert "Unknown backend 'nope'" in err and "pip install tensorplug-nope" in err
