"""What an importer and an exporter are, and how Slate picks one.

Importers and exporters are registered through the ``register_importers`` / ``register_exporters``
hooks (Slate's own in ``default_formats.py``). The file suffix picks the importer, as
OpenTimelineIO's ``adapters.from_filepath`` does; an unknown name lists what is installed.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from assistant.errors import UnsupportedFormatError
from assistant.script.model import Screenplay


@runtime_checkable
class Importer(Protocol):
    """Reads the bytes of one file format into a ``Screenplay`` (scenes and elements only).

    Raising ``ScriptReadError`` with a user-worded message is the way to reject malformed input.
    Pagination and the character list are filled in afterwards by ``reading.finish_screenplay``.
    """

    name: str
    """Format name, e.g. ``fountain``."""
    suffixes: tuple[str, ...]
    """Lower-case file suffixes with the dot, e.g. ``(".fountain", ".spmd")``."""

    def read(self, data: bytes) -> Screenplay: ...


@runtime_checkable
class Exporter(Protocol):
    """Writes a ``Screenplay`` to the bytes of one format."""

    name: str
    suffix: str

    def write(self, screenplay: Screenplay) -> bytes: ...


def _registered_importers() -> list[Importer]:
    from assistant.plugins import load_plugins

    found: list[Importer] = []
    load_plugins().hook.register_importers(register=found.append)
    return found


def _registered_exporters() -> list[Exporter]:
    from assistant.plugins import load_plugins

    found: list[Exporter] = []
    load_plugins().hook.register_exporters(register=found.append)
    return found


def importer_named(name: str) -> Importer:
    """The importer for a format name, or an error listing the installed ones."""
    importers = _registered_importers()
    for importer in importers:
        if importer.name == name:
            return importer
    names = ", ".join(sorted(i.name for i in importers))
    raise UnsupportedFormatError(f"No importer for format {name!r}. Installed importers: {names}")


def importers_for_suffix(suffix: str) -> list[Importer]:
    """Importers that claim a suffix (``.txt`` may be claimed by more than one)."""
    return [i for i in _registered_importers() if suffix.lower() in i.suffixes]


def readable_suffixes() -> str:
    """The file suffixes the installed importers read, for messages: ``.fountain, .fdx, ...``."""
    seen: list[str] = []
    for importer in _registered_importers():
        seen.extend(suffix for suffix in importer.suffixes if suffix not in seen)
    return ", ".join(seen)


def exporter_named(name: str) -> Exporter:
    """The exporter for a format name, or an error listing the installed ones."""
    exporters = _registered_exporters()
    for exporter in exporters:
        if exporter.name == name:
            return exporter
    names = ", ".join(sorted(e.name for e in exporters))
    raise UnsupportedFormatError(f"No exporter for format {name!r}. Installed exporters: {names}")


def exporter_names() -> list[str]:
    return sorted(e.name for e in _registered_exporters())
