"""The rules of `juesuan check`, one module per concern; importing this package registers them all."""

from . import balance, basic, catalog, cross_year, figures, functional, matters, narrative  # noqa: F401 - imported for registration
