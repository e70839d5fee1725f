"""Docs that cannot drift.

1. Every hookspec (walked from ``tensorplug.hookspecs.KINDS``) and every name in
   ``tensorplug.backend.__all__`` has a docs **entry**: it has a non-empty docstring
   (mkdocstrings skips objects without one) and a page in ``docs/`` renders it, either
   with a ``::: MODULE`` directive for its module (all public members, or a ``members:``
   list naming it), or a ``::: MODULE.NAME`` directive, or a heading ``### NAME``.
2. Every error message that docs/choosing-a-backend.md quotes (a ```text block after
   ``<!-- error: KEY -->``) equals the real message, produced here by SCENARIOS[KEY].
3. docs/testing-a-backend.md holds the conformance command in a ```bash block.
4. Every page under docs/ is in mkdocs.yml's nav, and every nav entry exists (the
   strict build fails on either; this says so without mkdocs installed).

The site build itself (``mkdocs build --strict``) runs in the nox ``docs`` session.
"""

from __future__ import annotations

import importlib
import inspect
import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import tensorplug
from fakes import complete_impls, entry, info, install
from tensorplug import backend as K
from tensorplug import hookimpl
from tensorplug.hookspecs import KINDS, hookspec, spec_function

DOCS = Path(__file__).resolve().parents[2] / "docs"
_DIRECTIVE = re.compile(r"^:::[ \t]*([\w.]+)[ \t]*\n((?:[ \t]+\S.*\n?)*)", re.M)
_MEMBERS = re.compile(r"^[ \t]+members:[ \t]*\[([^\]]*)\]", re.M)
_HEADING = re.compile(r"^#{2,6}[ \t]+`?([\w.]+)", re.M)


@dataclass(frozen=True)
class Directive:
    """One ``::: target`` block of a page; ``members`` None renders every public one."""

    page: str
    target: str
    members: tuple[str, ...] | None


def directives(docs: Path = DOCS) -> list[Directive]:
    found = []
    for page in sorted(docs.rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        for match in _DIRECTIVE.finditer(text):
            options = match.group(2)
            listed = _MEMBERS.search(options)
            if "members:" in options and listed is None:
                raise ValueError(f"{page}: write `members:` as an inline list [a, b] so the "
                                 f"drift check can read it")
            members = (tuple(m.strip() for m in listed.group(1).split(",") if m.strip())
                       if listed else None)
            found.append(Directive(str(page.relative_to(docs)), match.group(1), members))
    return found


def headings(docs: Path = DOCS) -> set[str]:
    return {m.group(1) for page in docs.rglob("*.md")
            for m in _HEADING.finditer(page.read_text(encoding="utf-8"))}


def _covered(module: str, name: str, found: list[Directive], titles: set[str]) -> bool:
    for d in found:
        if d.target == f"{module}.{name}":
            return True
        if d.target == module and (d.members is None or name in d.members):
            return True
    return name in titles or f"{module}.{name}" in titles


def undocumented(k_names: Iterable[str], hookspecs: Mapping[str, Callable[..., Any]],
                 docs: Path = DOCS) -> list[str]:
    """One line per K function or hookspec without a docs entry (see module docstring)."""
    found, titles = directives(docs), headings(docs)
    problems = []
    for name in k_names:
        fn = getattr(K, name, None)
        if fn is None or not inspect.getdoc(fn):
            problems.append(f"K.{name}: no docstring (mkdocstrings renders nothing)")
        elif not _covered("tensorplug.backend", name, found, titles):
            problems.append(f"K.{name}: no page renders it; add it to a `members:` list "
                            f"in docs/api/backend.md")
    for name, spec in hookspecs.items():
        module = spec.__module__
        if not inspect.getdoc(spec):
            problems.append(f"hookspec {module}.{name}: no docstring (the docstring is "
                            f"the spec)")
        elif not _covered(module, name, found, titles):
            problems.append(f"hookspec {module}.{name}: no page renders it; add "
                            f"`::: {module}` to a page under docs/api/hookspecs/")
    return problems


def all_hookspecs() -> dict[str, Callable[..., Any]]:
    return {name: spec_function(name) for name in KINDS}


# --- 1. coverage -------------------------------------------------------------------


def test_every_hookspec_and_k_function_is_documented() -> None:
    assert undocumented(K.__all__, all_hookspecs()) == []


def test_drift_check_fails_on_planted_undocumented_hookspec() -> None:
    @hookspec(firstresult=True)
    def conv2d(x: Any, kernel: Any) -> Any:
        """2-D convolution (planted: its module has no docs page)."""

    conv2d.__module__ = "tensorplug.hookspecs.convolution"

    @hookspec(firstresult=True)
    def erf(x: Any) -> Any:  # planted: rendered module, but no docstring
        pass

    erf.__module__ = "tensorplug.hookspecs.elementwise"
    specs = {**all_hookspecs(), "conv2d": conv2d, "erf": erf}
    baseline = set(undocumented(K.__all__, all_hookspecs()))  # [] unless docs drifted
    found = undocumented([*K.__all__, "planted_op"], specs)
    assert [p for p in found if p not in baseline] == [
        "K.planted_op: no docstring (mkdocstrings renders nothing)",
        "hookspec tensorplug.hookspecs.convolution.conv2d: no page renders it; add "
        "`::: tensorplug.hookspecs.convolution` to a page under docs/api/hookspecs/",
        "hookspec tensorplug.hookspecs.elementwise.erf: no docstring (the docstring is "
        "the spec)",
    ]


def test_drift_check_fails_when_a_members_list_drops_a_name(tmp_path: Path) -> None:
    (tmp_path / "api.md").write_text(
        "::: tensorplug.backend\n    options:\n      members: [add, subtract]\n")
    assert undocumented(["add", "multiply"], {}, docs=tmp_path) == [
        "K.multiply: no page renders it; add it to a `members:` list in "
        "docs/api/backend.md"]


def test_every_directive_target_exists() -> None:
    for d in directives():
        module_name, _, attr = d.target, "", ""
        try:
            obj: Any = importlib.import_module(d.target)
        except ImportError:
            module_name, _, attr = d.target.rpartition(".")
            obj = getattr(importlib.import_module(module_name), attr)
        for member in d.members or ():
            assert hasattr(obj, member), f"{d.page}: {d.target} has no member {member!r}"


# --- 2. error messages quoted in choosing-a-backend.md ------------------------------

HOME_SHOWN = "~/.tensorplug"
_JSON_DETAIL = re.compile(r"(is not valid JSON: ).*?(\.\n)")


def normalise(message: str, home: Path | None = None) -> str:
    """The shown home folder; the json module's wording varies across Python versions."""
    if home is not None:
        message = message.replace(str(home), HOME_SHOWN)
    return _JSON_DETAIL.sub(r"\1<json error>\2", message)


def _config(home: Path, content: str | dict[str, Any]) -> None:
    home.mkdir(parents=True, exist_ok=True)
    text = content if isinstance(content, str) else json.dumps(content)
    (home / "tensorplug.json").write_text(text)


def _message(call: Callable[[], Any]) -> str:
    try:
        call()
    except tensorplug.TensorplugError as exc:
        return str(exc)
    raise AssertionError("the scenario raised nothing")


def _unknown(mp: pytest.MonkeyPatch, home: Path) -> str:
    install(mp, entry("numpy", version="0.1.0"))
    _config(home, {"backend": "tensorflow"})
    tensorplug.refresh_backends()
    return _message(K.backend)


def _unknown_env(mp: pytest.MonkeyPatch, home: Path) -> str:
    install(mp, entry("numpy", version="0.1.0"))
    mp.setenv("TENSORPLUG_BACKEND", "jax")
    return _message(K.backend)


def _none(mp: pytest.MonkeyPatch, home: Path) -> str:
    install(mp)
    return _message(lambda: K.add(1, 2))


def _no_default(mp: pytest.MonkeyPatch, home: Path) -> str:
    install(mp, entry("tensorflow", version="0.1.0"), entry("mxnet", version="0.1.0"))
    return _message(K.backend)


def _unavailable(mp: pytest.MonkeyPatch, home: Path) -> str:
    install(mp, entry("cuda", available=False, reason="no CUDA device found",
                      version="0.1.0"))
    return _message(lambda: tensorplug.set_backend("cuda"))


def _load_error(mp: pytest.MonkeyPatch, home: Path) -> str:
    error = ImportError("libcudart.so.12: cannot open shared object file")
    install(mp, entry("cuda", load_error=error, version="0.1.0"))
    return _message(lambda: tensorplug.set_backend("cuda"))


def _duplicate(mp: pytest.MonkeyPatch, home: Path) -> str:
    ours = entry("numpy", version="0.1.0")
    fork = entry("numpy", dist="numpy-backend-fork", version="2.0")
    ours.value, fork.value = "tensorplug_numpy._entry", "numpy_backend_fork._entry"
    install(mp, ours, fork)
    return _message(K.backend)


def _bad_json(mp: pytest.MonkeyPatch, home: Path) -> str:
    _config(home, '{"floatx": "float64",}')
    return _message(K.floatx)


def _bad_value(mp: pytest.MonkeyPatch, home: Path) -> str:
    _config(home, {"floatx": "float8"})
    return _message(K.floatx)


def _bad_data_format(mp: pytest.MonkeyPatch, home: Path) -> str:
    return _message(lambda: K.normalize_data_format("NHWC"))


def _missing(mp: pytest.MonkeyPatch, home: Path) -> str:
    install(mp, entry("mybackend", complete_impls("mybackend", skip=("exp", "tile")),
                      version="0.1.0"))
    return _message(lambda: tensorplug.set_backend("mybackend"))


def _signature(mp: pytest.MonkeyPatch, home: Path) -> str:
    def add(y: Any, x: Any) -> Any:
        return x + y

    impls = complete_impls("mybackend", add=hookimpl(add))
    impls.__name__ = "tensorplug_mybackend.arithmetic"
    install(mp, entry("mybackend", impls, version="0.1.0"))
    return _message(lambda: tensorplug.set_backend("mybackend"))


def _contract(mp: pytest.MonkeyPatch, home: Path) -> str:
    impls = complete_impls("mybackend", backend_info=info("mybackend", ((2, 0), (3, 0))))
    install(mp, entry("mybackend", impls, version="0.1.0"))
    return _message(lambda: tensorplug.set_backend("mybackend"))


SCENARIOS: dict[str, Callable[[pytest.MonkeyPatch, Path], str]] = {
    "unknown-backend": _unknown, "unknown-backend-env": _unknown_env,
    "no-backend": _none, "no-default": _no_default, "unavailable": _unavailable,
    "load-error": _load_error, "duplicate": _duplicate, "config-json": _bad_json,
    "config-value": _bad_value, "data-format": _bad_data_format,
    "missing-primitives": _missing, "signature": _signature, "contract": _contract,
}


def quoted_errors(page: Path = DOCS / "choosing-a-backend.md") -> dict[str, str]:
    text = page.read_text(encoding="utf-8")
    pattern = re.compile(r"<!-- error: ([\w-]+) -->\s*\n```text\n(.*?)\n```", re.S)
    return {m.group(1): m.group(2) for m in pattern.finditer(text)}


def test_docs_quote_every_error_scenario() -> None:
    assert sorted(quoted_errors()) == sorted(SCENARIOS)


@pytest.mark.parametrize("key", sorted(SCENARIOS))
def test_quoted_error_is_the_real_message(key: str, monkeypatch: pytest.MonkeyPatch,
                                          home: Path) -> None:
    real = normalise(SCENARIOS[key](monkeypatch, home), home)
    quoted = quoted_errors().get(key)
    assert quoted is not None and normalise(quoted) == real


# --- 3. the conformance command ----------------------------------------------------


def test_testing_page_has_the_conformance_command() -> None:
    text = (DOCS / "testing-a-backend.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```bash\n(.*?)\n```", text, re.S)
    assert ("pytest -p tensorplug.testing.plugin --pyargs tensorplug.testing "
            "--tensorplug-backend numpy") in blocks


# --- 4. the navigation ----------------------------------------------------------------

_NAV_ENTRY = re.compile(r"^[ \t]+- (?:[^\n]*?: )?([\w./-]+\.md)[ \t]*$", re.M)


def nav_pages(config: Path = DOCS.parent / "mkdocs.yml") -> list[str]:
    text = config.read_text(encoding="utf-8")
    return _NAV_ENTRY.findall(text[text.index("\nnav:"):])


def test_every_page_is_in_the_nav_and_every_entry_exists() -> None:
    pages = sorted(str(p.relative_to(DOCS)) for p in DOCS.rglob("*.md")
                   if "_hooks" not in p.parts)
    listed = nav_pages()
    assert sorted(set(listed)) == pages, (
        f"not in mkdocs.yml's nav: {sorted(set(pages) - set(listed))}; "
        f"in the nav but missing: {sorted(set(listed) - set(pages))}")
    assert len(listed) == len(set(listed)), "a page is listed twice in the nav"
