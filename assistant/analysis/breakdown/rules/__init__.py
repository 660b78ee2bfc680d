"""Readings of lexicon hits that need the words around them (used by ``breakdown.py``).

By element class: ``context.py`` (``refine``, the rules below, and the words they share),
``weapons.py``, ``vehicles.py``, ``special.py`` (special effects, breakaways), ``visual.py``
(titles, playback screens, text messages, explosions in space), ``props.py``; ``common.py``
holds the window read around a hit and the owner's name.

The lexicon matcher (``lexicon.py``) sees a phrase and the word after it; these rules look a
little further, each for a mistake found on the training scenes (``--split train``):

- a word ending in -s right after a subject pronoun or a cast name is a verb (``he waves``,
  ``JO waves``);
- ``NAME FIRES`` / ``he fires`` is gunfire (a special effect), not a fire;
- ``shoots up the street``, ``disappears down an alley`` are movement, not a gun or a vanishing;
- a capitalised word that is a cast member's name is that person (``Rose stops``: no roses);
- ``holographic billboards`` names the billboards, ``Dad's car`` the car it belongs to;
- a title over picture (``SUPER:``, ``TITLE CARD``) is a visual effect;
- (round four, from fresh training scenes scored before any rule was fitted to them) a simile
  names nothing on the set (``flaps like a flag``, ``throws him like a rag doll``, ``like a train
  plowing into a stalled car``); a word that only says what an advertisement or a sign is about
  is no element (``cigarette ads``, ``a car dealer sign``); ``full steam`` is speed, not steam.

Per scene, a generic vehicle word (``car``, ``boat``, ``plane``) beside a vehicle of its kind is
that vehicle named again and is dropped (``the Chevy ... the car``, ``the ferry ... the boat``).
"""

from assistant.analysis.breakdown.rules.common import WINDOW
from assistant.analysis.breakdown.rules.context import refine
from assistant.analysis.breakdown.rules.special import breakaway_matches
from assistant.analysis.breakdown.rules.vehicles import drop_generic_vehicles
from assistant.analysis.breakdown.rules.visual import (
    explosions_in_space,
    playback_device,
    screen_texts,
    title_matches,
)
from assistant.analysis.breakdown.rules.weapons import drop_generic_weapons

__all__ = [
    "WINDOW",
    "breakaway_matches",
    "drop_generic_vehicles",
    "drop_generic_weapons",
    "explosions_in_space",
    "playback_device",
    "refine",
    "screen_texts",
    "title_matches",
]
