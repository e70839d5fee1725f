"""The real CuPy namespace on a machine without a GPU: every attribute the numpy
plugin's and this plugin's impls use exists in CuPy, and ``build(cupy)`` passes the
registry's contract checks (building never touches the device)."""

from __future__ import annotations

import re
import types
import warnings
from pathlib import Path
from typing import Any

import pytest
import tensorplug
import tensorplug_cuda
import tensorplug_numpy
from tensorplug import _selection

cupy = pytest.importorskip("cupy")

XP_ATTR = re.compile(r"\bxp\.([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)?)")
ND_ATTR = re.compile(r"\bnd\.([A-Za-z_]\w*)")


def used_attributes(package: types.ModuleType) -> set[str]:
    found: set[str] = set()
    for path in Path(package.__file__).parent.glob("*.py"):  # type: ignore[arg-type]
        text = path.read_text()
        found |= set(XP_ATTR.findall(text))
        found |= {f"ndarray.{name}" for name in ND_ATTR.findall(text)}
    return found - {"__name__"}


def resolve(module: Any, dotted: str) -> Any:
    obj = module
    for part in dotted.split("."):
        obj = getattr(obj, part)
    return obj


@pytest.mark.parametrize("package", [tensorplug_numpy, tensorplug_cuda],
                         ids=["tensorplug_numpy", "tensorplug_cuda"])
def test_every_xp_attribute_exists_in_cupy(package: types.ModuleType) -> None:
    used = used_attributes(package)
    assert len(used) > 10
    missing = []
    for name in sorted(used):
        try:
            resolve(cupy, name)
        except AttributeError:
            missing.append(name)
    assert not missing, f"not in CuPy {cupy.__version__}: {missing}"


def test_build_cupy_without_a_device() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        impls = tensorplug_cuda.build(cupy, device_count=2)
    info = next(ns for ns in impls if ns.__name__ == "tensorplug_cuda.info").backend_info()
    assert (info.name, info.devices, info.tensor_types) == (
        "cuda", ("cuda:0", "cuda:1"), (cupy.ndarray,))
    assert "dlpack" in info.capabilities


def origin(fn: Any) -> str:
    """Top-level package a callable comes from (method descriptors: their class's)."""
    module = getattr(fn, "__module__", None) or getattr(
        getattr(fn, "__objclass__", None), "__module__", None) or ""
    return module.split(".")[0]


def test_origin_sees_numpy_callables() -> None:
    import numpy

    assert {origin(f) for f in (numpy.add, numpy.ndarray.argmax, numpy.dot)} == {"numpy"}
    assert {origin(f) for f in (cupy.ndarray.argmax, cupy.asnumpy)} == {"cupy"}


class CupyEntry:
    """A stand-in entry point that loads build(cupy) without asking for a device."""

    name = value = "cuda_cupy_nodevice"
    group = "tensorplug.backends"

    class dist:  # noqa: N801
        name, version = "tensorplug-cuda-tests", "0"

    def load(self) -> Any:
        return types.SimpleNamespace(
            probe=lambda: (True, "test: skip the device check"),
            load=lambda: tensorplug_cuda.build(cupy, name=self.name))


def test_registry_accepts_cupy_impls_and_binds_cupy(fresh: None) -> None:
    from tensorplug import _discovery

    _discovery.entry_point_source = lambda: [CupyEntry()]
    tensorplug.refresh_backends()
    tensorplug.set_backend(CupyEntry.name)  # contract checks: signatures, primitives
    ops = _selection.active().ops
    assert ops["to_numpy"] is cupy.asnumpy
    assert ops["add"] is cupy.add
    assert ops["argmax"] is cupy.ndarray.argmax
    assert ops["reshape"] is cupy.ndarray.reshape
    host_bound = {name: fn for name, fn in ops.items() if origin(fn) == "numpy"}
    assert not host_bound, f"ops bound to numpy callables: {sorted(host_bound)}"


def test_the_stand_in_has_cupys_ufunc_limits() -> None:
    """cuda_on_numpy's ufuncs reduce where, and only where, CuPy's do."""
    import numpy
    from cuda_on_numpy import CUPY_REDUCING_UFUNCS

    reducing = set()
    for name in dir(cupy):
        if type(getattr(cupy, name)).__name__ != "ufunc":
            continue
        try:
            getattr(cupy, name).reduce(numpy.ones(3))
        except NotImplementedError:
            continue
        except Exception:  # noqa: S110 - anything else (no device) means it is implemented
            pass
        reducing.add(name)
    assert reducing == CUPY_REDUCING_UFUNCS
