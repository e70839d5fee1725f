"""The conformance suite can fail: on a copy of the numpy backend with five planted
faults (tests/backends/sabotaged_backend), exactly the sabotaged ops' tests fail.

Gradient, graph and loop tests compose several ops by design, so a fault in K.add shows
there too; this check runs the single-op tests (values, promotion and result rules,
errors, golden cases), each of which calls only the op its id names.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from conftest import CONFORMANCE, run_python

FAULTY_OPS = {"add", "clip", "sum", "argmax", "cast"}
#: One id per fault that must fail (the fault's signature case).
MUST_FAIL = {
    "test_arithmetic.py::test_values[add-same_shape-float32]",  # off by 1e-3
    "test_elementwise.py::test_values[clip-min_only-float32]",  # None bound taken as 0
    "test_reductions.py::test_values[sum-keepdims-float32]",  # keepdims ignored
    "test_reductions.py::test_values[argmax-ties-float32]",  # last tie picked
    "test_golden.py::test_golden[argmax-ties_first]",
}
SINGLE_OP = ("(test_values or test_promotion or test_rule or test_errors or test_golden) "
             "and not test_grads")


def failed_ids(report: Path) -> set[str]:
    out = set()
    for case in ET.parse(report).getroot().iter("testcase"):
        if case.find("failure") is not None or case.find("error") is not None:
            module = case.get("classname", "").rsplit(".", 1)[-1]
            out.add(f"{module}.py::{case.get('name')}")
    return out


def op_of(test_id: str) -> str | None:
    if "[" not in test_id:
        return None
    return test_id.split("[", 1)[1].split("-", 1)[0]


def test_exactly_the_sabotaged_tests_fail(sabotaged_path: Path, tmp_path: Path) -> None:
    report = tmp_path / "report.xml"
    out = run_python([*CONFORMANCE, "--tensorplug-backend", "sabotaged", "-q",
                      "-p", "no:cacheprovider", "-k", SINGLE_OP, f"--junitxml={report}"],
                     sabotaged_path, tmp_path)
    assert out.returncode == 1, out.stdout[-2000:] + out.stderr[-2000:]
    failed = failed_ids(report)
    strays = {t for t in failed if op_of(t) not in FAULTY_OPS}
    assert not strays, f"tests of healthy ops failed: {sorted(strays)[:10]}"
    assert {op_of(t) for t in failed} == FAULTY_OPS
    assert MUST_FAIL <= failed, sorted(MUST_FAIL - failed)
    cast_failures = {t for t in failed if op_of(t) == "cast"}
    assert cast_failures and all(t.endswith("-float64]") for t in cast_failures
                                 if "test_values" in t)
    sum_failures = {t for t in failed if op_of(t) == "sum" and "test_values" in t}
    assert sum_failures and all("keepdims" in t for t in sum_failures)


def test_the_healthy_numpy_backend_passes_the_same_selection(tmp_path: Path) -> None:
    out = run_python([*CONFORMANCE, "--tensorplug-backend", "numpy", "-q",
                      "-p", "no:cacheprovider", "-k", SINGLE_OP], None, tmp_path)
    assert out.returncode == 0, out.stdout[-2000:]
