"""ASC CDL looks: the documented rule, the ASC structure, and reading the files back."""

from __future__ import annotations

from pathlib import Path

import defusedxml.ElementTree as safe_et
import pytest

from assistant.errors import PostError
from assistant.post.cdl import (
    CDL_NAMESPACE,
    MOOD_PROTOTYPES,
    look_for_scene,
    read_looks,
    scene_tones,
    to_ccc,
    to_cdl,
)
from assistant.script.reading import read_script
from tests.fakes import FakeEmbedder

NS = {"c": CDL_NAMESPACE}


def test_tone_comes_from_the_embedder(script_path: Path) -> None:
    scenes = read_script(script_path).scenes
    # 4,096 slots: few hash collisions, so the mood words decide.
    tones = scene_tones(scenes, FakeEmbedder(dimensions=4096))
    assert tones[0] == "warm" and tones[1] == "tense" and tones[3] == "sombre"
    assert scene_tones(scenes, None) == ["neutral"] * len(scenes)
    assert scene_tones(scenes, FakeEmbedder(dimensions=4096)) == tones  # deterministic


def test_rule_follows_time_of_day_int_ext_and_tone(script_path: Path) -> None:
    scenes = read_script(script_path).scenes
    day_int = look_for_scene(scenes[0], "1", "neutral")
    assert day_int.slope == (1.04, 1.0, 0.96) and day_int.power == (1.04, 1.04, 1.04)
    night_ext = look_for_scene(scenes[1], "2", "neutral")
    assert night_ext.slope[2] > night_ext.slope[0] and night_ext.offset == (-0.02, -0.02, -0.02)
    assert night_ext.saturation == pytest.approx(0.85 * 1.05)
    dusk = look_for_scene(scenes[2], "3", "neutral")
    assert dusk.slope == (1.08, 1.0, 0.88)
    continuous = look_for_scene(scenes[3], "4", "sombre")
    assert continuous.slope == (1.0, 1.0, 1.03) and continuous.saturation == pytest.approx(0.8)
    tense = look_for_scene(scenes[1], "2", "tense")
    assert tense.saturation < night_ext.saturation and tense.power[0] > night_ext.power[0]
    assert tense.description == "NIGHT, EXT, tone tense"


@pytest.mark.parametrize(("writer", "root"), [(to_cdl, "ColorDecisionList"),
                                              (to_ccc, "ColorCorrectionCollection")])  # fmt: skip
def test_files_have_the_asc_structure_and_read_back(script_path: Path, writer, root) -> None:  # type: ignore[no-untyped-def]
    scenes = read_script(script_path).scenes
    tones = ["warm", "tense", "neutral", "sombre"] * 2
    looks = [
        look_for_scene(s, str(i + 1), t)
        for i, (s, t) in enumerate(zip(scenes, tones, strict=False))
    ]
    data = writer(looks)
    tree = safe_et.fromstring(data)
    assert tree.tag == f"{{{CDL_NAMESPACE}}}{root}"
    corrections = tree.findall(".//c:ColorCorrection", NS)
    assert len(corrections) == len(looks)
    if root == "ColorDecisionList":
        assert len(tree.findall("c:ColorDecision/c:ColorCorrection", NS)) == len(looks)
    for node in corrections:
        assert node.get("id", "").startswith("scene_")
        for name in ("Slope", "Offset", "Power"):
            assert len(node.findtext(f"c:SOPNode/c:{name}", namespaces=NS).split()) == 3
        assert node.find("c:SATNode/c:Saturation", NS) is not None
    assert read_looks(data) == looks


def test_reading_refuses_what_is_not_a_cdl() -> None:
    with pytest.raises(PostError, match="Not a CDL"):
        read_looks(b"not xml at all")
    with pytest.raises(PostError, match="root is"):
        read_looks(b"<Something/>")
    broken = (f'<ColorCorrectionCollection xmlns="{CDL_NAMESPACE}"><ColorCorrection id="a">'
              "<SOPNode><Slope>1 1</Slope></SOPNode></ColorCorrection>"
              "</ColorCorrectionCollection>").encode()  # fmt: skip
    with pytest.raises(PostError, match="three-number Slope"):
        read_looks(broken)
    words = broken.replace(b"1 1", b"1 one 1")
    with pytest.raises(PostError, match="not numbers"):
        read_looks(words)
    bomb = b'<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'
    with pytest.raises(PostError):
        read_looks(bomb)


def test_tones_reuse_the_vectors_scene_strength_embedded(script_path: Path, tmp_path: Path) -> None:
    from assistant.analysis.strength.scene_strength import score_screenplay
    from assistant.models.embedding_cache import CachedEmbedder

    screenplay = read_script(script_path)
    cached = CachedEmbedder(FakeEmbedder(dimensions=256), tmp_path / "vectors.sqlite")
    score_screenplay(screenplay, cached)
    misses = cached.misses
    scene_tones(screenplay.scenes, cached)
    # Only the mood prototypes are new: every scene text is the one strength embedded.
    assert cached.misses - misses == len(MOOD_PROTOTYPES)
