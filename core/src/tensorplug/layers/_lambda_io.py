"""Saving the function of a ``Lambda`` layer: by importable name when it has one, else
its marshalled bytecode (Keras 2's approach: only loadable on the same Python version)."""

from __future__ import annotations

import base64
import importlib
import marshal
import sys
import types
from typing import Any

from .._errors import InvalidArgumentError


def dump_function(fn: Any) -> dict[str, Any]:
    module, qualname = getattr(fn, "__module__", None), getattr(fn, "__qualname__", "")
    if module and qualname and "<" not in qualname:
        return {"type": "import", "module": module, "name": qualname}
    code = base64.b64encode(marshal.dumps(fn.__code__)).decode("ascii")
    return {"type": "bytecode", "code": code, "python": list(sys.version_info[:2]),
            "name": getattr(fn, "__name__", "lambda")}


def load_function(config: Any, custom_objects: Any = None) -> Any:
    if callable(config):
        return config
    name = config.get("name")
    if custom_objects and name in custom_objects:
        return custom_objects[name]
    if config.get("type") == "import":
        target: Any = importlib.import_module(config["module"])
        for part in config["name"].split("."):
            target = getattr(target, part)
        return target
    if list(sys.version_info[:2]) != list(config.get("python", [])):
        raise InvalidArgumentError(
            f"Lambda function {name!r} was saved as bytecode by Python "
            f"{config.get('python')}; this is Python {list(sys.version_info[:2])}.\n"
            f"Fix: pass it in custom_objects={{{name!r}: fn}}.")
    code = marshal.loads(base64.b64decode(config["code"]))
    from .. import backend as K

    return types.FunctionType(code, {"K": K, "__builtins__": __builtins__}, name)
