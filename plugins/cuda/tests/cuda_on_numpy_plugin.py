"""pytest plugin (``-p cuda_on_numpy_plugin``): registers the ``cuda_on_numpy`` test
backend before the conformance plugin resolves ``--tensorplug-backend``."""

from cuda_on_numpy import install

install()
