"""Every error of issue #2, point 6, checked for message content; none touches the
config file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import tensorplug
from fakes import complete_impls, entry, hookimpl, info, install
from tensorplug import backend as K


@pytest.fixture
def config_file(home: Path) -> Path:
    home.mkdir(exist_ok=True)
    return home / "tensorplug.json"


def unchanged(path: Path, before: bytes | None) -> bool:
    return (path.read_bytes() if path.exists() else None) == before


def test_unknown_backend_from_call(monkeypatch: pytest.MonkeyPatch) -> None:
    install(monkeypatch, entry("numpy", version="2.1"))
    with pytest.raises(tensorplug.BackendNotFoundError) as err:
        tensorplug.set_backend("jax")
    msg = str(err.value)
    assert "'jax'" in msg and "tensorplug.set_backend('jax')" in msg
    assert "numpy (tensorplug-numpy 2.1)" in msg
    assert "pip install tensorplug-jax" in msg
    assert "config set backend" in msg
    assert isinstance(err.value, ValueError)


def test_unknown_backend_from_env_var(monkeypatch: pytest.MonkeyPatch) -> None:
    install(monkeypatch, entry("numpy"))
    monkeypatch.setenv("TENSORPLUG_BACKEND", "theano")
    with pytest.raises(tensorplug.BackendNotFoundError, match="TENSORPLUG_BACKEND='theano'"):
        K.add(1, 2)


def test_unknown_backend_from_config_file(monkeypatch: pytest.MonkeyPatch,
                                          config_file: Path) -> None:
    config_file.write_text(json.dumps({"backend": "cntk"}))
    before = config_file.read_bytes()
    install(monkeypatch, entry("numpy"))
    with pytest.raises(tensorplug.BackendNotFoundError) as err:
        K.backend()
    assert f"config file {config_file} (key 'backend')" in str(err.value)
    assert "pip install tensorplug-cntk" in str(err.value)
    assert unchanged(config_file, before)


def test_plugin_raising_on_load_names_plugin_and_keeps_others(
        monkeypatch: pytest.MonkeyPatch) -> None:
    boom = RuntimeError("libfoo.so missing")
    install(monkeypatch, entry("numpy"),
            entry("broken", load_error=boom, dist="tensorplug-broken", version="0.3"))
    with pytest.raises(tensorplug.BackendLoadError) as err:
        tensorplug.set_backend("broken")
    msg = str(err.value)
    assert "'broken'" in msg and "tensorplug-broken 0.3" in msg and "libfoo.so missing" in msg
    assert err.value.__cause__ is boom
    assert isinstance(err.value, ImportError)
    assert K.backend() == "numpy"  # others keep working
    assert [s.name for s in tensorplug.list_backends()] == ["broken", "numpy"]


def test_broken_probe_reports_unavailable(monkeypatch: pytest.MonkeyPatch) -> None:
    ep = entry("weird")
    ep.target.probe = lambda: 1 / 0
    install(monkeypatch, entry("numpy"), ep)
    status = {s.name: s for s in tensorplug.list_backends()}["weird"]
    assert not status.available and "ZeroDivisionError" in status.reason


def test_missing_primitives_are_listed_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    impls = complete_impls("partial", skip=("add", "dot", "cast"))
    install(monkeypatch, entry("partial", impls))
    with pytest.raises(tensorplug.ContractError) as err:
        tensorplug.set_backend("partial")
    msg = str(err.value)
    assert "missing 3 primitive op(s): cast, add, dot." in msg


def test_signature_differing_from_spec(monkeypatch: pytest.MonkeyPatch) -> None:
    def clip(x, max_value, min_value):  # type: ignore[no-untyped-def]
        return x

    impls = complete_impls("swapped", clip=hookimpl(clip))
    install(monkeypatch, entry("swapped", impls))
    with pytest.raises(tensorplug.ContractError) as err:
        tensorplug.set_backend("swapped")
    msg = str(err.value)
    assert "hook:   clip" in msg
    assert "spec:   clip(x, min_value, max_value)" in msg
    assert "impl:   clip(x, max_value, min_value)" in msg
    assert "plugin: fake_swapped_impls" in msg


def test_subset_signature_is_refused_too(monkeypatch: pytest.MonkeyPatch) -> None:
    def sum(x, axis):  # type: ignore[no-untyped-def]  # noqa: A001
        return x

    install(monkeypatch, entry("lazy", complete_impls("lazy", sum=hookimpl(sum))))
    with pytest.raises(tensorplug.ContractError, match=r"impl:   sum\(x, axis\)"):
        tensorplug.set_backend("lazy")


def test_unknown_hook_name(monkeypatch: pytest.MonkeyPatch) -> None:
    def addd(x, y):  # type: ignore[no-untyped-def]
        return x

    install(monkeypatch, entry("typo", complete_impls("typo", addd=hookimpl(addd))))
    with pytest.raises(tensorplug.ContractError, match="addd"):
        tensorplug.set_backend("typo")


@pytest.mark.parametrize("contract, fix", [
    (((0, 1), (1, 0)), "pip install -U tensorplug-old"),
    (((2, 0), (3, 0)), "pip install -U tensorplug"),
])
def test_contract_version_out_of_range(monkeypatch: pytest.MonkeyPatch,
                                       contract: tuple, fix: str) -> None:
    impls = complete_impls("old", backend_info=info("old", contract))
    install(monkeypatch, entry("old", impls))
    with pytest.raises(tensorplug.ContractError) as err:
        tensorplug.set_backend("old")
    msg = str(err.value)
    assert "contract 1.0" in msg and fix in msg


def test_two_distributions_claiming_one_name(monkeypatch: pytest.MonkeyPatch) -> None:
    install(monkeypatch, entry("numpy", dist="tensorplug-numpy", version="1.0"),
            entry("numpy", dist="numpy-backend-fork", version="0.9"))
    with pytest.raises(tensorplug.DuplicateBackendError) as err:
        K.backend()
    msg = str(err.value)
    assert "tensorplug-numpy 1.0" in msg and "numpy-backend-fork 0.9" in msg
    assert "pip uninstall" in msg


def test_invalid_json_config(monkeypatch: pytest.MonkeyPatch, config_file: Path) -> None:
    config_file.write_text('{"backend": "numpy",')
    before = config_file.read_bytes()
    install(monkeypatch, entry("numpy"))
    with pytest.raises(tensorplug.ConfigError) as err:
        K.floatx()
    msg = str(err.value)
    assert str(config_file) in msg and "not valid JSON" in msg and "--force" in msg
    assert unchanged(config_file, before)


@pytest.mark.parametrize("key, value, allowed", [
    ("floatx", "float8", "float16, float32, float64"),
    ("image_data_format", "nchw", "channels_last, channels_first"),
    ("epsilon", "tiny", "positive number"),
    ("image_dim_ordering", "xy", "'tf', 'th'"),
])
def test_bad_config_value(monkeypatch: pytest.MonkeyPatch, config_file: Path,
                          key: str, value: str, allowed: str) -> None:
    config_file.write_text(json.dumps({key: value}))
    before = config_file.read_bytes()
    install(monkeypatch, entry("numpy"))
    with pytest.raises(tensorplug.ConfigError) as err:
        K.backend()
    msg = str(err.value)
    assert str(config_file) in msg and f"(key {key!r})" in msg and allowed in msg
    assert repr(value) in msg
    assert unchanged(config_file, before)


def test_legacy_image_dim_ordering_warns(monkeypatch: pytest.MonkeyPatch,
                                         config_file: Path) -> None:
    config_file.write_text(json.dumps({"image_dim_ordering": "th"}))
    install(monkeypatch, entry("numpy"))
    with pytest.warns(DeprecationWarning, match="image_dim_ordering"):
        assert K.image_data_format() == "channels_first"


def test_no_backend_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    install(monkeypatch)
    with pytest.raises(tensorplug.NoBackendError) as err:
        K.add(1, 2)
    assert "pip install tensorplug-numpy" in str(err.value)
    assert isinstance(err.value, ImportError)


def test_unavailable_backend_gives_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    install(monkeypatch, entry("numpy"), entry("gpu", available=False, reason="no CUDA device"))
    with pytest.raises(tensorplug.BackendUnavailableError, match="no CUDA device"):
        tensorplug.set_backend("gpu")


def test_optional_op_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    install(monkeypatch, entry("numpy"))
    backend = tensorplug._selection.active()
    with pytest.raises(tensorplug.OpNotImplementedError, match="from_dlpack.*'numpy'"):
        backend.ops["from_dlpack"](object())


def test_bad_setters(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ValueError, match="float8"):
        K.set_floatx("float8")
    with pytest.raises(ValueError, match="channels_last, channels_first"):
        K.set_image_data_format("NHWC")
    with pytest.raises(ValueError, match="'channels_last', 'channels_first'"):
        K.normalize_data_format("nhwc")


def test_errors_subclass_the_builtins() -> None:
    assert issubclass(tensorplug.AxisError, IndexError)
    assert issubclass(tensorplug.AxisError, ValueError)
    assert issubclass(tensorplug.InvalidTypeError, TypeError)
    assert issubclass(tensorplug.OpNotImplementedError, NotImplementedError)
    for name in tensorplug.__all__:
        obj = getattr(tensorplug, name)
        if isinstance(obj, type) and issubclass(obj, Exception):
            assert issubclass(obj, tensorplug.TensorplugError)


def test_real_environment_with_only_the_core(tmp_path: Path) -> None:
    """In the null nox session (core only, no plugin), a K op names the missing backend."""
    import subprocess
    import sys
    from importlib import metadata

    if list(metadata.entry_points(group="tensorplug.backends")):
        pytest.skip("backend plugins are installed here; the 'null' nox session runs this")
    code = "from tensorplug import backend as K\nK.add(1, 2)\n"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={"TENSORPLUG_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert out.returncode == 1
    assert "NoBackendError" in out.stderr and "pip install tensorplug-numpy" in out.stderr
