"""Slash commands: each runs one structured feature through the workspace (so through
``assistant.api``) and returns Markdown for the chat log.

Adding one is one entry in ``COMMANDS`` (docs/tui.md): a name, a usage line, and a function
``(workspace, argument) -> Markdown`` that runs in a worker thread. The command palette and
``/help`` list whatever is registered.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from assistant.errors import SlateError
from assistant.tui import more_commands
from assistant.tui.layout import pages_in_eighths
from assistant.tui.workspace import Workspace

_SPARKS = "▁▂▃▄▅▆▇█"


@dataclass(frozen=True)
class SlashCommand:
    name: str
    usage: str
    help: str
    run: Callable[[Workspace, str], str]
    opens: str | None = None
    """The screen whose data it computed (``story``, ``production``): rebuilt, shown next time."""
    shows: str | None = None
    """The screen to switch to once it ran, given the argument (``/cast MARA``: casting);
    ``suggestion``: the review of the suggestion it made; ``reloaded``: the script changed on disk
    and was read again (``SlateApp.show_screen``)."""


def spark(values: list[float]) -> str:
    return "".join(_SPARKS[min(int(v * len(_SPARKS)), len(_SPARKS) - 1)] for v in values)


def _stats(ws: Workspace, _arg: str) -> str:
    from assistant import api

    stats = api.script_stats(ws.screenplay)
    data = stats.model_dump()
    lines = [f"**{ws.title}**", ""]
    for key, value in data.items():
        if isinstance(value, int | float | str):
            lines.append(f"- {key.replace('_', ' ')}: {value}")
    return "\n".join(lines)


def _score(ws: Workspace, _arg: str) -> str:
    report = ws.score()
    strengths = [s.strength for s in report.scenes]
    lines = [f"Strength: `{spark(strengths)}`", ""]
    if ws.plain:  # no bar glyphs: the strongest scenes as words
        top = sorted(report.scenes, key=lambda s: -s.strength)[:5]
        lines = ["Strongest: " + ", ".join(f"scene {s.number} {s.strength:.2f}" for s in top), ""]
    for tp in report.turning_points:
        scene = report.scenes[tp.scene_index]
        lines.append(f"- **{tp.name}**: scene {scene.number} {scene.heading} ({tp.confidence:.0%})")
    lines.append("")
    lines.append("Strength is the chance a scene is a turning point, not a verdict on quality.")
    return "\n".join(lines)


def _beats(ws: Workspace, _arg: str) -> str:
    sheet = ws.beat_sheet()
    lines = [f"**{sheet.convention}**", ""]
    for beat in sheet.beats:
        labels = ", ".join(str(ws.labels[i]) for i in beat.scene_indices)
        lines.append(f"- **{beat.name}** (scenes {labels}; p. {beat.pages}): {beat.reason}")
    if sheet.unplaced:
        lines.append(f"\nNot placed: {', '.join(sheet.unplaced)}")
    return "\n".join(lines)


def _scene_index(ws: Workspace, arg: str) -> int:
    wanted = arg.strip().lstrip("#").upper()
    for index, label in enumerate(ws.labels):
        if label is not None and label.upper() == wanted:
            return index
    raise SlateError(
        f"No scene {arg.strip()} in this script: its scenes are {ws.screenplay.describe_labels()}"
    )


def _breakdown(ws: Workspace, arg: str) -> str:
    report = ws.scene_breakdown()
    scenes = report.scenes
    if arg.strip():
        index = _scene_index(ws, arg)
        scenes = [s for s in report.scenes if s.index == index]
    lines = []
    for scene in scenes:
        pages = pages_in_eighths(scene.eighths)
        heading = scene.heading or ""
        lines.append(f"**Scene {scene.label}** {heading} ({pages} pp, day {scene.script_day})")
        for category, elements in scene.elements.items():
            if elements:
                names = ", ".join(e.name + (f" ({e.count})" if e.count else "") for e in elements)
                lines.append(f"- {category}: {names}")
        lines.append("")
    return "\n".join(lines) or "No scenes."


def _schedule(ws: Workspace, _arg: str) -> str:
    report = ws.shooting_schedule()
    assert report is not None  # no cancel event given: never None
    lines = [f"Schedule: **{report.status}**, {len(report.days)} days ({report.seconds:.1f} s)", ""]
    for conflict in report.conflicts:
        lines.append(f"- conflict: {conflict}")
    for day in report.days:
        pages = pages_in_eighths(day.eighths)
        sets = ", ".join(day.sets)
        lines.append(f"- Day {day.number} {day.date}: {sets} ({pages} pp, {day.day_night})")
    return "\n".join(lines)


def _shots(ws: Workspace, arg: str) -> str:
    from assistant import api

    plan = api.shot_list(ws.screenplay, scene=arg.strip().lstrip("#") or None)
    lines: list[str] = []
    for scene in plan.scenes[: None if arg.strip() else 3]:
        lines.append(f"**Scene {scene.number}** {scene.heading or ''} ({len(scene.shots)} shots)")
        for shot in scene.shots:
            who = ", ".join(shot.subjects)
            lines.append(
                f"- {shot.number} {shot.size} {shot.angle} {shot.movement} {shot.lens_mm} mm"
                f"{f' · {who}' if who else ''} · {shot.duration_s:.0f} s"
            )
        lines.append("")
    if not arg.strip() and len(plan.scenes) > 3:
        lines.append(f"First 3 of {len(plan.scenes)} scenes; `/shots N` shows scene N.")
    return "\n".join(lines) or "No scenes."


def _cast(ws: Workspace, arg: str) -> str:
    from assistant import api

    index_dir, source = ws.cast_index()
    found = api.cast_suggest(ws.screenplay, character=arg.strip() or None, index_dir=index_dir,
                             settings=ws.settings)  # fmt: skip
    configured = api.cast_index_dir(None, ws.settings)
    if index_dir != configured:
        source += f"; `slate cast index build ROSTER` makes your own {configured}/"
    lines: list[str] = []
    for character in found.characters[: None if arg.strip() else 5]:
        lines.append(f"**{character.name}**: {character.brief.query}")
        for result in character.results:
            lines.append(f"- {result.name} ({result.score:.2f}): {'; '.join(result.reasons)}")
        lines.extend(f"- note: {note}" for note in character.notes)
        lines.append("")
    lines.append(f"Actors from {source}.")
    return "\n".join(lines) if found.characters else "No speaking characters."


COMMANDS: dict[str, SlashCommand] = {
    c.name: c
    for c in [
        SlashCommand("stats", "/stats", "Scenes, pages, INT/EXT, DAY/NIGHT, cast", _stats),
        SlashCommand("score", "/score", "Scene strength, turning points", _score, "story"),
        SlashCommand("beats", "/beats", "The beat sheet on the script", _beats, "story"),
        SlashCommand("breakdown", "/breakdown [N]", "Breakdown (of scene N)", _breakdown,
                     "production"),
        SlashCommand("schedule", "/schedule", "Stripboard, shooting days (5 s)", _schedule,
                     "production"),
        SlashCommand("shots", "/shots [N]", "Shot list (of scene N)", _shots),
        SlashCommand("cast", "/cast [NAME]", "Casting brief and actors; opens Casting", _cast,
                     shows="casting"),
        SlashCommand("storyboard", "/storyboard [N] [DIR]", "Storyboard HTML+PDF (of scene N)",
                     more_commands.storyboard),
        SlashCommand("export", "/export FORMAT [DIR]", "Previs timeline: otio, edl, fcp7xml, "
                     "cdl, ccc (/export FILE.md: the session)", more_commands.export),
        SlashCommand("compare", "/compare OTHER", "What changed from draft OTHER to this one",
                     more_commands.compare),
        SlashCommand("rewrite", "/rewrite N INSTRUCTION", "A model rewrite of scene N, reviewed "
                     "hunk by hunk", more_commands.rewrite, shows="suggestion"),
        SlashCommand("punchup", "/punchup CHARACTER [N]", "Sharper lines for CHARACTER, reviewed",
                     more_commands.punchup, shows="suggestion"),
        SlashCommand("continue", "/continue [N]", "A model-written scene after scene N, reviewed",
                     more_commands.continue_, shows="suggestion"),
        SlashCommand("undo", "/undo", "Restore the script's last backup", more_commands.undo,
                     shows="reloaded"),
    ]
}  # fmt: skip


def parse_slash(text: str) -> tuple[SlashCommand, str] | None:
    """The command and argument ``/name arg`` names, or None when ``text`` is not a command.

    Raises:
        SlateError: ``text`` starts with ``/`` but names no registered command.
    """
    if not text.startswith("/"):
        return None
    name, _, arg = text[1:].partition(" ")
    command = COMMANDS.get(name.lower())
    if command is None:
        known = ", ".join(f"/{n}" for n in COMMANDS)
        raise SlateError(f"Unknown command /{name}; known: {known}")
    return command, arg.strip()
