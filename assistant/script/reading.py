"""Opening a screenplay file: checks, encoding, choosing the importer, finishing the model.

Every way a file can be wrong (missing, a folder, empty, binary, too big, undecodable, malformed)
ends in one ``ScriptReadError`` whose message names the file and the problem.
"""

from __future__ import annotations

import codecs
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import ScriptReadError
from assistant.script.formats import (
    Importer,
    importer_named,
    importers_for_suffix,
    readable_suffixes,
)
from assistant.script.model import Screenplay, SourceInfo

MAX_SCRIPT_BYTES = 25 * 1024 * 1024
"""Largest file Slate reads. A 300-page plain-text script is about 0.6 MB and a 120-page PDF with
embedded fonts 0.2-3 MB, so 25 MB leaves room for image-heavy PDFs while rejecting a wrong file
fast (the size comes from ``stat``, before anything is read)."""

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(frozen=True)
class DecodedText:
    text: str
    """The text with line endings normalised to ``\\n`` and any BOM removed."""
    encoding: str


DEFAULT_NAME = "input"
"""What ``decode_text`` calls the bytes in its messages when no name is given."""


def decode_text(data: bytes, *, name: str = DEFAULT_NAME) -> DecodedText:
    """Decode a text screenplay: BOM first, then UTF-8, then UTF-16 without BOM, then Windows-1252.

    Raises:
        ScriptReadError: the bytes are binary (NUL bytes outside UTF-16/32, or more than 1% other
            control characters), not text; the message starts with ``name``.
    """
    encoding: str | None = None
    body = data
    for bom, bom_encoding in _BOMS:
        if data.startswith(bom):
            encoding, body = bom_encoding, data[len(bom) :]
            break
    if encoding is None:
        encoding = _guess_bomless_encoding(data)
        if encoding is None:
            raise ScriptReadError(f"{name} looks like a binary file, not a screenplay")
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ScriptReadError(f"{name} is not valid {encoding} text ({exc.reason})") from exc
    if "\x00" in text or _too_many_controls(text):
        raise ScriptReadError(f"{name} looks like a binary file, not a screenplay")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return DecodedText(text=text, encoding=encoding)


_TEXT_CONTROLS = frozenset("\t\n\r\f\v\x1a")
"""Control characters real text files hold: tab, line ends, form feed (a page break in plain-text
scripts), vertical tab and the DOS end-of-file mark."""
CONTROL_SHARE = 0.01
"""Share of other control characters above which text is binary: random bytes decoded as Latin-1
give ~25% (C0 and C1 ranges), a screenplay 0%."""


def _too_many_controls(text: str) -> bool:
    sample = text[:8192]
    controls = sum(
        1
        for char in sample
        if (char < " " or "\x7f" <= char <= "\x9f") and char not in _TEXT_CONTROLS
    )
    return controls > max(4, CONTROL_SHARE * len(sample))


def _guess_bomless_encoding(data: bytes) -> str | None:
    sample = data[:4096]
    nuls = sample.count(0)
    if nuls:
        # UTF-16 text of a Latin script has a NUL in every other byte: on the odd bytes for LE.
        even_nuls, odd_nuls = sample[0::2].count(0), sample[1::2].count(0)
        half = len(sample) // 2
        if odd_nuls > 0.4 * half and even_nuls < 0.05 * half:
            return "utf-16-le"
        if even_nuls > 0.4 * half and odd_nuls < 0.05 * half:
            return "utf-16-be"
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        # Scripts that are not UTF-8 are nearly always from Windows word processors; cp1252 is a
        # superset of the printable Latin-1 range, so Latin-1 files decode the same way.
        try:
            data.decode("cp1252")
        except UnicodeDecodeError:
            return "latin-1"
        return "cp1252"
    return "utf-8"


def read_script(path: Path | str, *, format: str | None = None) -> Screenplay:
    """Read a screenplay file into the typed model, paginated and with its characters.

    Args:
        path: the file to read.
        format: an importer name (``fountain``, ``fdx``, ``plain``, ``pdf``, ``trelby``, ``osf``,
            ``fadein``, ``highland``, ``tei``, ``play``) to skip detection and the check that
            the text is a screenplay at all.

    Raises:
        ScriptReadError: the file cannot be read as a screenplay (damaged, hostile, or text that
            is no screenplay); the message, one line, names the file and says why.
        UnsupportedFormatError: ``format`` names no installed importer.
    """
    path = Path(path)
    shown = _shown(path)
    data = _read_checked(path, shown)
    try:
        if format:
            importer, guessed = importer_named(format), False
        else:
            importer, guessed = _choose_importer(path, data, shown)
        screenplay = importer.read(data)
        refusal = (
            _not_a_screenplay(screenplay, guessed=guessed, text_of=data)
            if importer.name in ("fountain", "plain") and not format
            else None
        )
    except ScriptReadError as exc:
        raise ScriptReadError(_naming(exc.message, shown)) from exc
    if _is_empty(screenplay):
        raise ScriptReadError(f"{shown} holds no screenplay text")
    if refusal is not None:
        raise ScriptReadError(f"{shown} {refusal}")
    screenplay.source = SourceInfo(
        path=str(path), format=importer.name, encoding=screenplay.source.encoding
    )
    return finish_screenplay(screenplay)


def parse_bytes(data: bytes, *, format: str) -> Screenplay:
    """Parse in-memory bytes with the named importer, paginated and with its characters.

    Raises:
        ScriptReadError: the bytes are empty or cannot be read in that format.
        UnsupportedFormatError: ``format`` names no installed importer.
    """
    if not data.strip():
        raise ScriptReadError("The input is empty")
    screenplay = importer_named(format).read(data)
    if _is_empty(screenplay):
        raise ScriptReadError("The input holds no screenplay text")
    return finish_screenplay(screenplay)


def finish_screenplay(screenplay: Screenplay) -> Screenplay:
    """Fill in what every importer leaves to the shared code: pages, eighths, the character list."""
    from assistant.script.characters import collect_characters
    from assistant.script.pagination import paginate

    paginate(screenplay)
    screenplay.characters = collect_characters(screenplay)
    return screenplay


def _read_checked(path: Path, shown: str) -> bytes:
    try:
        info = path.stat()
    except (FileNotFoundError, NotADirectoryError) as exc:
        raise ScriptReadError(f"No such file: {shown}") from exc
    except PermissionError as exc:
        raise ScriptReadError(f"Cannot read {shown}: permission denied") from exc
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the path
        raise ScriptReadError(f"Cannot read {shown}: {_reason(exc)}") from exc
    if stat.S_ISDIR(info.st_mode):
        raise ScriptReadError(f"{shown} is a directory; give a screenplay file")
    if not stat.S_ISREG(info.st_mode):
        # Reading a pipe or a device could block or never end (/dev/zero).
        raise ScriptReadError(f"{shown} is not a regular file; give a screenplay file")
    if info.st_size > MAX_SCRIPT_BYTES:
        raise ScriptReadError(_too_big(shown, info.st_size))
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_SCRIPT_BYTES + 1)  # the file may have grown since stat()
    except PermissionError as exc:
        raise ScriptReadError(f"Cannot read {shown}: permission denied") from exc
    except OSError as exc:
        raise ScriptReadError(f"Cannot read {shown}: {_reason(exc)}") from exc
    if len(data) > MAX_SCRIPT_BYTES:
        raise ScriptReadError(_too_big(shown, len(data)))
    if not data:
        raise ScriptReadError(f"{shown} is empty")
    if not data.strip():
        raise ScriptReadError(f"{shown} is empty (only blank space)")
    return data


def _too_big(shown: str, size: int) -> str:
    return (
        f"{shown} is {size / 1_048_576:.1f} MB; Slate reads screenplays up to "
        f"{MAX_SCRIPT_BYTES // 1_048_576} MB (a 300-page script is under 1 MB of text)"
    )


def _reason(exc: Exception) -> str:
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return " ".join(reason.split())


def _shown(path: Path) -> str:
    """The path as one printable line: control characters (a newline in a file name) escaped."""
    text = str(path)
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)


def _naming(message: str, shown: str) -> str:
    """An importer's message with the file named: importers see bytes, not the path."""
    message = " ".join(message.split())
    if shown in message:
        return message
    if message.startswith(f"{DEFAULT_NAME} "):  # decode_text's subject when no name was given
        return shown + message[len(DEFAULT_NAME) :]
    return f"{shown}: {message}"


def _is_empty(screenplay: Screenplay) -> bool:
    """No title page and no scene: what a BOM or UTF-16 blank space alone decodes to."""
    return not screenplay.title_page and not any(
        scene.heading is not None or scene.elements for scene in screenplay.scenes
    )


def _choose_importer(path: Path, data: bytes, shown: str) -> tuple[Importer, bool]:
    """The importer for a file, and whether it was a guess from the text (no format's marks).

    Content that a format marks for certain (``%PDF``, a zip archive, an XML root, Trelby's
    ``#Version``) picks its importer whatever the suffix says; then a suffix that one importer
    claims; then, for ``.txt``, no suffix or an unknown one, a stage play, an indentation layout
    or Fountain, judged from the text.
    """
    head = data[:4096].lstrip()
    suffix_importers = importers_for_suffix(path.suffix)
    if head.startswith(b"%PDF"):
        return importer_named("pdf"), False
    if data.startswith(ZIP_MAGIC):
        return _zip_importer(data, suffix_importers, shown), False
    if b"<FinalDraft" in head:
        return importer_named("fdx"), False
    if head.startswith((b"<", b"\xef\xbb\xbf<")):
        from assistant.script.osf import OSF_MARK
        from assistant.script.stage_play import is_tei

        if OSF_MARK in head:
            return importer_named("osf"), False
        if is_tei(head):
            return importer_named("tei"), False
    if head.lstrip(codecs.BOM_UTF8).startswith(b"#Version "):
        return importer_named("trelby"), False
    if head.startswith(b"{\\rtf"):
        raise ScriptReadError(
            f"{shown} is an RTF document, not a screenplay file; save it as plain text or export "
            f"it as PDF, Final Draft or Fountain (Slate reads {readable_suffixes()})"
        )
    if len(suffix_importers) == 1:
        return suffix_importers[0], False
    if head.startswith(b"<?xml"):
        raise ScriptReadError(
            f"{shown} is an XML file that is not Final Draft, Open Screenplay Format or TEI drama; "
            f"Slate reads {readable_suffixes()}"
        )
    text = decode_text(data, name=shown).text
    from assistant.script.plaintext import looks_like_indented_layout
    from assistant.script.stage_play import plain_play_paragraphs

    if plain_play_paragraphs(text) is not None:
        return importer_named("play"), True
    return importer_named("plain" if looks_like_indented_layout(text) else "fountain"), True


ZIP_MAGIC = b"PK\x03\x04"


def _zip_importer(data: bytes, suffix_importers: list[Importer], shown: str) -> Importer:
    """A zip archive: its suffix's importer when it reads archives, else judged by its members."""
    from assistant.script.archives import member_names
    from assistant.script.highland import is_highland_text

    archive_formats = ("fadein", "highland")
    for importer in suffix_importers:
        if importer.name in archive_formats or importer.name == "fdx":
            return importer  # the FDX importer words its own "binary, not XML" refusal
    names = member_names(data)
    if "document.xml" in names:
        return importer_named("fadein")
    if any(".textbundle/" in name.lower() and is_highland_text(name) for name in names):
        return importer_named("highland")
    kind = next((what for member, what in _OFFICE_MEMBERS if member in names), None)
    if kind is not None:
        raise ScriptReadError(
            f"{shown} is {kind}, not a screenplay file; export it from its program as PDF, "
            f"Final Draft or Fountain (Slate reads {readable_suffixes()})"
        )
    raise ScriptReadError(
        f"{shown} is a zip archive that is not a Fade In or Highland file; "
        f"Slate reads {readable_suffixes()}"
    )


_OFFICE_MEMBERS = (
    ("word/document.xml", "a Word document"),
    ("content.xml", "an OpenDocument file"),
    ("project.rdf", "a Celtx project"),
    ("META-INF/container.xml", "an e-book (EPUB)"),
)
"""Archives writers send that hold no format Slate reads, known by one member each."""


BOILERPLATE_CUE = re.compile(r"GUTENBERG|LICEN[CS]E|COPYRIGHT|ALL RIGHTS|CONTENTS|CHAPTER")
"""Capitalised lines of e-book front and back matter that Fountain reads as character cues."""
GUESSED_ACTION_LIMIT = 40
"""Action paragraphs after which a file named ``.fountain`` with no heading and no speech is taken
for prose too: the Fountain spec's own tiny examples have a few."""


def _not_a_screenplay(screenplay: Screenplay, *, guessed: bool, text_of: bytes) -> str | None:
    """Why a file read as Fountain or plain text is not a screenplay, or None when it is one.

    A screenplay has a scene heading or a speech under a character cue; real scripts without
    INT./EXT. headings (old drafts, transcripts) still have speeches. Cues that are e-book
    boilerplate (``THE FULL PROJECT GUTENBERG LICENSE``) do not count. A file whose format was
    only guessed is refused at once; one named ``.fountain`` only when it is long, so that the
    short files of the Fountain spec (one action, one transition) still import.
    """
    if screenplay.headed_scenes():
        return None
    speakers = {
        d.cue.name
        for scene in screenplay.scenes
        for d in scene.dialogues()
        if not BOILERPLATE_CUE.search(d.cue.name.upper())
    }
    if speakers:
        return None
    actions = sum(1 for scene in screenplay.scenes for e in scene.elements if e.type == "action")
    if not guessed and actions < GUESSED_ACTION_LIMIT:
        return None
    from assistant.script.stage_play import is_gutenberg

    text = decode_text(text_of).text
    looks = "a Project Gutenberg e-book" if is_gutenberg(text) else "prose or notes"
    return (
        f"looks like {looks}, not a screenplay: it has no scene heading and no character's speech; "
        f"Slate reads {readable_suffixes()}"
    )
