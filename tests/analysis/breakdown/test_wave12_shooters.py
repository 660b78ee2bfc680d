"""Wave 12 rules on text written for them: a shooter's implied gun, passive bullet hits, blood
that splashes, and an electric shock."""

from __future__ import annotations

from assistant.analysis.breakdown.effects import effect_matches
from assistant.analysis.breakdown.lexicon import default_lexicon
from assistant.analysis.breakdown.model import Element
from assistant.analysis.breakdown.shooters import drop_shooters_guns, shooters_guns


def _guns(text: str, cast: set[str]) -> list[str]:
    return [m.entry.name for m in shooters_guns(text, cast)]


def test_a_named_shooter_gets_one_implied_gun() -> None:
    assert _guns(
        "Doyle crouches behind the van and fires twice. Doyle fires again.", {"doyle"}
    ) == ["doyle's gun"]


def test_a_pronoun_shooter_is_the_subject_of_the_sentence_before() -> None:
    assert _guns("Petra ducks low. She fires at the door.", {"petra"}) == ["petra's gun"]


def test_a_group_that_opens_fire_gets_the_group_s_guns() -> None:
    assert _guns("The guards open fire on the truck.", set()) == ["guards' guns"]


def test_no_gun_for_things_that_are_no_shot() -> None:
    cast = {"doyle"}
    assert _guns("Doyle fires up the grill.", cast) == []
    assert _guns("Doyle shoots her a look.", cast) == []
    assert _guns("Doyle shoots baskets in the yard.", cast) == []
    assert _guns("Doyle was fired last week.", cast) == []
    assert _guns("Doyle fires his pistol.", cast) == []  # the lexicon names it


def test_the_implied_gun_yields_to_a_named_weapon_of_the_same_owner() -> None:
    weapons = [
        Element(name="doyle's gun", line=3, implied=True, count=None, source="rule"),
        Element(name="doyle's revolver", line=5, implied=False, count=None, source="lexicon"),
    ]
    drop_shooters_guns(weapons)
    assert [e.name for e in weapons] == ["doyle's revolver"]


def test_passive_shot_in_a_body_part_is_a_bullet_hit() -> None:
    names = [m.entry.name for m in effect_matches("Then Rook got shot through the lower leg.")]
    assert "bullet hit in the leg" in names


def test_blood_that_splashes_is_blood_not_water() -> None:
    names = [m.entry.name for m in effect_matches("Blood splashes across the tiles.")]
    assert "blood effect" in names


def test_an_electric_shock_is_an_effect() -> None:
    lexicon = default_lexicon()
    names = {m.entry.name for m in lexicon.find("The fence gives him an electric shock.")}
    assert "electrocution" in names
