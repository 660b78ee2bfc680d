"""The deterministic shot planner: a scene's elements in, numbered and timed shots out.

Rules, in the order a director breaks a scene down:

- an establishing shot when the location is new or the time jumps (``establishes``);
- a cut at each action paragraph, framed by how many characters it names and moved by its verbs
  (chases handheld, vehicles tracking, walks on Steadicam: ``cues.movement_in``); long paragraphs
  get a cut every ``SENTENCES_PER_SHOT`` sentences; a POV shot where the action says so;
- an insert for each prop and written detail the action names (``cues.props_in``);
- dialogue coverage (``dialogue.cover_dialogue``);
- durations fitted to the page-a-minute screen time, then set-ups (``setups``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.analysis.shots import cues
from assistant.analysis.shots.dialogue import Stage, cover_dialogue
from assistant.analysis.shots.drafts import ACTION_WORDS_PER_S, TIGHTER, Draft, caption, words
from assistant.analysis.shots.lines import (
    Span,
    locate_elements,
    normalised_lines,
    scene_end_lines,
)
from assistant.analysis.shots.model import Movement, SceneShots, Shot, ShotList, ShotSize
from assistant.analysis.shots.numbering import PRE_HEADING_LABEL, shot_number
from assistant.analysis.shots.setups import assign_setups, fit_durations, screen_time_s
from assistant.script.model import Action, Dialogue, DualDialogue, Scene, SceneHeading, Screenplay
from assistant.script.stats import normalise_time_of_day

SENTENCES_PER_SHOT = 2
"""A long action paragraph is cut every two sentences (about 5 s of action)."""
MAX_INSERTS_PER_PARAGRAPH = 2
ESTABLISHING_S = 4.0
INSERT_S = 2.0
POV_S = 2.5
MIN_ACTION_S = 2.0
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")
_VEHICLE_LOCATION = re.compile(r"\b(CAR|TRUCK|VAN|TAXI|CAB|BUS|TRAIN|LIMO|SUV|JEEP|MOVING)\b")
_NO_TIME_JUMP = ("CONTINUOUS", "SAME")


def _names_a_vehicle(heading: SceneHeading) -> bool:
    """A vehicle or MOVING in the location or a tag (``VAN - NIGHT - MOVING`` tags MOVING)."""
    words = " ".join((heading.location, *heading.tags)).upper()
    return _VEHICLE_LOCATION.search(words) is not None


_PRONOUN_START = re.compile(r"^\s*(He|She|His|Her)\b")
_BODY_DETAIL = re.compile(
    r"\b(eyes|eye|tears?|lips|pupils?|sweat|a bead of|knuckles|finger on the trigger)\b",
    re.IGNORECASE,
)
"""Details a director gives an extreme close-up when one character is in frame."""
_WHOLE_BODY_MOVES = (Movement.HANDHELD, Movement.STEADICAM)
_TRANSITION = re.compile(
    r"^\s*(FADE (IN|OUT|TO BLACK)|CUT TO|SMASH CUT|DISSOLVE TO|MATCH CUT|THE END|BLACK|"
    r"CONTINUED|TITLE CARD|SUPER)\b[^a-z]*$"
)
"""Action paragraphs that are transitions an importer left in action: they cut, they show
nothing to shoot."""


def _base_location(scene: Scene) -> str:
    if scene.heading is None:
        return ""
    return scene.heading.location.split(" - ")[0].strip().upper()


def establishes(scene: Scene, previous: Scene | None) -> bool:
    """Whether the scene opens on an establishing shot: a new place, or the time has jumped."""
    if scene.heading is None:
        return False
    if previous is None or previous.heading is None:
        return True
    if _base_location(scene) != _base_location(previous):
        return True
    label, _ = normalise_time_of_day(scene.heading.time_of_day)
    before, _ = normalise_time_of_day(previous.heading.time_of_day)
    return label not in _NO_TIME_JUMP and label != before


class NameFinder:
    """Finds the script's characters named in action (``Mara``, ``MARA``)."""

    def __init__(self, names: Sequence[str]) -> None:
        self.by_word: dict[str, str] = {}
        for name in names:
            key = name.lower()
            self.by_word.setdefault(key, name)
            first = key.split()[0] if key.split() else key
            if len(first) >= 3 and first not in self.by_word:
                self.by_word[first] = name
        keys = sorted(self.by_word, key=len, reverse=True)
        self.pattern = (
            re.compile(r"\b(" + "|".join(re.escape(k) for k in keys) + r")\b", re.IGNORECASE)
            if keys
            else None
        )

    def named_in(self, text: str) -> list[str]:
        if self.pattern is None:
            return []
        found: list[str] = []
        for match in self.pattern.finditer(text):
            word = match.group(1)
            # A capitalised word only: "Rose" is the character, "rose" the verb.
            if not word[0].isupper():
                continue
            name = self.by_word[word.lower()]
            if name not in found:
                found.append(name)
        return found


def _action_shots(action: Action, span: Span | None, stage: Stage, names: NameFinder,
                  first: bool) -> list[Draft]:  # fmt: skip
    text = action.text
    people = names.named_in(text)
    if not people and _PRONOUN_START.match(text) and stage.present:
        people = stage.present[-1:]  # "She turns..." is the last character the scene showed
    for name in people:
        stage.see(name)
    move = cues.movement_in(text)
    if cues.walks_and_talks(text):
        stage.move = move
    if cues.is_pov(text):
        viewer = people[:1] or stage.present[-1:]
        label = f"{viewer[0]}'s POV" if viewer else "POV"
        shown = text if "POV" in text.upper() else f"{label}: {text}"
        return [Draft("pov", ShotSize.MS, viewer, [span], caption(shown),
                      POV_S, movement=move, lens_mm=35)]  # fmt: skip
    size = ShotSize.WS if first or len(people) >= 3 or not people else ShotSize.MS
    sentences = [s for s in _SENTENCE.split(" ".join(text.split())) if s.strip()] or [text]
    chunks = [
        " ".join(sentences[i : i + SENTENCES_PER_SHOT])
        for i in range(0, len(sentences), SENTENCES_PER_SHOT)
    ]
    spans = _chunk_spans(span, chunks)
    drafts = []
    for i, (chunk, chunk_span) in enumerate(zip(chunks, spans, strict=True)):
        in_frame = names.named_in(chunk) or (
            people if i == 0 or not _PRONOUN_START.match(chunk) else stage.present[-1:]
        )
        chunk_size = size if i == 0 else TIGHTER[ShotSize.FS if size == ShotSize.WS else size]
        move = cues.movement_in(chunk)
        if len(in_frame) == 1 and _BODY_DETAIL.search(chunk):
            chunk_size = ShotSize.ECU  # the eyes, a tear, a finger on the trigger
        elif in_frame and len(in_frame) <= 2 and move in _WHOLE_BODY_MOVES:
            chunk_size = ShotSize.FS  # a run, a fight, a walk: the whole body in frame
        drafts.append(
            Draft("action", chunk_size, in_frame, [chunk_span], caption(chunk),
                  max(MIN_ACTION_S, words(chunk) / ACTION_WORDS_PER_S),
                  angle=cues.angle_in(chunk), movement=cues.movement_in(chunk) if
                  cues.movement_in(chunk) != Movement.STATIC else stage.vehicle_move)
        )  # fmt: skip
        new_props = [p for p in cues.props_in(chunk) if p not in stage.inserted]
        for prop in new_props[:MAX_INSERTS_PER_PARAGRAPH]:
            stage.inserted.add(prop)
            drafts.append(Draft("insert", ShotSize.INSERT, [prop], [chunk_span],
                                caption(f"Insert: the {prop}. {chunk}"), INSERT_S))  # fmt: skip
    if cues.written_detail(text) and not any(d.kind == "insert" for d in drafts):
        drafts.append(Draft("insert", ShotSize.INSERT, ["written detail"], [span],
                            caption(f"Insert: what it reads. {text}"), INSERT_S))  # fmt: skip
    return drafts


def _chunk_spans(span: Span | None, chunks: list[str]) -> list[Span | None]:
    """Split a paragraph's lines among its chunks by their share of the text."""
    if span is None or len(chunks) == 1:
        return [span] * len(chunks)
    count = span.last - span.first + 1
    total = sum(len(c) for c in chunks) or 1
    out: list[Span | None] = []
    done = 0
    for chunk in chunks:
        first = span.first + done * count // total
        done += len(chunk)
        last = span.first + done * count // total - 1
        out.append(Span(first, max(first, min(last, span.last))))
    return out


def plan_scene(
    scene: Scene,
    *,
    index: int,
    label: str | None,
    previous: Scene | None,
    names: NameFinder,
    end_line: int | None = None,
    norms: list[str] | None = None,
) -> SceneShots:
    """The shots of one scene, in cut order, numbered ``{label}A``... and timed to its eighths.

    Args:
        scene: the scene.
        index: its 0-based position in ``Screenplay.scenes``.
        label: the number people see (``Screenplay.scene_labels``).
        previous: the scene before it (for the establishing rule).
        names: finds the script's characters in action.
        end_line: the scene's last source line.
        norms: the source's lines (``lines.normalised_lines``), to give each shot its lines.
    """
    spans = locate_elements(scene, end_line, norms)
    name_finder = names
    stage = Stage()
    if scene.heading is not None and _names_a_vehicle(scene.heading):
        stage.move = stage.vehicle_move = Movement.TRACK
    drafts: list[Draft] = []
    if establishes(scene, previous) and scene.heading is not None:
        heading = scene.heading
        exterior = heading.int_ext is not None and heading.int_ext.value.startswith("EXT")
        heading_span = Span(scene.start_line, scene.start_line) if scene.start_line else None
        drafts.append(Draft("establishing", ShotSize.EWS if exterior else ShotSize.WS, [],
                            [heading_span], caption(f"Establishing: {heading.text}"),
                            ESTABLISHING_S))  # fmt: skip
    run: list[tuple[Dialogue | DualDialogue, Span | None]] = []
    for element, span in zip(scene.elements, spans, strict=True):
        if isinstance(element, Dialogue | DualDialogue):
            run.append((element, span))
            continue
        if run:
            drafts.extend(cover_dialogue(run, stage))
            run = []
        if (
            isinstance(element, Action)
            and element.text.strip()
            and not _TRANSITION.match(element.text)
        ):
            first = not drafts
            drafts.extend(_action_shots(element, span, stage, name_finder, first))
    if run:
        drafts.extend(cover_dialogue(run, stage))
    return _finish(scene, index, label, end_line, drafts)


def _finish(
    scene: Scene, index: int, label: str | None, end_line: int | None, drafts: list[Draft]
) -> SceneShots:
    total = screen_time_s(scene.eighths) if drafts else 0.0
    durations = fit_durations(drafts, total)
    setups, shooting = assign_setups(drafts)
    shots = [
        Shot(
            number=shot_number(label, i), kind=d.kind, size=d.size, angle=d.angle,
            movement=d.movement, lens_mm=d.lens_mm, subjects=d.subjects,
            off_screen=d.off_screen, lines=d.lines(), description=d.description,
            duration_s=durations[i], setup=setups[i],
        )
        for i, d in enumerate(drafts)
    ]  # fmt: skip
    return SceneShots(
        index=index, number=label, heading=scene.heading.text if scene.heading else None,
        start_line=scene.start_line, end_line=end_line, eighths=scene.eighths,
        screen_time_s=round(sum(durations), 1), shots=shots,
        shooting_order=[shots[i].number for i in shooting],
    )  # fmt: skip


def plan_shots(
    screenplay: Screenplay,
    *,
    source_text: str | None = None,
    scene_indices: Sequence[int] | None = None,
) -> ShotList:
    """The shot list of a screenplay (or of the scenes at ``scene_indices``).

    Args:
        screenplay: the parsed script.
        source_text: the text it was parsed from (gives shots their line numbers).
        scene_indices: 0-based indices into ``screenplay.scenes``; default every scene.
    """
    source_lines = source_text.split("\n") if source_text is not None else None
    ends = scene_end_lines(screenplay, len(source_lines) if source_lines else 0)
    labels = screenplay.scene_labels()
    names = NameFinder([c.name for c in screenplay.characters])
    norms = normalised_lines(source_lines) if source_lines else None
    wanted = range(len(screenplay.scenes)) if scene_indices is None else scene_indices
    scenes = []
    for i in wanted:
        planned = plan_scene(
            screenplay.scenes[i], index=i, label=labels[i],
            previous=screenplay.scenes[i - 1] if i > 0 else None, names=names,
            end_line=ends[i], norms=norms,
        )  # fmt: skip
        if planned.shots or planned.heading is not None or scene_indices is not None:
            scenes.append(planned)
    return ShotList(title=screenplay.title, page_count=screenplay.page_count, scenes=scenes)


def scene_index_for(screenplay: Screenplay, label: str) -> int:
    """The index into ``screenplay.scenes`` of the scene people call ``label``.

    Raises:
        AnalysisError: no scene has that label; the message gives the range there is.
    """
    from assistant.errors import AnalysisError

    labels = screenplay.scene_labels()
    wanted = label.strip().upper()
    for i, scene_label in enumerate(labels):
        if (scene_label or PRE_HEADING_LABEL).upper() == wanted:
            return i
    if not any(labels):
        raise AnalysisError(f"No scene {label} in this script: it has only {PRE_HEADING_LABEL} "
                            "(no headings)")  # fmt: skip
    raise AnalysisError(
        f"No scene {label} in this script: its scenes are {screenplay.describe_labels()}"
    )
