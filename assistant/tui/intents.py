"""Plain-word requests routed to slash commands: "show me the schedule" runs ``/schedule``,
"break down scene 12" runs ``/breakdown 12``.

Rules, not a model: a request is routed only when it is phrased as one (an optional "please" /
"can you", then a verb such as show, run, open, break down, export) and names a command's subject.
Anything that reads as a question about the script (it starts with who/what/where/..., or does
not start with a request verb) is never routed; it goes to the Asker. So "what is in the
schedule?" is asked, "show me the schedule" is run.
"""

from __future__ import annotations

import re

_POLITE = r"(?:(?:please|ok|okay|now)\s+)*(?:(?:can|could|would|will)\s+you\s+)?(?:please\s+)?"
_VERBS = (
    r"(?:show|display|give|get|open|run|make|draw|list|build|plan|bring\s+up|pull\s+up|"
    r"let\s+me\s+see|i\s+want|i'd\s+like|export|compare|cast|score|break\s+down|storyboard)"
)
_REQUEST = re.compile(rf"^{_POLITE}{_VERBS}\b", re.IGNORECASE)
_QUESTION = re.compile(
    r"^(?:who|whom|whose|what|when|where|why|how|which|is|are|was|were|does|do|did|has|have)\b",
    re.IGNORECASE,
)
_EMBEDDED_QUESTION = re.compile(
    r"\b(?:me|us|show|tell|list|see)\s+(?:who|what|when|where|why|how|whether|if)\b",
    re.IGNORECASE,
)
"""``show me where Mara breaks down``: a question phrased as a request, for the Asker."""
_SCENE = re.compile(r"(?:\bscene\s+#?|#)(\d+[A-Z]?)\b|\b(\d+[A-Z]?)\s*$", re.IGNORECASE)

# (command, pattern of its subject) in priority order: "storyboard" before "shots", "break down"
# before "schedule" ("break down the schedule" is not a thing; a breakdown is).
_SUBJECTS: list[tuple[str, re.Pattern[str]]] = [
    ("export", re.compile(r"\bexport\b.*?\b(otio|edl|fcp7xml|cdl|ccc)\b", re.IGNORECASE)),
    ("compare", re.compile(r"\bcompare\b.*?(\S+\.(?:fountain|fdx|txt|pdf|md))\b", re.IGNORECASE)),
    ("storyboard", re.compile(r"\bstoryboards?\b", re.IGNORECASE)),
    ("breakdown", re.compile(r"\bbreak\s*downs?\b|\bbreakdown\b", re.IGNORECASE)),
    ("shots", re.compile(r"\bshots?(?:\s+list)?\b|\bshot\s*list\b", re.IGNORECASE)),
    ("schedule", re.compile(r"\bschedule\b|\bstripboard\b|\bshooting\s+days\b", re.IGNORECASE)),
    ("beats", re.compile(r"\bbeats?(?:\s+sheet)?\b|\bbeat\s*board\b", re.IGNORECASE)),
    ("score", re.compile(r"\bscores?\b|\bstrength\b|\bstrongest\s+scenes\b", re.IGNORECASE)),
    ("stats", re.compile(r"\bstats\b|\bstatistics\b", re.IGNORECASE)),
    ("cast", re.compile(r"\bcast(?:ing)?\b(?:\s+(?:for|of)\s+)?\s*([A-Z][A-Za-z'-]+)?", re.I)),
]
_TAKES_SCENE = {"storyboard", "breakdown", "shots"}


def route_intent(text: str, known: set[str] | None = None) -> str | None:
    """The slash command a plain-word request means (``"/breakdown 12"``), or None: a question,
    or a request for nothing the commands do. ``known``: the registered command names (a
    command not registered is never produced)."""
    text = " ".join(text.split()).rstrip(".!")
    if not text or text.startswith("/"):
        return None
    if _QUESTION.match(text) or not _REQUEST.match(text) or _EMBEDDED_QUESTION.search(text):
        return None
    for name, pattern in _SUBJECTS:
        if known is not None and name not in known:
            continue
        match = pattern.search(text)
        if match is None:
            continue
        argument = ""
        if name in ("export", "compare"):
            argument = match.group(1)
        elif name == "cast":
            who = match.group(1)
            argument = who.upper() if who and who.lower() not in {"the", "list", "screen"} else ""
        elif name in _TAKES_SCENE:
            scene = _SCENE.search(text)
            argument = (scene.group(1) or scene.group(2)) if scene else ""
        return f"/{name} {argument}".rstrip()
    return None
