"""The prompt for a generated answer: the best lines and the scenes retrieval found, in budget.

Policy for fitting scenes into the prompt budget (stated in every plan's ``notes``): scenes are
taken best match first; a scene that does not fit whole is left out, except the best match, which
is cut to fit (its end removed, marked ``[...]``). The best lines come first; when even they
leave no room for the best scene, the weakest lines are dropped until it fits (the tiny model's
400-token budget and a few long action sentences). The chosen scenes go into the prompt in script
order, so the model reads them as the story runs.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from pydantic import BaseModel, ConfigDict

from assistant.analysis.ask.answers import Quote
from assistant.analysis.ask.retrieval import NO_HEADING, RetrievedScene
from assistant.errors import AnalysisError
from assistant.models.base import TRUNCATION_MARK, TextModel
from assistant.models.prompts import PromptTemplate, RenderedPrompt, load_prompt

ASK_PROMPT = "ask"
"""The prompt file (``prompts/ask.v<N>.yaml``) used to ask; the plan records its version."""


class AskPlan(BaseModel):
    """What will be sent for a question: the scenes chosen, the prompt, and what was cut."""

    model_config = ConfigDict(extra="forbid")

    question: str
    scenes: list[RetrievedScene]
    """Scenes in the prompt, in script order."""
    prompt: RenderedPrompt
    prompt_tokens: int
    left_out: list[str] = []
    """Labels of retrieved scenes that did not fit the budget."""
    cut: list[str] = []
    """Labels of scenes shortened to fit (only ever the best match)."""
    lines_dropped: int = 0
    """Best lines left out so that the best scene fits at all."""
    lines: list[str] = []
    """The best lines the prompt holds, best first."""
    labels: list[str] = []
    """Every scene label the prompt shows (its lines' and its scenes')."""

    @property
    def script_text(self) -> str:
        """What of the prompt is the script's own text: the lines, the headings and the scenes.

        A generated answer is checked against this, not the whole prompt, so that the prompt's
        own words ("Most relevant lines", a scene's label, ``NO_HEADING``) cannot ground it.
        """
        headings = [s.heading for s in self.scenes if s.heading != NO_HEADING]
        return "\n".join([*self.lines, *headings, *(s.text for s in self.scenes)])

    def uncited(self, answer: str) -> str:
        """``answer`` without its citations of the prompt's own scenes (``scene 12``, ``(scene
        4A)``): the prompt shows each line and scene under such a label, so citing one is no
        claim about the script, while a bare ``12`` still needs the script text to hold it."""
        if not self.labels:
            return answer
        alternatives = "|".join(re.escape(label) for label in sorted(self.labels, key=len)[::-1])
        return re.sub(rf"\bscenes?\s+(?:{alternatives})\b", " ", answer, flags=re.IGNORECASE)

    @property
    def notes(self) -> list[str]:
        """One line per thing the user should know about the prompt (empty when nothing was cut)."""
        out = []
        if self.cut:
            out.append(
                f"Scene {', '.join(self.cut)} was too long for the prompt budget; its end was cut"
            )
        if self.left_out:
            out.append(
                f"Scenes {', '.join(self.left_out)} matched too but did not fit the prompt budget"
            )
        if self.lines_dropped:
            out.append(f"{self.lines_dropped} of the best lines did not fit the prompt budget")
        return out


def plan_answer(
    question: str,
    retrieved: list[RetrievedScene],
    model: TextModel,
    *,
    lines: list[Quote] | None = None,
    prompt_tokens: int = 1536,
    max_new_tokens: int = 256,
    relative_score: float = 0.5,
) -> AskPlan:
    """Build the prompt for ``question`` from retrieved scenes within the token budget.

    Args:
        question: what the user asked.
        retrieved: the scenes retrieval found, best first.
        model: the text model (its tokenizer counts tokens; its context bounds the budget).
        lines: the best-supported sentences, best first; they open the prompt.
        prompt_tokens: most tokens the prompt may take.
        max_new_tokens: tokens kept free for the answer.
        relative_score: scenes scoring below this fraction of the best match are dropped
            before the budget is filled (distractors confuse small models).

    Returns:
        The plan: scenes, rendered prompt, its token count, and what was cut or left out.

    Raises:
        AnalysisError: the question is empty, nothing was retrieved, or even the question alone
            does not fit the budget.
    """
    question = " ".join(question.split())
    if not question:
        raise AnalysisError("The question is empty")
    if not retrieved:
        raise AnalysisError("The script has no scene text to answer from")
    floor = retrieved[0].score * relative_score
    retrieved = [retrieved[0], *(s for s in retrieved[1:] if s.score >= floor)]
    template = load_prompt(ASK_PROMPT)
    model.load()  # a backend learns its context size from the model
    budget = min(prompt_tokens, model.context_tokens - max_new_tokens)
    quoted = [{"label": q.label, "text": q.text} for q in lines or []]

    def tokens_for(scenes: list[RetrievedScene]) -> tuple[RenderedPrompt, int]:
        rendered = _render(template, question, scenes, quoted)
        return rendered, model.count_tokens(model.chat_template(rendered.messages()))

    bare = retrieved[0].model_copy(update={"text": TRUNCATION_MARK})
    dropped = 0
    while quoted and tokens_for([bare])[1] > budget:  # lines first, but the best scene must fit
        quoted.pop()
        dropped += 1
    chosen: list[RetrievedScene] = []
    left_out: list[str] = []
    cut: list[str] = []
    for scene in retrieved:
        _, tokens = tokens_for([*chosen, scene])
        if tokens <= budget:
            chosen.append(scene)
        elif not chosen:
            shortened = _cut_to_fit(scene, lambda s: tokens_for([s])[1] <= budget)
            if shortened is None:
                raise AnalysisError(
                    f"The question is too long for the prompt budget of {budget} tokens"
                )
            chosen.append(shortened)
            cut.append(scene.label)
        else:
            left_out.append(scene.label)
    rendered, tokens = tokens_for(chosen)
    return AskPlan(
        question=question,
        scenes=sorted(chosen, key=lambda s: s.index),
        prompt=rendered,
        prompt_tokens=tokens,
        left_out=left_out,
        cut=cut,
        lines_dropped=dropped,
        lines=[line["text"] for line in quoted],
        labels=list(
            dict.fromkeys([*(line["label"] for line in quoted), *(s.label for s in chosen)])
        ),
    )


def _render(
    template: PromptTemplate,
    question: str,
    scenes: list[RetrievedScene],
    lines: list[dict[str, str]],
) -> RenderedPrompt:
    ordered = sorted(scenes, key=lambda s: s.index)
    return template.render(question=question, lines=lines, scenes=[s.model_dump() for s in ordered])


def _cut_to_fit(
    scene: RetrievedScene, fits: Callable[[RetrievedScene], bool]
) -> RetrievedScene | None:
    """The scene with as many leading words as fit (binary search), or None if none do."""
    words = scene.text.split()
    low, high = 0, len(words)
    while low < high:
        middle = (low + high + 1) // 2
        trial = scene.model_copy(update={"text": " ".join(words[:middle]) + " " + TRUNCATION_MARK})
        if fits(trial):
            low = middle
        else:
            high = middle - 1
    if low == 0:
        bare = scene.model_copy(update={"text": TRUNCATION_MARK})
        return bare if fits(bare) else None
    return scene.model_copy(update={"text": " ".join(words[:low]) + " " + TRUNCATION_MARK})
