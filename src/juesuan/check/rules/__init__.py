"""The rules of `juesuan check`, one module per concern; importing this package registers them all."""

from . import catalog, consistency, cross_year, figures, matters, narrative, tables  # noqa: F401 - imported for registration
