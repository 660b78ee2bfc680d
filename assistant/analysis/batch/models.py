"""The batch's pydantic contracts: one script's report (versioned, docs/batch.md) and the run."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

REPORT_SCHEMA = "slate-batch-report/1"
"""``schema_version`` of every per-script JSON report; bumped on any incompatible change."""

Engine = Literal["local", "dask"]
OutputFormat = Literal["json", "md", "html"]
ALL_FORMATS: tuple[OutputFormat, ...] = ("json", "md", "html")


class BatchSettings(BaseModel):
    """What changes a script's report: part of the manifest's key, so a change reruns it.

    ``embedder`` is a ``module:callable`` returning an ``Embedder`` (tests inject their fake into
    worker processes this way); None means the configured embedder (MiniLM).
    """

    parts: list[str]
    formats: list[OutputFormat] = Field(default_factory=lambda: list(ALL_FORMATS))
    llm: bool = False
    embedder: str | None = None
    config_file: str | None = None
    embedder_config: str = ""
    """The configured embedder's settings (backend, model), so changing the model reruns."""
    precision: Literal["float32", "bfloat16", "int8", "onnx-int8"] = "float32"
    """The dtype MiniLM runs in (``models.embedder.Precision``): bfloat16 is about twice as fast
    on CPUs with bf16 instructions and moves strengths by up to ~2e-3; int8 is ~1.8x faster on
    CPUs with AVX512-VNNI and moves them by up to ~1.5e-2; onnx-int8 is int8 in ONNX Runtime
    (docs/batch.md)."""


class SceneRow(BaseModel):
    """One scene as the charts and the index read it."""

    index: int
    number: str | None
    heading: str
    start_page: int
    eighths: int
    int_ext: str | None
    time_group: str | None
    strength: float | None = None


class TurningPointRow(BaseModel):
    name: str
    scene_index: int
    page: int
    position: float
    """Where it falls in the script: the scene's start page over the page count (0-1)."""
    confidence: float


class BeatRow(BaseModel):
    name: str
    pages: list[int]
    expected_page: int
    confidence: float


class CharacterRow(BaseModel):
    name: str
    scenes: int
    speeches: int
    words: int


class ScriptReport(BaseModel):
    """One script's batch report: ``<name>.json`` under ``--out``."""

    schema_version: str = REPORT_SCHEMA
    file: str
    name: str
    sha256: str
    title: str | None = None
    parts: list[str]
    """The parts run, in order (``stats``, ``strength``, ``beats``, ``breakdown``, ...)."""
    page_count: int = 0
    scene_count: int = 0
    cast_size: int = 0
    """Characters with at least one speech."""
    location_count: int = 0
    night_share: float | None = None
    """Night scenes over scenes with a day/night time (None when no heading says either)."""
    exterior_share: float | None = None
    scenes: list[SceneRow] = Field(default_factory=list)
    characters: list[CharacterRow] = Field(default_factory=list)
    int_ext: dict[str, int] = Field(default_factory=dict)
    time_of_day: dict[str, int] = Field(default_factory=dict)
    turning_points: list[TurningPointRow] = Field(default_factory=list)
    strength_model: str | None = None
    precision: str | None = None
    """The dtype MiniLM ran in for the strengths (``float32``, ``bfloat16``, ``int8``,
    ``onnx-int8``); null when
    ``strength`` did not run."""
    beat_sheet: str | None = None
    beats: list[BeatRow] = Field(default_factory=list)
    breakdown: dict[str, Any] | None = None
    """Summary: ``script_days``, ``cast``, ``sets``, ``elements`` (count per category)."""
    shots: dict[str, Any] | None = None
    """The shot plan's totals: ``shots``, ``setups``, ``average_shot_s`` (the ``shots`` part)."""
    timings: dict[str, float] = Field(default_factory=dict)
    """Seconds per part (parsing as ``parse``)."""
    warnings: list[str] = Field(default_factory=list)


class FileOutcome(BaseModel):
    """What happened to one file of the run (sent to ``on_progress`` and kept in the summary)."""

    file: str
    status: Literal["done", "skipped", "failed", "unchanged"]
    reason: str | None = None
    """Why it was skipped or failed, one line."""
    report: ScriptReport | None = None
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    """CPU time of the analysing process on this file (all its threads): what a loaded machine
    distorts least."""
    peak_rss_mb: float = 0.0
    """Peak resident memory of the process that analysed it, so far (0 when not analysed)."""


class BatchSummary(BaseModel):
    """The whole run: every outcome in the order files finished, and where the outputs are."""

    out: str
    engine: Engine
    jobs: int
    outcomes: list[FileOutcome] = Field(default_factory=list)
    interrupted: bool = False
    seconds: float = 0.0

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)
