"""Flush-left files where speech and action share one column and no blank line ends a speech.

Some HTML conversions put cue, speech and action at one margin and drop the blank line between a
speech and the action under it; only the wrap width tells them apart. The scripts here are built
in code (invented names and words) so that each file has enough speeches for a width to be
measured.
"""

from __future__ import annotations

import textwrap

from assistant.script.model import Action, Dialogue
from assistant.script.plaintext import parse_plain
from assistant.script.plaintext_layout import measured_length

SPEAKERS = ("ODILE", "BRAM", "KESTREL")
SPEECH = (
    "I counted the lanterns twice on the way up the hill and there were never the same number "
    "of them, which is either a trick of the fog or somebody is moving them about at night."
)
ACTION = (
    "Bram sets the kettle on the stove and turns the dial until the ring glows orange, then "
    "leans on the counter to watch the window."
)


def _margin(lines: list[str]) -> list[str]:
    return ["          " + line for line in lines]


def _flush_script(speeches: list[list[str]], *, action_under_speech: bool) -> str:
    """The speeches (lists of lines) at one margin; every third has action right under it."""
    out = _margin(["INT. LIGHTHOUSE KITCHEN - NIGHT", ""])
    for n, speech_lines in enumerate(speeches):
        out += _margin([SPEAKERS[n % 3], *speech_lines])
        if action_under_speech and n % 3 == 0:
            out += _margin(textwrap.wrap(ACTION, 58))
        out.append("")
        out += _margin(textwrap.wrap(ACTION, 58))
        out.append("")
    return "\n".join(out) + "\n"


def _dialogues(text: str) -> list[Dialogue]:
    (scene,) = parse_plain(text).headed_scenes()
    return [e for e in scene.elements if isinstance(e, Dialogue)]


def test_action_right_under_a_narrow_speech_is_action() -> None:
    text = _flush_script([textwrap.wrap(SPEECH, 34)] * 24, action_under_speech=True)
    dialogues = _dialogues(text)
    assert len(dialogues) == 24
    assert all(len(d.speech_text) == len(" ".join(textwrap.wrap(SPEECH, 34))) for d in dialogues)
    assert not any("kettle" in d.speech_text for d in dialogues)
    (scene,) = parse_plain(text).headed_scenes()
    actions = [e.text for e in scene.elements if isinstance(e, Action)]
    assert actions.count(" ".join(textwrap.wrap(ACTION, 58))) == 24 + 8


def test_speech_with_a_line_per_sentence_keeps_its_long_lines() -> None:
    # No wrap width: lines end where sentences do. Most speeches open with a short one, but the
    # longest opening line is as long as action, so the short ones measure no wrap width; a long
    # speech line stays speech.
    sentences = [
        "I counted the lanterns twice.",
        "There were never the same number of them on the hill, not once in the whole night.",
        "Or somebody moving them about when we sleep, which I would rather not think about.",
    ]
    speeches = [sentences] * 23 + [sentences[1:]]
    dialogues = _dialogues(_flush_script(speeches, action_under_speech=False))
    assert [d.speech_text for d in dialogues] == [" ".join(s) for s in speeches]


def test_widths_count_a_run_of_spaces_as_one() -> None:
    # Typists put two or three spaces after a full stop; a speech line is not wider for it.
    assert measured_length("Stop it!   Stop it!") == len("Stop it! Stop it!")
    assert measured_length("no runs here") == len("no runs here")
