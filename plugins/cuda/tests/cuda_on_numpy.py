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


def load() -> list[Any]:
    import numpy
    from tensorplug_cuda import build

    # numpy's full reductions give numpy scalars where CuPy gives 0-d arrays.
    return build(numpy, name=NAME, tensor_types=(numpy.ndarray, numpy.generic))


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
