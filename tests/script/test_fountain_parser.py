"""The Fountain importer on the bundled sample, on encodings, and on the real Fountain files.

Element-by-element spec cases live in ``tests/spec/fountain/*.yaml``.
"""

from __future__ import annotations

import codecs
from importlib import resources
from pathlib import Path

import pytest

from assistant.errors import ScriptReadError
from assistant.script.characters import collect_characters
from assistant.script.formats import Importer
from assistant.script.fountain import FountainImporter, parse_fountain
from assistant.script.model import (
    Action,
    Dialogue,
    DualDialogue,
    IntExt,
    Lyrics,
    Screenplay,
)


def _sample_text() -> str:
    return resources.files("assistant").joinpath("samples/night_shift.fountain").read_text("utf-8")


@pytest.fixture(scope="module")
def sample() -> Screenplay:
    return parse_fountain(_sample_text())


def _kinds(screenplay: Screenplay) -> set[str]:
    kinds: set[str] = set()
    for scene in screenplay.scenes:
        kinds.update(element.type for element in scene.elements)
        for dialogue in scene.dialogues():
            kinds.update(part.type for part in dialogue.parts)
    return kinds


def test_sample_uses_every_fountain_element(sample: Screenplay) -> None:
    expected = {
        "action", "dialogue", "dual_dialogue", "transition", "centered", "lyrics", "page_break",
        "section", "synopsis", "note", "speech", "parenthetical", "lyric",
    }  # fmt: skip
    assert expected <= _kinds(sample)
    headings = [scene.heading for scene in sample.headed_scenes() if scene.heading]
    assert {h.int_ext for h in headings} == {IntExt.INT, IntExt.EXT, IntExt.INT_EXT, None}
    assert any(h.forced for h in headings)
    assert {"NIGHT", "CONTINUOUS", "DAWN", "MORNING"} <= {h.time_of_day for h in headings}
    assert sum(h.scene_number is not None for h in headings) >= 3
    actions = [e for s in sample.scenes for e in s.elements if isinstance(e, Action)]
    assert any(a.forced for a in actions)
    assert any("\n        THE LA TERN" in a.text for a in actions), "indented action"
    assert any("\n" in a.text for a in actions), "line breaks in action"
    cues = [d.cue for s in sample.scenes for d in s.dialogues()]
    assert {"V.O.", "O.S.", "CONT'D"} <= {ext for cue in cues for ext in cue.extensions}
    assert any(cue.forced for cue in cues)
    assert sample.title_page and sample.title == "NIGHT SHIFT\na short screenplay"


def test_sample_has_a_title_page_scenes_and_described_characters(sample: Screenplay) -> None:
    assert [field.key for field in sample.title_page][:3] == ["Title", "Credit", "Author"]
    assert sample.scenes[0].heading is None, "FADE IN and the outline come before the first heading"
    assert 12 <= len(sample.headed_scenes()) <= 15
    characters = collect_characters(sample)
    assert 4 <= len(characters) <= 6
    assert all(character.description for character in characters), characters


def test_start_line_points_at_the_heading_in_the_source(sample: Screenplay) -> None:
    lines = _sample_text().split("\n")
    for scene in sample.headed_scenes():
        assert scene.heading is not None and scene.start_line is not None
        assert scene.heading.text in lines[scene.start_line - 1]


def test_boneyard_is_gone_and_notes_stay_inline(sample: Screenplay) -> None:
    texts = [e.text for s in sample.scenes for e in s.elements if isinstance(e, Action)]
    assert not any("/*" in text or "Earlier drafts" in text for text in texts)
    assert any("[[" in text for text in texts), "an inline note stays in its action"


def test_dual_dialogue_and_lyrics_in_the_sample(sample: Screenplay) -> None:
    duals = [e for s in sample.scenes for e in s.elements if isinstance(e, DualDialogue)]
    assert [(d.left.cue.name, d.right.cue.name) for d in duals] == [("MARA", "DELL")]
    lyrics = [e for s in sample.scenes for e in s.elements if isinstance(e, Lyrics)]
    assert len(lyrics) == 1 and lyrics[0].text.count("\n") == 3
    sung = [d for s in sample.scenes for d in s.dialogues() if "lyric" in {p.type for p in d.parts}]
    assert sung and isinstance(sung[0], Dialogue)


def test_importer_meets_the_protocol_and_records_the_encoding() -> None:
    importer = FountainImporter()
    assert isinstance(importer, Importer)
    text = "Title: Café\n\nINT. CAFÉ - NIGHT\n\nZOË\nÇa va?\n"
    for encoding, data in [
        ("utf-8", text.encode("utf-8")),
        ("utf-16-le", codecs.BOM_UTF16_LE + text.encode("utf-16-le")),
        ("cp1252", text.encode("cp1252")),
    ]:
        screenplay = importer.read(data)
        assert screenplay.source.encoding == encoding
        assert screenplay.source.format == "fountain"
        assert screenplay.title == "Café"
        assert screenplay.scenes[0].dialogues()[0].cue.name == "ZOË"


def test_importer_rejects_binary_with_a_read_error() -> None:
    with pytest.raises(ScriptReadError, match="binary"):
        FountainImporter().read(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")


def test_parse_gives_a_valid_model(sample: Screenplay) -> None:
    assert Screenplay.model_validate(sample.model_dump()) == sample


def _real_fountain_files(shared_data_dir: Path) -> list[Path]:
    files = sorted((shared_data_dir / "screenplays" / "fountain").glob("*.fountain"))
    files += sorted(
        (shared_data_dir / "screenplays" / "format_fixtures" / "screenplain").glob("*.fountain")
    )
    assert len(files) >= 20, "the shared Fountain files are missing"
    return files


@pytest.mark.shared_data
def test_real_fountain_files_parse_with_scenes(shared_data_dir: Path) -> None:
    for path in _real_fountain_files(shared_data_dir):
        screenplay = FountainImporter().read(path.read_bytes())
        assert screenplay.scenes, path.name
        assert sum(len(scene.elements) for scene in screenplay.scenes) > 0, path.name
    scripts = sorted((shared_data_dir / "screenplays" / "fountain").glob("*.fountain"))
    for path in scripts:
        screenplay = FountainImporter().read(path.read_bytes())
        assert screenplay.title_page, path.name
        assert len(screenplay.headed_scenes()) >= 2, path.name
        assert sum(len(scene.dialogues()) for scene in screenplay.scenes) >= 3, path.name
        lines = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n").split("\n")
        for scene in screenplay.headed_scenes():
            assert scene.heading is not None and scene.start_line is not None
            assert scene.heading.text in lines[scene.start_line - 1], path.name


def test_repeated_cues_do_not_share_their_extensions() -> None:
    from assistant.script.fountain import parse_fountain
    from assistant.script.model import Dialogue

    screenplay = parse_fountain("MARA (V.O.)\nHi.\n\nMARA (V.O.)\nYo.\n")
    first, second = screenplay.scenes[0].elements
    assert isinstance(first, Dialogue) and isinstance(second, Dialogue)
    first.cue.extensions.append("CONT'D")  # the cue reading is kept per line; its list is not
    assert second.cue.extensions == ["V.O."]
    again = parse_fountain("MARA (V.O.)\nHi.\n").scenes[0].elements[0]
    assert isinstance(again, Dialogue) and again.cue.extensions == ["V.O."]
