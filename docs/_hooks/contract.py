"""MkDocs hook: generated contract tables and Sphinx-role clean-up.

- ``<!-- contract:kinds -->`` in a page becomes the table of every hookspec with its
  kind, module and exact signature, built from ``tensorplug.hookspecs`` at build time.
- ``<!-- contract:composites -->`` becomes the list of composites (what
  ``tensorplug.generic`` gives a backend for free).
- ``<!-- include: PATH -->`` becomes a code block holding the file PATH (relative to
  the repository root), so the guide shows the template's real files.
- The hookspecs' Sphinx markup (``:func:`x```, ``.. versionadded::``) renders as text.
"""

from __future__ import annotations

import inspect
import posixpath
import re
from pathlib import Path
from typing import Any

_ROLE = re.compile(r":(?:func|class|meth|data|attr|mod):(<code>)")
_INCLUDE = re.compile(r"<!-- include: (\S+) -->")
_LANGUAGES = {".py": "python", ".toml": "toml", ".md": "markdown", ".txt": "text"}
_VERSION = re.compile(r"(?:<p>)?\.\. versionadded:: ([\w.]+)(?:</p>)?")


def kinds_table(page_uri: str) -> str:
    """Every hookspec: kind, module (linked from ``page_uri``) and exact signature."""
    from tensorplug.hookspecs import KINDS, spec_function

    base = posixpath.relpath("api/hookspecs", posixpath.dirname(page_uri) or ".")

    rows = ["| op | kind | hookspec module | signature |", "| --- | --- | --- | --- |"]
    for name, kind in KINDS.items():
        spec = spec_function(name)
        module = spec.__module__.rsplit(".", 1)[-1]
        params = ", ".join(inspect.signature(spec).parameters)
        link = f"[{module}]({base}/{module}.md#tensorplug.hookspecs.{module}.{name})"
        rows.append(f"| `{name}` | {kind.value} | {link} | `{name}({params})` |")
    return "\n".join(rows)


def composites_list() -> str:
    from tensorplug.hookspecs import Kind, names_of_kind

    return ", ".join(f"`{name}`" for name in names_of_kind(Kind.COMPOSITE))


def include(match: re.Match[str], root: Path) -> str:
    path = root / match.group(1)
    language = _LANGUAGES.get(path.suffix, "text")
    text = path.read_text(encoding="utf-8").rstrip("\n")
    return f"`{match.group(1)}`:\n\n```{language}\n{text}\n```"


def on_page_markdown(markdown: str, page: Any, config: Any, **kwargs: Any) -> str:
    root = Path(config.config_file_path).parent
    markdown = _INCLUDE.sub(lambda m: include(m, root), markdown)
    if "<!-- contract:kinds -->" in markdown:
        markdown = markdown.replace("<!-- contract:kinds -->", kinds_table(page.file.src_uri))
    if "<!-- contract:composites -->" in markdown:
        markdown = markdown.replace("<!-- contract:composites -->", composites_list())
    return markdown


def on_page_content(html: str, **kwargs: Any) -> str:
    html = _ROLE.sub(r"\1", html)
    return _VERSION.sub(r"<p><em>New in version \1.</em></p>", html)
