"""Seeding tensorplug's process host generator."""

from __future__ import annotations

from typing import Any

from .. import _rng


def set_random_seed(seed: Any) -> None:
    """Seed the process generator that random ops use when given ``seed=None``.

    After ``set_random_seed(s)`` the sequence of unseeded ``K.random_*`` and
    ``K.dropout`` draws repeats run to run (on backends that keep the generic host
    generator: numpy's ``Generator(PCG64(s))``). Ops given an explicit ``seed`` are
    unaffected. Python's ``random`` and numpy's legacy global generator are left alone.

    :param seed: a non-negative int, or None for fresh OS entropy.
    :raises InvalidArgumentError: (a ``ValueError``) for anything else.
    """
    _rng.set_seed(_rng.check_seed("tensorplug.utils.set_random_seed", seed))
