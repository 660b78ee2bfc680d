"""Pagination under the standard page model: 55 lines a page, industry widths, (MORE)/(CONT'D)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assistant.script.model import (
    Action,
    CharacterCue,
    Dialogue,
    DualDialogue,
    Note,
    PageBreak,
    Parenthetical,
    Scene,
    SceneHeading,
    Screenplay,
    Section,
    Speech,
    Synopsis,
    TitleField,
    Transition,
)
from assistant.script.page_layout import (
    DEFAULT_LAYOUT,
    PageLayout,
    element_line_count,
    speech_lines,
    wrapped_line_count,
)
from assistant.script.pagination import paginate

PAGE = DEFAULT_LAYOUT.lines_per_page
REPO_ROOT = Path(__file__).resolve().parents[2]


def lines_of(count: int, word: str = "line") -> str:
    """Text that prints exactly ``count`` lines at any width of 4+ (explicit line breaks)."""
    return "\n".join([word] * count)


def action(count: int) -> Action:
    return Action(text=lines_of(count))


def speech(name: str, *parts: Parenthetical | Speech) -> Dialogue:
    return Dialogue(cue=CharacterCue(name=name), parts=list(parts))


def heading(text: str = "INT. DINER - NIGHT") -> SceneHeading:
    return SceneHeading(text=text)


def paginated(*scenes: Scene) -> Screenplay:
    screenplay = Screenplay(scenes=list(scenes))
    paginate(screenplay)
    return screenplay


def probe() -> Scene:
    """A headless one-line scene whose start_page shows where the next line would print."""
    return Scene(elements=[action(1)])


# --- wrapping -------------------------------------------------------------------------------


def _reference_wrap(text: str, width: int) -> int:
    """Greedy word-by-word wrapping (no hyphens), written the slow obvious way."""
    total = 0
    for raw in text.split("\n"):
        lines, current = 1, ""
        for word in raw.split():
            joined = f"{current} {word}" if current else word
            if len(joined) <= width:
                current = joined
                continue
            if current:
                lines += 1
            current = word
            while len(current) > width:  # a word longer than the line is cut
                lines += 1
                current = current[width:]
        total += lines
    return total


def test_wrapping_counts_lines_at_the_width() -> None:
    assert wrapped_line_count("", 60) == 0
    assert wrapped_line_count("short", 60) == 1
    assert wrapped_line_count("a" * 60, 60) == 1
    assert wrapped_line_count("word " * 12 + "word", 60) == 2  # 64 characters
    assert wrapped_line_count("one\n\ntwo", 60) == 3  # the empty line prints as a blank line
    assert wrapped_line_count("x" * 125, 60) == 3  # a word longer than the line is cut


def test_wrapping_breaks_after_a_hyphen_inside_a_word() -> None:
    assert wrapped_line_count("aaaa well-known", 10) == 2  # "aaaa well-" / "known"
    assert wrapped_line_count("aaaa bbbbbbbbbb", 10) == 2


@given(
    st.lists(st.text(alphabet="abcdefgh", min_size=1, max_size=12), min_size=1, max_size=60),
    st.sampled_from([10, 25, 35, 60]),
)
def test_wrapping_matches_a_word_by_word_wrap(words: list[str], width: int) -> None:
    text = " ".join(words)
    assert wrapped_line_count(text, width) == _reference_wrap(text, width)


def test_markup_and_inline_notes_print_nothing() -> None:
    plain = Action(text="a" * 58)
    marked = Action(text="**" + "a" * 58 + "** [[a note that would add a line]]")
    assert element_line_count(marked) == element_line_count(plain) == 1


def test_non_printing_elements_take_no_lines() -> None:
    for element in (Section(text="Act one"), Synopsis(text="They meet."), Note(text="fix"),
                    PageBreak()):  # fmt: skip
        assert element_line_count(element) == 0


def test_dual_dialogue_is_as_tall_as_its_taller_column() -> None:
    left = speech("MARA", Speech(text=lines_of(2)))
    right = speech("TEO", Parenthetical(text="(softly)"), Speech(text=lines_of(4)))
    assert element_line_count(DualDialogue(left=left, right=right)) == 1 + 1 + 4


def test_dialogue_wraps_at_35_columns_and_parentheticals_at_25() -> None:
    words_36 = "abcde " * 6  # 35 characters after stripping, 36 with the space
    assert element_line_count(speech("MARA", Speech(text=words_36 + "x"))) == 1 + 2
    assert element_line_count(speech("MARA", Parenthetical(text="(" + "x" * 24 + ")"))) == 1 + 2


# --- pages ----------------------------------------------------------------------------------


@pytest.mark.parametrize("pages", [1, 2, 5, 120])
def test_full_pages_of_one_line_paragraphs(pages: int) -> None:
    # 28 one-line paragraphs and the 27 blank lines between them fill 55 lines exactly.
    exact = paginated(Scene(elements=[action(1) for _ in range(28 * pages)]))
    assert exact.page_count == pages
    one_more = paginated(Scene(elements=[action(1) for _ in range(28 * pages + 1)]))
    assert one_more.page_count == pages + 1


def test_a_long_paragraph_fills_whole_pages() -> None:
    assert paginated(Scene(elements=[action(3 * PAGE)])).page_count == 3
    assert paginated(Scene(elements=[action(3 * PAGE + 1)])).page_count == 4


def test_title_page_is_not_counted() -> None:
    screenplay = Screenplay(
        title_page=[TitleField(key="Title", value="Night Shift")],
        scenes=[Scene(heading=heading(), elements=[action(1)])],
    )
    paginate(screenplay)
    assert screenplay.page_count == 1
    assert Screenplay().page_count == 0


def test_no_blank_line_at_the_top_of_a_page() -> None:
    # 54 lines, then a 1-line paragraph needs a blank line: page 2, where it prints at the top;
    # then 27 more one-line paragraphs fill page 2 exactly (1 + 27 * 2 = 55).
    screenplay = paginated(Scene(elements=[action(54), *[action(1) for _ in range(28)]]))
    assert screenplay.page_count == 2


def test_page_break_starts_a_new_page_but_never_an_empty_one() -> None:
    screenplay = paginated(
        Scene(elements=[action(1), PageBreak()]),
        Scene(elements=[PageBreak(), action(1), PageBreak(), PageBreak()]),
        probe(),
    )
    assert [scene.start_page for scene in screenplay.scenes] == [1, 2, 3]


def test_sections_synopses_and_notes_take_no_space() -> None:
    hidden = [Section(text="Act one"), Synopsis(text="They meet."), Note(text="fix this")]
    with_hidden = paginated(Scene(elements=[action(1) for _ in range(28)] + hidden), probe())
    assert with_hidden.scenes[1].start_page == 2
    assert paginated(Scene(elements=hidden)).scenes[0].eighths == 0


def test_a_heading_is_not_left_alone_at_the_foot_of_a_page() -> None:
    # 51 lines used; heading (blank + 1) and the action's first 2 lines (blank + 2) need 5.
    screenplay = paginated(
        Scene(elements=[action(51)]),
        Scene(heading=heading(), elements=[action(10)]),
    )
    assert screenplay.scenes[1].start_page == 2
    # With 50 lines used they fit: the heading stays and the action splits 2 / 8.
    screenplay = paginated(
        Scene(elements=[action(50)]),
        Scene(heading=heading(), elements=[action(10)]),
    )
    assert screenplay.scenes[1].start_page == 1
    assert screenplay.scenes[1].end_page == 2


def test_a_heading_keeps_with_the_first_lines_of_a_speech() -> None:
    # Heading needs blank + 1, then blank + cue + 2 speech lines + (MORE) = 5: 7 lines in all.
    long_speech = speech("MARA", Speech(text=lines_of(10)))
    stays = paginated(
        Scene(elements=[action(48)]), Scene(heading=heading(), elements=[long_speech])
    )
    assert stays.scenes[1].start_page == 1
    moves = paginated(
        Scene(elements=[action(49)]), Scene(heading=heading(), elements=[long_speech])
    )
    assert moves.scenes[1].start_page == 2


def test_a_split_speech_costs_more_and_contd_lines() -> None:
    # Page 1: 45 lines of action, blank, cue, 7 speech lines, (MORE) = 55.
    # Page 2: cue (CONT'D), the other 13 lines = 14; a blank and 40 lines of action fill it.
    def script(last_action: int) -> Screenplay:
        return paginated(
            Scene(
                elements=[
                    action(45),
                    speech("MARA", Speech(text=lines_of(20))),
                    action(last_action),
                ]
            )
        )

    assert script(40).page_count == 2
    assert script(41).page_count == 3


def test_the_cue_never_ends_a_page() -> None:
    # 52 lines used: blank + cue would fit, but no speech line after it: the speech moves.
    screenplay = paginated(
        Scene(elements=[action(52)]),
        Scene(elements=[speech("MARA", Speech(text=lines_of(10)))]),
    )
    assert screenplay.scenes[1].start_page == 2


def test_a_short_speech_is_never_split() -> None:
    # 51 lines used: blank, cue and 2 lines fit, but three speech lines cannot leave 2 on each
    # page: the whole speech moves to page 2.
    screenplay = paginated(
        Scene(elements=[action(51)]),
        Scene(elements=[speech("MARA", Speech(text=lines_of(3)))]),
    )
    assert screenplay.scenes[1].start_page == 2


def test_split_points_never_follow_a_parenthetical() -> None:
    lines = speech_lines(
        speech(
            "MARA",
            Speech(text=lines_of(3)),
            Parenthetical(text="(beat)"),
            Speech(text=lines_of(3)),
        ),
        DEFAULT_LAYOUT,
    )
    assert lines.body == 7
    # Up to 4 body lines may go on this page; 4 would end on the parenthetical, so 3.
    assert lines.last_break(0, 4, minimum=2) == 3
    assert lines.last_break(0, 5, minimum=2) == 5
    assert lines.first_break(2) == 2


def test_an_action_paragraph_leaves_two_lines_on_each_page() -> None:
    # 51 lines used, blank, then a 5-line paragraph: 3 fit, but 2 must follow: 3 / 2.
    # After 52 lines, a 3-line paragraph cannot split 2 / 2 and moves whole.
    splits = paginated(Scene(elements=[action(51), action(5)]), probe())
    assert splits.scenes[0].end_page == 2
    assert splits.scenes[1].start_page == 2
    moves = paginated(Scene(elements=[action(52)]), Scene(elements=[action(3)]))
    assert moves.scenes[1].start_page == 2


def test_dual_dialogue_moves_whole() -> None:
    left = speech("MARA", Speech(text=lines_of(6)))
    right = speech("TEO", Speech(text=lines_of(2)))
    screenplay = paginated(
        Scene(elements=[action(48)]), Scene(elements=[DualDialogue(left=left, right=right)])
    )
    assert screenplay.scenes[1].start_page == 2


def test_transitions_are_right_aligned_blocks() -> None:
    assert element_line_count(Transition(text="CUT TO:")) == 1
    assert element_line_count(Transition(text="SMASH CUT TO THE NEXT MORNING:")) == 2


# --- eighths --------------------------------------------------------------------------------


def test_eighths_of_scenes() -> None:
    screenplay = paginated(
        Scene(heading=heading(), elements=[action(1)]),  # 1 + blank + 1 = 3 lines: 3/55 -> 1/8
        Scene(heading=heading(), elements=[action(PAGE)]),  # blank + 1 + blank + 55 = 58 -> 8/8
        Scene(heading=heading(), elements=[action(24)]),  # blank + 1 + blank + 24 = 27 -> 4/8
    )
    assert [scene.eighths for scene in screenplay.scenes] == [1, 8, 4]


def test_eighths_add_up_to_the_pages_used() -> None:
    scenes = [
        Scene(heading=heading(f"EXT. FIELD {n} - DAY"), elements=[action(n % 9 + 1)])
        for n in range(300)
    ]
    screenplay = paginated(*scenes)
    total = sum(scene.eighths for scene in screenplay.scenes)
    # Rounding each scene moves the total by at most half an eighth per scene, and the last
    # page is partly empty.
    assert abs(total - 8 * screenplay.page_count) <= 8 + len(scenes) // 2


def test_layout_is_configurable() -> None:
    shorter = PageLayout(lines_per_page=54)
    screenplay = Screenplay(scenes=[Scene(elements=[action(55)])])
    paginate(screenplay, shorter)
    assert screenplay.page_count == 2


# --- real scripts ---------------------------------------------------------------------------


def _check_page_counts() -> ModuleType:
    path = REPO_ROOT / "scripts" / "check_page_counts.py"
    spec = importlib.util.spec_from_file_location("check_page_counts", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["check_page_counts"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.shared_data
def test_page_counts_of_real_scripts_with_printed_page_numbers(shared_data_dir: Path) -> None:
    checks = _check_page_counts().check_tripod(shared_data_dir)
    assert len(checks) >= 25  # 25 TRIPOD scripts keep a complete chain of page numbers
    assert "One Eight Seven" in {check.name for check in checks}  # numbers on revision headers
    errors = [check.slate_pages - check.real_pages for check in checks]
    mean_absolute = sum(abs(e) for e in errors) / len(errors)
    scene_errors = [e for check in checks for e in check.scene_errors]
    # Measured: 6.16 pages (5.2%) mean absolute, -1.92 mean signed, 2.98 pages per scene start.
    assert mean_absolute < 8
    assert abs(sum(errors) / len(errors)) < 4
    assert sum(scene_errors) / len(scene_errors) < 4


def test_page_numbers_on_revision_headers_are_found_and_margin_scene_numbers_are_not() -> None:
    lines: list[str] = []
    for page in range(1, 31):
        if page % 3 == 0:
            lines.append("    SALT ROAD - Rev. 2/2/99" + " " * 30 + f"{page}.")
        elif page > 1:
            lines.append(" " * 60 + f"{page}.")
        lines.append(f"{page + 100:<8}INT. MILL - DAY" + " " * 30 + str(page + 100))
        lines.extend(["        Tomas waits."] * 48)
    markers = _check_page_counts().find_page_markers("\n".join(lines))
    assert markers is not None
    assert markers.pages == list(range(2, 31))
    assert markers.page_count == 30


@pytest.mark.shared_data
def test_page_counts_of_screenplain_pdfs(shared_data_dir: Path) -> None:
    results = _check_page_counts().check_screenplain_pdfs(shared_data_dir)
    assert len(results) == 6
    assert [(name, real) for name, real, ours in results if real != ours] == []


def test_pagination_sets_scene_fields_as_assignment_would() -> None:
    from assistant.script.fountain import parse_fountain
    from assistant.script.model import Scene
    from assistant.script.pagination import paginate

    # pagination writes the fields as pydantic's plain assignment does; that needs no validation
    assert not Scene.model_config.get("validate_assignment")
    screenplay = parse_fountain("INT. A - DAY\n\nMara waits.\n\nEXT. B - NIGHT\n\nShe runs.\n")
    paginate(screenplay)
    scene = screenplay.scenes[1]
    assert {"start_page", "end_page", "eighths"} <= scene.model_fields_set
    assert (scene.start_page, scene.end_page, scene.eighths) == (1, 1, 1)
    assert "eighths" in scene.model_dump(exclude_unset=True)
