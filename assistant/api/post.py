"""Post-production: the previs package and its exporters (timelines, looks); loudness."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from assistant.api.beats import beat_sheet
from assistant.api.breakdowns import breakdown
from assistant.api.models import load_settings
from assistant.api.shots import shot_list
from assistant.api.strength import score_scenes
from assistant.saving import save_output
from assistant.script.model import Screenplay

if TYPE_CHECKING:
    from assistant.config import Settings
    from assistant.models.base import Embedder
    from assistant.post.exporters import CollectedExporters, PostExportResult, PostPackage
    from assistant.post.loudness import LoudnessReport
    from assistant.post.normalize import NormalizeResult


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
    save_output(out, data, inputs=list(inputs), settings=settings, force=force)
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
    from assistant.post.loudness import spec_named
    from assistant.post.normalize import normalize

    data, result = normalize(Path(path), spec_named(target))
    save_output(out, data, inputs=[Path(path)], settings=settings, force=force)
    return result.model_copy(update={"out": str(out)})
