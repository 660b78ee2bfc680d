"""The slash commands that write files or read a second script: ``/storyboard N``,
``/export FORMAT`` and ``/compare OTHER``. Each is one api call (or two) through the workspace;
the Markdown they return says what was written where.

Output folders default to beside the script (``<stem>-storyboard/``, ``<stem>-post/``), with the
api's overwrite safety (never a file Slate did not write).
"""

from __future__ import annotations

from pathlib import Path

from assistant.errors import OutputWriteError, SlateError
from assistant.tui.layout import pages_in_eighths
from assistant.tui.workspace import Workspace

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
