"""The importers, pagination and stats keep answers per distinct paragraph, line or dialogue: a
kept answer must be the one computed afresh, and every occurrence must get its own models."""

from __future__ import annotations

import random
from dataclasses import FrozenInstanceError
from pathlib import Path

import pytest

from assistant.script import fountain, page_layout, pagination, stats
from assistant.script.fountain import parse_fountain
from assistant.script.model import (
    CharacterCue,
    Dialogue,
    DualDialogue,
    Parenthetical,
    Screenplay,
    Speech,
)
from assistant.script.plaintext import parse_plain
from assistant.script.plaintext_lines import (
    BLANK_LINE,
    Line,
    LineKind,
    NextContent,
    prepare_lines,
)
from assistant.script.reading import read_script
from assistant.script.stats import compute_stats

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

REPEATS = """INT. A - DAY

MARA
Hi.

MARA
Hi.

MARA
(softly)
Hi.

MARA ^
Hi.

JOE
Hi.

MARA ^
Hi.

JOE
Hi.

MARA (V.O.) ^
Hi.

JOE
Hi.

MARA ^
(softly)
Hi there, in a line long enough to wrap in a dual column.

@MARA
Hi.

CUT TO:

INT. A - DAY

MARA
Hi.

CUT TO:

# act

# act
"""


def _scripts() -> list[Path]:
    return sorted(FIXTURES.glob("**/*.fountain")) + sorted(FIXTURES.glob("**/plain/*.txt"))


def _read_all() -> list[Screenplay]:
    return [read_script(path) for path in _scripts()]


def test_kept_readings_parse_as_fresh_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    kept = [parse_fountain(REPEATS), *_read_all()]
    kept_stats = [compute_stats(screenplay) for screenplay in kept]
    monkeypatch.setattr(fountain, "READINGS_KEPT", 0)
    monkeypatch.setattr(pagination, "SPEECHES_KEPT", 0)
    monkeypatch.setattr(stats, "SPEECHES_KEPT", 0)
    monkeypatch.setattr(page_layout, "DUALS_KEPT", 0)
    fresh = [parse_fountain(REPEATS), *_read_all()]
    assert len(fresh) > 10
    assert [s.model_dump() for s in kept] == [s.model_dump() for s in fresh]
    assert kept_stats == [compute_stats(screenplay) for screenplay in fresh]


def test_repeated_paragraphs_get_models_of_their_own() -> None:
    screenplay = parse_fountain(REPEATS)
    first, second = screenplay.scenes[0].elements[:2]
    assert isinstance(first, Dialogue) and isinstance(second, Dialogue)
    assert first == second and first is not second
    assert first.cue is not second.cue and first.parts[0] is not second.parts[0]
    first.parts[0].text = "Changed."
    first.cue.extensions.append("V.O.")
    assert second.parts[0].text == "Hi." and second.cue.extensions == []
    assert screenplay.scenes[0].heading is not screenplay.scenes[1].heading


def test_lines_that_read_the_same_share_one_frozen_record() -> None:
    # Double spaced: every blank line between two lines becomes a spacer.
    text = "\n\n".join(["MARA walks in."] * 20) + "\n\n\n\nThe end."
    lines = prepare_lines(text)
    content = [line for line in lines if line.is_content]
    assert [line.text for line in content] == ["MARA walks in."] * 20 + ["The end."]
    assert len({id(line) for line in content}) == 2  # one record per distinct reading
    with pytest.raises(FrozenInstanceError):
        content[0].kind = LineKind.FURNITURE  # type: ignore[misc]
    kinds = [line.kind for line in lines]
    assert kinds.count(LineKind.SPACER) == 19
    assert kinds[-3:-1] == [LineKind.BLANK, LineKind.BLANK]
    assert all(line is BLANK_LINE for line in lines if line.kind is LineKind.BLANK)


def test_shared_lines_keep_their_own_line_numbers() -> None:
    # A line's number is its index: the same heading and action, repeated, start where written.
    text = "INT. A - DAY\n\nMara waits.\n\n" * 3
    scenes = parse_plain(text).scenes
    assert [scene.start_line for scene in scenes] == [1, 5, 9]


def test_imported_models_validate_back_to_themselves() -> None:
    # Pagination writes a scene's pages into its fields directly, and readings are shared as data
    # before validation: the model must still be what validating its own dump gives.
    screenplays = [parse_fountain(REPEATS), *_read_all()]
    for screenplay in screenplays:
        dumped = screenplay.model_dump()
        again = Screenplay.model_validate(dumped)
        assert again == screenplay
        assert again.model_dump() == dumped
        assert again.model_dump_json() == screenplay.model_dump_json()


def test_next_content_answers_as_a_forward_scan() -> None:
    rng = random.Random(13)
    for _ in range(2000):
        kinds = [rng.choice(list(LineKind)) for _ in range(rng.randint(0, 24))]
        lines = [Line("x", 0, kind) for kind in kinds]
        found = NextContent(lines)
        for i in range(-1, len(lines) + 1):
            after = next(
                (j for j in range(i + 1, len(lines)) if kinds[j] is LineKind.CONTENT), len(lines)
            )
            assert found.after(i) == after
            blank = any(kinds[j] is LineKind.BLANK for j in range(max(i + 1, 0), after))
            assert found.blank_before_next(i) == blank


def test_dialogue_keys_tell_every_cue_and_parts_apart() -> None:
    # One-part dialogues are keyed by the part's fields themselves, longer ones by pairs.
    def dialogue(name: str, *parts: Speech | Parenthetical, ext: tuple[str, ...] = ()) -> Dialogue:
        return Dialogue(cue=CharacterCue(name=name, extensions=list(ext)), parts=list(parts))

    hi, said = Speech(text="speech"), Parenthetical(text="speech")
    dialogues = [
        dialogue("MARA"),
        dialogue("MARA", hi),
        dialogue("MARA", said),
        dialogue("MARA", hi, ext=("V.O.",)),
        dialogue("JOE", hi),
        dialogue("MARA", hi, hi),
        dialogue("MARA", said, hi),
        dialogue("MARA", Speech(text="Speech")),
    ]
    keys = [page_layout.dialogue_key(d) for d in dialogues]
    assert len(set(keys)) == len(keys)
    assert page_layout.dialogue_key(dialogue("MARA", Speech(text="speech"))) == keys[1]
    duals = {
        page_layout.dual_key(DualDialogue(left=left, right=right))
        for left in dialogues
        for right in dialogues
    }
    assert len(duals) == len(dialogues) ** 2
