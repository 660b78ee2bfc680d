"""BM25 over each profile's search text (bio, skills, accents, credits), with bm25s."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.casting.queries import check_vids

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

_TOKEN = re.compile(r"(?u)\b\w\w+\b")


def tokens(text: str) -> list[str]:
    """Lower-case words of two letters or more, English stop words dropped (as bm25s does)."""
    from bm25s.stopwords import STOPWORDS_EN

    stop = set(STOPWORDS_EN)
    return [t for t in _TOKEN.findall(text.lower()) if t not in stop]


class Lexical:
    """A BM25 index whose document ``i`` is the profile with vid ``vids[i]``."""

    def __init__(self, retriever: Any, vids: npt.NDArray[np.int64], rows: int) -> None:
        import numpy as np

        self.retriever = retriever
        self.vids = vids
        self.position = np.full(rows, -1, dtype=np.int64)
        """vid -> document number (-1: no such profile)."""
        self.position[vids] = np.arange(len(vids))

    @classmethod
    def build(cls, docs: list[tuple[int, str]], rows: int) -> Lexical:
        import bm25s
        import numpy as np

        retriever = bm25s.BM25()
        corpus = [tokens(text) or ["_"] for _, text in docs]
        if corpus:
            retriever.index(corpus, show_progress=False)
        return cls(retriever, np.array([v for v, _ in docs], dtype=np.int64), rows)

    def save(self, folder: Path) -> None:
        import numpy as np

        folder.mkdir()
        if len(self.vids):
            self.retriever.save(str(folder), show_progress=False)
        np.save(folder / "vids.npy", self.vids)

    @classmethod
    def load(cls, folder: Path, rows: int) -> Lexical:
        import bm25s
        import numpy as np

        vids = np.load(folder / "vids.npy")
        retriever = (
            bm25s.BM25.load(str(folder), show_progress=False, verbosity=0)
            if len(vids)
            else bm25s.BM25()
        )
        return cls(retriever, vids, rows)

    def scores(self, query: str, vids: npt.NDArray[np.int64]) -> npt.NDArray[np.float32]:
        """The BM25 score of each of ``vids`` for ``query`` (0 for no shared word)."""
        import numpy as np

        words = [w for w in tokens(query) if w in self.retriever.vocab_dict]
        if not words or not len(self.vids):
            return np.zeros(len(vids), dtype=np.float32)
        every = np.asarray(self.retriever.get_scores(words), dtype=np.float32)
        if vids is self.vids:  # every profile, in document order: no gather (1M rows at 1M)
            return every
        check_vids(vids, len(self.position))
        position = self.position[vids]
        scores = every[position]
        if int(position.min(initial=0)) < 0:  # a vid with no document (a removed profile):
            scores[position < 0] = 0.0  # 0, not the last document's score that -1 reads
        return scores
