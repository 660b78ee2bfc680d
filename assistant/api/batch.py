"""Batch analysis: a library of scripts into per-script reports and an index (docs/batch.md)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from assistant.api.models import load_settings
from assistant.api.scripts import script_formats

if TYPE_CHECKING:
    from assistant.analysis.batch.models import BatchSummary, FileOutcome


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
    from assistant.saving import written_files

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
        on_progress=on_progress, written=written_files(settings),
        force=force,
    )  # fmt: skip


def count_batch_scripts(paths: list[Path], out: Path | None = None) -> int:
    """How many scripts ``analyze_scripts`` would find under ``paths`` (a walk, nothing read):
    the progress bar's total."""
    from assistant.analysis.batch.discover import discover

    suffixes = {s for f in script_formats() if f.reads for s in f.suffixes}
    return sum(1 for found in discover(paths, suffixes, exclude=out) if found.reason is None)
