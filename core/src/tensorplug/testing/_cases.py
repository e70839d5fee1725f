"""Value cases: a registry per test module, parametrized as ``<op>-<case>-<dtype>``.

A case is a small function ``(inputs, dtype) -> None`` that makes numpy inputs and
calls :func:`check_op` once or a few times. It runs for every dtype in both its
applicable set and the backend's declared ``backend_info().dtypes``.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Any, Callable, Iterator

import pytest

from tensorplug import backend as K

from ._inputs import Inputs
from ._nep50 import DTYPES
from ._state import declared_dtypes

FLOATS = ("float16", "float32", "float64")
SIGNED_INTS = ("int8", "int16", "int32", "int64")
INTS = (*SIGNED_INTS, "uint8", "uint16", "uint32", "uint64")
NUMERIC = (*INTS, *FLOATS)
SIGNED = (*SIGNED_INTS, *FLOATS)
ALL = DTYPES
#: Float functions (exp, log, ...): floats, and the ints they must accept.
FLOAT_FN = ("int32", "int64", *FLOATS)

Run = Callable[[Inputs, str], None]


@dataclass(frozen=True)
class Case:
    op: str
    name: str
    dtypes: tuple[str, ...]
    run: Run

    def id(self, dtype: str) -> str:
        return f"{self.op}-{self.name}-{dtype}"


REGISTRIES: list[Cases] = []


class Cases:
    """The value cases of one test module."""

    def __init__(self) -> None:
        self.items: list[Case] = []
        REGISTRIES.append(self)

    def __call__(self, op: str, name: str, dtypes: tuple[str, ...]) -> Callable[[Run], Run]:
        """Register the decorated function as case ``name`` of ``op``."""
        if "-" in name or "-" in op:
            raise ValueError(f"case and op names must not contain '-': {op}-{name}")

        def register(fn: Run) -> Run:
            self.items.append(Case(op, name, tuple(dtypes), fn))
            return fn

        return register

    def params(self) -> list[Any]:
        """``pytest.param(case, dtype, id="<op>-<case>-<dtype>")`` for every case and
        every dtype both applicable and declared."""
        declared = set(declared_dtypes())
        return [pytest.param(case, dt, id=case.id(dt))
                for case in self.items for dt in DTYPES
                if dt in case.dtypes and dt in declared]


def check_case(case: Case, dtype: str) -> None:
    case.run(Inputs(case.id(dtype)), dtype)


@contextlib.contextmanager
def floatx(dtype: str) -> Iterator[None]:
    """Run the block with ``K.floatx() == dtype`` (a process-wide setting)."""
    old = K.floatx()
    K.set_floatx(dtype)
    try:
        yield
    finally:
        K.set_floatx(old)


def other_dtype(dtype: str) -> str:
    """A declared dtype different from ``dtype`` (int32 when possible)."""
    choices = [d for d in ("int32", "int64", "float64", "float32", "bool")
               if d != dtype and d in declared_dtypes()]
    return choices[0]
