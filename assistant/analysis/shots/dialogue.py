"""Dialogue coverage: a master or two-shot, then overs and singles for each speaker, paired.

The pattern is the one a script supervisor expects for an exchange: open wide enough to place the
speakers (a two-shot for two, a master for three or more), then over-the-shoulders, each with its
reverse at the same size and lens, then tighter singles as the exchange goes on. A speech longer
than ``LONG_SPEECH_WORDS`` is cut with the listener's reaction; a voice off screen (V.O., O.S.)
plays over the listener; dual dialogue is one two-shot.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.analysis.shots.drafts import DIALOGUE_WORDS_PER_S, Draft, caption, words
from assistant.analysis.shots.lines import Span
from assistant.analysis.shots.model import Movement, ShotSize
from assistant.script.characters import normalise_cue_name
from assistant.script.model import Dialogue, DualDialogue

OFF_SCREEN = frozenset({"V.O.", "VO", "O.S.", "OS", "O.C.", "OC", "FILTERED", "ON PHONE",
                        "PRE-LAP", "PRELAP", "ON RADIO", "ON TV", "V.O", "O.S"})  # fmt: skip
"""Cue extensions that mean the speaker is heard, not seen."""
LONG_SPEECH_WORDS = 30
"""About 12 s of speech: longer than an editor holds one face without a reaction."""
CHUNK_WORDS = 22
MIN_SPEECH_S = 1.5


@dataclass
class Stage:
    """What the scene has shown so far: who is on screen (most recent last) and the camera move
    the action set (a walk-and-talk, a car)."""

    present: list[str] = field(default_factory=list)
    move: Movement = Movement.STATIC
    vehicle_move: Movement = Movement.STATIC
    """The move every shot inherits in a moving vehicle (``INT. CAR - MOVING``)."""
    inserted: set[str] = field(default_factory=set)
    """Props already given an insert in this scene (one insert per prop)."""
    phase: int = 0
    """Coverage phase of the current exchange: 0 overs, 1 singles, 2 close singles."""
    phase_owner: str | None = None
    """The speaker whose shot opened the current phase: the phase may only advance when the
    exchange comes back to them, so the other side has had its reverse at the same size."""
    mastered: set[str] = field(default_factory=set)
    """Who the last master or two-shot showed: a later exchange among them goes straight to
    coverage; one that brings in someone new opens wide again."""

    def see(self, name: str) -> None:
        if name in self.present:
            self.present.remove(name)
        self.present.append(name)

    def other_than(self, name: str) -> str | None:
        return next((p for p in reversed(self.present) if p != name), None)


def speaker(dialogue: Dialogue) -> str:
    return normalise_cue_name(dialogue.cue.name) or dialogue.cue.name.upper()


def off_screen(dialogue: Dialogue) -> bool:
    return any(e.upper().strip() in OFF_SCREEN for e in dialogue.cue.extensions)


def _speech_s(text: str) -> float:
    return max(MIN_SPEECH_S, words(text) / DIALOGUE_WORDS_PER_S + 0.5)


def _split_span(span: Span | None, parts: int) -> list[Span | None]:
    if span is None or parts <= 1:
        return [span] * max(parts, 1)
    count = span.last - span.first + 1
    out: list[Span | None] = []
    for i in range(parts):
        first = span.first + i * count // parts
        last = span.first + (i + 1) * count // parts - 1
        out.append(Span(first, max(first, last)))
    return out


def cover_dialogue(
    run: list[tuple[Dialogue | DualDialogue, Span | None]], stage: Stage
) -> list[Draft]:
    """Shots for a run of consecutive speeches (no action between them).

    Args:
        run: the speeches with their source spans.
        stage: who is on screen before the run; updated with the run's speakers.
    """
    on_screen = []
    for element, _ in run:
        for d in (element.left, element.right) if isinstance(element, DualDialogue) else (element,):
            if not off_screen(d) and speaker(d) not in on_screen:
                on_screen.append(speaker(d))
    for name in on_screen:
        if name not in stage.present:
            stage.present.insert(0, name)  # in the room from the start of the exchange
    drafts: list[Draft] = []
    opened = bool(on_screen) and set(on_screen) <= stage.mastered
    stage.phase, stage.phase_owner = 0, None
    spoken = 0
    for element, span in run:
        if isinstance(element, DualDialogue):
            names = [speaker(element.left), speaker(element.right)]
            text = f"{element.left.speech_text} / {element.right.speech_text}"
            drafts.append(Draft("two-shot", ShotSize.MS, names, [span],
                                caption(f"{names[0]} and {names[1]} together: {text}"),
                                _speech_s(max(element.left.speech_text, element.right.speech_text,
                                              key=len)), movement=stage.move))  # fmt: skip
            for name in names:
                stage.see(name)
            stage.mastered |= set(names)
            opened = True
            continue
        drafts.extend(_cover_speech(element, span, stage, opened, spoken, len(run)))
        opened = opened or not off_screen(element)
        spoken += 1
    return _pair_overs(drafts)


def _pair_overs(drafts: list[Draft]) -> list[Draft]:
    """Give an over whose reverse the exchange never used its reverse as the listener's reaction.

    The crew shoots both sides of an exchange; an over on Tom without the over on Ivy leaves the
    editor nothing to cut to, so the last part of Tom's line plays on Ivy listening.
    """
    out: list[Draft] = []
    overs = {tuple(d.subjects) for d in drafts if d.kind == "over"}
    for draft in drafts:
        out.append(draft)
        if draft.kind != "over" or len(draft.subjects) < 2:
            continue
        reverse = (draft.subjects[1], draft.subjects[0])
        if reverse in overs:
            continue
        overs.add(reverse)
        draft.weight_s /= 2
        out.append(Draft("over", draft.size, list(reverse), list(draft.spans),
                         caption(f"{reverse[0]} listens to {reverse[1]}"), draft.weight_s,
                         movement=draft.movement, off_screen=[reverse[1]]))  # fmt: skip
    return out


def _cover_speech(
    dialogue: Dialogue, span: Span | None, stage: Stage, opened: bool, spoken: int, total: int
) -> list[Draft]:
    name = speaker(dialogue)
    text = dialogue.speech_text or " ".join(p.text for p in dialogue.parts)
    line = caption(f"{name}: {text}")
    seconds = _speech_s(text)
    listener = stage.other_than(name)
    if off_screen(dialogue):
        if listener is None:
            return [Draft("single", ShotSize.MS, [], [span], line, seconds, off_screen=[name])]
        return [Draft("reaction", ShotSize.MCU, [listener], [span], line, seconds,
                      off_screen=[name])]  # fmt: skip
    stage.see(name)
    if not opened and listener is not None:
        group = [p for p in reversed(stage.present)][:4]
        if len(group) >= 3:
            subjects = [name, *[p for p in group if p != name]]
            wide = Draft(
                "master", ShotSize.WS, subjects, [span], line, seconds, movement=stage.move
            )
        else:
            subjects = [name, listener]
            wide = Draft("two-shot", ShotSize.MS, subjects, [span], line, seconds,
                         movement=stage.move)  # fmt: skip
        stage.mastered = set(subjects)
        return [wide]
    if listener is None:
        size = ShotSize.MS if spoken == 0 else ShotSize.MCU
        return _with_reactions(Draft("single", size, [name], [span], line, seconds), None, text)
    # Overs for the first third of the exchange, then singles, then close-ups. The phase only
    # moves on when the exchange is back with the speaker who opened it, so every over or single
    # has its reverse at the same size and lens.
    target = 3 * spoken // max(total, 1)
    if stage.phase_owner is None:
        stage.phase_owner = name
    elif name == stage.phase_owner and target > stage.phase:
        stage.phase = min(target, 2)
    phase = stage.phase
    if phase == 0:
        draft = Draft("over", ShotSize.MCU, [name, listener], [span], line, seconds,
                      movement=stage.move)  # fmt: skip
    else:
        size = ShotSize.MCU if phase == 1 else ShotSize.CU
        draft = Draft("single", size, [name], [span], line, seconds)
    return _with_reactions(draft, listener, text)


def _with_reactions(draft: Draft, listener: str | None, text: str) -> list[Draft]:
    """A long speech cut with the listener's reaction every ``CHUNK_WORDS`` words."""
    count = words(text)
    if count <= LONG_SPEECH_WORDS or listener is None:
        return [draft]
    parts = min(5, -(-count // CHUNK_WORDS))
    spans = _split_span(draft.spans[0], parts)
    out = []
    speaker_name = draft.subjects[0]
    for i, span in enumerate(spans):
        seconds = draft.weight_s / parts
        if i % 2 == 0:
            out.append(Draft(draft.kind, draft.size, list(draft.subjects), [span],
                             draft.description, seconds, movement=draft.movement))  # fmt: skip
        else:
            out.append(Draft("reaction", draft.size, [listener], [span],
                             caption(f"{listener} listens to {speaker_name}"), seconds,
                             off_screen=[speaker_name]))  # fmt: skip
    return out
