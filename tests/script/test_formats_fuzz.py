"""No input makes the Trelby, OSF, Fade In, Highland, TEI, play or PDF readers fail other than with
one ``ScriptReadError``: random and damaged files, built from each format's own pieces."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.errors import ScriptReadError
from assistant.script.formats import Importer
from assistant.script.highland import HighlandImporter
from assistant.script.model import Screenplay
from assistant.script.osf import FadeInImporter, OsfImporter
from assistant.script.pdf import PdfImporter
from assistant.script.reading import finish_screenplay
from assistant.script.stage_play import PlainPlayImporter, TeiPlayImporter
from assistant.script.trelby import TrelbyImporter

FIXTURES = Path(__file__).parent.parent / "fixtures"

TRELBY_LINES = st.lists(
    st.builds(
        lambda join, kind, text: join + kind + text,
        st.sampled_from([">", "+", "&", "|", ".", "x", ""]),
        st.sampled_from(["\\", ".", "_", ":", "(", "/", "=", "@", "%", "?", ""]),
        st.one_of(
            st.sampled_from(["ext. dock - night", "MARA", "(beat)", "Hi.", ""]),
            st.text(max_size=10),
        ),
    ),
    max_size=40,
).map(lambda lines: "#Version 3\n#Start-Script\n" + "\n".join(lines))

PLAY_LINES = st.lists(
    st.one_of(
        st.sampled_from(
            ["Kit.  Hello.", "Mo.  [Aside.]  No.", "FIRST ACT", "[Exit.]", "", "Mr. X."]
        ),
        st.text(alphabet="Aa. []\n", max_size=20),
    ),
    max_size=80,
).map("\n\n".join)


def damaged(data: bytes) -> st.SearchStrategy[bytes]:
    """The bytes with a slice cut out, overwritten or duplicated."""
    size = len(data)

    def cut(start: int, length: int, filler: bytes, mode: int) -> bytes:
        start %= size
        end = min(size, start + length)
        if mode == 0:
            return data[:start] + data[end:]
        if mode == 1:
            return data[:start] + filler + data[end:]
        return data[:end] + data[start:end] + data[end:]

    return st.builds(
        cut,
        st.integers(0, size),
        st.integers(1, 200),
        st.binary(max_size=20),
        st.integers(0, 2),
    )


def read_or_refuse(importer: Importer, data: bytes) -> None:
    try:
        screenplay = importer.read(data)
    except ScriptReadError as exc:
        assert "\n" not in exc.message.strip()
        return
    if screenplay.scenes:  # read_script refuses an empty one before paginating
        assert isinstance(finish_screenplay(screenplay), Screenplay)


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in members.items():
            archive.writestr(name, body)
    return buffer.getvalue()


@settings(max_examples=200, deadline=None)
@given(TRELBY_LINES)
def test_trelby_lines(text: str) -> None:
    read_or_refuse(TrelbyImporter(), text.encode("utf-8"))


@settings(max_examples=100, deadline=None)
@given(PLAY_LINES)
def test_plain_plays(text: str) -> None:
    read_or_refuse(PlainPlayImporter(), text.encode("utf-8"))


OSF = (FIXTURES / "osf" / "lighthouse.osf").read_bytes()
TEI = (FIXTURES / "plays" / "harbour_wall.tei.xml").read_bytes()
FADE_IN = (FIXTURES / "fadein" / "lighthouse.fadein").read_bytes()
HIGHLAND = (FIXTURES / "highland" / "lighthouse.highland").read_bytes()
PDF = (FIXTURES / "pdf" / "lighthouse.pdf").read_bytes()


@settings(max_examples=150, deadline=None)
@given(damaged(OSF))
def test_damaged_osf(data: bytes) -> None:
    read_or_refuse(OsfImporter(), data)


@settings(max_examples=100, deadline=None)
@given(damaged(TEI))
def test_damaged_tei(data: bytes) -> None:
    read_or_refuse(TeiPlayImporter(), data)


@settings(max_examples=150, deadline=None)
@given(st.one_of(damaged(FADE_IN), damaged(HIGHLAND)))
def test_damaged_archives(data: bytes) -> None:
    read_or_refuse(FadeInImporter(), data)
    read_or_refuse(HighlandImporter(), data)


@settings(max_examples=60, deadline=None)
@given(
    st.dictionaries(
        st.one_of(
            st.sampled_from(["document.xml", "a.textbundle/text.md", "../x", "/abs", "s.fountain"]),
            # zipfile cuts a name at a NUL when writing (and then fails on an empty one)
            st.text(
                st.characters(blacklist_characters="\x00", blacklist_categories=["Cs"]), max_size=30
            ).filter(bool),
        ),
        st.one_of(st.binary(max_size=50), st.sampled_from([OSF, b"INT. A - DAY\n\nHi.\n"])),
        max_size=4,
    )
)
def test_archives_with_any_members(members: dict[str, bytes]) -> None:
    data = zipped(members)
    read_or_refuse(FadeInImporter(), data)
    read_or_refuse(HighlandImporter(), data)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged(PDF))
def test_damaged_pdf(data: bytes) -> None:
    read_or_refuse(PdfImporter(), data)
