"""A scene as analysis sees it: its words, who speaks, who is named, and the text an embedder gets.

Kept apart from the features so that training (silver labels, embeddings) and scoring read scenes
through exactly the same code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.script.characters import normalise_cue_name
from assistant.script.model import (
    Action,
    Centered,
    Dialogue,
    DualDialogue,
    Lyrics,
    Scene,
    Shot,
    plain_text,
)

EMBED_WORDS = 32
"""Words of a scene given to the embedder: its heading and opening lines. MiniLM costs about
20 MFLOP a token, so whole scenes (~250 tokens, several chunks each) took 15-30 s per script on
2 cores; 48-word openings took 3.4 s for a 124-page script and 32-word openings 1.9 s
(scripts/bench_score.py, quiet machine), the budget being 2 s. Cross-validated over the training
movies the two scored alike (TA 20.7 / PA 32.4 / D 7.7 with 32 words, 20.7 / 33.4 / 7.9 with 48,
model 1.0's opening-based silver labels). The silver projection itself reads whole scenes, since it
runs only at training time (``tp_dataset.whole_scene_vectors``)."""

_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")


@dataclass
class SceneText:
    """What the features need from one scene, extracted once."""

    heading: str
    action_words: int = 0
    dialogue_words: int = 0
    speakers: list[str] = field(default_factory=list)
    """Speaking characters in order of first speech, names normalised (``MARA``)."""
    speech_counts: dict[str, int] = field(default_factory=dict)
    """Words spoken per character."""
    text: str = ""
    """Heading, action and dialogue (``NAME: speech``) as one plain text."""
    action_text: str = ""
    exclamations: int = 0
    questions: int = 0
    capital_words: int = 0
    """Words in capitals inside action (sound cues, emphasis: ``CRASH``, ``SLAMS``)."""

    @property
    def words(self) -> int:
        return self.action_words + self.dialogue_words


def read_scene(scene: Scene) -> SceneText:
    """Collect the words, speakers and text of one scene.

    Args:
        scene: a scene of the screenplay model.

    Returns:
        Its ``SceneText``.
    """
    heading = plain_text(scene.heading.text) if scene.heading else ""
    parts: list[str] = [heading] if heading else []
    action_parts: list[str] = []
    out = SceneText(heading=heading)
    for element in scene.elements:
        # A numbered shot (``3-A HIS P.O.V.``) reads as the action line it was before shots
        # became their own element, so the shipped scene model sees the text it was trained on.
        if isinstance(element, Action | Centered | Lyrics | Shot):
            text = plain_text(element.text)
            parts.append(text)
            action_parts.append(text)
            words = _WORD.findall(text)
            out.action_words += len(words)
            out.capital_words += sum(1 for w in words if len(w) > 2 and w.isupper())
        elif isinstance(element, Dialogue | DualDialogue):
            blocks = [element] if isinstance(element, Dialogue) else [element.left, element.right]
            for block in blocks:
                name = normalise_cue_name(block.cue.name)
                speech = plain_text(block.speech_text)
                count = len(_WORD.findall(speech))
                out.dialogue_words += count
                out.exclamations += speech.count("!")
                out.questions += speech.count("?")
                if name:
                    if name not in out.speech_counts:
                        out.speakers.append(name)
                        out.speech_counts[name] = 0
                    out.speech_counts[name] += count
                parts.append(f"{name.title()}: {speech}" if name else speech)
    out.text = "\n".join(p for p in parts if p)
    out.action_text = "\n".join(action_parts)
    return out


def embedding_text(text: SceneText, words: int = EMBED_WORDS) -> str:
    """The start of a scene, capped at ``words`` words: what the embedder sees when scoring."""
    tokens = text.text.split()
    return " ".join(tokens[:words]) if tokens else "(empty scene)"


def text_chunks(text: str, words: int = 160) -> list[str]:
    """A long text cut into pieces of ``words`` words (at least one piece)."""
    tokens = text.split()
    if not tokens:
        return ["(empty scene)"]
    return [" ".join(tokens[i : i + words]) for i in range(0, len(tokens), words)]


_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"'’”)]*\s+(?=[\"'“‘(]?[A-Z0-9])")


@dataclass(frozen=True)
class TextUnit:
    """One sentence of a scene as an answer quotes it: action, or a line of one speaker's speech."""

    text: str
    """The sentence, plain text (a speech sentence without its speaker)."""
    speaker: str | None = None
    """The normalised cue name for speech; None for action."""
    element: int = 0
    """Index of the element in ``Scene.elements`` the sentence comes from."""

    @property
    def quoted(self) -> str:
        """The sentence as shown in an answer: ``Mara: Crab!`` for speech."""
        return f"{display_name(self.speaker)}: {self.text}" if self.speaker else self.text


def display_name(cue: str) -> str:
    """A cue name as prose writes it: ``ISLA'S MOTHER`` -> ``Isla's Mother``."""
    return " ".join(word.capitalize() for word in cue.split(" "))


def split_sentences(text: str) -> list[str]:
    """A paragraph in sentences (a break after ``.``, ``!`` or ``?`` before a capital or digit)."""
    flat = " ".join(text.split())
    return [s for s in _SENTENCE_BREAK.split(flat) if s.strip()] if flat else []


def scene_units(scene: Scene) -> list[TextUnit]:
    """Every sentence of action and speech in a scene, in order (headings excluded)."""
    units: list[TextUnit] = []
    for position, element in enumerate(scene.elements):
        if isinstance(element, Action | Centered | Lyrics | Shot):
            units.extend(
                TextUnit(s, None, position) for s in split_sentences(plain_text(element.text))
            )
        elif isinstance(element, Dialogue | DualDialogue):
            blocks = [element] if isinstance(element, Dialogue) else [element.left, element.right]
            for block in blocks:
                name = normalise_cue_name(block.cue.name) or None
                for sentence in split_sentences(plain_text(block.speech_text)):
                    units.append(TextUnit(sentence, name, position))
    return units
