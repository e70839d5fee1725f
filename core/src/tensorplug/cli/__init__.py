"""The ``tensorplug`` command line (also ``python -m tensorplug``).

Subcommands: ``info`` (what is installed and which backend is active, probe only),
``config`` (show, set, init, import-keras), ``doctor`` (load every backend, report
coverage and load errors) and ``demo`` (train a small convnet on scikit-learn's digits).
"""

from __future__ import annotations

import argparse
import sys
from typing import Callable, Sequence

from .._errors import TensorplugError

__all__ = ["build_parser", "main"]

Handler = Callable[[argparse.Namespace], int]


def _run_info(args: argparse.Namespace) -> int:
    from . import _info

    return _info.run(args)


def _run_doctor(args: argparse.Namespace) -> int:
    from . import _doctor

    return _doctor.run(args)


def _run_demo(args: argparse.Namespace) -> int:
    from . import _demo

    return _demo.run(args)


def _run_config(args: argparse.Namespace) -> int:
    from . import _config_cmd

    return _config_cmd.run(args)


def _run_import_keras(args: argparse.Namespace) -> int:
    from . import _keras

    return _keras.run(args)


def build_parser() -> argparse.ArgumentParser:
    from .. import __version__

    parser = argparse.ArgumentParser(
        prog="tensorplug", description="Inspect and configure tensorplug backends.")
    parser.add_argument("--version", action="version", version=f"tensorplug {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("info", help="active backend and why; installed backends; config file"
                   ).set_defaults(handler=_run_info)
    sub.add_parser("doctor", help="load every installed backend and report coverage and errors"
                   ).set_defaults(handler=_run_doctor)
    demo = sub.add_parser(
        "demo", help="train a small convnet on scikit-learn's digits (needs tensorplug[demo])")
    demo.add_argument("--backend", metavar="NAME", help="run on this installed backend")
    demo.set_defaults(handler=_run_demo)
    _add_config(sub.add_parser("config", help="show or edit the config file"))
    return parser


def _add_config(config: argparse.ArgumentParser) -> None:
    config.set_defaults(handler=_run_config, action=None)
    actions = config.add_subparsers(dest="action", metavar="ACTION")
    actions.add_parser("show", help="print the config file path and its values")
    set_ = actions.add_parser("set", help="set one key (validated, written atomically)")
    set_.add_argument("key", metavar="KEY", help="backend, floatx, epsilon or image_data_format")
    set_.add_argument("value", metavar="VALUE")
    set_.add_argument("--force", action="store_true",
                      help="replace a config file that is not valid JSON (a .bak copy is kept)")
    init = actions.add_parser("init", help="write a config file with the defaults")
    init.add_argument("--backend", metavar="NAME", help="also set the backend key")
    init.add_argument("--force", action="store_true", help="replace an existing file "
                      "(a file that is not valid JSON is kept as a .bak copy)")
    keras = actions.add_parser("import-keras", help="convert a classic Keras keras.json "
                               "into the tensorplug config (the Keras file is only read)")
    keras.add_argument("path", nargs="?", metavar="PATH",
                       help="default: $KERAS_HOME/keras.json or ~/.keras/keras.json")
    keras.add_argument("--dry-run", action="store_true", help="print, write nothing")
    keras.add_argument("--force", action="store_true",
                       help="replace a tensorplug config file that is not valid JSON")
    keras.set_defaults(handler=_run_import_keras)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 success, 1 failure, 2 usage)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 2
    try:
        return handler(args)
    except TensorplugError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
