"""Convolution and pooling. Kernels are laid out as in Keras 2: spatial dims, then input
channels, then output channels."""

from __future__ import annotations

from typing import Any

from ._markers import hookspec


@hookspec(firstresult=True)
def conv1d(
    x: Any, kernel: Any, strides: Any, padding: Any, data_format: Any, dilation_rate: Any
) -> Any:
    """1-D convolution (cross-correlation, as in Keras).

    :param x: ``(batch, steps, channels)`` or channels-first.
    :param kernel: ``(width, in_channels, filters)``.
    :param strides: a tuple of positive ints, one per spatial axis.
    :param padding: ``'valid'`` or ``'same'`` (``'causal'`` too for 1-D convolution).
    :param data_format: ``'channels_last'`` or ``'channels_first'`` (the facade resolves
            None to ``image_data_format()``).
    :param dilation_rate: a tuple of positive ints, one per spatial axis.
    :returns: a 3-D tensor.

    .. versionadded:: 0.1
    """

@hookspec(firstresult=True)
def conv2d(
    x: Any, kernel: Any, strides: Any, padding: Any, data_format: Any, dilation_rate: Any
) -> Any:
    """2-D convolution.

    :param x: ``(batch, rows, cols, channels)`` or channels-first.
    :param kernel: ``(kh, kw, in_channels, filters)``.
    :param strides: a tuple of positive ints, one per spatial axis.
    :param padding: ``'valid'`` or ``'same'`` (``'causal'`` too for 1-D convolution).
    :param data_format: ``'channels_last'`` or ``'channels_first'`` (the facade resolves
            None to ``image_data_format()``).
    :param dilation_rate: a tuple of positive ints, one per spatial axis.
    :returns: a 4-D tensor.

    .. versionadded:: 0.1
    """

@hookspec(firstresult=True)
def conv3d(
    x: Any, kernel: Any, strides: Any, padding: Any, data_format: Any, dilation_rate: Any
) -> Any:
    """3-D convolution.

    :param x: a 5-D tensor.
    :param kernel: ``(kd, kh, kw, in_channels, filters)``.
    :param strides: a tuple of positive ints, one per spatial axis.
    :param padding: ``'valid'`` or ``'same'`` (``'causal'`` too for 1-D convolution).
    :param data_format: ``'channels_last'`` or ``'channels_first'`` (the facade resolves
            None to ``image_data_format()``).
    :param dilation_rate: a tuple of positive ints, one per spatial axis.
    :returns: a 5-D tensor.

    .. versionadded:: 0.1
    """

@hookspec(firstresult=True)
def separable_conv1d(
    x: Any, depthwise_kernel: Any, pointwise_kernel: Any, strides: Any, padding: Any,
    data_format: Any, dilation_rate: Any
) -> Any:
    """Depthwise 1-D convolution followed by a pointwise (1x1) one.

    :param x: the input tensor.
    :param depthwise_kernel: ``(width, in_channels, depth_multiplier)``.
    :param pointwise_kernel: ``(1, in_channels * depth_multiplier, filters)``.
    :param strides: a tuple of positive ints, one per spatial axis.
    :param padding: ``'valid'`` or ``'same'`` (``'causal'`` too for 1-D convolution).
    :param data_format: ``'channels_last'`` or ``'channels_first'`` (the facade resolves
            None to ``image_data_format()``).
    :param dilation_rate: a tuple of positive ints, one per spatial axis.
    :returns: a 3-D tensor.

    .. versionadded:: 0.1
    """

@hookspec(firstresult=True)
def separable_conv2d(
    x: Any, depthwise_kernel: Any, pointwise_kernel: Any, strides: Any, padding: Any,
    data_format: Any, dilation_rate: Any
) -> Any:
    """Depthwise 2-D convolution followed by a pointwise (1x1) one.

    :param x: the input tensor.
    :param depthwise_kernel: ``(kh, kw, in_channels, depth_multiplier)``.
    :param pointwise_kernel: ``(1, 1, in_channels * depth_multiplier, filters)``.
    :param strides: a tuple of positive ints, one per spatial axis.
    :param padding: ``'valid'`` or ``'same'`` (``'causal'`` too for 1-D convolution).
    :param data_format: ``'channels_last'`` or ``'channels_first'`` (the facade resolves
            None to ``image_data_format()``).
    :param dilation_rate: a tuple of positive ints, one per spatial axis.
    :returns: a 4-D tensor.

    .. versionadded:: 0.1
    """

@hookspec(firstresult=True)
def depthwise_conv2d(
    x: Any, depthwise_kernel: Any, strides: Any, padding: Any, data_format: Any, dilation_rate:
    Any
) -> Any:
    """Depthwise 2-D convolution: each input channel convolved with its own filters.

    :param x: the input tensor.
    :param depthwise_kernel: ``(kh, kw, in_channels, depth_multiplier)``.
    :param strides: a tuple of positive ints, one per spatial axis.
    :param padding: ``'valid'`` or ``'same'`` (``'causal'`` too for 1-D convolution).
    :param data_format: ``'channels_last'`` or ``'channels_first'`` (the facade resolves
            None to ``image_data_format()``).
    :param dilation_rate: a tuple of positive ints, one per spatial axis.
    :returns: a 4-D tensor with ``in_channels * depth_multiplier`` channels (channel-major
            order).

    .. versionadded:: 0.1
    """

@hookspec(firstresult=True)
def conv2d_transpose(
    x: Any, kernel: Any, output_shape: Any, strides: Any, padding: Any, data_format: Any,
    dilation_rate: Any
) -> Any:
    """Transposed 2-D convolution (the gradient of conv2d with respect to its input).

    :param x: the input tensor.
    :param kernel: ``(kh, kw, filters, in_channels)``.
    :param output_shape: the full output shape tuple (batch first), in ``data_format``.
    :param strides: a tuple of positive ints, one per spatial axis.
    :param padding: ``'valid'`` or ``'same'`` (``'causal'`` too for 1-D convolution).
    :param data_format: ``'channels_last'`` or ``'channels_first'`` (the facade resolves
            None to ``image_data_format()``).
    :param dilation_rate: a tuple of positive ints, one per spatial axis.
    :returns: a 4-D tensor of ``output_shape``.

    .. versionadded:: 0.1
    """

@hookspec(firstresult=True)
def conv3d_transpose(
    x: Any, kernel: Any, output_shape: Any, strides: Any, padding: Any, data_format: Any
) -> Any:
    """Transposed 3-D convolution.

    :param x: the input tensor.
    :param kernel: ``(kd, kh, kw, filters, in_channels)``.
    :param output_shape: the full output shape tuple, in ``data_format``.
    :param strides: a tuple of positive ints, one per spatial axis.
    :param padding: ``'valid'`` or ``'same'`` (``'causal'`` too for 1-D convolution).
    :param data_format: ``'channels_last'`` or ``'channels_first'`` (the facade resolves
            None to ``image_data_format()``).
    :returns: a 5-D tensor of ``output_shape``.

    .. versionadded:: 0.1
    """

@hookspec(firstresult=True)
def local_conv1d(
    inputs: Any, kernel: Any, kernel_size: Any, strides: Any, data_format: Any
) -> Any:
    """1-D convolution with unshared weights (a different kernel per output step).

    :param inputs: a 3-D tensor.
    :param kernel: ``(output_length, kernel_size * channels, filters)``.
    :param kernel_size: a 1-tuple.
    :param strides: a 1-tuple.
    :param data_format: ``'channels_last'`` or ``'channels_first'`` (the facade resolves
            None to ``image_data_format()``).
    :returns: a 3-D tensor ``(batch, output_length, filters)`` (channels-last) or channels-
            first.

    .. versionadded:: 0.1
    """

@hookspec(firstresult=True)
def local_conv2d(
    inputs: Any, kernel: Any, kernel_size: Any, strides: Any, output_shape: Any, data_format:
    Any
) -> Any:
    """2-D convolution with unshared weights.

    :param inputs: a 4-D tensor.
    :param kernel: ``(out_rows * out_cols, kh * kw * channels, filters)``.
    :param kernel_size: a pair.
    :param strides: a pair.
    :param output_shape: ``(out_rows, out_cols)``.
    :param data_format: ``'channels_last'`` or ``'channels_first'`` (the facade resolves
            None to ``image_data_format()``).
    :returns: a 4-D tensor.

    .. versionadded:: 0.1
    """

@hookspec(firstresult=True)
def pool2d(
    x: Any, pool_size: Any, strides: Any, padding: Any, data_format: Any, pool_mode: Any
) -> Any:
    """2-D max or average pooling.

    :param x: a 4-D tensor.
    :param pool_size: a pair of positive ints.
    :param strides: a pair of positive ints.
    :param padding: ``'valid'`` or ``'same'`` (padding never counts in averages or maxima).
    :param data_format: ``'channels_last'`` or ``'channels_first'`` (the facade resolves
            None to ``image_data_format()``).
    :param pool_mode: ``'max'`` or ``'avg'``.
    :returns: a 4-D tensor.

    .. versionadded:: 0.1
    """

@hookspec(firstresult=True)
def pool3d(
    x: Any, pool_size: Any, strides: Any, padding: Any, data_format: Any, pool_mode: Any
) -> Any:
    """3-D max or average pooling.

    :param x: a 5-D tensor.
    :param pool_size: a triple of positive ints.
    :param strides: a triple of positive ints.
    :param padding: ``'valid'`` or ``'same'``.
    :param data_format: ``'channels_last'`` or ``'channels_first'`` (the facade resolves
            None to ``image_data_format()``).
    :param pool_mode: ``'max'`` or ``'avg'``.
    :returns: a 5-D tensor.

    .. versionadded:: 0.1
    """
