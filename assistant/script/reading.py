"""Opening a screenplay file: checks, encoding, choosing the importer, finishing the model.

Every way a file can be wrong (missing, a folder, empty, binary, too big, undecodable, malformed)
ends in one ``ScriptReadError`` whose message names the file and the problem.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import ScriptReadError
from assistant.script.formats import Importer, importer_named, importers_for_suffix
from assistant.script.model import Screenplay, SourceInfo

MAX_SCRIPT_BYTES = 25 * 1024 * 1024
"""Largest file Slate reads. A 300-page plain-text script is about 0.6 MB and a 120-page PDF with
embedded fonts 0.2-3 MB, so 25 MB leaves room for image-heavy PDFs while rejecting a wrong file fast."""

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


def decode_text(data: bytes, *, name: str = "input") -> DecodedText:
    """Decode a text screenplay: BOM first, then UTF-8, then UTF-16 without BOM, then Windows-1252.

    Raises:
        ScriptReadError: the bytes are binary (NUL bytes outside UTF-16/32), not text.
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
    if "\x00" in text:
        raise ScriptReadError(f"{name} looks like a binary file, not a screenplay")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return DecodedText(text=text, encoding=encoding)


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
        format: an importer name (``fountain``, ``fdx``, ``plain``, ``pdf``) to skip detection.

    Raises:
        ScriptReadError: the file cannot be read as a screenplay; the message says why.
        UnsupportedFormatError: ``format`` names no installed importer.
    """
    path = Path(path)
    data = _read_checked(path)
    importer = importer_named(format) if format else _choose_importer(path, data)
    screenplay = importer.read(data)
    screenplay.source = SourceInfo(
        path=str(path), format=importer.name, encoding=screenplay.source.encoding
    )
    return finish_screenplay(screenplay)


def parse_bytes(data: bytes, *, format: str) -> Screenplay:
    """Parse in-memory bytes with the named importer, paginated and with its characters."""
    if not data.strip():
        raise ScriptReadError("The input is empty")
    return finish_screenplay(importer_named(format).read(data))


def finish_screenplay(screenplay: Screenplay) -> Screenplay:
    """Fill in what every importer leaves to the shared code: pages, eighths, the character list."""
    from assistant.script.characters import collect_characters
    from assistant.script.pagination import paginate

    paginate(screenplay)
    screenplay.characters = collect_characters(screenplay)
    return screenplay


def _read_checked(path: Path) -> bytes:
    if not path.exists():
        raise ScriptReadError(f"No such file: {path}")
    if path.is_dir():
        raise ScriptReadError(f"{path} is a directory; give a screenplay file")
    try:
        size = path.stat().st_size
        if size > MAX_SCRIPT_BYTES:
            raise ScriptReadError(
                f"{path} is {size / 1_048_576:.1f} MB; Slate reads screenplays up to "
                f"{MAX_SCRIPT_BYTES // 1_048_576} MB (a 300-page script is under 1 MB of text)"
            )
        data = path.read_bytes()
    except PermissionError as exc:
        raise ScriptReadError(f"Cannot read {path}: permission denied") from exc
    except OSError as exc:
        raise ScriptReadError(f"Cannot read {path}: {exc.strerror or exc}") from exc
    if not data.strip():
        raise ScriptReadError(f"{path} is empty")
    return data


def _choose_importer(path: Path, data: bytes) -> Importer:
    head = data[:1024].lstrip()
    if head.startswith(b"%PDF"):
        return importer_named("pdf")
    if b"<FinalDraft" in data[:4096]:
        return importer_named("fdx")
    candidates = importers_for_suffix(path.suffix)
    if len(candidates) == 1:
        return candidates[0]
    # .txt, no suffix or an unknown one: decide between Fountain and an indentation layout.
    from assistant.script.plaintext import looks_like_indented_layout

    text = decode_text(data, name=str(path)).text
    return importer_named("plain" if looks_like_indented_layout(text) else "fountain")
