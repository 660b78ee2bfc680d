"""What Slate will not read says so in one line: hostile archives, damaged files, and text that is
not a screenplay (prose, an e-book), while real scripts without INT./EXT. headings still import."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from assistant.errors import ScriptReadError
from assistant.script import archives
from assistant.script.reading import read_script

FIXTURES = Path(__file__).parent.parent / "fixtures"
OSF = (FIXTURES / "osf" / "lighthouse.osf").read_bytes()
FOUNTAIN = (FIXTURES / "highland" / "lighthouse_text.md").read_bytes()
PROSE = (FIXTURES / "plays" / "prose.txt").read_bytes()


def refusal(path: Path) -> str:
    with pytest.raises(ScriptReadError) as caught:
        read_script(path)
    message = caught.value.message
    assert "\n" not in message
    assert message.startswith(str(path))
    return message


def zipped(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, body in members.items():
            archive.writestr(name, body)
    return buffer.getvalue()


def written(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_zip_bomb(tmp_path: Path) -> None:
    bomb = zipped({"document.xml": b"\0" * (8 * 1024 * 1024)})
    assert len(bomb) < 100_000
    message = refusal(written(tmp_path, "bomb.fadein", bomb))
    assert "looks like a zip bomb (document.xml expands" in message


def test_huge_member(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archives, "MAX_MEMBER_BYTES", 1000)
    data = zipped({"Big.textbundle/text.md": FOUNTAIN * 10}, zipfile.ZIP_STORED)
    message = refusal(written(tmp_path, "big.highland", data))
    assert "text.md is 0.0 MB uncompressed; Slate reads scripts up to 0 MB" in message


@pytest.mark.parametrize("member", ["../../etc/passwd", "/etc/passwd", "C:/boot.ini", "a/../../b"])
def test_unsafe_member_names(tmp_path: Path, member: str) -> None:
    data = zipped({"document.xml": OSF, member: b"x"})
    message = refusal(written(tmp_path, "evil.fadein", data))
    assert "holds a file with an unsafe path name" in message


def test_missing_member(tmp_path: Path) -> None:
    message = refusal(written(tmp_path, "empty.fadein", zipped({"preview.png": b"png"})))
    assert message.endswith("is a zip archive with no document.xml in it")
    message = refusal(
        written(tmp_path, "empty.highland", zipped({"x.textbundle/info.json": b"{}"}))
    )
    assert message.endswith("is a zip archive with no Fountain text (text.md) in it")


def test_not_a_zip(tmp_path: Path) -> None:
    message = refusal(written(tmp_path, "plain.fadein", b"INT. HOUSE - DAY\n\nHello.\n"))
    assert "is not a readable zip archive" in message


def test_damaged_member(tmp_path: Path) -> None:
    data = bytearray(zipped({"document.xml": OSF * 3}))
    start = data.index(b"document.xml") + len("document.xml") + 20
    data[start : start + 40] = bytes(40)
    message = refusal(written(tmp_path, "damaged.fadein", bytes(data)))
    assert "damaged zip archive" in message or "Not a readable Open Screenplay" in message


def test_encrypted_member(tmp_path: Path) -> None:
    data = bytearray(zipped({"document.xml": OSF}))
    # Python's zipfile cannot write encrypted members: set the "encrypted" bit in both headers.
    local, central = data.index(b"PK\x03\x04"), data.index(b"PK\x01\x02")
    data[local + 6] |= 0x1
    data[central + 8] |= 0x1
    message = refusal(written(tmp_path, "locked.fadein", bytes(data)))
    assert "is password-protected (document.xml is encrypted)" in message


def test_hostile_osf_xml(tmp_path: Path) -> None:
    laughs = b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><document>&a;</document>'
    message = refusal(written(tmp_path, "laughs.osf", laughs))
    assert "Not a readable Open Screenplay Format file: XML DTDs and entities" in message
    message = refusal(written(tmp_path, "cut.osf", OSF[:300]))
    assert "malformed XML at line" in message
    message = refusal(written(tmp_path, "other.osf", b"<document><info/></document>"))
    assert message.endswith("it has no <paragraphs> element")


def test_bad_trelby(tmp_path: Path) -> None:
    message = refusal(written(tmp_path, "x.trelby", b"#Version 3\nno script here\n"))
    assert message.endswith("Not a readable Trelby file: it has no #Start-Script line")
    message = refusal(written(tmp_path, "y.trelby", b"#Version 3\n#Start-Script\n..FADE IN:\nzz\n"))
    assert "line 4 is not a Trelby script line" in message
    message = refusal(written(tmp_path, "z.trelby", b"hello\n"))
    assert "does not start with a #Version line" in message


def test_unknown_xml(tmp_path: Path) -> None:
    message = refusal(written(tmp_path, "feed.xml", b'<?xml version="1.0"?><rss><item/></rss>'))
    assert "is an XML file that is not Final Draft, Open Screenplay Format or TEI drama" in message
    assert ".fdx" in message and ".osf" in message


@pytest.mark.parametrize("suffix", [".txt", "", ".fountain"])
def test_prose_is_not_a_screenplay(tmp_path: Path, suffix: str) -> None:
    message = refusal(written(tmp_path, "novel" + suffix, PROSE))
    assert "looks like prose or notes, not a screenplay" in message
    assert "no scene heading and no character's speech" in message
    assert "Slate reads .fountain" in message and ".trelby" in message


def test_gutenberg_book_whose_only_cue_is_its_licence(tmp_path: Path) -> None:
    book = (
        b"The Project Gutenberg eBook of Harbour Days\n\n"
        b"*** START OF THE PROJECT GUTENBERG EBOOK HARBOUR DAYS ***\n\n"
        + PROSE
        + b"\n*** END OF THE PROJECT GUTENBERG EBOOK HARBOUR DAYS ***\n\n"
        b"THE FULL PROJECT GUTENBERG LICENSE\nPLEASE READ THIS BEFORE YOU DISTRIBUTE THIS WORK\n"
    )
    message = refusal(written(tmp_path, "book.txt", book))
    assert "looks like a Project Gutenberg e-book, not a screenplay" in message


def test_short_fountain_files_without_headings_still_import(tmp_path: Path) -> None:
    for text in (b"!Just one forced action.\n", b"> THE END <\n", b"CUT TO:\n"):
        assert read_script(written(tmp_path, "tiny.fountain", text)).scenes is not None


def test_script_without_int_ext_headings_still_imports(fixtures_dir: Path) -> None:
    screenplay = read_script(fixtures_dir / "plain" / "no_int_ext.txt")
    assert any(scene.dialogues() for scene in screenplay.scenes)


def test_format_option_skips_the_refusal(tmp_path: Path) -> None:
    """Asked for by name, Fountain reads anything: the user said what the file is."""
    screenplay = read_script(written(tmp_path, "novel.txt", PROSE), format="fountain")
    assert screenplay.headed_scenes() == []


@pytest.mark.shared_data
def test_every_shared_screenplay_imports_or_is_refused(shared_data_dir: Path) -> None:
    folder = shared_data_dir / "screenplays"
    files = [p for p in sorted(folder.rglob("*")) if p.is_file() and p.suffix != ".md"]
    assert len(files) >= 40
    for path in files:
        screenplay = read_script(path)  # each of these is a script or a play Slate reads
        assert screenplay.scenes, path
        if "stage_plays" in str(path) or "other_formats" in str(path):
            assert screenplay.headed_scenes(), path
            assert not any("LICENSE" in c.name for c in screenplay.characters), path


@pytest.mark.shared_data
def test_no_tripod_script_is_refused_or_read_as_a_play(shared_data_dir: Path) -> None:
    scripts = sorted((shared_data_dir / "labeled" / "tripod").rglob("*.txt"))
    assert len(scripts) == 94
    for path in scripts:
        screenplay = read_script(path)
        assert screenplay.source.format in ("plain", "fountain"), path
        assert any(scene.dialogues() for scene in screenplay.scenes), path


@pytest.mark.parametrize(
    ("member", "kind"),
    [
        ("word/document.xml", "a Word document"),
        ("content.xml", "an OpenDocument file"),
        ("project.rdf", "a Celtx project"),
    ],
)
def test_office_archives_are_named(tmp_path: Path, member: str, kind: str) -> None:
    message = refusal(written(tmp_path, "draft.bin", zipped({member: b"<x/>"})))
    assert f"is {kind}, not a screenplay file; export it from its program as PDF" in message


def test_rtf_is_named(tmp_path: Path) -> None:
    rtf = b"{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Courier;}} INT. HOUSE - DAY\\par}"
    message = refusal(written(tmp_path, "draft.fountain", rtf))
    assert "is an RTF document, not a screenplay file" in message


def test_fountain_opening_with_a_version_section_stays_fountain(tmp_path: Path) -> None:
    text = b"#Version 2\n\nINT. HOUSE - DAY\n\nMARA\nHello.\n"
    screenplay = read_script(written(tmp_path, "draft.txt", text))
    assert screenplay.source.format == "fountain"
    assert len(screenplay.headed_scenes()) == 1


def test_a_transcript_fountain_cannot_read_is_read_by_the_indentation_reader(
    fixtures_dir: Path,
) -> None:
    # Headings glued to the line above and ``NAME :`` speeches: no Fountain heading or cue, but a
    # screenplay all the same, so it is read, not refused.
    screenplay = read_script(fixtures_dir / "plain" / "colon_cues.txt")
    assert screenplay.source.format == "plain"
    assert [s.heading.location for s in screenplay.headed_scenes()] == [
        "ENGINE HALL",
        "GLASS PLAINS",
    ]
    assert {"OTTILIE", "BRAM"} <= {c.name for c in screenplay.characters}


@pytest.mark.parametrize("ending", ["", "\n", "\n\n\n"])
def test_a_title_page_alone_is_refused_in_one_line(tmp_path: Path, ending: str) -> None:
    script = tmp_path / "title.fountain"
    script.write_text("Title: Only a Title\nAuthor: Me" + ending, encoding="utf-8")
    with pytest.raises(ScriptReadError, match="holds only a title page, no script text"):
        read_script(script)


def test_pagination_of_a_screenplay_with_no_scenes_is_empty() -> None:
    from assistant.script.model import Screenplay, TitleField
    from assistant.script.pagination import paginate

    screenplay = Screenplay(title_page=[TitleField(key="Title", value="T")])
    paginate(screenplay)  # raised ValueError from a zip of unequal lengths before
    assert screenplay.page_count == 0
