"""Importer for screenplays laid out by indentation: the plain text most real scripts circulate as.

``parse_plain`` reads a script converted from PDF or HTML: scene headings and action at the left
margin, character cues far right, parentheticals and dialogue in between, transitions at the right
edge. The columns are inferred per file (``plaintext_layout``), page furniture and margin scene
numbers are removed first (``plaintext_lines``), each content line is then classified in one walk
(``plaintext_classify``), and ``Scene.start_line`` is the 1-based line of the
heading in the source so that other segmentations of the same file can be lined up with Slate's.
"""

from __future__ import annotations

import re
from operator import methodcaller

from assistant.script.gc_pause import collector_paused
from assistant.script.model import Screenplay, SourceInfo
from assistant.script.plaintext_build import SceneBuilder
from assistant.script.plaintext_classify import Classifier
from assistant.script.plaintext_headings import (
    HeadingMatch,
    has_heading,
    join_two_line_headings,
    looks_like_bare_heading,
    parse_heading,
    shared_match,
)
from assistant.script.plaintext_layout import Layout, colon_cue, infer_layout
from assistant.script.plaintext_lines import Line, prepare_lines
from assistant.script.plaintext_numbered_slugs import number_slugs
from assistant.script.plaintext_scenes import fallback_headings
from assistant.script.plaintext_title import extract_title_page

INDENTED_SHARE = 0.2
"""Share of non-blank lines indented by 3+ columns above which a text is an indentation layout.
Fountain files are flush-left (indenting is optional there and rare); in converted scripts dialogue
and cues alone are 40-60% of the lines."""

FURNITURE_HINT_LINES = frozenset(("(MORE)", "(CONTINUED)", "CONTINUED:"))
"""Lines (stripped) that only paginated scripts carry. Compared line by line: the multiline regex
that counted them let ``^\\s*`` run across blank lines, quadratic (20,000 blank lines: 13 s)."""
FURNITURE_HINTS = 3
_FOUNTAIN_TITLE_KEY = re.compile(r"^(?:Title|Credit|Author|Authors|Source|Draft date|Contact)\s*:")
_FOUNTAIN_MARKUP = re.compile(r"^(?:>.*<|\[\[|/\*|={3,}|~|@)", re.MULTILINE)
_SPELLED_OUT_HEADING = re.compile(r"^\d*(?:INTERIOR|EXTERIOR)\b|^\d*\s*(?:INT|EXT) {2,}\S")
MIN_COLON_LINES = 20
"""``NAME: speech`` lines (and a tenth of the lines) that make a flush-left file a transcript."""
MIN_SPELLED_OUT_HEADINGS = 3


def looks_like_indented_layout(text: str) -> bool:
    """Whether ``text`` is a plain-text screenplay (laid out by indentation) rather than Fountain.

    Args:
        text: the decoded file.

    Returns:
        True when a good share of non-blank lines start with 3+ spaces or a tab, or the text carries
        page furniture (``(MORE)``, ``(CONTINUED)``) that only paginated scripts have, or, in a
        flush-left file without Fountain markup, conventions Fountain does not read: transcripts
        with ``NAME: speech`` lines, headings spelled ``INTERIOR -`` / ``EXT THE DIG DAY``.
    """
    # Counted with map and filter over C methods: this looks at every line of every .txt file.
    non_blank = list(filter(str.strip, text.split("\n")))
    if not non_blank:
        return False
    if _FOUNTAIN_TITLE_KEY.match(non_blank[0]):
        return False  # a Fountain title page ("Title: ..."), whose values are indented
    indented = sum(map(methodcaller("startswith", ("   ", "\t")), non_blank))
    if indented >= INDENTED_SHARE * len(non_blank):
        return True
    if "(MORE)" in text or "CONTINUED" in text:  # every hint line holds one of them
        hints = sum(map(FURNITURE_HINT_LINES.__contains__, map(str.strip, non_blank)))
        if hints >= FURNITURE_HINTS:
            return True
    if _FOUNTAIN_MARKUP.search(text):
        return False
    # Only lines holding a colon, or INT / EXT, can count: those are found by C-level scans,
    # and the lines are not looked at when the whole text holds none.
    with_colon = [x for x in non_blank if ":" in x] if ":" in text else []
    colon_lines = sum(1 for line in with_colon if colon_cue(line.strip()) is not None)
    with_prefix = (
        [x for x in non_blank if "INT" in x or "EXT" in x] if "INT" in text or "EXT" in text else []
    )
    spelled_out = sum(1 for line in with_prefix if _SPELLED_OUT_HEADING.match(line.strip()))
    return (
        colon_lines >= max(MIN_COLON_LINES, len(non_blank) // 10)
        or spelled_out >= MIN_SPELLED_OUT_HEADINGS
    )


def parse_plain(text: str) -> Screenplay:
    """Parse a plain-text screenplay laid out by indentation (see ``_parse_plain``)."""
    with collector_paused():  # see gc_pause.py: the collector's share grew with the size
        return _parse_plain(text)


def _parse_plain(text: str) -> Screenplay:
    """Parse a plain-text screenplay laid out by indentation.

    Args:
        text: the decoded script (line endings ``\\n``).

    Returns:
        The screenplay: title page, scenes with headings, action, dialogue and transitions. Scene
        ``start_line`` values are 1-based line numbers of the headings in ``text``.
    """
    lines = prepare_lines(text)
    slugs = number_slugs(lines)
    layout = infer_layout(lines)
    headings = _find_headings(lines, layout)
    for i in slugs:
        if i not in headings:
            slug = lines[i]
            headings[i] = HeadingMatch(parse_heading(slug.text, slug.scene_number))
    title_page, body_start = extract_title_page(lines, headings, layout.action)
    headings.update(fallback_headings(lines, layout, headings, body_start))
    builder = SceneBuilder()
    Classifier(lines, layout, headings, builder).run(body_start)
    builder.close()
    return Screenplay(
        title_page=title_page, scenes=builder.scenes, source=SourceInfo(format="plain")
    )


def _find_headings(lines: list[Line], layout: Layout) -> dict[int, HeadingMatch]:
    headings: dict[int, HeadingMatch] = {}
    # Whether a line may hold a heading depends on its record alone (text and indent), and lines
    # that read the same share one record: each record is asked once, then only the lines of the
    # records that may are visited (each gets a heading model of its own).
    action_edge = layout.action + 2
    maybe = {
        ln
        for ln in set(lines)
        if ln.is_content
        and (has_heading(ln.text) or _bare_heading_at(ln.text, ln.indent, action_edge))
    }
    for i in [i for i, ln in enumerate(lines) if ln in maybe] if maybe else ():
        ln = lines[i]
        # has_heading is kept per text (lines repeat); whether there is a heading does not
        # depend on the margin number, only the heading built does.
        # The match is shared by the lines of one text: the classifier copies its heading.
        match = shared_match(ln.text, ln.scene_number) if has_heading(ln.text) else None
        if match is not None:
            headings[i] = match
        elif _bare_heading_at(ln.text, ln.indent, action_edge):
            headings[i] = HeadingMatch(parse_heading(ln.text, ln.scene_number))
    join_two_line_headings(lines, headings)
    return headings


def _bare_heading_at(text: str, indent: int, action_edge: int) -> bool:
    """``THE BRIDGE - LATER``: capitals at the action column ending in a time of day."""
    return indent <= action_edge and looks_like_bare_heading(text)


class PlainTextImporter:
    """Reads ``.txt`` screenplays laid out by indentation (converted from PDF or HTML)."""

    name: str = "plain"
    suffixes: tuple[str, ...] = (".txt",)

    def read(self, data: bytes) -> Screenplay:
        """Decode and parse a plain-text script.

        Args:
            data: the file's bytes (any encoding ``decode_text`` recognises).

        Returns:
            The screenplay, with ``source.format`` "plain" and the encoding found.

        Raises:
            ScriptReadError: the bytes are not text.
        """
        from assistant.script.reading import decode_text

        decoded = decode_text(data)
        screenplay = parse_plain(decoded.text)
        screenplay.source = SourceInfo(format=self.name, encoding=decoded.encoding)
        return screenplay
