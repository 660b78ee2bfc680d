"""scripts/eval_ask.py's keyword rule: a number keyword must stand in the answer's claim, and
only the answer's citations (and the scene labels before them) are left out of that claim."""

from __future__ import annotations

import importlib.util
from types import ModuleType

from tests.conftest import REPO_ROOT


def _eval_ask() -> ModuleType:
    spec = importlib.util.spec_from_file_location("eval_ask", REPO_ROOT / "scripts" / "eval_ask.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


EVAL = _eval_ask()


def _has(answer: str, keyword: str, path: str = "extractive") -> bool:
    return bool(EVAL._has_strictly(answer.lower(), keyword, path))


def test_an_age_in_parentheses_counts() -> None:
    answer = (
        "ODILE MARSH (14) drags a crate to the dock. (scene 3 (EXT. QUAY - DAY, p. 2, line 40))"
    )
    assert _has(answer, "14")


def test_a_page_line_or_scene_label_of_a_citation_does_not_count() -> None:
    answer = "Odile sorts the nets. (scene 14 (EXT. QUAY - DAY, p. 9, line 40))"
    assert not _has(answer, "14")
    assert not _has(answer, "9")
    assert not _has(answer, "40")


def test_a_heading_with_its_own_parenthesis_is_one_citation() -> None:
    answer = "Odile waits. (scene 12 (INT. SHED (LATER) - NIGHT, p. 5, line 280))"
    assert not _has(answer, "12")
    assert not _has(answer, "5")
    assert _has(answer, "waits")


def test_the_scene_labels_of_nearest_scenes_do_not_count() -> None:
    answer = (
        "Not in the script: no retrieved line supports an answer. Nearest scenes: "
        "scene 7 (EXT. QUAY - DAY, p. 3, line 90); scene 8 (INT. SHED - NIGHT, p. 4, line 120)."
    )
    assert not _has(answer, "7")
    assert not _has(answer, "8")


def test_a_parenthesis_that_is_not_a_citation_stays() -> None:
    answer = "The ferry leaves at six (the 6 o'clock crossing). (scene 2 (EXT. PIER, p. 1))"
    assert _has(answer, "6")
    assert not _has(answer, "2")


def test_a_tool_answer_still_ends_at_its_listing() -> None:
    answer = (
        "Odile speaks in 3 scenes: 4 (EXT. QUAY, p. 2); 5 (INT. SHED, p. 3); 9 (EXT. PIER, p. 6)."
    )
    assert _has(answer, "3", "tool")
    assert not _has(answer, "4", "tool")
    assert not _has(answer, "9", "tool")


def test_a_length_in_eighths_is_no_count_of_its_digits() -> None:
    # Kept since the page-length parenthesis is no citation: a gold count of 0 matched "0/8".
    answer = "The script has 29 night scenes (16 0/8 pages)."
    assert not _has(answer, "0", "tool")
    assert not _has(answer, "8", "tool")
    assert _has(answer, "29", "tool")
    assert _has(answer, "16", "tool")  # how many pages: the length is the claim
