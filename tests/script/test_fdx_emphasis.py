"""Typed emphasis through Final Draft: ``<Text Style=...>`` runs to element runs and back."""

from __future__ import annotations

from xml.etree.ElementTree import fromstring

from assistant.script.fdx import FdxImporter
from assistant.script.fdx_export import to_fdx
from assistant.script.fountain import parse_fountain
from assistant.script.model import Action, Dialogue, Speech

STYLED = """<?xml version="1.0" encoding="UTF-8" standalone="no" ?>
<FinalDraft DocumentType="Script" Template="No" Version="5"><Content>
<Paragraph Type="Scene Heading"><Text>INT. DINER - NIGHT</Text></Paragraph>
<Paragraph Type="Action"><Text>Plain </Text><Text Style="Bold">bold</Text><Text> </Text>\
<Text Style="Italic">italic</Text><Text> </Text><Text Style="Underline">under</Text><Text> </Text>\
<Text Style="Bold+Italic+Underline">all</Text><Text Style="Bold+Italic"> two</Text>\
<Text>, a * star.</Text></Paragraph>
<Paragraph Type="Character"><Text>MARA</Text></Paragraph>
<Paragraph Type="Dialogue"><Text>I said </Text><Text Style="Italic+Underline">now</Text>\
<Text>.</Text></Paragraph>
</Content></FinalDraft>
"""


def _styles(runs: object) -> list[tuple[str, str]]:
    return [
        (run.text, "B" * run.bold + "I" * run.italic + "U" * run.underline)  # type: ignore[attr-defined]
        for run in runs  # type: ignore[attr-defined]
    ]


def _text_runs(xml: str, paragraph_type: str) -> list[tuple[str, str]]:
    root = fromstring(xml)
    paragraph = next(p for p in root.iter("Paragraph") if p.get("Type") == paragraph_type)
    return [(t.text or "", t.get("Style", "")) for t in paragraph.iter("Text")]


def test_fdx_styles_become_element_runs() -> None:
    screenplay = FdxImporter().read(STYLED.encode())
    action, dialogue = screenplay.scenes[0].elements
    assert isinstance(action, Action) and isinstance(dialogue, Dialogue)
    assert _styles(action.emphasis) == [
        ("Plain ", ""),
        ("bold", "B"),
        (" ", ""),
        ("italic", "I"),
        (" ", ""),
        ("under", "U"),
        (" ", ""),
        ("all", "BIU"),
        (" ", ""),  # a space at a styled run's edge is written outside the markers
        ("two", "BI"),
        (", a * star.", ""),
    ]
    speech = dialogue.parts[0]
    assert isinstance(speech, Speech)
    assert _styles(speech.emphasis) == [("I said ", ""), ("now", "IU"), (".", "")]


def test_element_runs_are_written_back_as_fdx_styles() -> None:
    screenplay = FdxImporter().read(STYLED.encode())
    written = to_fdx(screenplay)
    assert _text_runs(written, "Dialogue") == [
        ("I said ", ""),
        ("now", "Italic+Underline"),
        (".", ""),
    ]
    assert ("all", "Bold+Italic+Underline") in _text_runs(written, "Action")
    again = FdxImporter().read(written.encode())
    assert again.scenes == screenplay.scenes
    for before, after in zip(screenplay.scenes[0].elements, again.scenes[0].elements, strict=True):
        if isinstance(before, Action) and isinstance(after, Action):
            assert after.emphasis == before.emphasis


def test_fountain_emphasis_round_trips_through_fdx() -> None:
    fountain = (
        "INT. _THE_ DINER - NIGHT\n\n"
        "She *runs*, **fast**, _***all***_ and \\*not\\*.\n\n"
        "MARA\n(*quietly*)\nI said ***now***.\n"
    )
    screenplay = parse_fountain(fountain)
    written = to_fdx(screenplay)
    assert ("runs", "Italic") in _text_runs(written, "Action")
    assert ("all", "Bold+Italic+Underline") in _text_runs(written, "Action")
    assert ("now", "Bold+Italic") in _text_runs(written, "Dialogue")
    back = FdxImporter().read(written.encode())
    original = [e.emphasis for e in screenplay.scenes[0].elements if isinstance(e, Action)]
    returned = [e.emphasis for e in back.scenes[0].elements if isinstance(e, Action)]
    assert returned == original
