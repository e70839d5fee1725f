"""The suite's tolerances, in one place.

Values are compared as ``|actual - expected| <= atol + rtol * |expected|`` after the
float64 reference has been cast to the expected dtype. Integer and bool results must be
exactly equal.

- float16: rtol 1e-3 (one unit in the last place is 2**-10 ~ 9.8e-4 relative); atol
  1e-3, so results near 0 may be off by about one float16 ulp of the operands' scale.
- float32: rtol 1e-5, atol 1e-6 (about 8 ulp at magnitude 1: the inputs are O(1), so
  a cancelled sum of a dozen terms stays inside it).
- float64: rtol 1e-12, atol 1e-12 (a few thousand ulp at magnitude 1: room for a
  different summation order, nothing more).
"""

from __future__ import annotations

#: dtype name -> (rtol, atol).
TOLERANCES: dict[str, tuple[float, float]] = {
    "float16": (1e-3, 1e-3),
    "float32": (1e-5, 1e-6),
    "float64": (1e-12, 1e-12),
}


def tolerance(dtype: str) -> tuple[float, float]:
    """``(rtol, atol)`` for a float dtype; ``(0, 0)`` (exact) for any other."""
    return TOLERANCES.get(dtype, (0.0, 0.0))
