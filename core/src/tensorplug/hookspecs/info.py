"""Backend identity and session hooks."""

from __future__ import annotations

from typing import Any

from ._markers import hookspec


@hookspec(firstresult=True)
def backend_info() -> Any:
    """Describe the backend.

    :returns: a :class:`tensorplug.BackendInfo`: name, version, the contract range it
        implements, dtypes, devices, capability flags and its xfails file.

    The registry refuses a backend whose contract range excludes the core's
    ``CONTRACT_VERSION``.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def clear_session() -> Any:
    """Free backend-held state (caches, graphs, device memory pools).

    :returns: ``True`` once done.

    Optional: ``K.clear_session()`` always resets the core's own state (uids) and calls
    this hook only where the backend has it.

    .. versionadded:: 0.1
    """
