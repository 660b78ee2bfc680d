"""The default breakdown colours: one common palette, after the usual breakdown-sheet colour code.

Production offices colour-code breakdown sheets by category (cast red, stunts orange, extras
green, special effects blue, props violet, vehicles and animals pink, sound brown...). Categories
that sheets mark with a shape rather than a colour (wardrobe, make-up, equipment) get their own
tints here so that an HTML sheet tells every category apart. Callers pass their own mapping to
override any of them.
"""

from __future__ import annotations

DEFAULT_COLOURS: dict[str, str] = {
    "cast": "#e53935",
    "extras": "#43a047",
    "stunts": "#fb8c00",
    "vehicles": "#ec407a",
    "props": "#8e24aa",
    "set_dressing": "#8d6e63",
    "wardrobe": "#00897b",
    "makeup_hair": "#f06292",
    "special_effects": "#1e88e5",
    "visual_effects": "#3949ab",
    "animals": "#ad1457",
    "weapons": "#6d4c41",
    "sound_music": "#795548",
    "special_equipment": "#546e7a",
    "greenery": "#7cb342",
}
"""Category -> CSS colour of the category's label and its elements' marks."""


def palette(overrides: dict[str, str] | None = None) -> dict[str, str]:
    """The default palette with ``overrides`` applied (unknown categories are ignored)."""
    colours = dict(DEFAULT_COLOURS)
    for category, colour in (overrides or {}).items():
        if category in colours:
            colours[category] = colour
    return colours
