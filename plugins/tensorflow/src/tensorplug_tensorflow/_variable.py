"""The class of ``K.variable``: a ``tf.Variable`` whose operators defer to symbols.

TensorFlow's ``Variable.__add__`` reads the variable's *current value* and, when the
other operand is not convertible, calls ``other.__radd__(value)``: a tensorplug symbol
(a ``K.placeholder`` or a traced value) would record a snapshot instead of the variable,
so ``K.function([x], ..., updates=[(v, v + x)])`` would keep adding to the first value.
This subclass returns ``NotImplemented`` for operands that opt out of array arithmetic
the numpy way (``__array_ufunc__ = None``, NEP 13, as tensorplug symbols do), so Python
calls ``symbol.__radd__(variable)`` with the variable itself. Everything else is
``ResourceVariable`` unchanged (an instance of ``tf.Variable``, traced by
``tf.function`` like any variable).
"""

from __future__ import annotations

from typing import Any, Callable

from tensorflow.python.ops.resource_variable_ops import ResourceVariable

_BINARY = ("add", "sub", "mul", "truediv", "floordiv", "mod", "pow", "matmul",
           "and", "or", "xor")
_COMPARE = ("lt", "le", "gt", "ge")


def _defers(other: Any) -> bool:
    return getattr(type(other), "__array_ufunc__", 0) is None


class Variable(ResourceVariable):
    """``ResourceVariable`` deferring binary operators to symbolic operands."""


def _deferring(name: str) -> Callable[..., Any]:
    base = getattr(ResourceVariable, name)

    def method(self: Any, other: Any) -> Any:
        if _defers(other):
            return NotImplemented
        return base(self, other)

    method.__name__ = method.__qualname__ = name
    return method


for _op in _BINARY:
    for _name in (f"__{_op}__", f"__r{_op}__"):
        if hasattr(ResourceVariable, _name):
            setattr(Variable, _name, _deferring(_name))
for _op in _COMPARE:
    setattr(Variable, f"__{_op}__", _deferring(f"__{_op}__"))
