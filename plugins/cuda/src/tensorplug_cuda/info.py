"""backend_info for the CUDA backend."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import Any

from tensorplug import BackendInfo
from tensorplug_numpy import Impls

XFAILS = Path(__file__).with_name("xfails.txt")


def build(xp: ModuleType, **options: Any) -> Impls:
    ns = Impls("tensorplug_cuda.info")
    count = int(options.get("device_count", 1))
    info = BackendInfo(
        name=options.get("name", "cuda"),
        version=options.get("version", "0.1.0"),
        contract=((1, 0), (2, 0)),
        dtypes=("bool", "int32", "int64", "float16", "float32", "float64"),
        devices=tuple(f"cuda:{i}" for i in range(count)),
        capabilities=frozenset({"dlpack", "float16", "inplace_variables"}),
        xfails=options.get("xfails", XFAILS),
        tensor_types=options.get("tensor_types", (xp.ndarray,)),
    )

    @ns.impl()
    def backend_info() -> BackendInfo:
        return info

    return ns
