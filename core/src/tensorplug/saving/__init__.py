"""Saving and loading models and weights (HDF5 through h5py, imported when used)."""

from __future__ import annotations

from typing import Any

from ._objects import custom_object_scope


def save_model(model: Any, filepath: Any, overwrite: bool = True,
               include_optimizer: bool = True) -> None:
    """Write architecture, weights, training config, optimizer state and epoch."""
    from ._hdf5 import save_model as impl

    impl(model, filepath, overwrite=overwrite, include_optimizer=include_optimizer)


def load_model(filepath: Any, custom_objects: Any = None, compile: bool = True) -> Any:
    """Rebuild a model saved by ``save_model`` / ``model.save``."""
    from ._hdf5 import load_model as impl

    return impl(filepath, custom_objects=custom_objects, compile=compile)


__all__ = ["custom_object_scope", "load_model", "save_model"]
