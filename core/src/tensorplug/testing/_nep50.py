"""The suite's own result-dtype rules, written out as literal tables.

These are what numpy >= 2 gives (NEP 50; 64-bit Linux), copied here by hand so the
suite never computes an expected dtype from the installed numpy (CI also runs numpy
1.26, whose value-based casting differs) nor from ``tensorplug._dtypes`` (code under
test). Strong operands are dtype names; weak ones are the Python types ``bool``,
``int`` and ``float`` (Python scalars passed to an op).
"""

from __future__ import annotations

#: Every dtype the suite knows, in the order test ids use.
DTYPES = ("bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
          "float16", "float32", "float64")

_ABBR = {"b": "bool", "i1": "int8", "i2": "int16", "i4": "int32", "i8": "int64",
         "u1": "uint8", "u2": "uint16", "u4": "uint32", "u8": "uint64",
         "f2": "float16", "f4": "float32", "f8": "float64"}

# Row operand x column operand -> result (symmetric), numpy >= 2 ``result_type``.
_PROMOTION_GRID = """
      b   i1  i2  i4  i8  u1  u2  u4  u8  f2  f4  f8
b     b   i1  i2  i4  i8  u1  u2  u4  u8  f2  f4  f8
i1    i1  i1  i2  i4  i8  i2  i4  i8  f8  f2  f4  f8
i2    i2  i2  i2  i4  i8  i2  i4  i8  f8  f4  f4  f8
i4    i4  i4  i4  i4  i8  i4  i4  i8  f8  f8  f8  f8
i8    i8  i8  i8  i8  i8  i8  i8  i8  f8  f8  f8  f8
u1    u1  i2  i2  i4  i8  u1  u2  u4  u8  f2  f4  f8
u2    u2  i4  i4  i4  i8  u2  u2  u4  u8  f4  f4  f8
u4    u4  i8  i8  i8  i8  u4  u4  u4  u8  f8  f8  f8
u8    u8  f8  f8  f8  f8  u8  u8  u8  u8  f8  f8  f8
f2    f2  f2  f4  f8  f8  f2  f4  f8  f8  f2  f4  f8
f4    f4  f4  f4  f8  f8  f4  f4  f8  f8  f4  f4  f8
f8    f8  f8  f8  f8  f8  f8  f8  f8  f8  f8  f8  f8
"""


def _parse_grid(text: str) -> dict[tuple[str, str], str]:
    rows = [line.split() for line in text.strip().splitlines()]
    header = [_ABBR[c] for c in rows[0]]
    table = {}
    for row in rows[1:]:
        for col, cell in zip(header, row[1:]):
            table[(_ABBR[row[0]], col)] = _ABBR[cell]
    return table


PROMOTION: dict[tuple[str, str], str] = _parse_grid(_PROMOTION_GRID)

# A strong operand of this kind meeting a weak Python scalar -> result (NEP 50).
# "same" keeps the strong dtype.
_WEAK = {
    "b": {bool: "same", int: "int64", float: "float64"},
    "i": {bool: "same", int: "same", float: "float64"},
    "u": {bool: "same", int: "same", float: "float64"},
    "f": {bool: "same", int: "same", float: "same"},
}
_WEAK_ALONE = {bool: "bool", int: "int64", float: "float64"}

#: exp, log, sqrt, sin, cos, tanh, sigmoid, softplus of a dtype.
FLOAT_FUNCTION = {
    "bool": "float16", "int8": "float16", "uint8": "float16", "int16": "float32",
    "uint16": "float32", "int32": "float64", "uint32": "float64", "int64": "float64",
    "uint64": "float64", "float16": "float16", "float32": "float32", "float64": "float64",
}

#: mean, var, std, logsumexp of a dtype.
MEAN = {**{d: "float64" for d in DTYPES}, "float16": "float16", "float32": "float32"}

#: sum, prod, cumsum, cumprod of a dtype.
ACCUMULATE = {
    "bool": "int64", "int8": "int64", "int16": "int64", "int32": "int64", "int64": "int64",
    "uint8": "uint64", "uint16": "uint64", "uint32": "uint64", "uint64": "uint64",
    "float16": "float16", "float32": "float32", "float64": "float64",
}


def kind(dtype: str) -> str:
    """'b', 'i', 'u' or 'f'."""
    return "b" if dtype == "bool" else dtype[0]


def promote(*operands: str | type) -> str:
    """Result dtype of operands: dtype names (strong) and Python types (weak)."""
    strong = [o for o in operands if isinstance(o, str)]
    weak = [o for o in operands if not isinstance(o, str)]
    if not strong:
        return _WEAK_ALONE[max(weak, key=(bool, int, float).index)]  # type: ignore[arg-type]
    out = strong[0]
    for dt in strong[1:]:
        out = PROMOTION[(out, dt)]
    for w in weak:
        rule = _WEAK[kind(out)][w]  # type: ignore[index]
        out = out if rule == "same" else rule
    return out


def divide(*operands: str | type) -> str:
    """True division: the promoted dtype, or float64 where that is bool or integer."""
    out = promote(*operands)
    return out if kind(out) == "f" else "float64"
