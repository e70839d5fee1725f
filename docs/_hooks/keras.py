"""MkDocs hook: the Keras 2.3 tables of docs/migrating-from-keras.md, built at build time.

- ``<!-- keras:summary -->`` becomes one sentence counting the Keras 2.3 backend
  functions by their tensorplug status.
- ``<!-- keras:api-table -->`` becomes the table of every function Keras 2.3 exported
  from ``keras.backend``: its tensorplug status (the hookspec kind from
  ``tensorplug.hookspecs.KINDS``, or facade-only from ``K.FACADE_ONLY``), its K
  signature where it differs from Keras's, and links to the sections of the page that
  state a difference in semantics. A section says which functions it concerns with
  ``<!-- affects: NAME NAME ... -->`` on the line after a heading ``### Title {#anchor}``.
- ``<!-- keras:not-exported -->`` becomes the table of the other names of the Keras 2.x
  backends (backend-specific, legacy, keras-mxnet extras) and what to use instead.

The list of Keras names is this folder's ``keras23-api.tsv`` (name, Keras signature,
category, api_status), a snapshot of the workspace's reference table
``../shared/reference/keras2-backend-api.tsv``. When that table is reachable (beside
the checkout, as in CI), the build fails if the snapshot differs from it; regenerate
the snapshot with ``python docs/_hooks/keras.py --update``. Statuses and signatures
come from tensorplug itself, so they cannot drift either: a Keras name that is not a
K function, or that is neither a hookspec nor facade-only, fails the build.
"""

from __future__ import annotations

import csv
import inspect
import posixpath
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SNAPSHOT = HERE / "keras23-api.tsv"
FIELDS = ("name", "signature", "category", "api_status")
EXPORTED = "exported-2.3"

#: What replaces each Keras backend name that Keras 2.3 did not export from
#: ``keras.backend`` and tensorplug does not provide (markdown, one cell).
REPLACEMENTS: dict[str, str] = {
    "pattern_broadcast": "nothing needed: broadcasting follows numpy's rules on every "
                         "backend (Theano-only)",
    "manual_variable_initialization": "nothing needed: there are no sessions; a variable "
                                      "holds its value from `K.variable`",
    "get_session": "nothing needed: there are no sessions; ops on tensors run at once and "
                   "graphs run with `K.function`",
    "set_session": "nothing needed: configure the framework itself (its plugin's README)",
    "set_image_dim_ordering": "`K.set_image_data_format('channels_first')` (`'th'`) or "
                              "`'channels_last'` (`'tf'`)",
    "image_dim_ordering": "`K.image_data_format()`",
    "get_variable_shape": "`K.int_shape(x)`",
    "get_graph": "nothing needed: there is no global graph (see "
                 "[Graphs](guide/graphs.md))",
    "is_symbolic": "`isinstance(x, tensorplug.graph.Symbol)`",
    "v1_variable_initialization": "nothing needed (TensorFlow 1 internal)",
    "embedding": "`K.gather(weight, data)`",
    "multi_hot_sparse_categorical_crossentropy": "no equivalent (keras-mxnet only)",
    "mxnet_batchnorm": "`K.batch_normalization` / `K.normalize_batch_in_training`",
    "get_model": "`tensorplug.models` (`K.gradients` works on every backend)",
    "get_sequential_model": "`tensorplug.models`",
    "get_num_gpus": "no equivalent; `python -m tensorplug doctor` lists each backend's "
                    "devices",
    "get_mxnet_model_info": "no equivalent (keras-mxnet only)",
    "Context": "choose the device by backend (`cuda` for CuPy on a GPU)",
    "group": "nothing needed: `K.function` takes a list of outputs",
    "make_loss": "nothing needed: pass the loss to `K.gradients`",
    "KerasSymbol": "nothing needed: tensors are native `mxnet.numpy` arrays, symbols come "
                   "from `K.placeholder`",
    "set_model": "nothing needed (keras-mxnet internal)",
    "get_optimizers": "`tensorplug.optimizers`",
}


class DocsDriftError(Exception):
    """The docs' Keras data disagrees with the reference table or with tensorplug."""


@dataclass(frozen=True)
class Row:
    name: str
    signature: str
    category: str
    api_status: str

    @property
    def exported(self) -> bool:
        return self.api_status.startswith(EXPORTED)


def workspace_tsv(repo: Path = REPO) -> Path:
    """The reference table, beside the checkout (``../shared/reference/``)."""
    return repo.parent / "shared" / "reference" / "keras2-backend-api.tsv"


def read_rows(path: Path) -> list[Row]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [Row(*(r[f] for f in FIELDS)) for r in csv.DictReader(handle, delimiter="\t")]


def write_snapshot(rows: list[Row], path: Path = SNAPSHOT) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(FIELDS)
        for r in rows:
            writer.writerow([r.name, r.signature, r.category, r.api_status])


def load_rows(snapshot: Path = SNAPSHOT, reference: Path | None = None) -> list[Row]:
    """The snapshot's rows, checked against the reference table when it is reachable."""
    rows = read_rows(snapshot)
    reference = workspace_tsv() if reference is None else reference
    if reference.is_file() and read_rows(reference) != rows:
        raise DocsDriftError(
            f"{snapshot} differs from the reference table {reference}.\n"
            f"Fix: python docs/_hooks/keras.py --update")
    return rows


# --- statuses from tensorplug ------------------------------------------------------


def status_of(name: str) -> str:
    """``primitive`` / ``composite`` / ``optional`` (hookspec kind) or ``facade-only``."""
    from tensorplug import backend as K
    from tensorplug.hookspecs import KINDS

    if name not in K.__all__ or not callable(getattr(K, name, None)):
        raise DocsDriftError(f"Keras 2.3 exports backend.{name}, but K.{name} is not a "
                             f"function in tensorplug.backend.__all__.")
    if name in KINDS:
        return KINDS[name].value
    if name in K.FACADE_ONLY:
        return "facade-only"
    raise DocsDriftError(f"K.{name} is neither a hookspec (tensorplug.hookspecs.KINDS) "
                         f"nor listed in K.FACADE_ONLY.")


def k_signature(name: str) -> str:
    """``name(params)`` of the K function, without annotations."""
    from tensorplug import backend as K

    sig = inspect.signature(getattr(K, name))
    params = [str(p.replace(annotation=inspect.Parameter.empty))
              for p in sig.parameters.values()]
    return f"{name}({', '.join(params)})"


def _same(a: str, b: str) -> bool:
    return re.sub(r"\s", "", a) == re.sub(r"\s", "", b)


# --- the page's difference sections ------------------------------------------------

_AFFECTS = re.compile(r"^#{2,6}[ \t]+(.+?)[ \t]*\{#([\w-]+)\}[ \t]*\n+"
                      r"<!-- affects: ([^>]*?) -->", re.M)


def differences(markdown: str) -> dict[str, list[tuple[str, str]]]:
    """Function name -> [(anchor, section title)] from the page's ``affects`` markers."""
    found: dict[str, list[tuple[str, str]]] = {}
    for match in _AFFECTS.finditer(markdown):
        title, anchor = match.group(1).strip(), match.group(2)
        for name in match.group(3).split():
            found.setdefault(name, []).append((anchor, title))
    return found


def _check_affected(found: dict[str, list[tuple[str, str]]], rows: list[Row]) -> None:
    exported = {r.name for r in rows if r.exported}
    unknown = sorted(set(found) - exported)
    if unknown:
        raise DocsDriftError(f"`<!-- affects: -->` names that are not Keras 2.3 backend "
                             f"functions: {', '.join(unknown)}.")


# --- the generated markdown --------------------------------------------------------


def _api_link(name: str, base: str) -> str:
    return f"[`{name}`]({base}api/backend.md#tensorplug.backend.{name})"


def _status_cell(name: str, status: str, base: str) -> str:
    if status == "facade-only":
        return "facade-only"
    from tensorplug.hookspecs import spec_function

    module = spec_function(name).__module__.rsplit(".", 1)[-1]
    return f"[{status}]({base}api/hookspecs/{module}.md#tensorplug.hookspecs.{module}.{name})"


def api_table(rows: list[Row], found: dict[str, list[tuple[str, str]]],
              page_uri: str) -> str:
    base = _base(page_uri)
    out = ["| Keras 2.3 | category | tensorplug | K signature, where it differs | "
           "differences |", "| --- | --- | --- | --- | --- |"]
    for r in rows:
        if not r.exported:
            continue
        status = status_of(r.name)
        k_sig = k_signature(r.name)
        sig = "same" if _same(k_sig, r.signature) else f"`{k_sig}`"
        notes = ", ".join(f"[{title}](#{anchor})" for anchor, title in found.get(r.name, []))
        out.append(f"| {_api_link(r.name, base)} | {r.category} | "
                   f"{_status_cell(r.name, status, base)} | {sig} | {notes} |")
    return "\n".join(out)


def summary(rows: list[Row]) -> str:
    counts = Counter(status_of(r.name) for r in rows if r.exported)
    total = sum(counts.values())
    parts = [f"{counts[k]} {k}" for k in ("primitive", "composite", "optional", "facade-only")
             if counts[k]]
    return (f"All {total} functions that Keras 2.3 exports from `keras.backend` are K "
            f"functions: {', '.join(parts)}.")


def not_exported_table(rows: list[Row], page_uri: str) -> str:
    from tensorplug import backend as K

    base = _base(page_uri)
    out = ["| Keras name | where it was | in tensorplug |", "| --- | --- | --- |"]
    for r in rows:
        if r.exported:
            continue
        if r.name in K.__all__:
            cell = f"{_api_link(r.name, base)}"
        elif r.name in REPLACEMENTS:
            cell = REPLACEMENTS[r.name].replace("](guide/", f"]({base}guide/")
        else:
            raise DocsDriftError(f"Keras backend name {r.name!r} ({r.api_status}) is not a "
                                 f"K function and has no entry in REPLACEMENTS of "
                                 f"{Path(__file__).name}.")
        out.append(f"| `{r.signature}` | {r.api_status} | {cell} |")
    return "\n".join(out)


def _base(page_uri: str) -> str:
    rel = posixpath.relpath(".", posixpath.dirname(page_uri) or ".")
    return "" if rel == "." else f"{rel}/"


_MARKERS = ("<!-- keras:summary -->", "<!-- keras:api-table -->",
            "<!-- keras:not-exported -->")


def render(markdown: str, page_uri: str) -> str:
    if not any(m in markdown for m in _MARKERS):
        return markdown
    rows = load_rows()
    found = differences(markdown)
    _check_affected(found, rows)
    markdown = markdown.replace(_MARKERS[0], summary(rows))
    markdown = markdown.replace(_MARKERS[1], api_table(rows, found, page_uri))
    return markdown.replace(_MARKERS[2], not_exported_table(rows, page_uri))


def on_page_markdown(markdown: str, page: Any, **kwargs: Any) -> str:
    return render(markdown, page.file.src_uri)


if __name__ == "__main__":
    if sys.argv[1:2] != ["--update"]:
        sys.exit("usage: python docs/_hooks/keras.py --update [REFERENCE_TSV]")
    source = Path(sys.argv[2]) if len(sys.argv) > 2 else workspace_tsv()
    write_snapshot(read_rows(source))
    print(f"Wrote {SNAPSHOT} from {source}.")
