"""Discovery, precedence, set_backend / use_backend scopes, trace mode."""

from __future__ import annotations

import asyncio
import json
import threading
from pathlib import Path

import pytest
import tensorplug
from fakes import entry, install
from tensorplug import _dispatch
from tensorplug import backend as K


def test_default_backend_wins_over_other_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    install(monkeypatch, entry("alpha"), entry("numpy"))
    assert K.backend() == "numpy"


def test_only_installed_backend_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    install(monkeypatch, entry("alpha"))
    assert K.backend() == "alpha"


def test_precedence_call_env_file(monkeypatch: pytest.MonkeyPatch, home: Path) -> None:
    install(monkeypatch, entry("numpy"), entry("alpha"), entry("beta"), entry("gamma"))
    home.mkdir()
    (home / "tensorplug.json").write_text(json.dumps({"backend": "alpha"}))
    tensorplug.refresh_backends()
    assert K.backend() == "alpha"
    monkeypatch.setenv("TENSORPLUG_BACKEND", "beta")
    tensorplug.refresh_backends()
    assert K.backend() == "beta"
    tensorplug.set_backend("gamma")
    assert K.backend() == "gamma"
    with tensorplug.use_backend("numpy"):
        assert K.backend() == "numpy"
    assert K.backend() == "gamma"


def test_ops_go_to_the_selected_backend(monkeypatch: pytest.MonkeyPatch) -> None:
    install(monkeypatch, entry("numpy"), entry("alpha"))
    assert K.add(1, 2) == ("numpy", "add", (1, 2))
    tensorplug.set_backend("alpha")
    assert _dispatch.mode == "scoped"  # two loaded backends: foreign-tensor checks on
    assert K.add(1, 2) == ("alpha", "add", (1, 2))


def test_fast_mode_binds_backend_callables(monkeypatch: pytest.MonkeyPatch) -> None:
    install(monkeypatch, entry("numpy"))
    K.add(1, 2)
    assert _dispatch.mode == "fast"
    from tensorplug.backend import _arithmetic

    assert _arithmetic._add is tensorplug._selection.active().ops["add"]


def test_use_backend_is_per_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    install(monkeypatch, entry("numpy"), entry("alpha"))
    seen: list[str] = []
    with tensorplug.use_backend("alpha"):
        t = threading.Thread(target=lambda: seen.append(K.backend()))
        t.start()
        t.join()
        assert K.backend() == "alpha"
    assert seen == ["numpy"]  # threads started inside do not inherit the scope
    assert _dispatch.mode in ("fast", "scoped")


def test_use_backend_reaches_tasks_created_inside(monkeypatch: pytest.MonkeyPatch) -> None:
    install(monkeypatch, entry("numpy"), entry("alpha"))

    async def main() -> tuple[str, str]:
        async def child() -> str:
            return K.backend()

        with tensorplug.use_backend("alpha"):
            inner = await asyncio.create_task(child())
        outer = await asyncio.create_task(child())
        return inner, outer

    assert asyncio.run(main()) == ("alpha", "numpy")


def test_scope_closes_back_to_fast_path(monkeypatch: pytest.MonkeyPatch) -> None:
    install(monkeypatch, entry("numpy"))
    K.add(1, 1)
    with tensorplug.use_backend("numpy"):
        assert _dispatch.mode == "scoped"
    assert _dispatch.mode == "fast"


def test_trace_mode_goes_through_pluggy(monkeypatch: pytest.MonkeyPatch) -> None:
    install(monkeypatch, entry("numpy"))
    monkeypatch.setenv("TENSORPLUG_TRACE", "1")
    calls: list[str] = []
    backend = tensorplug._selection.active()
    undo = backend.pm.add_hookcall_monitoring(
        lambda name, impls, kwargs: calls.append(name), lambda *a: None)
    _dispatch.rebind()
    try:
        assert _dispatch.mode == "trace"
        assert K.multiply(2, 3) == ("numpy", "multiply", (2, 3))
        assert "multiply" in calls
    finally:
        undo()


def test_list_backends_probes_without_loading(monkeypatch: pytest.MonkeyPatch) -> None:
    install(monkeypatch, entry("numpy"), entry("gpu", available=False, reason="no device"))
    statuses = {s.name: s for s in tensorplug.list_backends()}
    assert statuses["gpu"].available is False and statuses["gpu"].reason == "no device"
    assert statuses["numpy"].available and not statuses["numpy"].loaded
    assert statuses["numpy"].version == "1.0"


def test_refresh_backends_sees_new_plugins(monkeypatch: pytest.MonkeyPatch) -> None:
    install(monkeypatch, entry("numpy"))
    assert [s.name for s in tensorplug.list_backends()] == ["numpy"]
    install(monkeypatch, entry("numpy"), entry("alpha"))
    assert [s.name for s in tensorplug.list_backends()] == ["alpha", "numpy"]


def test_several_backends_loaded_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    install(monkeypatch, entry("numpy"), entry("alpha"))
    with tensorplug.use_backend("alpha"):
        a = K.exp(1)
    b = K.exp(1)
    assert a[0] == "alpha" and b[0] == "numpy"
    assert set(tensorplug._registry.loaded()) == {"alpha", "numpy"}


def test_settings_are_process_wide_and_backend_independent(
        monkeypatch: pytest.MonkeyPatch) -> None:
    install(monkeypatch, entry("numpy"), entry("alpha"))
    K.set_floatx("float64")
    with tensorplug.use_backend("alpha"):
        assert K.floatx() == "float64"
    K.set_floatx("float32")
    K.set_epsilon(1e-5)
    assert K.epsilon() == 1e-5
    K.set_image_data_format("channels_first")
    assert K.normalize_data_format(None) == "channels_first"
    assert K.normalize_data_format("Channels_Last") == "channels_last"
