"""The slash commands that write files or read a second script: ``/storyboard N``,
``/export FORMAT``, ``/compare OTHER``, and the model-drafted changes (``/rewrite``, ``/punchup``,
``/continue``, reviewed hunk by hunk) with ``/undo``. Each is one api call (or two) through the
workspace; the Markdown they return says what was written where.

Output folders default to beside the script (``<stem>-storyboard/``, ``<stem>-post/``), with the
api's overwrite safety (never a file Slate did not write).
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from assistant.errors import OutputWriteError, SlateError, SuggestionCancelledError
from assistant.tui.layout import pages_in_eighths
from assistant.tui.workspace import Workspace

if TYPE_CHECKING:
    from textual.worker import Worker

COMPARE_SHOWN = 12
"""Scene changes listed in the chat (the count is always whole)."""


def _split(arg: str) -> tuple[str, str]:
    first, _, rest = arg.strip().partition(" ")
    return first, rest.strip()


def _folder(ws: Workspace, given: str, suffix: str) -> Path:
    folder = Path(given).expanduser() if given else ws.path.with_name(f"{ws.path.stem}-{suffix}")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputWriteError(f"Cannot create {folder}: {error.strerror or error}") from error
    return folder


def storyboard(ws: Workspace, arg: str) -> str:
    """``/storyboard [N] [DIR]``: storyboard.html and .pdf of scene N (or every scene)."""
    from assistant import api

    scene, rest = _split(arg)
    if scene and not any(ch.isdigit() for ch in scene):  # "/storyboard DIR"
        scene, rest = "", arg.strip()
    out = _folder(ws, rest, "storyboard")
    files = api.storyboard(ws.screenplay, out, scene=scene.lstrip("#") or None,
                           settings=ws.settings)  # fmt: skip
    what = f"scene {scene.lstrip('#')}" if scene else "every scene"
    lines = [f"Storyboard of {what}: {files.frames} frames, {files.pages} pages.", ""]
    lines += [f"- {name}" for name in files.files]
    return "\n".join(lines)


def export(ws: Workspace, arg: str) -> str:
    """``/export FORMAT [DIR]``: the previs timeline (otio, edl, fcp7xml, cdl, ccc, a plugin's)."""
    from assistant import api

    to, rest = _split(arg)
    if not to:
        names = ", ".join(api.post_exporters().exporters)
        raise SlateError(f"Usage: /export FORMAT [DIR] (formats: {names}), or /export FILE.md")
    api.post_exporters().named(to)  # an unknown format fails before the package is computed
    package = api.post_package(ws.screenplay, ws.settings)
    result = api.save_post_export(package, to, _folder(ws, rest, "post"), stem=ws.path.stem,
                                  inputs=[ws.path], settings=ws.settings)  # fmt: skip
    lines = [f"Exported {result.clips} clips with {result.exporter} to {result.path}."]
    lines += [f"- plugin {f.plugin} failed: {f.error}" for f in result.plugin_failures]
    return "\n".join(lines)


def compare(ws: Workspace, arg: str) -> str:
    """``/compare OTHER``: what changed from the draft OTHER to the open script."""
    from assistant import api

    if not arg.strip():
        raise SlateError("Usage: /compare OTHER.fountain (the earlier draft)")
    other = Path(arg.strip()).expanduser()
    if not other.is_absolute() and not other.exists():
        other = ws.path.parent / other  # a name beside the open script
    report = api.compare_drafts(api.open_script(other), ws.screenplay)
    delta = report.eighths_new - report.eighths_old
    lines = [
        f"**{other.name} -> {ws.path.name}**: {len(report.changes)} scene changes; pages "
        f"{report.pages_old} -> {report.pages_new} ({delta:+d} eighths).",
        "",
    ]
    for change in report.changes[:COMPARE_SHOWN]:
        label = change.new_label or change.old_label or "-"
        lines.append(
            f"- {change.kind} scene {label} {change.heading} (+{change.lines_added} "
            f"-{change.lines_removed} lines, {pages_in_eighths(abs(change.eighths_delta))} pp)"
        )
    if len(report.changes) > COMPARE_SHOWN:
        lines.append(f"- ... {len(report.changes) - COMPARE_SHOWN} more (`slate compare`).")
    for character in report.characters[:5]:
        lines.append(f"- {character.name}: {character.lines_old} -> {character.lines_new} lines")
    return "\n".join(lines)


# Drafting with a model: the worker asks for the suggestion and cuts it into hunks; the review
# screen (``shows="suggestion"``) lets the writer accept or reject each one.


class WorkerCancel(threading.Event):
    """An event that also reads as set once the Textual worker it watches is cancelled (Escape
    cancels the command's worker), so a model generating inside that worker stops at its next
    token: every backend polls ``cancel.is_set()``."""

    def __init__(self, worker: Worker[object]) -> None:
        super().__init__()
        self._worker = worker

    def is_set(self) -> bool:
        return self._worker.is_cancelled or super().is_set()


def _suggest(
    ws: Workspace, kind: Literal["rewrite", "continue", "punch_up"], scene: str | None,
    *, instruction: str = "", character: str | None = None,
) -> str:  # fmt: skip
    from textual.worker import get_current_worker

    from assistant import api
    from assistant.tui.screens.suggestion_screen import Review

    ws.pending = None
    worker = get_current_worker()
    try:
        suggestion = api.suggest_scene(
            ws.path, kind, scene, ws.settings, instruction=instruction, character=character,
            cancel=WorkerCancel(worker),
        )  # fmt: skip
    except SuggestionCancelledError:
        return "Cancelled: the model was stopped; nothing was changed."
    hunks = api.suggestion_hunks(suggestion)
    if worker.is_cancelled:  # Escape after the model finished: nothing to review
        return "Cancelled: the suggestion was dropped."
    if not hunks:
        return "The suggestion is the scene as it is: nothing to review."
    label = ws.labels[suggestion.scene_index] or str(suggestion.scene_index + 1)
    # The scene as the file holds it (what the hunks were cut from), not as the workspace last
    # read it: the file may have been edited outside Slate since.
    current = ws.screenplay if ws.script_hash == _file_hash(ws) else api.open_script(ws.path)
    old = None if kind == "continue" else current.scenes[suggestion.scene_index]
    ws.pending = Review(suggestion=suggestion, hunks=hunks, old_scene=old, label=label)
    where = f"after scene {label}" if kind == "continue" else f"scene {label}"
    return (f"Suggestion for {where}: {len(hunks)} hunks, {suggestion.attempts} attempt(s) by "
            f"{suggestion.model_id}. Opened for review.")  # fmt: skip


def _file_hash(ws: Workspace) -> str:
    from assistant.tui.sessions import content_hash

    return content_hash(ws.path.read_bytes())


def rewrite(ws: Workspace, arg: str) -> str:
    """``/rewrite N INSTRUCTION``: the model rewrites scene N as told."""
    scene, instruction = _split(arg)
    if not scene or not instruction:
        raise SlateError("Usage: /rewrite N INSTRUCTION (e.g. /rewrite 3 make it tenser)")
    return _suggest(ws, "rewrite", scene.lstrip("#"), instruction=instruction)


def punchup(ws: Workspace, arg: str) -> str:
    """``/punchup CHARACTER [N]``: sharper lines for CHARACTER (in scene N, or where they speak
    most)."""
    character, scene = _split(arg)
    if not character:
        raise SlateError("Usage: /punchup CHARACTER [N]")
    return _suggest(ws, "punch_up", scene.lstrip("#") or None, character=character)


def continue_(ws: Workspace, arg: str) -> str:
    """``/continue [N]``: the model writes the scene after scene N (default: the last)."""
    return _suggest(ws, "continue", arg.strip().lstrip("#") or None)


def undo(ws: Workspace, _arg: str) -> str:
    """``/undo``: restore the newest backup of the script (``api.undo_last``) and read it again."""
    from assistant import api

    backup = api.undo_last(ws.path)
    ws.reload()
    return f"Restored {ws.path.name} from {backup.name}."
