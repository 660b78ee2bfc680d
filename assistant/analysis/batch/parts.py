"""The per-script analysis: a list of named parts, each filling its share of the report.

Adding a capability to ``slate analyze`` is one entry in ``PARTS`` (``shots`` came this way;
casting briefs are meant to): a function of the ``ScriptContext`` that fills the report. Parts
run in ``PARTS`` order; a later part may use what an earlier one left on the context (``beats``
reuses ``strength``'s report).
"""

from __future__ import annotations

import hashlib
import importlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from assistant.analysis.batch.models import (
    BatchSettings,
    BeatRow,
    CharacterRow,
    SceneRow,
    ScriptReport,
    TurningPointRow,
)

if TYPE_CHECKING:
    from assistant.analysis.strength.scene_strength import SceneStrengthReport
    from assistant.config import Settings
    from assistant.models.base import Embedder
    from assistant.models.embedder import Precision
    from assistant.script.model import Screenplay

BEAT_SHEET = "save-the-cat"
"""The sheet whose beats the report places against their conventional pages."""


@dataclass
class ScriptContext:
    """What the parts share while one script is analysed."""

    screenplay: Screenplay
    report: ScriptReport
    embedder: Callable[[], Embedder]
    """The worker's embedder, built on first use (a script that needs none loads none)."""
    strength: SceneStrengthReport | None = None
    extras: dict[str, object] = field(default_factory=dict)


Part = Callable[[ScriptContext], None]


def _stats(ctx: ScriptContext) -> None:
    from assistant.script.stats import compute_stats, normalise_time_of_day

    sp, report = ctx.screenplay, ctx.report
    stats = compute_stats(sp)
    report.title = stats.title
    report.page_count = stats.page_count
    report.scene_count = stats.scene_count
    report.location_count = len(stats.locations)
    report.characters = [
        CharacterRow(name=c.name, scenes=c.scenes, speeches=c.speeches, words=c.words)
        for c in stats.characters
    ]
    report.cast_size = sum(1 for c in stats.characters if c.speeches > 0)
    split = stats.int_ext
    report.int_ext = {
        "INT": split.interior.scenes,
        "EXT": split.exterior.scenes,
        "INT/EXT": split.int_ext.scenes,
        "unspecified": split.unspecified.scenes,
    }
    tod = stats.time_of_day
    report.time_of_day = {
        "DAY": tod.day.scenes,
        "NIGHT": tod.night.scenes,
        "other": tod.other.scenes,
    }
    timed = tod.day.scenes + tod.night.scenes
    report.night_share = tod.night.scenes / timed if timed else None
    headed = split.interior.scenes + split.exterior.scenes + split.int_ext.scenes
    report.exterior_share = split.exterior.scenes / headed if headed else None
    labels = sp.scene_labels()
    rows = []
    time_group: str | None = None
    for index, scene in enumerate(sp.scenes):
        heading = scene.heading
        if heading is not None:
            # Group None ("CONTINUOUS", "SAME") means: as the scene before.
            group = normalise_time_of_day(heading.time_of_day)[1]
            time_group = str(group) if group is not None else time_group
        rows.append(
            SceneRow(
                index=index,
                number=labels[index],
                heading=heading.text if heading is not None else "",
                start_page=scene.start_page,
                eighths=scene.eighths,
                int_ext=str(heading.int_ext) if heading is not None and heading.int_ext else None,
                time_group=time_group,
            )
        )
    report.scenes = rows


def _strength(ctx: ScriptContext) -> None:
    from assistant.analysis.strength.scene_strength import score_screenplay

    strength = ctx.strength = score_screenplay(ctx.screenplay, ctx.embedder())
    report = ctx.report
    report.strength_model = strength.model_version
    for row in strength.scenes:
        if row.index < len(report.scenes):
            report.scenes[row.index].strength = row.strength
    pages = max(report.page_count, 1)
    report.turning_points = [
        TurningPointRow(
            name=tp.name,
            scene_index=tp.scene_index,
            page=ctx.screenplay.scenes[tp.scene_index].start_page,
            position=min(1.0, (ctx.screenplay.scenes[tp.scene_index].start_page - 1) / pages),
            confidence=tp.confidence,
        )
        for tp in strength.turning_points
    ]
    report.warnings += strength.warnings


def _beats(ctx: ScriptContext) -> None:
    # The same steps as api.beat_sheet (api/beats.py; this layer sits below assistant.api).
    from assistant.analysis.beats.beat_sheet import DEFAULT_TP_POSITIONS, build_beat_sheet
    from assistant.analysis.strength.scene_strength import score_screenplay, shipped_model

    if ctx.strength is None:
        ctx.strength = score_screenplay(ctx.screenplay, ctx.embedder())
    means = shipped_model().metrics.get("tp_position_means")
    positions = [float(m) for m in means] if isinstance(means, list) else DEFAULT_TP_POSITIONS
    sheet = build_beat_sheet(ctx.screenplay, ctx.strength, sheet=BEAT_SHEET, tp_positions=positions)
    ctx.report.beat_sheet = BEAT_SHEET
    ctx.report.beats = [
        BeatRow(name=b.name, pages=b.pages, expected_page=b.expected_page, confidence=b.confidence)
        for b in sheet.beats
    ]


def _breakdown(ctx: ScriptContext) -> None:
    # The rules passes of api.breakdown (no embedder, no LLM): cheap and exact.
    from assistant.analysis.breakdown.breakdown import build_breakdown, source_text

    result = build_breakdown(ctx.screenplay, source_text(ctx.screenplay))
    counts: dict[str, int] = {}
    for entry in result.element_list:
        counts[entry.category] = counts.get(entry.category, 0) + 1
    ctx.report.breakdown = {
        "script_days": result.script_days,
        "cast": len(result.cast),
        "sets": len(result.sets),
        "elements": dict(sorted(counts.items())),
    }


def _shots(ctx: ScriptContext) -> None:
    # The rule planner of api.shot_list: shot and set-up counts, and the average shot length.
    from assistant.analysis.shots.planner import plan_shots
    from assistant.analysis.shots.source import source_text

    plan = plan_shots(ctx.screenplay, source_text=source_text(ctx.screenplay))
    shots = [shot for scene in plan.scenes for shot in scene.shots]
    ctx.report.shots = {
        "shots": len(shots),
        "setups": sum(len({shot.setup for shot in scene.shots}) for scene in plan.scenes),
        "average_shot_s": round(sum(s.duration_s for s in shots) / len(shots), 2)
        if shots
        else None,
    }


PARTS: dict[str, Part] = {
    "stats": _stats,
    "strength": _strength,
    "beats": _beats,
    "breakdown": _breakdown,
    "shots": _shots,
}
"""Every part in the order it runs. A new capability is one entry here (e.g. ``"shots"``)."""

DEFAULT_PARTS: tuple[str, ...] = tuple(PARTS)


def load_embedder_factory(
    spec: str | None, config_file: str | None, *, precision: Precision = "float32"
) -> Callable[[], Embedder]:
    """A zero-argument builder for the worker's embedder, called at most once.

    ``spec`` is ``module:callable`` (importable in every worker process) or None for the
    configured embedder; ``precision`` other than float32 applies to the sentence-transformers
    backend only (``_embedder_in``).
    """
    built: list[Embedder] = []

    def build() -> Embedder:
        if not built:
            if spec is None:
                from assistant.config import load_settings
                from assistant.models.registry import get_embedder

                settings = load_settings(config_file)
                if precision == "float32":
                    built.append(get_embedder(settings))
                else:
                    built.append(_embedder_in(settings, precision))
            else:
                module, _, name = spec.partition(":")
                factory = getattr(importlib.import_module(module), name)
                built.append(factory())
        return built[0]

    return build


def cpu_has_bf16(cpuinfo: Path = Path("/proc/cpuinfo")) -> bool:
    """Whether this CPU has bfloat16 matrix instructions (AVX512-BF16 or AMX-BF16), where
    bfloat16 MiniLM takes about half float32's CPU time; without them it is slower. Read from
    Linux's ``/proc/cpuinfo``; elsewhere (or unreadable) False."""
    try:
        with cpuinfo.open(encoding="utf-8", errors="replace") as handle:
            for line in handle:
                if line.startswith("flags"):
                    flags = set(line.partition(":")[2].split())
                    return bool(flags & {"avx512_bf16", "amx_bf16"})
    except OSError:
        return False
    return False


def resolve_precision(
    requested: Literal["auto", "float32", "bfloat16", "int8", "onnx-int8"],
    *,
    sentence_transformers: bool,
) -> Precision:
    """The dtype a batch runs MiniLM in: ``auto`` is bfloat16 where the CPU has bf16
    instructions and the embedder is sentence-transformers (the only one that runs in
    bfloat16), else float32; an explicit choice is kept (``_embedder_in`` checks it)."""
    if requested != "auto":
        return requested
    return "bfloat16" if sentence_transformers and cpu_has_bf16() else "float32"


def _embedder_in(settings: Settings, precision: Precision) -> Embedder:
    """The configured sentence-transformers embedder run in ``precision`` (the registry builds
    float32 only), behind the disk cache when it is on: its key names the precision.

    Raises:
        ConfigError: the configured backend is not sentence-transformers.
    """
    from assistant.errors import ConfigError
    from assistant.models.embedder import SentenceTransformerEmbedder

    configured = settings.models.embedder
    if configured.backend != "sentence-transformers":
        raise ConfigError(
            f"--precision {precision} needs the sentence-transformers embedder, not "
            f"{configured.backend!r}"
        )
    embedder: Embedder = SentenceTransformerEmbedder(
        configured.path,
        device=settings.models.device,
        batch_size=configured.batch_size,
        max_seq_length=configured.max_seq_length,
        threads=settings.models.threads,
        precision=precision,
        cache_dir=settings.cache_dir,
    )
    if configured.cache:
        from assistant.models.embedding_cache import CachedEmbedder

        embedder = CachedEmbedder(embedder, settings.cache_dir / "embeddings.sqlite")
    return embedder


def prepare_embedder(settings: Settings, precision: Precision) -> None:
    """Work an embedder needs once per machine, done in the coordinator before the workers
    start: the ``onnx-int8`` graph export (~10 s of CPU the first time; nothing afterwards)."""
    if precision != "onnx-int8" or settings.models.embedder.backend != "sentence-transformers":
        return
    from assistant.models.embedder import SentenceTransformerEmbedder

    configured = settings.models.embedder
    SentenceTransformerEmbedder(
        configured.path,
        max_seq_length=configured.max_seq_length,
        precision=precision,
        cache_dir=settings.cache_dir,
    ).prepare()


def file_digest(path: Path) -> str:
    """SHA-256 of the file's bytes (the manifest's content key)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def analyse_script(
    path: Path, settings: BatchSettings, embedder: Callable[[], Embedder]
) -> ScriptReport:
    """Parse ``path`` and run ``settings.parts`` on it, in ``PARTS`` order.

    Raises:
        SlateError: the file cannot be read as a script, or a part cannot analyse it.
    """
    from assistant.script.reading import read_script

    started = time.perf_counter()
    sha = file_digest(path)
    screenplay = read_script(path)
    report = ScriptReport(file=str(path), name=path.stem, sha256=sha, parts=[])
    report.timings["parse"] = round(time.perf_counter() - started, 4)
    ctx = ScriptContext(screenplay=screenplay, report=report, embedder=embedder)
    for name, part in PARTS.items():
        if name not in settings.parts:
            continue
        began = time.perf_counter()
        part(ctx)
        report.parts.append(name)
        report.timings[name] = round(time.perf_counter() - began, 4)
    if "strength" in report.parts:
        report.precision = settings.precision
    if settings.precision != "float32" and "strength" in report.parts:
        report.warnings.append(
            f"Scored with MiniLM in {settings.precision} (batch.precision, --precision): "
            f"strengths can differ from float32 scores (slate score) by about "
            f"{'0.001' if settings.precision == 'bfloat16' else '0.01'}, and a turning point on a "
            "near tie can move"
        )
    return report
