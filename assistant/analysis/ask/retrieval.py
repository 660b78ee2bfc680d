"""Finding the scenes that bear on a question: embed scene chunks, rank by cosine similarity.

Each scene's text (heading, action, ``Name: speech``) is cut into chunks of ``CHUNK_WORDS`` words
that overlap by ``CHUNK_OVERLAP``; every chunk starts with the scene heading, so a chunk from the
middle of a scene still says where it is. A scene scores the best similarity of its chunks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from assistant.analysis.scene_text import read_scene
from assistant.models.base import Embedder
from assistant.script.model import Screenplay

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

CHUNK_WORDS = 150
"""Words per chunk. MiniLM reads 256 word pieces and cuts the rest; English screenplay text runs
about 1.3 pieces a word, so 150 words plus a heading stay inside the window."""
CHUNK_OVERLAP = 30
"""Words shared by consecutive chunks, so a line cut at a boundary is whole in one of them."""


class RetrievedScene(BaseModel):
    """A scene chosen for a question, with its text and how well it matched."""

    model_config = ConfigDict(extra="forbid")

    index: int
    """Position in ``Screenplay.scenes`` (0-based)."""
    number: str
    """What to call it: the 1-based position (as ``slate score`` numbers scenes), then any written
    number, e.g. ``6 (#5)``."""
    heading: str
    text: str
    """The scene's plain text (heading, action, ``Name: speech``), uncut."""
    score: float
    """Best cosine similarity of the scene's chunks to the question (-1..1)."""


@dataclass(frozen=True)
class SceneChunk:
    scene: int
    text: str


def scene_label(screenplay: Screenplay, index: int) -> str:
    """The 1-based position; with the written number beside it when the script has one (``6 (#5)``).

    Position first because written numbers repeat or skip (``10``, ``10A``) and a script may number
    only some scenes, so they cannot name a scene alone.
    """
    written = screenplay.scenes[index].number
    return f"{index + 1} (#{written})" if written else str(index + 1)


def chunk_words(text: str, words: int = CHUNK_WORDS, overlap: int = CHUNK_OVERLAP) -> list[str]:
    """``text`` in windows of ``words`` words, consecutive windows sharing ``overlap`` words."""
    tokens = text.split()
    if len(tokens) <= words:
        return [" ".join(tokens)]
    step = max(1, words - overlap)
    return [" ".join(tokens[i : i + words]) for i in range(0, len(tokens) - overlap, step)]


def scene_chunks(screenplay: Screenplay) -> list[SceneChunk]:
    """Every scene's text in heading-prefixed chunks; empty scenes are left out."""
    chunks: list[SceneChunk] = []
    for index, scene in enumerate(screenplay.scenes):
        read = read_scene(scene)
        body = read.text[len(read.heading) :].strip() if read.heading else read.text
        if not body and not read.heading:
            continue
        for piece in chunk_words(body) if body else [""]:
            chunks.append(SceneChunk(index, f"{read.heading}\n{piece}".strip()))
    return chunks


class SceneIndex:
    """Scene chunks of one screenplay and their vectors, ready to search.

    Args:
        screenplay: the script.
        embedder: embeds the chunks now and each question later (same model).
    """

    def __init__(self, screenplay: Screenplay, embedder: Embedder) -> None:
        self.screenplay = screenplay
        self.embedder = embedder
        self.chunks = scene_chunks(screenplay)
        self.vectors: npt.NDArray[np.float32] = embedder.embed([c.text for c in self.chunks])

    def search(self, question: str, k: int = 4) -> list[RetrievedScene]:
        """The ``k`` scenes most similar to ``question``, best first."""
        import numpy as np

        if not self.chunks or k <= 0:
            return []
        query = self.embedder.embed([question])[0]
        similarity = self.vectors @ query
        best: dict[int, float] = {}
        for chunk, score in zip(self.chunks, similarity.tolist(), strict=True):
            if score > best.get(chunk.scene, -np.inf):
                best[chunk.scene] = float(score)
        ranked = sorted(best.items(), key=lambda item: (-item[1], item[0]))[:k]
        return [self._retrieved(index, score) for index, score in ranked]

    def _retrieved(self, index: int, score: float) -> RetrievedScene:
        read = read_scene(self.screenplay.scenes[index])
        return RetrievedScene(
            index=index,
            number=scene_label(self.screenplay, index),
            heading=read.heading or "(no heading)",
            text=read.text[len(read.heading) :].strip() if read.heading else read.text,
            score=round(score, 4),
        )


def retrieve_scenes(
    screenplay: Screenplay, question: str, embedder: Embedder, k: int = 4
) -> Sequence[RetrievedScene]:
    """The ``k`` scenes of ``screenplay`` most relevant to ``question``, best first."""
    return SceneIndex(screenplay, embedder).search(question, k)
