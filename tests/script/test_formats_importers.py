"""Trelby, Open Screenplay Format, Fade In, Highland and stage plays, on fixtures written here.

Each reader is reached the way a user reaches it, through ``read_script`` (suffix and content
sniffing, the importer hook), and gives the same screenplay as the Fountain text it was written
from: same headings, cues, speeches, parentheticals, transitions.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.script.formats import importers_for_suffix
from assistant.script.model import Action, Dialogue, Note, Parenthetical, Screenplay, Speech
from assistant.script.reading import read_script

FIXTURES = Path(__file__).parent.parent / "fixtures"


def summary(screenplay: Screenplay) -> list[tuple[str, str]]:
    """Every element as (kind, text), emphasis markup kept, headings with their numbers."""
    out: list[tuple[str, str]] = []
    for scene in screenplay.scenes:
        if scene.heading is not None:
            out.append(("heading", scene.heading.text))
        for element in scene.elements:
            if isinstance(element, Dialogue):
                out.append(("cue", " ".join([element.cue.name, *element.cue.extensions])))
                out.extend((part.type, part.text) for part in element.parts)
            elif hasattr(element, "text"):
                out.append((element.type, element.text))
    return out


def test_every_format_is_registered_through_the_hook() -> None:
    for suffix in (".trelby", ".osf", ".fadein", ".highland"):
        assert len(importers_for_suffix(suffix)) == 1, suffix


def test_trelby_file() -> None:
    screenplay = read_script(FIXTURES / "trelby" / "lighthouse.trelby")
    assert screenplay.source.format == "trelby"
    assert screenplay.source.encoding == "utf-8"
    gallery, cottage = screenplay.headed_scenes()
    assert gallery.heading is not None and cottage.heading is not None
    # Trelby stores headings and cues in lower case and prints them in capitals.
    assert (gallery.heading.location, gallery.heading.time_of_day) == (
        "LIGHTHOUSE GALLERY",
        "NIGHT",
    )
    assert cottage.heading.text == "INT. KEEPER'S COTTAGE - CONTINUOUS"
    assert gallery.start_line == 18  # the line of ".\\ext. lighthouse gallery - night"
    action = gallery.elements[0]
    assert isinstance(action, Action)
    # ">" joins wrapped lines with a space; action keeps its case.
    assert (
        action.text == "Wind tears at the railings. ISLA (60s, oilskins) trims a wick by lamplight."
    )
    isla = gallery.dialogues()[0]
    assert (isla.cue.name, isla.cue.extensions) == ("ISLA", ["V.O."])
    assert isla.parts == [
        Speech(text="Forty years I kept this light, and never once did it fail."),
        Parenthetical(text="(quietly)"),
        Speech(text="Until tonight."),
    ]
    assert isinstance(cottage.elements[-1], Note)
    assert [c.name for c in screenplay.characters] == ["ISLA", "TAM"]
    assert [(f.key, f.value) for f in screenplay.title_page] == [
        ("Title", "THE LAST KEEPER"),
        ("Credit", "written by"),
        ("Author", "Iona Petrel"),
        ("Contact", "Petrel Pictures\nPO Box 9"),
    ]


def test_trelby_content_is_found_whatever_the_suffix(tmp_path: Path) -> None:
    path = tmp_path / "keeper.txt"
    path.write_bytes((FIXTURES / "trelby" / "lighthouse.trelby").read_bytes())
    assert read_script(path).source.format == "trelby"


def test_osf_fade_in_and_highland_give_the_same_script() -> None:
    osf = read_script(FIXTURES / "osf" / "lighthouse.osf")
    fade_in = read_script(FIXTURES / "fadein" / "lighthouse.fadein")
    highland = read_script(FIXTURES / "highland" / "lighthouse.highland")
    assert (osf.source.format, fade_in.source.format, highland.source.format) == (
        "osf",
        "fadein",
        "highland",
    )
    expected = summary(highland)
    assert (
        "action",
        "Wind tears at the railings. ISLA (60s, oilskins) trims a wick by *lamplight*.",
    ) in expected
    assert summary(osf) == expected
    assert summary(fade_in) == expected
    assert [s.number for s in osf.headed_scenes()] == ["1", "2"]
    assert osf.title == "THE LAST KEEPER"
    assert [c.name for c in fade_in.characters] == ["ISLA", "TAM"]
    assert osf.page_count == highland.page_count == 1


def test_fade_in_and_highland_are_found_by_their_members(tmp_path: Path) -> None:
    for name in ("fadein/lighthouse.fadein", "highland/lighthouse.highland"):
        path = tmp_path / "script.zip"
        path.write_bytes((FIXTURES / name).read_bytes())
        assert read_script(path).source.format == name.split("/")[0]


def test_osf_content_is_found_whatever_the_suffix(tmp_path: Path) -> None:
    path = tmp_path / "keeper.xml"
    path.write_bytes((FIXTURES / "osf" / "lighthouse.osf").read_bytes())
    assert read_script(path).source.format == "osf"


def test_tei_play() -> None:
    play = read_script(FIXTURES / "plays" / "harbour_wall.tei.xml")
    assert play.source.format == "tei"
    assert play.title == "The Harbour Wall"
    quay, later = play.headed_scenes()
    assert quay.heading is not None and quay.heading.text == "The quay at dusk"
    assert quay.heading.int_ext is None
    morwen, kit = quay.dialogues()
    assert morwen.parts == [
        Speech(text="The tide is late again."),
        Parenthetical(text="(She looks out to sea.)"),
        Speech(text="It was late the night he went."),
    ]
    assert kit.speech_text == "Oh the wall is high\nand the sea is wide"
    assert later.elements[-1] == Action(text="Exeunt.")
    # "YOUNG KIT [calling]." speaks as #kit: the cast list's name, so one character, not two.
    assert later.dialogues()[0].cue.name == "KIT"
    assert [c.name for c in play.characters] == ["MORWEN", "KIT"]


def test_plain_text_play() -> None:
    play = read_script(FIXTURES / "plays" / "harbour_wall.txt")
    assert play.source.format == "play"
    assert play.title == "The Harbour Wall"
    assert [s.heading.text for s in play.headed_scenes() if s.heading] == [
        "FIRST ACT",
        "SECOND ACT",
    ]
    assert {c.name for c in play.characters} == {"MORWEN", "KIT", "OLD TREGEAR"}
    speeches = [d for s in play.scenes for d in s.dialogues()]
    assert len(speeches) == 24
    tregear = next(d for d in speeches if d.cue.name == "OLD TREGEAR")
    assert tregear.parts == [
        Speech(text="Not this late."),
        Parenthetical(text="(Looks out to sea)"),
        Speech(text="Not ever."),
    ]
    # The licence after the Gutenberg end marker is not part of the play.
    assert not any("LICENSE" in str(e) for s in play.scenes for e in s.elements)


@pytest.mark.shared_data
def test_shared_trelby_sample(shared_data_dir: Path) -> None:
    screenplay = read_script(
        shared_data_dir / "screenplays" / "other_formats" / "trelby_sample.trelby"
    )
    assert screenplay.source.format == "trelby"
    # 38 scene lines and 83 character cues in the file.
    assert len(screenplay.headed_scenes()) == 38
    assert sum(len(s.dialogues()) for s in screenplay.scenes) == 83
    first = screenplay.headed_scenes()[0].heading
    assert first is not None and first.text == first.text.upper()
    assert screenplay.title is not None


@pytest.mark.shared_data
def test_shared_stage_plays(shared_data_dir: Path) -> None:
    folder = shared_data_dir / "screenplays" / "stage_plays"
    emilia = read_script(folder / "gerdracor_lessing-emilia-galotti.tei.xml")
    assert emilia.source.format == "tei"
    assert len(emilia.headed_scenes()) == 43  # its 43 <div type="scene">
    assert sum(len(s.dialogues()) for s in emilia.scenes) == 835  # its 835 <sp>
    woyzeck = read_script(folder / "gerdracor_buechner-woyzeck.tei.xml")
    assert woyzeck.source.format == "tei" and len(woyzeck.headed_scenes()) == 50
    # Speakers named by the cast list: "Louis [Woyzeck]" and "Franz [Woyzeck]" are WOYZECK.
    assert not any("[" in c.name and "WOYZECK" in c.name for c in woyzeck.characters)
    assert len(emilia.characters) == 13  # its particDesc
    earnest = read_script(folder / "gutenberg_844_the_importance_of_being_earnest.txt")
    assert earnest.source.format == "play"
    names = {c.name for c in earnest.characters}
    assert {"JACK", "ALGERNON", "LADY BRACKNELL", "CECILY", "GWENDOLEN"} <= names
    assert not any("GUTENBERG" in name for name in names)
    assert len(earnest.headed_scenes()) == 3  # FIRST, SECOND, THIRD ACT
