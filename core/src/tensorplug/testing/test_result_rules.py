"""The result rules every backend follows (DESIGN.md, "The contract").

- Mixed dtypes promote as numpy >= 2 does (NEP 50): tensors, 0-d tensors and numpy
  scalars are strong; Python scalars are weak and take the tensor's dtype unless their
  kind is higher (``test_promotion``).
- Comparisons return bool; reductions over all axes return 0-d tensors; argmax/argmin
  return int64; float functions of ints give float64; sum/prod/cumsum/cumprod of bool
  and ints accumulate in int64; mean/var/std/logsumexp of ints give float64
  (``test_rule``).

Expected dtypes come from ``_nep50`` (the suite's own table), never from the installed
numpy.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from tensorplug import backend as K

from . import _nep50 as nep50
from ._cases import declared_dtypes
from ._check import check_op
from ._inputs import Inputs

_ARITHMETIC = ("add", "subtract", "multiply", "divide", "maximum", "minimum", "pow")
_COMPARISONS = ("equal", "less")
PROMOTION_OPS = (*_ARITHMETIC, *_COMPARISONS, "where")
_PY = {"py_bool": bool, "py_int": int, "py_float": float}


def _operand_dtype(name: str) -> str | type:
    """A strong dtype name, or the Python type of a weak scalar operand."""
    return _PY[name] if name in _PY else name.split("_", 1)[-1]


def _is_bool(name: str) -> bool:
    return name in ("py_bool", "bool", "np_bool", "0d_bool")


def _operand_pairs() -> list[tuple[str, str]]:
    """``(x, y)`` operand names: mixed tensors, 0-d tensors, Python and numpy scalars."""
    dts = declared_dtypes()
    pairs = [(a, b) for a in dts for b in dts if a != b]  # tensor x tensor
    pairs += [(a, f"0d_{b}") for a in dts for b in dts if a != b]  # tensor x 0-d
    pairs += [(f"0d_{a}", f"0d_{b}") for a in dts for b in dts if a != b]
    pairs += [(a, f"np_{b}") for a in dts for b in dts]  # tensor x numpy scalar
    for a in dts:
        for py in _PY:
            pairs += [(a, py), (py, a), (f"0d_{a}", py)]  # weak Python scalars
    return pairs


def _promotion_params() -> list[Any]:
    params = []
    for op in PROMOTION_OPS:
        for x, y in _operand_pairs():
            if op in _ARITHMETIC and _is_bool(x) and _is_bool(y):
                continue  # bool arithmetic is not part of the contract
            params.append(pytest.param(op, x, y, id=f"{op}-{x}-{y}"))
    return params


def _make(g: Inputs, name: str, kind: str) -> Any:
    """The operand called ``name``: a (3, 4) tensor, 0-d tensor or scalar."""
    if name in _PY:
        return {"py_bool": True, "py_int": 2, "py_float": 0.75}[name]
    if name.startswith("np_"):
        return np.dtype(name[3:]).type(1 if name == "np_bool" else 2)
    if name.startswith("0d_"):
        return g.array(name[3:], (), kind)
    return g.array(name, (3, 4), kind)


def _expected(op: str, x: str, y: str) -> str:
    if op in _COMPARISONS:
        return "bool"
    if op == "divide":
        return nep50.divide(_operand_dtype(x), _operand_dtype(y))
    return nep50.promote(_operand_dtype(x), _operand_dtype(y))


@pytest.mark.parametrize(("op", "x", "y"), _promotion_params())
def test_promotion(op: str, x: str, y: str) -> None:
    g = Inputs(f"{op}-{x}-{y}")
    kind_x = "positive" if op == "pow" else "small"
    kind_y = {"pow": "near_one", "divide": "nonzero"}.get(op, "small")
    xv, yv = _make(g, x, kind_x), _make(g, y, kind_y)
    if op == "divide" and isinstance(yv, np.ndarray) and yv.dtype == bool:
        yv = np.ones_like(yv)  # no division by False
    if op == "where":
        check_op("where", g.condition(), xv, yv, want=_expected(op, x, y))
    else:
        check_op(op, xv, yv, want=_expected(op, x, y))


# --- single-operand rules --------------------------------------------------------------

_NUMERIC = tuple(d for d in nep50.DTYPES if d != "bool")
_INTS = tuple(d for d in nep50.DTYPES if nep50.kind(d) in "iu")

# rule -> (ops, dtypes it applies to, input kind, kwargs, result dtype of a dtype)
_RULES: dict[str, tuple[tuple[str, ...], tuple[str, ...], str, dict[str, Any], Any]] = {
    "full_reduction_0d": (("sum", "prod", "mean", "max", "min", "var", "std", "logsumexp"),
                          _NUMERIC, "near_one", {}, None),
    "full_reduction_0d_bool": (("any", "all"), nep50.DTYPES, "any", {}, None),
    "index_int64": (("argmax", "argmin"), _NUMERIC, "any", {"axis": 0},
                    lambda dt: "int64"),
    "compare_bool": (("equal", "not_equal", "greater", "greater_equal", "less",
                      "less_equal"), nep50.DTYPES, "ties", {}, lambda dt: "bool"),
    "float_of_int": (("exp", "log", "sqrt", "sin", "cos", "tanh", "sigmoid", "softplus"),
                     ("int32", "int64"), "positive", {}, nep50.FLOAT_FUNCTION.__getitem__),
    "accumulate": (("sum", "prod", "cumsum", "cumprod"), ("bool", *_INTS), "near_one", {},
                   nep50.ACCUMULATE.__getitem__),
    "mean_of_int": (("mean", "var", "std", "logsumexp"), _INTS, "any", {},
                    nep50.MEAN.__getitem__),
    "divide_int": (("divide",), ("bool", *_INTS), "positive", {}, lambda dt: "float64"),
}

_FULL_REDUCTION = {"sum": nep50.ACCUMULATE, "prod": nep50.ACCUMULATE, "mean": nep50.MEAN,
                   "var": nep50.MEAN, "std": nep50.MEAN, "logsumexp": nep50.MEAN}
_TWO_OPERANDS = {"equal", "not_equal", "greater", "greater_equal", "less", "less_equal",
                 "divide"}


#: Ops accepting fewer dtypes than their rule lists.
_OP_DTYPES = {"logsumexp": ("int32", "int64", "float16", "float32", "float64")}


def _rule_params() -> list[Any]:
    declared = set(declared_dtypes())
    return [pytest.param(op, rule, dt, id=f"{op}-{rule}-{dt}")
            for rule, (ops, dtypes, *_rest) in _RULES.items() for op in ops
            for dt in nep50.DTYPES
            if dt in dtypes and dt in declared and dt in _OP_DTYPES.get(op, dtypes)]


def _result(op: str, rule: str, dt: str) -> str:
    fn = _RULES[rule][4]
    if fn is not None:
        return fn(dt)  # type: ignore[no-any-return]
    if op in ("any", "all"):
        return "bool"
    return _FULL_REDUCTION[op][dt] if op in _FULL_REDUCTION else dt


@pytest.mark.parametrize(("op", "rule", "dtype"), _rule_params())
def test_rule(op: str, rule: str, dtype: str) -> None:
    g = Inputs(f"{op}-{rule}-{dtype}")
    _ops, _dts, kind, kwargs, _fn = _RULES[rule]
    x = g.array(dtype, (2, 3), kind)
    y = g.array(dtype, (2, 3), kind)
    if op == "divide" and dtype == "bool":
        y = np.ones_like(y)  # no division by False
    args = (x, y) if op in _TWO_OPERANDS else (x,)
    out = check_op(op, *args, want=_result(op, rule, dtype), **kwargs)
    if rule.startswith("full_reduction"):
        assert K.to_numpy(out).shape == (), f"K.{op} over all axes must return a 0-d tensor"
