"""The export formats. Each module in this package registers one renderer; adding a format is
adding a file here that calls register()."""

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from workshop.models import DomainError


@dataclass(frozen=True)
class Renderer:
    name: str  # what the format is asked for by: ?format=docx, --format docx
    label: object  # the format's name for people (lazily translated)
    extension: str
    media_type: str
    # "document": renders the built annex (versions apply); "notes": renders the raw notes.
    source: str
    render: Callable[[dict], bytes]
    rank: int  # where the format is listed

    @property
    def is_text(self) -> bool:
        return self.media_type.startswith("text/") or self.media_type.endswith("json")


REGISTRY: dict[str, Renderer] = {}


def registrar(registry: dict[str, Renderer]):
    """A `register` decorator for the given registry (the annex's here, the minutes' too)."""

    def register(name: str, *, label, extension: str, media_type: str, source="document", rank=50):
        """Decorator: make `render(data) -> bytes` available as the export format `name`."""

        def decorate(render):
            registry[name] = Renderer(name, label, extension, media_type, source, render, rank)
            return render

        return decorate

    return register


register = registrar(REGISTRY)


def renderers() -> list[Renderer]:
    """Every registered format, in the order they are offered."""
    return sorted(REGISTRY.values(), key=lambda renderer: (renderer.rank, renderer.name))


def renderer_for(name: str, registry: dict[str, Renderer] = REGISTRY) -> Renderer:
    renderer = registry.get((name or "").lower())
    if renderer is None:
        raise DomainError(
            "unknown_format",
            _l("Unknown format. Choose one of: %(formats)s.", formats=", ".join(sorted(registry))),
        )
    return renderer


# Importing each module of this package is what registers its format.
for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")
