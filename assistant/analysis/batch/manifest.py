"""The run's manifest under ``--out``: what each script's outputs were made from, so a rerun skips
a script whose content hash and settings are unchanged. Written atomically after every script, so
an interrupted run keeps everything already done."""

from __future__ import annotations

import hashlib
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError

from assistant.analysis.batch.models import BatchSettings, ScriptReport
from assistant.files import write_atomic

MANIFEST_NAME = ".slate-batch-manifest.json"


class ManifestEntry(BaseModel):
    name: str
    """The output stem (``<name>.json``), unique within the folder."""
    sha256: str
    settings_key: str
    outputs: list[str]
    report: ScriptReport
    """Kept so the aggregate CSV and index cover unchanged scripts without re-reading them."""


class Manifest(BaseModel):
    version: int = 1
    entries: dict[str, ManifestEntry] = Field(default_factory=dict)
    """Resolved script path -> entry."""


def settings_key(settings: BatchSettings) -> str:
    """A digest of everything that changes a report (the Slate version included)."""
    from assistant import __version__

    text = f"{__version__}\n{settings.model_dump_json()}"
    return hashlib.sha256(text.encode()).hexdigest()[:16]


class ManifestFile:
    """The manifest of one output folder; a missing or unreadable one starts empty."""

    def __init__(self, out: Path) -> None:
        self.path = out / MANIFEST_NAME
        try:
            self.data = Manifest.model_validate_json(self.path.read_bytes())
        except (OSError, ValidationError, ValueError):
            self.data = Manifest()

    def unchanged(self, key: str, sha256: str, settings: str, out: Path) -> ManifestEntry | None:
        """The entry when the script and settings match and every output is still there."""
        entry = self.data.entries.get(key)
        if entry is None or entry.sha256 != sha256 or entry.settings_key != settings:
            return None
        if not all((out / name).is_file() for name in entry.outputs):
            return None
        return entry

    def name_for(self, key: str, stem: str, taken: set[str]) -> str:
        """The output stem for the script at ``key``: its old one, else ``stem`` made unique."""
        entry = self.data.entries.get(key)
        if entry is not None:
            return entry.name
        used = taken | {e.name for k, e in self.data.entries.items() if k != key}
        name, n = stem, 2
        while name in used:
            name, n = f"{stem}-{n}", n + 1
        return name

    def record(self, key: str, entry: ManifestEntry) -> None:
        self.data.entries[key] = entry
        write_atomic(self.path, self.data.model_dump_json(indent=1).encode())
