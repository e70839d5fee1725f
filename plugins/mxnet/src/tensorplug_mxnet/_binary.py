"""Element-wise ops of two operands, promoting as the contract says (NEP 50).

MXNet computes mixed dtypes silently by its own rules (int32 + float32 is float32,
int32 + 1.5 is int32, int32 / int32 is float32), so the facade's retry never sees them:
each op checks dtypes itself. Fast path: two native arrays of one dtype that MXNet's
kernel handles as numpy 2 does, or a native array and a Python scalar that keeps its
dtype; that costs one dtype read per array, then MXNet's own operator. Everything else
(mixed dtypes, numpy inputs, dtypes MXNet lacks a kernel for) takes the slow path:
``result_type``, cast, compute, cast back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from tensorplug import InvalidTypeError
from tensorplug._dtypes import kind, result_type

from ._runtime import BOOL, F16, F32, F64, FLOAT_LIMIT, I32, I64, Runtime

ALL = frozenset({F32, F64, F16, I32, I64, BOOL})
NUMERIC = frozenset({F32, F64, F16, I32, I64})
FLOATS = frozenset({F32, F64, F16})
_EXACT = 2 ** 53  # Python ints beyond this lose precision as MXNet's double scalar
# MXNet passes a scalar to its operator as a string that dmlc parses back. Its parser
# refuses "inf" whenever errno holds a stale ERANGE from any earlier libm call in the
# thread, and refuses subnormals; such floats (and NaN) go as 0-d arrays instead.
_TINY, _HUGE = 2.2250738585072014e-308, 1.7976931348623157e308


def _same(dtype: str) -> str:
    return dtype


def _true_divide(dtype: str) -> str:
    return dtype if kind(dtype) == "f" else "float64"


def _bool_as_int32(dtype: str) -> str:
    return "int32" if dtype == "bool" else dtype


@dataclass(frozen=True)
class Spec:
    """How one binary op maps onto MXNet.

    :param name: the op name (for errors).
    :param array: MXNet's array-array function (``npi.add``).
    :param scalar: MXNet's array-scalar function (``npi.add_scalar``).
    :param rscalar: the scalar-array function (``None``: commutative, use ``scalar``).
    :param native: dtype codes MXNet computes as the contract says (fast path).
    :param out: result dtype from the NEP 50 dtype (``divide`` makes it a float).
    :param work: dtype to compute in, for a result dtype MXNet has no kernel for.
    :param refuse: dtypes numpy refuses for this op (a TypeError, as numpy gives).
    :param compare: the result is bool whatever the compute dtype.
    """

    name: str
    array: Callable[..., Any]
    scalar: Callable[..., Any]
    rscalar: Callable[..., Any] | None
    native: frozenset[int]
    out: Callable[[str], str] = _same
    work: Callable[[str], str] = _same
    refuse: frozenset[str] = field(default_factory=frozenset)
    compare: bool = False


def specs(rt: Runtime) -> dict[str, Spec]:
    npi = rt.npi
    return {
        "add": Spec("add", npi.add, npi.add_scalar, None, ALL),
        "subtract": Spec("subtract", npi.subtract, npi.subtract_scalar, npi.rsubtract_scalar,
                         NUMERIC, refuse=frozenset({"bool"})),
        "multiply": Spec("multiply", npi.multiply, npi.multiply_scalar, None, ALL),
        "divide": Spec("divide", npi.true_divide, npi.true_divide_scalar,
                       npi.rtrue_divide_scalar, FLOATS, out=_true_divide, work=_true_divide),
        "maximum": Spec("maximum", npi.maximum, npi.maximum_scalar, None, NUMERIC,
                        work=_bool_as_int32),
        "minimum": Spec("minimum", npi.minimum, npi.minimum_scalar, None, NUMERIC,
                        work=_bool_as_int32),
        "pow": Spec("pow", npi.power, npi.power_scalar, npi.rpower_scalar, ALL),
        "equal": Spec("equal", npi.equal, npi.equal_scalar, None, ALL, compare=True),
        "not_equal": Spec("not_equal", npi.not_equal, npi.not_equal_scalar, None, ALL,
                          compare=True),
        "greater": Spec("greater", npi.greater, npi.greater_scalar, npi.less_scalar, ALL,
                        compare=True),
        "greater_equal": Spec("greater_equal", npi.greater_equal, npi.greater_equal_scalar,
                              npi.less_equal_scalar, ALL, compare=True),
        "less": Spec("less", npi.less, npi.less_scalar, npi.greater_scalar, ALL, compare=True),
        "less_equal": Spec("less_equal", npi.less_equal, npi.less_equal_scalar,
                           npi.greater_equal_scalar, ALL, compare=True),
    }


def make(rt: Runtime, spec: Spec) -> Callable[[Any, Any], Any]:
    """The op's callable: the fast path inline, the rest in ``promote``."""
    ND, code = rt.ND, rt.code
    get, local, slot = rt.reader.get, rt.reader.local, rt.reader.slot
    array, scalar = spec.array, spec.scalar
    rscalar = spec.rscalar or spec.scalar
    native = spec.native
    slow = promoter(rt, spec)

    def call(x: Any, y: Any) -> Any:
        if type(x) is ND:
            try:  # the dtype reads of rt.code, inlined: this is the hot path
                buf, ref = local.slot
            except AttributeError:
                buf, ref = slot()
            get(x.handle, ref)
            cx = buf.value
            if cx in native:
                ty = type(y)
                if ty is ND:
                    get(y.handle, ref)
                    if cx == buf.value:
                        return array(x, y)
                elif ty is float:
                    if cx < FLOAT_LIMIT and (_TINY <= y <= _HUGE or -_HUGE <= y <= -_TINY
                                             or y == 0.0):
                        return scalar(x, y)
                elif ty is int and cx != BOOL and -_EXACT <= y <= _EXACT:
                    return scalar(x, y)
        elif type(y) is ND and type(x) in (int, float) and _small_scalar(x):
            cy = code(y)
            if cy in native and (cy < FLOAT_LIMIT or type(x) is int and cy != BOOL):
                return rscalar(y, x)
        return slow(x, y)

    call.__name__ = spec.name
    return call


def promoter(rt: Runtime, spec: Spec) -> Callable[[Any, Any], Any]:
    """The slow path: NEP 50 dtype, refusals, compute dtype, cast back."""
    array, scalar = spec.array, spec.scalar
    rscalar = spec.rscalar or spec.scalar

    def promote(x: Any, y: Any) -> Any:
        want = result_type(rt.operand(x), rt.operand(y))
        if want in spec.refuse:
            raise InvalidTypeError(
                f"K.{spec.name} does not accept {want} operands (numpy refuses them too).\n"
                f"Received: operands of dtype {rt.operand(x)!r} and {rt.operand(y)!r}.\n"
                f"Fix: cast to an integer dtype first, or use K.not_equal for a logical xor.")
        out = spec.out(want)
        work = spec.work(out)
        if _small_scalar(y) and _fits(y, work):
            res = scalar(rt.tensor(x, work), y)
        elif _small_scalar(x) and _fits(x, work):
            res = rscalar(rt.tensor(y, work), x)
        else:
            res = array(rt.tensor(x, work), rt.tensor(y, work))
        return res if spec.compare else rt.cast(res, out)

    return promote


def _small_scalar(v: Any) -> bool:
    """A Python number MXNet takes exactly as a scalar argument."""
    t = type(v)
    if t is float:
        return _TINY <= abs(v) <= _HUGE or v == 0.0
    return t is int and -_EXACT <= v <= _EXACT


def _fits(v: Any, work: str) -> bool:
    """A float scalar on an integer compute dtype would be truncated by MXNet."""
    return type(v) is int or kind(work) == "f"


def binaries(rt: Runtime) -> dict[str, Callable[[Any, Any], Any]]:
    """Every binary op's callable for ``rt``, built once and shared by the op modules."""
    built = rt.__dict__.get("_binaries")
    if built is None:
        built = rt.__dict__["_binaries"] = {n: make(rt, s) for n, s in specs(rt).items()}
    return built
