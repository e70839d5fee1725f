"""backend_info: who this backend is and what it can do."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from tensorplug import BackendInfo, hookimpl

from . import __version__

INFO = BackendInfo(
    name="example",
    version=__version__,
    contract=((1, 0), (2, 0)),  # implements contract 1.x: 1.0 <= core's < 2.0
    dtypes=("bool", "int32", "int64", "float16", "float32", "float64"),
    devices=("cpu",),
    capabilities=frozenset({"float16"}),
    xfails=Path(__file__).with_name("xfails.txt"),
    tensor_types=(np.ndarray, np.generic),
)


@hookimpl
def backend_info() -> BackendInfo:
    return INFO
