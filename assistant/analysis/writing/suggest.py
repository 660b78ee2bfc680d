"""Ask the text model for a rewritten, continued or punched-up scene, and check what it wrote.

The model must answer in Fountain. Slate reads the answer with its own importer and keeps it only
if it holds screenplay elements under a heading, touches no scene it was not asked to (one scene
back, and for a rewrite or punch-up the same heading; for punch-up, every line but the
character's unchanged) and renames no one (every speaker is a character of the script). A reply
that fails is sent back once with the reason; a second failure raises ``ModelOutputError``.
"""

from __future__ import annotations

import hashlib
import re
import threading
from typing import Literal

from pydantic import BaseModel, ConfigDict

from assistant.analysis.compare.report import CompareReport, compare_drafts
from assistant.analysis.compare.scene_lines import scene_lines
from assistant.errors import (
    AnalysisError,
    ModelOutputError,
    SceneNotFoundError,
    ScriptReadError,
    SuggestionCancelledError,
)
from assistant.models.base import ChatMessage, GenerationOptions, TextModel
from assistant.models.prompts import load_prompt
from assistant.script.characters import normalise_cue_name
from assistant.script.formats import exporter_named
from assistant.script.model import Scene, Screenplay
from assistant.script.reading import parse_bytes

Kind = Literal["rewrite", "continue", "punch_up"]
ANSWER_TOKENS = 640
"""A scene is 150-400 words (200-550 tokens). More slack made SmolLM2-135M on a busy 2-core machine
take over 10 minutes for two tries (it writes until the limit)."""
_FENCE = re.compile(r"^```[a-z]*\n|\n```\s*$")


class Suggestion(BaseModel):
    """A checked suggestion: the whole script as it would be, and where it came from."""

    model_config = ConfigDict(extra="forbid")

    kind: Kind
    path: str
    source_digest: str
    """SHA-256 of the file's bytes when it was read: applying refuses a file that changed since."""
    scene_index: int
    """The scene replaced (rewrite, punch-up) or followed (continue)."""
    scene_fountain: str
    """The model's scene as Slate read it, in Fountain: what a patch file holds."""
    patched: bytes
    """The whole file with the suggestion in place, in the file's own format."""
    patched_format: str
    diff: CompareReport
    prompt_ref: str
    model_id: str
    attempts: int


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def scene_index(screenplay: Screenplay, label: str) -> int:
    """The index of the scene people call ``label`` (``Screenplay.scene_labels``).

    Raises:
        SceneNotFoundError: no scene has that label; the message gives the range.
    """
    labels = screenplay.scene_labels()
    if label in labels:
        return labels.index(label)
    shown = [x for x in labels if x]
    span = f"{shown[0]}-{shown[-1]}" if shown else "none"
    raise SceneNotFoundError(f"The script has no scene {label} (its scenes: {span})")


def _fountain(scenes: list[Scene]) -> str:
    return exporter_named("fountain").write(Screenplay(scenes=scenes)).decode("utf-8").strip()


def _speakers(scenes: list[Scene]) -> set[str]:
    return {normalise_cue_name(d.cue.name) for s in scenes for d in s.dialogues()}


def read_reply(reply: str) -> Scene:
    """The one scene a reply holds.

    Raises:
        ModelOutputError: the reply is empty, not Fountain, or holds no or several scenes.
    """
    text = _FENCE.sub("", reply.strip()).strip()
    try:
        parsed = parse_bytes(text.encode("utf-8"), format="fountain")
    except ScriptReadError as exc:
        raise ModelOutputError(f"the reply is not a screenplay scene ({exc.message})") from exc
    scenes = [s for s in parsed.scenes if s.heading is not None or s.elements]
    headed = [s for s in scenes if s.heading is not None]
    if not headed or scenes[0].heading is None:
        raise ModelOutputError("the reply does not start with a scene heading (INT. or EXT.)")
    if len(headed) > 1:
        raise ModelOutputError(f"the reply holds {len(headed)} scenes, not one")
    if not headed[0].elements:
        raise ModelOutputError("the reply's scene is only a heading")
    return headed[0]


def check_scene(
    kind: Kind, new: Scene, old: Scene | None, characters: set[str], character: str | None
) -> None:
    """Raise ``ModelOutputError`` when ``new`` is not an acceptable answer (see module doc)."""
    unknown = sorted(_speakers([new]) - characters)
    if unknown:
        raise ModelOutputError(
            f"the reply has speakers the script does not ({', '.join(unknown)}); "
            "characters must keep their names"
        )
    if old is None or kind == "continue":
        return
    assert old.heading is not None and new.heading is not None
    if new.heading.text.upper() != old.heading.text.upper():
        raise ModelOutputError(
            f"the reply changed the heading to {new.heading.text!r}; it must stay "
            f"{old.heading.text!r}"
        )
    if kind == "punch_up":
        others = [ln for ln in scene_lines(old, 0).lines if ln.speaker != character]
        kept = [ln for ln in scene_lines(new, 0).lines if ln.speaker != character]
        if [ln.text for ln in others] != [ln.text for ln in kept]:
            raise ModelOutputError(f"the reply changed lines that are not {character}'s")


def ask_model(
    model: TextModel,
    messages: list[ChatMessage],
    validate: object,
    cancel: threading.Event | None = None,
) -> tuple[Scene, int]:
    """The checked scene and the number of calls (one retry with the reason).

    ``validate`` is called with the read scene and raises ``ModelOutputError`` to reject it.

    Raises:
        ModelOutputError: two unusable replies.
        SuggestionCancelledError: ``cancel`` was set while the model wrote (no retry follows).
    """
    options = GenerationOptions(max_new_tokens=ANSWER_TOKENS, repetition_penalty=1.1)
    reason = ""
    for attempt in (1, 2):
        reply = model.generate(messages, options, cancel)
        if cancel is not None and cancel.is_set():
            raise SuggestionCancelledError("Cancelled: the model stopped; nothing was changed")
        try:
            scene = read_reply(reply)
            validate(scene)  # type: ignore[operator]
            return scene, attempt
        except ModelOutputError as exc:
            reason = exc.message
            messages = [*messages, ChatMessage(role="assistant", content=reply),
                        ChatMessage(role="user", content=f"That answer cannot be used: {reason}. "
                                    "Answer again with the scene in Fountain only.")]  # fmt: skip
    raise ModelOutputError(
        f"The text model's answer could not be used after 2 tries: {reason}. Nothing was changed; "
        "a more capable model helps (docs/models.md)"
    )


def suggest(
    model: TextModel,
    screenplay: Screenplay,
    data: bytes,
    kind: Kind,
    index: int,
    *,
    instruction: str = "",
    character: str | None = None,
    cancel: threading.Event | None = None,
) -> Suggestion:
    """Ask ``model`` for the suggestion and check it; ``data`` is the file's bytes as read;
    setting ``cancel`` stops the model (``SuggestionCancelledError``).

    Raises:
        AnalysisError: an empty instruction, or a character who does not speak in the scene.
        ModelOutputError: two unusable replies.
    """
    from assistant.analysis.writing.patching import patch_script

    if kind == "rewrite" and not instruction.strip():
        raise AnalysisError("The instruction is empty: say what the rewrite should do")
    scenes = screenplay.scenes
    characters = {c.name for c in screenplay.characters} | _speakers(scenes)
    scene = scenes[index]
    values: dict[str, object] = {"characters": sorted(characters), "instruction": instruction}
    if kind == "continue":
        values["before"] = _fountain(scenes[max(0, index - 1) : index + 1])
        values["after"] = _fountain(scenes[index + 1 : index + 2])
        old: Scene | None = None
    else:
        values["scene"] = _fountain([scene])
        values["before"] = _fountain(scenes[index - 1 : index]) if index else ""
        values["after"] = _fountain(scenes[index + 1 : index + 2])
        old = scene
    if kind == "punch_up":
        assert character is not None
        character = normalise_cue_name(character)
        if character not in _speakers([scene]):
            raise AnalysisError(f"{character} does not speak in that scene")
        values["character"] = character
    template = load_prompt(kind)
    rendered = template.render({k: v for k, v in values.items() if k in template.variables()})
    new, attempts = ask_model(
        model,
        rendered.messages(),
        lambda s: check_scene(kind, s, old, characters, character),
        cancel,
    )
    patched, fmt = patch_script(screenplay, data, index, new, insert=kind == "continue")
    after = parse_bytes(patched, format=fmt)
    fixed = None if kind == "continue" else {index: index}
    return Suggestion(
        kind=kind, path=screenplay.source.path or "", source_digest=digest(data),
        scene_index=index, scene_fountain=_fountain([new]) + "\n", patched=patched,
        patched_format=fmt, diff=compare_drafts(screenplay, after, fixed), prompt_ref=rendered.ref,
        model_id=model.model_id, attempts=attempts,
    )  # fmt: skip
