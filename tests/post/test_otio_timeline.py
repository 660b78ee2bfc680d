"""The previs timeline: every written file is read back by OpenTimelineIO and compared."""

from __future__ import annotations

from pathlib import Path

import opentimelineio as otio
import pytest

from assistant import api
from assistant.config import Settings
from assistant.post.cdl import look_for_scene
from assistant.post.exporters import PostPackage, collect_exporters
from assistant.post.otio_timeline import (
    FRAME_RATE,
    SECONDS_PER_EIGHTH,
    plan_scene_clips,
    plan_shot_clips,
)
from assistant.script.reading import read_script
from tests.fakes import FakeEmbedder

ADAPTERS = [
    ("otio", "otio_json"),
    ("edl", "cmx_3600"),
    ("fcp7xml", "fcp_xml"),
    ("fcpxml", "fcpx_xml"),
]


@pytest.fixture
def package(script_path: Path) -> PostPackage:
    """One clip per scene: the tests over it check scene clips (``shot_package`` per shot)."""
    screenplay = api.open_script(script_path)
    return api.post_package(
        screenplay, Settings(), embedder=FakeEmbedder(dimensions=64), clips="scene"
    )


@pytest.fixture
def shot_package(script_path: Path) -> PostPackage:
    screenplay = api.open_script(script_path)
    return api.post_package(screenplay, Settings(), embedder=FakeEmbedder(dimensions=64))


def _clips(timeline: otio.schema.Timeline) -> list[otio.schema.Clip]:
    return list(timeline.find_clips())


@pytest.mark.parametrize(("name", "adapter"), ADAPTERS)
def test_written_timeline_reads_back_with_its_clips(
    package: PostPackage, name: str, adapter: str, tmp_path: Path
) -> None:
    data = collect_exporters().named(name).write(package)
    back = otio.adapters.read_from_string(data.decode("utf-8"), adapter_name=adapter)
    clips = _clips(back)
    assert len(clips) == len(package.clips) == 7
    assert [c.name for c in clips] == [p.name for p in package.clips]
    assert clips[0].name == "INT. KITCHEN - DAY"
    seconds = [c.duration().to_seconds() for c in clips]
    assert seconds == pytest.approx([p.duration_seconds for p in package.clips])
    assert all(s >= SECONDS_PER_EIGHTH for s in seconds)


def test_durations_follow_the_eighths(script_path: Path) -> None:
    screenplay = read_script(script_path)
    clips = plan_scene_clips(screenplay)
    headed = [s for s in screenplay.scenes if s.heading is not None]
    assert [c.eighths for c in clips] == [s.eighths for s in headed]
    assert clips[0].duration_seconds == max(headed[0].eighths, 1) * 7.5


def test_otio_carries_markers_and_slate_metadata(package: PostPackage) -> None:
    data = collect_exporters().named("otio").write(package)
    back = otio.adapters.read_from_string(data.decode("utf-8"), adapter_name="otio_json")
    clips = _clips(back)
    meta = [dict(c.metadata["slate"]) for c in clips]
    assert [m["scene_number"] for m in meta] == [str(n) for n in range(1, 8)]
    assert [m["scene_index"] for m in meta] == list(range(7))
    assert all(len(m["pages"]) == 2 for m in meta)
    markers = [m for c in clips for m in c.markers]
    tp = [m for m in markers if m.metadata["slate"]["kind"] == "turning_point"]
    beats = [m for m in markers if m.metadata["slate"]["kind"] == "beat"]
    assert tp and beats
    assert len(tp) == sum(m.kind == "turning_point" for p in package.clips for m in p.markers)
    assert {m.name for m in tp} <= {"Opportunity", "Change of Plans", "Point of No Return",
                                    "Major Setback", "Climax"}  # fmt: skip
    assert any("breakdown" in m and m["breakdown"] for m in meta)


def test_edl_carries_each_scene_look_as_asc_comments(package: PostPackage) -> None:
    text = collect_exporters().named("edl").write(package).decode("utf-8")
    assert text.count("*ASC_SOP") == 7 and text.count("*ASC_SAT") == 7
    back = otio.adapters.read_from_string(text, adapter_name="cmx_3600")
    for clip, planned in zip(_clips(back), package.clips, strict=True):
        assert planned.look is not None
        cdl = clip.metadata["cdl"]
        assert list(cdl["asc_sop"]["slope"]) == pytest.approx(list(planned.look.slope))
        assert list(cdl["asc_sop"]["power"]) == pytest.approx(list(planned.look.power))
        assert cdl["asc_sat"] == pytest.approx(planned.look.saturation)


def test_storyboard_frames_become_media_references(script_path: Path, tmp_path: Path) -> None:
    boards = tmp_path / "boards"
    boards.mkdir()
    (boards / "scene_2.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    screenplay = read_script(script_path)
    looks = [look_for_scene(s, str(i), "neutral") for i, s in enumerate(screenplay.scenes)]
    package = PostPackage(
        title="t", clips=plan_scene_clips(screenplay, looks=looks, storyboard=boards)
    )
    clips = _clips(package.timeline())
    refs = [c.media_reference for c in clips]
    assert isinstance(refs[1], otio.schema.ExternalReference)
    assert refs[1].target_url.endswith("/boards/scene_2.png")
    assert all(isinstance(r, otio.schema.MissingReference) for i, r in enumerate(refs) if i != 1)


@pytest.mark.parametrize("name", ["otio", "edl", "fcp7xml", "fcpxml"])
def test_an_animatic_with_frames_writes_and_reads_back(
    script_path: Path, tmp_path: Path, name: str
) -> None:
    boards = tmp_path / "boards"
    boards.mkdir()
    for label in ("1", "3"):
        (boards / f"scene_{label}.jpg").write_bytes(b"\xff\xd8\xff")
    clips = plan_scene_clips(read_script(script_path), storyboard=boards)
    package = PostPackage(title="animatic", clips=clips)
    adapter = dict(ADAPTERS)[name]
    data = collect_exporters().named(name).write(package).decode("utf-8")
    back = list(otio.adapters.read_from_string(data, adapter_name=adapter).find_clips())
    assert [c.name for c in back] == [c.name for c in clips]
    assert [c.duration().to_seconds() for c in back] == pytest.approx(
        [c.duration_seconds for c in clips]
    )
    if name != "edl":  # an EDL names reels, not files
        urls = [getattr(c.media_reference, "target_url", None) for c in back]
        assert urls[0] is not None and urls[0].endswith("scene_1.jpg")
        assert urls[2] is not None and urls[2].endswith("scene_3.jpg")


@pytest.mark.parametrize(("name", "adapter"), ADAPTERS)
def test_per_shot_clips_read_back_in_cut_order_with_the_shot_list_durations(
    script_path: Path, shot_package: PostPackage, name: str, adapter: str
) -> None:
    shots = api.shot_list(api.open_script(script_path))
    planned = [shot for scene in shots.scenes for shot in scene.shots]
    assert len(planned) > 7  # more clips than scenes: the shots, not the scenes
    assert [c.shot.number if c.shot else None for c in shot_package.clips] == [
        s.number for s in planned
    ]
    assert shot_package.clips[0].name.startswith(f"{planned[0].number} {planned[0].size} - ")
    assert shot_package.clips[0].heading == "INT. KITCHEN - DAY"
    data = collect_exporters().named(name).write(shot_package).decode("utf-8")
    back = list(otio.adapters.read_from_string(data, adapter_name=adapter).find_clips())
    assert [c.name for c in back] == [c.name for c in shot_package.clips]
    seconds = [c.duration().to_seconds() for c in back]
    # Each shot's estimate, cut to whole frames at 24 fps.
    assert seconds == pytest.approx([s.duration_s for s in planned], abs=0.5 / FRAME_RATE)


def test_a_scene_s_markers_go_on_its_first_shot_and_its_look_on_every_shot(
    shot_package: PostPackage, package: PostPackage
) -> None:
    by_scene: dict[int, list[object]] = {}
    for clip in shot_package.clips:
        by_scene.setdefault(clip.scene_index, []).append(clip)
    scene_clips = {c.scene_index: c for c in package.clips}
    assert set(by_scene) == set(scene_clips)
    for index, clips in by_scene.items():
        first, *rest = clips
        assert first.markers == scene_clips[index].markers  # type: ignore[attr-defined]
        assert all(not c.markers for c in rest)  # type: ignore[attr-defined]
        assert all(c.look == scene_clips[index].look for c in clips)  # type: ignore[attr-defined]
    assert sum(len(c.markers) for c in shot_package.clips) == sum(
        len(c.markers) for c in package.clips
    )
    text = collect_exporters().named("edl").write(shot_package).decode("utf-8")
    assert text.count("*ASC_SOP") == len(shot_package.clips)
    back = otio.adapters.read_from_string(
        collect_exporters().named("otio").write(shot_package).decode("utf-8"),
        adapter_name="otio_json",
    )
    meta = dict(next(iter(back.find_clips())).metadata["slate"])
    assert meta["heading"] == "INT. KITCHEN - DAY"
    assert dict(meta["shot"])["number"] == shot_package.clips[0].shot.number  # type: ignore[union-attr]


def test_a_shot_frame_wins_over_its_scene_frame(script_path: Path, tmp_path: Path) -> None:
    screenplay = read_script(script_path)
    shots = api.shot_list(screenplay)
    first, second = shots.scenes[0].shots[:2]
    boards = tmp_path / "boards"
    boards.mkdir()
    (boards / "scene_1.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (boards / f"shot_{second.number}.jpg").write_bytes(b"\xff\xd8\xff")
    clips = plan_shot_clips(screenplay, shots, storyboard=boards)
    assert clips[0].media is not None and clips[0].media.name == "scene_1.png"
    assert clips[1].media is not None and clips[1].media.name == f"shot_{second.number}.jpg"
    assert first.number != second.number


def test_reels_stay_unique_when_shot_numbers_are_cut_to_eight_characters(
    script_path: Path,
) -> None:
    screenplay = read_script(script_path)
    shots = api.shot_list(screenplay)
    clips = plan_shot_clips(screenplay, shots)
    # Two shots whose numbers agree in their first six characters share an 8-character reel.
    clips = [
        clips[0].model_copy(update={"shot": clips[0].shot.model_copy(update={"number": n})})  # type: ignore[union-attr]
        for n in ("123456A", "123456B")
    ]
    timeline = PostPackage(title="t", clips=clips).timeline()
    reels = [c.metadata["cmx_3600"]["reel"] for c in timeline.find_clips()]
    assert len(set(reels)) == 2 and all(len(r) <= 8 for r in reels)
    text = collect_exporters().named("edl").write(PostPackage(title="t", clips=clips))
    back = otio.adapters.read_from_string(text.decode("utf-8"), adapter_name="cmx_3600")
    assert len(list(back.find_clips())) == 2


def test_fcpx_markers_read_back_on_their_clips(shot_package: PostPackage) -> None:
    data = collect_exporters().named("fcpxml").write(shot_package).decode("utf-8")
    assert data.lstrip().startswith("<?xml") and "<fcpxml" in data
    back = list(otio.adapters.read_from_string(data, adapter_name="fcpx_xml").find_clips())
    assert [len(c.markers) for c in back] == [len(c.markers) for c in shot_package.clips]
    assert sum(len(c.markers) for c in back) > 0


def test_fcpx_names_with_quotes_export_and_clips_without_frames_get_offline_assets(
    shot_package: PostPackage,
) -> None:
    # An apostrophe in a clip name broke the adapter's XPath lookup (scripts/bench_post.py).
    clips = [
        c.model_copy(update={"name": f"{c.name} - you've made it"}) for c in shot_package.clips
    ]
    package = PostPackage(title="quotes", clips=clips)
    data = collect_exporters().named("fcpxml").write(package).decode("utf-8")
    back = list(otio.adapters.read_from_string(data, adapter_name="fcpx_xml").find_clips())
    assert [c.name for c in back] == [c.name.replace("'", "\u2019") for c in clips]
    urls = [c.media_reference.target_url for c in back]
    assert len(set(urls)) == len(urls) and all("/slate-previs/offline/" in u for u in urls)
