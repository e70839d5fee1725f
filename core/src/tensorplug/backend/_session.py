"""Facade-only functions: config, session and moving tensors between backends.

These are not hookspecs: floatx, epsilon and image_data_format are process-wide and
independent of the backend.
"""

from __future__ import annotations

from typing import Any

from .. import _config, _foreign, _registry, _selection
from .._errors import BackendMismatchError, ConfigError
from .._host import is_host_array


def floatx() -> str:
    """Default float dtype name: ``'float16'``, ``'float32'`` (default) or ``'float64'``."""
    return _config.floatx()


def set_floatx(value: str) -> None:
    """Set the default float dtype for tensors created afterwards.

    :raises ConfigError: (a ``ValueError``) for anything but float16/32/64.
    """
    _config.set("floatx", str(value), "K.set_floatx()")


def epsilon() -> float:
    """The fuzz factor used in numeric expressions (default ``1e-07``)."""
    return _config.get("epsilon")  # type: ignore[no-any-return]


def set_epsilon(value: float) -> None:
    """Set the fuzz factor; affects ops built afterwards."""
    _config.set("epsilon", value, "K.set_epsilon()")


def image_data_format() -> str:
    """``'channels_last'`` (default) or ``'channels_first'``."""
    return _config.get("image_data_format")  # type: ignore[no-any-return]


def set_image_data_format(data_format: str) -> None:
    """Set the default data format for image ops and layers."""
    _config.set("image_data_format", data_format, "K.set_image_data_format()")


def normalize_data_format(value: Any) -> str:
    """``None`` gives :func:`image_data_format`; otherwise lower-cased and checked.

    :raises ConfigError: (a ``ValueError``) listing the two legal values.
    """
    if value is None:
        return image_data_format()
    lowered = str(value).lower()
    if lowered not in _config.DATA_FORMATS:
        raise ConfigError(f"The data_format argument must be one of "
                          f"{', '.join(map(repr, _config.DATA_FORMATS))}. "
                          f"Received: data_format={value!r}.")
    return lowered


def cast_to_floatx(x: Any) -> Any:
    """Host-side: a numpy array (or scalar) as a numpy array of :func:`floatx`."""
    import numpy as np

    return np.asarray(x, dtype=floatx())


def backend() -> str:
    """Name of the active backend (the innermost ``use_backend`` or the process one)."""
    return _selection.active().name


def clear_session() -> None:
    """Reset per-session state: uids, the learning phase (symbolic again), then the
    active backend's optional clear_session hook."""
    from ..graph._phase import reset_learning_phase
    from ._misc import reset_uids

    reset_uids()
    reset_learning_phase()
    active = _selection.active()
    if active.pm.hook.clear_session.get_hookimpls():
        active.pm.hook.clear_session()


def to_backend(x: Any, name: str) -> Any:
    """Move a tensor to the loaded (or loadable) backend ``name``.

    Zero-copy through DLPack where both sides declare the ``dlpack`` capability and
    the target accepts the buffer; otherwise a copy through numpy.
    """
    target = _registry.load(name, f"K.to_backend(x, {name!r})")
    if target.owns(x):
        return x
    source = _foreign.owner(x) or _selection.active()
    if not source.ops["is_tensor"](x) and not is_host_array(x):
        raise BackendMismatchError(
            f"K.to_backend: x is a {type(x).__qualname__}, not a tensor of a loaded backend. "
            f"Fix: K.convert_to_tensor(x) first, or pass a numpy array.")
    if "dlpack" in source.info.capabilities and "dlpack" in target.info.capabilities:
        try:
            return target.ops["from_dlpack"](x)
        except Exception:  # not safe here (device, alignment, dtype): copy instead
            pass
    return target.ops["convert_to_tensor"](source.ops["to_numpy"](x), None)

