"""The generated parts of the docs cannot drift.

1. docs/_hooks/keras.py (the Keras 2.3 tables of migrating-from-keras.md): its snapshot
   equals the workspace's reference table; every exported name gets one row whose status
   is tensorplug's own (hookspec kind or facade-only); and the hook fails the build on
   each kind of drift (planted here).
2. The ``import-keras`` transcripts of migrating-from-keras.md are the command's real
   output, and the Keras file is left untouched.
3. docs/_hooks/compat.py (compatibility.md) lists every distribution and nox session.

Needs no backend and no numpy (the import-keras runs use fake entry points).
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest
from fakes import entry, install
from tensorplug import backend as K
from tensorplug.cli import main
from tensorplug.hookspecs import KINDS

REPO = Path(__file__).resolve().parents[2]
DOCS = REPO / "docs"
MIGRATING = DOCS / "migrating-from-keras.md"


def load_hook(name: str) -> ModuleType:
    path = DOCS / "_hooks" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"docs_hook_{name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


keras_hook = load_hook("keras")
compat_hook = load_hook("compat")
TSV = keras_hook.workspace_tsv()
_absent = pytest.mark.skipif(not TSV.is_file(), reason=f"the Keras API table is absent: {TSV} "
                             f"(it lives in the workspace's shared/reference/ folder)")


# --- 1. the Keras 2.3 tables ---------------------------------------------------------


@_absent
def test_snapshot_equals_the_reference_table() -> None:
    assert keras_hook.read_rows(keras_hook.SNAPSHOT) == keras_hook.read_rows(TSV), (
        "docs/_hooks/keras23-api.tsv is stale: python docs/_hooks/keras.py --update")


def test_table_has_one_row_per_exported_name_with_tensorplug_status() -> None:
    rows = keras_hook.load_rows()
    exported = [r.name for r in rows if r.exported]
    assert len(exported) == 154 == len(set(exported))
    table = keras_hook.api_table(rows, {}, "migrating-from-keras.md").splitlines()[2:]
    assert len(table) == len(exported)
    for name, line in zip(exported, table):
        cells = [c.strip() for c in line.strip("|").split("|")]
        assert cells[0] == f"[`{name}`](api/backend.md#tensorplug.backend.{name})"
        if name in KINDS:
            assert cells[2].startswith(f"[{KINDS[name].value}](api/hookspecs/")
            assert cells[2].endswith(f".{name})")
        else:
            assert name in K.FACADE_ONLY and cells[2] == "facade-only"


def test_summary_counts_every_status() -> None:
    text = keras_hook.summary(keras_hook.load_rows())
    counts = {kind: int(n) for n, kind in
              re.findall(r"(\d+) (primitive|composite|optional|facade-only)", text)}
    assert sum(counts.values()) == 154
    assert counts["facade-only"] == sum(1 for r in keras_hook.load_rows()
                                        if r.exported and r.name not in KINDS)


def test_signature_column_shows_only_real_differences() -> None:
    rows = [r for r in keras_hook.load_rows() if r.name in ("sum", "set_epsilon")]
    lines = keras_hook.api_table(rows, {}, "migrating-from-keras.md").splitlines()[2:]
    signatures = {r.name: [c.strip() for c in line.strip("|").split("|")][3]
                  for r, line in zip(rows, lines)}
    assert signatures == {"set_epsilon": "`set_epsilon(value)`", "sum": "same"}


def test_page_sections_name_only_keras_functions_and_link_back() -> None:
    markdown = MIGRATING.read_text(encoding="utf-8")
    found = keras_hook.differences(markdown)
    assert {"sum", "mean", "dropout", "function", "gradients", "random_normal",
            "learning_phase", "variable"} <= set(found)
    keras_hook._check_affected(found, keras_hook.load_rows())  # raises on a stray name
    rendered = keras_hook.render(markdown, "migrating-from-keras.md")
    assert "<!-- keras:" not in rendered
    assert "[Sums and products of integers are int64](#int-accumulation)" in rendered


def _rows(*specs: tuple[str, str]) -> list:
    return [keras_hook.Row(name, f"{name}()", "test", status) for name, status in specs]


def test_hook_fails_on_a_keras_name_that_is_not_a_k_function() -> None:
    rows = _rows(("sum", "exported-2.3"), ("planted_op", "exported-2.3"))
    with pytest.raises(keras_hook.DocsDriftError, match="K.planted_op is not a function"):
        keras_hook.api_table(rows, {}, "migrating-from-keras.md")


def test_hook_fails_on_a_stale_snapshot(tmp_path: Path) -> None:
    reference = tmp_path / "reference.tsv"
    keras_hook.write_snapshot(_rows(("sum", "exported-2.3")), reference)
    with pytest.raises(keras_hook.DocsDriftError, match="--update"):
        keras_hook.load_rows(reference=reference)


def test_hook_fails_on_an_affects_marker_naming_no_keras_function() -> None:
    markdown = "### Planted {#planted}\n<!-- affects: sum not_a_keras_function -->\n"
    with pytest.raises(keras_hook.DocsDriftError, match="not_a_keras_function"):
        keras_hook._check_affected(keras_hook.differences(markdown), keras_hook.load_rows())


def test_hook_fails_on_an_unreplaced_name_keras_did_not_export() -> None:
    rows = _rows(("get_session", "exported-backend-specific"),
                 ("planted_extra", "keras-mxnet extra"))
    with pytest.raises(keras_hook.DocsDriftError, match="planted_extra"):
        keras_hook.not_exported_table(rows, "migrating-from-keras.md")


def test_every_name_keras_did_not_export_has_an_answer() -> None:
    table = keras_hook.not_exported_table(keras_hook.load_rows(), "migrating-from-keras.md")
    names = [r.name for r in keras_hook.load_rows() if not r.exported]
    assert len(table.splitlines()) == 2 + len(names)
    assert set(keras_hook.REPLACEMENTS) | set(K.__all__) >= set(names)
    assert not set(keras_hook.REPLACEMENTS) - set(names), "REPLACEMENTS names no Keras row"


# --- 2. the import-keras transcripts ---------------------------------------------------

_TRANSCRIPT = re.compile(r"<!-- import-keras: ([\w-]+) -->\s*\n```json\n(.*?)\n```\s*\n"
                         r"```console\n\$ python -m tensorplug (.*?)\n(.*?)\n```", re.S)
SHOWN_KERAS = "/home/you/.keras"
SHOWN_HOME = "/home/you/.tensorplug"


def transcripts() -> dict[str, tuple[str, str, str]]:
    text = MIGRATING.read_text(encoding="utf-8")
    return {m.group(1): (m.group(2), m.group(3), m.group(4))
            for m in _TRANSCRIPT.finditer(text)}


def test_the_page_shows_both_transcripts() -> None:
    assert sorted(transcripts()) == ["tensorflow", "theano"]


@pytest.mark.parametrize("key", ["tensorflow", "theano"])
def test_transcript_is_the_real_output(key: str, monkeypatch: pytest.MonkeyPatch,
                                       tmp_path: Path, home: Path) -> None:
    keras_json, command, shown = transcripts()[key]
    install(monkeypatch, entry("numpy"), entry("tensorflow"))
    keras_dir = tmp_path / "dot-keras"
    keras_dir.mkdir()
    keras_file = keras_dir / "keras.json"
    keras_file.write_text(keras_json + "\n")
    before = keras_file.read_bytes(), keras_file.stat().st_mtime_ns
    monkeypatch.setenv("KERAS_HOME", str(keras_dir))
    both = io.StringIO()
    with contextlib.redirect_stdout(both), contextlib.redirect_stderr(both):
        code = main(command.split())
    assert code == 0
    real = both.getvalue().replace(str(keras_dir), SHOWN_KERAS).replace(str(home), SHOWN_HOME)
    assert real.rstrip("\n") == shown
    assert (keras_file.read_bytes(), keras_file.stat().st_mtime_ns) == before
    written = json.loads((home / "tensorplug.json").read_text())
    for line in shown.splitlines():
        if line.startswith("  ") and " = " in line:
            setting = line.strip().split(" = ")[0]
            assert setting in written


# --- 3. the compatibility tables -------------------------------------------------------


def test_requirements_table_lists_every_distribution() -> None:
    table = compat_hook.requirements_table()
    plugins = [p.parent.name for p in (REPO / "plugins").glob("*/pyproject.toml")
               if not p.parent.name.startswith("_")]
    assert plugins, "no plugin found"
    for name in ["tensorplug", *(f"tensorplug-{p}" for p in plugins)]:
        assert f"| `{name}` (" in table
    assert "`numpy>=1.24,<2`" in table or "mxnet" not in plugins


def test_sessions_table_lists_every_nox_session_with_its_installs() -> None:
    text = (REPO / "noxfile.py").read_text(encoding="utf-8")
    listed = re.search(r"nox\.options\.sessions = \[(.*?)\]", text, re.S)
    assert listed is not None
    names = re.findall(r'"(\w+)"', listed.group(1))
    found = {s.name: s for s in compat_hook.sessions()}
    assert sorted(found) == sorted(names)
    assert "./plugins/numpy" in found["numpy"].installs
    assert any("--tensorplug-backend numpy" in run for run in found["numpy"].runs)
    table = compat_hook.sessions_table()
    assert all(f"| `{name}` |" in table for name in names)


def test_compat_hook_fills_both_markers() -> None:
    text = (DOCS / "compatibility.md").read_text(encoding="utf-8")
    assert "<!-- compat:requirements -->" in text and "<!-- compat:sessions -->" in text
    out = compat_hook.on_page_markdown(text)
    assert "<!-- compat:" not in out
