"""TRIPOD movies read through Slate: parsed scripts, features, silver targets, reference mapping.

Shared by ``scripts/train_scene_model.py`` and ``scripts/eval_scene_model.py`` so both see the
scripts exactly as ``slate score`` does (Slate's plain-text importer, the same features).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt

from assistant.analysis.beats.projection import whole_scene_vectors
from assistant.analysis.scene_text import read_scene
from assistant.analysis.strength.scene_features import SceneFeatures
from assistant.analysis.strength.scene_strength import compute_features
from assistant.models.base import Embedder
from assistant.script.model import Screenplay
from assistant.training.silver_labels import (
    ProjectionWeights,
    projection_scores,
    scores_to_distribution,
    tfidf_similarity,
)
from assistant.training.tripod_data import (
    TripodMovie,
    reference_heading_lines,
    reference_to_slate,
    slate_to_reference,
)

FloatArray = npt.NDArray[np.float64]

PROJECTION_MAX_TOKENS = 256
"""MiniLM's token cap for the projection's 160-word chunks (about 220 tokens each)."""
PROJECTION_CACHE = Path.home() / ".cache/slate/tp_chunks.sqlite"
"""Where training and evaluation keep the chunk embeddings (~15,000 chunks; ~20 minutes to fill)."""

MIN_TRAINING_SCENES = 10
"""Scripts Slate splits into fewer scenes (headings it cannot see) are left out of training."""


@dataclass
class SynopsisMatch:
    """One annotator's synopsis matched against the script's scenes."""

    scores: FloatArray
    """(5, scenes) projection scores (``silver_labels.projection_scores``)."""


@dataclass
class MovieData:
    """One movie as Slate reads it."""

    movie: TripodMovie
    screenplay: Screenplay
    features: SceneFeatures
    reference_lines: list[int]
    slate_to_ref: list[int | None]
    ref_to_slate: list[int]
    matches: list[SynopsisMatch] = field(default_factory=list)

    @property
    def scene_count(self) -> int:
        return len(self.screenplay.scenes)

    @property
    def reference_count(self) -> int:
        return max(len(self.reference_lines) - 1, 0)

    def silver(self, temperature: float) -> FloatArray:
        """(5, scenes) silver distribution: annotators' softmaxed projections, averaged."""
        rows = [scores_to_distribution(m.scores, temperature) for m in self.matches]
        return np.asarray(np.mean(rows, axis=0), dtype=np.float64)

    def silver_events(self, temperature: float, share_of_peak: float = 0.5) -> list[list[int]]:
        """For each TP, the Slate scenes within ``share_of_peak`` of its silver peak."""
        silver = self.silver(temperature)
        return [np.flatnonzero(row >= share_of_peak * row.max()).tolist() for row in silver]


def read_movie(
    movie: TripodMovie,
    embedder: Embedder,
    *,
    embed_words: int,
    projection_embedder: Embedder | None = None,
    weights: ProjectionWeights | None = None,
) -> MovieData:
    """Parse a TRIPOD script with Slate's plain-text importer, build features and matches.

    Args:
        movie: the movie.
        embedder: the embedder (the real MiniLM for training and evaluation).
        embed_words: words per scene given to the embedder.
        projection_embedder: embeds whole scenes (in ``text_chunks``) for the synopsis projection;
            None matches sentences against the scene openings the features use instead.
        weights: how the synopsis projection adds its signals.

    Returns:
        The movie's data.
    """
    from assistant.script.reading import read_script

    screenplay = read_script(movie.path, format="plain")
    text = movie.read_text()
    features, vectors = compute_features(screenplay, embedder, embed_words=embed_words)
    reference = reference_heading_lines(text)
    starts = [scene.start_line for scene in screenplay.scenes]
    data = MovieData(
        movie=movie,
        screenplay=screenplay,
        features=features,
        reference_lines=reference,
        slate_to_ref=slate_to_reference(starts, reference),
        ref_to_slate=reference_to_slate(starts, reference),
    )
    read = [read_scene(scene) for scene in screenplay.scenes]
    scene_texts = [t.text for t in read]
    if projection_embedder is not None:
        vectors = whole_scene_vectors(read, projection_embedder)
    for synopsis in movie.synopses:
        sentence_vectors = np.asarray(embedder.embed(synopsis.sentences), dtype=np.float64)
        data.matches.append(
            SynopsisMatch(
                scores=projection_scores(
                    embedding_similarity=sentence_vectors @ vectors.T,
                    tfidf_similarity=tfidf_similarity(scene_texts, synopsis.sentences),
                    sentence_count=len(synopsis.sentences),
                    tp_sentences=synopsis.tp_sentences,
                    scene_words=[t.words for t in read],
                    weights=weights,
                )
            )
        )
    return data


def whole_scene_embedder(cache: Path = PROJECTION_CACHE) -> Embedder:
    """MiniLM for the projection's chunks, behind a disk cache shared by training and evaluation."""
    from assistant.models.embedder import SentenceTransformerEmbedder
    from assistant.models.embedding_cache import CachedEmbedder

    inner = SentenceTransformerEmbedder(device="cpu", max_seq_length=PROJECTION_MAX_TOKENS)
    return CachedEmbedder(inner, cache)


def read_movies(
    movies: Sequence[TripodMovie],
    embedder: Embedder,
    *,
    embed_words: int,
    projection_embedder: Embedder | None = None,
    on_movie: Callable[[MovieData], None] | None = None,
) -> list[MovieData]:
    """``read_movie`` over many movies, reporting each as it is done."""
    out = []
    for movie in movies:
        data = read_movie(
            movie, embedder, embed_words=embed_words, projection_embedder=projection_embedder
        )
        if on_movie is not None:
            on_movie(data)
        out.append(data)
    return out


def data_fingerprint(movies: Sequence[TripodMovie]) -> str:
    """SHA-256 over the training inputs: each script's bytes and its synopsis labels."""
    digest = hashlib.sha256()
    for movie in sorted(movies, key=lambda m: m.name):
        digest.update(movie.name.encode())
        digest.update(hashlib.sha256(movie.path.read_bytes()).digest())
        for synopsis in movie.synopses:
            digest.update(repr((synopsis.sentences, synopsis.tp_sentences)).encode())
    return digest.hexdigest()
