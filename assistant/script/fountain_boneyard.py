"""Fountain's boneyard: ``/* ... */`` spans, possibly over many lines, left out of the script.

Removed before the text is cut into lines, keeping track of the source line of every line left so
that ``Scene.start_line`` points into the file as written.
"""

from __future__ import annotations

BONEYARD_OPEN, BONEYARD_CLOSE = "/*", "*/"


def remove_boneyard(text: str) -> tuple[str, list[int] | None]:
    """Text without ``/* ... */`` and, if any was removed, the source line of each line left.

    A removal can join a ``/`` before it to a ``*`` after it into a new opener, which is then
    closed by the next ``*/``; so the result holds no ``/*`` followed by ``*/`` and reading it again
    removes nothing (the exporter relies on that).
    """
    opener = text.find(BONEYARD_OPEN)
    if opener < 0 or text.find(BONEYARD_CLOSE, opener + 2) < 0:
        return text, None
    kept: list[list[int]] = []  # [start, end) spans of the source that stay
    position = 0
    while True:
        last = text[kept[-1][1] - 1] if kept else ""
        if last == "/" and text.startswith("*", position):
            closer = text.find(BONEYARD_CLOSE, position + 1)
            if closer < 0:
                break
            kept[-1][1] -= 1
            if kept[-1][0] == kept[-1][1]:
                kept.pop()
        else:
            opener = text.find(BONEYARD_OPEN, position)
            closer = text.find(BONEYARD_CLOSE, opener + 2) if opener >= 0 else -1
            if closer < 0:
                break
            if opener > position:
                kept.append([position, opener])
        position = closer + 2
    if position < len(text):
        kept.append([position, len(text)])
    return "".join(text[start:end] for start, end in kept), _line_numbers(text, kept)


def _line_numbers(text: str, kept: list[list[int]]) -> list[int]:
    """1-based source line of each line of the joined ``kept`` spans (where its first kept
    character, or its line end, stood)."""
    numbers: list[int] = []
    pending = True  # the current output line has no character yet
    seen = 0  # newlines of the source before ``position``
    position = 0
    for start, end in kept:
        seen += text.count("\n", position, start)
        inside = text.count("\n", start, end)
        if pending:
            numbers.append(seen + 1)
        # Each newline in the span starts the next source line, unless it ends the span: then the
        # next output line starts at the first character of a later span.
        pending = inside > 0 and text[end - 1] == "\n"
        numbers.extend(range(seen + 2, seen + inside + (1 if pending else 2)))
        seen += inside
        position = end
    if pending:
        numbers.append(seen + text.count("\n", position) + 1)
    return numbers
