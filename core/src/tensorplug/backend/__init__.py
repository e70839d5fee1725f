"""The K facade: ``from tensorplug import backend as K``.

One function per op of the contract (docstrings come from the hookspecs), plus the
facade-only config and session functions. Calls go to the active backend's bound
callables; see ``tensorplug._dispatch`` for the hot path.
"""

from __future__ import annotations

from . import (
    _control,
    _conv,
    _ctc,
    _image,
    _misc,
    _nn,
    _random,
    _slicing,
    _variables,
)
from ._activations import relu, sigmoid, softmax, softplus, tanh
from ._arithmetic import (
    add,
    divide,
    equal,
    greater,
    greater_equal,
    less,
    less_equal,
    maximum,
    minimum,
    multiply,
    not_equal,
    subtract,
    where,
)
from ._control import *  # noqa: F403
from ._conv import *  # noqa: F403
from ._ctc import *  # noqa: F403
from ._elementwise import abs, clip, cos, exp, log, negative, pow, round, sign, sin, sqrt, square
from ._graph import (
    function,
    gradients,
    in_test_phase,
    in_train_phase,
    is_keras_tensor,
    is_placeholder,
    learning_phase,
    placeholder,
    set_learning_phase,
    stop_gradient,
    symbolic,
    value_and_grad,
)
from ._image import *  # noqa: F403
from ._linalg import batch_dot, dot, transpose
from ._misc import *  # noqa: F403
from ._nn import *  # noqa: F403
from ._random import *  # noqa: F403
from ._reductions import (
    all,
    any,
    argmax,
    argmin,
    cumprod,
    cumsum,
    logsumexp,
    max,
    mean,
    min,
    prod,
    std,
    sum,
    var,
)
from ._session import (
    backend,
    cast_to_floatx,
    clear_session,
    epsilon,
    floatx,
    image_data_format,
    normalize_data_format,
    set_epsilon,
    set_floatx,
    set_image_data_format,
    to_backend,
)
from ._shapes import (
    batch_flatten,
    concatenate,
    expand_dims,
    flatten,
    gather,
    one_hot,
    permute_dimensions,
    repeat_elements,
    reshape,
    squeeze,
    stack,
    tile,
)
from ._slicing import *  # noqa: F403
from ._tensors import (
    cast,
    constant,
    convert_to_tensor,
    dtype,
    eval,
    eye,
    get_value,
    int_shape,
    is_tensor,
    ndim,
    ones,
    ones_like,
    set_value,
    shape,
    to_numpy,
    variable,
    zeros,
    zeros_like,
)
from ._variables import *  # noqa: F403

#: Facade-only functions (not hookspecs), documented here.
FACADE_ONLY = (
    "backend", "cast_to_floatx", "clear_session", "epsilon", "floatx", "image_data_format",
    "normalize_data_format", "set_epsilon", "set_floatx", "set_image_data_format",
    "to_backend", "placeholder", "function", "gradients", "stop_gradient", "is_placeholder",
    "is_keras_tensor", "learning_phase", "set_learning_phase", "in_train_phase",
    "in_test_phase", "symbolic", "value_and_grad", *_misc.FACADE_ONLY,
)

__all__ = [
    "abs", "add", "all", "any", "argmax", "argmin", "backend", "batch_dot", "batch_flatten",
    "cast", "cast_to_floatx", "clear_session", "clip", "concatenate", "constant",
    "convert_to_tensor", "cos", "cumprod", "cumsum", "divide", "dot", "dtype", "epsilon",
    "equal", "eval", "exp", "expand_dims", "eye", "flatten", "floatx", "gather",
    "get_value", "greater", "greater_equal", "image_data_format", "int_shape", "is_tensor",
    "less", "less_equal", "log", "logsumexp", "max", "maximum", "mean", "min", "minimum",
    "multiply", "ndim", "negative", "normalize_data_format", "not_equal", "one_hot", "ones",
    "ones_like", "permute_dimensions", "pow", "prod", "relu", "repeat_elements", "reshape",
    "round", "set_epsilon", "set_floatx", "set_image_data_format", "set_value", "shape",
    "sigmoid", "sign", "sin", "softmax", "softplus", "sqrt", "square", "squeeze", "stack",
    "std", "subtract", "sum", "tanh", "tile", "to_backend", "to_numpy", "transpose", "var",
    "variable", "where", "zeros", "zeros_like",
    "function", "gradients", "in_test_phase", "in_train_phase", "is_keras_tensor",
    "is_placeholder", "learning_phase", "placeholder", "set_learning_phase", "stop_gradient",
    "symbolic", "value_and_grad",
]

__all__ += [name for module in (_control, _conv, _ctc, _image, _misc, _nn, _random, _slicing,
                                _variables) for name in module.__all__]
