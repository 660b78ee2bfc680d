"""Sentence vectors embedded on demand, a few scenes at a time.

Embedding every sentence of a feature script (about 3,000 texts) took 9 s on two quiet cores and
~100 s on the loaded benchmark machine, before the first question could be answered. The index
now ranks every scene by BM25 and by its heading's vector (cheap), and embeds the sentences of
only the candidate scenes a question reaches (``retrieval.CANDIDATE_SCENES``); a scene embedded
once stays in memory, so later questions about the same scenes embed nothing. Across runs the
embedder's own disk cache (``models.embedder.cache``: SQLite keyed by model and text hash) serves
the same vectors again. On the dev set's tuning half this ranks as well as embedding everything
(hit@5 96.2% both; docs/chat.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.analysis.ask.script_facts import ScriptFacts
from assistant.models.base import Embedder

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt


class SentenceVectors:
    """The vectors of each scene's sentences (``TextUnit.quoted``), embedded when first needed.

    Args:
        facts: the script's scenes and their sentences.
        embedder: the embedder the question vectors come from (same model).
    """

    def __init__(self, facts: ScriptFacts, embedder: Embedder) -> None:
        self.facts = facts
        self.embedder = embedder
        self._vectors: dict[int, npt.NDArray[np.float32]] = {}
        self.embedded = 0
        """Sentences embedded so far (the benchmark and tests read it)."""

    def __contains__(self, scene: int) -> bool:
        return scene in self._vectors

    def ensure(self, scenes: list[int]) -> None:
        """Embed the sentences of those ``scenes`` not embedded yet, in one call."""
        import numpy as np

        todo = [i for i in dict.fromkeys(scenes) if i not in self._vectors]
        texts: list[str] = []
        for i in todo:
            texts.extend(u.quoted for u in self.facts.scenes[i].units)
        vectors = self.embedder.embed(texts) if texts else np.zeros((0, 0), dtype=np.float32)
        self.embedded += len(texts)
        start = 0
        for i in todo:
            count = len(self.facts.scenes[i].units)
            self._vectors[i] = vectors[start : start + count]
            start += count

    def best(self, scene: int, query: npt.NDArray[np.float32]) -> float | None:
        """The best cosine of an embedded scene's sentences to ``query``; None: not embedded or
        no sentences."""
        vectors = self._vectors.get(scene)
        if vectors is None or not len(vectors):
            return None
        return float((vectors @ query).max())

    def similarity(self, query: npt.NDArray[np.float32]) -> dict[tuple[int, int], float]:
        """Cosine of each embedded sentence ``(scene, position)`` to ``query``."""
        out: dict[tuple[int, int], float] = {}
        for scene, vectors in self._vectors.items():
            if len(vectors):
                for position, cosine in enumerate((vectors @ query).tolist()):
                    out[(scene, position)] = float(cosine)
        return out
