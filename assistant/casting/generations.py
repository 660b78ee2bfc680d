"""Writing a generation: its files go into a temporary folder, ``Generation.commit`` checksums
them into the header, renames the folder and switches ``CURRENT`` (layout.py)."""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path
from typing import Any

from assistant.casting.layout import POINTER, checksummed_files
from assistant.casting.leases import remove_unleased
from assistant.casting.metadata import IndexMeta, sha256
from assistant.files import write_atomic


class Generation:
    """A generation being written: files go into a temporary folder, ``commit`` publishes it."""

    def __init__(self, root: Path, number: int) -> None:
        self.root = root
        self.number = number
        self.name = f"gen-{number:06d}"
        root.mkdir(parents=True, exist_ok=True)
        self.tmp = root / f".{self.name}.tmp-{os.getpid()}"
        if self.tmp.exists():
            shutil.rmtree(self.tmp)
        self.tmp.mkdir()

    def commit(self, meta_fields: dict[str, Any]) -> IndexMeta:
        """Checksum the files, write the header, rename the folder, switch ``CURRENT``."""
        files: dict[str, tuple[int, str]] = {}
        for name in checksummed_files(self.tmp):
            path = self.tmp / name
            with path.open("rb") as handle:
                os.fsync(handle.fileno())
            files[name] = (path.stat().st_size, sha256(path))
        meta = IndexMeta(files=files, generation=self.number, **meta_fields)
        (self.tmp / "meta.json").write_text(meta.model_dump_json(indent=2), encoding="utf-8")
        final = self.root / self.name
        if final.exists():
            shutil.rmtree(final)
        os.replace(self.tmp, final)
        write_atomic(self.root / POINTER, f"{self.name}\n".encode())
        self._prune()
        return meta

    def abort(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)

    def _prune(self) -> None:
        """Remove older generations and temporary folders left by crashed writes.

        The previous generation is kept one round, for a reader about to lease it; an older one
        that an open index still leases is kept until a later change (leases.py).
        """
        keep = {self.name, f"gen-{self.number - 1:06d}"}
        for child in self.root.iterdir():
            stale_gen = child.name.startswith("gen-") and child.name not in keep
            stale_tmp = child.name.startswith(".gen-") and child != self.tmp
            if child.is_dir() and stale_gen:
                remove_unleased(child)
            elif child.is_dir() and stale_tmp:
                with contextlib.suppress(OSError):
                    shutil.rmtree(child)
