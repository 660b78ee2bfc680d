"""What the rule modules share: how far around a hit they read, and a thing's owner."""

from __future__ import annotations

import re

_OWNER = re.compile(r"([^\W\d_](?:[^\W\d_]|-)*)['’]s\s*$|([^\W\d_](?:[^\W\d_]|-)*[sS])['’]\s*$")
"""The owner's name right before a hit, any script's letters (``José's gun`` is José's, and
``Brams' gun`` Brams's)."""


def owner_name(owner: re.Match[str]) -> str:
    """The name an ``_OWNER`` match holds (either of its forms)."""
    return owner.group(1) or owner.group(2)


_NOT_OWNERS = frozenset(("it", "that", "there", "here", "what", "who", "he", "she", "one"))


WINDOW = 64
"""Characters looked at on each side of a hit. The rules need the word before and after it (and
an owner's name); reading the whole paragraph for every hit made a long paragraph quadratic
(152 KB of "He drives the car." took 62 s)."""


def _base(name: str) -> str:
    """A vehicle's name without its owner: ``dad's car`` -> ``car``."""
    return name.split("'s ", 1)[1] if "'s " in name else name
