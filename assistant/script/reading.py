"""Opening a screenplay file: checks, encoding, choosing the importer, finishing the model.

Every way a file can be wrong (missing, a folder, empty, binary, too big, undecodable, malformed)
ends in one ``ScriptReadError`` whose message names the file and the problem.
"""

from __future__ import annotations

import codecs
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import get_args

from assistant.errors import ScriptReadError
from assistant.script.formats import importer_named
from assistant.script.model import (
    Dialogue,
    DialoguePart,
    DualDialogue,
    Element,
    Scene,
    Screenplay,
    SourceInfo,
)

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
            raise ScriptReadError(_binary(name))
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ScriptReadError(f"{name} is not valid {encoding} text ({exc.reason})") from exc
    if "\x00" in text or _too_many_controls(text):
        raise ScriptReadError(_binary(name))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return DecodedText(text=text, encoding=encoding)


def _binary(name: str) -> str:
    from assistant.script.formats import readable_suffixes

    return f"{name} looks like a binary file, not a screenplay; Slate reads {readable_suffixes()}"


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
    from assistant.script.gc_pause import collector_paused

    # One pause over import and finish: each pause's end walks every object made inside it once.
    with collector_paused():
        return _read_script(Path(path), format)


def _read_script(path: Path, format: str | None) -> Screenplay:
    from assistant.script.sniffing import choose_importer, not_a_screenplay

    shown = _shown(path)
    data = _read_checked(path, shown)
    try:
        if format:
            importer, guessed = importer_named(format), False
        else:
            importer, guessed = choose_importer(path, data, shown)
        screenplay = importer.read(data)
        refusal = (
            not_a_screenplay(screenplay, guessed=guessed, text_of=data)
            if importer.name in ("fountain", "plain") and not format
            else None
        )
        if refusal is not None and guessed and importer.name == "fountain":
            # Fountain needs a blank line before a heading and a cue; a transcript or a pasted
            # script often has neither, and the indentation reader still finds its headings
            # and ``NAME:`` speeches. Refuse only when neither reading finds a screenplay.
            plain = importer_named("plain")
            second = plain.read(data)
            if not_a_screenplay(second, guessed=True, text_of=data) is None:
                importer, screenplay, refusal = plain, second, None
    except ScriptReadError as exc:
        raise ScriptReadError(_naming(exc.message, shown)) from exc
    if _is_empty(screenplay):
        raise ScriptReadError(f"{shown} holds no screenplay text")
    if not any(scene.heading is not None or scene.elements for scene in screenplay.scenes):
        raise ScriptReadError(f"{shown} holds only a title page, no script text")
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
    from assistant.script.gc_pause import collector_paused

    if not data.strip():
        raise ScriptReadError("The input is empty")
    with collector_paused():  # one pause over import and finish, as in read_script
        screenplay = importer_named(format).read(data)
        if _is_empty(screenplay):
            raise ScriptReadError("The input holds no screenplay text")
        return finish_screenplay(screenplay)


def finish_screenplay(screenplay: Screenplay) -> Screenplay:
    """Fill in what every importer leaves to the shared code: pages, eighths, the character list."""
    from assistant.script.characters import collect_characters
    from assistant.script.gc_pause import collector_paused
    from assistant.script.pagination import paginate

    with collector_paused():  # the model holds no cycles; see gc_pause for the measured cost
        _exact_model_classes(screenplay)
        paginate(screenplay)
        screenplay.characters = collect_characters(screenplay)
    return screenplay


_ELEMENT_CLASSES = frozenset(get_args(get_args(Element)[0]))
"""The classes of ``model.Element`` (its union, under the discriminator)."""
_PART_CLASSES = frozenset(get_args(get_args(DialoguePart)[0]))
_MODEL_CLASSES = _ELEMENT_CLASSES | _PART_CLASSES


def _exact_model_classes(screenplay: Screenplay) -> None:
    """Rebuild, as the model classes themselves, each scene holding an element or dialogue part of
    a subclass (a plugin importer's ``class MyAction(Action)``, which pydantic keeps as it is).

    Pagination, the character list, stats and both exporters dispatch on the exact class (an
    ``isinstance`` test of a pydantic model is 3x slower), so such an element printed nothing,
    lost its speakers and was left out of the FDX export. A dump is written by the declared
    classes, so validating it back gives them (and drops a subclass's own fields).
    """
    if not any(cls.__subclasses__() for cls in _MODEL_CLASSES):
        return  # no subclass exists in this process: nothing to look for, per element
    for index, scene in enumerate(screenplay.scenes):
        for element in scene.elements:
            dialogues: tuple[Dialogue, ...] = ()
            if isinstance(element, Dialogue):
                dialogues = (element,)
            elif isinstance(element, DualDialogue):
                dialogues = (element.left, element.right)
            exact = type(element) in _ELEMENT_CLASSES and all(
                type(side) is Dialogue and _PART_CLASSES.issuperset(map(type, side.parts))
                for side in dialogues
            )
            if not exact:
                screenplay.scenes[index] = Scene.model_validate(scene.model_dump())
                break


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
