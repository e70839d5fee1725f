"""Importing MXNet, and the conversions and dtype reads every op module shares.

The backend uses MXNet's NumPy interface (``mxnet.numpy`` arrays, ``mxnet.npx``): it
gives 0-d results for full reductions and ``bool`` comparisons, as the contract's
result rules require (``mx.nd`` gives shape ``(1,)`` and ``float32``).
"""

from __future__ import annotations

import ctypes
import threading
from types import ModuleType
from typing import Any, Callable

from tensorplug import InvalidTypeError
from tensorplug._dtypes import scalar_kind

#: MXNet's dtype codes (mshadow type flags) and their names.
CODE_NAMES: dict[int, str] = {
    0: "float32", 1: "float64", 2: "float16", 3: "uint8", 4: "int32", 5: "int8", 6: "int64",
    7: "bool", 8: "int16", 9: "uint16", 10: "uint32", 11: "uint64", 12: "bfloat16",
}
F32, F64, F16, U8, I32, I8, I64, BOOL = 0, 1, 2, 3, 4, 5, 6, 7
#: Codes below this one are the float dtypes (float32, float64, float16).
FLOAT_LIMIT = 3
#: The dtypes this backend declares (MXNet also has int8/uint8, outside the contract).
DTYPES = ("bool", "int32", "int64", "float16", "float32", "float64")
MX_DTYPES = frozenset({*DTYPES, "int8", "uint8"})
_PY_DEFAULT = {"b": "bool", "i": "int64", "f": "float64"}
_NP_SHAPE_GLOBAL = 2  # MXNet's NumpyShape enum: Off, ThreadLocalOn, GlobalOn


def import_mxnet() -> ModuleType:
    """Import mxnet (restoring ``numpy.bool`` first) and turn on NumPy shape semantics."""
    import numpy

    # mxnet 1.9.1, the last release, still uses the alias ``numpy.bool`` that numpy 1.24
    # removed, so ``import mxnet`` fails on numpy >= 1.24 without it. Restored only where
    # missing, and only when this backend is loaded (never at tensorplug import).
    if "bool" not in numpy.__dict__:
        vars(numpy)["bool"] = bool
    import mxnet

    _enable_np_shape(mxnet)
    defer_binary_operators(mxnet.np.ndarray)
    return mxnet


def _enable_np_shape(mx: ModuleType) -> None:
    """0-d and zero-size arrays need MXNet's NumPy shape semantics in every thread.

    ``npx.set_np_shape(True)`` only sets it for the calling thread; GlobalOn also covers
    threads started later. MXNet asks that it stay on while ``mxnet.numpy`` is in use.
    """
    prev = ctypes.c_int()
    mx.base.check_call(mx.base._LIB.MXSetIsNumpyShape(ctypes.c_int(_NP_SHAPE_GLOBAL),
                                                       ctypes.byref(prev)))


_OPERATORS = (
    "add", "radd", "iadd", "sub", "rsub", "isub", "mul", "rmul", "imul", "truediv",
    "rtruediv", "itruediv", "floordiv", "rfloordiv", "mod", "rmod", "imod", "pow", "rpow",
    "matmul", "rmatmul", "imatmul", "and", "rand", "iand", "or", "ror", "ior", "xor", "rxor",
    "ixor", "eq", "ne", "lt", "le", "gt", "ge",
)


def defer_binary_operators(nd_class: type) -> None:
    """Make ``mxnet.numpy.ndarray``'s Python operators follow numpy's opt-out rule.

    numpy's ``ndarray.__add__(other)`` returns ``NotImplemented`` when ``other``'s type
    sets ``__array_ufunc__ = None``, so Python calls ``other.__radd__``: that is how
    ``variable + placeholder`` reaches tensorplug's graph symbols. MXNet's operators
    raise TypeError for any type they do not know instead. Each wrapper adds that one
    rule and calls MXNet's operator otherwise; applied once, when the backend loads.
    """
    for short in _OPERATORS:
        name = f"__{short}__"
        original = getattr(nd_class, name, None)
        if original is None or getattr(original, "__tensorplug_defers__", False):
            continue
        setattr(nd_class, name, _deferring(original))


def _deferring(original: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    def operator(self: Any, other: Any) -> Any:
        if getattr(type(other), "__array_ufunc__", 0) is None:
            return NotImplemented
        return original(self, other)

    operator.__name__ = getattr(original, "__name__", "operator")
    operator.__doc__ = getattr(original, "__doc__", None)
    operator.__tensorplug_defers__ = True  # type: ignore[attr-defined]
    return operator


class DtypeReader:
    """Reads an ``mxnet.numpy.ndarray``'s dtype code in ~0.15 µs.

    ``x.dtype`` costs ~0.6 µs (a ctypes call that releases the GIL, then a numpy dtype),
    and the hot path reads dtypes on every call (MXNet does not promote as the contract
    says). This calls the same C API, ``MXNDArrayGetDType``, through ``PyDLL`` (it keeps
    the GIL for a metadata read) into a buffer owned by the calling thread. Hot paths
    inline ``get(x.handle, ref); buf.value`` with ``buf, ref = local.slot``.
    """

    def __init__(self, mx: ModuleType) -> None:
        self.get = ctypes.PyDLL(mx.base._LIB._name).MXNDArrayGetDType
        self.local = threading.local()

    def slot(self) -> tuple[Any, Any]:
        """This thread's ``(c_int buffer, pointer to it)``, made on first use."""
        try:
            return self.local.slot  # type: ignore[no-any-return]
        except AttributeError:
            buf = ctypes.c_int()
            self.local.slot = pair = (buf, ctypes.byref(buf))
            return pair

    def code_function(self) -> Callable[[Any], int]:
        get, local, slot = self.get, self.local, self.slot

        def code(x: Any) -> int:
            try:
                buf, ref = local.slot
            except AttributeError:
                buf, ref = slot()
            get(x.handle, ref)
            return buf.value  # type: ignore[no-any-return]

        return code


class Runtime:
    """MXNet's modules plus the helpers the op modules share (one per loaded backend)."""

    def __init__(self, mx: ModuleType) -> None:
        import numpy
        from mxnet.ndarray.numpy import _internal as npi

        self.mx = mx
        self.onp = numpy
        self.np = mx.np
        self.npx = mx.npx
        self.npi = npi
        self.ND: Any = mx.np.ndarray  # (Any: mypy would narrow `type(x) is ND` to object)
        self.NDArray: Any = mx.nd.NDArray
        self.reader = DtypeReader(mx)
        self.code = self.reader.code_function()
        self.version: str = mx.__version__

    # -- dtypes ---------------------------------------------------------------------

    def name(self, x: Any) -> str:
        """Dtype name of a native array, legacy NDArray, numpy array or numpy scalar."""
        if isinstance(x, self.NDArray):
            return CODE_NAMES[self.code(x)]
        return str(self.onp.asarray(x).dtype.name)

    def operand(self, x: Any) -> Any:
        """A NEP 50 operand for ``result_type``: the Python scalar itself, else a name."""
        if scalar_kind(x) is not None:
            return x
        return self.name(x)

    # -- conversions ----------------------------------------------------------------

    def tensor(self, x: Any, dtype: str | None = None) -> Any:
        """``x`` as a native array (a new one unless ``x`` already is one of ``dtype``)."""
        if isinstance(x, self.NDArray):
            if not isinstance(x, self.ND):
                x = x.as_np_ndarray()
            return self.cast(x, dtype) if dtype is not None else x
        kind = scalar_kind(x)
        if kind is not None:
            return self._from_host(self.onp.asarray(x, dtype or _PY_DEFAULT[kind]))
        if isinstance(x, (list, tuple)) and any(isinstance(t, self.NDArray) for t in x):
            return self.cast(self.np.stack([self.tensor(t) for t in x]), dtype)
        host = self.onp.asarray(x) if dtype is None else self.onp.asarray(x, dtype)
        return self._from_host(host)

    def _from_host(self, host: Any) -> Any:
        name = host.dtype.name
        if name not in MX_DTYPES:
            raise InvalidTypeError(
                f"The mxnet backend has no {name} arrays. Allowed dtypes: "
                f"{', '.join(DTYPES)}.\nReceived: an array of dtype {name}.\n"
                f"Fix: cast it first, e.g. x.astype('int64') or x.astype('float32').")
        if not host.flags.c_contiguous:  # (np.ascontiguousarray would make 0-d arrays 1-d)
            host = host.copy()
        return self.np.array(host, dtype=host.dtype)

    def cast(self, x: Any, dtype: str | None) -> Any:
        """Native ``x`` cast to ``dtype`` (``x`` itself when it already has it)."""
        if dtype is None or CODE_NAMES[self.code(x)] == dtype:
            return x
        return self.npx.cast(x, dtype)

    def floats(self, x: Any) -> tuple[Any, str]:
        """``x`` (any input) cast for a float function, and the result dtype name.

        Integers give float64 and bool float16 (numpy 2); float16 is computed in float32
        where an MXNet CPU kernel lacks it or loses accuracy, so callers cast back.
        """
        from tensorplug._dtypes import float_result

        x = self.tensor(x)
        out = float_result(CODE_NAMES[self.code(x)])
        return self.cast(x, out), out
