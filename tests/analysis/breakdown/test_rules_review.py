"""Review fixes to the round-four rules: an advert's subject is the word right after the hit
(not the first word of the next sentence), a heading's SPACE is space only when it is not a
compound's last word, and a screen cue is found at its own line when it has other extensions."""

from __future__ import annotations

from pathlib import Path

from assistant import api
from assistant.analysis.breakdown.lexicon import default_lexicon
from assistant.analysis.breakdown.model import BreakdownReport
from assistant.analysis.breakdown.rules import breakaway_matches, refine, title_matches

SCRIPT = """\
EXT. ALLEY - NIGHT

Ken drops the gun. Posters cover the walls.

INT. LAB - DAY

Ken holds a knife. Company arrives.

EXT. PARKING SPACE - NIGHT

The explosion rocks the lot.

EXT. OUTER SPACE

The explosion lights the stars.

INT. DEN - NIGHT

Jo sits.

NEWSMAN (CONT'D)
Hi.

Jo waits.

NEWSMAN (CONT'D) (ON T.V.)
Good evening.
"""


def _report(tmp_path: Path) -> BreakdownReport:
    path = tmp_path / "review.fountain"
    path.write_text(SCRIPT, encoding="utf-8")
    return api.breakdown(api.open_script(path))


def _names(report: BreakdownReport, index: int, category: str) -> list[str]:
    headed = [s for s in report.scenes if s.heading is not None]
    return [e.name for e in headed[index].elements[category]]


def test_an_about_noun_after_a_full_stop_does_not_drop_the_hit(tmp_path: Path) -> None:
    report = _report(tmp_path)
    assert _names(report, 0, "weapons") == ["gun"]
    assert _names(report, 1, "weapons") == ["knife"]


def test_a_parking_space_is_not_space(tmp_path: Path) -> None:
    report = _report(tmp_path)
    assert _names(report, 2, "special_effects") == ["explosion"]
    assert _names(report, 2, "visual_effects") == []
    assert _names(report, 3, "visual_effects") == ["explosion"]  # outer space still is


def test_a_screen_cue_with_other_extensions_is_found_at_its_line(tmp_path: Path) -> None:
    report = _report(tmp_path)
    headed = [s for s in report.scenes if s.heading is not None]
    playback = headed[4].elements["visual_effects"]
    assert [(e.name, e.line) for e in playback] == [("video playback on the tv", SCRIPT_LINE)]


SCRIPT_LINE = SCRIPT.splitlines().index("NEWSMAN (CONT'D) (ON T.V.)") + 1


def test_a_glass_door_that_shatters_is_a_breakaway_door() -> None:
    for text, name in [
        ("The glass door shatters.", "breakaway door"),
        ("The window screen cracks.", "breakaway screen"),
        ("The window shatters.", "breakaway window"),
    ]:
        kept = [refine(text, m, set()) for m in breakaway_matches(text)]
        assert [m.entry.name for m in kept if m is not None] == [name], text


def test_a_hyphenated_word_opening_a_paragraph_is_no_title() -> None:
    for text in ("Super-fast cars race by.", "Title-holder Ken enters.", "Caption-less photos."):
        assert title_matches(text) == [], text
    for text in ("Super: Ten years later", "SUPER - LONDON", "Caption -- Ten years on."):
        assert [m.entry.name for m in title_matches(text)] == ["super: title over picture"]


def test_like_after_would_or_a_negation_is_the_verb() -> None:
    lexicon = default_lexicon()
    for text in ("Ken would like a cigarette.", "Ken doesn’t like the gun.", "He'd like a gun."):
        kept = [refine(text, m, set()) for m in lexicon.find(text)]
        assert [m for m in kept if m is not None], text
    text = "Ken throws him like a rag doll."
    hits = lexicon.find(text)
    assert hits and all(refine(text, m, set()) is None for m in hits)  # still a simile
