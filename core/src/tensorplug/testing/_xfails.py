"""A backend's known-failures file.

One entry per line: ``<glob over the test node id>  # <reason>``; the reason is
required. Blank lines and lines starting with ``#`` are comments. In a glob only ``*``
(any run of characters) and ``?`` (one character) are wildcards; brackets are literal,
because they are part of parametrized ids. A glob matches a node id equal to it, or
the node id's tail after a ``/`` or ``::`` boundary, so
``test_elementwise.py::test_values[exp-basic-float16]`` matches wherever the package
is installed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

FORMAT = "<glob over the test node id>  # <reason>"


class XfailsFormatError(ValueError):
    """A malformed line in an xfails file."""


@dataclass
class Entry:
    glob: str
    reason: str
    where: str
    pattern: re.Pattern[str] = field(init=False, repr=False)
    hits: int = 0

    def __post_init__(self) -> None:
        body = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c)
                       for c in self.glob)
        self.pattern = re.compile(rf"(?:.*(?:/|::))?{body}")

    def matches(self, nodeid: str) -> bool:
        return self.pattern.fullmatch(nodeid) is not None


def parse(text: str, source: str) -> list[Entry]:
    entries = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        glob, sep, reason = line.partition("#")
        glob, reason = glob.strip(), reason.strip()
        if not sep or not reason or not glob or " " in glob:
            raise XfailsFormatError(
                f"{source}:{number}: malformed xfails entry {raw.strip()!r}.\n"
                f"Each entry is `{FORMAT}` (a reason is required; the glob has no "
                f"spaces).")
        entries.append(Entry(glob, reason, f"{source}:{number}"))
    return entries


def load(path: Path | None) -> list[Entry]:
    """Entries of ``path``; none when it is ``None`` or does not exist."""
    if path is None or not path.is_file():
        return []
    return parse(path.read_text(encoding="utf-8"), str(path))
