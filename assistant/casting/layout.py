"""How a casting index folder is laid out, and which generation in it is live.

An index folder holds generations: ``gen-000007/`` with ``vectors.faiss`` (the ANN index, FAISS
ids = vids), ``vectors.f16`` (every vector as float16, row = vid: exact search over few filter
survivors and exact re-ranking of ANN candidates, vector_file.py), ``profiles.sqlite``
(store.py), ``columns.npz`` (its filter columns as arrays, columns.py), ``bm25/`` (the lexical
index, lexical.py) and ``meta.json`` (model id, dimension, count, index plan, each file's size
and SHA-256: metadata.py). ``CURRENT`` names the live generation. A change writes a whole new
generation under a temporary name, renames it, then replaces ``CURRENT`` atomically
(generations.py): a crash at any point leaves the old generation live and consistent, and an
open index leases its generation so that no change removes it under a reader (leases.py).
Opening checks the header against the files and the embedder (validation.py), so a corrupt,
truncated or mismatched index is one clear line with the rebuild command, never wrong results.
"""

from __future__ import annotations

from pathlib import Path

from assistant.errors import CastingError

POINTER = "CURRENT"
FILES = ("vectors.faiss", "vectors.f16", "profiles.sqlite", "columns.npz")
"""The files every generation has; its header checksums them and ``bm25/``'s (``meta.json`` is
the header itself)."""
LEXICAL = "bm25"
"""The lexical index's folder: bm25s writes several files into it, by how many profiles it holds
(only ``vids.npy`` for none)."""


def checksummed_files(gen: Path) -> list[str]:
    """The files of (a generation folder) ``gen`` its header records: ``FILES``, then each file
    in ``bm25/`` as ``bm25/NAME``, in name order."""
    lexical = sorted(p.name for p in (gen / LEXICAL).iterdir() if p.is_file())
    return [*FILES, *(f"{LEXICAL}/{name}" for name in lexical)]


def rebuild_hint(root: Path) -> str:
    return f"rebuild it with: slate cast index build ROSTER --index {root}"


def current_generation(root: Path) -> Path | None:
    """The live generation folder, or None when the folder holds no index.

    Raises:
        CastingError: ``CURRENT`` is not a folder's name (zero-filled, not text).
    """
    pointer = root / POINTER
    if not pointer.is_file():
        return None
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except UnicodeDecodeError:
        name = "\0"
    if "\0" in name or "/" in name:  # (a NUL made every later path call raise ValueError)
        raise CastingError(
            f"The casting index in {root} is damaged: {POINTER} does not name a generation; "
            f"{rebuild_hint(root)}"
        )
    return root / name


def live_generation(root: Path) -> Path:
    """The folder ``CURRENT`` names.

    Raises:
        CastingError: no index in ``root``, or a damaged ``CURRENT``.
    """
    gen = current_generation(root)
    if gen is None:
        raise CastingError(
            f"No casting index in {root}/: build one from a roster with "
            f"'slate cast index build ROSTER --index {root}' (ROSTER 'demo' is the bundled demo "
            "roster of fictional actors)"
        )
    return gen


def next_generation_number(root: Path) -> int:
    try:
        gen = current_generation(root)
    except CastingError:  # a damaged pointer: the rebuild that mends it starts again at 1
        return 1
    if gen is None:
        return 1
    try:
        return int(gen.name.removeprefix("gen-")) + 1
    except ValueError:
        return 1
