"""Sentence vectors embedded on demand, in the background, and kept on disk per script.

Embedding every sentence of a feature script (about 3,000 texts, ~10 ms of CPU each for MiniLM on
this machine) takes 30 s of CPU, so the index embeds only the scene headings (cheap) and the
sentences arrive three ways:

- **on disk**: once every sentence of a script is embedded, the vectors are saved under
  ``<cache_dir>/ask-index/sentences-<content hash>.npy`` (atomically; the key covers the
  embedder and every sentence), so a later run starts with all of them;
- **in the background** (``start_background``): a thread embeds the rest in small batches after
  the index is built, pausing while a question is being answered (``busy``), so later questions
  find their scenes embedded and never wait;
- **at question time** (``ensure`` for whole scenes, ``ensure_sentences`` for a few chosen
  sentences): what a question needs and the background has not reached yet.

A scene scores the best of the sentences embedded so far (``best``); the same vectors rank the
sentences an answer quotes (``similarity``).
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import io
import logging
import threading
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.analysis.ask.script_facts import ScriptFacts
from assistant.files import write_atomic
from assistant.models.base import Embedder

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

log = logging.getLogger(__name__)

BACKGROUND_BATCH = 4
"""Sentences per background encode call: a question that arrives mid-batch shares the cores with
at most this many sentences (~40 ms of CPU). On the benchmark (load 16-18) 8 gave extractive
answers a median / p95 of 108 / 184 ms of process CPU, 4 gave 91 / 149 ms; the background took
130 s instead of 98 s to embed all of Die Hard."""
CACHE_VERSION = "1"
"""Part of the disk cache key: bump when what a sentence text means changes."""


def uncached(embedder: Embedder) -> Embedder:
    """The embedder behind a disk cache, for texts a question embeds that are worth more now than
    later: the question itself (rarely asked twice) and the few sentences it embeds while the
    background runs (which the background or its saved file keeps anyway). The cache's SQLite
    commit is a synced write per call, and two of them were the wall-clock tail of an answer."""
    from assistant.models.embedding_cache import CachedEmbedder

    return embedder.inner if isinstance(embedder, CachedEmbedder) else embedder


class SentenceVectors:
    """The vectors of each scene's sentences (``TextUnit.quoted``), embedded when first needed.

    Thread-safe: the background thread and questions may embed at once; each sentence is stored
    once under the lock.

    Args:
        facts: the script's scenes and their sentences.
        embedder: the embedder the question vectors come from (same model).
        cache_dir: where the complete set is saved by content hash; None: no disk cache.
    """

    def __init__(
        self, facts: ScriptFacts, embedder: Embedder, cache_dir: Path | None = None
    ) -> None:
        import numpy as np

        self.facts = facts
        self.embedder = embedder
        self._direct = uncached(embedder)
        self._keys: list[tuple[int, int]] = [
            (scene.index, position)
            for scene in facts.scenes
            for position in range(len(scene.units))
        ]
        self._texts = [u.quoted for scene in facts.scenes for u in scene.units]
        self._row = {key: row for row, key in enumerate(self._keys)}
        self._rows: dict[int, range] = {}
        start = 0
        for scene in facts.scenes:
            self._rows[scene.index] = range(start, start + len(scene.units))
            start += len(scene.units)
        self._matrix: npt.NDArray[np.float32] | None = None
        self._have = np.zeros(len(self._keys), dtype=bool)
        self._lock = threading.Lock()
        self._busy = 0
        self._idle = threading.Condition(self._lock)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._done = threading.Event()
        self.embedded = 0
        """Sentences embedded by this object (the benchmark and tests read it)."""
        self.by_background = 0
        """Of those, embedded by the background thread."""
        self.from_disk = False
        """True when every vector came from the disk cache."""
        self._saved = False
        self._path = self._cache_path(cache_dir)
        self._load()

    # --- what is embedded ---------------------------------------------------------------------

    def __contains__(self, scene: int) -> bool:
        rows = self._rows.get(scene)
        return rows is not None and bool(self._have[rows.start : rows.stop].all())

    @property
    def total(self) -> int:
        """Sentences in the script."""
        return len(self._keys)

    @property
    def complete(self) -> bool:
        """True when every sentence is embedded."""
        return bool(self._have.all())

    def missing(self, scene: int) -> list[int]:
        """Positions of the scene's sentences not embedded yet."""
        rows = self._rows.get(scene, range(0))
        return [row - rows.start for row in rows if not self._have[row]]

    # --- embedding ----------------------------------------------------------------------------

    def ensure(self, scenes: list[int]) -> None:
        """Embed the sentences of those ``scenes`` not embedded yet, in one call."""
        rows = [
            row
            for scene in dict.fromkeys(scenes)
            for row in self._rows.get(scene, range(0))
            if not self._have[row]
        ]
        self._embed_rows(rows)

    def ensure_sentences(self, keys: list[tuple[int, int]]) -> None:
        """Embed those ``(scene, position)`` sentences not embedded yet, in one call."""
        rows = [self._row[k] for k in dict.fromkeys(keys) if k in self._row]
        self._embed_rows([row for row in rows if not self._have[row]], embedder=self._direct)

    def _embed_rows(
        self, rows: list[int], background: bool = False, embedder: Embedder | None = None
    ) -> None:
        import numpy as np

        if not rows:
            return
        vectors = (embedder or self.embedder).embed([self._texts[row] for row in rows])
        with self._lock:
            if self._matrix is None:
                self._matrix = np.zeros((len(self._keys), vectors.shape[1]), dtype=np.float32)
            # A question and the background may have picked the same row (both choose outside
            # the lock): count each sentence once.
            fresh = int((~self._have[rows]).sum())
            self._matrix[rows] = vectors
            self._have[rows] = True
            self.embedded += fresh
            self.by_background += fresh if background else 0
            complete = bool(self._have.all())
        if complete:
            self._save()

    # --- the background -----------------------------------------------------------------------

    def start_background(self) -> None:
        """Embed every sentence not embedded yet in a daemon thread, ``BACKGROUND_BATCH`` at a
        time, waiting while a question is ``busy``; idempotent. Errors end the thread quietly
        (questions then embed what they need themselves)."""
        if self._thread is not None or self.complete:
            self._done.set()
            return
        self._thread = threading.Thread(
            target=self._background, name="slate-ask-sentences", daemon=True
        )
        self._thread.start()
        # A daemon thread killed inside torch at interpreter exit can crash the exit; stop it
        # after its batch instead (a weak reference: the hook keeps nothing alive).
        atexit.register(_close_at_exit, weakref.ref(self))

    def _background(self) -> None:
        try:
            while not self._stop.is_set():
                with self._idle:
                    while self._busy and not self._stop.is_set():
                        self._idle.wait(0.5)
                    todo = [int(r) for r in (~self._have).nonzero()[0][:BACKGROUND_BATCH]]
                if not todo or self._stop.is_set():
                    break
                self._embed_rows(todo, background=True)
        except Exception as exc:  # a failed background never fails a question
            log.debug("background sentence embedding stopped: %s", exc)
        finally:
            self._done.set()

    @contextlib.contextmanager
    def busy(self) -> Iterator[None]:
        """Hold the background back while a question is answered."""
        with self._lock:
            self._busy += 1
        try:
            yield
        finally:
            with self._idle:
                self._busy -= 1
                self._idle.notify_all()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for the background to finish; True when every sentence is embedded."""
        if self._thread is not None:
            self._done.wait(timeout)
        return self.complete

    def close(self) -> None:
        """Stop the background after its current batch (vectors kept)."""
        self._stop.set()
        with self._idle:
            self._idle.notify_all()
        if self._thread is not None:
            self._thread.join(timeout=5)

    # --- scoring ------------------------------------------------------------------------------

    def best(self, scene: int, query: npt.NDArray[np.float32]) -> float | None:
        """The best cosine of the scene's embedded sentences to ``query``; None: none embedded."""
        rows = self._rows.get(scene)
        if rows is None or self._matrix is None:
            return None
        have = self._have[rows.start : rows.stop]
        if not have.any():
            return None
        return float((self._matrix[rows.start : rows.stop][have] @ query).max())

    def similarity(
        self, query: npt.NDArray[np.float32], scenes: list[int] | None = None
    ) -> dict[tuple[int, int], float]:
        """Cosine of each embedded sentence ``(scene, position)`` to ``query``; of those
        ``scenes`` only when given (an answer reads five scenes: scoring all 3,000 sentences of
        a script and keying them cost ~5 ms a question)."""
        import numpy as np

        if self._matrix is None:
            return {}
        if scenes is None:
            rows = self._have.nonzero()[0]
        else:
            wanted = [np.arange(r.start, r.stop) for i in scenes if (r := self._rows.get(i))]
            rows = np.concatenate(wanted) if wanted else np.zeros(0, dtype=np.int64)
            rows = rows[self._have[rows]]
        cosines = (self._matrix[rows] @ query).tolist()
        return {self._keys[row]: float(c) for row, c in zip(rows.tolist(), cosines, strict=True)}

    # --- disk cache ---------------------------------------------------------------------------

    def _cache_path(self, cache_dir: Path | None) -> Path | None:
        if cache_dir is None or not self._keys:
            return None
        model = getattr(self.embedder, "cache_key", self.embedder.model_id)
        key = hashlib.sha256(
            "\x00".join([CACHE_VERSION, str(model), *self._texts]).encode("utf-8", "replace")
        ).hexdigest()
        return cache_dir / "ask-index" / f"sentences-{key}.npy"

    def _load(self) -> None:
        import numpy as np

        if self._path is None or not self._path.is_file():
            return
        # A damaged cache file (empty, truncated, another dtype or width, NaNs) is recomputed:
        # np.load alone raises EOFError, ValueError, OSError or worse on what a crash leaves.
        try:
            cached = np.load(self._path, allow_pickle=False)
            usable = (
                cached.ndim == 2
                and cached.shape[0] == len(self._keys)
                and cached.dtype.kind == "f"
                and cached.shape[1] == self._width()
                and bool(np.isfinite(cached).all())
            )
        except Exception as exc:
            log.debug("ignoring sentence cache %s: %s", self._path, exc)
            return
        if usable:
            self._matrix = cached.astype(np.float32, copy=False)
            self._have[:] = True
            self.from_disk = True
        else:
            log.debug("ignoring sentence cache %s: shape %s", self._path, cached.shape)

    def _width(self) -> int:
        """The embedder's vector width: one sentence embedded when it does not say (the model is
        loaded for the question anyway); a wrong width would fail the first cosine."""
        width = getattr(self.embedder, "dimensions", None)
        if isinstance(width, int):
            return width
        return int(self.embedder.embed(["a"]).shape[1])

    def _save(self) -> None:
        import numpy as np

        buffer = io.BytesIO()
        with self._lock:
            if self._path is None or self.from_disk or self._saved or self._matrix is None:
                return
            self._saved = True
            np.save(buffer, self._matrix, allow_pickle=False)
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self._path, buffer.getvalue())
            prune_sentence_files(self._path.parent, keep=KEPT_SENTENCE_FILES)
        except Exception as exc:  # a cache never fails a question (disk full, read-only)
            log.debug("cannot cache sentence vectors at %s: %s", self._path, exc)


KEPT_SENTENCE_FILES = 32
"""Saved sentence files kept (the most recently written): each is ~4-5 MB for a feature, and
every edit of a script in the TUI makes a new one for the new text."""


def prune_sentence_files(folder: Path, *, keep: int) -> list[Path]:
    """Delete all but the ``keep`` newest ``sentences-*.npy`` in ``folder``; return the deleted.
    A file another process removes first is skipped."""
    dated: list[tuple[float, Path]] = []
    for path in folder.glob("sentences-*.npy"):
        with contextlib.suppress(OSError):
            dated.append((path.stat().st_mtime, path))
    dated.sort(reverse=True)
    removed: list[Path] = []
    for _, path in dated[keep:]:
        with contextlib.suppress(OSError):
            path.unlink()
            removed.append(path)
    return removed


def _close_at_exit(ref: weakref.ref[SentenceVectors]) -> None:
    vectors = ref()
    if vectors is not None:
        vectors.close()
