"""Golden cases: single calls with hand-computed literal results (Keras 2.3 semantics).

No reference implementation is involved: each expected value is written out here.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest

from tensorplug import backend as K

from ._cases import declared_dtypes
from ._check import assert_result, to_backend

F32, F64, I32, I64, B = "float32", "float64", "int32", "int64", "bool"


def a(values: Any, dtype: str = F32) -> np.ndarray:
    return np.array(values, dtype=dtype)


def ones(*shape: int) -> np.ndarray:
    return np.ones(shape, dtype=F32)


LN2 = math.log(2.0)

# (op, case, args, kwargs, expected, result dtype). Arrays become backend tensors.
GOLDEN: list[tuple[str, str, tuple[Any, ...], dict[str, Any], Any, str]] = [
    # elementwise
    ("clip", "max_below_min", (a([-1, 0.5, 3]), 2, 1), {}, [2, 2, 2], F32),
    ("clip", "max_below_min_int", (a([1, 5, 9], I64), 4, 2), {}, [4, 4, 4], I64),
    ("clip", "bounds", (a([-1.5, 0.25, 3]), 0, 1), {}, [0, 0.25, 1], F32),
    ("clip", "min_none", (a([-1.5, 0.25, 3]), None, 1), {}, [-1.5, 0.25, 1], F32),
    ("clip", "max_none", (a([-1.5, 0.25, 3]), 0, None), {}, [0, 0.25, 3], F32),
    ("clip", "int", (a([-3, 1, 7], I32), 0, 5), {}, [0, 1, 5], I32),
    ("round", "half_to_even", (a([0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 0.4, 0.6]),), {},
     [0, 2, 2, -0.0, -2, -2, 0, 1], F32),
    ("sqrt", "negative_python_int", (-4,), {}, 0.0, F64),
    ("sqrt", "mixed", (a([4, -1, 0, 2.25]),), {}, [2, 0, 0, 1.5], F32),
    ("abs", "basic", (a([-2, 0, 3], I32),), {}, [2, 0, 3], I32),
    ("negative", "basic", (a([1, -2.5]),), {}, [-1, 2.5], F32),
    ("square", "basic", (a([-3, 0.5]),), {}, [9, 0.25], F32),
    ("sign", "basic", (a([-2, 0, 3.5]),), {}, [-1, 0, 1], F32),
    ("exp", "zero_one", (a([0, 1], F64),), {}, [1, math.e], F64),
    ("log", "one_e", (a([1, math.e], F64),), {}, [0, 1], F64),
    ("sin", "zero_half_pi", (a([0, math.pi / 2], F64),), {}, [0, 1], F64),
    ("cos", "zero_pi", (a([0, math.pi], F64),), {}, [1, -1], F64),
    ("pow", "square_int", (a([1, 2, 3], I64), 2), {}, [1, 4, 9], I64),
    ("pow", "sqrt", (a([4, 9]), 0.5), {}, [2, 3], F32),
    # arithmetic
    ("add", "python_int", (a([1.5, 2]), 1), {}, [2.5, 3], F32),
    ("add", "broadcast", (a([[1], [2]], I64), a([10, 20], I64)), {}, [[11, 21], [12, 22]],
     I64),
    ("subtract", "basic", (a([5, 1], I32), a([2, 3], I32)), {}, [3, -2], I32),
    ("multiply", "python_float", (a([2, 4]), 0.5), {}, [1, 2], F32),
    ("divide", "ints_give_float64", (a([1, 3], I64), a([2, 4], I64)), {}, [0.5, 0.75], F64),
    ("maximum", "basic", (a([1, 5]), a([3, 2])), {}, [3, 5], F32),
    ("minimum", "basic", (a([1, 5]), a([3, 2])), {}, [1, 2], F32),
    ("equal", "python_int", (a([1, 2, 3], I64), 2), {}, [False, True, False], B),
    ("not_equal", "basic", (a([1, 2]), a([1, 3])), {}, [False, True], B),
    ("greater", "basic", (a([1, 2, 3]), 2), {}, [False, False, True], B),
    ("greater_equal", "basic", (a([1, 2, 3]), 2), {}, [False, True, True], B),
    ("less", "basic", (a([1, 2, 3]), 2), {}, [True, False, False], B),
    ("less_equal", "basic", (a([1, 2, 3]), 2), {}, [True, True, False], B),
    ("where", "basic", (a([True, False], B), a([1, 2]), a([3, 4])), {}, [1, 4], F32),
    # reductions
    ("prod", "all", (a([[1, 2], [3, 4]]),), {}, 24, F32),
    ("prod", "axis0", (a([[1, 2], [3, 4]]),), {"axis": 0}, [3, 8], F32),
    ("prod", "keepdims", (a([[1, 2], [3, 4]]),), {"axis": 1, "keepdims": True},
     [[2], [12]], F32),
    ("prod", "all_keepdims", (a([[1, 2], [3, 4]]),), {"keepdims": True}, [[24]], F32),
    ("prod", "int_gives_int64", (a([[1, 2], [3, 4]], I32),), {}, 24, I64),
    ("sum", "keepdims", (a([[1, 2], [3, 4]]),), {"axis": 1, "keepdims": True}, [[3], [7]],
     F32),
    ("sum", "axis_list", (ones(2, 3, 4),), {"axis": [0, 2]}, [8, 8, 8], F32),
    ("sum", "bool_gives_int64", (a([True, True, False], B),), {}, 2, I64),
    ("mean", "int_gives_float64", (a([1, 2], I64),), {}, 1.5, F64),
    ("var", "population", (a([1, 2, 3, 4]),), {}, 1.25, F32),
    ("std", "population", (a([1, 2, 3, 4], F64),), {}, math.sqrt(1.25), F64),
    ("max", "axis0", (a([[1, 5], [7, 2]]),), {"axis": 0}, [7, 5], F32),
    ("min", "all", (a([[1, 5], [7, 2]]),), {}, 1, F32),
    ("any", "axis1", (a([[0, 1], [0, 0]]),), {"axis": 1}, [True, False], B),
    ("all", "axis1", (a([[1, 1], [0, 1]]),), {"axis": 1}, [True, False], B),
    ("logsumexp", "zeros", (a([0, 0], F64),), {}, LN2, F64),
    ("logsumexp", "stable", (a([1000, 1000], F64),), {}, 1000 + LN2, F64),
    ("argmax", "ties_first", (a([[1, 3, 3], [2, 2, 1]]),), {}, [1, 0], I64),
    ("argmax", "ties_axis0", (a([[1, 5], [1, 5]]),), {"axis": 0}, [0, 0], I64),
    ("argmin", "ties_first", (a([[1, 1, 3], [2, 0, 0]]),), {}, [0, 1], I64),
    ("cumsum", "basic", (a([1, 2, 3], I64),), {}, [1, 3, 6], I64),
    ("cumprod", "basic", (a([1, 2, 3]),), {}, [1, 2, 6], F32),
    # linalg
    ("dot", "matrix", (a([[1, 2], [3, 4]]), a([[5, 6], [7, 8]])), {}, [[19, 22], [43, 50]],
     F32),
    ("dot", "theano_nd", (ones(2, 3), ones(4, 3, 5)), {}, np.full((2, 4, 5), 3.0), F32),
    ("batch_dot", "keras_doc_values", (a([[1, 2], [3, 4]]), a([[5, 6], [7, 8]])),
     {"axes": 1}, [[17], [53]], F32),
    ("batch_dot", "keras_doc_shape", (ones(32, 20), ones(32, 30, 20)), {"axes": (1, 2)},
     np.full((32, 30), 20.0), F32),
    ("batch_dot", "keras_doc_shape_3d", (ones(32, 20, 1), ones(32, 30, 20)),
     {"axes": (1, 2)}, np.full((32, 1, 30), 20.0), F32),
    ("batch_dot", "default_axes", (a([[[1, 2], [3, 4]]]), a([[[5, 6], [7, 8]]])), {},
     [[[19, 22], [43, 50]]], F32),
    ("transpose", "row", (a([[1, 2, 3]]),), {}, [[1], [2], [3]], F32),
    # shapes
    ("reshape", "infer", (a([0, 1, 2, 3, 4, 5]), (-1, 3)), {}, [[0, 1, 2], [3, 4, 5]], F32),
    ("concatenate", "default_axis", ([a([[1], [2]]), a([[3], [4]])],), {},
     [[1, 3], [2, 4]], F32),
    ("stack", "axis1", ([a([1, 2]), a([3, 4])],), {"axis": 1}, [[1, 3], [2, 4]], F32),
    ("expand_dims", "default_axis", (a([1, 2]),), {}, [[1], [2]], F32),
    ("squeeze", "last", (a([[1], [2]]), -1), {}, [1, 2], F32),
    ("flatten", "2d", (a([[1, 2], [3, 4]]),), {}, [1, 2, 3, 4], F32),
    ("batch_flatten", "3d", (a([[[1, 2]], [[3, 4]]]),), {}, [[1, 2], [3, 4]], F32),
    ("permute_dimensions", "3d", (a([[[1, 2]]]), (2, 0, 1)), {}, [[[1]], [[2]]], F32),
    ("tile", "int_is_left_padded", (a([[1, 2]]), 2), {}, [[1, 2, 1, 2]], F32),
    ("tile", "tuple", (a([[1, 2]]), (2, 1)), {}, [[1, 2], [1, 2]], F32),
    ("repeat_elements", "axis1", (a([[1, 2]]), 2, 1), {}, [[1, 1, 2, 2]], F32),
    ("gather", "rows", (a([[1, 2], [3, 4], [5, 6]]), a([2, 0], I64)), {},
     [[5, 6], [1, 2]], F32),
    ("one_hot", "out_of_range_is_zero", (a([0, 2, 5], I64), 3), {},
     [[1, 0, 0], [0, 0, 1], [0, 0, 0]], "floatx"),
    # activations
    ("relu", "plain", (a([-1, 0, 2]),), {}, [0, 0, 2], F32),
    ("relu", "all_options", (a([-2, -1, 0, 1, 2, 3, 5]),),
     {"alpha": 0.5, "max_value": 3.0, "threshold": 1.0}, [-1.5, -1, -0.5, 1, 2, 3, 3], F32),
    ("softmax", "halves", (a([[1, 1], [2, 2]]),), {}, [[0.5, 0.5], [0.5, 0.5]], F32),
    ("softmax", "quarter", (a([0, math.log(3)], F64),), {}, [0.25, 0.75], F64),
    ("sigmoid", "zero", (a([0]),), {}, [0.5], F32),
    ("sigmoid", "tails", (a([-1000, 1000], F64),), {}, [0, 1], F64),
    ("softplus", "values", (a([0, -1000, 1000], F64),), {}, [LN2, 0, 1000], F64),
    ("tanh", "zero", (a([0]),), {}, [0], F32),
    # tensors
    ("cast", "truncates_toward_zero", (a([-1.7, 1.7, 0]), I32), {}, [-1, 1, 0], I32),
    ("cast", "to_bool", (a([-1.7, 0.2, 0]), B), {}, [True, True, False], B),
    ("cast", "float64_to_float32", (a([0.5], F64), F32), {}, [0.5], F32),
    ("constant", "fill", (7,), {"shape": (2,)}, [7, 7], "floatx"),
    ("zeros", "floatx", ((2,),), {}, [0, 0], "floatx"),
    ("ones", "int", ((2,), I32), {}, [1, 1], I32),
    ("eye", "int", (2,), {}, [[1, 0], [0, 1]], "floatx"),
    ("eye", "pair", ((2, 3),), {}, [[1, 0, 0], [0, 1, 0]], "floatx"),
    ("zeros_like", "floatx_not_x_dtype", (a([1, 2], I64),), {}, [0, 0], "floatx"),
    ("ones_like", "floatx_not_x_dtype", (a([1, 2], I64),), {}, [1, 1], "floatx"),
    ("shape", "int32", (ones(2, 3),), {}, [2, 3], I32),
]

# (op, case, args, expected Python value)
GOLDEN_PYTHON: list[tuple[str, str, tuple[Any, ...], Any]] = [
    ("int_shape", "2d", (ones(2, 3),), (2, 3)),
    ("ndim", "3d", (ones(2, 1, 3),), 3),
    ("dtype", "float32", (ones(2),), "float32"),
    ("is_tensor", "tensor", (ones(2),), True),
    ("is_tensor", "python_list", ([1, 2],), False),
]


def _declared(*dtypes: str) -> bool:
    declared = declared_dtypes()
    return all(d == "floatx" or d in declared for d in dtypes)


def _dtypes_of(args: tuple[Any, ...]) -> list[str]:
    out = []
    for arg in args:
        items = arg if isinstance(arg, list) else [arg]
        out += [x.dtype.name for x in items if isinstance(x, np.ndarray)]
    return out


@pytest.mark.parametrize(
    ("op", "args", "kwargs", "expected", "want"),
    [pytest.param(op, args, kwargs, expected, want, id=f"{op}-{case}")
     for op, case, args, kwargs, expected, want in GOLDEN
     if _declared(want, *_dtypes_of(args))])
def test_golden(op: str, args: tuple[Any, ...], kwargs: dict[str, Any], expected: Any,
                want: str) -> None:
    want = K.floatx() if want == "floatx" else want
    out = getattr(K, op)(*(to_backend(x) for x in args), **kwargs)
    assert_result(op, K.to_numpy(out), np.asarray(expected), want)


@pytest.mark.parametrize(("op", "args", "expected"),
                         [pytest.param(op, args, expected, id=f"{op}-{case}")
                          for op, case, args, expected in GOLDEN_PYTHON
                          if _declared(*_dtypes_of(args))])
def test_golden_python(op: str, args: tuple[Any, ...], expected: Any) -> None:
    out = getattr(K, op)(*(to_backend(x) for x in args))
    assert out == expected and type(out) is type(expected), (
        f"K.{op} returned {out!r}; expected {expected!r}")
