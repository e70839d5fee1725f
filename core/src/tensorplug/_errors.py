"""Error classes. Each subclasses TensorplugError and the matching builtin, so
``except ValueError`` written for Keras keeps working."""

from __future__ import annotations


class TensorplugError(Exception):
    """Base class of every error tensorplug raises on purpose."""


class BackendNotFoundError(TensorplugError, ValueError):
    """A backend was asked for by name and no installed plugin provides it."""


class NoBackendError(TensorplugError, ImportError):
    """No backend plugin is installed at all."""


class BackendUnavailableError(TensorplugError, ImportError):
    """A backend is installed but cannot run here (missing framework or device)."""


class BackendLoadError(TensorplugError, ImportError):
    """A backend plugin raised while loading, or failed validation."""


class ContractError(BackendLoadError):
    """A backend does not satisfy the contract (missing ops, wrong signatures,
    contract version out of range)."""


class DuplicateBackendError(TensorplugError, ValueError):
    """Two distributions claim the same backend name."""


class ConfigError(TensorplugError, ValueError):
    """The config file, an environment variable or a config call holds a bad value."""


class OpNotImplementedError(TensorplugError, NotImplementedError):
    """An optional op is missing on the active backend."""


class InvalidArgumentError(TensorplugError, ValueError):
    """An op received a bad argument value (axis, shape, dtype name, ...)."""


class InvalidTypeError(TensorplugError, TypeError):
    """An op received an argument of the wrong type."""


class IncompatibleShapesError(InvalidArgumentError):
    """Shapes that cannot be combined by the op."""


class AxisError(InvalidArgumentError, IndexError):
    """An axis outside the tensor's rank."""


class BackendMismatchError(TensorplugError, TypeError):
    """A tensor of one loaded backend was handed to an op of another."""
