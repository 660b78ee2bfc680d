"""Sending a question to a script tool by intent, or on to retrieval.

Cheap rules first, where the wording is exact ("how many night exteriors", "turning points");
then the embedder compares the question with each tool's description and example questions, and
with example lookups ("what is in the case"), so routing works with any embedder and without a
model that can call tools. A tool runs only when its intent wins by ``ROUTE_MARGIN`` and scores
at least ``ROUTE_MIN``; a tool that lacks what it needs (no character named) passes the question
on to retrieval.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assistant.analysis.ask import scene_ends, tools
from assistant.analysis.ask.retrieval import tokenize
from assistant.analysis.ask.tools import ToolContext, ToolResult
from assistant.models.base import Embedder

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

ROUTE_MIN = 0.6
"""Least cosine between a question and a tool's examples for the embedder to pick the tool."""
ROUTE_MARGIN = 0.05
"""How far the tool's best example must beat the best lookup example."""


@dataclass(frozen=True)
class Tool:
    """A script tool: what it answers (for the embedder), when a rule picks it, how it runs."""

    name: str
    description: str
    examples: tuple[str, ...]
    rule: re.Pattern[str] | None
    needs_characters: int
    run: Callable[[ToolContext], ToolResult | None]


def _rule(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


TOOLS: tuple[Tool, ...] = (
    Tool(
        "end_scene",
        "What happens in the first or the last scene of the script.",
        ("What happens in the last scene?", "How does the film end?"),
        scene_ends.ASKS,
        0,
        scene_ends.end_scene,
    ),
    Tool(
        "turning_points",
        "The turning points of the story and the scenes they fall in.",
        ("What are the turning points?", "Where is the climax?", "Which scene is the midpoint?"),
        _rule(
            r"\bturning points?\b|\bclimax\b|\bmidpoint\b|\binciting incident\b"
            r"|\bpoint of no return\b|\bmajor setback\b"
        ),
        0,
        tools.turning_points,
    ),
    Tool(
        "speaks_most",
        "Which character speaks the most, has the most lines or dialogue.",
        ("Who speaks most?", "Who has the most lines?", "Which character has the most dialogue?"),
        _rule(
            r"\bwho (speaks|talks|has) (the )?most\b|\bmost (lines|dialogue|words|speeches)\b"
            r"|\bbiggest (speaking )?(part|role)\b"
        ),
        0,
        tools.speaks_most,
    ),
    Tool(
        "length",
        "How many pages the script has, how long it runs, a character's screen time.",
        ("How many pages is the script?", "How long is the film?", "What is Mara's screen time?"),
        _rule(
            r"\bhow many pages\b|\bpage count\b|\bhow long is (the|this) (script|film|movie)\b"
            r"|\brunning time\b|\bscreen ?time\b|\bruntime\b"
        ),
        0,
        tools.length,
    ),
    Tool(
        "shared_scenes",
        "Every scene two characters are both in, together.",
        ("Which scenes have both Mara and Benno?", "How many scenes are Ann and Joe in together?"),
        _rule(
            r"\b(which|what|how many|list)\b.*\bscenes\b|\bscenes\b.*\b(both|together)\b"
            r"|\bboth\b|\btogether\b"
        ),
        2,
        tools.shared_scenes,
    ),
    Tool(
        "main_locations",
        "Where the story is set: its main locations, the places most scenes happen.",
        ("Where is the story set?", "What are the main locations?", "Where does it take place?"),
        _rule(
            r"\bwhere (is|was|does|did) (the |this )?(story|film|movie|script|action)\b"
            r"|\bwhere does (it|this) take place\b|\b(main|most (common|used|frequent)) "
            r"(locations?|settings?|sets?|places?)\b|\bwhat (are the )?locations\b"
        ),
        0,
        tools.main_locations,
    ),
    Tool(
        "first_shared_scene",
        "Where two characters first meet or first share a scene.",
        ("Where do Mara and Benno first meet?", "What is the first scene with both Ann and Joe?"),
        _rule(
            r"\bmeet\b|\bmeets\b|\bshare a scene\b|\btogether\b|\bsame scene\b"
            r"|\bfirst\b.*\bboth\b|\bfirst scene with\b"
        ),
        2,
        tools.first_shared_scene,
    ),
    Tool(
        "first_appearance",
        "A character's first appearance in the script and how they are described.",
        ("When does Mara first appear?", "How is Benno introduced?", "How is Odile described?"),
        _rule(
            r"\bfirst (appear|appears|appearance|seen|enter|enters|shows? up)\b|\bintroduc"
            r"|\bdescribed\b|\bdescription of\b"
        ),
        1,
        tools.first_appearance,
    ),
    Tool(
        "scene_counts",
        "How many scenes, interiors or exteriors, day or night scenes, scenes at a location.",
        (
            "How many scenes are there?",
            "How many night exteriors?",
            "How many locations?",
            "How many scenes are set in the kitchen?",
        ),
        _rule(r"\bhow many\b.*\b(scenes?|locations?|interiors?|exteriors?|sets?)\b"),
        0,
        tools.scene_counts,
    ),
    Tool(
        "character_scenes",
        "Which scenes a character is in, speaks in or is mentioned in.",
        ("Which scenes is Mara in?", "In what scenes does Benno speak?", "List Odile's scenes."),
        _rule(
            r"\b(which|what) scenes\b|\bscenes (is|does|with|of)\b|\bappear(s)? in\b"
            r"|\b\w+'s scenes\b"
        ),
        1,
        tools.character_scenes,
    ),
)

LOOKUP_EXAMPLES = (
    "What does she find in the drawer?",
    "Why does he leave the house?",
    "What does the letter say?",
    "Where does the hero hide the money?",
    "What happens after the explosion?",
    "What is the name of the ship?",
)
"""Questions answered from the text, not by a tool: the embedder's alternative to every tool."""


class Router:
    """Picks the tool for a question, if any (example vectors embedded once per router)."""

    def __init__(self, embedder: Embedder | None) -> None:
        self.embedder = embedder
        self._examples: npt.NDArray[np.float32] | None = None
        self._owners: list[str] = []
        self._vocabulary: set[str] | None = None

    def _example_vectors(self) -> npt.NDArray[np.float32] | None:
        if self.embedder is None:
            return None
        if self._examples is None:
            texts: list[str] = []
            for tool in TOOLS:
                for text in (tool.description, *tool.examples):
                    texts.append(text)
                    self._owners.append(tool.name)
            texts.extend(LOOKUP_EXAMPLES)
            self._owners.extend(["lookup"] * len(LOOKUP_EXAMPLES))
            self._examples = self.embedder.embed(texts)
        return self._examples

    def _shares_a_word(self, question: str) -> bool:
        """True when a content word of the question occurs in some tool's description or
        examples: "Where is the brass compass?" shares only "where is the" with "Where is the
        climax?", and embedders rate such pairs close."""
        if self._vocabulary is None:
            texts = [text for tool in TOOLS for text in (tool.description, *tool.examples)]
            self._vocabulary = {t for text in texts for t in tokenize(text)}
        return bool(set(tokenize(question)) & self._vocabulary)

    def candidates(
        self, question: str, ctx: ToolContext, query: npt.NDArray[np.float32] | None = None
    ) -> list[Tool]:
        """Tools to try in order: those whose rule matches, then the embedder's pick."""
        out = [
            t
            for t in TOOLS
            if t.rule is not None
            and t.rule.search(question)
            and len(ctx.characters) >= t.needs_characters
        ]
        if out:
            return out
        examples = self._example_vectors()
        if examples is None or self.embedder is None or not self._shares_a_word(question):
            return []
        vector = self.embedder.embed([question])[0] if query is None else query
        best: dict[str, float] = {}
        for owner, score in zip(self._owners, (examples @ vector).tolist(), strict=True):
            best[owner] = max(best.get(owner, -1.0), float(score))
        lookup = best.pop("lookup", -1.0)
        name, score = max(best.items(), key=lambda item: item[1])
        tool = next(t for t in TOOLS if t.name == name)
        if (
            score >= ROUTE_MIN
            and score >= lookup + ROUTE_MARGIN
            and len(ctx.characters) >= tool.needs_characters
        ):
            return [tool]
        return []

    def route(
        self, ctx: ToolContext, query: npt.NDArray[np.float32] | None = None
    ) -> tuple[Tool, ToolResult] | None:
        """The first candidate tool that answers, with its result; None: go to retrieval."""
        for tool in self.candidates(ctx.question, ctx, query):
            result = tool.run(ctx)
            if result is not None:
                return tool, result
        return None
