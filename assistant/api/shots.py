"""Shot lists, the storyboard drawn from one, and the optional LLM pass over a shot list."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.api.models import load_settings
from assistant.script.model import Screenplay

if TYPE_CHECKING:
    from assistant.analysis.shots.model import ShotList
    from assistant.analysis.shots.refine import ShotRefinement
    from assistant.config import Settings
    from assistant.post.storyboard.write import StoryboardFiles


def shot_list(screenplay: Screenplay, *, scene: str | None = None) -> ShotList:
    """The deterministic shot list: numbered shots per scene with size, angle, move, lens,
    subjects, source lines, duration and set-up (docs/shots.md).

    Args:
        screenplay: the parsed script; its source file, when still readable, gives each shot its
            line numbers.
        scene: a scene label as people see it (``Screenplay.scene_labels``; ``0`` for the block
            before the first heading); default every scene.

    Raises:
        AnalysisError: ``scene`` names no scene of the script.
    """
    from assistant.analysis.shots.planner import plan_shots, scene_index_for
    from assistant.analysis.shots.source import source_text

    indices = None if scene is None else [scene_index_for(screenplay, scene)]
    return plan_shots(screenplay, source_text=source_text(screenplay), scene_indices=indices)


def storyboard(
    screenplay: Screenplay,
    out: Path,
    *,
    scene: str | None = None,
    force: bool = False,
    settings: Settings | None = None,
) -> StoryboardFiles:
    """Draw the shot list as a storyboard: ``storyboard.html`` (self-contained) and
    ``storyboard.pdf`` (6 frames a page) in the folder ``out``.

    Overwrite safety is ``save_export``'s: unless ``force``, a file there that Slate did not
    write (or that changed since) is not replaced.

    Raises:
        AnalysisError: ``scene`` names no scene of the script.
        OutputWriteError: ``out`` is not an existing writable folder; nothing is written.
        OverwriteRefusedError: a storyboard file there is not Slate's to replace.
    """
    from assistant.post.storyboard.write import write_storyboard
    from assistant.saving import written_files

    plan = shot_list(screenplay, scene=scene)
    settings = settings or load_settings()
    inputs = [Path(screenplay.source.path)] if screenplay.source.path else []
    return write_storyboard(plan, Path(out), force=force, inputs=inputs,
                            written=written_files(settings))  # fmt: skip


def refine_shots_with_llm(
    plan: ShotList,
    screenplay: Screenplay,
    settings: Settings,
    cancel: threading.Event | None = None,
) -> ShotRefinement:
    """The optional LLM pass over a shot list: the configured text model may change each shot's
    size, angle or move, scene by scene; ``plan`` is left unchanged and the changes are listed
    apart (shots it changed say ``source: "llm"``).

    Raises:
        ModelUnavailableError: the text model cannot be loaded or reached.
        ConfigError: an unknown backend is configured.
    """
    from assistant.analysis.shots.refine import refine_shots
    from assistant.models.registry import get_text_model

    return refine_shots(plan, screenplay, get_text_model(settings), cancel=cancel)
