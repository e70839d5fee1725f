"""Static shape/dtype rules of the Keras 2.3 families beyond the core ops: slicing,
padding and resizing, nn functions and losses, convolution and pooling, CTC."""

from __future__ import annotations

from typing import Any

from .. import _config
from .._dtypes import float_result, result_type
from ..backend._validate import check_axes
from ._rules import _dt, _sh, bcast, reduced_shape, rule
from ._symbol import Symbol, TensorSpec

Dim = int | None


def _channels_last(data_format: str) -> bool:
    return data_format == "channels_last"


def _spatial(shape: tuple[Dim, ...], data_format: str) -> tuple[Dim, ...]:
    return shape[1:-1] if _channels_last(data_format) else shape[2:]


def _assemble(batch: Dim, spatial: tuple[Dim, ...], channels: Dim,
              data_format: str) -> tuple[Dim, ...]:
    if _channels_last(data_format):
        return (batch, *spatial, channels)
    return (batch, channels, *spatial)


def conv_length(n: Dim, k: int, stride: int, padding: str, dilation: int = 1) -> Dim:
    """Output length of a convolution or pooling window along one axis."""
    if n is None:
        return None
    if padding in ("same", "causal"):
        return -(-n // stride)
    span = (k - 1) * dilation + 1
    return max(0, (n - span) // stride + 1)


@rule("to_dense", "dropout", "reverse", "print_tensor", "update", "update_add", "update_sub",
      "moving_average_update")
def _same(x: TensorSpec, *rest: Any) -> TensorSpec:
    return x


@rule("elu", "softsign", "hard_sigmoid")
def _float(x: TensorSpec, *rest: Any) -> TensorSpec:
    return TensorSpec(x.shape, float_result(x.dtype))


@rule("l2_normalize")
def _l2(x: TensorSpec, axis: Any) -> TensorSpec:
    check_axes("l2_normalize", axis, len(x.shape))
    return TensorSpec(x.shape, float_result(x.dtype))


@rule("size")
def _size(x: TensorSpec, name: Any) -> TensorSpec:
    return TensorSpec((), "int32")


@rule("slice")
def _slice(x: TensorSpec, start: tuple[int, ...], size: tuple[int, ...]) -> TensorSpec:
    shape = tuple(None if s == -1 and d is None else (d - b if s == -1 else s)  # type: ignore
                  for d, b, s in zip(x.shape, start, size))
    return TensorSpec(shape, x.dtype)


@rule("repeat")
def _repeat(x: TensorSpec, n: int) -> TensorSpec:
    return TensorSpec((x.shape[0], n, *x.shape[1:]), x.dtype)


def _add(d: Dim, extra: int) -> Dim:
    return None if d is None else d + extra


@rule("temporal_padding")
def _temporal(x: TensorSpec, padding: tuple[int, int]) -> TensorSpec:
    b, steps, f = x.shape
    return TensorSpec((b, _add(steps, sum(padding)), f), x.dtype)


@rule("spatial_2d_padding", "spatial_3d_padding")
def _spatial_padding(x: TensorSpec, padding: Any, data_format: str) -> TensorSpec:
    spatial = tuple(_add(d, sum(p)) for d, p in zip(_spatial(x.shape, data_format), padding))
    channels = x.shape[-1] if _channels_last(data_format) else x.shape[1]
    return TensorSpec(_assemble(x.shape[0], spatial, channels, data_format), x.dtype)


def _scaled(x: TensorSpec, factors: tuple[int, ...], data_format: str) -> TensorSpec:
    spatial = tuple(None if d is None else d * f
                    for d, f in zip(_spatial(x.shape, data_format), factors))
    channels = x.shape[-1] if _channels_last(data_format) else x.shape[1]
    return TensorSpec(_assemble(x.shape[0], spatial, channels, data_format), x.dtype)


@rule("resize_images")
def _resize_images(x: TensorSpec, hf: int, wf: int, data_format: str,
                   interpolation: str) -> TensorSpec:
    out = _scaled(x, (hf, wf), data_format)
    if interpolation == "nearest" or x.dtype.startswith("float"):
        return out
    return TensorSpec(out.shape, _config.floatx())


@rule("resize_volumes")
def _resize_volumes(x: TensorSpec, df: int, hf: int, wf: int, data_format: str) -> TensorSpec:
    return _scaled(x, (df, hf, wf), data_format)


@rule("in_top_k")
def _in_top_k(predictions: TensorSpec, targets: Any, k: int) -> TensorSpec:
    return TensorSpec(predictions.shape[:1], "bool")


@rule("bias_add")
def _bias_add(x: TensorSpec, bias: Any, data_format: Any) -> TensorSpec:
    return TensorSpec(x.shape, result_type(_dt(x), _dt(bias)))


@rule("categorical_crossentropy")
def _cce(target: Any, output: TensorSpec, from_logits: Any, axis: int) -> TensorSpec:
    shape = bcast("categorical_crossentropy", _sh(target), output.shape)
    dtype = float_result(output.dtype)
    return TensorSpec(reduced_shape("categorical_crossentropy", shape, axis, False), dtype)


@rule("sparse_categorical_crossentropy")
def _scce(target: Any, output: TensorSpec, from_logits: Any, axis: int) -> TensorSpec:
    shape = reduced_shape("sparse_categorical_crossentropy", output.shape, axis, False)
    return TensorSpec(shape, float_result(output.dtype))


@rule("binary_crossentropy")
def _bce(target: Any, output: TensorSpec, from_logits: Any) -> TensorSpec:
    return TensorSpec(bcast("binary_crossentropy", _sh(target), output.shape),
                      float_result(output.dtype))


@rule("batch_normalization")
def _batch_norm(x: TensorSpec, mean: Any, var: Any, beta: Any, gamma: Any, axis: int,
                epsilon: float) -> TensorSpec:
    parts = [p for p in (x, mean, var, beta, gamma) if p is not None]
    stats = [_sh(p) for p in parts[1:] if len(_sh(p)) != 1 or len(x.shape) < 2]
    return TensorSpec(bcast("batch_normalization", x.shape, *stats),
                      float_result(result_type(*map(_dt, parts))))


@rule("normalize_batch_in_training")
def _norm_train(x: TensorSpec, gamma: Any, beta: Any, reduction_axes: Any,
                epsilon: float) -> tuple[TensorSpec, ...]:
    dtype = float_result(x.dtype)
    stats = reduced_shape("normalize_batch_in_training", x.shape, tuple(reduction_axes), False)
    normed = result_type(dtype, *(_dt(p) for p in (gamma, beta) if p is not None))
    return (TensorSpec(x.shape, normed), TensorSpec(stats, dtype), TensorSpec(stats, dtype))


def _conv(x: TensorSpec, kernel: TensorSpec, filters: Dim, strides: tuple[int, ...],
          padding: str, data_format: str, dilation: tuple[int, ...]) -> TensorSpec:
    ksize = kernel.shape[:len(strides)]
    spatial = tuple(conv_length(n, k, s, padding, d)  # type: ignore[arg-type]
                    for n, k, s, d in zip(_spatial(x.shape, data_format), ksize, strides,
                                          dilation))
    return TensorSpec(_assemble(x.shape[0], spatial, filters, data_format),
                      result_type(x.dtype, kernel.dtype))


@rule("conv1d", "conv2d", "conv3d")
def _conv_plain(x: TensorSpec, kernel: TensorSpec, strides: Any, padding: str,
                data_format: str, dilation_rate: Any) -> TensorSpec:
    return _conv(x, kernel, kernel.shape[-1], strides, padding, data_format, dilation_rate)


@rule("separable_conv1d", "separable_conv2d")
def _separable(x: TensorSpec, depthwise_kernel: TensorSpec, pointwise_kernel: TensorSpec,
               strides: Any, padding: str, data_format: str, dilation_rate: Any) -> TensorSpec:
    out = _conv(x, depthwise_kernel, pointwise_kernel.shape[-1], strides, padding,
                data_format, dilation_rate)
    return TensorSpec(out.shape, result_type(out.dtype, pointwise_kernel.dtype))


@rule("depthwise_conv2d")
def _depthwise(x: TensorSpec, depthwise_kernel: TensorSpec, strides: Any, padding: str,
               data_format: str, dilation_rate: Any) -> TensorSpec:
    cin, mult = depthwise_kernel.shape[-2:]
    filters = None if None in (cin, mult) else cin * mult  # type: ignore[operator]
    return _conv(x, depthwise_kernel, filters, strides, padding, data_format, dilation_rate)


@rule("conv2d_transpose", "conv3d_transpose")
def _transpose(x: TensorSpec, kernel: TensorSpec, output_shape: Any, *rest: Any) -> TensorSpec:
    return TensorSpec(tuple(output_shape), result_type(x.dtype, kernel.dtype))


@rule("local_conv1d")
def _local1d(inputs: TensorSpec, kernel: TensorSpec, kernel_size: Any, strides: Any,
             data_format: str) -> TensorSpec:
    return TensorSpec(_assemble(inputs.shape[0], (kernel.shape[0],), kernel.shape[-1],
                                data_format), result_type(inputs.dtype, kernel.dtype))


@rule("local_conv2d")
def _local2d(inputs: TensorSpec, kernel: TensorSpec, kernel_size: Any, strides: Any,
             output_shape: Any, data_format: str) -> TensorSpec:
    return TensorSpec(_assemble(inputs.shape[0], tuple(output_shape), kernel.shape[-1],
                                data_format), result_type(inputs.dtype, kernel.dtype))


@rule("pool2d", "pool3d")
def _pool(x: TensorSpec, pool_size: Any, strides: Any, padding: str, data_format: str,
          pool_mode: str) -> TensorSpec:
    spatial = tuple(conv_length(n, k, s, padding)
                    for n, k, s in zip(_spatial(x.shape, data_format), pool_size, strides))
    channels = x.shape[-1] if _channels_last(data_format) else x.shape[1]
    dtype = x.dtype if pool_mode == "max" else float_result(x.dtype)
    return TensorSpec(_assemble(x.shape[0], spatial, channels, data_format), dtype)


@rule("ctc_batch_cost")
def _ctc_cost(y_true: Any, y_pred: TensorSpec, input_length: Any,
              label_length: Any) -> TensorSpec:
    return TensorSpec((y_pred.shape[0], 1), float_result(y_pred.dtype))



@rule("random_normal", "truncated_normal", "random_uniform", "random_binomial")
def _random(shape: tuple[Any, ...], *rest: Any) -> TensorSpec:
    """A draw recorded for a shape holding symbols: those sizes are unknown until it
    runs; the dtype is the second-to-last argument of every random op."""
    return TensorSpec(tuple(None if isinstance(d, Symbol) else d for d in shape), rest[-2])
