"""Hypothesis strategies shared by the long-speech shortcut tests: a speech of many parts."""

from __future__ import annotations

from hypothesis import strategies as st

from assistant.script.model import DialogueLyric, Parenthetical, Speech

SpeechPart = Speech | Parenthetical | DialogueLyric


def long_speech_parts(texts: st.SearchStrategy[str]) -> st.SearchStrategy[list[SpeechPart]]:
    """14 to 40 parts of any kind, each text drawn from ``texts``: long enough that the
    shortcuts for long speeches (which start above a dozen parts) take them."""
    return st.lists(
        st.one_of(
            texts.map(lambda text: Speech(text=text)),
            texts.map(lambda text: Parenthetical(text=text)),
            texts.map(lambda text: DialogueLyric(text=text)),
        ),
        min_size=14,
        max_size=40,
    )
