"""The FAISS half of a casting index, and how an index folder is laid out, written and checked.

An index folder holds generations: ``gen-000007/`` with ``vectors.faiss`` (the ANN index, FAISS
ids = vids), ``vectors.f16`` (every vector as float16, row = vid: exact search over few filter
survivors and exact re-ranking of ANN candidates), ``profiles.sqlite`` (store.py),
``columns.npz`` (its filter columns as arrays, columns.py), ``bm25/`` and
``meta.json`` (model id, dimension, count, index plan, each file's size and SHA-256). ``CURRENT``
names the live generation. A change writes a whole new generation under a temporary name, renames
it, then replaces ``CURRENT`` atomically: a crash at any point leaves the old generation live and
consistent, and an open index leases its generation so that no change removes it under a
reader (leases.py). ``open_index`` checks the header against the files and the embedder, so a
corrupt, truncated or mismatched index is one clear line with the rebuild command, never wrong
results.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import math
import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ValidationError, field_validator

from assistant.casting.leases import remove_unleased
from assistant.errors import CastingError
from assistant.files import write_atomic

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from assistant.casting.coarse import TwoLevel

FORMAT_VERSION = 2
"""2: ``columns.npz`` (the filter columns as numpy arrays, columns.py) joined the files."""
FLAT_LIMIT = 100_000
"""Up to this many profiles the index is exact (``IndexFlatIP``): at 384 dimensions a flat scan
of 100k rows is ~40M multiply-adds a query, fast enough, and exact is always right."""
POINTER = "CURRENT"
FILES = ("vectors.faiss", "vectors.f16", "profiles.sqlite", "columns.npz")


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


KMEANS_ITERATIONS = 10
"""k-means rounds when training IVF centroids (FAISS's default is 25): at 1M, 10 rounds on
40 points a list trained IVF2048 in 18 s of CPU and reached the same recall per probe."""
TRAIN_PER_LIST = 40
"""Training points per IVF list (FAISS warns below 39)."""
FINE_TRAIN_PER_LIST = 30
"""The same for the fine plan, whose sample is held as float32 while its two-level k-means runs:
30 x 65,536 lists is 2M points, 3 GB at 10M (40 would be 4 GB)."""
FINE_RULE = (
    "IVF{2^round(log2(n/150))}_HNSW32,SQ8: two-level k-means, lists of ~150, an HNSW coarse "
    "quantizer whose efSearch per probe is tuned with nprobe"
)


Lists = Literal["auto", "coarse", "fine"]


def plan_for(count: int, lists: Lists = "auto") -> IndexPlan:
    """The index for ``count`` profiles: exact up to ``FLAT_LIMIT``; IVF above.

    ``lists`` "fine" (only when asked for: at 1M it scanned as many codes a query as the
    coarse plan for the same recall and ran slower, docs/casting.md run 12, so "auto" stays
    coarse at every size until a 10M run shows it faster): ``IVF{nlist}_HNSW32,SQ8`` with nlist
    the power of two nearest count / ``coarse.LIST_SIZE`` (65,536 at 10M, the FAISS wiki's
    choice for 10M; 8192 at 1M), trained by two-level k-means and searched through an HNSW
    graph over the centroids (coarse.py): at 10M the coarse plan's IVF8192 needed 160 probes of
    ~1,200 codes each for recall@10 0.955 (106 q/s one at a time, run 11).

    "coarse" (the default, "auto"):

    Above it: ``IVF{nlist},SQ8`` with nlist the power of two nearest 2*sqrt(count) (2048 at 1M,
    8192 at 10M), an exact (flat) coarse quantizer, 8-bit scalar codes and exact re-ranking of
    the over-fetched candidates from ``vectors.f16``. Measured at 1M on the benchmark's
    clustered vectors (docs/casting.md, run 5): the coarse quantizer was the recall limiter of
    the previous ``IVF4096_HNSW32,SQ8`` (recall@10 0.86 raw at nprobe 128); with a flat
    quantizer, IVF2048 reaches 0.96 after re-rank at nprobe 48, and SQ8 plus a 4x re-rank loses
    nothing against uncompressed vectors at the same nprobe while scanning 4x fewer bytes. The
    flat quantizer costs 2048 x 384 multiply-adds a query, a few percent of the list scan.
    ``nprobe`` 16 here is a placeholder: ``build_index`` measures and records the one the data
    needs (tuning.py).
    """
    rule = (
        f"flat (IndexFlatIP) up to {FLAT_LIMIT} profiles; above, "
        "IVF{2^round(log2(2*sqrt(n)))},SQ8 with a flat coarse quantizer, exact re-rank of "
        "2x/4x/8x candidates and nprobe tuned together: the fewest probes reaching recall@10 "
        "0.955 (0.95 + margin) on 1,000 of the roster's own vectors; then adaptive probing "
        "(probing.py: the lists within a tuned centroid-score gap of a query's best, capped) "
        "when it scans fewer codes for the same target"
    )
    if count <= FLAT_LIMIT:
        return IndexPlan(kind="flat", factory="IDMap,Flat", rule=rule)
    if lists == "fine":
        from assistant.casting.coarse import HNSW_M, fine_nlist

        nlist = fine_nlist(count)
        return IndexPlan(
            kind="ivf",
            factory=f"IVF{nlist}_HNSW{HNSW_M},SQ8",
            nlist=nlist,
            nprobe=16,
            rerank=4,
            ef_per_probe=2.0,
            rule=rule + f"; asked for: {FINE_RULE}",
        )
    nlist = 2 ** round(math.log2(2 * math.sqrt(count)))
    return IndexPlan(
        kind="ivf", factory=f"IVF{nlist},SQ8", nlist=nlist, nprobe=16, rerank=4, rule=rule
    )


def train_sample_size(plan: IndexPlan, count: int) -> int:
    """How many of ``count`` vectors train ``plan``'s index (0: it needs no training)."""
    if plan.kind == "flat":
        return 0
    per_list = FINE_TRAIN_PER_LIST if plan.ef_per_probe else TRAIN_PER_LIST
    return min(count, per_list * plan.nlist)


class IndexMeta(BaseModel):
    format: int = FORMAT_VERSION
    model_id: str
    """The embedder's ``cache_key``: vectors from another model are meaningless here."""
    dimension: int
    count: int
    rows: int
    """Rows in ``vectors.f16`` (the next vid); above ``count`` once profiles were removed."""
    plan: IndexPlan
    files: dict[str, list[Any]]
    """File name -> [size in bytes, SHA-256 hex]."""
    generation: int


def rebuild_hint(root: Path) -> str:
    return f"rebuild it with: slate cast index build ROSTER --index {root}"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 22):
            digest.update(chunk)
    return digest.hexdigest()


def current_generation(root: Path) -> Path | None:
    """The live generation folder, or None when the folder holds no index.

    Raises:
        CastingError: ``CURRENT`` is not a folder's name (zero-filled, not text).
    """
    pointer = root / POINTER
    if not pointer.is_file():
        return None
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except UnicodeDecodeError:
        name = "\0"
    if "\0" in name or "/" in name:  # (a NUL made every later path call raise ValueError)
        raise CastingError(
            f"The casting index in {root} is damaged: {POINTER} does not name a generation; "
            f"{rebuild_hint(root)}"
        )
    return root / name


def read_meta(root: Path, *, verify: bool = True, model_id: str | None = None) -> IndexMeta:
    """The live generation's header, checked against its files (sizes always, SHA-256 when
    ``verify``) and against ``model_id`` when given.

    Raises:
        CastingError: no index, or a missing, truncated, corrupt or mismatched one (one line that
            says which and gives the rebuild command).
    """
    return read_live(root, verify=verify, model_id=model_id)[1]


def read_live(
    root: Path, *, verify: bool = True, model_id: str | None = None
) -> tuple[Path, IndexMeta]:
    """The live generation's folder and its header checked as ``read_meta`` does, from one read
    of ``CURRENT``: reading it again to find the folder could name the next generation, if a
    change landed in between, whose files this header (count, rows, checksums) does not describe.

    Raises:
        CastingError: as ``read_meta``.
    """
    gen = live_generation(root)
    return gen, check_generation(root, gen, verify=verify, model_id=model_id)


def live_generation(root: Path) -> Path:
    """The folder ``CURRENT`` names.

    Raises:
        CastingError: no index in ``root``, or a damaged ``CURRENT``.
    """
    gen = current_generation(root)
    if gen is None:
        raise CastingError(
            f"No casting index in {root}/: build one from a roster with "
            f"'slate cast index build ROSTER --index {root}' (ROSTER 'demo' is the bundled demo "
            "roster of fictional actors)"
        )
    return gen


def check_generation(
    root: Path, gen: Path, *, verify: bool = True, model_id: str | None = None
) -> IndexMeta:
    """The header of generation ``gen``, checked as ``read_meta`` does (its errors)."""
    try:
        meta = IndexMeta.model_validate_json((gen / "meta.json").read_bytes())
    except (OSError, ValidationError) as exc:
        raise CastingError(
            f"The casting index in {root} has no readable header "
            f"({gen.name}/meta.json); {rebuild_hint(root)}"
        ) from exc
    if meta.format != FORMAT_VERSION:
        raise CastingError(
            f"The casting index in {root} is format {meta.format}, this Slate "
            f"reads {FORMAT_VERSION}; {rebuild_hint(root)}"
        )
    for name, (size, digest) in meta.files.items():
        path = gen / name
        actual = path.stat().st_size if path.is_file() else -1
        if actual != size:
            what = "is missing" if actual < 0 else f"has {actual} bytes, header says {size}"
            raise CastingError(
                f"The casting index in {root} is damaged: {name} {what} "
                f"(truncated?); {rebuild_hint(root)}"
            )
        if verify and _sha256(path) != digest:
            raise CastingError(
                f"The casting index in {root} is damaged: {name} fails its "
                f"checksum; {rebuild_hint(root)}"
            )
    if model_id is not None and meta.model_id != model_id:
        raise CastingError(
            f"The casting index in {root} was built with embedder "
            f"{meta.model_id!r}, the configured one is {model_id!r}; "
            f"{rebuild_hint(root)}"
        )
    return meta


def new_faiss_index(
    plan: IndexPlan, dimension: int, sample: npt.NDArray[np.float32]
) -> tuple[Any, TwoLevel | None]:
    """An empty FAISS index for ``plan``, trained on ``sample`` when it needs training, and for
    the fine plan its two-level k-means (whose groups assign the build's vectors to lists)."""
    import faiss

    from assistant.casting.coarse import train_fine

    index = faiss.index_factory(dimension, plan.factory, faiss.METRIC_INNER_PRODUCT)
    if plan.ef_per_probe:
        return index, train_fine(index, sample, niter=KMEANS_ITERATIONS)
    if not index.is_trained:
        if plan.kind == "ivf":
            faiss.extract_index_ivf(index).cp.niter = KMEANS_ITERATIONS
        index.train(sample)
    return index, None


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


class Generation:
    """A generation being written: files go into a temporary folder, ``commit`` publishes it."""

    def __init__(self, root: Path, number: int) -> None:
        self.root = root
        self.number = number
        self.name = f"gen-{number:06d}"
        root.mkdir(parents=True, exist_ok=True)
        self.tmp = root / f".{self.name}.tmp-{os.getpid()}"
        if self.tmp.exists():
            shutil.rmtree(self.tmp)
        self.tmp.mkdir()

    def commit(self, meta_fields: dict[str, Any]) -> IndexMeta:
        """Checksum the files, write the header, rename the folder, switch ``CURRENT``."""
        files = {}
        for name in FILES:
            path = self.tmp / name
            with path.open("rb") as handle:
                os.fsync(handle.fileno())
            files[name] = [path.stat().st_size, _sha256(path)]
        meta = IndexMeta(files=files, generation=self.number, **meta_fields)
        (self.tmp / "meta.json").write_text(meta.model_dump_json(indent=2), encoding="utf-8")
        final = self.root / self.name
        if final.exists():
            shutil.rmtree(final)
        os.replace(self.tmp, final)
        write_atomic(self.root / POINTER, f"{self.name}\n".encode())
        self._prune()
        return meta

    def abort(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)

    def _prune(self) -> None:
        """Remove older generations and temporary folders left by crashed writes.

        The previous generation is kept one round, for a reader about to lease it; an older one
        that an open index still leases is kept until a later change (leases.py).
        """
        keep = {self.name, f"gen-{self.number - 1:06d}"}
        for child in self.root.iterdir():
            stale_gen = child.name.startswith("gen-") and child.name not in keep
            stale_tmp = child.name.startswith(".gen-") and child != self.tmp
            if child.is_dir() and stale_gen:
                remove_unleased(child)
            elif child.is_dir() and stale_tmp:
                with contextlib.suppress(OSError):
                    shutil.rmtree(child)


def next_generation_number(root: Path) -> int:
    try:
        gen = current_generation(root)
    except CastingError:  # a damaged pointer: the rebuild that mends it starts again at 1
        return 1
    if gen is None:
        return 1
    try:
        return int(gen.name.removeprefix("gen-")) + 1
    except ValueError:
        return 1


def write_vectors(path: Path, vectors: npt.NDArray[np.float32]) -> None:
    import numpy as np

    with path.open("wb") as handle:
        for start in range(0, len(vectors), 200_000):
            np.ascontiguousarray(vectors[start : start + 200_000], dtype=np.float16).tofile(handle)


def map_vectors(path: Path, dimension: int) -> npt.NDArray[np.float16]:
    """``vectors.f16`` memory-mapped read-only: pages load only for the rows a search touches."""
    import numpy as np

    if path.stat().st_size == 0:
        return np.zeros((0, dimension), dtype=np.float16)
    # a plain ndarray over the map: rows gathered from an np.memmap come back as memmap
    # objects, whose per-call set-up showed in one-query-at-a-time profiles
    return np.asarray(np.memmap(path, dtype=np.float16, mode="r")).reshape(-1, dimension)


def save_json(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data), encoding="utf-8")
