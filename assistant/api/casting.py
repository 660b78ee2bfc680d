"""Casting: rosters, the FAISS + SQLite index (build, change, check) and its searches."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.script.model import Screenplay

if TYPE_CHECKING:
    from assistant.casting.catalog import IndexStats
    from assistant.casting.importing import ImportReport
    from assistant.casting.index import IndexMeta
    from assistant.casting.search import CastSearch, Fusion
    from assistant.casting.store import CastFilters
    from assistant.casting.suggest import CastSuggestions
    from assistant.casting.writing import ChangeReport
    from assistant.config import Settings
    from assistant.models.base import Embedder


def cast_index_dir(index_dir: Path | None = None, settings: Settings | None = None) -> Path:
    """``index_dir`` when given, else the configured ``casting.index_dir`` (default ``index/``)."""
    if index_dir is not None:
        return index_dir
    from assistant.config import load_settings as _load

    return (settings or _load()).casting.index_dir


def _cast_embedder(settings: Settings | None, embedder: Embedder | None) -> Embedder:
    if embedder is not None:
        return embedder
    from assistant.config import load_settings as _load
    from assistant.models.registry import get_embedder

    return get_embedder(settings or _load())


def import_roster(path: Path | str) -> ImportReport:
    """Read a roster (CSV, JSON Lines, YAML): good profiles plus every bad row by row and field.

    Raises:
        CastingError: the file cannot be read or is not a roster at all.
    """
    from assistant.casting.importing import read_roster

    return read_roster(path)


def demo_roster_path() -> Path:
    """The bundled roster of 600 fictional actors (scripts/make_demo_roster.py, seed 18)."""
    from importlib import resources

    return Path(str(resources.files("assistant") / "casting" / "data" / "demo_roster.jsonl"))


def build_cast_index(
    roster: ImportReport,
    index_dir: Path | None = None,
    settings: Settings | None = None,
    *,
    embedder: Embedder | None = None,
    on_progress: Callable[[str], None] | None = None,
) -> IndexMeta:
    """Index the roster's good profiles in a new generation of ``index_dir`` (default ``index/``).

    Raises:
        CastingError: no good profiles.
        ModelUnavailableError: the embedder cannot be loaded.
    """
    from assistant.casting.writing import build_index

    model = _cast_embedder(settings, embedder)
    return build_index(
        cast_index_dir(index_dir, settings), roster.profiles, model, on_progress=on_progress
    )


def change_cast_index(
    index_dir: Path | None = None,
    settings: Settings | None = None,
    *,
    upsert: ImportReport | None = None,
    remove: list[str] | None = None,
    embedder: Embedder | None = None,
) -> ChangeReport:
    """Add or replace the roster's profiles (by id) and remove ids, in a new generation.

    Raises:
        CastingError: no index, a damaged one, or one built with another embedder.
    """
    from assistant.casting.writing import change_index

    model = _cast_embedder(settings, embedder)
    return change_index(
        cast_index_dir(index_dir, settings),
        model,
        upsert=upsert.profiles if upsert else [],
        remove=remove or [],
    )


def cast_index_stats(
    index_dir: Path | None = None,
    settings: Settings | None = None,
    *,
    check_model: bool = False,
    embedder: Embedder | None = None,
) -> IndexStats:
    """Open the index with every check (sizes, checksums, counts; the embedder's id when
    ``check_model``) and say what it holds.

    Raises:
        CastingError: no index, or a damaged or mismatched one (with the rebuild command).
    """
    from assistant.casting.catalog import CastingIndex

    model_id = _cast_embedder(settings, embedder).cache_key if check_model else None
    with CastingIndex.open(cast_index_dir(index_dir, settings), model_id=model_id) as index:
        return index.stats()


def cast_search(
    query: str,
    filters: CastFilters | None = None,
    *,
    index_dir: Path | None = None,
    settings: Settings | None = None,
    embedder: Embedder | None = None,
    k: int = 10,
    fusion: Fusion = "weighted",
) -> CastSearch:
    """The ``k`` profiles that best fit ``query`` among those passing ``filters`` (schema
    ``slate.cast.search/1`` in docs/casting.md); when no one passes, ``notes`` says which filter.

    Raises:
        CastingError: an empty query, no index, or a damaged or mismatched one.
    """
    from assistant.casting.opened import shared_index
    from assistant.casting.search import search

    model = _cast_embedder(settings, embedder)
    # kept open for the process while its files are unchanged (casting/opened.py)
    with shared_index(cast_index_dir(index_dir, settings), model_id=model.cache_key) as index:
        return search(index, model, query, filters, k=k, fusion=fusion)


def cast_suggest(
    screenplay: Screenplay,
    *,
    character: str | None = None,
    index_dir: Path | None = None,
    settings: Settings | None = None,
    embedder: Embedder | None = None,
    k: int = 5,
) -> CastSuggestions:
    """Each speaking character's casting brief (or only ``character``'s) and a search with it.

    Raises:
        CastingError: no such speaking character (the message lists them), or an index problem.
    """
    from assistant.casting.opened import shared_index
    from assistant.casting.suggest import suggest

    model = _cast_embedder(settings, embedder)
    with shared_index(cast_index_dir(index_dir, settings), model_id=model.cache_key) as index:
        return suggest(index, model, screenplay, character=character, k=k)
