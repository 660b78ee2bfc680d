"""Draft comparison: each kind of edit is reported as the change it is, and nothing else."""

from __future__ import annotations

import pytest

from assistant.analysis.compare import align as align_module
from assistant.analysis.compare.align import GAP_LIMIT, SAME_HEADING_LIMIT, align
from assistant.analysis.compare.report import compare_drafts
from assistant.analysis.compare.scene_lines import SceneLines, scene_lines
from assistant.script.model import Screenplay
from assistant.script.reading import parse_bytes


def _scene(n: int, number: str | None = None) -> str:
    tag = f" #{number}#" if number else ""
    return (
        f"INT. ROOM {n} - DAY{tag}\n\nThe room number {n} is painted {n * 7} shades of grey.\n\n"
        f"MARA\nThis is room {n} and I say line {n}.\n\nTHEO\nAnd I answer {n} times over.\n\n"
    )


def _script(order: list[int], numbers: list[str] | None = None, extra: str = "") -> Screenplay:
    body = "".join(_scene(n, numbers[k] if numbers else None) for k, n in enumerate(order))
    return parse_bytes(("Title: T\n\n" + body + extra).encode(), format="fountain")


def _kinds(old: Screenplay, new: Screenplay) -> list[tuple[str, int | None, int | None]]:
    return [(c.kind, c.old_index, c.new_index) for c in compare_drafts(old, new).changes]


def test_identical_drafts_have_no_changes() -> None:
    old = _script(list(range(1, 11)))
    report = compare_drafts(old, _script(list(range(1, 11))))
    assert report.changes == [] and report.characters == []


def test_a_moved_scene_is_the_one_reported_moved() -> None:
    old = _script(list(range(1, 21)))
    order = list(range(1, 21))
    order.insert(15, order.pop(2))  # scene 3 goes after scene 16
    # scenes index from 0 and the title page is no scene here: scene n is index n - 1
    assert _kinds(old, _script(order)) == [("moved", 2, 15)]


def test_removed_and_added_scenes() -> None:
    old = _script(list(range(1, 11)))
    new = _script([1, 2, 3, 5, 6, 99, 7, 8, 9, 10])
    assert _kinds(old, new) == [("removed", 3, None), ("added", None, 5)]
    report = compare_drafts(old, new)
    added = report.changes[1]
    assert added.heading == "INT. ROOM 99 - DAY" and added.lines_removed == 0
    assert added.eighths_delta == new.scenes[5].eighths > 0
    assert report.changes[0].eighths_delta == -old.scenes[3].eighths


def test_a_reworded_line_is_a_changed_scene_with_its_line_diff() -> None:
    old = _script(list(range(1, 8)))
    text = _scene(4).replace("I say line 4", "I shout line 4")
    body = "".join(_scene(n) for n in range(1, 4)) + text + "".join(_scene(n) for n in range(5, 8))
    new = parse_bytes(("Title: T\n\n" + body).encode(), format="fountain")
    report = compare_drafts(old, new)
    assert [(c.kind, c.old_index, c.new_index) for c in report.changes] == [("changed", 3, 3)]
    change = report.changes[0]
    assert (change.lines_added, change.lines_removed) == (1, 1)
    assert change.hunks[0].removed == ["This is room 4 and I say line 4."]
    assert change.hunks[0].added == ["This is room 4 and I shout line 4."]
    mara = {c.name: c for c in report.characters}["MARA"]
    assert (mara.lines_added, mara.lines_removed, mara.lines_old, mara.lines_new) == (1, 1, 7, 7)
    assert "THEO" not in {c.name for c in report.characters}


def test_a_renamed_heading_is_a_change_not_a_delete_and_add() -> None:
    old = _script(list(range(1, 8)))
    body = "".join(_scene(n) for n in range(1, 8)).replace("INT. ROOM 5 - DAY", "EXT. ROOF 5 - DAY")
    new = parse_bytes(("Title: T\n\n" + body).encode(), format="fountain")
    assert _kinds(old, new) == [("changed", 4, 4)]


def test_new_written_numbers_alone_are_renumbered() -> None:
    old = _script([1, 2, 3], numbers=["1", "2", "3"])
    new = _script([1, 2, 3], numbers=["1", "2A", "3"])
    report = compare_drafts(old, new)
    assert [(c.kind, c.old_label, c.new_label) for c in report.changes] == [
        ("renumbered", "2", "2A")
    ]


def test_json_has_exactly_the_documented_fields() -> None:
    old = _script(list(range(1, 6)))
    data = compare_drafts(old, _script([1, 2, 4, 5])).model_dump(mode="json")
    assert set(data) == {"changes", "characters"}
    assert set(data["changes"][0]) == {
        "kind", "old_index", "new_index", "old_start_line", "new_start_line", "heading",
        "lines_added", "lines_removed", "eighths_delta",
    }  # fmt: skip
    assert data["changes"][0]["old_start_line"] == old.scenes[2].start_line


def test_fountain_against_fdx_of_the_same_script_is_unchanged() -> None:
    from assistant.script.formats import exporter_named

    old = _script(list(range(1, 9)))
    new = parse_bytes(exporter_named("fdx").write(old), format="fdx")
    assert compare_drafts(old, new).changes == []


def test_alignment_stays_bounded_on_a_huge_gap(monkeypatch: pytest.MonkeyPatch) -> None:
    # 300 scenes, each reworded: no anchors, one gap of 300 x 300 > GAP_LIMIT candidate pairs.
    old = _script(list(range(1, 301)))
    body = "".join(_scene(n).replace("painted", "washed") for n in range(1, 301))
    new = parse_bytes(("Title: T\n\n" + body).encode(), format="fountain")
    calls = 0
    real = align_module.similarity

    def counted(a: SceneLines, b: SceneLines) -> float:
        nonlocal calls
        calls += 1
        return real(a, b)

    monkeypatch.setattr(align_module, "similarity", counted)
    pairs = align([scene_lines(s, i) for i, s in enumerate(old.scenes)],
                  [scene_lines(s, i) for i, s in enumerate(new.scenes)])  # fmt: skip
    assert GAP_LIMIT < 300 * 300
    assert calls <= GAP_LIMIT + 300 * SAME_HEADING_LIMIT
    # Still right: each scene pairs with its own rewording, in place.
    assert [(p.old, p.new, p.moved) for p in pairs] == [(i, i, False) for i in range(300)]


def test_the_same_drafts_always_align_the_same_way() -> None:
    old = _script(list(range(1, 30)))
    order = [5, 1, 2, 3, 4, 9, 8, 7, 6, *range(10, 30)]
    first = compare_drafts(old, _script(order)).model_dump()
    assert all(compare_drafts(old, _script(order)).model_dump() == first for _ in range(3))
