"""Padding and resizing of sequences, images and volumes."""

from __future__ import annotations

from typing import Any

from ._markers import hookspec


@hookspec(firstresult=True)
def temporal_padding(x: Any, padding: Any) -> Any:
    """Zero-pad the middle axis of a 3-D tensor.

    :param x: a tensor of shape ``(batch, steps, features)``.
    :param padding: a pair ``(left, right)`` of non-negative ints.
    :returns: a tensor of shape ``(batch, steps + left + right, features)``.

    .. versionadded:: 0.1
    """

@hookspec(firstresult=True)
def spatial_2d_padding(x: Any, padding: Any, data_format: Any) -> Any:
    """Zero-pad the two spatial axes of a 4-D tensor.

    :param x: a 4-D tensor.
    :param padding: ``((top, bottom), (left, right))``.
    :param data_format: ``'channels_last'`` or ``'channels_first'`` (the facade resolves
            None to ``image_data_format()``).
    :returns: a 4-D tensor.

    .. versionadded:: 0.1
    """

@hookspec(firstresult=True)
def spatial_3d_padding(x: Any, padding: Any, data_format: Any) -> Any:
    """Zero-pad the three spatial axes of a 5-D tensor.

    :param x: a 5-D tensor.
    :param padding: three ``(before, after)`` pairs.
    :param data_format: ``'channels_last'`` or ``'channels_first'`` (the facade resolves
            None to ``image_data_format()``).
    :returns: a 5-D tensor.

    .. versionadded:: 0.1
    """

@hookspec(firstresult=True)
def resize_images(
    x: Any, height_factor: Any, width_factor: Any, data_format: Any, interpolation: Any
) -> Any:
    """Upsample the rows and columns of a 4-D tensor by integer factors.

    :param x: a 4-D tensor.
    :param height_factor: a positive int.
    :param width_factor: a positive int.
    :param data_format: ``'channels_last'`` or ``'channels_first'`` (the facade resolves
            None to ``image_data_format()``).
    :param interpolation: ``'nearest'`` (repeat pixels) or ``'bilinear'`` (half-pixel
            centres, edges clamped, as TensorFlow's resize with
            ``half_pixel_centers=True``).
    :returns: a 4-D tensor with spatial dims multiplied by the factors.

    .. versionadded:: 0.1
    """

@hookspec(firstresult=True)
def resize_volumes(
    x: Any, depth_factor: Any, height_factor: Any, width_factor: Any, data_format: Any
) -> Any:
    """Nearest-neighbour upsampling of a 5-D tensor by integer factors.

    :param x: a 5-D tensor.
    :param depth_factor: a positive int.
    :param height_factor: a positive int.
    :param width_factor: a positive int.
    :param data_format: ``'channels_last'`` or ``'channels_first'`` (the facade resolves
            None to ``image_data_format()``).
    :returns: a 5-D tensor.

    .. versionadded:: 0.1
    """
