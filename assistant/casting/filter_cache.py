"""The hard filters of the last few searches, computed once per index generation.

A casting session searches many briefs under the same filters (the shoot's dates, the city, the
union), and a user refines a query's words while its filters stay put; at 1M profiles the filter
mask, its survivors and FAISS's bitmap cost ~2 ms a query, more than the ANN search itself. An
index generation never changes once written (edits write a new one), so a filter's answer is
kept, keyed by the filter's own value, for as long as the index is open.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from assistant.casting.columns import FilterColumns
    from assistant.casting.store import CastFilters

KEPT = 4
"""Distinct filters kept; the oldest used is dropped first. Each holds up to ~9 bytes a profile
(the mask, the survivors as int64, the bitmap): 36 MB at 1M when every filter keeps everyone;
one with few enough survivors for an exact search also keeps their float32 rows (``rows``,
at most catalog.EXACT_LIMIT x 1.5 KB = 30 MB)."""


@dataclass
class FilterHit:
    """One filter's survivors, the mask they came from, and FAISS's bitmap over that mask."""

    vids: npt.NDArray[np.int64]
    mask: npt.NDArray[np.bool_]
    bits: npt.NDArray[np.uint8] | None = None
    """Packed ``mask`` (little bit order), made on first ANN use; the selector points into it."""
    selector: Any = None
    rows: npt.NDArray[np.float32] | None = None
    """The survivors' vectors as float32 (row i is ``vids[i]``'s), made on first exact search."""
    subset: Any = None
    """The ANN index's codes of the survivors only (subsets.py), made on first ANN use when the
    cache's budget allows (``FilterCache.subset``); None: search with the selector."""
    subset_bytes: int = 0
    subset_tried: bool = False


@dataclass
class FilterCache:
    """Least-recently-used filter answers over one generation's ``FilterColumns``."""

    columns: FilterColumns
    kept: int = KEPT
    subset_budget: int = 0
    """Bytes the kept filters' subsets (subsets.py) may hold together; 0: none are made. The
    opened index sets it to its own codes' size, so subsets at most double the ANN index's
    memory (at 1M, 50% kept is ~190 MB; at 10M, 1.9 GB, so there a filter keeping half the
    roster may find the budget spent and search with the selector)."""
    _hits: OrderedDict[str, FilterHit] = field(default_factory=OrderedDict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def matching(self, filters: CastFilters) -> FilterHit:
        """The survivors of ``filters`` (computed on first use, then kept)."""
        import numpy as np

        key = filters.model_dump_json()
        with self._lock:
            hit = self._hits.get(key)
            if hit is not None:
                self._hits.move_to_end(key)
                return hit
        mask = self.columns.mask(filters)
        vids = np.flatnonzero(mask).astype(np.int64)
        mask.flags.writeable = vids.flags.writeable = False  # shared by every later search
        hit = FilterHit(vids=vids, mask=mask)
        with self._lock:
            self._hits[key] = hit
            while len(self._hits) > self.kept:
                self._hits.popitem(last=False)
        return hit

    def find(self, vids: npt.NDArray[np.int64]) -> FilterHit | None:
        """The kept answer whose survivors are this very array, if any (identity, not value)."""
        with self._lock:
            return next((h for h in self._hits.values() if h.vids is vids), None)

    def rows(self, hit: FilterHit, vectors: Any) -> npt.NDArray[np.float32]:
        """``hit``'s survivors' rows of ``vectors`` as float32, gathered once and kept
        (``FilterHit.rows``).

        Few survivors are searched exactly (catalog.EXACT_LIMIT); gathering them from the
        float16 map was the whole query: 10,000 survivors (a filter keeping 0.1% of 10M) is
        15 MB converted a query, 42 queries per CPU second at 200k (docs/casting.md, run 12),
        where the product alone is 3.8M multiply-adds. Kept, they cost up to 30 MB a filter."""
        import numpy as np

        with self._lock:
            if hit.rows is None:
                rows = np.ascontiguousarray(vectors[hit.vids], dtype=np.float32)
                rows.flags.writeable = False
                hit.rows = rows
            return hit.rows

    def subset(self, hit: FilterHit, ann: Any) -> Any:
        """``hit``'s subset of ``ann`` (subsets.py), made once and kept with it, or None when
        ``ann`` has no IVF codes or the kept subsets' bytes would exceed ``subset_budget``
        (tried once per filter)."""
        from assistant.casting import subsets

        with self._lock:
            if hit.subset_tried:
                return hit.subset
            hit.subset_tried = True
            if not self.subset_budget or not subsets.supports(ann):
                return None
            size = len(hit.vids) * subsets.entry_bytes(ann)
            held = sum(h.subset_bytes for h in self._hits.values())
            if held + size > self.subset_budget:
                return None
            hit.subset = subsets.subset(ann, hit.mask)
            hit.subset_bytes = size
            return hit.subset

    def selector(self, hit: FilterHit) -> Any:
        """FAISS's bitmap selector over ``hit.mask``, made once and kept with it."""
        import faiss
        import numpy as np

        with self._lock:  # two threads must not both make one: the loser's bits would be freed
            if hit.selector is None:
                bits = np.packbits(hit.mask, bitorder="little")
                hit.bits = bits  # the selector holds a raw pointer into bits: they live together
                hit.selector = faiss.IDSelectorBitmap(len(bits), faiss.swig_ptr(bits))
            return hit.selector
