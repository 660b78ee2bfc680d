"""The plain-text reader's shortcuts must read as the full walk does.

``Classifier.is_ordinary`` lets a line that can only be action or a speech line skip the shot, cue,
transition and dual-dialogue tests; ``join_wrapped`` joins a paragraph without hyphenated or empty
lines in one call; ``_paragraph_starts`` is computed once for both fallback readings. Each is
checked here against the long way on the fixtures and on generated layouts.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from assistant.script import plaintext_scenes
from assistant.script.plaintext import parse_plain
from assistant.script.plaintext_build import join_wrapped
from assistant.script.plaintext_classify import Classifier
from assistant.script.plaintext_lines import Line, LineKind

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

_PIECES = [
    "INT. KITCHEN - DAY",
    "EXT. ROAD - NIGHT",
    "the kettle boils over.",
    "a",
    "beach-",
    "front houses",
    "Mara: we should go.",
    "HARRY: Now.",
    "CUT TO:",
    "FADE OUT.",
    "ANGLE ON MARA",
    "3-A HIS P.O.V.",
    " " * 25 + "MARA",
    " " * 25 + "JOE (V.O.)",
    " " * 25 + "KEMP (leaning in)",
    " " * 10 + "Hello there.",
    " " * 10 + "well, no",
    " " * 15 + "(quietly",
    " " * 15 + "and then)",
    " " * 10 + "MARA" + " " * 20 + "JOE",
    " " * 10 + "Hey!" + " " * 20 + "Hello!",
    " " * 50 + "CUT TO:",
    " " * 30 + "(MORE)",
    "(a stage direction)",
    "",
    "",
    "",
]


def _generated(count: int) -> list[str]:
    rng = random.Random(29)
    return [
        "\n".join(rng.choice(_PIECES) for _ in range(rng.choice([10, 60, 250])))
        for _ in range(count)
    ]


def _texts() -> list[str]:
    files = sorted(FIXTURES.glob("**/plain/*.txt")) + sorted(FIXTURES.glob("**/*.fountain"))
    return [path.read_text(encoding="utf-8") for path in files] + _generated(150)


def test_ordinary_lines_read_as_the_full_walk_reads_them(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = _texts()
    short = [parse_plain(text).model_dump() for text in texts]
    taken = []
    original = Classifier.is_ordinary

    def counted(self: Classifier, text: str) -> bool:
        answer = original(self, text)
        taken.append(answer)
        return answer

    monkeypatch.setattr(Classifier, "is_ordinary", counted)
    assert [parse_plain(text).model_dump() for text in texts] == short
    assert any(taken) and not all(taken)  # both ways are exercised
    monkeypatch.setattr(Classifier, "is_ordinary", lambda self, text: False)
    assert [parse_plain(text).model_dump() for text in texts] == short


def _join_the_long_way(lines: list[str]) -> str:
    pieces: list[str] = []
    tail = ""
    for line in lines:
        hyphenated = len(tail) > 1 and tail[-1] == "-" and tail[-2].isalpha()
        piece = line if not tail or (hyphenated and line[:1].islower()) else " " + line
        pieces.append(piece)
        tail = (tail + piece[-2:])[-2:]
    return "".join(pieces)


def test_wrapped_lines_join_as_the_line_by_line_rule_joins_them() -> None:
    rng = random.Random(31)
    words = ["a", "beach-", "front", "x-", "-", "1-", "Word", "", "up-", "b"]
    for _ in range(3000):
        lines = [rng.choice(words) for _ in range(rng.randint(1, 8))]
        assert join_wrapped(lines) == _join_the_long_way(lines), lines


def _starts_the_long_way(lines: list[Line], start: int) -> list[int]:
    starts = []
    previous_content = False
    for i in range(start, len(lines)):
        ln = lines[i]
        if ln.kind is LineKind.SPACER:
            continue
        if ln.is_content and not previous_content:
            starts.append(i)
        previous_content = ln.is_content
    return starts


def test_paragraph_starts_are_the_content_lines_after_no_content() -> None:
    rng = random.Random(37)
    for _ in range(2000):
        kinds = [rng.choice(list(LineKind)) for _ in range(rng.randint(0, 20))]
        lines = [Line("x", 0, kind) for kind in kinds]
        start = rng.randint(0, len(lines))
        found = plaintext_scenes._paragraph_starts(lines, start)
        assert found == _starts_the_long_way(lines, start)
