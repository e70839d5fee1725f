"""Every op of the contract has value cases (walks ``tensorplug.hookspecs.KINDS``)."""

from __future__ import annotations

import importlib
import pkgutil

import tensorplug.testing
from tensorplug.hookspecs import KINDS, SESSION_HOOKS

from ._cases import REGISTRIES, declared_dtypes

#: Hooks that are not ops on tensor values (backend_info, clear_session, from_dlpack,
#: compile_graph: the facade never dispatches them).
NOT_VALUE_OPS = SESSION_HOOKS


def _import_suite() -> None:
    """Import every test module of the package: importing registers its value cases."""
    for info in pkgutil.iter_modules(tensorplug.testing.__path__):
        if info.name.startswith("test_"):
            importlib.import_module(f"tensorplug.testing.{info.name}")


def _cases_by_op() -> dict[str, list[str]]:
    _import_suite()
    out: dict[str, list[str]] = {}
    for registry in REGISTRIES:
        for case in registry.items:
            out.setdefault(case.op, []).append(case.name)
    return out


def test_every_op_has_value_cases() -> None:
    covered = _cases_by_op()
    missing = [op for op in KINDS if op not in NOT_VALUE_OPS and op not in covered]
    assert not missing, (
        f"{len(missing)} op(s) of tensorplug.hookspecs.KINDS have no value cases in "
        f"tensorplug.testing: {', '.join(missing)}.\nFix: add cases (@cases(op, name, "
        f"dtypes) in the test module of the op's family) with the op.")


def test_every_op_runs_on_a_declared_dtype() -> None:
    _import_suite()
    declared = set(declared_dtypes())
    untested = sorted({case.op for registry in REGISTRIES for case in registry.items}
                      - {case.op for registry in REGISTRIES for case in registry.items
                         if declared & set(case.dtypes)})
    assert not untested, (
        f"No value case of {', '.join(untested)} applies to the backend's declared dtypes "
        f"{sorted(declared)}.")


def test_cases_name_contract_ops() -> None:
    unknown = sorted(set(_cases_by_op()) - set(KINDS))
    assert not unknown, f"value cases name ops that are not in KINDS: {unknown}"


#: Ops with no tensor inputs to trace (creation, random), and host-side CTC decoding
#: whose output sizes depend on the data.
NO_SHAPE_RULE = frozenset({
    "random_normal", "random_uniform", "random_binomial", "truncated_normal", "arange",
    "zeros", "ones", "eye", "ctc_label_dense_to_sparse", "ctc_decode",
    # traced by tensorplug.graph._loops: the step function becomes a sub-graph
    "rnn", "switch", "map_fn", "foldl", "foldr",
})


def test_every_op_has_a_static_shape_rule() -> None:
    from tensorplug.graph._rules import RULES

    from ._check import NOT_TRACED

    missing = [op for op in KINDS if op not in NOT_VALUE_OPS and op not in NOT_TRACED
               and op not in NO_SHAPE_RULE and op not in RULES]
    assert not missing, (
        f"{len(missing)} op(s) have no static shape/dtype rule in tensorplug.graph._rules, "
        f"so they cannot be traced: {', '.join(missing)}.")
