"""tensorplug-tiny: a test-only backend whose tensors are ``TinyTensor`` (an ndarray
subclass). It implements only the contract's primitives, table-driven; every composite
comes from ``tensorplug.generic``."""
