"""Which importer reads a file, and whether what it read is a screenplay at all.

``choose_importer`` trusts what content marks for certain (``%PDF``, a zip archive's members, an
XML root, Trelby's ``#Version``, RTF) over the suffix, then a suffix one importer claims, then
judges ``.txt`` and unknown suffixes from the text: a stage play, an indentation layout, Fountain.
``not_a_screenplay`` says why text read as Fountain or plain text is no screenplay (prose, an
e-book), so that ``read_script`` refuses it in one line instead of giving statistics of nothing.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from assistant.errors import ScriptReadError
from assistant.script.formats import (
    Importer,
    importer_named,
    importers_for_suffix,
    readable_suffixes,
)
from assistant.script.model import Screenplay
from assistant.script.reading import decode_text


def choose_importer(path: Path, data: bytes, shown: str) -> tuple[Importer, bool]:
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
    if _TRELBY_START.match(head.lstrip(codecs.BOM_UTF8)) and b"\n#Start-Script" in data:
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
_TRELBY_START = re.compile(rb"#Version \d+[ \t]*\r?\n")
"""A Trelby file's first line; with a ``#Start-Script`` line later (a Fountain file may open with
a ``#`` section that happens to read ``#Version 2``)."""


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


def not_a_screenplay(screenplay: Screenplay, *, guessed: bool, text_of: bytes) -> str | None:
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
