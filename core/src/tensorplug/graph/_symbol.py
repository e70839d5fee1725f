"""Symbols: tensors of a graph being built.

A symbol records the op that made it and that op's arguments (symbols, concrete tensors
or Python values). Python operators route to K; numpy refuses symbols at every entry
point (``__array_ufunc__ = None``, ``__array_function__`` -> NotImplemented, ``__array__``
raises), so a K op on a symbol lands in the facade's ``except`` branch, which records a
node instead of computing.
"""

from __future__ import annotations

import itertools
from typing import Any

from .._errors import InvalidTypeError

_ids = itertools.count()


class TensorSpec:
    """Static shape (ints or None; None for unknown rank) and dtype name."""

    __slots__ = ("shape", "dtype")

    def __init__(self, shape: tuple[int | None, ...] | None, dtype: str) -> None:
        self.shape = None if shape is None else tuple(shape)
        self.dtype = dtype

    def __repr__(self) -> str:
        return f"TensorSpec({self.shape}, {self.dtype!r})"

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, TensorSpec) and self.shape == other.shape
                and self.dtype == other.dtype)

    def __hash__(self) -> int:
        return hash((self.shape, self.dtype))


class Symbol:
    """A symbolic tensor: the output of ``op`` applied to ``args``.

    ``op`` is an op name of the contract, or ``"placeholder"``, ``"stop_gradient"``,
    ``"learning_phase"``, ``"output"`` (one output of a multi-output node) or a loop op.
    """

    __array_ufunc__ = None
    __array_priority__ = 1e9

    def __init__(self, op: str, args: tuple[Any, ...], spec: TensorSpec,
                 name: str | None = None, attrs: dict[str, Any] | None = None) -> None:
        self.op = op
        self.args = args
        self.spec = spec
        self.id = next(_ids)
        self.name = name or f"{op}_{self.id}"
        self.attrs = attrs or {}
        self._keras_shape = spec.shape

    # -- inspection -------------------------------------------------------------------
    @property
    def shape(self) -> tuple[int | None, ...] | None:
        return self.spec.shape

    @property
    def dtype(self) -> str:
        return self.spec.dtype

    @property
    def ndim(self) -> int | None:
        return None if self.spec.shape is None else len(self.spec.shape)

    def __repr__(self) -> str:
        return f"<Symbol {self.name} shape={self.shape} dtype={self.dtype}>"

    def __hash__(self) -> int:
        return self.id

    # -- refusing to leave the graph ----------------------------------------------------
    def __array__(self, *args: Any, **kwargs: Any) -> Any:
        raise InvalidTypeError(
            f"{self!r} is symbolic: it has no value until evaluated. Use K ops on it and "
            f"evaluate with K.function([inputs], [outputs]).")

    def __array_function__(self, func: Any, types: Any, args: Any, kwargs: Any) -> Any:
        return NotImplemented

    def __bool__(self) -> bool:
        raise InvalidTypeError(f"{self!r} is symbolic and has no truth value. Use "
                               f"K.switch / K.where for data-dependent choices.")

    def __len__(self) -> int:
        if self.shape and self.shape[0] is not None:
            return self.shape[0]
        raise InvalidTypeError(f"{self!r} has no static length.")

    def __iter__(self) -> Any:
        raise InvalidTypeError(f"{self!r} is symbolic and cannot be iterated; use "
                               f"K.map_fn or K.rnn.")

    def __float__(self) -> float:
        raise InvalidTypeError(f"{self!r} is symbolic; evaluate it with K.function first.")

    __int__ = __index__ = __float__  # type: ignore[assignment]


def _binary(name: str, reflected: bool = False) -> Any:
    def op(self: Symbol, other: Any) -> Any:
        from .. import backend as K

        fn = getattr(K, name)
        return fn(other, self) if reflected else fn(self, other)

    return op


def _unary(name: str) -> Any:
    def op(self: Symbol) -> Any:
        from .. import backend as K

        return getattr(K, name)(self)

    return op


for _dunder, _op in {"add": "add", "sub": "subtract", "mul": "multiply",
                     "truediv": "divide", "pow": "pow", "lt": "less", "le": "less_equal",
                     "gt": "greater", "ge": "greater_equal", "matmul": "dot"}.items():
    setattr(Symbol, f"__{_dunder}__", _binary(_op))
    if _dunder not in ("lt", "le", "gt", "ge"):
        setattr(Symbol, f"__r{_dunder}__", _binary(_op, reflected=True))
Symbol.__neg__ = _unary("negative")  # type: ignore[attr-defined]
Symbol.__abs__ = _unary("abs")  # type: ignore[attr-defined]


def _getitem(self: Symbol, key: Any) -> Any:
    from ._indexing import getitem

    return getitem(self, key)


Symbol.__getitem__ = _getitem  # type: ignore[attr-defined]


def contains_symbol(value: Any) -> bool:
    """True when ``value`` is a symbol or a list/tuple holding one."""
    if isinstance(value, Symbol):
        return True
    if isinstance(value, (list, tuple)):
        return any(contains_symbol(v) for v in value)
    return False
