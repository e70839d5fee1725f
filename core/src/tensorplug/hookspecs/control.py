"""Control flow over tensors: loops with Python step functions, and switch."""

from __future__ import annotations

from typing import Any

from ._markers import hookspec


@hookspec(firstresult=True)
def rnn(
    step_function: Any, inputs: Any, initial_states: Any, go_backwards: Any, mask: Any,
    constants: Any, unroll: Any, input_length: Any
) -> Any:
    """Iterate a step function over the time axis (axis 1).

    :param step_function: ``(input_t, states [+ constants]) -> (output_t, new_states)``.
    :param inputs: a tensor ``(batch, time, ...)``.
    :param initial_states: a list of tensors ``(batch, ...)``.
    :param go_backwards: iterate from the last step.
    :param mask: None or a bool tensor ``(batch, time)``: masked steps keep the previous
            states and output.
    :param constants: a list of tensors passed to every step (or None).
    :param unroll: a hint: loops may be unrolled; results do not depend on it.
    :param input_length: the static number of steps, or None.
    :returns: a tuple ``(last_output, outputs, new_states)``; ``outputs`` is ``(batch, time,
            ...)``.

    .. versionadded:: 0.1
    """

@hookspec(firstresult=True)
def switch(condition: Any, then_expression: Any, else_expression: Any) -> Any:
    """Choose between two tensors (or callables returning tensors) by a condition.

    :param condition: a scalar bool tensor, or a bool tensor of rank <= the expressions'
            (broadcast element-wise).
    :param then_expression: a tensor or a callable.
    :param else_expression: a tensor or a callable.
    :returns: a tensor.

    .. versionadded:: 0.1
    """

@hookspec(firstresult=True)
def map_fn(fn: Any, elems: Any, name: Any, dtype: Any) -> Any:
    """Apply ``fn`` to each slice of ``elems`` along axis 0 and stack the results.

    :param fn: a Python callable of K ops.
    :param elems: a tensor.
    :param name: optional name; may be ignored.
    :param dtype: the output dtype, or None.
    :returns: a tensor whose axis 0 has ``elems``'s length.

    .. versionadded:: 0.1
    """

@hookspec(firstresult=True)
def foldl(fn: Any, elems: Any, initializer: Any, name: Any) -> Any:
    """Reduce ``elems`` along axis 0 from the left with ``fn(acc, x)``.

    :param fn: a Python callable of K ops.
    :param elems: a tensor.
    :param initializer: the first accumulator, or None for ``elems[0]``.
    :param name: optional name; may be ignored.
    :returns: the final accumulator.

    .. versionadded:: 0.1
    """

@hookspec(firstresult=True)
def foldr(fn: Any, elems: Any, initializer: Any, name: Any) -> Any:
    """Reduce ``elems`` along axis 0 from the right with ``fn(acc, x)``.

    :param fn: a Python callable of K ops.
    :param elems: a tensor.
    :param initializer: the first accumulator, or None for ``elems[-1]``.
    :param name: optional name; may be ignored.
    :returns: the final accumulator.

    .. versionadded:: 0.1
    """
