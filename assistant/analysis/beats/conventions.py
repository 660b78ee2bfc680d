"""The beat sheets' conventions: each beat's name, where the convention puts it, what anchors it.

Page targets are the conventions' own, for their own script length, and are scaled to the script:
``expected = round(target * pages / convention_pages)``.

- **Save the Cat!** (Blake Snyder, *Save the Cat!*, 2005; the "BS2" for a 110-page script):
  Opening Image 1, Theme Stated 5, Set-Up 1-10, Catalyst 12, Debate 12-25, Break into Two 25,
  B Story 30, Fun and Games 30-55, Midpoint 55, Bad Guys Close In 55-75, All Is Lost 75,
  Dark Night of the Soul 75-85, Break into Three 85, Finale 85-110, Final Image 110.
- **Three-act** (Syd Field, *Screenplay*, the paradigm for a 120-page script): Act One 1-30 with
  the inciting incident about page 10-12 and Plot Point One at 25-27, Act Two 30-90 with the
  Midpoint at 60 and Plot Point Two at 85-90, Act Three 90-120. Field gives the climax no page;
  it is put at 95% of the script, where TRIPOD's theory baseline puts the Climax (114 of 120).
- **Turning points** (TRIPOD, after Hauge and Thompson): Opportunity 10%, Change of Plans 25%,
  Point of No Return 50%, Major Setback 75%, Climax 95% of the script.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Rule = Literal["anchor", "span", "first", "last", "theme", "b_story", "break_into_three"]


@dataclass(frozen=True)
class BeatSpec:
    """One beat of a sheet."""

    name: str
    page: int
    """Where the convention puts the beat's start, on its own script length."""
    rule: Rule
    """How Slate places it (``beats/sheets.py`` has each rule)."""
    anchor: int | None = None
    """For ``anchor`` beats (and the Finale), the TP (0-4 in story order) it stands on."""
    starts: tuple[str, ...] = ()
    """Span beats: the beats it starts after, first placed one wins (none: the first scene)."""
    ends: str | None = None
    """Span beats: the beat it stops before (None: the last scene)."""
    inclusive: bool = False
    """Span beats: the span takes its start beat's scene (Finale) and its end beat's (acts)."""


@dataclass(frozen=True)
class Convention:
    """A sheet: its beats in story order and the script length its pages are for."""

    name: str
    pages: int
    beats: tuple[BeatSpec, ...]
    source: str

    def expected_page(self, spec: BeatSpec, script_pages: int) -> int:
        """The convention's page for ``spec``, scaled to a script of ``script_pages`` pages."""
        return max(1, round(spec.page * max(script_pages, 1) / self.pages))


SAVE_THE_CAT = Convention(
    name="save-the-cat",
    pages=110,
    source="Blake Snyder, Save the Cat! (2005), beat sheet for a 110-page script",
    beats=(
        BeatSpec("Opening Image", 1, "first"),
        BeatSpec("Theme Stated", 5, "theme"),
        BeatSpec("Set-Up", 1, "span", starts=("Opening Image",), ends="Catalyst"),
        BeatSpec("Catalyst", 12, "anchor", 0),
        BeatSpec("Debate", 12, "span", starts=("Catalyst",), ends="Break into Two"),
        BeatSpec("Break into Two", 25, "anchor", 1),
        BeatSpec("B Story", 30, "b_story"),
        BeatSpec("Fun and Games", 30, "span", starts=("Break into Two",), ends="Midpoint"),
        BeatSpec("Midpoint", 55, "anchor", 2),
        BeatSpec("Bad Guys Close In", 55, "span", starts=("Midpoint",), ends="All Is Lost"),
        BeatSpec("All Is Lost", 75, "anchor", 3),
        BeatSpec(
            "Dark Night of the Soul", 75, "span", starts=("All Is Lost",), ends="Break into Three"
        ),
        BeatSpec("Break into Three", 85, "break_into_three"),
        BeatSpec("Finale", 85, "span", 4, ("Break into Three", "All Is Lost"), "Final Image"),
        BeatSpec("Final Image", 110, "last"),
    ),
)

THREE_ACT = Convention(
    name="three-act",
    pages=120,
    source="Syd Field, Screenplay (the paradigm for a 120-page script); Climax at 95%",
    beats=(
        BeatSpec("Act One", 1, "span", ends="Plot Point One", inclusive=True),
        BeatSpec("Inciting Incident", 12, "anchor", 0),
        BeatSpec("Plot Point One", 25, "anchor", 1),
        BeatSpec(
            "Act Two", 30, "span", starts=("Plot Point One",), ends="Plot Point Two", inclusive=True
        ),
        BeatSpec("Midpoint", 60, "anchor", 2),
        BeatSpec("Plot Point Two", 85, "anchor", 3),
        BeatSpec("Act Three", 90, "span", starts=("Plot Point Two",), inclusive=True),
        BeatSpec("Climax", 114, "anchor", 4),
    ),
)

TURNING_POINTS = Convention(
    name="turning-points",
    pages=100,
    source="TRIPOD (Papalampidi et al. 2019): 10/25/50/75/95% of the script",
    beats=(
        BeatSpec("Opportunity", 10, "anchor", 0),
        BeatSpec("Change of Plans", 25, "anchor", 1),
        BeatSpec("Point of No Return", 50, "anchor", 2),
        BeatSpec("Major Setback", 75, "anchor", 3),
        BeatSpec("Climax", 95, "anchor", 4),
    ),
)

SHEETS = {c.name: c for c in (TURNING_POINTS, SAVE_THE_CAT, THREE_ACT)}
"""Every sheet by its ``--sheet`` name."""


def beat_position(name: str) -> tuple[int | None, float | None]:
    """For a beat name from any sheet (any case): the TP it is anchored on, and its convention
    position as a fraction of the script; ``(None, None)`` for a name no sheet knows."""
    wanted = " ".join(name.lower().replace("-", " ").split())
    for convention in SHEETS.values():
        for spec in convention.beats:
            if " ".join(spec.name.lower().replace("-", " ").split()) == wanted:
                return spec.anchor, spec.page / convention.pages
    return None, None
