"""tensorplug: one Keras-style tensor API over pluggable backends.

Users write ``from tensorplug import backend as K``. Backends are separately installed
plugins found through the ``tensorplug.backends`` entry-point group.
"""

from __future__ import annotations

from ._config import DEFAULT_BACKEND
from ._discovery import refresh as _refresh_discovery
from ._errors import (
    AxisError,
    BackendLoadError,
    BackendMismatchError,
    BackendNotFoundError,
    BackendUnavailableError,
    ConfigError,
    ContractError,
    DuplicateBackendError,
    IncompatibleShapesError,
    InvalidArgumentError,
    InvalidTypeError,
    NoBackendError,
    OpNotImplementedError,
    TensorplugError,
)
from ._impls import Impls
from ._info import BackendInfo, native
from ._selection import set_backend, use_backend
from ._sparse import SparseLabels
from ._status import BackendStatus, list_backends
from .hookspecs import CONTRACT_VERSION, hookimpl

__version__ = "0.1.0"

__all__ = [
    "AxisError", "BackendInfo", "BackendLoadError", "BackendMismatchError",
    "BackendNotFoundError", "BackendStatus", "BackendUnavailableError", "CONTRACT_VERSION",
    "ConfigError", "ContractError", "DEFAULT_BACKEND", "DuplicateBackendError",
    "Impls", "IncompatibleShapesError", "InvalidArgumentError", "InvalidTypeError",
    "NoBackendError",
    "OpNotImplementedError", "SparseLabels", "TensorplugError", "hookimpl", "list_backends",
    "native",
    "refresh_backends", "set_backend", "use_backend",
]


def refresh_backends() -> None:
    """Forget discovered and loaded backends, the selection and the config file values.

    Call after installing or removing a plugin in a running process.
    """
    from . import _config, _selection

    _refresh_discovery()
    _selection.reset()
    _config.reload()
