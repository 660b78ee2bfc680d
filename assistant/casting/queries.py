"""Query vectors checked before they reach FAISS's raw-pointer calls.

The hot search paths call FAISS through SWIG directly (``search_c``, ``search_preassigned_c``,
``fvec_inner_products_ny``: probing.py, catalog.py, tuning.py), skipping the Python wrapper's
checks to save ~10 us a lone query. Such a call is handed a bare pointer and a row count and
reads rows x the index's width of float32 from it: a query of another width, a 1-D vector
(whose length passes for a row count) or a row count that disagrees with the lists would be
read past its end (wrong results, or a crash), and float64 or strided memory would be read as
other numbers. So every such path passes its queries through ``as_queries`` first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from assistant.errors import CastingError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt


def as_queries(queries: Any, dimension: int) -> npt.NDArray[np.float32]:
    """``queries`` as the C-contiguous float32 ``(n, dimension)`` block FAISS reads: float16,
    float64, integer or strided input is converted (an array already in that form is returned
    as it is, no copy).

    Raises:
        CastingError: not a 2-D array of numbers ``dimension`` wide.
    """
    import numpy as np

    try:
        array = queries if isinstance(queries, np.ndarray) else np.asarray(queries)
    except ValueError as exc:  # (a ragged list of lists)
        raise CastingError(f"Casting query vectors are not an array: {exc}") from exc
    if array.dtype.kind not in "fiu":  # (complex, text, objects: nothing FAISS can read)
        raise CastingError(f"Casting query vectors must be numbers, not {array.dtype}")
    # the searches' own float32 rows come back as they are (no copy); the whole check is
    # ~0.5 us over the conversion every raw call made before
    out = np.ascontiguousarray(array, dtype=np.float32)
    shape = out.shape
    if len(shape) != 2 or shape[1] != dimension:
        raise CastingError(
            f"Casting search needs query vectors as an (n, {dimension}) array, the index's "
            f"width; got shape {tuple(shape)} (built with another embedder?)"
        )
    return out


def check_k(k: int, what: str = "result") -> None:
    """Raises CastingError unless ``k`` (results, or lists probed, per query) is at least 1."""
    if k < 1:
        raise CastingError(f"Casting search needs at least 1 {what} per query, not {k}")


def check_vids(vids: Any, rows: int) -> None:
    """Raises CastingError unless ``vids`` is a 1-D integer array of rows of the index (0 to
    ``rows`` - 1).

    A program's own array of vids is indexed into numpy arrays by vid (``vectors.f16``'s rows,
    the ANN mask, BM25's vid -> document map), where -1 silently means the last row: a
    profile the caller never named. Kept filters' vids come from the index and skip this."""
    import numpy as np

    array = np.asarray(vids)
    if array.ndim != 1 or (array.size and array.dtype.kind not in "iu"):
        raise CastingError(
            "Casting search needs profile numbers as a 1-D integer array, not "
            f"{array.dtype} of shape {array.shape}"
        )
    if array.size and (int(array.min()) < 0 or int(array.max()) >= rows):
        raise CastingError(
            f"Casting search was given profile numbers outside 0..{rows - 1} "
            f"({int(array.min())} to {int(array.max())})"
        )
