"""MkDocs hook: the compatibility tables of docs/compatibility.md, built at build time.

- ``<!-- compat:requirements -->`` becomes one row per distribution (the core and each
  ``plugins/*/pyproject.toml`` but the template): backend name (its entry point),
  ``requires-python``, dependencies and extras, read from the pyproject files.
- ``<!-- compat:sessions -->`` becomes one row per nox session of ``noxfile.py``: what
  it installs into its own virtual environment and what it is for (its docstring),
  read from the noxfile's source (it is parsed, not run).

So the page cannot drift from what pip installs and what CI tests.
"""

from __future__ import annotations

import ast
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Distribution:
    path: str
    name: str
    backends: tuple[str, ...]
    python: str
    dependencies: tuple[str, ...]
    extras: dict[str, tuple[str, ...]]


def distributions(repo: Path = REPO) -> list[Distribution]:
    paths = [repo / "core" / "pyproject.toml"]
    paths += sorted(p for p in (repo / "plugins").glob("*/pyproject.toml")
                    if not p.parent.name.startswith("_"))
    out = []
    for path in paths:
        project = tomllib.loads(path.read_text(encoding="utf-8"))["project"]
        entry_points = project.get("entry-points", {}).get("tensorplug.backends", {})
        extras = project.get("optional-dependencies", {})
        if path.parent.name == "core":
            extras = {}  # the core's `test` extra is for its own test suite
        out.append(Distribution(
            path=str(path.parent.relative_to(repo)), name=project["name"],
            backends=tuple(entry_points), python=project.get("requires-python", "any"),
            dependencies=tuple(project.get("dependencies", ())),
            extras={k: tuple(v) for k, v in extras.items()}))
    return out


def _code(items: Any) -> str:
    return "<br>".join(f"`{item}`" for item in items) or "none"


def requirements_table(repo: Path = REPO) -> str:
    rows = ["| distribution (folder) | backend | Python | dependencies | extras |",
            "| --- | --- | --- | --- | --- |"]
    for d in distributions(repo):
        extras = "<br>".join(f"`[{k}]`: {', '.join(f'`{v}`' for v in vs)}"
                             for k, vs in d.extras.items()) or "none"
        backends = ", ".join(f"`{b}`" for b in d.backends) or "(the core)"
        rows.append(f"| `{d.name}` (`{d.path}`) | {backends} | `{d.python}` | "
                    f"{_code(d.dependencies)} | {extras} |")
    return "\n".join(rows)


# --- noxfile.py ------------------------------------------------------------------------


@dataclass(frozen=True)
class Session:
    name: str
    installs: tuple[str, ...]
    runs: tuple[str, ...]
    doc: str


def _constants(tree: ast.Module) -> dict[str, list[str]]:
    """Module-level ``NAME = [str, ...]`` lists."""
    found: dict[str, list[str]] = {}
    for node in tree.body:
        if (isinstance(node, ast.Assign) and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name)
                and isinstance(node.value, (ast.List, ast.Tuple))
                and all(isinstance(e, ast.Constant) for e in node.value.elts)):
            values = node.value.elts
            found[node.targets[0].id] = [str(e.value) for e in values]  # type: ignore[attr-defined]
    return found


def _is_session(decorator: ast.expr) -> bool:
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    return isinstance(target, ast.Attribute) and target.attr == "session"


def _words(args: list[ast.expr], constants: dict[str, list[str]]) -> list[str]:
    words: list[str] = []
    for a in args:
        if isinstance(a, ast.Constant):
            words.append(str(a.value))
        elif isinstance(a, ast.Starred) and isinstance(a.value, ast.Name):
            words += constants.get(a.value.id, [f"*{a.value.id}"])
        elif isinstance(a, ast.JoinedStr):
            words.append("DIR")
        else:
            words.append(ast.unparse(a))
    return words


def _env(call: ast.Call) -> str:
    for kw in call.keywords:
        if kw.arg == "env" and isinstance(kw.value, ast.Dict):
            return "".join(f"{ast.literal_eval(k)}={ast.literal_eval(v)} "
                           for k, v in zip(kw.value.keys, kw.value.values) if k is not None)
    return ""


def _calls(fn: ast.FunctionDef) -> list[ast.Call]:
    found = [n for n in ast.walk(fn) if isinstance(n, ast.Call)]
    return sorted(found, key=lambda n: (n.lineno, n.col_offset))


def _session(fn: ast.FunctionDef, constants: dict[str, list[str]]) -> Session:
    """What a session installs and runs: ``session.install``, ``session.run`` and
    ``conformance(session, NAME, ...)`` calls, in source order."""
    installs: list[str] = []
    runs: list[str] = []
    for call in _calls(fn):
        func = call.func
        if isinstance(func, ast.Attribute) and func.attr == "install":
            installs += _words(call.args, constants)
        elif isinstance(func, ast.Attribute) and func.attr == "run":
            runs.append(_env(call) + " ".join(_words(call.args, constants)))
        elif isinstance(func, ast.Name) and func.id == "conformance":
            words = [*constants.get("CONFORMANCE", ["conformance"]), "--tensorplug-backend",
                     *_words(call.args[1:], constants)]
            runs.append(_env(call) + " ".join(words))
    doc = " ".join((ast.get_docstring(fn) or "").split())
    return Session(fn.name, tuple(installs), tuple(runs), doc)


def sessions(repo: Path = REPO) -> list[Session]:
    tree = ast.parse((repo / "noxfile.py").read_text(encoding="utf-8"))
    constants = _constants(tree)
    return [_session(node, constants) for node in tree.body
            if isinstance(node, ast.FunctionDef) and any(map(_is_session, node.decorator_list))]


def sessions_table(repo: Path = REPO) -> str:
    rows = ["| session | installs into its own venv | runs | notes |",
            "| --- | --- | --- | --- |"]
    for s in sessions(repo):
        rows.append(f"| `{s.name}` | {_code(s.installs)} | {_code(s.runs)} | {s.doc} |")
    return "\n".join(rows)


def on_page_markdown(markdown: str, **kwargs: Any) -> str:
    if "<!-- compat:requirements -->" in markdown:
        markdown = markdown.replace("<!-- compat:requirements -->", requirements_table())
    if "<!-- compat:sessions -->" in markdown:
        markdown = markdown.replace("<!-- compat:sessions -->", sessions_table())
    return markdown
