"""Slate's extension points: one ``register_*`` shape, declared once (after simonw/llm's hookspecs).

A plugin never imports a registry: it receives a ``register`` callback. Slate's own importers,
exporters and model backends come in through the same door as default plugins (``plugins.py``).
Types are imported under ``TYPE_CHECKING`` so importing this module costs nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from pluggy import HookimplMarker, HookspecMarker

if TYPE_CHECKING:
    from assistant.models.base import EmbedderFactory, TextModelFactory
    from assistant.post.exporters import PostExporter
    from assistant.script.formats import Exporter, Importer

hookspec = HookspecMarker("slate")
hookimpl = HookimplMarker("slate")


@hookspec
def register_importers(register: Callable[[Importer], None]) -> None:
    """Register script importers; each names its format and the file suffixes it reads."""


@hookspec
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """Register script exporters; each names its format and the suffix it writes."""


@hookspec
def register_text_models(register: Callable[[TextModelFactory], None]) -> None:
    """Register text-generation backends (factories: nothing is loaded when registering)."""


@hookspec
def register_embedders(register: Callable[[EmbedderFactory], None]) -> None:
    """Register embedding backends (factories: nothing is loaded when registering)."""


@hookspec
def register_post_exporters(register: Callable[[PostExporter], None]) -> None:
    """Register post-production exporters (``slate export --to NAME``).

    Each is a ``assistant.post.exporters.PostExporter``: a ``name``, the ``suffix`` it writes and
    ``write(package) -> bytes`` over a ``PostPackage`` (the script's title and its planned clips,
    with durations, markers, breakdown metadata and looks; ``package.timeline()`` builds the OTIO
    timeline). A plugin whose hook raises is reported by name; the other plugins still register.
    """
