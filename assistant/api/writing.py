"""Model-drafted scenes: rewrite, continue, punch up; apply whole or hunk by hunk; undo."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from assistant.api.scripts import open_script
from assistant.saving import save_output
from assistant.script.model import Screenplay

if TYPE_CHECKING:
    from assistant.analysis.writing.hunks import SceneHunk
    from assistant.analysis.writing.suggest import Suggestion
    from assistant.config import Settings


def suggest_scene(
    path: Path,
    kind: Literal["rewrite", "continue", "punch_up"],
    scene: str | None,
    settings: Settings,
    *,
    instruction: str = "",
    character: str | None = None,
    cancel: threading.Event | None = None,
) -> Suggestion:
    """Ask the configured text model to rewrite scene ``scene`` (the number people see), write
    the scene after it (``continue``; default after the last), or punch up ``character``'s lines
    (default: the scene where they speak most); the answer is read and checked (docs/writing.md).

    Raises:
        SceneNotFoundError: no scene has that number.
        AnalysisError: an empty instruction; a character who does not speak there.
        ModelOutputError: the model's answer was unusable twice.
        FileChangedError: the file changed while it was being read.
        SuggestionCancelledError: ``cancel`` was set while the model wrote.
    """
    from assistant.analysis.writing.suggest import digest, scene_index, suggest
    from assistant.errors import AnalysisError, FileChangedError, ScriptReadError
    from assistant.models.registry import get_text_model
    from assistant.script.characters import normalise_cue_name

    if kind == "rewrite" and not instruction.strip():
        raise AnalysisError("The instruction is empty: say what the rewrite should do")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ScriptReadError(f"Cannot read {path}: {exc.strerror or exc}") from exc
    screenplay = open_script(path)
    if digest(path.read_bytes()) != digest(data):
        raise FileChangedError(f"{path} changed while Slate read it; run the command again")
    if scene is not None:
        index = scene_index(screenplay, scene)
        if screenplay.scenes[index].heading is None:
            raise AnalysisError(f"Scene {scene} has no heading")
    elif kind == "punch_up" and character:
        name = normalise_cue_name(character)
        counts = [sum(normalise_cue_name(d.cue.name) == name for d in s.dialogues())
                  for s in screenplay.scenes]  # fmt: skip
        if not any(counts):
            raise AnalysisError(f"{name} has no lines in the script")
        index = counts.index(max(counts))
    else:
        headed = [i for i, s in enumerate(screenplay.scenes) if s.heading is not None]
        if not headed:
            raise AnalysisError("The script has no scene headings")
        index = headed[-1]
    model = get_text_model(settings)
    return suggest(model, screenplay, data, kind, index, instruction=instruction,
                   character=character, cancel=cancel)  # fmt: skip


def apply_suggestion(suggestion: Suggestion, *, backup_dir: Path | None = None) -> Path:
    """Back the script up (``draft.fountain.~N~``), then replace it atomically with the
    suggestion; returns the backup.

    Raises:
        FileChangedError: the file changed since the suggestion was made from it.
        OutputWriteError: the file is read-only or cannot be written.
    """
    from assistant.analysis.writing.patching import apply_patch

    return apply_patch(Path(suggestion.path), suggestion.source_digest, suggestion.patched,
                       backup_dir)  # fmt: skip


def save_suggestion_patch(
    suggestion: Suggestion, out: Path, *, force: bool = False, settings: Settings | None = None
) -> None:
    """Write the suggested scene as a Fountain patch file, with ``save_export``'s safety."""
    data = suggestion.scene_fountain.encode("utf-8")
    save_output(out, data, inputs=[Path(suggestion.path)], settings=settings, force=force)


def undo_last(path: Path, *, backup_dir: Path | None = None) -> Path:
    """Restore the newest numbered backup of ``path`` and remove it; returns that backup.

    Raises:
        OutputWriteError: no backup, or the file cannot be written.
    """
    from assistant.analysis.writing.patching import undo

    return undo(path, backup_dir)


def _suggested_file(suggestion: Suggestion) -> Screenplay:
    """The script as the suggestion read it, or ``FileChangedError`` when it changed since."""
    from assistant.analysis.writing.suggest import digest
    from assistant.errors import FileChangedError, ScriptReadError

    path = Path(suggestion.path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ScriptReadError(f"Cannot read {path}: {exc.strerror or exc}") from exc
    if digest(data) != suggestion.source_digest:
        raise FileChangedError(
            f"Not changing {path}: it changed on disk since Slate read it; run the command again"
        )
    return open_script(path)


def suggestion_hunks(suggestion: Suggestion) -> list[SceneHunk]:
    """The suggestion's changes as hunks (runs of elements), numbered from 0 for
    ``apply_hunks``; a ``continue`` suggestion is one hunk.

    Raises:
        FileChangedError: the file changed since the suggestion was made from it.
    """
    from assistant.analysis.writing.hunks import scene_hunks, suggestion_scenes

    old, new = suggestion_scenes(suggestion, _suggested_file(suggestion))
    return scene_hunks(old, new)


def apply_hunks(
    suggestion: Suggestion, accepted: list[int], *, backup_dir: Path | None = None
) -> Path:
    """Apply only the ``accepted`` hunks (numbers from ``suggestion_hunks``): the rejected ones
    keep the scene's old elements. Backs the file up and replaces it atomically, as
    ``apply_suggestion`` does; returns the backup.

    Raises:
        AnalysisError: no hunk accepted, or a hunk number the suggestion does not have.
        FileChangedError: the file changed since the suggestion was made from it.
        OutputWriteError: the file is read-only or cannot be written.
    """
    from assistant.analysis.writing.hunks import merge_hunks, suggestion_scenes
    from assistant.analysis.writing.patching import apply_patch, patch_script

    screenplay = _suggested_file(suggestion)
    data = Path(suggestion.path).read_bytes()
    old, new = suggestion_scenes(suggestion, screenplay)
    merged = merge_hunks(old, new, accepted)
    patched, _ = patch_script(screenplay, data, suggestion.scene_index, merged,
                              insert=suggestion.kind == "continue")  # fmt: skip
    return apply_patch(Path(suggestion.path), suggestion.source_digest, patched, backup_dir)
