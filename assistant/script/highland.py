"""Importer for Highland ``.highland`` files: a zip archive holding a Fountain text.

Highland 2 saves a TextBundle inside a zip: ``Name.textbundle/text.md`` (or ``text.fountain``)
with ``info.json`` and an ``assets/`` folder beside it. Older files hold the ``.fountain`` text at
the top. The text member is read defensively (``archives.read_member``) and parsed as Fountain.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from assistant.script.archives import read_member
from assistant.script.model import Screenplay, SourceInfo

TEXT_MEMBERS = ("text.md", "text.fountain", "text.markdown", "text.txt")
"""The TextBundle text file names Highland writes (the spec allows any ``text.*``)."""


def is_highland_text(member: str) -> bool:
    """Whether an archive member is the script: a TextBundle's text, or a ``.fountain`` file."""
    path = PurePosixPath(member)
    if path.name.lower() in TEXT_MEMBERS:
        return len(path.parts) == 1 or path.parts[-2].lower().endswith(".textbundle")
    return path.suffix.lower() == ".fountain"


class HighlandImporter:
    """Reads Highland ``.highland`` files."""

    name = "highland"
    suffixes: tuple[str, ...] = (".highland",)

    def read(self, data: bytes) -> Screenplay:
        """Read the archive's Fountain text and parse it.

        Raises:
            ScriptReadError: the archive is not a zip, is unsafe or damaged, holds no Fountain
                text, or the text is not decodable.
        """
        from assistant.script.fountain import parse_fountain
        from assistant.script.reading import DEFAULT_NAME, decode_text

        text = read_member(
            data, is_highland_text, what="Fountain text (text.md)", name=DEFAULT_NAME
        )
        decoded = decode_text(text)
        screenplay = parse_fountain(decoded.text)
        screenplay.source = SourceInfo(format=self.name, encoding=decoded.encoding)
        return screenplay
