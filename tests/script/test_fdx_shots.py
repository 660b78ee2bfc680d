"""FDX ``Shot`` paragraphs: a numbered shot survives export and import, number included."""

from __future__ import annotations

from assistant.script.fdx import FdxImporter
from assistant.script.fdx_export import to_fdx
from assistant.script.model import Action, Scene, SceneHeading, Screenplay, Shot


def test_a_shot_round_trips_through_fdx_with_its_number() -> None:
    script = Screenplay(
        scenes=[
            Scene(
                heading=SceneHeading(text="INT. VAULT - NIGHT", location="VAULT", scene_number="3"),
                elements=[
                    Action(text="The door swings open."),
                    Shot(text="HIS P.O.V.", number="3-A"),
                    Action(text="Gold, floor to ceiling."),
                ],
            )
        ]
    )
    back = FdxImporter().read(to_fdx(script).encode("utf-8"))
    shots = [e for scene in back.scenes for e in scene.elements if isinstance(e, Shot)]
    assert [(s.text, s.number) for s in shots] == [("HIS P.O.V.", "3-A")]
