"""Connectionist temporal classification (the blank is the last class)."""

from __future__ import annotations

from typing import Any

from ._markers import hookspec


@hookspec(firstresult=True)
def ctc_label_dense_to_sparse(labels: Any, label_lengths: Any) -> Any:
    """Sparse form of padded dense labels.

    :param labels: an integer tensor ``(batch, max_label_length)``.
    :param label_lengths: an integer tensor ``(batch,)``.
    :returns: a ``tensorplug.SparseLabels`` triple ``(indices (n, 2) int64, values (n,)
            int32, dense_shape (2,) int64)`` of tensors.

    .. versionadded:: 0.1
    """

@hookspec(firstresult=True)
def ctc_batch_cost(y_true: Any, y_pred: Any, input_length: Any, label_length: Any) -> Any:
    """CTC loss per batch element.

    :param y_true: integer labels ``(batch, max_label_length)``.
    :param y_pred: softmax probabilities ``(batch, time, classes)``; the blank is class
            ``classes - 1``.
    :param input_length: ``(batch, 1)`` valid time steps.
    :param label_length: ``(batch, 1)`` valid label lengths.
    :returns: a tensor ``(batch, 1)`` of negative log-likelihoods.

    .. versionadded:: 0.1
    """

@hookspec(firstresult=True)
def ctc_decode(
    y_pred: Any, input_length: Any, greedy: Any, beam_width: Any, top_paths: Any,
    merge_repeated: Any
) -> Any:
    """Decode CTC output.

    :param y_pred: softmax probabilities ``(batch, time, classes)``.
    :param input_length: ``(batch,)`` valid time steps.
    :param greedy: best-path decoding (True) or beam search.
    :param beam_width: beam size for beam search.
    :param top_paths: how many paths to return (beam search).
    :param merge_repeated: beam search: merge repeated classes in the output.
    :returns: a tuple ``(decoded, log_prob)``: ``decoded`` is a list of ``top_paths`` int64
            tensors ``(batch, max_decoded_length)`` padded with -1; ``log_prob`` is
            ``(batch, top_paths)``: for greedy decoding the negative sum of the best path's
            log-probabilities, for beam search the paths' log-probabilities (Keras's sign
            convention per mode).

    .. versionadded:: 0.1
    """
