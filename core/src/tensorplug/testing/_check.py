"""``check_op``: one call of ``K.<op>`` checked against the plain-NumPy reference.

Only three K functions are used besides the op under test: ``K.convert_to_tensor`` to
make inputs, ``K.to_numpy`` to read the result and (for variables) ``K.variable``. So
a fault planted in one op fails that op's tests and no others.
"""

from __future__ import annotations

from typing import Any, Callable

import numpy as np

from tensorplug import backend as K

from ._reference import REFERENCES
from ._tolerance import tolerance


def to_backend(arg: Any) -> Any:
    """numpy arrays (0-d too) become backend tensors; a list or tuple holding arrays
    becomes a list of tensors; everything else (Python and numpy scalars, shapes,
    axes, None) is passed through unchanged."""
    if isinstance(arg, np.ndarray):
        return K.convert_to_tensor(arg)
    if isinstance(arg, (list, tuple)) and any(isinstance(a, np.ndarray) for a in arg):
        return [to_backend(a) for a in arg]
    return arg


def to_reference(arg: Any) -> Any:
    """What a reference receives: arrays and numpy scalars as float64."""
    if isinstance(arg, (np.ndarray, np.generic)):
        return np.asarray(arg, dtype=np.float64) if arg.dtype.kind in "biuf" else arg
    if isinstance(arg, (list, tuple)) and any(isinstance(a, np.ndarray) for a in arg):
        return [to_reference(a) for a in arg]
    return arg


def check_op(op: str, *args: Any, want: str | None,
             ref: Callable[..., Any] | None = None, **kwargs: Any) -> Any:
    """Call ``K.<op>(*args, **kwargs)`` on backend tensors made from the numpy ``args``
    and compare with the reference.

    :param op: the K function's name.
    :param want: the expected result dtype name (from the suite's NEP 50 tables), or
        ``None`` for ops returning a Python value (compared with ``==``).
    :param ref: a reference to use instead of ``_reference.REFERENCES[op]``.
    :returns: the backend's result.
    """
    out = getattr(K, op)(*(to_backend(a) for a in args), **kwargs)
    expected = (ref or REFERENCES[op])(*(to_reference(a) for a in args), **kwargs)
    if want is None:
        assert out == expected and type(out) is type(expected), (
            f"K.{op} returned {out!r} ({type(out).__name__}); expected {expected!r} "
            f"({type(expected).__name__}).")
    else:
        assert_result(op, K.to_numpy(out), expected, want)
        check_traced(op, args, kwargs, expected, want)
    return out


#: Ops whose conformance cases are not re-run on placeholders: they need concrete
#: values (variables, assignment, reading values) or answer statically.
NOT_TRACED = frozenset({
    "variable", "constant", "set_value", "to_numpy", "eval", "get_value", "is_tensor",
    "int_shape", "ndim", "dtype", "update", "update_add", "update_sub",
    "moving_average_update", "print_tensor", "count_params", "is_variable", "is_sparse",
    "random_normal_variable", "random_uniform_variable",
})


def check_traced(op: str, args: tuple[Any, ...], kwargs: dict[str, Any], expected: Any,
                 want: str) -> None:
    """The same call on placeholders: the static shape/dtype rule must match the real
    result, and evaluating the one-node graph with K.function must give the values."""
    from tensorplug.graph import Symbol
    from tensorplug.graph._rules import RULES

    if op in NOT_TRACED or op not in RULES:  # test_coverage checks every op has a rule
        return
    feeds: list[tuple[Any, np.ndarray]] = []

    def symbolic(arg: Any) -> Any:
        if isinstance(arg, np.ndarray):
            sym = K.placeholder(shape=arg.shape, dtype=arg.dtype.name)
            feeds.append((sym, arg))
            return sym
        if isinstance(arg, (list, tuple)) and any(isinstance(a, np.ndarray) for a in arg):
            return [symbolic(a) for a in arg]
        return arg

    sym_args = [symbolic(a) for a in args]
    if not feeds:
        return
    out = getattr(K, op)(*sym_args, **kwargs)
    exp = np.asarray(expected)
    if not isinstance(out, Symbol):  # answered statically from the placeholders' shapes
        assert_result(op, K.to_numpy(out), expected, want)
        return
    assert out.shape == exp.shape, (
        f"K.{op}: static shape rule gives {out.shape}; the real result has {exp.shape}.")
    assert out.dtype == want, (
        f"K.{op}: static dtype rule gives {out.dtype}; the result rules give {want}.")
    value = K.function([s for s, _ in feeds], [out])([a for _, a in feeds])[0]
    assert_result(op, value, expected, want)


def assert_result(op: str, got: Any, expected: Any, want: str) -> None:
    """Dtype name, shape, then values (``_tolerance``) of a result read with to_numpy."""
    assert isinstance(got, np.ndarray), (
        f"K.to_numpy(K.{op}(...)) returned a {type(got).__name__}, not a numpy.ndarray.")
    assert got.dtype.name == want, (
        f"K.{op} returned dtype {got.dtype.name}; the result rules give {want}.")
    exp = np.asarray(expected).astype(want)
    assert got.shape == exp.shape, (
        f"K.{op} returned shape {got.shape}; expected {exp.shape}.")
    rtol, atol = tolerance(want)
    if got.dtype.kind == "f":
        np.testing.assert_allclose(got.astype(np.float64), exp.astype(np.float64),
                                   rtol=rtol, atol=atol, equal_nan=True,
                                   err_msg=f"K.{op} values ({want})")
    else:
        np.testing.assert_array_equal(got, exp, err_msg=f"K.{op} values ({want})")
