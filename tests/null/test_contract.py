"""The contract itself: kinds table, hookspec docstrings, no numpy at import."""

from __future__ import annotations

import inspect
import subprocess
import sys
from pathlib import Path

import pytest
from tensorplug import backend as K
from tensorplug import hookspecs
from tensorplug.hookspecs import KINDS, SPEC_MODULES


def all_specs() -> dict[str, object]:
    found = {}
    for module in SPEC_MODULES:
        for name, fn in vars(module).items():
            if callable(fn) and hasattr(fn, "tensorplug_spec"):
                found[name] = fn
    return found


def test_kinds_table_matches_spec_modules() -> None:
    assert set(all_specs()) == set(KINDS)


@pytest.mark.parametrize("name", sorted(KINDS))
def test_hookspec_docstring_template(name: str) -> None:
    spec = hookspecs.spec_function(name)
    doc = inspect.getdoc(spec) or ""
    for param in inspect.signature(spec).parameters:
        assert f":param {param}:" in doc, f"{name}: no :param {param}:"
    assert ":returns:" in doc and ".. versionadded::" in doc
    assert spec.tensorplug_spec["firstresult"] is True
    assert all(p.default is inspect.Parameter.empty
               for p in inspect.signature(spec).parameters.values())


@pytest.mark.parametrize("name", sorted(n for n in KINDS if n not in hookspecs.SESSION_HOOKS))
def test_every_op_has_a_facade_function_with_the_spec_docs(name: str) -> None:
    fn = getattr(K, name)
    assert name in K.__all__
    assert fn.__doc__ == hookspecs.spec_function(name).__doc__
    spec_params = list(inspect.signature(hookspecs.spec_function(name)).parameters)
    assert list(inspect.signature(fn).parameters) == spec_params


def test_core_imports_without_numpy_and_has_no_side_effects(tmp_path: Path) -> None:
    home = tmp_path / "never-created"
    code = (
        "import sys; sys.modules['numpy'] = None\n"
        "import tensorplug\nfrom tensorplug import backend as K\n"
        "import tensorplug.hookspecs, tensorplug.generic\n"
        "assert 'numpy' not in {m for m in sys.modules if sys.modules[m] is not None}\n"
    )
    env = {"TENSORPLUG_HOME": str(home), "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr
    assert out.stdout == "" and out.stderr == ""
    assert not home.exists()
