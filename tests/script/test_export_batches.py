"""Large exports are written in batches and checked at their first line: the output is the one
written whole."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.script import fdx_content
from assistant.script.fdx_export import to_fdx
from assistant.script.fountain import parse_fountain
from assistant.script.fountain_title import may_start_title_page, read_title_page
from assistant.script.model import Note, Section, Synopsis

OUTLINES = [
    "# Act one\n\n= the setup\n\n## a\n\n[[a note]]\n\n# b\n",
    "INT. A - DAY\n\n# s\n\nMARA\nHi.\n\n[[n1]]\n\n[[n2]]\n\n= so\n\nAction.\n\n# end\n",
    "# only\n" * 30,
    "[[one\n  \ntwo]]\n\nMARA\n(a)\nb\n\n~la\n\n===\n\n# after a break\n",
]


@pytest.mark.parametrize("text", OUTLINES)
@pytest.mark.parametrize("batch", [1, 2, 3, 7])
def test_notes_written_in_batches_are_the_notes_written_whole(text: str, batch: int) -> None:
    screenplay = parse_fountain(text)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(fdx_content, "CHILDREN_BATCH", 10**9)
        whole = to_fdx(screenplay)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(fdx_content, "CHILDREN_BATCH", batch)
        assert to_fdx(screenplay) == whole
    notes = [
        element
        for scene in screenplay.scenes
        for element in scene.elements
        if isinstance(element, Note | Section | Synopsis)
    ]
    assert whole.count("<ScriptNote ") == len(notes) > 1


lines = st.text(alphabet="Ab :[]\t =#", max_size=10)


@settings(max_examples=500, deadline=None)
@given(st.lists(lines, min_size=1, max_size=6))
def test_a_title_page_needs_a_first_line_that_may_start_one(file_lines: list[str]) -> None:
    # The Fountain export splits its text into lines only when the first may start a title page.
    if read_title_page(file_lines)[0]:
        assert may_start_title_page(file_lines[0])
    if not may_start_title_page(file_lines[0]):
        assert read_title_page(file_lines) == ([], 0)
