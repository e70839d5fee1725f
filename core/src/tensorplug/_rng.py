"""The process host generator: numpy's ``Generator(PCG64)``, created on first use.

Random ops given ``seed=None`` draw from it; ``tensorplug.utils.set_random_seed(seed)``
replaces it with a seeded one, so a program's unseeded draws repeat run to run. An op
given an int seed uses a fresh ``Generator(PCG64(seed))`` and leaves this one alone.

numpy is imported inside the functions: ``import tensorplug`` must not import it.
"""

from __future__ import annotations

import threading
from typing import Any

from ._errors import InvalidArgumentError

_lock = threading.Lock()
_generator: Any = None


def check_seed(op: str, seed: Any) -> int | None:
    """``seed`` as None or a non-negative Python int; a clear error otherwise."""
    if seed is None:
        return None
    if not isinstance(seed, bool) and hasattr(seed, "__index__"):
        value = int(seed.__index__())
        if value >= 0:
            return value
    raise InvalidArgumentError(f"{op}: seed must be None or a non-negative int. "
                               f"Received: seed={seed!r}.")


def process_generator() -> Any:
    """The process generator (unseeded: OS entropy, until ``set_random_seed``)."""
    global _generator
    if _generator is None:
        import numpy as np

        with _lock:
            if _generator is None:
                _generator = np.random.Generator(np.random.PCG64())
    return _generator


def generator(seed: Any) -> Any:
    """A fresh ``Generator(PCG64(seed))`` for an int seed; the process one for None; a
    graph node's own :func:`stream` as it is."""
    if seed is None:
        return process_generator()
    return stream(seed) if isinstance(seed, int) else seed


def stream(seed: int) -> Any:
    """A ``Generator(PCG64(seed))`` that a graph node keeps as its seed argument: each
    evaluation draws the next values, so a seeded draw in a graph is reproducible run to
    run yet fresh at every step (as a seeded TensorFlow op in a Keras graph)."""
    import numpy as np

    return np.random.Generator(np.random.PCG64(seed))


def set_seed(seed: int | None) -> None:
    """Replace the process generator by ``Generator(PCG64(seed))`` (None: OS entropy)."""
    global _generator
    import numpy as np

    with _lock:
        _generator = np.random.Generator(np.random.PCG64(seed))
