"""Installed and registered, cleanly unavailable without a device, a clear error on use."""

from __future__ import annotations

from importlib import metadata

import pytest
import tensorplug
import tensorplug_cuda
from tensorplug_cuda import _entry


@pytest.fixture
def no_device(fresh: None) -> None:
    available, reason = _entry.probe()
    if available:
        pytest.skip(f"this machine has a CUDA device ({reason}); gpu_check.sh covers it")


def test_entry_point_registered() -> None:
    eps = [ep for ep in metadata.entry_points(group="tensorplug.backends") if ep.name == "cuda"]
    assert [(ep.value, ep.dist.name if ep.dist else None) for ep in eps] == [
        ("tensorplug_cuda._entry", "tensorplug-cuda")]


def test_cupy_only_in_extras() -> None:
    requires = metadata.requires("tensorplug-cuda") or []
    base = [r for r in requires if "extra ==" not in r]
    assert not any("cupy" in r for r in base), base
    assert any(r.startswith("tensorplug-numpy") for r in base), base
    extras = {r.split("extra ==")[1].strip().strip("'\""): r.split(";")[0].strip()
              for r in requires if "extra ==" in r}
    assert extras == {"cuda12": "cupy-cuda12x>=13", "cuda13": "cupy-cuda13x>=13"}


def test_import_raises_nothing() -> None:
    assert tensorplug_cuda.__version__ == "0.1.0"
    assert callable(tensorplug_cuda.build) and callable(tensorplug_cuda.build_overrides)


def test_listed_unavailable_with_reason(no_device: None) -> None:
    status = {s.name: s for s in tensorplug.list_backends()}["cuda"]
    assert (status.distribution, status.available, status.loaded) == (
        "tensorplug-cuda", False, False)
    assert status.reason.startswith("no CUDA device") or status.reason == _entry.NO_CUPY


def test_set_backend_names_cuda_and_the_missing_device(no_device: None) -> None:
    with pytest.raises(tensorplug.BackendUnavailableError) as info:
        tensorplug.set_backend("cuda")
    message = str(info.value)
    assert isinstance(info.value, ImportError)
    assert "'cuda'" in message and "tensorplug-cuda" in message
    assert "no CUDA device" in message
    assert "tensorplug.set_backend('cuda')" in message  # who asked


def test_env_selection_fails_on_first_op_not_at_import(
        no_device: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TENSORPLUG_BACKEND", "cuda")
    from tensorplug import backend as K

    with pytest.raises(tensorplug.BackendUnavailableError, match="no CUDA device"):
        K.add(1, 2)


def test_other_backends_unaffected(no_device: None) -> None:
    with pytest.raises(tensorplug.BackendUnavailableError):
        tensorplug.set_backend("cuda")
    tensorplug.set_backend("numpy")
    from tensorplug import backend as K

    assert K.to_numpy(K.add(1.5, 2)).item() == 3.5
