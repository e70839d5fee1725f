"""Element-wise functions of one MXNet array, plus pow and clip."""

from __future__ import annotations

from typing import Any, Callable

from tensorplug import InvalidArgumentError, InvalidTypeError
from tensorplug._dtypes import kind

from ._binary import NUMERIC, binaries
from ._impls import Impls
from ._runtime import BOOL, F16, FLOAT_LIMIT, Runtime

_NUMBERS = frozenset({int, float})
_HUGE = 1.7976931348623157e308


def float_function(rt: Runtime, fn: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """A float function: native for float arrays; ints give float64, bool float16."""
    ND, get, local, slot = rt.ND, rt.reader.get, rt.reader.local, rt.reader.slot

    def call(x: Any) -> Any:
        if type(x) is ND:
            try:  # rt.code(x), inlined on the hot path
                buf, ref = local.slot
            except AttributeError:
                buf, ref = slot()
            get(x.handle, ref)
            if buf.value < FLOAT_LIMIT:
                return fn(x)
        return fn(rt.floats(x)[0])

    return call


def _refuse_bool(op: str, hint: str) -> InvalidTypeError:
    return InvalidTypeError(f"K.{op} does not accept bool tensors (numpy refuses them too).\n"
                            f"Received: a bool tensor.\nFix: {hint}.")


def build(rt: Runtime, **options: Any) -> Impls:
    ns = Impls("tensorplug_mxnet.elementwise")
    ND, code, npi = rt.ND, rt.code, rt.npi
    ops = binaries(rt)
    exp_, log_ = float_function(rt, npi.exp), float_function(rt, npi.log)
    sin_, cos_ = float_function(rt, npi.sin), float_function(rt, npi.cos)
    pow_, maximum, minimum = ops["pow"], ops["maximum"], ops["minimum"]

    def numeric(x: Any, op: str, fn: Callable[[Any], Any], bool_hint: str | None) -> Any:
        """``fn(x)`` for numeric dtypes (MXNet has no bool kernels for these); for bool a
        copy (``x`` is its own result), or an error with ``bool_hint`` where numpy
        refuses bool."""
        x = rt.tensor(x)
        if code(x) != BOOL:
            return fn(x)
        if bool_hint is not None:
            raise _refuse_bool(op, bool_hint)
        return x.copy()

    @ns.impl()
    def abs(x: Any) -> Any:
        if type(x) is ND and code(x) in NUMERIC:
            return npi.abs(x)
        return numeric(x, "abs", npi.abs, None)

    @ns.impl()
    def negative(x: Any) -> Any:
        if type(x) is ND and code(x) in NUMERIC:
            return npi.negative(x)
        return numeric(x, "negative", npi.negative, "K.equal(x, False) negates a bool")

    @ns.impl()
    def square(x: Any) -> Any:
        if type(x) is ND and code(x) in NUMERIC:
            return npi.square(x)
        return numeric(x, "square", npi.square, None)

    @ns.impl()
    def sqrt(x: Any) -> Any:
        if not (type(x) is ND and code(x) < FLOAT_LIMIT):
            x = rt.floats(x)[0]
        return npi.sqrt(npi.maximum_scalar(x, 0.0))  # Keras: negative inputs give 0

    @ns.impl(fast=exp_)
    def exp(x: Any) -> Any:
        return exp_(x)

    @ns.impl(fast=log_)
    def log(x: Any) -> Any:
        return log_(x)

    @ns.impl()
    def sign(x: Any) -> Any:
        if type(x) is ND and code(x) in NUMERIC:
            return npi.sign(x)
        return numeric(x, "sign", npi.sign, "K.cast(x, 'int32') first")

    def _round(x: Any) -> Any:
        c = code(x)
        if c == F16:  # MXNet's CPU `around` has no float16 kernel
            return rt.cast(npi.around(rt.cast(x, "float32")), "float16")
        return npi.around(x) if c < FLOAT_LIMIT else x.copy()

    @ns.impl()
    def round(x: Any) -> Any:  # MXNet's around rounds half to even, as numpy
        return _round(x if type(x) is ND else rt.tensor(x))

    @ns.impl(fast=sin_)
    def sin(x: Any) -> Any:
        return sin_(x)

    @ns.impl(fast=cos_)
    def cos(x: Any) -> Any:
        return cos_(x)

    @ns.impl()
    def pow(x: Any, a: Any) -> Any:
        if type(a) is int and a < 0 and kind(name := rt.name(rt.tensor(x))) in "biu":
            raise InvalidArgumentError(
                f"K.pow: integers to negative integer powers are not allowed (as numpy).\n"
                f"Received: a={a!r} with a {name} x.\n"
                f"Fix: K.cast(x, 'float64') first, or use a float exponent.")
        return pow_(x, a)

    get, local, slot = rt.reader.get, rt.reader.local, rt.reader.slot

    @ns.impl()
    def clip(x: Any, min_value: Any, max_value: Any) -> Any:
        if type(x) is ND and type(min_value) in _NUMBERS and type(max_value) in _NUMBERS:
            try:  # rt.code(x), inlined on the hot path
                buf, ref = local.slot
            except AttributeError:
                buf, ref = slot()
            get(x.handle, ref)
            if buf.value < FLOAT_LIMIT and -_HUGE <= min_value <= _HUGE and (
                    -_HUGE <= max_value <= _HUGE):  # (inf as a scalar: see _binary)
                return npi.clip(x, min_value, max_value)
        if min_value is None and max_value is None:
            return rt.tensor(x).copy()
        if min_value is not None:
            x = maximum(x, min_value)
        return x if max_value is None else minimum(x, max_value)

    return ns
