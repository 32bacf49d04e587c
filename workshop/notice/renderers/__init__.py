"""The notice's document formats. Each module in this package registers one renderer; adding a
format is adding a file here that calls register()."""

import importlib
import pkgutil

from workshop.annex.renderers import Renderer, registrar, renderer_for

REGISTRY: dict[str, Renderer] = {}
register = registrar(REGISTRY)


def notice_renderers() -> list[Renderer]:
    """Every registered notice format, in the order they are offered."""
    return sorted(REGISTRY.values(), key=lambda renderer: (renderer.rank, renderer.name))


def notice_renderer_for(name: str) -> Renderer:
    return renderer_for(name, REGISTRY)


# Importing each module of this package is what registers its format.
for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")
