"""Host-side utilities: ``to_categorical`` and ``set_random_seed``.

``import tensorplug.utils`` does not import numpy; the functions do when called.
"""

from __future__ import annotations

from ._categorical import to_categorical
from ._seed import set_random_seed

__all__ = ["set_random_seed", "to_categorical"]


def __getattr__(name: str) -> object:
    """``Sequence`` lives in ``tensorplug.models``; Keras users import it from utils."""
    if name == "Sequence":
        from ..models import Sequence

        return Sequence
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
