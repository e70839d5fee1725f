"""tensorplug's conformance suite: one suite every backend must pass.

Run it on a backend (the plugin is opt-in; nothing registers it automatically)::

    pytest -p tensorplug.testing.plugin --pyargs tensorplug.testing \\
        --tensorplug-backend NAME [--tensorplug-xfails PATH]

Modules, by op family like ``tensorplug.hookspecs``: ``test_tensors``,
``test_elementwise``, ``test_arithmetic``, ``test_reductions``, ``test_linalg``,
``test_shapes``, ``test_activations``; plus ``test_result_rules`` (NEP 50 promotion,
bool comparisons, 0-d full reductions, int64 argmax), ``test_errors`` (the same
tensorplug error class and message on every backend), ``test_golden`` (hand-computed
literal results) and ``test_coverage`` (every op of ``hookspecs.KINDS`` has value
cases).

Test ids
--------
The first component of every parametrized id is the op under test, so a fault planted
in one op fails only ids that start with that op's name:

- ``test_<family>.py::test_values[<op>-<case>-<dtype>]``: ``check_op`` against the
  plain-NumPy reference (dtype name, shape, values), e.g.
  ``test_reductions.py::test_values[sum-keepdims-float32]``. ``<dtype>`` is the input
  dtype (the target dtype for ``cast``; the requested dtype for ``zeros``, ``eye``,
  ...; the indices' dtype for ``one_hot``) and runs over the backend's declared
  ``backend_info().dtypes`` that apply to the op.
- ``test_result_rules.py::test_promotion[<op>-<x operand>-<y operand>]``, with operands
  a dtype name, ``py_bool``/``py_int``/``py_float`` (weak Python scalars),
  ``np_<dtype>`` (a numpy scalar, strong) or ``0d_<dtype>`` (a 0-d tensor, strong);
  ``test_result_rules.py::test_rule[<op>-<rule>-<dtype>]``.
- ``test_errors.py::test_errors[<op>-<case>]``, ``test_golden.py::test_golden[<op>-<case>]``
  and ``test_golden.py::test_golden_python[<op>-<case>]``.
- ``test_coverage.py`` has unparametrized tests (every op of ``KINDS`` has value cases).

Case names use only ``[a-z0-9_]`` and never change meaning once published, so a
backend's xfails file can name them (``test_elementwise.py::test_values[exp-*-float16]``;
in xfails globs only ``*`` and ``?`` are wildcards, brackets are literal). Each test
seeds its inputs from its own id: reruns and subsets see the same values. Pass the file
as ``--tensorplug-xfails=PATH``: with a space, pytest takes PATH for a test path when it
picks its rootdir (before any plugin loads), and node ids become relative to PATH's
folder (tail matching still applies the entries).

Independence: a values, rules, errors or golden test builds its inputs with numpy and
``K.convert_to_tensor`` (or ``K.variable``) and reads results with ``K.to_numpy``; it
calls no other K op, so a faulty op fails only its own tests. (Gradient tests build
losses with ``K.sum`` and ``K.multiply`` and are not isolated that way.) The references
in ``_reference`` never import ``tensorplug_numpy`` or ``tensorplug.generic``. Expected
dtypes come from the suite's own tables (``_nep50``), tolerances from ``_tolerance``.

Writing a check of your own: ``from tensorplug.testing import check_op``, then e.g.
``check_op("add", x, y, want="float32")`` with numpy ``x`` and ``y``.
"""

from __future__ import annotations

from typing import Any

__all__ = ["check_op"]


def __getattr__(name: str) -> Any:  # lazy: importing the package needs no numpy
    if name == "check_op":
        from ._check import check_op

        return check_op
    raise AttributeError(name)
