"""The CUDA plugin's implementations with numpy standing in for CuPy.

CI has no GPU, so this test-only backend (``cuda_on_numpy``) runs
``tensorplug_cuda.build(numpy)`` -- tensorplug-numpy's impls plus every CuPy override --
through the registry's contract checks, the K facade and the conformance suite.
``install()`` adds it to discovery beside the installed backends.
"""

from __future__ import annotations

from typing import Any

NAME = "cuda_on_numpy"


def probe() -> tuple[bool, str]:
    return True, "numpy stands in for CuPy (test-only)"


#: The only ufuncs whose ``reduce`` CuPy implements (14.x); the others raise
#: NotImplementedError. test_cupy_build checks this against the installed CuPy.
CUPY_REDUCING_UFUNCS = frozenset({"add", "multiply"})


class UfuncLikeCupy:
    """A numpy ufunc whose ``reduce`` refuses, as the same CuPy ufunc's does."""

    def __init__(self, ufunc: Any) -> None:
        self._ufunc = ufunc
        self.__name__ = ufunc.__name__

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._ufunc(*args, **kwargs)

    def reduce(self, *args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError(f"`cupy_{self.__name__}.reduce` is not supported yet")

    def __getattr__(self, name: str) -> Any:
        return getattr(self._ufunc, name)


def numpy_like_cupy() -> Any:
    """numpy as an array namespace with CuPy's ufunc limits, so an impl that would fail
    on a GPU fails here too."""
    import types

    import numpy

    xp = types.ModuleType("numpy_like_cupy")
    for name in dir(numpy):
        value = getattr(numpy, name, None)
        if isinstance(value, numpy.ufunc) and name not in CUPY_REDUCING_UFUNCS:
            value = UfuncLikeCupy(value)
        setattr(xp, name, value)
    return xp


def load() -> list[Any]:
    import numpy
    from tensorplug_cuda import build

    # numpy's full reductions give numpy scalars where CuPy gives 0-d arrays.
    return build(numpy_like_cupy(), name=NAME, tensor_types=(numpy.ndarray, numpy.generic))


class EntryPoint:
    """Quacks like importlib.metadata.EntryPoint for this module."""

    name = NAME
    value = __name__
    group = "tensorplug.backends"

    class dist:  # noqa: N801 - attribute of an EntryPoint
        name = "tensorplug-cuda-tests"
        version = "0"

    def load(self) -> Any:
        import sys

        return sys.modules[__name__]


def source_with_sim(original: Any) -> Any:
    def source() -> list[Any]:
        return [*original(), EntryPoint()]

    return source


def install() -> None:
    """Make ``cuda_on_numpy`` selectable in this process (beside installed backends)."""
    import tensorplug
    from tensorplug import _discovery

    if getattr(_discovery.entry_point_source, "_cuda_on_numpy", False):
        return
    source = source_with_sim(_discovery.entry_point_source)
    source._cuda_on_numpy = True  # type: ignore[attr-defined]
    _discovery.entry_point_source = source
    tensorplug.refresh_backends()
