"""The minutes' export formats: each module here registers one renderer of the built minutes
(with their annexes), using the annex's renderers for the annex parts."""

import importlib
import pkgutil

from workshop.annex.renderers import Renderer, registrar

MINUTES_REGISTRY: dict[str, Renderer] = {}
register = registrar(MINUTES_REGISTRY)

# Importing each module of this package is what registers its format.
for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")
