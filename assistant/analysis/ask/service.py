"""One question end to end: a script tool, else retrieval and the extractive answer, and with a
capable model a generated answer that must pass the grounding check.

``Asker`` holds what one script needs (facts, index, router, sentence ranker, models), so a batch
of questions loads the models and builds the index once. The tiny default model (SmolLM2-135M)
does not write answers unless asked to (``use_llm=True``): on the dev set it held the needed facts
in few answers and its fallbacks cost seconds each (docs/chat.md); any other configured model
writes them.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from assistant.analysis.ask.answers import Answer, AnswerDelta, AnswerEvent, CitedScene
from assistant.analysis.ask.extractive import Extracted, SentenceRanker, extract, quote_of
from assistant.analysis.ask.grounding import adds_nothing, declines, unsupported
from assistant.analysis.ask.prompt_plan import AskPlan, plan_answer
from assistant.analysis.ask.retrieval import NO_HEADING, RetrievedScene, SceneIndex
from assistant.analysis.ask.routing import Router
from assistant.analysis.ask.script_facts import script_facts
from assistant.analysis.ask.tools import ToolContext
from assistant.config import Settings
from assistant.errors import AnalysisError
from assistant.models.base import Embedder, GenerationOptions, TextModel
from assistant.script.model import Screenplay

if TYPE_CHECKING:
    from assistant.script.stats_models import ScriptStats

CITED_SCENES = 5
"""Scenes retrieved and cited for a lookup (the dev set's hit@5 is measured on these)."""
PROMPT_LINES = 8
"""Best-supported sentences put at the top of the generation prompt."""
TINY_PROMPT_TOKENS = 320
"""Prompt budget when the tiny default model is made to write (``--llm``): the lines and as much
of the best scene as fits. SmolLM2 reads ~400 prompt tokens/s on 2 quiet cores, so the full
1536-token budget put the first word 4 s (23 s on the loaded benchmark machine) after retrieval,
and 400 tokens 1.02 s at load 0.7 (goal < 1 s); the answer is to come from the lines anyway."""
QUESTION_SENTENCES = 4
"""With the background on, the most sentences a question embeds itself (those of its candidate
scenes sharing most of its words) when the background has not reached them: MiniLM costs ~6-10
ms of CPU a sentence here. On the tuning half with nothing embedded beforehand, 8 and 16 both
gave hit@5 88.5% and 57.6% of answers with all keywords (0: 76.9%, with 21% false abstentions);
after wave 6's changes 4 and 8 both give 88.5% and 60.6%, no false abstention, at a median
answer of 176 against 260 ms (load 8); docs/chat.md."""


def is_tiny_default(settings: Settings) -> bool:
    """True when the text model is the shipped default, SmolLM2-135M (no path configured, or the
    path of the fetched file)."""
    from assistant.models.known import SMOLLM2_GGUF

    generator = settings.models.generator
    if generator.backend != "transformers":
        return False
    return generator.path is None or generator.path.name == SMOLLM2_GGUF.filename


def scene_strength_picks(screenplay: Screenplay, embedder: Embedder) -> list[tuple[str, int]]:
    """The turning points as ``(name, scene index)``, from the scene-strength entry.

    The one place ask calls scene strength; imported here because it loads the shipped model.
    """
    from assistant.analysis.strength.scene_strength import score_screenplay as score

    report = score(screenplay, embedder)
    return [(pick.name, pick.scene_index) for pick in report.turning_points]


class Asker:
    """Answers questions about one screenplay.

    Args:
        screenplay: the parsed script.
        settings: ask and model settings; ``cache_dir`` holds the index cache.
        use_llm: write answers with the text model; None: only when it is not the tiny default.
        embedder: the embedder (default: the configured one).
        model: the text model (default: the configured one, loaded on first generated answer).
        on_progress: receives one-line notes.
        background: embed the script's sentences in a background thread once the index is
            built (for sessions and batches: later questions find them embedded); each question
            then embeds at most ``QUESTION_SENTENCES`` itself. False: a question embeds every
            sentence of its candidate scenes (one-shot questions, reproducible evaluation).
    """

    def __init__(
        self,
        screenplay: Screenplay,
        settings: Settings,
        *,
        use_llm: bool | None = None,
        embedder: Embedder | None = None,
        model: TextModel | None = None,
        on_progress: Callable[[str], None] | None = None,
        background: bool = False,
    ) -> None:
        from assistant.models.registry import get_embedder

        self.screenplay = screenplay
        self.settings = settings
        self.use_llm = (not is_tiny_default(settings)) if use_llm is None else use_llm
        self._model = model
        self._loaded = False
        self._report = on_progress or (lambda _message: None)
        if self.use_llm and model is None:  # a misnamed backend is reported before indexing
            from assistant.models.registry import get_text_model

            self._model = get_text_model(settings)
            self._loaded = False
        self.embedder = embedder or get_embedder(settings)
        self.facts = script_facts(screenplay)
        if not any(s.text for s in self.facts.scenes):
            raise AnalysisError("The script has no scene text to answer from")
        self._report(f"Indexing {len(screenplay.scenes)} scenes...")
        cache = settings.cache_dir if settings.models.embedder.cache else None
        self.index = SceneIndex(
            screenplay, self.embedder, cache_dir=cache, facts=self.facts,
            question_sentences=QUESTION_SENTENCES if background else None,
        )  # fmt: skip
        if background:
            self.index.sentences.start_background()
        self.router = Router(self.embedder)
        self.ranker = SentenceRanker(self.facts)
        self.paths: Counter[str] = Counter()
        """How many answers took each path (``tool``, ``extractive``, ``generated``,
        ``fallback``: a generated answer that failed the grounding check, ``abstained``,
        ``cancelled``: generation stopped by the caller)."""
        self._picks: list[tuple[str, int]] | None = None
        self._stats: list[ScriptStats] = []
        """``slate stats`` of the script, computed by the first tool that needs it, kept."""

    def close(self) -> None:
        """Stop the background embedding (after its current batch)."""
        self.index.sentences.close()

    def model(self) -> TextModel:
        from assistant.models.registry import get_text_model

        if self._model is None:
            self._model = get_text_model(self.settings)
        if not self._loaded:
            self._report(f"Loading {self._model.model_id}...")
            self._model.load()
            self._loaded = True
        return self._model

    def _turning_points(self) -> list[tuple[str, int]]:
        if self._picks is None:
            self._picks = scene_strength_picks(self.screenplay, self.embedder)
        return self._picks

    def ask(self, question: str, cancel: threading.Event | None = None) -> Answer:
        """Answer one question (the last event of ``stream``).

        Raises:
            AnalysisError: the question is empty.
            ModelUnavailableError: a generated answer was wanted and the model cannot load.
        """
        for event in self.stream(question, cancel):
            if isinstance(event, Answer):
                return event
        raise AnalysisError("The answer stream ended without an answer")  # pragma: no cover

    def stream(self, question: str, cancel: threading.Event | None = None) -> Iterator[AnswerEvent]:
        """Answer one question as events: the model's text piece by piece (``AnswerDelta``) when
        it writes the answer, then the ``Answer``. Tool and extractive answers are computed, so
        their stream is the ``Answer`` alone.

        Cancelling (``cancel`` set, or closing the iterator) stops generation; the ``Answer``
        then holds what was written so far, with ``reason`` saying it was cut short.

        Raises:
            AnalysisError: the question is empty.
            ModelUnavailableError: a generated answer was wanted and the model cannot load.
        """
        question = " ".join(question.split())
        if not question:
            raise AnalysisError("The question is empty")
        with self.index.sentences.busy():
            yield from self._stream(question, cancel)

    def _stream(self, question: str, cancel: threading.Event | None) -> Iterator[AnswerEvent]:
        query = self.index.query_vector(question)
        ctx = ToolContext(
            question, self.screenplay, self.facts, self.facts.find_characters(question),
            self.facts.find_locations(question), self._turning_points, self._stats,
        )  # fmt: skip
        routed = self.router.route(ctx, query)
        if routed is not None:
            tool, result = routed
            self.paths["tool"] += 1
            cited = [self._cited(i, 1.0) for i in result.scenes]
            yield Answer(
                question=question, answer=result.answer, path="tool", tool=tool.name,
                scenes=cited,
            )  # fmt: skip
            return
        retrieved = self.index.search(question, CITED_SCENES, query=query)
        extracted = extract(
            question, retrieved, self.ranker, ctx.characters,
            self.index.sentence_similarity(query, [s.index for s in retrieved]),
            self.index.scenes_of, self._similar,
        )  # fmt: skip
        if extracted.scenes is not None:  # a surname found outside them: its scene comes first
            retrieved = extracted.scenes[:CITED_SCENES]
        if extracted.abstained or not self.use_llm:
            self.paths["abstained" if extracted.abstained else "extractive"] += 1
            yield self._extractive(question, retrieved, extracted)
            return
        yield from self._generated(question, retrieved, extracted, cancel)

    def _similar(self, first: str, second: str) -> float:
        """The embedder's cosine of two short phrases (the vectors are unit length)."""
        return float(self.index.query_vector(first) @ self.index.query_vector(second))

    def _plan(
        self, question: str, retrieved: list[RetrievedScene], extracted: Extracted
    ) -> AskPlan:
        lines = [quote_of(s) for s in extracted.support[:PROMPT_LINES]]
        budget = self.settings.ask.prompt_tokens
        if is_tiny_default(self.settings):
            budget = min(budget, TINY_PROMPT_TOKENS)
        return plan_answer(
            question, retrieved[: self.settings.ask.top_k], self.model(), lines=lines,
            prompt_tokens=budget,
            max_new_tokens=self.settings.models.generator.max_tokens, relative_score=0.0,
        )  # fmt: skip

    def prompt_for(self, question: str) -> AskPlan:
        """The prompt a generated answer to ``question`` would be written from (for benchmarks
        and debugging: retrieval, sentence ranking and the budget, no generation)."""
        query = self.index.query_vector(question)
        retrieved = self.index.search(question, CITED_SCENES, query=query)
        characters = self.facts.find_characters(question)
        similarity = self.index.sentence_similarity(query, [s.index for s in retrieved])
        return self._plan(
            question, retrieved, extract(question, retrieved, self.ranker, characters, similarity)
        )

    def _cited(self, index: int, score: float) -> CitedScene:
        fact = self.facts.scenes[index]
        return CitedScene(
            index=index, label=fact.label, start_line=fact.start_line,
            heading=fact.heading or NO_HEADING, page=fact.page, score=round(score, 5),
        )  # fmt: skip

    def _cited_scenes(
        self, retrieved: list[RetrievedScene], extracted: Extracted
    ) -> list[CitedScene]:
        """Retrieved scenes best first, the scenes the answer quotes moved to the front."""
        quoted = {q.scene for q in extracted.quotes}
        ordered = sorted(retrieved, key=lambda s: s.index not in quoted)
        return [self._cited(s.index, s.score) for s in ordered]

    def _extractive(
        self,
        question: str,
        retrieved: list[RetrievedScene],
        extracted: Extracted,
        reason: str | None = None,
    ) -> Answer:
        cited = self._cited_scenes(retrieved, extracted)
        answer = extracted.answer
        if reason:
            answer = f"{answer}\n(The model's answer was not shown: {reason}.)"
        return Answer(
            question=question, answer=answer, path="extractive", abstained=extracted.abstained,
            reason=reason or extracted.reason, scenes=cited, quotes=extracted.quotes,
        )  # fmt: skip

    def _generated(
        self,
        question: str,
        retrieved: list[RetrievedScene],
        extracted: Extracted,
        cancel: threading.Event | None,
    ) -> Iterator[AnswerEvent]:
        model = self.model()
        generator = self.settings.models.generator
        plan = self._plan(question, retrieved, extracted)
        for note in plan.notes:
            self._report(note)
        options = GenerationOptions(
            max_new_tokens=generator.max_tokens, temperature=generator.temperature,
            repetition_penalty=generator.repetition_penalty,
        )  # fmt: skip
        pieces: list[str] = []
        for piece in model.stream(plan.prompt.messages(), options, cancel):
            pieces.append(piece)
            if piece:
                yield AnswerDelta(text=piece)
        text = "".join(pieces).strip()
        if cancel is not None and cancel.is_set():
            self.paths["cancelled"] += 1
            cited = self._cited_scenes(retrieved, extracted)
            yield Answer(
                question=question, answer=text, path="generated", grounded=False,
                reason="cancelled before the answer was finished", scenes=cited,
                quotes=extracted.quotes, prompt=plan.prompt.ref,
            )  # fmt: skip
            return
        source = plan.script_text
        missing = unsupported(plan.uncited(text), source, question)  # "scene 12" is a citation
        reason: str | None = None
        if not text:
            reason = "the model wrote nothing"
        elif declines(text):
            reason = "the model said the scenes do not hold the answer, but lines match"
        elif adds_nothing(text, question):
            reason = "it only repeats the question"
        elif missing:
            reason = "it names " + ", ".join(missing[:5]) + ", which the scenes do not"
        if reason is not None:
            self.paths["fallback"] += 1
            fallback = self._extractive(question, retrieved, extracted, reason)
            yield fallback.model_copy(update={"grounded": False, "prompt": plan.prompt.ref})
            return
        self.paths["generated"] += 1
        cited = self._cited_scenes(retrieved, extracted)
        yield Answer(
            question=question, answer=text, path="generated", scenes=cited,
            quotes=extracted.quotes, prompt=plan.prompt.ref,
        )  # fmt: skip
