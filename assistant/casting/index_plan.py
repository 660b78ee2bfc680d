"""``IndexPlan``: the FAISS index a build chose (``index.plan_for``) and the search parameters
it measured for it (tuning.py), as recorded in ``meta.json``."""

from __future__ import annotations

import math
from typing import Literal

from pydantic import BaseModel, field_validator


class IndexPlan(BaseModel):
    """The FAISS index chosen for a roster size, and the parameters searches use."""

    kind: Literal["flat", "ivf"]
    factory: str
    """``faiss.index_factory`` string (inner product on unit vectors = cosine)."""
    nlist: int = 0
    nprobe: int = 0
    rerank: int = 1
    """ANN candidates fetched per wanted result, then re-ranked exactly from ``vectors.f16``."""
    tuned_recall: float | None = None
    """recall@10 measured at ``nprobe`` when the build chose it (tuning.py); None: not tuned."""
    filter_probes: list[tuple[float, int]] = []
    """(share of the roster a random filter kept, probes reaching the recall target), measured
    by the build (tuning.tune_filtered); empty in older indexes (``filtered_nprobe``)."""
    probe_gap: float = 0.0
    """Adaptive probing (probing.py) for unfiltered searches: of its ``probe_cap`` best lists a
    query probes those whose centroid scores within this of its best one. 0: every query
    probes ``nprobe`` lists (indexes built before it, or when it scanned no fewer codes)."""
    probe_cap: int = 0
    filter_gaps: list[tuple[float, int, float]] = []
    """(share a random filter kept, cap, gap): adaptive probing with the filter's selector, where
    the build measured it reaching the recall target scanning fewer codes than the fixed
    ``filter_probes`` (tuning.tune_filtered); empty in older indexes (fixed probes)."""
    ef_per_probe: float = 0.0
    """The fine plan's HNSW coarse quantizer searches with efSearch = this x the probes (at
    least ``coarse.MIN_EF``), measured by the build (tuning.tune_ef); 0: a flat quantizer."""
    rule: str

    @field_validator("filter_gaps")
    @classmethod
    def _sane_gaps(cls, gaps: list[tuple[float, int, float]]) -> list[tuple[float, int, float]]:
        # a hand-edited header (meta.json carries no checksum of its own) must fail at open
        # with read_meta's rebuild hint, not as numpy's or FAISS's traceback mid-search
        shares = [kept for kept, _, _ in gaps]
        if len(set(shares)) != len(shares):
            raise ValueError("filter_gaps repeats a share")  # (a zero-width interpolation)
        for kept, cap, gap in gaps:
            if not (0 < kept < 1 and cap >= 1 and math.isfinite(gap) and gap >= 0):
                raise ValueError(f"filter_gaps entry out of range: {(kept, cap, gap)}")
        return gaps
