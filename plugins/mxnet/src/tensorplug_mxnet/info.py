"""backend_info and clear_session for the MXNet backend."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tensorplug import BackendInfo

from ._impls import Impls
from ._runtime import DTYPES, Runtime

XFAILS = Path(__file__).with_name("xfails.txt")
#: float16: CPU kernels for most ops (products and rounding go through float32).
#: inplace_variables: set_value assigns into the array. autograd: ops record under
#: mx.autograd.record(). No "dlpack": see README (MXNet's engine is asynchronous).
CAPABILITIES = frozenset({"float16", "inplace_variables", "autograd"})


def build(rt: Runtime, **options: Any) -> Impls:
    from . import __version__

    ns = Impls("tensorplug_mxnet.info")
    info = BackendInfo(
        name="mxnet",
        version=__version__,
        contract=((1, 0), (2, 0)),
        dtypes=DTYPES,
        devices=("cpu",),
        capabilities=CAPABILITIES,
        xfails=XFAILS,
        tensor_types=(rt.ND,),
    )

    @ns.impl()
    def backend_info() -> BackendInfo:
        return info

    @ns.impl()
    def clear_session() -> Any:
        rt.mx.nd.waitall()  # finish queued work, so its errors surface here
        return True

    return ns
