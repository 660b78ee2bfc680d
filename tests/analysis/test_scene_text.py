"""What the scene model and the chat read of a scene."""

from __future__ import annotations


def test_a_numbered_shot_is_read_as_action_text() -> None:
    from assistant.analysis.scene_text import read_scene, scene_units
    from assistant.script.model import Scene, SceneHeading, Shot

    scene = Scene(
        heading=SceneHeading(text="INT. VAULT - NIGHT"),
        elements=[Shot(text="ANGLE ON THE DOOR", number="3-A")],
    )
    assert "ANGLE ON THE DOOR" in read_scene(scene).text
    assert [unit.text for unit in scene_units(scene)] == ["ANGLE ON THE DOOR"]
