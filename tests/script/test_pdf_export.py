"""PDF export: the page model's pages, the industry layout, and Slate's importer reading it back."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.script.characters import normalise_cue_name
from assistant.script.formats import exporter_named
from assistant.script.model import (
    Action,
    Centered,
    Element,
    Lyrics,
    Screenplay,
    Shot,
    Transition,
)
from assistant.script.page_layout import printable, wrapped_line_count
from assistant.script.pdf.words import Word, pdfium_words
from assistant.script.pdf_export import page_size, to_pdf
from assistant.script.pdf_export_layout import PrintedPage, lay_out
from assistant.script.pdf_export_lines import styled_lines
from assistant.script.reading import parse_bytes, read_script

SAMPLE = Path(__file__).parent.parent.parent / "assistant" / "samples" / "night_shift.fountain"
INCH = 72.0
LONG_SPEECH = " ".join(f"Line {k} of the speech goes on." for k in range(90))
REVISED = f"""Title: Signal Box
Author: Iona Petrel
Revision: Blue Revision

INT. SIGNAL BOX - NIGHT #7#

Rain on the glass. WREN pulls a lever.

Nothing moves on the line. [[*]]

WREN
(to herself)
{LONG_SPEECH}

CUT TO:

EXT. LEVEL CROSSING - CONTINUOUS #7A#

The barrier lifts.
"""


Signature = tuple[str, str | None, list[str], list[str], list[str]]


def signature(screenplay: Screenplay) -> list[Signature]:
    """Per headed scene: heading, number, cues, the words spoken, the other printed words."""
    printed = (Action, Transition, Centered, Lyrics, Shot)
    out = []
    for scene in screenplay.headed_scenes():
        assert scene.heading is not None
        dialogues = scene.dialogues()
        spoken = " ".join(printable(p.text) for d in dialogues for p in d.parts).split()
        other = " ".join(printable(e.text) for e in scene.elements if isinstance(e, printed))
        cues = [normalise_cue_name(d.cue.name) for d in dialogues]
        out.append((printable(scene.heading.text), scene.number, cues, spoken, other.split()))
    return out


def words_of(data: bytes) -> list[list[Word]]:
    return [page.words for page in pdfium_words(data, "test.pdf")]


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from("ab -*_\n[]\t"), max_size=160),
    width=st.integers(min_value=1, max_value=40),
)
def test_printed_lines_are_the_lines_the_page_model_counts(text: str, width: int) -> None:
    assert len(styled_lines(text, width)) == wrapped_line_count(printable(text), width)


@settings(max_examples=200, deadline=None)
@given(
    cue=st.text(alphabet=st.sampled_from("AB (')"), min_size=1, max_size=60),
    parts=st.lists(
        st.tuples(st.booleans(), st.text(alphabet=st.sampled_from("ab -*_\n[]("), max_size=90)),
        max_size=4,
    ),
)
def test_a_speech_prints_the_lines_the_page_model_counts(
    cue: str, parts: list[tuple[bool, str]]
) -> None:
    from assistant.script.model import CharacterCue, Dialogue, Parenthetical, Speech
    from assistant.script.page_layout import DEFAULT_LAYOUT
    from assistant.script.pdf_export_layout import _Speech

    dialogue = Dialogue(
        cue=CharacterCue(name=cue),
        parts=[Parenthetical(text=t) if paren else Speech(text=t) for paren, t in parts],
    )
    speech = _Speech(dialogue, DEFAULT_LAYOUT)
    assert len(speech.cue) == speech.counts.cue
    assert len(speech.body) == speech.counts.body
    assert len(speech.continued) == speech.counts.continued_cue()


def test_wrapped_lines_keep_every_word_and_its_emphasis() -> None:
    lines = styled_lines("Mara *really* wants the well-worn _blue_ coat back now.", 20)
    assert " ".join(line.text.strip() for line in lines).split() == (
        ["Mara", "really", "wants", "the", "well-worn", "blue", "coat", "back", "now."]
    )
    really = lines[0].text.index("really")
    assert set(lines[0].styles[really : really + 6]) == {2}  # italic
    assert all(len(line.text) <= 20 for line in lines)


def test_the_sample_comes_back_from_its_pdf() -> None:
    screenplay = read_script(SAMPLE)
    data = exporter_named("pdf").write(screenplay)
    back = parse_bytes(data, format="pdf")
    assert signature(back) == signature(screenplay)
    assert len(words_of(data)) == screenplay.page_count + 1  # the title page is not counted
    assert back.title == "NIGHT SHIFT\na short screenplay"
    assert [f.value for f in back.title_page if f.key == "Author"] == ["The Slate Project"]


def test_every_scene_starts_on_the_page_the_model_gives() -> None:
    screenplay = read_script(SAMPLE)
    pages = lay_out(screenplay)
    assert len(pages) == screenplay.page_count
    for page in pages:
        for index in page.scenes:
            assert screenplay.scenes[index].start_page == page.number
    printed = [i for i, s in enumerate(screenplay.scenes) if s.eighths]
    assert sorted(i for page in pages for i in page.scenes) == printed


def test_industry_positions_more_contd_numbers_and_marks() -> None:
    screenplay = parse_bytes(REVISED.encode(), format="fountain")
    assert screenplay.page_count == 2
    title, first, second = words_of(to_pdf(screenplay))

    def at(page: list[Word], text: str) -> Word:
        return next(w for w in page if w.text == text)

    assert {w.text for w in title} >= {"Signal", "Box", "Iona", "Petrel"}
    # Scene numbers in both margins, heading at 1.5", the first line 1" from the top.
    numbers = sorted(w.x0 / INCH for w in first if w.text == "7" and w.top < INCH + 6)
    assert numbers == pytest.approx([0.75, 7.6], abs=0.01)
    assert at(first, "SIGNAL").x0 == pytest.approx(2.0 * INCH, abs=0.5)
    assert at(first, "INT.").top == pytest.approx(INCH, abs=1)
    cue = [w for w in first if w.text == "WREN"][-1]  # the first is in the action
    assert cue.x0 == pytest.approx(3.7 * INCH, abs=0.5)
    assert at(first, "(to").x0 == pytest.approx(3.1 * INCH, abs=0.5)
    assert at(first, "Rain").x0 == pytest.approx(1.5 * INCH, abs=0.5)
    # The revised line, and only it, has an asterisk in the right margin.
    (mark,) = [w for w in first if w.text == "*"]
    assert mark.x0 == pytest.approx(8.0 * INCH, abs=0.5)
    assert mark.top == pytest.approx(at(first, "Nothing").top, abs=0.5)
    assert [w.text for w in first if w.top < INCH - 6] == ["Blue", "Revision"]  # marked page
    # The speech breaks with (MORE) at the cue's place, and goes on under WREN (CONT'D).
    more = at(first, "(MORE)")
    assert more.x0 == pytest.approx(3.7 * INCH, abs=0.5)
    assert more.top > max(w.top for w in first if w.text != "(MORE)")
    assert [w.text for w in second if INCH - 6 < w.top < INCH + 6] == ["WREN", "(CONT'D)"]
    assert [w.text for w in second if w.top < INCH - 6] == ["2."]  # no mark on page 2
    assert at(second, "2.").x1 == pytest.approx(7.5 * INCH, abs=0.5)
    assert at(second, "TO:").x1 == pytest.approx(7.5 * INCH, abs=0.5)  # transitions right
    assert sorted(w.text for w in second if w.x0 < 1.2 * INCH) == ["7A"]


def test_a_revised_pdf_reads_back_without_its_page_header() -> None:
    """The importer drops the revision header as it drops page numbers: everything comes back,
    the marks dropped, and nothing stands before the first heading."""
    screenplay = parse_bytes(REVISED.encode(), format="fountain")
    back = parse_bytes(to_pdf(screenplay), format="pdf")
    assert signature(back) == signature(screenplay)
    extra = [e for s in back.scenes if s.heading is None for e in s.elements]
    assert extra == []


def test_a4_keeps_the_text_block_and_the_page_count() -> None:
    screenplay = read_script(SAMPLE)
    data = to_pdf(screenplay, paper="a4")
    pages = pdfium_words(data, "a4.pdf")
    assert (pages[0].width, pages[0].height) == pytest.approx(page_size("a4"), abs=0.5)
    assert len(pages) == screenplay.page_count + 1
    assert signature(parse_bytes(data, format="pdf")) == signature(screenplay)


def test_a_rendered_page_puts_the_cue_at_3_7_inches() -> None:
    """Rendered by PDFium to pixels: the ink of the cue's line starts 3.7" from the left edge."""
    import pypdfium2 as pdfium

    screenplay = parse_bytes(b"INT. HALL - DAY\n\nMARA\nHello there.\n", format="fountain")
    document = pdfium.PdfDocument(to_pdf(screenplay))
    scale = 2.0  # 144 dots per inch
    try:
        pixels = document[0].render(scale=scale, grayscale=True).to_numpy()
    finally:
        document.close()
    ink = pixels.reshape(pixels.shape[0], -1) < 128

    def first_ink_x(line: int) -> float:
        top = int((INCH + line * 12) * scale)
        band = ink[top : top + int(12 * scale)]
        columns = band.any(axis=0).nonzero()[0]
        return float(columns[0]) / scale / INCH

    assert first_ink_x(0) == pytest.approx(1.5, abs=0.06)  # heading
    assert first_ink_x(2) == pytest.approx(3.7, abs=0.06)  # cue
    assert first_ink_x(3) == pytest.approx(2.5, abs=0.06)  # speech
    assert not ink[: int(INCH * scale)].any()  # page 1 carries no number


def test_the_same_script_gives_the_same_bytes() -> None:
    screenplay = read_script(SAMPLE)
    assert to_pdf(screenplay) == to_pdf(screenplay)


@pytest.mark.shared_data
def test_real_scripts_keep_their_pages_and_read_back(shared_data_dir: Path) -> None:
    """Three TRIPOD test scripts: the page model's page count and scene pages exactly; scenes,
    numbers and cues back from the PDF, headings too but for those longer than a line (60
    characters: the second line reads as action), and every word for all but a few scenes (the
    importer drops a speech line holding only ``--``, and cannot tell a hyphen that ends a line
    from one that breaks a word)."""
    folder = shared_data_dir / "labeled" / "tripod" / "screenplays" / "test"
    for name in ("Die Hard.txt", "Panic Room.txt", "The Shining (film).txt"):
        screenplay = read_script(folder / name)
        pages = lay_out(screenplay)
        assert len(pages) == screenplay.page_count
        starts = {i: page.number for page in pages for i in page.scenes}
        assert all(screenplay.scenes[i].start_page == n for i, n in starts.items())
        data = to_pdf(screenplay)
        assert len(words_of(data)) == screenplay.page_count + bool(screenplay.title_page)
        before, after = signature(screenplay), signature(parse_bytes(data, format="pdf"))
        assert [s[1:3] for s in after] == [s[1:3] for s in before]
        for (heading, *_), (back, *_) in zip(before, after, strict=True):
            assert back == heading or len(heading) > 60
        for part in (3, 4):  # the words spoken; the other words printed
            same = sum(a[part] == b[part] for a, b in zip(before, after, strict=True))
            assert same >= 0.97 * len(before)


def test_dual_dialogue_and_shots_come_back_whole() -> None:
    source = (
        b"INT. HALL - DAY\n\nMARA\nLeft side speaks here and goes on for a while longer.\n\n"
        b"LEO ^\n(softly)\nRight side answers.\n\n!HIS P.O.V. [[shot 3-A]]\n\nThe door.\n"
    )
    screenplay = parse_bytes(source, format="fountain")
    data = to_pdf(screenplay)
    assert parse_bytes(data, format="pdf").scenes[0].elements == screenplay.scenes[0].elements
    (page,) = words_of(data)
    cues = {w.text: w.x0 / INCH for w in page if w.text in ("MARA", "LEO")}
    assert cues == pytest.approx({"MARA": 2.2, "LEO": 5.0}, abs=0.01)
    shot_numbers = sorted(w.x0 / INCH for w in page if w.text == "3-A")
    assert shot_numbers == pytest.approx([0.75, 7.6], abs=0.01)


def _random_element(kind: int, size: int, seed: int) -> Element:
    from assistant.script.model import (
        CharacterCue,
        Dialogue,
        DualDialogue,
        PageBreak,
        Parenthetical,
        Speech,
    )

    words = " ".join(f"w{(seed * 7 + k) % 13}" for k in range(size))
    if kind == 0:
        return Action(text=words)
    if kind == 1:
        parts: list[Parenthetical | Speech] = [Speech(text=words)]
        if seed % 3 == 0:
            parts.insert(0, Parenthetical(text="(aside)"))
            parts.append(Speech(text=words[: size // 2]))
        return Dialogue(cue=CharacterCue(name="MARA"), parts=list(parts))
    if kind == 2:
        return Transition(text="CUT TO:")
    if kind == 3:
        return PageBreak()
    left = Dialogue(cue=CharacterCue(name="LEO"), parts=[Speech(text=words)])
    return DualDialogue(left=left, right=left)


@settings(max_examples=150, deadline=None)
@given(
    scenes=st.lists(
        st.lists(
            st.tuples(st.integers(0, 4), st.integers(1, 200), st.integers(0, 99)), max_size=10
        ),
        min_size=1,
        max_size=12,
    )
)
def test_any_script_is_laid_out_on_the_page_models_pages(
    scenes: list[list[tuple[int, int, int]]],
) -> None:
    from assistant.script.model import Scene, SceneHeading
    from assistant.script.pagination import paginate

    screenplay = Screenplay(
        scenes=[
            Scene(
                heading=SceneHeading(text=f"INT. ROOM {n} - DAY"),
                elements=[_random_element(*spec) for spec in specs],
            )
            for n, specs in enumerate(scenes)
        ]
    )
    paginate(screenplay)
    pages = lay_out(screenplay)
    assert len(pages) == screenplay.page_count
    assert all(max(page.rows) < 55 for page in pages if page.rows)
    last_page: dict[int, int] = {}
    for page in pages:
        for index in page.scenes:
            assert screenplay.scenes[index].start_page == page.number
        for row in page.rows.values():
            if row.source is not None:
                last_page[row.source[0]] = page.number
    for index, number in last_page.items():
        assert screenplay.scenes[index].end_page == number
    # Eighths as pagination counts them, from where each heading starts to where the next does.
    starts = {s: (p.number - 1) * 55 + used for p in pages for s, used in p.heading_starts.items()}
    last = pages[-1]
    ends = [*(starts[s] for s in range(1, len(scenes))), (last.number - 1) * 55 + _used(last)]
    for index, scene in enumerate(screenplay.scenes):
        lines = ends[index] - starts[index]
        assert scene.eighths == max((16 * lines + 55) // 110, 1)


def _used(page: PrintedPage) -> int:
    return max(page.rows) + 1 if page.rows else 0
