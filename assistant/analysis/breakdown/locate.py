"""Finding the 1-based source line of a mention inside a scene's span of the source file.

The script model keeps a scene's start line, not each element's, so a mention found in an
element's text is searched for in the scene's lines (its words in order, any spacing or markup
between them: a wrapped line or ``*gun*`` still matches).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from assistant.script.model import Screenplay


@lru_cache(maxsize=8192)
def _pattern(surface: str) -> re.Pattern[str] | None:
    words = re.findall(r"[A-Za-z0-9]+", surface)
    if not words:
        return None
    return re.compile(r"\b" + r"[\W_]+".join(map(re.escape, words)) + r"\b", re.IGNORECASE)


class SourceLines:
    """The source text split into scene spans, for ``line_of``."""

    def __init__(self, screenplay: Screenplay, text: str | None) -> None:
        self.text = text or ""
        self._line_starts = [0]
        for match in re.finditer("\n", self.text):
            self._line_starts.append(match.end())
        lines = len(self._line_starts)
        starts = [scene.start_line for scene in screenplay.scenes]
        self.spans: list[tuple[int, int] | None] = []
        for i, start in enumerate(starts):
            if start is None or not self.text:
                self.spans.append(None)
                continue
            following = [s for s in starts[i + 1 :] if s is not None and s > start]
            end_line = following[0] if following else lines + 1
            # A mention is looked for after the heading: "EXT. MOUNT GURU" brings no Guru on.
            first = start + 1 if screenplay.scenes[i].heading is not None else start
            begin = self._line_starts[min(first, lines) - 1]
            end = self._line_starts[end_line - 1] if end_line <= lines else len(self.text)
            self.spans.append((begin, end))
        self.fallback = starts

    def line_of(self, scene_index: int, surface: str) -> int | None:
        """The line of the first mention of ``surface`` in the scene; the scene's start line
        when it is not found there (or the script has no source text)."""
        span = self.spans[scene_index]
        pattern = _pattern(surface)
        if span is not None and pattern is not None:
            match = pattern.search(self.text, span[0], span[1])
            if match is not None:
                return bisect_right(self._line_starts, match.start())
        return self.fallback[scene_index]
