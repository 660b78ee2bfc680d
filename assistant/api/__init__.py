"""What the CLI and the TUI share: every front-end action is one call here, with pydantic results.

Importing this module loads no torch, FAISS, transformers or Textual: heavy layers are imported
inside the functions that need them (checked by ``tests/test_import_hygiene.py``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from assistant.api.beats import beat_sheet, describe_beats_with_llm
from assistant.api.breakdowns import breakdown, breakdown_csv, save_breakdown_html
from assistant.api.casting import (
    build_cast_index,
    cast_index_dir,
    cast_index_stats,
    cast_search,
    cast_suggest,
    change_cast_index,
    demo_roster_path,
    import_roster,
)
from assistant.api.models import list_models, load_settings
from assistant.api.questions import ask, ask_batch, ask_stream, open_asker
from assistant.api.scheduling import (
    SCHEDULE_EXPORTS,
    load_schedule_config,
    save_schedule_export,
    schedule,
    schedule_cast,
    schedule_export,
)
from assistant.api.scripts import (
    ScriptFormat,
    export_script,
    open_script,
    save_export,
    script_formats,
    script_stats,
)
from assistant.api.shots import refine_shots_with_llm, shot_list, storyboard
from assistant.api.strength import rerank_with_llm, score_scenes
from assistant.files import write_atomic
from assistant.script.model import Screenplay

if TYPE_CHECKING:
    from assistant.analysis.batch.models import BatchSummary, FileOutcome
    from assistant.analysis.compare.report import CompareReport
    from assistant.analysis.compare.revision import Revision
    from assistant.analysis.writing.hunks import SceneHunk
    from assistant.analysis.writing.suggest import Suggestion
    from assistant.config import Settings
    from assistant.models.base import Embedder
    from assistant.post.exporters import CollectedExporters, PostExportResult, PostPackage
    from assistant.post.loudness import LoudnessReport
    from assistant.post.normalize import NormalizeResult


__all__ = [
    "SCHEDULE_EXPORTS",
    "ScriptFormat",
    "analyze_scripts",
    "apply_hunks",
    "apply_suggestion",
    "ask",
    "ask_batch",
    "ask_stream",
    "beat_sheet",
    "breakdown",
    "breakdown_csv",
    "build_cast_index",
    "cast_index_dir",
    "cast_index_stats",
    "cast_search",
    "cast_suggest",
    "change_cast_index",
    "compare_drafts",
    "count_batch_scripts",
    "demo_roster_path",
    "describe_beats_with_llm",
    "export_script",
    "import_roster",
    "list_models",
    "load_schedule_config",
    "load_settings",
    "locked_page_numbers",
    "measure_loudness",
    "open_asker",
    "open_script",
    "post_exporters",
    "post_package",
    "refine_shots_with_llm",
    "rerank_with_llm",
    "revise_drafts",
    "save_breakdown_html",
    "save_compare_html",
    "save_export",
    "save_normalized",
    "save_post_export",
    "save_revision",
    "save_schedule_export",
    "save_suggestion_patch",
    "schedule",
    "schedule_cast",
    "schedule_export",
    "score_scenes",
    "script_formats",
    "script_stats",
    "shot_list",
    "storyboard",
    "suggest_scene",
    "suggestion_hunks",
    "undo_last",
]


def post_exporters() -> CollectedExporters:
    """Every registered post exporter (Slate's and plugins'), and the plugins whose
    ``register_post_exporters`` raised (reported; the others are still listed)."""
    from assistant.post.exporters import collect_exporters

    return collect_exporters()


def post_package(
    screenplay: Screenplay,
    settings: Settings | None = None,
    *,
    embedder: Embedder | None = None,
    storyboard: Path | None = None,
    sheet: str = "save-the-cat",
    clips: Literal["shot", "scene"] = "shot",
) -> PostPackage:
    """The previsualisation's clips: one per planned shot (``shot_list``; ``clips="scene"``: one
    per headed scene), with their estimated durations, turning points (``score_scenes``) and
    beats (``beat_sheet``) as markers, the breakdown in metadata and a starting ASC CDL look per
    scene (docs/post.md).

    ``sheet`` names the beat sheet whose beats become markers (``beat_sheet``'s
    ``turning-points``, ``save-the-cat``, ``three-act``).

    Raises:
        AnalysisError, ModelUnavailableError: as ``score_scenes``.
    """
    from assistant.post.cdl import look_for_scene, scene_tones
    from assistant.post.exporters import PostPackage
    from assistant.post.otio_timeline import plan_scene_clips, plan_shot_clips

    if embedder is None:
        from assistant.models.registry import get_embedder

        embedder = get_embedder(settings or load_settings())
    strength = score_scenes(screenplay, settings, embedder=embedder)
    beats = beat_sheet(screenplay, settings, sheet=sheet, embedder=embedder, report=strength)
    elements = breakdown(screenplay, settings)
    labels = screenplay.scene_labels()
    tones = scene_tones(screenplay.scenes, embedder)
    looks = [
        look_for_scene(scene, label or f"i{i}", tone)
        for i, (scene, label, tone) in enumerate(zip(screenplay.scenes, labels, tones, strict=True))
    ]
    frames = storyboard if storyboard is not None and storyboard.is_dir() else None
    if clips == "shot":
        planned = plan_shot_clips(
            screenplay, shot_list(screenplay), strength=strength, beats=beats,
            breakdown=elements, looks=looks, storyboard=frames,
        )  # fmt: skip
    else:
        planned = plan_scene_clips(
            screenplay, strength=strength, beats=beats, breakdown=elements, looks=looks,
            storyboard=frames,
        )  # fmt: skip
    title = screenplay.title or Path(screenplay.source.path or "script").stem
    return PostPackage(title=title, clips=planned)


def save_post_export(
    package: PostPackage,
    to: str,
    out_dir: Path,
    *,
    stem: str,
    inputs: Iterable[Path] = (),
    force: bool = False,
    settings: Settings | None = None,
) -> PostExportResult:
    """Write ``package`` with the exporter named ``to`` as ``out_dir/<stem><suffix>``,
    atomically, with ``save_export``'s overwrite safety (never an input, never a file Slate did
    not write, unless ``force``). ``out_dir`` is created when missing.

    Raises:
        UnsupportedFormatError: no exporter is named ``to`` (the message lists them).
        OverwriteRefusedError: the target is an input or a file Slate did not write.
        OutputWriteError: the folder cannot be created or written.
        PostError: the exporter could not write this package.
    """
    from assistant.errors import OutputWriteError, PostError
    from assistant.files import WRITTEN_FILES_NAME, WrittenFiles, check_replaceable
    from assistant.post.exporters import PostExportResult

    collected = post_exporters()
    exporter = collected.named(to)
    try:
        data = exporter.write(package)
    except PostError:
        raise
    except Exception as exc:  # a plugin's exporter: its failure is reported, not a traceback
        raise PostError(
            f"The {exporter.name!r} exporter failed: {type(exc).__name__}: {exc}"
        ) from exc
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputWriteError(f"Cannot create {out_dir}: {exc.strerror or exc}") from exc
    out = out_dir / f"{stem}{exporter.suffix}"
    settings = settings or load_settings()
    written = WrittenFiles(settings.cache_dir / WRITTEN_FILES_NAME)
    if not force:
        check_replaceable(out, data, inputs=list(inputs), written=written)
    write_atomic(out, data)
    written.remember(out, data)
    return PostExportResult(
        path=out, exporter=exporter.name, clips=len(package.clips),
        plugin_failures=collected.failures,
    )  # fmt: skip


def measure_loudness(
    paths: Iterable[Path], targets: list[str] | None = None
) -> list[LoudnessReport]:
    """Integrated loudness, loudness range and true peak of each WAV, judged against the named
    delivery specs (default: all of them). JSON contract in docs/post.md.

    Raises:
        PostError: an unknown spec, or a file that is not audio, under 400 ms or over 5 channels.
    """
    from assistant.post.loudness import SPECS, measure_file, spec_named

    specs = [spec_named(t) for t in targets] if targets else list(SPECS.values())
    return [measure_file(Path(p), specs) for p in paths]


def save_normalized(
    path: Path,
    target: str,
    out: Path,
    *,
    force: bool = False,
    settings: Settings | None = None,
) -> NormalizeResult:
    """Write a copy of ``path`` normalised to ``target``'s loudness with its true-peak ceiling,
    atomically, with ``save_export``'s overwrite safety (never the input itself).

    Raises:
        PostError: unknown spec; the input is not measurable audio or silent.
        OverwriteRefusedError, OutputWriteError: as ``save_export``.
    """
    from assistant.files import WRITTEN_FILES_NAME, WrittenFiles, check_replaceable
    from assistant.post.loudness import spec_named
    from assistant.post.normalize import normalize

    data, result = normalize(Path(path), spec_named(target))
    settings = settings or load_settings()
    written = WrittenFiles(settings.cache_dir / WRITTEN_FILES_NAME)
    if not force:
        check_replaceable(out, data, inputs=[Path(path)], written=written)
    write_atomic(out, data)
    written.remember(out, data)
    return result.model_copy(update={"out": str(out)})


def compare_drafts(old: Screenplay, new: Screenplay) -> CompareReport:
    """The scenes added, removed, moved, renumbered or changed from ``old`` to ``new``, with
    line-level changes and per-character deltas (JSON contract in docs/writing.md)."""
    from assistant.analysis.compare.report import compare_drafts as compare

    return compare(old, new)


def save_compare_html(
    report: CompareReport,
    old: Screenplay,
    new: Screenplay,
    out: Path,
    *,
    force: bool = False,
    settings: Settings | None = None,
) -> None:
    """Write the comparison as one self-contained HTML page, atomically, with the overwrite
    safety of ``save_export`` (never either draft, never a file Slate did not write, unless
    ``force``).

    Raises:
        OverwriteRefusedError: ``out`` is a draft, or a file Slate did not write.
        OutputWriteError: the file cannot be written.
    """
    from assistant.analysis.compare.html import to_html
    from assistant.files import WRITTEN_FILES_NAME, WrittenFiles, check_replaceable

    names = [Path(s.source.path).name if s.source.path else "draft" for s in (old, new)]
    data = to_html(report, names[0], names[1]).encode("utf-8")
    settings = settings or load_settings()
    written = WrittenFiles(settings.cache_dir / WRITTEN_FILES_NAME)
    if not force:
        inputs = [Path(s.source.path) for s in (old, new) if s.source.path]
        check_replaceable(out, data, inputs=inputs, written=written)
    write_atomic(out, data)
    written.remember(out, data)


def revise_drafts(old: Screenplay, new: Screenplay, round: str) -> Revision:
    """``new`` with ``old``'s locked scene numbers (new scenes ``12A``, removed ones ``OMITTED``)
    and revision marks on every revised line for round ``round`` (docs/writing.md).

    Raises:
        AnalysisError: ``round`` is not a revision colour of the standard sequence.
    """
    from assistant.analysis.compare.revision import revise

    return revise(old, new, round)


def save_revision(
    revision: Revision,
    format: Literal["fountain", "fdx", "pdf"],
    out: Path,
    *,
    inputs: Iterable[Path] = (),
    force: bool = False,
    settings: Settings | None = None,
    locked: Screenplay | None = None,
    paper: Literal["letter", "a4"] = "letter",
) -> None:
    """Write the revised draft atomically, with the overwrite safety of ``save_export`` (never one
    of ``inputs``, the drafts, never a file Slate did not write, unless ``force``). A PDF is
    printed on ``paper``, and on the pages of ``locked`` (A pages, OMITTED pages) when given.

    Raises:
        OverwriteRefusedError: ``out`` is a draft, or a file Slate did not write.
        OutputWriteError: the file cannot be written.
    """
    from assistant.analysis.compare.revision import export_revision
    from assistant.files import WRITTEN_FILES_NAME, WrittenFiles, check_replaceable

    data = export_revision(revision, format, locked=locked, paper=paper)
    settings = settings or load_settings()
    written = WrittenFiles(settings.cache_dir / WRITTEN_FILES_NAME)
    if not force:
        check_replaceable(out, data, inputs=list(inputs), written=written)
    write_atomic(out, data)
    written.remember(out, data)


def suggest_scene(
    path: Path,
    kind: Literal["rewrite", "continue", "punch_up"],
    scene: str | None,
    settings: Settings,
    *,
    instruction: str = "",
    character: str | None = None,
    cancel: threading.Event | None = None,
) -> Suggestion:
    """Ask the configured text model to rewrite scene ``scene`` (the number people see), write
    the scene after it (``continue``; default after the last), or punch up ``character``'s lines
    (default: the scene where they speak most); the answer is read and checked (docs/writing.md).

    Raises:
        SceneNotFoundError: no scene has that number.
        AnalysisError: an empty instruction; a character who does not speak there.
        ModelOutputError: the model's answer was unusable twice.
        FileChangedError: the file changed while it was being read.
        SuggestionCancelledError: ``cancel`` was set while the model wrote.
    """
    from assistant.analysis.writing.suggest import digest, scene_index, suggest
    from assistant.errors import AnalysisError, FileChangedError, ScriptReadError
    from assistant.models.registry import get_text_model
    from assistant.script.characters import normalise_cue_name

    if kind == "rewrite" and not instruction.strip():
        raise AnalysisError("The instruction is empty: say what the rewrite should do")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ScriptReadError(f"Cannot read {path}: {exc.strerror or exc}") from exc
    screenplay = open_script(path)
    if digest(path.read_bytes()) != digest(data):
        raise FileChangedError(f"{path} changed while Slate read it; run the command again")
    if scene is not None:
        index = scene_index(screenplay, scene)
        if screenplay.scenes[index].heading is None:
            raise AnalysisError(f"Scene {scene} has no heading")
    elif kind == "punch_up" and character:
        name = normalise_cue_name(character)
        counts = [sum(normalise_cue_name(d.cue.name) == name for d in s.dialogues())
                  for s in screenplay.scenes]  # fmt: skip
        if not any(counts):
            raise AnalysisError(f"{name} has no lines in the script")
        index = counts.index(max(counts))
    else:
        headed = [i for i, s in enumerate(screenplay.scenes) if s.heading is not None]
        if not headed:
            raise AnalysisError("The script has no scene headings")
        index = headed[-1]
    model = get_text_model(settings)
    return suggest(model, screenplay, data, kind, index, instruction=instruction,
                   character=character, cancel=cancel)  # fmt: skip


def apply_suggestion(suggestion: Suggestion, *, backup_dir: Path | None = None) -> Path:
    """Back the script up (``draft.fountain.~N~``), then replace it atomically with the
    suggestion; returns the backup.

    Raises:
        FileChangedError: the file changed since the suggestion was made from it.
        OutputWriteError: the file is read-only or cannot be written.
    """
    from assistant.analysis.writing.patching import apply_patch

    return apply_patch(Path(suggestion.path), suggestion.source_digest, suggestion.patched,
                       backup_dir)  # fmt: skip


def save_suggestion_patch(
    suggestion: Suggestion, out: Path, *, force: bool = False, settings: Settings | None = None
) -> None:
    """Write the suggested scene as a Fountain patch file, with ``save_export``'s safety."""
    from assistant.files import WRITTEN_FILES_NAME, WrittenFiles, check_replaceable

    data = suggestion.scene_fountain.encode("utf-8")
    settings = settings or load_settings()
    written = WrittenFiles(settings.cache_dir / WRITTEN_FILES_NAME)
    if not force:
        check_replaceable(out, data, inputs=[Path(suggestion.path)], written=written)
    write_atomic(out, data)
    written.remember(out, data)


def undo_last(path: Path, *, backup_dir: Path | None = None) -> Path:
    """Restore the newest numbered backup of ``path`` and remove it; returns that backup.

    Raises:
        OutputWriteError: no backup, or the file cannot be written.
    """
    from assistant.analysis.writing.patching import undo

    return undo(path, backup_dir)


def analyze_scripts(
    paths: list[Path],
    out: Path,
    *,
    jobs: int = 1,
    engine: Literal["local", "dask"] = "local",
    formats: list[Literal["json", "md", "html"]] | None = None,
    parts: list[str] | None = None,
    config_file: Path | None = None,
    embedder: str | None = None,
    cluster: str | None = None,
    force: bool = False,
    on_progress: Callable[[FileOutcome, int], None] | None = None,
    precision: Literal["auto", "float32", "bfloat16", "int8", "onnx-int8"] | None = None,
) -> BatchSummary:
    """Analyse every script under ``paths`` into ``out`` (docs/batch.md): per script a JSON
    report, Markdown and an HTML page with charts; across the run ``scripts.csv`` and
    ``index.html``. A rerun skips scripts whose content and settings are unchanged.

    Args:
        jobs: worker processes (``local``) or LocalCluster workers (``dask``).
        engine: ``local`` (concurrent.futures, spawn) or ``dask`` (a cluster; ``cluster`` is its
            scheduler address, else a LocalCluster is started).
        parts: the analysis parts to run (default: all, ``analysis.batch.parts.PARTS``).
        embedder: ``module:callable`` building the embedder in every worker (tests pass a fake);
            default the configured one.
        on_progress: called after each file with its outcome and the scripts found so far.
        precision: the dtype MiniLM runs in (None: the ``batch.precision`` setting, float32 by
            default; ``auto`` is bfloat16 on CPUs with bf16 instructions, else float32);
            ``bfloat16`` is about twice as fast there and moves strengths by up to ~2e-3;
            ``int8`` (CPU) ~1.8x faster on AVX512-VNNI, strengths within ~1.5e-2; ``onnx-int8``
            the same int8 in ONNX Runtime, less CPU still (docs/batch.md).

    Raises:
        OutputWriteError: ``out`` is not writable (before any work).
        ConfigError: an unknown part, the dask engine without Dask installed, or bfloat16 or
            int8 with an embedder other than sentence-transformers.
    """
    from assistant.analysis.batch.models import ALL_FORMATS, BatchSettings
    from assistant.analysis.batch.parts import (
        DEFAULT_PARTS,
        PARTS,
        prepare_embedder,
        resolve_precision,
    )
    from assistant.analysis.batch.runner import run_batch
    from assistant.errors import ConfigError
    from assistant.files import WRITTEN_FILES_NAME, WrittenFiles

    chosen = list(parts or DEFAULT_PARTS)
    unknown = [p for p in chosen if p not in PARTS]
    if unknown:
        raise ConfigError(f"No analysis part {', '.join(unknown)}: choose from {', '.join(PARTS)}")
    settings = load_settings(config_file)
    sentence_transformers = not embedder and (
        settings.models.embedder.backend == "sentence-transformers"
    )
    dtype = resolve_precision(
        precision or settings.batch.precision, sentence_transformers=sentence_transformers
    )
    if dtype != "float32" and not sentence_transformers:
        source = f"--precision {dtype}" if precision else f"The setting batch.precision = {dtype}"
        raise ConfigError(f"{source} needs the sentence-transformers embedder")
    batch = BatchSettings(
        parts=chosen,
        formats=list(formats or ALL_FORMATS),
        embedder=embedder,
        config_file=str(config_file) if config_file else None,
        embedder_config="" if embedder else settings.models.embedder.model_dump_json(),
        precision=dtype,
    )
    if sentence_transformers:
        prepare_embedder(settings, dtype)
    suffixes = {s for f in script_formats() if f.reads for s in f.suffixes}
    return run_batch(
        paths, out, batch, suffixes=suffixes, jobs=jobs, engine=engine, cluster=cluster,
        on_progress=on_progress, written=WrittenFiles(settings.cache_dir / WRITTEN_FILES_NAME),
        force=force,
    )  # fmt: skip


def count_batch_scripts(paths: list[Path], out: Path | None = None) -> int:
    """How many scripts ``analyze_scripts`` would find under ``paths`` (a walk, nothing read):
    the progress bar's total."""
    from assistant.analysis.batch.discover import discover

    suffixes = {s for f in script_formats() if f.reads for s in f.suffixes}
    return sum(1 for found in discover(paths, suffixes, exclude=out) if found.reason is None)


def _suggested_file(suggestion: Suggestion) -> Screenplay:
    """The script as the suggestion read it, or ``FileChangedError`` when it changed since."""
    from assistant.analysis.writing.suggest import digest
    from assistant.errors import FileChangedError, ScriptReadError

    path = Path(suggestion.path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ScriptReadError(f"Cannot read {path}: {exc.strerror or exc}") from exc
    if digest(data) != suggestion.source_digest:
        raise FileChangedError(
            f"Not changing {path}: it changed on disk since Slate read it; run the command again"
        )
    return open_script(path)


def suggestion_hunks(suggestion: Suggestion) -> list[SceneHunk]:
    """The suggestion's changes as hunks (runs of elements), numbered from 0 for
    ``apply_hunks``; a ``continue`` suggestion is one hunk.

    Raises:
        FileChangedError: the file changed since the suggestion was made from it.
    """
    from assistant.analysis.writing.hunks import scene_hunks, suggestion_scenes

    old, new = suggestion_scenes(suggestion, _suggested_file(suggestion))
    return scene_hunks(old, new)


def apply_hunks(
    suggestion: Suggestion, accepted: list[int], *, backup_dir: Path | None = None
) -> Path:
    """Apply only the ``accepted`` hunks (numbers from ``suggestion_hunks``): the rejected ones
    keep the scene's old elements. Backs the file up and replaces it atomically, as
    ``apply_suggestion`` does; returns the backup.

    Raises:
        AnalysisError: no hunk accepted, or a hunk number the suggestion does not have.
        FileChangedError: the file changed since the suggestion was made from it.
        OutputWriteError: the file is read-only or cannot be written.
    """
    from assistant.analysis.writing.hunks import merge_hunks, suggestion_scenes
    from assistant.analysis.writing.patching import apply_patch, patch_script

    screenplay = _suggested_file(suggestion)
    data = Path(suggestion.path).read_bytes()
    old, new = suggestion_scenes(suggestion, screenplay)
    merged = merge_hunks(old, new, accepted)
    patched, _ = patch_script(screenplay, data, suggestion.scene_index, merged,
                              insert=suggestion.kind == "continue")  # fmt: skip
    return apply_patch(Path(suggestion.path), suggestion.source_digest, patched, backup_dir)


def locked_page_numbers(revision: Revision, locked: Screenplay) -> list[str]:
    """The page numbers the revision prints on ``locked``'s pages (``12``, ``12A``...), an
    omitted page as ``13 OMITTED`` (what ``save_revision(..., locked=...)`` writes)."""
    from assistant.analysis.compare.locked_pages import OMITTED, lock_pages
    from assistant.analysis.compare.revision import marked_for_print

    numbers = []
    for page in lock_pages(locked, marked_for_print(revision)):
        texts = {piece.line.text for row in page.rows.values() for piece in row.pieces}
        omitted = page.revised and texts == {OMITTED}
        numbers.append(f"{page.printed_number} {OMITTED}" if omitted else page.printed_number)
    return numbers
