"""Vids handed to a search from elsewhere (a program's own array, not a kept filter's) are checked:
numpy reads a negative index from the end, so a vid of -1 was the last profile's row (exact),
marked the last profile eligible (ANN mask), or scored as the last BM25 document."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from assistant.casting.catalog import CastingIndex
from assistant.casting.lexical import Lexical
from assistant.errors import CastingError


@pytest.fixture
def index(ivf_root: Path) -> Iterator[CastingIndex]:
    with CastingIndex.open(ivf_root) as opened:
        yield opened


def _query(index: CastingIndex, vid: int) -> np.ndarray:
    return np.ascontiguousarray(index.vectors[vid : vid + 1], dtype=np.float32)


@pytest.mark.parametrize("bad", [-1, -2, 10**6])
@pytest.mark.parametrize("search", ["exact", "ann"])
def test_a_vid_outside_the_rows_is_a_clear_error(
    index: CastingIndex, bad: int, search: str
) -> None:
    last = index.meta.rows - 1
    vids = np.array([0, 1, 2, bad], dtype=np.int64)
    with pytest.raises(CastingError, match="profile numbers"):
        if search == "exact":
            index.exact(_query(index, last), vids, 3)
        else:
            index.ann_search(_query(index, last), 3, vids)


def test_ann_search_over_a_programs_vids_returns_only_those(index: CastingIndex) -> None:
    last = index.meta.rows - 1
    vids = np.array([0, 1, 2], dtype=np.int64)
    ids, _ = index.ann_search(_query(index, last), 3, vids)
    assert set(ids[0].tolist()) <= {0, 1, 2, -1}  # never the last profile, the query itself


def test_bm25_scores_a_vid_without_a_document_zero_not_the_last_documents() -> None:
    lexical = Lexical.build([(0, "juggling"), (2, "juggling and fencing")], rows=4)
    scores = lexical.scores("fencing", np.array([0, 1, 2, 3], dtype=np.int64))
    assert scores[0] == 0 and scores[2] > 0
    assert scores[1] == 0 and scores[3] == 0  # vids 1 and 3 have no document (removed)
    with pytest.raises(CastingError, match="profile numbers"):
        lexical.scores("fencing", np.array([2, -1], dtype=np.int64))
