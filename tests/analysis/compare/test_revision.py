"""Production revisions: locked numbers, OMITTED scenes, marks in Fountain and FDX."""

from __future__ import annotations

from xml.etree.ElementTree import fromstring

import pytest

from assistant.analysis.compare.revision import (
    ROUND_COLOURS,
    ROUNDS,
    export_revision,
    revise,
)
from assistant.errors import AnalysisError
from assistant.script.model import Screenplay
from assistant.script.reading import parse_bytes


def _scene(n: int, number: str | None = None, said: str = "") -> str:
    tag = f" #{number}#" if number else ""
    return (
        f"INT. ROOM {n} - DAY{tag}\n\nThe room number {n} is painted {n * 7} shades of grey.\n\n"
        f"MARA\nThis is room {n}{said}.\n\n"
    )


def _draft(parts: list[str]) -> Screenplay:
    return parse_bytes(("Title: T\n\n" + "".join(parts)).encode(), format="fountain")


@pytest.fixture
def locked() -> Screenplay:
    return _draft([_scene(n, str(n)) for n in range(1, 7)])


@pytest.fixture
def revised() -> Screenplay:
    # Scene 3 deleted, a new scene after 4, scene 5's speech reworded; no numbers written.
    return _draft([_scene(1), _scene(2), _scene(4), _scene(40), _scene(5, said=" again"),
                   _scene(6)])  # fmt: skip


def test_numbers_are_locked_new_scenes_lettered_and_removed_ones_omitted(
    locked: Screenplay, revised: Screenplay
) -> None:
    revision = revise(locked, revised, "blue")
    labels = [s.heading.scene_number for s in revision.screenplay.scenes if s.heading]
    assert labels == ["1", "2", "3", "4", "4A", "5", "6"]
    omitted = revision.screenplay.scenes[2]
    assert omitted.heading is not None and omitted.heading.text == "OMITTED"
    summary = revision.summary
    assert (summary.added_scenes, summary.omitted_scenes) == (["4A"], ["3"])
    assert summary.revised_scenes == ["4A", "5"]
    assert summary.colour == ROUND_COLOURS["blue"]


def test_fountain_marks_only_the_revised_lines(locked: Screenplay, revised: Screenplay) -> None:
    text = export_revision(revise(locked, revised, "pink"), "fountain").decode()
    marked = [line for line in text.splitlines() if line.endswith("[[*]]")]
    assert "This is room 5 again. [[*]]" in marked
    assert "This is room 4. [[*]]" not in marked
    assert any(line.startswith("The room number 40") for line in marked)
    # The reworded speech, and the new scene's action and speech (cues and headings carry none).
    assert len(marked) == 3
    assert "Revision: Pink Revision" in text
    back = parse_bytes(text.encode(), format="fountain")
    assert [label for label in back.scene_labels() if label] == ["1", "2", "3", "4", "4A", "5", "6"]


def test_fdx_marks_revised_paragraphs_with_the_round(
    locked: Screenplay, revised: Screenplay
) -> None:
    root = fromstring(export_revision(revise(locked, revised, "yellow"), "fdx"))
    yellow = str(ROUNDS.index("yellow"))
    marked = [p for p in root.iter("Paragraph")
              if any(t.get("RevisionID") == yellow for t in p.iter("Text"))]  # fmt: skip
    texts = ["".join(t.text or "" for t in p.iter("Text")) for p in marked]
    assert "This is room 5 again." in texts and "This is room 4." not in texts
    assert "\u2063" not in "".join(t.text or "" for t in root.iter("Text"))
    declared = {r.get("ID"): r.get("PageColor") for r in root.iter("Revision")}
    assert declared[yellow] == ROUND_COLOURS["yellow"]


def test_a_second_round_letters_after_the_first(locked: Screenplay) -> None:
    first = revise(locked, _draft([_scene(n) for n in (1, 2, 20, 3, 4, 5, 6)]), "blue")
    again = parse_bytes(export_revision(first, "fountain").replace(b" [[*]]", b""),
                        format="fountain")  # fmt: skip
    second = revise(again, _draft([_scene(n) for n in (1, 2, 20, 21, 3, 4, 5, 6)]), "pink")
    labels = [s.heading.scene_number for s in second.screenplay.scenes if s.heading]
    assert labels == ["1", "2", "2A", "2B", "3", "4", "5", "6"]


def test_an_unknown_round_is_refused(locked: Screenplay) -> None:
    with pytest.raises(AnalysisError, match="blue"):
        revise(locked, locked, "mauve")


def test_compare_and_a_later_round_ignore_the_marks_of_an_earlier_one(
    locked: Screenplay, revised: Screenplay
) -> None:
    """A revised Fountain draft read back compares equal, line for line, to the draft it marks:
    the ``[[*]]`` notes are not printed text (they were read as changed lines before)."""
    from assistant.analysis.compare.report import compare_drafts

    marked = parse_bytes(export_revision(revise(locked, revised, "blue"), "fountain"),
                         format="fountain")  # fmt: skip
    report = compare_drafts(revised, marked)
    assert not [c for c in report.changes if c.kind == "changed"]
    assert [c.heading for c in report.changes if c.kind != "renumbered"] == ["OMITTED"]
    again = revise(marked, marked, "pink")
    assert again.summary.marked_lines == 0


def test_a_revised_parenthetical_stays_a_parenthetical() -> None:
    """``(quietly) [[*]]`` no longer reads as a parenthetical in Fountain (it must end in ``)``),
    so the mark goes inside: ``([[*]]quietly)``."""
    from assistant.analysis.compare.report import compare_drafts
    from assistant.script.model import Parenthetical

    def draft(how: str) -> Screenplay:
        return _draft([_scene(1, "1"), f"INT. HALL - DAY #2#\n\nMARA\n({how})\nNot now.\n\n"])

    revised = draft("loudly")
    text = export_revision(revise(draft("quietly"), revised, "blue"), "fountain")
    assert b"([[*]]loudly)" in text
    back = parse_bytes(text, format="fountain")
    (mara,) = back.scenes[-1].dialogues()
    assert isinstance(mara.parts[0], Parenthetical) and mara.parts[1].text == "Not now."
    assert not [c for c in compare_drafts(revised, back).changes if c.kind == "changed"]
