"""One scene numbering for people: written numbers when every headed scene has one."""

from assistant.script.model import Scene, SceneHeading, Screenplay


def _scene(number: str | None, *, headed: bool = True) -> Scene:
    heading = SceneHeading(text="INT. ROOM - DAY", scene_number=number) if headed else None
    return Scene(heading=heading)


def test_position_numbering_skips_the_block_before_the_first_heading() -> None:
    script = Screenplay(scenes=[_scene(None, headed=False), _scene(None), _scene(None)])
    assert script.numbering == "position"
    assert script.scene_labels() == [None, "1", "2"]


def test_written_numbers_when_every_headed_scene_has_one() -> None:
    script = Screenplay(scenes=[_scene(None, headed=False), _scene("12"), _scene("12A")])
    assert script.numbering == "written"
    assert script.scene_labels() == [None, "12", "12A"]


def test_partly_numbered_script_is_numbered_by_position() -> None:
    script = Screenplay(scenes=[_scene("7"), _scene(None), _scene("9")])
    assert script.numbering == "position"
    assert script.scene_labels() == ["1", "2", "3"]
