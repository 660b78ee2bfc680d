"""``read_script`` on bad and unusual files: each problem is one ``ScriptReadError`` on one line
naming the file, and every text encoding or line ending gives the same screenplay."""

from __future__ import annotations

import codecs
import errno
import io
import os
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest

from assistant.errors import ScriptReadError
from assistant.script import reading
from assistant.script.reading import decode_text, parse_bytes, read_script

FOUNTAIN_WITH_ACCENTS = """Title: Café Lumière
Author: Test Suite

INT. CAFÉ DU PORT - NIGHT

RENÉ (50s, owner) stacks chairs. A radio plays.

RENÉ
Voilà. We're closed.

ZOË (O.S.)
Not to me you're not.

EXT. QUAI - CONTINUOUS

Fog on the water.
"""

INDENTED_LAYOUT = """\
                                                            1.

          INT. SIGNAL BOX - NIGHT

          Rain on the glass. WREN (40s, signalwoman) pulls a lever
          and the points clunk over.

                              WREN
                    Last train's late again.

                              HOLLIS
                         (from the stairs)
                    It's always late on Tuesdays.

          EXT. LEVEL CROSSING - CONTINUOUS

          The barrier lifts. Nothing comes.

                                                       CUT TO:
"""

FOUNTAIN_SAME_SCRIPT = """INT. SIGNAL BOX - NIGHT

Rain on the glass. WREN (40s, signalwoman) pulls a lever and the points clunk over.

WREN
Last train's late again.

HOLLIS
(from the stairs)
It's always late on Tuesdays.

EXT. LEVEL CROSSING - CONTINUOUS

The barrier lifts. Nothing comes.

CUT TO:
"""


def read_error(path: Path, shown: str | None = None) -> str:
    """The one-line message of the one ScriptReadError reading ``path`` raises."""
    with pytest.raises(ScriptReadError) as caught:
        read_script(path)
    message = caught.value.message
    assert type(caught.value) is ScriptReadError
    assert str(caught.value) == message
    assert "\n" not in message and "\r" not in message
    assert message == message.strip()
    assert (shown or str(path)) in message
    return message


def written(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def story(screenplay: Any) -> dict[str, Any]:
    """What a reader of the script sees: title page, scenes and elements, characters."""
    return screenplay.model_dump(include={"title_page", "scenes", "characters"})  # type: ignore[no-any-return]


# --- files that are not screenplays ----------------------------------------------------------


def test_empty_file(tmp_path: Path) -> None:
    assert read_error(written(tmp_path, "empty.fountain", b"")).endswith("is empty")


def test_whitespace_only_file(tmp_path: Path) -> None:
    message = read_error(written(tmp_path, "blank.fountain", b" \n\t\r\n  \n"))
    assert message.endswith("is empty (only blank space)")


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF8,
        codecs.BOM_UTF8 + b"\n \n",
        codecs.BOM_UTF16_LE + " \n\t".encode("utf-16-le"),
    ],
    ids=["utf8-bom-only", "utf8-bom-and-blank", "utf16-blank"],
)
def test_blank_text_behind_a_bom(tmp_path: Path, data: bytes) -> None:
    message = read_error(written(tmp_path, "bom.fountain", data))
    assert message.endswith("holds no screenplay text")


def zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("script.fountain", FOUNTAIN_WITH_ACCENTS)
    return buffer.getvalue()


PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x02"


@pytest.mark.parametrize("suffix", [".fountain", ".txt", ".png", ""])
@pytest.mark.parametrize(
    "data",
    [
        os.urandom(4096),
        bytes(byte for byte in os.urandom(6000) if byte),  # random, but no NUL byte at all
        PNG_HEADER + os.urandom(512),
    ],
    ids=["random", "random-without-nul", "png"],
)
def test_binary_file(tmp_path: Path, data: bytes, suffix: str) -> None:
    message = read_error(written(tmp_path, "picture" + suffix, data))
    assert "looks like a binary file, not a screenplay; Slate reads .fountain" in message
    assert ".pdf" in message and ".trelby" in message


@pytest.mark.parametrize("suffix", [".fountain", ".txt", ".png", ""])
def test_zip_archive_of_no_script_format(tmp_path: Path, suffix: str) -> None:
    """A zip that is neither Fade In nor Highland is named as a zip, with what Slate reads."""
    message = read_error(written(tmp_path, "archive" + suffix, zip_bytes()))
    assert message.startswith(str(tmp_path / f"archive{suffix}"))
    assert "is a zip archive that is not a Fade In or Highland file" in message
    assert ".fadein" in message and ".highland" in message and ".fountain" in message


def test_binary_file_named_fdx(tmp_path: Path) -> None:
    message = read_error(written(tmp_path, "archive.fdx", zip_bytes()))
    assert message.endswith(": Not a valid Final Draft file: it looks like a binary file, not XML")


@pytest.mark.parametrize("kind", ["sparse", "text"])
def test_fifty_megabytes_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    path = tmp_path / "huge.fountain"
    with path.open("wb") as handle:
        if kind == "sparse":
            handle.truncate(50 * 1024 * 1024)
        else:
            block = FOUNTAIN_WITH_ACCENTS.encode("utf-8") * 2048  # ~0.6 MB of real text
            while handle.tell() < 50 * 1024 * 1024:
                handle.write(block)
    assert path.stat().st_size >= 50 * 1024 * 1024

    def must_not_read(*args: object, **kwargs: object) -> None:
        raise AssertionError("the size check must come before reading the file")

    monkeypatch.setattr(Path, "open", must_not_read)
    monkeypatch.setattr(Path, "read_bytes", must_not_read)
    message = read_error(path)
    assert " is 50." in message and "MB; Slate reads screenplays up to 25 MB" in message


def test_file_that_grows_past_the_limit_while_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = written(tmp_path, "growing.fountain", FOUNTAIN_WITH_ACCENTS.encode("utf-8"))
    real_stat = Path.stat

    def stat_before_growth(self: Path, **kwargs: Any) -> os.stat_result:
        result = real_stat(self, **kwargs)
        if self == path:  # report the size the file had a moment before it grew
            fields = list(result)
            fields[6] = 10
            return os.stat_result(fields)
        return result

    monkeypatch.setattr(Path, "stat", stat_before_growth)
    monkeypatch.setattr(reading, "MAX_SCRIPT_BYTES", 100)
    assert "Slate reads screenplays up to" in read_error(path)


def test_directory(tmp_path: Path) -> None:
    assert read_error(tmp_path).endswith("is a directory; give a screenplay file")


def test_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "script.fountain"
    assert read_error(missing) == f"No such file: {missing}"


def test_path_under_a_file(tmp_path: Path) -> None:
    parent = written(tmp_path, "script.fountain", b"INT. A - DAY\n")
    assert read_error(parent / "child.fountain").startswith("No such file: ")


def test_not_a_regular_file(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.fountain"
    os.mkfifo(fifo)  # reading it would block until a writer came
    assert read_error(fifo).endswith("is not a regular file; give a screenplay file")
    if Path("/dev/zero").exists():  # reading it would never end
        assert read_error(Path("/dev/zero")).endswith(
            "is not a regular file; give a screenplay file"
        )


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = written(tmp_path, "secret.fountain", FOUNTAIN_WITH_ACCENTS.encode("utf-8"))
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            # Running as root: chmod 000 does not stop root reading, so make opening this one
            # file fail the way it fails for everyone else.
            real_open = Path.open

            def denied(self: Path, *args: Any, **kwargs: Any) -> Any:
                if self == path:
                    raise PermissionError(errno.EACCES, "Permission denied", str(self))
                return real_open(self, *args, **kwargs)

            monkeypatch.setattr(Path, "open", denied)
        assert read_error(path) == f"Cannot read {path}: permission denied"
    finally:
        path.chmod(0o644)


def test_unreadable_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Without search permission on its folder a file cannot even be looked at (stat fails).
    path = tmp_path / "locked" / "script.fountain"
    real_stat = Path.stat

    def denied(self: Path, **kwargs: Any) -> os.stat_result:
        if self == path:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_stat(self, **kwargs)

    monkeypatch.setattr(Path, "stat", denied)
    assert read_error(path) == f"Cannot read {path}: permission denied"


def test_odd_paths_give_one_line(tmp_path: Path) -> None:
    with_newline = tmp_path / "two\nlines.fountain"
    with_newline.write_bytes(b"")
    read_error(with_newline, shown=str(tmp_path / "two\\nlines.fountain"))
    too_long = tmp_path / ("x" * 5000 + ".fountain")
    assert "File name too long" in read_error(too_long)
    assert "Cannot read" in read_error(Path("nul\x00byte.fountain"), shown="nul\\x00byte.fountain")


# --- malformed FDX and a PDF in disguise -----------------------------------------------------


def test_malformed_fdx(tmp_path: Path, fixtures_dir: Path) -> None:
    path = tmp_path / "broken.fdx"
    shutil.copy(fixtures_dir / "fdx" / "malformed.fdx", path)
    message = read_error(path)
    assert message.startswith(f"{path}: Not a valid Final Draft file: malformed XML at line 9")


@pytest.mark.parametrize("fixture", ["billion_laughs.fdx", "external_entity.fdx"])
def test_hostile_fdx(tmp_path: Path, fixtures_dir: Path, fixture: str) -> None:
    path = tmp_path / fixture
    shutil.copy(fixtures_dir / "fdx" / fixture, path)
    assert read_error(path).endswith("XML DTDs and entities are not allowed")


def test_fdx_that_is_really_a_broken_pdf(tmp_path: Path) -> None:
    data = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF\n"
    read_error(written(tmp_path, "script.fdx", data))


@pytest.mark.shared_data
def test_fdx_that_is_really_a_pdf_is_read_as_the_pdf(tmp_path: Path, shared_data_dir: Path) -> None:
    source = (
        shared_data_dir / "screenplays" / "format_fixtures" / "screenplain" / "scene-numbers.pdf"
    )
    disguised = tmp_path / "script.fdx"
    shutil.copy(source, disguised)

    screenplay = read_script(disguised)

    assert screenplay.source.format == "pdf"
    assert screenplay.headed_scenes()
    assert story(screenplay) == story(read_script(source))


def test_fdx_content_is_found_whatever_the_suffix(tmp_path: Path, fixtures_dir: Path) -> None:
    path = tmp_path / "script.txt"
    shutil.copy(fixtures_dir / "fdx" / "every_element.fdx", path)
    assert read_script(path).source.format == "fdx"


# --- .txt: Fountain or an indentation layout -------------------------------------------------


def test_txt_in_fountain_is_read_as_fountain(tmp_path: Path) -> None:
    screenplay = read_script(written(tmp_path, "signal.txt", FOUNTAIN_SAME_SCRIPT.encode()))

    assert screenplay.source.format == "fountain"
    headings = [scene.heading.text for scene in screenplay.headed_scenes() if scene.heading]
    assert headings == ["INT. SIGNAL BOX - NIGHT", "EXT. LEVEL CROSSING - CONTINUOUS"]
    assert {c.name for c in screenplay.characters} == {"WREN", "HOLLIS"}


def test_txt_in_an_indentation_layout_is_read_as_plain_text(tmp_path: Path) -> None:
    screenplay = read_script(written(tmp_path, "signal.txt", INDENTED_LAYOUT.encode()))

    assert screenplay.source.format == "plain"
    headings = [scene.heading.text for scene in screenplay.headed_scenes() if scene.heading]
    assert headings == ["INT. SIGNAL BOX - NIGHT", "EXT. LEVEL CROSSING - CONTINUOUS"]
    assert {c.name for c in screenplay.characters} == {"WREN", "HOLLIS"}
    speeches = [d.speech_text for scene in screenplay.scenes for d in scene.dialogues()]
    assert speeches == ["Last train's late again.", "It's always late on Tuesdays."]


# --- encodings and line endings --------------------------------------------------------------

ENCODED: dict[str, tuple[bytes, str]] = {
    "utf-8-bom": (codecs.BOM_UTF8 + FOUNTAIN_WITH_ACCENTS.encode("utf-8"), "utf-8"),
    "latin-1": (FOUNTAIN_WITH_ACCENTS.encode("latin-1"), "cp1252"),
    "cp1252": (FOUNTAIN_WITH_ACCENTS.encode("cp1252"), "cp1252"),
    "utf-16-le-bom": (
        codecs.BOM_UTF16_LE + FOUNTAIN_WITH_ACCENTS.encode("utf-16-le"),
        "utf-16-le",
    ),
    "utf-16-be-bom": (
        codecs.BOM_UTF16_BE + FOUNTAIN_WITH_ACCENTS.encode("utf-16-be"),
        "utf-16-be",
    ),
    "utf-16-le-no-bom": (FOUNTAIN_WITH_ACCENTS.encode("utf-16-le"), "utf-16-le"),
    "utf-16-be-no-bom": (FOUNTAIN_WITH_ACCENTS.encode("utf-16-be"), "utf-16-be"),
    "crlf": (FOUNTAIN_WITH_ACCENTS.replace("\n", "\r\n").encode("utf-8"), "utf-8"),
    "old-mac-cr": (FOUNTAIN_WITH_ACCENTS.replace("\n", "\r").encode("utf-8"), "utf-8"),
}


@pytest.mark.parametrize("variant", sorted(ENCODED))
def test_every_encoding_and_line_ending_gives_the_same_screenplay(
    tmp_path: Path, variant: str
) -> None:
    reference = read_script(written(tmp_path, "utf8.fountain", FOUNTAIN_WITH_ACCENTS.encode()))
    data, encoding = ENCODED[variant]

    screenplay = read_script(written(tmp_path, f"{variant}.fountain", data))

    assert screenplay.source.encoding == encoding
    assert story(screenplay) == story(reference)
    assert {c.name for c in screenplay.characters} >= {"RENÉ", "ZOË"}
    assert screenplay.title == "Café Lumière"


def test_cp1252_punctuation_decodes(tmp_path: Path) -> None:
    text = "INT. CAFÉ - DAY\n\nRENÉ\nIt\u2019s \u201cfine\u201d \u2014 really.\n"
    screenplay = read_script(written(tmp_path, "quotes.fountain", text.encode("cp1252")))
    assert (
        screenplay.scenes[0].dialogues()[0].speech_text
        == "It\u2019s \u201cfine\u201d \u2014 really."
    )


def test_decode_text_directly() -> None:
    assert decode_text("RENÉ\r\nOui.\rNon.".encode("latin-1")).text == "RENÉ\nOui.\nNon."
    assert decode_text("RENÉ".encode("utf-16-be")).encoding == "utf-16-be"
    with pytest.raises(ScriptReadError, match=r"^upload\.bin looks like a binary file"):
        decode_text(bytes(range(256)) * 4, name="upload.bin")
    with pytest.raises(ScriptReadError, match=r"^input looks like a binary file"):
        decode_text(b"\x01\x02\x03\x04\x05\x06 text with control bytes \x07\x08\x0e\x0f")


def test_parse_bytes_bad_input() -> None:
    with pytest.raises(ScriptReadError, match=r"^The input is empty$"):
        parse_bytes(b" \n ", format="fountain")
    with pytest.raises(ScriptReadError, match=r"^The input holds no screenplay text$"):
        parse_bytes(codecs.BOM_UTF8, format="fountain")
    with pytest.raises(ScriptReadError, match=r"^Not a valid Final Draft file: malformed XML"):
        parse_bytes(b"<FinalDraft><Content>", format="fdx")
