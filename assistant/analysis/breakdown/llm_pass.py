"""The optional LLM pass: the configured text model lists each scene's elements, reported apart.

Run through ``assistant.models.structured.generate_structured`` (repair, one retry, fallback): a
scene where the model gives nothing valid counts in ``fallback_scenes`` and adds nothing. Its
elements never enter the rules' breakdown: they are ``BreakdownReport.llm``.
"""

from __future__ import annotations

import threading
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from assistant.analysis.breakdown.breakdown import source_text
from assistant.analysis.breakdown.locate import SourceLines
from assistant.analysis.breakdown.model import (
    CATEGORIES,
    BreakdownReport,
    Element,
    LlmPassReport,
    LlmScene,
)
from assistant.analysis.scene_text import read_scene
from assistant.models.base import GenerationOptions, TextModel
from assistant.models.prompts import load_prompt
from assistant.models.structured import generate_structured
from assistant.script.model import Screenplay

_SCENE_CHARS = 2400
"""Scene text sent per call: SmolLM2's 8,192 tokens hold it with the instructions and schema."""

Category = Literal[
    "cast", "extras", "stunts", "vehicles", "props", "set_dressing", "wardrobe", "makeup_hair",
    "special_effects", "visual_effects", "animals", "weapons", "sound_music",
    "special_equipment", "greenery",
]  # fmt: skip


class LlmElement(BaseModel):
    model_config = ConfigDict(extra="forbid")
    category: Category
    name: str = Field(min_length=1, max_length=60)


class LlmElements(BaseModel):
    """What the model must answer for one scene."""

    model_config = ConfigDict(extra="forbid")
    elements: list[LlmElement] = Field(default_factory=list, max_length=60)


def prompt_folder() -> Path:
    return Path(str(resources.files("assistant.analysis.breakdown") / "prompts"))


def run_llm_pass(
    screenplay: Screenplay,
    report: BreakdownReport,
    model: TextModel,
    *,
    only: list[int] | None = None,
    cancel: threading.Event | None = None,
) -> LlmPassReport:
    """Ask ``model`` for each headed scene's elements (or the scenes at the indices ``only``);
    lines are found as for the rules' elements."""
    template = load_prompt("breakdown", directory=prompt_folder())
    lines = SourceLines(screenplay, source_text(screenplay))
    scenes: list[LlmScene] = []
    fallbacks = 0
    for sheet in report.scenes:
        if cancel is not None and cancel.is_set():
            break
        if only is not None and sheet.index not in only:
            continue
        scene = screenplay.scenes[sheet.index]
        if scene.heading is None and screenplay.headed_scenes():
            continue
        task = template.render(
            heading=sheet.heading or "(no heading)",
            text=read_scene(scene).text[:_SCENE_CHARS],
            categories=list(CATEGORIES),
        )
        result = generate_structured(
            model, task, LlmElements, LlmElements, GenerationOptions(max_new_tokens=384),
            cancel=cancel,
        )  # fmt: skip
        fallbacks += result.fallback
        elements: dict[str, list[Element]] = {category: [] for category in CATEGORIES}
        for item in result.value.elements:
            name = " ".join(item.name.split())
            name = name.upper() if item.category == "cast" else name.lower()
            if any(e.name == name for e in elements[item.category]):
                continue
            elements[item.category].append(
                Element(name=name, line=lines.line_of(sheet.index, name), source="llm")
            )
        scenes.append(LlmScene(index=sheet.index, elements=elements))
    return LlmPassReport(
        model_id=getattr(model, "model_id", type(model).__name__),
        prompt=template.ref,
        fallback_scenes=fallbacks,
        scenes=scenes,
    )
