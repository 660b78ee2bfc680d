"""Vehicle rules: a generic vehicle word beside a vehicle of its kind is that vehicle again."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.analysis.breakdown.rules.common import _base

if TYPE_CHECKING:
    from assistant.analysis.breakdown.model import Element

_KINDS: dict[str, frozenset[str]] = {
    "boat": frozenset((
        "ferry", "yacht", "sailboat", "speedboat", "canoe", "kayak", "raft", "rowboat", "tugboat",
        "barge", "dinghy", "lifeboat", "motorboat", "patrol boat", "submarine",
    )),
    "ship": frozenset(("ferry", "yacht", "tugboat", "barge", "submarine")),
    "plane": frozenset((
        "jet", "airliner", "747", "cessna", "glider", "fighter jet", "bomber", "warplane", "a-10",
        "f-14", "f-16", "tomcat", "aircraft",
    )),
    "aircraft": frozenset((
        "jet", "airliner", "747", "cessna", "fighter jet", "bomber", "warplane", "a-10", "f-14",
        "f-16", "tomcat", "helicopter", "chopper", "plane", "gunship",
    )),
    "jet": frozenset(("fighter jet", "a-10", "f-14", "f-16", "tomcat")),
    "truck": frozenset((
        "pickup", "pickup truck", "tanker", "eighteen-wheeler", "big rig", "semi truck",
        "tow truck", "dump truck", "garbage truck", "delivery truck", "fire truck", "panel truck",
    )),
    "spaceship": frozenset(("spacecraft", "shuttle", "starship", "starfighter")),
    "chopper": frozenset(("helicopter",)),
    "car": frozenset(("subway car", "cable car", "streetcar", "boxcar")),
    "cars": frozenset(("subway car", "cable car", "streetcar", "boxcar")),
}  # fmt: skip
"""Generic vehicle words and the kinds of vehicle they name again."""
_GENERIC_CARS = frozenset(("vehicle", "car", "automobile"))


def drop_generic_vehicles(vehicles: list[Element], car_models: frozenset[str]) -> None:
    """A generic word beside a vehicle of its kind is that vehicle again (``INT. DRIVER'S CAR``
    ... ``the Camaro's windscreen``; ``the ferry`` ... ``this boat``; ``Dad's car`` ... ``the
    car``); a bare ``vehicle`` beside any other vehicle too."""
    if len(vehicles) < 2:
        return
    bases = [_base(e.name) for e in vehicles]
    has_make = any(base in car_models for base in bases)
    owned = {_base(e.name) for e in vehicles if "'s " in e.name}

    def again(element: Element) -> bool:
        name = element.name
        if name == "vehicle":
            return True
        if name in _GENERIC_CARS and (has_make or owned & _GENERIC_CARS):
            return True
        if name in owned:
            return True
        kinds = _KINDS.get(name)
        return kinds is not None and any(base in kinds for base in bases if base != name)

    vehicles[:] = [e for e in vehicles if not again(e)]
