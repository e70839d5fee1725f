"""The docs' examples run as tests.

Every ```python block of ``PAGES`` runs on its own, in a fresh Python process with an
empty ``TENSORPLUG_HOME``, on the numpy backend, and must exit 0. Blocks are
self-contained (each does its own imports), as a reader who copies one would need.

Expected output: a ``print(...)`` statement followed by ``# -> TEXT``, on the same line
or on the comment line right after the statement, must print exactly ``TEXT`` (all its
calls together, for a print in a loop; trailing spaces aside). Comment
lines right after it whose ``#`` is in the same column and that start with ``#`` and four
spaces continue ``TEXT`` (from the same column as its first line), for output of several
lines. A ``# ->`` anywhere else (not after a print statement), or on a print statement
that never runs, fails the test.

A block that needs another backend than numpy is marked by the HTML comment
``<!-- docs-test: backend NAME -->`` on the line before its opening fence: it runs with
``TENSORPLUG_BACKEND=NAME`` where that backend is installed and available, and is skipped
(saying which backend it needs) elsewhere. No other marker exists: a block cannot be
excluded from the tests.

getting-started.md's ``python -m tensorplug demo`` transcript is checked too.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DOCS = REPO / "docs"
PAGES = ("getting-started.md", "guide/graphs.md", "guide/models.md",
         "migrating-from-keras.md")
_FENCE = re.compile(r"^([ \t]*)```python[ \t]*\n(.*?)^\1```[ \t]*$", re.M | re.S)
_MARKER = re.compile(r"<!--\s*docs-test:(.*?)-->")
_BACKEND = re.compile(r"^\s*backend\s+([\w-]+)\s*$")
_EXPECT = re.compile(r"#[ ]->[ ](.*)$|#[ ]->$")


@dataclass(frozen=True)
class Block:
    page: str
    line: int  # 1-based line of the block's first code line in the page
    code: str
    backend: str | None

    @property
    def id(self) -> str:
        return f"{self.page}:{self.line}"


def python_blocks(page: str, docs: Path = DOCS) -> list[Block]:
    text = (docs / page).read_text(encoding="utf-8")
    blocks = []
    for match in _FENCE.finditer(text):
        start = text.count("\n", 0, match.start()) + 2
        before = text[:match.start()].rstrip("\n").rsplit("\n", 1)[-1]
        marker = _MARKER.search(before)
        backend = None
        if marker is not None:
            named = _BACKEND.match(marker.group(1))
            if named is None or named.group(1) == "numpy":
                raise ValueError(f"{page}:{start - 1}: the only docs-test marker is "
                                 f"`<!-- docs-test: backend NAME -->` with NAME another "
                                 f"backend than numpy. Received: {marker.group(0)}")
            backend = named.group(1)
        code = textwrap.dedent(match.group(2))
        blocks.append(Block(page, start, code, backend))
    return blocks


def expectations(code: str) -> dict[int, str]:
    """``{line of the print statement's end (1-based): expected text}``.

    A standalone ``# -> TEXT`` line belongs to the statement ending on the line above;
    the runner checks that a print statement ends there.
    """
    lines = code.split("\n")
    found: dict[int, str] = {}
    i = 0
    while i < len(lines):
        line = lines[i]
        match = _EXPECT.search(line)
        if match is None or not _in_comment(line, match.start()):
            i += 1
            continue
        column = match.start()
        text = [match.group(1) or ""]
        j = i + 1
        while j < len(lines) and lines[j].startswith("#    ", column) \
                and not lines[j][:column].strip():
            text.append(lines[j][column + 5:])
            j += 1
        target = i + 1 if line[:column].strip() else i  # own line, or the line above
        found[target] = "\n".join(t.rstrip() for t in text)
        i = j
    return found


def _in_comment(line: str, index: int) -> bool:
    """Whether ``index`` starts a comment (no quote open before it on the line)."""
    quotes = re.sub(r"\\.", "", line[:index])
    return quotes.count('"') % 2 == 0 and quotes.count("'") % 2 == 0


#: Runs in the child: executes one block, checking marked print statements.
RUNNER = r'''
import ast, io, json, sys

code, expected, report = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3]
expected = {int(k): v for k, v in expected.items()}
tree = ast.parse(code)
marked, mismatches = set(), []

class Mark(ast.NodeTransformer):
    def visit_Expr(self, node):
        call = node.value
        if (node.end_lineno in expected and isinstance(call, ast.Call)
                and isinstance(call.func, ast.Name) and call.func.id == "print"):
            call.func = ast.Name("__docs_print__", ast.Load())
            call.args.insert(0, ast.Constant(node.end_lineno))
            marked.add(node.end_lineno)
        return node

def __docs_print__(line, *args, **kwargs):
    buffer = io.StringIO()
    print(*args, **kwargs, file=buffer)
    sys.stdout.write(buffer.getvalue())
    printed[line] = printed.get(line, "") + buffer.getvalue()

printed = {}
tree = ast.fix_missing_locations(Mark().visit(tree))
try:
    exec(compile(tree, "<docs block>", "exec"), {"__name__": "__main__",
                                                "__docs_print__": __docs_print__})
finally:
    for line, text in sorted(printed.items()):
        got = "\n".join(part.rstrip() for part in text.rstrip("\n").split("\n"))
        if got != expected[line]:
            mismatches.append([line, expected[line], got])
    with open(report, "w", encoding="utf-8") as handle:
        json.dump({"unmarked": sorted(set(expected) - marked),
                   "unrun": sorted(marked - set(printed)), "mismatches": mismatches}, handle)
'''


def child_env(tmp_path: Path, backend: str | None) -> dict[str, str]:
    """The environment without TENSORPLUG_* settings but an empty home (and ``backend``)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TENSORPLUG_", "PYTEST_"))}
    env["TENSORPLUG_HOME"] = str(tmp_path / "home")
    if backend is not None:
        env["TENSORPLUG_BACKEND"] = backend
    return env


def run_block(code: str, tmp_path: Path, backend: str = "numpy") -> tuple[int, str, dict]:
    report = tmp_path / "report.json"
    done = subprocess.run(
        [sys.executable, "-c", RUNNER, code, json.dumps(expectations(code)), str(report)],
        cwd=tmp_path, env=child_env(tmp_path, backend), capture_output=True, text=True,
        timeout=300)
    result = json.loads(report.read_text()) if report.exists() else {}
    return done.returncode, done.stdout + done.stderr, result


def problems(block: Block, code: int, output: str, result: dict) -> list[str]:
    where = block.page
    found = [f"{where}:{block.line - 1 + line}: `# ->` is not after a print statement"
             for line in result.get("unmarked", [])]
    found += [f"{where}:{block.line - 1 + line}: the print statement never ran"
              for line in result.get("unrun", [])]
    found += [f"{where}:{block.line - 1 + line}: printed {got!r}, the docs say {want!r}"
              for line, want, got in result.get("mismatches", [])]
    if code != 0:
        found.append(f"{where}:{block.line}: the block exited {code}:\n{output[-3000:]}")
    return found


def _backend_ready(name: str) -> tuple[bool, str]:
    import tensorplug

    for status in tensorplug.list_backends():
        if status.name == name:
            return bool(status.available), str(status.reason)
    return False, "not installed"


ALL_BLOCKS = [b for page in PAGES for b in python_blocks(page)]


@pytest.mark.parametrize("block", ALL_BLOCKS, ids=[b.id for b in ALL_BLOCKS])
def test_block_runs_and_prints_what_the_docs_say(block: Block, tmp_path: Path) -> None:
    backend = block.backend or "numpy"
    if block.backend is not None:
        ready, reason = _backend_ready(block.backend)
        if not ready:
            pytest.skip(f"needs the {block.backend} backend ({reason})")
    code, output, result = run_block(block.code, tmp_path, backend)
    assert problems(block, code, output, result) == []


def test_every_page_has_examples_with_checked_output() -> None:
    for page in PAGES:
        blocks = python_blocks(page)
        assert blocks, f"{page} has no python block"
        assert any(expectations(b.code) for b in blocks), f"{page} checks no output"


# --- the checker itself can fail ----------------------------------------------------


def test_a_wrong_expectation_fails(tmp_path: Path) -> None:
    block = Block("x.md", 10, 'print(1 + 1)  # -> 3\nprint("a\\nb")\n# -> a\n#    b\n',
                  None)
    code, output, result = run_block(block.code, tmp_path)
    assert code == 0
    assert problems(block, code, output, result) == ["x.md:10: printed '2', the docs say '3'"]


def test_a_marker_off_a_print_statement_or_never_run_fails(tmp_path: Path) -> None:
    block = Block("x.md", 1, "x = 2  # -> 2\nif x > 5:\n    print(x)  # -> 2\n", None)
    code, output, result = run_block(block.code, tmp_path)
    assert problems(block, code, output, result) == [
        "x.md:1: `# ->` is not after a print statement",
        "x.md:3: the print statement never ran"]


def test_a_failing_block_fails(tmp_path: Path) -> None:
    block = Block("x.md", 4, "from tensorplug import backend as K\nK.sum(K.ones((2,)), "
                  "axis=3)\n", None)
    code, output, result = run_block(block.code, tmp_path)
    found = problems(block, code, output, result)
    assert len(found) == 1 and found[0].startswith("x.md:4: the block exited 1")
    assert "AxisError" in found[0]


def test_expectations_parse_continuations_and_quotes() -> None:
    code = ('print("# -> not a marker")\n'
            'print(x)\n'
            '# -> [[1 2]\n'
            '#     [3 4]]\n'
            'print(y)  # -> 5\n')
    assert expectations(code) == {2: "[[1 2]\n [3 4]]", 5: "5"}


def test_only_the_backend_marker_exists(tmp_path: Path) -> None:
    (tmp_path / "p.md").write_text("<!-- docs-test: backend tensorflow -->\n```python\n"
                                   "print(1)\n```\n\n<!-- docs-test: skip -->\n```python\n"
                                   "print(2)\n```\n")
    with pytest.raises(ValueError, match="the only docs-test marker"):
        python_blocks("p.md", docs=tmp_path)
    (tmp_path / "q.md").write_text("<!-- docs-test: backend tensorflow -->\n```python\n"
                                   "print(1)\n```\n")
    assert python_blocks("q.md", docs=tmp_path) == [Block("q.md", 3, "print(1)\n",
                                                          "tensorflow")]


# --- the demo transcript of getting-started.md -------------------------------------

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def transcript_matches(shown: str, real: str) -> list[str]:
    """Shown lines missing from ``real``: the shown lines, numbers aside (timings and
    losses vary), must appear in order; the lines before the first ``...`` must be the
    very first lines of ``real``."""
    real_lines = [_NUMBER.sub("N", line.rstrip()) for line in real.splitlines()]
    missing, position = [], 0
    for k, line in enumerate(shown.splitlines()):
        if line == "...":
            continue
        want = _NUMBER.sub("N", line.rstrip())
        head = "..." not in shown.splitlines()[:k]
        if head:
            found = position < len(real_lines) and real_lines[position] == want
            index = position if found else -1
        else:
            index = real_lines.index(want, position) if want in real_lines[position:] else -1
        if index < 0:
            missing.append(line)
        else:
            position = index + 1
    return missing


def test_transcript_check_can_fail() -> None:
    real = "Active: numpy\nEpoch 1/2 - 1s\nEpoch 2/2 - 0s\nAccuracy: 0.97\n"
    assert transcript_matches("Active: numpy\n...\nAccuracy: 0.5", real) == []
    assert transcript_matches("Active: mxnet\n...\nLoss: 1", real) == ["Active: mxnet",
                                                                        "Loss: 1"]
    assert transcript_matches("...\nAccuracy: 1\nActive: numpy", real) == ["Active: numpy"]


def test_getting_started_shows_the_real_demo(tmp_path: Path) -> None:
    text = (DOCS / "getting-started.md").read_text(encoding="utf-8")
    match = re.search(r"```console\n\$ python -m tensorplug demo\n(.*?)\n```", text, re.S)
    assert match is not None, "getting-started.md lost its demo transcript"
    shown = match.group(1)
    done = subprocess.run([sys.executable, "-m", "tensorplug", "demo"], cwd=tmp_path,
                          env=child_env(tmp_path, None), capture_output=True, text=True,
                          timeout=600)
    if done.returncode != 0 and "scikit-learn" in done.stderr:
        # Without the demo extra the demo stops after its header: check that much, and
        # that the page says how to install the extra.
        shown = shown.split("\nData:")[0]
        assert "pip install './core[demo]'" in text
    else:
        assert done.returncode == 0, done.stderr
    assert transcript_matches(shown, done.stdout) == []
