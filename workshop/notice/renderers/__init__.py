"""The notice's document formats. Each module in this package registers one renderer; adding a
format is adding a file here that calls register()."""

import importlib
import pkgutil

from flask_babel import lazy_gettext as _l

from workshop.annex.renderers import Renderer
from workshop.models import DomainError

REGISTRY: dict[str, Renderer] = {}


def register(name: str, *, label, extension: str, media_type: str, rank=50):
    """Decorator: make `render(notice) -> bytes` available as the notice format `name`."""

    def decorate(render):
        REGISTRY[name] = Renderer(name, label, extension, media_type, "notice", render, rank)
        return render

    return decorate


def notice_renderers() -> list[Renderer]:
    """Every registered notice format, in the order they are offered."""
    return sorted(REGISTRY.values(), key=lambda renderer: (renderer.rank, renderer.name))


def notice_renderer_for(name: str) -> Renderer:
    renderer = REGISTRY.get((name or "").lower())
    if renderer is None:
        raise DomainError(
            "unknown_format",
            _l("Unknown format. Choose one of: %(formats)s.", formats=", ".join(sorted(REGISTRY))),
        )
    return renderer


# Importing each module of this package is what registers its format.
for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")
