"""Seeded random inputs, chosen away from meaningless regions.

Each test seeds its own generator from its id, so a test's inputs never depend on which
other tests ran. float16 values lie on a 1/16 grid, so sums of a dozen of them are
exact in float16 and only the op's own rounding is measured.
"""

from __future__ import annotations

import zlib
from typing import Any

import numpy as np

#: kind -> (float low, float high, int low, int high), bounds inclusive for ints.
_RANGES = {
    "any": (-2.0, 2.0, -5, 5),
    "positive": (0.25, 3.0, 1, 5),
    "unit": (-1.0, 1.0, -1, 1),
    "near_one": (0.5, 1.5, 1, 2),
    "small": (-3.0, 3.0, -3, 3),
}


class Inputs:
    """Random arrays for one test."""

    def __init__(self, key: str) -> None:
        self.rng = np.random.default_rng(zlib.crc32(key.encode()))

    def array(self, dtype: str, shape: tuple[int, ...] = (3, 4), kind: str = "any") -> Any:
        """An array of ``dtype``. Kinds: ``any``, ``positive``, ``unit``, ``near_one``,
        ``small`` (ranges in ``_RANGES``), ``nonzero`` (away from 0 by at least 0.5),
        ``ties`` (values from {0, 1, 2}, so maxima repeat)."""
        if dtype == "bool":
            return np.asarray(self.rng.random(shape) < 0.5)
        if kind == "ties":
            return self.rng.integers(0, 3, shape).astype(dtype)
        if kind == "nonzero":
            magnitude = self.array(dtype, shape, "positive")
            signs = 1 if dtype.startswith("uint") else self.rng.choice([-1, 1], shape)
            return np.asarray(magnitude * signs).astype(dtype)
        flo, fhi, ilo, ihi = _RANGES[kind]
        if dtype.startswith("float"):
            values = self.rng.uniform(flo, fhi, shape)
            if dtype == "float16":
                values = np.round(values * 16) / 16
            return np.asarray(values).astype(dtype)
        if dtype.startswith("uint"):
            ilo = max(ilo, 0)
        return np.asarray(self.rng.integers(ilo, ihi + 1, shape)).astype(dtype)

    def condition(self, shape: tuple[int, ...] = (3, 4)) -> Any:
        return np.asarray(self.rng.random(shape) < 0.5)

    def indices(self, dtype: str, shape: tuple[int, ...], high: int) -> Any:
        return np.asarray(self.rng.integers(0, high, shape)).astype(dtype)


def python_scalar(dtype: str, value: float = 2) -> Any:
    """A Python scalar of ``dtype``'s kind (bool, int or float)."""
    if dtype == "bool":
        return True
    if dtype.startswith(("int", "uint")):
        return int(value)
    return float(value) / 4  # a float not equal to an int
