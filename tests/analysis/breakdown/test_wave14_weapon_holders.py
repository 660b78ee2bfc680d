"""Wave 14: a bare gun is its holder's (the cast member who is its sentence's subject), and an
owner written ``Brams'`` owns like ``Brams's``; text written for the tests."""

from __future__ import annotations

from pathlib import Path

from tests.analysis.breakdown.written import element_names


def _weapons(tmp_path: Path, action: str) -> list[str]:
    script = f"INT. BOATHOUSE - NIGHT\n\n{action}\n\nODILE\nQuiet.\n\nBRAMS\nAlways.\n"
    return element_names(tmp_path, script, "weapons")


def test_a_bare_gun_is_the_sentence_subjects(tmp_path: Path) -> None:
    assert _weapons(tmp_path, "Odile edges along the jetty, gun raised.") == ["odile's gun"]


def test_an_owner_ending_in_s_with_a_bare_apostrophe_owns_the_gun(tmp_path: Path) -> None:
    assert _weapons(tmp_path, "Odile picks up Brams' gun from the oars.") == ["brams's gun"]


def test_a_gun_no_one_in_the_sentence_holds_stays_a_gun(tmp_path: Path) -> None:
    assert _weapons(tmp_path, "A gun lies on the oars.") == ["gun"]
