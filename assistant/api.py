"""What the CLI and the TUI share: every front-end action is one call here, with pydantic results.

Importing this module loads no torch, FAISS, transformers or Textual: heavy layers are imported
inside the functions that need them (checked by ``tests/test_import_hygiene.py``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from assistant.files import write_atomic
from assistant.script.formats import exporter_named
from assistant.script.model import Screenplay
from assistant.script.reading import read_script

if TYPE_CHECKING:
    from assistant.config import Settings
    from assistant.models.status import ModelStatus
    from assistant.script.stats import ScriptStats


# --- Scripts ------------------------------------------------------------------------------------


def open_script(path: Path | str, *, format: str | None = None) -> Screenplay:
    """Read a screenplay file (format detected from suffix and content unless given)."""
    return read_script(path, format=format)


def export_script(screenplay: Screenplay, format: str) -> bytes:
    """The screenplay in a format (``fountain``, ``fdx``, ``json``, a plugin's); any case."""
    return exporter_named(format.lower()).write(screenplay)


def save_export(
    screenplay: Screenplay,
    format: str,
    out: Path,
    *,
    force: bool = False,
    settings: Settings | None = None,
) -> None:
    """Export and write atomically: on any failure ``out`` is left as it was.

    Unless ``force``, Slate refuses (and writes nothing) when ``out`` is the script being read,
    when ``out``'s suffix belongs to another format (``--to fdx`` into ``x.fountain``), or when
    ``out`` exists and is not Slate's own output. Slate's own output is a file whose bytes are
    exactly those Slate last wrote at that path, as recorded in ``written_files.json`` in the cache
    folder (``settings.cache_dir``); an empty file, or one already holding these bytes, may be
    replaced too.

    Raises:
        OverwriteRefusedError: one of the refusals above; the message says which.
        OutputWriteError: the file cannot be written.
        UnsupportedFormatError: no exporter is named ``format``.
    """
    from assistant.files import WRITTEN_FILES_NAME, WrittenFiles, check_replaceable

    format = format.lower()
    data = export_script(screenplay, format)
    settings = settings or load_settings()
    written = WrittenFiles(settings.cache_dir / WRITTEN_FILES_NAME)
    if not force:
        inputs = [Path(screenplay.source.path)] if screenplay.source.path else []
        check_replaceable(out, data, inputs=inputs, written=written)
        _check_suffix(out, format)
    write_atomic(out, data)
    written.remember(out, data)


def _check_suffix(out: Path, format: str) -> None:
    """Refuse ``format`` into a file whose suffix a different format claims (``.fountain``)."""
    from assistant.errors import OverwriteRefusedError

    suffix = out.suffix.lower()
    if not suffix:
        return
    claimed = {f.name for f in script_formats() if suffix in f.suffixes}
    if claimed and format not in claimed:
        own = exporter_named(format).suffix
        raise OverwriteRefusedError(
            f"Not writing {format} into {out}: {suffix} is the suffix of "
            f"{', '.join(sorted(claimed))}; name the file {out.with_suffix(own).name}, or force "
            "it (slate parse --force)"
        )


class ScriptFormat(BaseModel):
    """One format Slate reads, writes, or both, as registered by Slate or a plugin."""

    name: str
    suffixes: list[str]
    """File suffixes with the dot, lower case; the exporter's own suffix first."""
    reads: bool
    writes: bool


def script_formats() -> list[ScriptFormat]:
    """Every registered format (Slate's and plugins'), what it reads and writes, sorted by name."""
    from assistant.plugins import load_plugins
    from assistant.script.formats import Exporter, Importer

    importers: list[Importer] = []
    exporters: list[Exporter] = []
    hook = load_plugins().hook
    hook.register_importers(register=importers.append)
    hook.register_exporters(register=exporters.append)
    names = sorted({i.name for i in importers} | {e.name for e in exporters})
    formats = []
    for name in names:
        suffixes = [e.suffix.lower() for e in exporters if e.name == name]
        for importer in importers:
            if importer.name == name:
                suffixes += [s for s in importer.suffixes if s not in suffixes]
        formats.append(
            ScriptFormat(
                name=name,
                suffixes=suffixes,
                reads=any(i.name == name for i in importers),
                writes=any(e.name == name for e in exporters),
            )
        )
    return formats


def script_stats(screenplay: Screenplay) -> ScriptStats:
    """Counts and splits a line producer asks for: scenes, pages, INT/EXT, DAY/NIGHT, characters."""
    from assistant.script.stats import compute_stats

    return compute_stats(screenplay)


# --- Models -------------------------------------------------------------------------------------


def load_settings(
    config_file: Path | str | None = None, overrides: dict[str, Any] | None = None
) -> Settings:
    """Settings from CLI flags (``overrides``), ``SLATE_*`` variables and the TOML config file.

    Raises:
        ConfigError: the named file is missing, malformed, or holds an invalid value.
    """
    from assistant.config import load_settings as _load

    return _load(config_file, overrides)


def list_models(settings: Settings, *, load: bool = True) -> list[ModelStatus]:
    """The configured text model and embedder, and (with ``load``) whether each loads."""
    from assistant.models.status import check_models

    return check_models(settings, load=load)


def ask(
    question: str,
    screenplay: Screenplay,
    settings: Settings,
    on_progress: Callable[[str], None] | None = None,
    cancel: threading.Event | None = None,
) -> Iterator[str]:
    """Answer one question about a screenplay, streaming the answer piece by piece.

    The scenes most similar to the question are retrieved by embedding and put into the prompt
    (``prompts/ask.v<N>.yaml``). ``on_progress`` receives one-line notes: which scenes were used,
    and anything cut to fit the prompt budget. Set ``cancel`` (or close the iterator) to stop.

    Raises:
        AnalysisError: empty question or a script without scene text.
        ModelUnavailableError: a model is missing or its server unreachable.
        ConfigError: an unknown backend is configured.
    """
    from assistant.analysis.ask import ask_about_script

    yield from ask_about_script(question, screenplay, settings, on_progress, cancel)


# --- Scene strength -----------------------------------------------------------------------------

if TYPE_CHECKING:
    from assistant.analysis.strength.scene_strength import SceneStrengthReport
    from assistant.models.base import Embedder


def score_scenes(
    screenplay: Screenplay,
    settings: Settings | None = None,
    *,
    embedder: Embedder | None = None,
) -> SceneStrengthReport:
    """Each scene's strength (the chance it is one of the five turning points) with reasons, and
    the five turning points placed in story order.

    The score is learned from people's turning-point annotations of produced films (TRIPOD); it
    says how much a scene looks like the places where stories turn, not whether it is good.

    Args:
        screenplay: the parsed script.
        settings: used to build the embedder when ``embedder`` is not given.
        embedder: the embedder to read scenes with (default: the configured one, MiniLM).

    Raises:
        AnalysisError: no scenes, or the shipped model is missing or does not match this version
            (the message names ``python scripts/train_scene_model.py``).
        ModelUnavailableError: the embedding model cannot be loaded.
    """
    from assistant.analysis.strength.scene_strength import score_screenplay

    if embedder is None:
        from assistant.config import load_settings as _load
        from assistant.models.registry import get_embedder

        embedder = get_embedder(settings or _load())
    return score_screenplay(screenplay, embedder)


# --- Scene strength: LLM pass -------------------------------------------------------------------

if TYPE_CHECKING:
    from assistant.analysis.strength.tp_rerank import RerankResult


def rerank_with_llm(
    report: SceneStrengthReport,
    screenplay: Screenplay,
    settings: Settings,
    cancel: threading.Event | None = None,
) -> RerankResult:
    """The optional LLM pass: the configured text model picks each turning point's scene from the
    trained model's shortlist (issue #9).

    Picks off the shortlist or out of story order fall back, TP by TP, to the trained model's;
    scene strengths and ``report`` are left unchanged, so the pass is reported on its own.

    Args:
        report: the trained model's report (from ``score_scenes``).
        screenplay: the script it scores.
        settings: names the text model (``models.generator``).
        cancel: set to stop generating (the trained picks are then kept).

    Raises:
        ModelUnavailableError: the text model cannot be loaded or reached.
        ConfigError: an unknown backend is configured.
    """
    from assistant.analysis.strength.tp_rerank import rerank_turning_points
    from assistant.models.registry import get_text_model

    return rerank_turning_points(report, screenplay, get_text_model(settings), cancel=cancel)


# --- Casting ------------------------------------------------------------------------------------

if TYPE_CHECKING:
    from assistant.casting.catalog import ChangeReport, IndexStats
    from assistant.casting.importing import ImportReport
    from assistant.casting.index import IndexMeta
    from assistant.casting.search import CastSearch, Fusion
    from assistant.casting.store import CastFilters
    from assistant.casting.suggest import CastSuggestions

DEFAULT_CAST_INDEX = Path("index")
"""Where casting indexes live unless told (relative to the working folder)."""


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
    from assistant.casting.catalog import build_index

    model = _cast_embedder(settings, embedder)
    return build_index(
        index_dir or DEFAULT_CAST_INDEX, roster.profiles, model, on_progress=on_progress
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
    from assistant.casting.catalog import change_index

    model = _cast_embedder(settings, embedder)
    return change_index(
        index_dir or DEFAULT_CAST_INDEX,
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
    index = CastingIndex.open(index_dir or DEFAULT_CAST_INDEX, model_id=model_id)
    try:
        return index.stats()
    finally:
        index.close()


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
    from assistant.casting.catalog import CastingIndex
    from assistant.casting.search import search

    model = _cast_embedder(settings, embedder)
    index = CastingIndex.open(index_dir or DEFAULT_CAST_INDEX, model_id=model.cache_key)
    try:
        return search(index, model, query, filters, k=k, fusion=fusion)
    finally:
        index.close()


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
    from assistant.casting.catalog import CastingIndex
    from assistant.casting.suggest import suggest

    model = _cast_embedder(settings, embedder)
    index = CastingIndex.open(index_dir or DEFAULT_CAST_INDEX, model_id=model.cache_key)
    try:
        return suggest(index, model, screenplay, character=character, k=k)
    finally:
        index.close()
