"""backend_info and clear_session for the TensorFlow backend."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import Any

from tensorplug import BackendInfo

from . import __version__, _consts
from ._convert import NATIVE
from ._impls import Impls

XFAILS = Path(__file__).with_name("xfails.txt")
DTYPES = ("bool", "int32", "int64", "float16", "float32", "float64")


def _devices(tf: ModuleType) -> tuple[str, ...]:
    kinds = {d.device_type.lower() for d in tf.config.list_logical_devices()}
    return ("cpu",) + tuple(sorted(kinds - {"cpu"}))


def build(tf: ModuleType, **options: Any) -> Impls:
    ns = Impls("tensorplug_tensorflow.info")
    info = BackendInfo(
        name="tensorflow",
        version=__version__,
        contract=((1, 0), (2, 0)),
        dtypes=DTYPES,
        devices=_devices(tf),
        capabilities=frozenset({"dlpack", "float16", "inplace_variables"}),
        xfails=XFAILS,
        tensor_types=NATIVE,
    )

    @ns.impl()
    def backend_info() -> BackendInfo:
        return info

    @ns.impl()
    def clear_session() -> Any:
        _consts.clear()
        return True

    return ns
