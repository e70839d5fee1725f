"""Dtype names and the NEP 50 promotion rule every backend follows.

Plugins use :func:`result_type` where their framework promotes differently (numpy < 2,
TensorFlow, MXNet); the facade uses it to retry a binary op that a framework refused
for mixed dtypes. Pure Python: the core imports without numpy.
"""

from __future__ import annotations

from typing import Any

FLOATS = ("float16", "float32", "float64")
INTS = ("int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64")
DTYPES = ("bool", *INTS, *FLOATS)
FLOATX = FLOATS

_INT_BITS = {"int8": 8, "int16": 16, "int32": 32, "int64": 64}
_UINT_BITS = {"uint8": 8, "uint16": 16, "uint32": 32, "uint64": 64}
_FLOAT_BITS = {"float16": 16, "float32": 32, "float64": 64}


def kind(dtype: str) -> str:
    """'b', 'i', 'u' or 'f'."""
    if dtype == "bool":
        return "b"
    if dtype in _INT_BITS:
        return "i"
    if dtype in _UINT_BITS:
        return "u"
    return "f"


def _promote_pair(a: str, b: str) -> str:
    if a == b:
        return a
    ka, kb = kind(a), kind(b)
    if ka == "b":
        return b
    if kb == "b":
        return a
    if ka == "f" or kb == "f":
        return _promote_with_float(a, b)
    if ka == kb:
        table = _INT_BITS if ka == "i" else _UINT_BITS
        return a if table[a] >= table[b] else b
    signed, unsigned = (a, b) if ka == "i" else (b, a)
    need = _UINT_BITS[unsigned] * 2
    if _INT_BITS[signed] >= need:
        return signed
    return f"int{need}" if need <= 64 else "float64"


def _promote_with_float(a: str, b: str) -> str:
    fa = _FLOAT_BITS.get(a)
    fb = _FLOAT_BITS.get(b)
    if fa is not None and fb is not None:
        return a if fa >= fb else b
    flt, other = (a, b) if fa is not None else (b, a)
    bits = _INT_BITS.get(other) or _UINT_BITS[other]
    need = {8: 16, 16: 32}.get(bits, 64)
    return flt if _FLOAT_BITS[flt] >= need else f"float{need}"


def scalar_kind(value: Any) -> str | None:
    """'b', 'i' or 'f' for a Python scalar (weak under NEP 50), else None."""
    t = type(value)
    if t is bool:
        return "b"
    if t is int:
        return "i"
    if t is float:
        return "f"
    return None


def result_type(*operands: str | Any) -> str:
    """NEP 50 result dtype of dtype names and Python scalars.

    Strings are dtype names (strong); Python ``bool``/``int``/``float`` are weak: they
    take the strong operands' dtype unless their kind is higher (an int tensor plus a
    Python float gives float64; a bool tensor plus a Python int gives int64).
    """
    strong = [o for o in operands if isinstance(o, str)]
    weak = [scalar_kind(o) for o in operands if not isinstance(o, str)]
    if not strong:
        return {"b": "bool", "i": "int64", "f": "float64"}[max(weak, key="bif".index)]
    out = strong[0]
    for dt in strong[1:]:
        out = _promote_pair(out, dt)
    order = "biuf"
    for wk in weak:
        if wk is not None and order.index(wk) > order.index(kind(out)):
            out = {"i": "int64", "f": "float64"}[wk] if kind(out) in "bi" or wk == "f" else out
    return out


def float_result(dtype: str) -> str:
    """Dtype of a float function (exp, sqrt, mean, ...) of ``dtype``, as numpy 2 gives."""
    if kind(dtype) == "f":
        return dtype
    return {"bool": "float16", "int8": "float16", "uint8": "float16",
            "int16": "float32", "uint16": "float32"}.get(dtype, "float64")


def mean_result(dtype: str) -> str:
    """Dtype of mean/var/std/logsumexp of ``dtype``: floats keep theirs, else float64."""
    return dtype if kind(dtype) == "f" else "float64"


def accumulate_result(dtype: str) -> str:
    """Dtype of sum/prod/cumsum/cumprod of ``dtype`` (numpy 2 on 64-bit Linux)."""
    k = kind(dtype)
    if k in "bi":
        return "int64"
    if k == "u":
        return "uint64"
    return dtype
