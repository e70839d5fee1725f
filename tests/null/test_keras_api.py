"""The complete Keras 2.3 backend API, and the facade-only utilities.

Walks ``../shared/reference/keras2-backend-api.tsv`` (the rows whose ``api_status``
begins with ``exported-2.3``: 154 functions) and asserts each is a ``K`` attribute that
is either a hookspec (``tensorplug.hookspecs.KINDS``) or a documented facade-only
function, and has a docs entry in ``docs/api/*.md``. Only ``PENDING`` names may be
missing (their tests are strict xfails, so a name that lands must leave ``PENDING``).

Needs no backend and no numpy.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from tensorplug import backend as K
from tensorplug.backend import _misc
from tensorplug.graph import trace, tracing
from tensorplug.hookspecs import KINDS

REPO = Path(__file__).resolve().parents[2]
TSV = REPO.parent / "shared" / "reference" / "keras2-backend-api.tsv"
DOCS_API = REPO / "docs" / "api"
EXPECTED_COUNT = 154

#: Names allowed to be missing for now (the issue that adds them empties this set).
PENDING: frozenset[str] = frozenset()

FACADE_ONLY = frozenset(K.FACADE_ONLY) | frozenset(_misc.FACADE_ONLY)


def exported_names(path: Path = TSV) -> list[str]:
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return [row["name"] for row in rows if row["api_status"].startswith("exported-2.3")]


NAMES = exported_names()
_absent = pytest.mark.skipif(not TSV.is_file(), reason=f"the Keras API table is absent: {TSV} "
                             f"(it lives in the workspace's shared/reference/ folder)")


def _param(name: str) -> object:
    marks = [pytest.mark.xfail(strict=True, reason="listed in PENDING")] if name in PENDING \
        else []
    return pytest.param(name, id=name, marks=marks)


def _docs_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(DOCS_API.glob("*.md")))


def _documented(name: str, text: str) -> bool:
    """``name`` is rendered by a docs page: in a ``members: [...]`` list, as a
    ``::: module.name`` target, as a heading, or as inline code (`` `name` ``,
    `` `K.name` ``, `` `name(...)` ``)."""
    word = re.escape(name)
    patterns = (
        rf"^[ \t]+members:[ \t]*\[[^\]]*(?<![\w.]){word}(?![\w.])[^\]]*\]",
        rf"^:::[ \t]*[\w.]*\.{word}[ \t]*$",
        rf"^#{{2,6}}[ \t]+`?(?:K\.)?{word}\b",
        rf"`(?:K\.|tensorplug\.backend\.)?{word}(?:\([^`]*\))?`",
    )
    return any(re.search(p, text, re.M) for p in patterns)


@_absent
def test_the_table_lists_the_154_exported_names() -> None:
    assert len(NAMES) == EXPECTED_COUNT == len(set(NAMES))
    assert PENDING <= set(NAMES), f"PENDING names not in the table: {PENDING - set(NAMES)}"


@_absent
@pytest.mark.parametrize("name", [_param(n) for n in NAMES])
def test_name_is_a_k_function_with_a_hookspec_or_facade_only(name: str) -> None:
    assert hasattr(K, name), f"K.{name} does not exist"
    assert name in K.__all__, f"K.{name} exists but is not in K.__all__"
    fn = getattr(K, name)
    assert callable(fn), f"K.{name} is not callable"
    if name in KINDS:
        return
    assert name in FACADE_ONLY, (f"K.{name} is neither a hookspec (hookspecs.KINDS) nor "
                                 f"listed as facade-only (K.FACADE_ONLY / _misc.FACADE_ONLY)")
    assert (fn.__doc__ or "").strip(), f"facade-only K.{name} has no docstring"


@_absent
@pytest.mark.parametrize("name", [_param(n) for n in NAMES])
def test_name_has_a_docs_entry(name: str) -> None:
    assert _documented(name, _docs_text()), (
        f"K.{name} has no docs entry in {DOCS_API}/*.md (a members list, a ::: target, a "
        f"heading or inline code naming it)")


# --- the facade-only utilities of backend._misc ----------------------------------------

def test_get_uid_counts_per_prefix_from_one_and_reset_uids_restarts() -> None:
    K.reset_uids()
    assert [K.get_uid("dense"), K.get_uid("dense"), K.get_uid("conv"), K.get_uid()] == [1, 2, 1, 1]
    K.reset_uids()
    assert K.get_uid("dense") == 1
    with pytest.raises(TypeError, match="prefix must be a str"):
        K.get_uid(3)  # type: ignore[arg-type]


def test_name_scope_nests_and_restores() -> None:
    with K.name_scope("outer") as outer:
        assert outer == "outer"
        with K.name_scope("inner") as inner:
            assert inner == "outer/inner" == _misc.current_name_scope()
        assert _misc.current_name_scope() == "outer"
    assert _misc.current_name_scope() == ""
    with pytest.raises(ValueError, match="non-empty str"):
        with K.name_scope(""):
            pass


def test_control_dependencies_is_a_no_op_context_manager() -> None:
    with K.control_dependencies([object(), "not evaluated"]) as value:
        assert value is None
    with K.control_dependencies(None):
        pass
    with pytest.raises(TypeError, match="None or a list"):
        with K.control_dependencies(3):
            pass


def test_eager_runs_outside_any_trace() -> None:
    @K.eager
    def probe(x: int) -> tuple[bool, int]:
        """Docs kept."""
        return tracing(), x + 1

    assert probe.__doc__ == "Docs kept." and probe.__name__ == "probe"
    assert probe(1) == (False, 2)
    with trace():
        assert tracing()
        assert probe(2) == (False, 3)
        assert tracing()
    with pytest.raises(TypeError, match="decorates a function"):
        K.eager(3)  # type: ignore[arg-type]


def test_batch_functions_refuse_what_is_not_a_list() -> None:
    with pytest.raises(TypeError, match="list of variables"):
        K.batch_get_value(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"\(variable, value\) pairs"):
        K.batch_set_value(3)  # type: ignore[arg-type]
