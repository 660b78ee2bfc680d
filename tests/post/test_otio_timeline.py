"""The previs timeline: every written file is read back by OpenTimelineIO and compared."""

from __future__ import annotations

from pathlib import Path

import opentimelineio as otio
import pytest

from assistant import api
from assistant.config import Settings
from assistant.post.cdl import look_for_scene
from assistant.post.exporters import PostPackage, collect_exporters
from assistant.post.otio_timeline import SECONDS_PER_EIGHTH, plan_scene_clips
from assistant.script.reading import read_script
from tests.fakes import FakeEmbedder


@pytest.fixture
def package(script_path: Path) -> PostPackage:
    screenplay = api.open_script(script_path)
    return api.post_package(screenplay, Settings(), embedder=FakeEmbedder(dimensions=64))


def _clips(timeline: otio.schema.Timeline) -> list[otio.schema.Clip]:
    return list(timeline.find_clips())


@pytest.mark.parametrize(
    ("name", "adapter"), [("otio", "otio_json"), ("edl", "cmx_3600"), ("fcp7xml", "fcp_xml")]
)
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


@pytest.mark.parametrize("name", ["otio", "edl", "fcp7xml"])
def test_an_animatic_with_frames_writes_and_reads_back(
    script_path: Path, tmp_path: Path, name: str
) -> None:
    boards = tmp_path / "boards"
    boards.mkdir()
    for label in ("1", "3"):
        (boards / f"scene_{label}.jpg").write_bytes(b"\xff\xd8\xff")
    clips = plan_scene_clips(read_script(script_path), storyboard=boards)
    package = PostPackage(title="animatic", clips=clips)
    adapter = {"otio": "otio_json", "edl": "cmx_3600", "fcp7xml": "fcp_xml"}[name]
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
