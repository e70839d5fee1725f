"""Neural-network functions: activations, normalisation, losses, dropout."""

from __future__ import annotations

from typing import Any

from ._markers import hookspec


@hookspec(firstresult=True)
def elu(x: Any, alpha: Any) -> Any:
    """Exponential linear unit: ``x`` where ``x > 0``, else ``alpha * (exp(x) - 1)``.

    :param x: a tensor.
    :param alpha: a Python float.
    :returns: a tensor; float dtype as :func:`exp`.

    .. versionadded:: 0.1
    """

@hookspec(firstresult=True)
def softsign(x: Any) -> Any:
    """``x / (1 + |x|)``.

    :param x: a tensor.
    :returns: a tensor; float dtype as :func:`exp`.

    .. versionadded:: 0.1
    """

@hookspec(firstresult=True)
def hard_sigmoid(x: Any) -> Any:
    """Piecewise-linear sigmoid ``clip(0.2 * x + 0.5, 0, 1)``.

    :param x: a tensor.
    :returns: a tensor; float dtype as :func:`exp`.

    .. versionadded:: 0.1
    """

@hookspec(firstresult=True)
def l2_normalize(x: Any, axis: Any) -> Any:
    """``x / sqrt(max(sum(x ** 2, axis), epsilon))``.

    :param x: a tensor.
    :param axis: None (all axes), an int or a tuple of ints.
    :returns: a tensor of ``x``'s shape.

    epsilon is ``K.epsilon()`` at call time (the facade passes it in its generic form).

    .. versionadded:: 0.1
    """

@hookspec(firstresult=True)
def in_top_k(predictions: Any, targets: Any, k: Any) -> Any:
    """Whether each target is among the ``k`` largest predictions of its row.

    :param predictions: a float tensor of shape ``(batch, classes)``.
    :param targets: an integer tensor of shape ``(batch,)``.
    :param k: a positive int.
    :returns: a ``bool`` tensor of shape ``(batch,)``; ties at the k-th value count as in
            (TensorFlow's rule).

    .. versionadded:: 0.1
    """

@hookspec(firstresult=True)
def dropout(x: Any, level: Any, noise_shape: Any, seed: Any) -> Any:
    """Zero entries with probability ``level`` and scale the rest by ``1 / (1 - level)``;
    always applied (Keras 2.3).

    :param x: a tensor.
    :param level: a Python float in [0, 1).
    :param noise_shape: None (``x``'s shape) or a shape broadcastable to it.
    :param seed: an int, or None for the process generator.
    :returns: a tensor of ``x``'s shape.

    .. versionadded:: 0.1
    """

@hookspec(firstresult=True)
def bias_add(x: Any, bias: Any, data_format: Any) -> Any:
    """Add a per-channel bias.

    :param x: a tensor of rank >= 2.
    :param bias: a 1-D tensor of length channels, or a tensor of rank ``ndim(x) - 1``.
    :param data_format: ``'channels_last'`` or ``'channels_first'`` (the facade resolves
            None to ``image_data_format()``).
    :returns: a tensor of ``x``'s shape.

    .. versionadded:: 0.1
    """

@hookspec(firstresult=True)
def categorical_crossentropy(target: Any, output: Any, from_logits: Any, axis: Any) -> Any:
    """Cross-entropy between one-hot (or soft) targets and a distribution.

    :param target: a tensor of targets.
    :param output: probabilities (rescaled to sum 1 and clipped to ``[epsilon, 1 -
            epsilon]``) or logits.
    :param from_logits: whether ``output`` holds logits.
    :param axis: the class axis (int).
    :returns: a tensor with ``axis`` removed.

    .. versionadded:: 0.1
    """

@hookspec(firstresult=True)
def sparse_categorical_crossentropy(target: Any, output: Any, from_logits: Any, axis: Any) -> Any:
    """Cross-entropy with integer class targets.

    :param target: an integer tensor of class indices (output's shape without ``axis``).
    :param output: probabilities or logits.
    :param from_logits: whether ``output`` holds logits.
    :param axis: the class axis (int).
    :returns: a tensor of ``target``'s shape.

    .. versionadded:: 0.1
    """

@hookspec(firstresult=True)
def binary_crossentropy(target: Any, output: Any, from_logits: Any) -> Any:
    """Element-wise binary cross-entropy.

    :param target: a tensor of targets.
    :param output: probabilities (clipped to ``[epsilon, 1 - epsilon]``) or logits.
    :param from_logits: whether ``output`` holds logits.
    :returns: a tensor of the broadcast shape.

    .. versionadded:: 0.1
    """

@hookspec(firstresult=True)
def batch_normalization(
    x: Any, mean: Any, var: Any, beta: Any, gamma: Any, axis: Any, epsilon: Any
) -> Any:
    """``(x - mean) / sqrt(var + epsilon) * gamma + beta``.

    :param x: a tensor.
    :param mean: a tensor broadcastable to ``x`` (1-D: along ``axis``).
    :param var: as ``mean``.
    :param beta: as ``mean``, or None for 0.
    :param gamma: as ``mean``, or None for 1.
    :param axis: the channel axis for 1-D statistics (int).
    :param epsilon: a Python float.
    :returns: a tensor of ``x``'s shape.

    .. versionadded:: 0.1
    """

@hookspec(firstresult=True)
def normalize_batch_in_training(
    x: Any, gamma: Any, beta: Any, reduction_axes: Any, epsilon: Any
) -> Any:
    """Batch statistics and the normalised batch.

    :param x: a tensor.
    :param gamma: a 1-D tensor over the kept axes, or None.
    :param beta: a 1-D tensor over the kept axes, or None.
    :param reduction_axes: a tuple of ints.
    :param epsilon: a Python float.
    :returns: a tuple ``(normalized, mean, variance)``; mean and variance have the reduced
            axes removed.

    .. versionadded:: 0.1
    """
