"""``vectors.f16``: every vector of a generation as float16, row = vid, read memory-mapped."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt


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
