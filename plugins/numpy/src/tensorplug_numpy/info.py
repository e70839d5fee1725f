"""backend_info for the numpy backend."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import Any

from tensorplug import BackendInfo

from ._impls import Impls

XFAILS = Path(__file__).with_name("xfails.txt")


def build(xp: ModuleType, **options: Any) -> Impls:
    ns = Impls("tensorplug_numpy.info")
    info = BackendInfo(
        name=options.get("name", "numpy"),
        version=options.get("version", "0.1.0"),
        contract=((1, 0), (2, 0)),
        dtypes=("bool", "int32", "int64", "float16", "float32", "float64"),
        devices=("cpu",),
        capabilities=frozenset({"dlpack", "float16", "inplace_variables"}),
        xfails=options.get("xfails", XFAILS),
        tensor_types=options.get("tensor_types", (xp.ndarray, xp.generic)),
    )

    @ns.impl()
    def backend_info() -> BackendInfo:
        return info

    return ns
