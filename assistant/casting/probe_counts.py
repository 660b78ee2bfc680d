"""How many IVF lists a search probes, by how much of the roster its filter keeps, and the FAISS
search parameters that carry it (the counts and gaps come from the build's ``IndexPlan``)."""

from __future__ import annotations

import itertools
import math
from typing import Any

from assistant.casting.index_plan import IndexPlan


def filtered_nprobe(plan: IndexPlan, kept: float) -> int:
    """The probe count when a filter keeps the fraction ``kept`` of the roster.

    A probed list then holds ``kept`` as many eligible profiles, so the 10th eligible neighbour
    lies farther out and more lists are needed for the same recall. ``plan.filter_probes`` holds
    the probe counts the build measured for random filters (tuning.tune_filtered); between them
    the count is interpolated in log(kept) (from (1, ``nprobe``)), below the smallest measured
    share it grows as 1/sqrt(kept) from there. An index built before that tuning has no
    measurements: ``nprobe / sqrt(kept)``, which over-probes filters keeping many (run 7: 50%
    kept reached recall@10 0.974 at 40% of the unfiltered speed). Capped at ``nlist``.
    """
    nprobe, nlist = plan.nprobe, plan.nlist
    if kept >= 1.0 or kept <= 0.0:
        return nprobe
    points = sorted([(1.0, nprobe), *((k, p) for k, p in plan.filter_probes if 0 < k < 1)])
    if len(points) == 1:
        return min(nlist, math.ceil(nprobe / math.sqrt(kept)))
    low_kept, low_probes = points[0]
    if kept <= low_kept:
        return min(nlist, math.ceil(low_probes * math.sqrt(low_kept / kept)))
    for (k0, p0), (k1, p1) in itertools.pairwise(points):
        if k0 <= kept <= k1:
            share = (math.log(kept) - math.log(k0)) / (math.log(k1) - math.log(k0))
            return min(nlist, math.ceil(p0 + share * (p1 - p0)))
    return nprobe


def filtered_probing(plan: IndexPlan, kept: float) -> tuple[int, float] | None:
    """(cap, gap) of adaptive probing for a filter keeping the fraction ``kept``, or None for
    the fixed ``filtered_nprobe``.

    Between two shares the build measured (``plan.filter_gaps``, and the unfiltered
    ``probe_cap`` and ``probe_gap`` at a share of 1 when the plan probes adaptively) cap and gap
    are interpolated in log(kept), as the fixed counts are; above the largest measured share
    with no unfiltered point, that share's setting. Below the smallest measured share: None, since
    how fast a gap must widen as the filter narrows was not measured (the fixed count there
    grows as 1/sqrt(kept))."""
    points = sorted((k, c, g) for k, c, g in plan.filter_gaps if 0 < k < 1)
    if not points or kept <= 0.0 or kept < points[0][0]:
        return None
    if plan.probe_gap > 0:
        points.append((1.0, plan.probe_cap, plan.probe_gap))
    if kept >= points[-1][0]:
        return points[-1][1], points[-1][2]
    for (k0, c0, g0), (k1, c1, g1) in itertools.pairwise(points):
        if k0 <= kept <= k1:
            share = (math.log(kept) - math.log(k0)) / (math.log(k1) - math.log(k0))
            cap = min(plan.nlist, math.ceil(c0 + share * (c1 - c0)))
            return cap, g0 + share * (g1 - g0)
    return None


def search_params(plan: IndexPlan, selector: Any, *, nprobe: int | None = None) -> Any:
    """FAISS search parameters: the IVF probe count and an optional id selector."""
    import faiss

    from assistant.casting.coarse import ivf_params

    params: Any
    if plan.kind == "ivf":
        params = ivf_params(nprobe or plan.nprobe, plan.ef_per_probe)
    else:
        params = faiss.SearchParameters()
    if selector is not None:
        params.sel = selector
    return params
