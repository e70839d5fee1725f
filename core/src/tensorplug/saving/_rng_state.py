"""Keep the process host generator's state across model rebuilding (load_model draws
initial weights it then overwrites; the random stream must not notice)."""

from __future__ import annotations

import contextlib
from typing import Iterator

from .. import _rng


@contextlib.contextmanager
def preserved() -> Iterator[None]:
    gen = _rng.process_generator()
    state = gen.bit_generator.state
    try:
        yield
    finally:
        gen.bit_generator.state = state
