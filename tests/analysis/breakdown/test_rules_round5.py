"""Round-five readings (wave 7; rules.py, effects.py, the lexicons): a playback named by its
screen, figures of speech and materials that name no element, gunfire idioms, denials, and
special effects described by a verb (blood that flows, a bullet that hits, a thing thrown
through a window). Each is a kind of error seen on the dev scenes."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import api
from assistant.analysis.breakdown.effects import effect_matches
from assistant.analysis.breakdown.lexicon import default_lexicon
from assistant.analysis.breakdown.model import BreakdownReport

SCRIPT = """\
INT. DEN - NIGHT

The TV is on in the corner. Jo watches the footage of her own wedding.

NEWSMAN (ON MONITOR)
Good evening.

ANCHOR (ON VIDEO)
And now the weather.

INT. CLASSROOM - DAY

Jo writes on the board with a magic marker. It is a magic day.

EXT. OFFICE - DAY

Ken pushes through the glass doors and pours a glass of water. He checks the rear-view mirror.
He flicks a switch. Ken opens the door and disappears.

EXT. DOCK - NIGHT

Ken returns fire. Jo is hit by Ken's fire. Not a damaging blast, just a pop.
A bullet slams into the crate. Hurricane force winds batter the dock.

INT. KITCHEN - NIGHT

Jo lies in a pool of blood. Her blood speckles the rug. Ken throws the phone through the window.

EXT. HILL - NIGHT

Jo raises her wand. Magic sparks swirl around her.
"""


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> BreakdownReport:
    path: Path = tmp_path_factory.mktemp("round5") / "round5.fountain"
    path.write_text(SCRIPT, encoding="utf-8")
    return api.breakdown(api.open_script(path))


def _names(report: BreakdownReport, index: int, category: str) -> list[str]:
    headed = [s for s in report.scenes if s.heading is not None]
    return [e.name for e in headed[index].elements[category]]


def test_a_playback_is_named_by_the_screen_it_is_on(report: BreakdownReport) -> None:
    # "The TV is on" is a screen showing something; "the footage" names no screen, but the
    # sentence before it does; a cue names its screen, a tape names none.
    assert _names(report, 0, "visual_effects") == [
        "video playback on the monitor",
        "video playback",
        "video playback on the tv",
    ]


def test_magic_as_a_figure_names_no_effect(report: BreakdownReport) -> None:
    assert "marker" in _names(report, 1, "props")
    assert _names(report, 1, "visual_effects") == []
    assert _names(report, 5, "visual_effects") == ["magic"]  # "magic sparks" still are one


def test_materials_fixed_mirrors_switches_and_exits_name_no_element(
    report: BreakdownReport,
) -> None:
    assert _names(report, 2, "props") == ["glass"]  # the glass of water, not the glass doors
    assert _names(report, 2, "visual_effects") == []  # "disappears" is an exit


def test_gunfire_idioms_denials_and_bullet_hits(report: BreakdownReport) -> None:
    effects = _names(report, 3, "special_effects")
    assert effects == ["gunfire", "bullet hits", "hurricane wind"]  # no fire, no blast


def test_blood_that_flows_and_a_thing_thrown_through_a_window(report: BreakdownReport) -> None:
    effects = _names(report, 4, "special_effects")
    assert effects == ["blood effect", "breakaway window"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("The blood rushes from her neck.", ["blood effect"]),
        ("Her shirt is squirted with blood.", ["blood effect"]),
        ("Blood on her lip.", []),  # make-up, not a rig
        ("A bullet slams into his shoulder.", ["bullet hits"]),
        ("The third man is hit by Jack's fire.", ["bullet hits"]),
        ("He throws it through the window.", ["breakaway window"]),
        ("He throws a look through the window.", []),
        ("He throws the chair through the door.", []),
    ],
)
def test_effects_described_by_a_verb(text: str, names: list[str]) -> None:
    assert [m.entry.name for m in effect_matches(text)] == names


WEAPONS_SCRIPT = """\
INT. FIRE STATION - NIGHT

Ken cleans his revolver. He puts the gun down. The weapon gleams.

EXT. YARD - NIGHT

Jack's pistol jams. Blue's pistol fires. The cops raise their guns.
A bullet slams into the fence. Ken grabs Jo's knives. The knives clatter.

INT. DEN - NIGHT

Jo turns down the volume on the television. She stares at the face on the screen.
"""


@pytest.fixture(scope="module")
def weapons_report(tmp_path_factory: pytest.TempPathFactory) -> BreakdownReport:
    path: Path = tmp_path_factory.mktemp("round5w") / "weapons.fountain"
    path.write_text(WEAPONS_SCRIPT, encoding="utf-8")
    return api.breakdown(api.open_script(path))


def test_a_heading_reads_through_the_context_rules(weapons_report: BreakdownReport) -> None:
    assert _names(weapons_report, 0, "special_effects") == []  # FIRE STATION is no fire


def test_a_generic_gun_beside_a_revolver_is_that_revolver(weapons_report: BreakdownReport) -> None:
    assert _names(weapons_report, 0, "weapons") == ["revolver"]


def test_weapons_keep_their_owners_and_plurals(weapons_report: BreakdownReport) -> None:
    # Two owners' pistols are two pistols; plural guns are more guns; the bullet that hits is
    # the effect, not ammunition; "the knives" are Jo's knives again.
    assert _names(weapons_report, 1, "weapons") == [
        "jack's pistol",
        "blue's pistol",
        "guns",
        "jo's knives",
    ]
    assert "bullet hits" in _names(weapons_report, 1, "special_effects")


def test_a_bare_screen_is_the_television_named_nearby(weapons_report: BreakdownReport) -> None:
    # A television is named "tv" since wave 11: one element for one device in the element list.
    assert _names(weapons_report, 2, "visual_effects") == ["video playback on the tv"]


def test_words_for_post_work_and_impossible_motion_are_visual_effects() -> None:
    text = "A computer-generated wolf. He is digitally erased. The cup floats in mid-air."
    found = [(m.entry.category, m.entry.name) for m in default_lexicon().find(text)]
    assert ("visual_effects", "cgi") in found
    assert ("visual_effects", "digital effect") in found
    assert ("visual_effects", "levitates") in found


def test_a_bullet_hit_drops_no_weapon_of_another_paragraph(tmp_path: Path) -> None:
    # The bullet hit's offsets are into its own paragraph: the pistol of the next paragraph,
    # at an offset inside the hit's span there, is still a pistol.
    path = tmp_path / "two_paragraphs.fountain"
    path.write_text(
        "EXT. YARD - NIGHT\n\nA bullet slams into the fence.\n\nKen draws a pistol.\n",
        encoding="utf-8",
    )
    report = api.breakdown(api.open_script(path))
    assert _names(report, 0, "weapons") == ["pistol"]
    assert _names(report, 0, "special_effects") == ["bullet hits"]


def test_dropping_generic_weapons_reads_each_weapon_a_bounded_number_of_times(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # No input may hang: comparing every pair of a scene's weapons was quadratic (thousands of
    # owners' guns in one long scene took seconds). Counted in name reads, not timed.
    from assistant.analysis.breakdown.model import Element
    from assistant.analysis.breakdown.rules import weapons as rules

    calls = 0
    real_base = rules._base

    def counting_base(name: str) -> str:
        nonlocal calls
        calls += 1
        return real_base(name)

    monkeypatch.setattr(rules, "_base", counting_base)
    owners = [f"{a}{b}" for a in "abcdefghij" for b in "abcdefghijklmnopqrst"]
    weapons = [Element(name=f"{o}'s gun", line=1, source="lexicon") for o in owners]
    weapons += [Element(name="ab's pistol", line=1, source="lexicon")]
    weapons += [Element(name="weapon", line=1, source="lexicon")]
    rules.drop_generic_weapons(weapons)
    names = [e.name for e in weapons]
    assert "ab's gun" not in names and "ac's gun" in names and "weapon" not in names
    assert len(names) == len(owners)
    assert calls <= 20 * (len(owners) + 2)


def test_an_owner_with_accented_letters_keeps_their_weapon(tmp_path: Path) -> None:
    # "José's gun" was read without its owner, and then as Ana's pistol named again.
    path = tmp_path / "owners.fountain"
    path.write_text("EXT. YARD - NIGHT\n\nAna's pistol jams. José's gun fires.\n", encoding="utf-8")
    report = api.breakdown(api.open_script(path))
    assert _names(report, 0, "weapons") == ["ana's pistol", "josé's gun"]


def test_a_pronoun_before_a_props_plural_makes_it_a_verb(tmp_path: Path) -> None:
    # Round five listed "drink" as a prop; "She drinks." then gave a prop "drink" (its plural).
    path = tmp_path / "drinks.fountain"
    path.write_text(
        "INT. BAR - NIGHT\n\nShe drinks. He takes a drink.\n\n"
        "INT. KITCHEN - NIGHT\n\nShe drinks.\n\nINT. HALL - NIGHT\n\nJo grabs the drinks.\n",
        encoding="utf-8",
    )
    report = api.breakdown(api.open_script(path))
    assert _names(report, 0, "props") == ["drink"]  # the one she takes
    assert _names(report, 1, "props") == []
    assert _names(report, 2, "props") == ["drink"]


def test_a_material_before_a_plural_noun_names_no_prop(tmp_path: Path) -> None:
    """ "glass doors" is a set piece, "the glass shatters" still the prop glass (review of wave
    7: the -s rule took "doors" for a verb, so the documented example gave a prop)."""
    path = tmp_path / "doors.fountain"
    path.write_text(
        "INT. LOBBY - DAY\n\nKen pushes through the glass doors.\n\n"
        "INT. BAR - NIGHT\n\nThe glass shatters on the floor.\n",
        encoding="utf-8",
    )
    report = api.breakdown(api.open_script(path))
    assert _names(report, 0, "props") == []
    assert _names(report, 1, "props") == ["glass"]
