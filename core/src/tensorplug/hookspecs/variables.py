"""Variables: identity, counting and in-place updates; sparse queries."""

from __future__ import annotations

from typing import Any

from ._markers import hookspec


@hookspec(firstresult=True)
def is_variable(x: Any) -> Any:
    """Whether ``x`` is a variable of this backend (made by :func:`variable`).

    :param x: anything.
    :returns: ``bool``.

    .. versionadded:: 0.1
    """

@hookspec(firstresult=True)
def identity(x: Any, name: Any) -> Any:
    """A new tensor with ``x``'s value (a copy; never aliases a variable).

    :param x: a tensor.
    :param name: optional name; may be ignored.
    :returns: a tensor equal to ``x``.

    .. versionadded:: 0.1
    """

@hookspec(firstresult=True)
def count_params(x: Any) -> Any:
    """Number of scalars in ``x``.

    :param x: a tensor or variable with a fully known shape.
    :returns: a Python ``int``.

    .. versionadded:: 0.1
    """

@hookspec(firstresult=True)
def update(x: Any, new_x: Any) -> Any:
    """Assign ``new_x`` to variable ``x`` in place.

    :param x: a variable.
    :param new_x: a tensor of ``x``'s shape (cast to its dtype).
    :returns: ``x``.

    .. versionadded:: 0.1
    """

@hookspec(firstresult=True)
def update_add(x: Any, increment: Any) -> Any:
    """``x += increment`` in place.

    :param x: a variable.
    :param increment: a tensor broadcastable to ``x``.
    :returns: ``x``.

    .. versionadded:: 0.1
    """

@hookspec(firstresult=True)
def update_sub(x: Any, decrement: Any) -> Any:
    """``x -= decrement`` in place.

    :param x: a variable.
    :param decrement: a tensor broadcastable to ``x``.
    :returns: ``x``.

    .. versionadded:: 0.1
    """

@hookspec(firstresult=True)
def moving_average_update(x: Any, value: Any, momentum: Any) -> Any:
    """``x = x * momentum + value * (1 - momentum)`` in place.

    :param x: a variable.
    :param value: a tensor of ``x``'s shape.
    :param momentum: a Python float.
    :returns: ``x``.

    .. versionadded:: 0.1
    """

@hookspec(firstresult=True)
def print_tensor(x: Any, message: Any) -> Any:
    """Print ``message`` and ``x``'s value when evaluated; pass ``x`` through.

    :param x: a tensor.
    :param message: a string printed before the value.
    :returns: ``x`` (unchanged).

    .. versionadded:: 0.1
    """

@hookspec(firstresult=True)
def is_sparse(tensor: Any) -> Any:
    """Whether ``tensor`` is a sparse tensor of this backend.

    :param tensor: anything.
    :returns: ``bool`` (always False for backends without sparse tensors).

    .. versionadded:: 0.1
    """

@hookspec(firstresult=True)
def to_dense(tensor: Any) -> Any:
    """Dense version of a sparse tensor; identity on dense input.

    :param tensor: a tensor.
    :returns: a dense tensor.

    .. versionadded:: 0.1
    """

@hookspec(firstresult=True)
def size(x: Any, name: Any) -> Any:
    """Number of elements of ``x``.

    :param x: a tensor.
    :param name: optional name; may be ignored.
    :returns: a 0-d ``int32`` tensor.

    .. versionadded:: 0.1
    """
