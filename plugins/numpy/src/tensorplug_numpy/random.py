"""numpy overrides of composites: random tensors from the host generator.

None: the generic implementations already draw with numpy on the host, and
``convert_to_tensor`` of the result is free here, so an override would be the same code.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from ._impls import Impls


def build(xp: ModuleType, **options: Any) -> Impls:
    ns = Impls("tensorplug_numpy.random")
    return ns
