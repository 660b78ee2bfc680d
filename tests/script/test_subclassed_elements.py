"""Elements of a subclass of a model class (a plugin importer's own) are read as the model's.

Pagination, the character list, stats and the exporters dispatch on the exact class; an element
of a subclass must not print nothing, lose its speakers or vanish from an export.
"""

from __future__ import annotations

from assistant.script.fdx_export import to_fdx
from assistant.script.fountain_export import to_fountain
from assistant.script.model import (
    Action,
    CharacterCue,
    Dialogue,
    DualDialogue,
    Scene,
    SceneHeading,
    Screenplay,
    Speech,
)
from assistant.script.reading import finish_screenplay
from assistant.script.stats import compute_stats


class PluginAction(Action):
    """What a plugin might register: a model class with a helper of its own."""

    def shouted(self) -> str:
        return self.text.upper()


class PluginDialogue(Dialogue):
    pass


class PluginSpeech(Speech):
    pass


def _scenes(action: type[Action], dialogue: type[Dialogue], speech: type[Speech]) -> list[Scene]:
    mara = dialogue(cue=CharacterCue(name="MARA"), parts=[speech(text="We go at dawn, all of us.")])
    bram = dialogue(cue=CharacterCue(name="BRAM"), parts=[speech(text="Not me.")])
    elements = [
        action(text="Mara climbs the ladder and looks out over the burning fields below."),
        mara,
        DualDialogue(left=bram, right=dialogue(cue=CharacterCue(name="ODA"), parts=[])),
    ]
    return [Scene(heading=SceneHeading(text=f"INT. BARN - {n}"), elements=elements) for n in "ABC"]


def _finished(scenes: list[Scene]) -> Screenplay:
    return finish_screenplay(Screenplay(scenes=scenes))


def test_a_plugins_subclassed_elements_read_as_the_model_classes() -> None:
    plain = _finished(_scenes(Action, Dialogue, Speech))
    plugin = _finished(_scenes(PluginAction, PluginDialogue, PluginSpeech))
    assert plugin.model_dump() == plain.model_dump()  # pages, eighths, characters included
    assert [c.name for c in plugin.characters] == ["MARA", "BRAM", "ODA"]
    assert to_fdx(plugin) == to_fdx(plain)
    assert to_fountain(plugin) == to_fountain(plain)
    assert compute_stats(plugin) == compute_stats(plain)
    elements = [element for scene in plugin.scenes for element in scene.elements]
    assert {type(element) for element in elements} == {Action, Dialogue, DualDialogue}


def test_scenes_of_the_model_classes_are_kept_as_they_are() -> None:
    scenes = _scenes(Action, Dialogue, Speech)
    screenplay = _finished(scenes)
    assert all(kept is given for kept, given in zip(screenplay.scenes, scenes, strict=True))
