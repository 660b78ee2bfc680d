"""The previsualisation timeline: planned clips (one per shot, or one per scene) as an
OpenTimelineIO ``Timeline`` that an editor opens as ``.otio``, CMX 3600 EDL or FCP 7 XML.

Durations follow the page-a-minute rule that ``slate stats`` reports as ``page_rule_minutes``:
a page is a minute, so an eighth of a page is 7.5 seconds (a scene shorter than an eighth counts
as one eighth, as pagination counts it). Clip sources: ``plan_shot_clips`` gives one clip per
planned shot (``api.shot_list``; a scene's shots add up to its page-rule time, each cut to whole
frames), ``plan_scene_clips`` one clip per headed scene. Both return the same ``PlannedClip``
list; everything after them is shared.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, Field

from assistant.post.cdl import CdlLook
from assistant.script.model import Screenplay

if TYPE_CHECKING:
    import opentimelineio as otio

    from assistant.analysis.beats.results import BeatSheet
    from assistant.analysis.breakdown.model import BreakdownReport
    from assistant.analysis.shots.model import Shot, ShotList
    from assistant.analysis.strength.scene_strength import SceneStrengthReport

FRAME_RATE = 24.0
"""Timeline rate: 24 frames a second, the rate features are cut at."""
SECONDS_PER_EIGHTH = 7.5
"""A page a minute, in eighths of a page."""
METADATA_KEY = "slate"
"""The clip and timeline metadata key Slate's own data lives under."""
STORYBOARD_SUFFIXES = (".png", ".jpg", ".jpeg")
"""Frame files looked for in a storyboard folder, in this order."""


class PlannedMarker(BaseModel):
    """A marker at a clip's first frame: a turning point or a beat that starts in the scene."""

    kind: Literal["turning_point", "beat"]
    name: str
    comment: str = ""


class PlannedShot(BaseModel):
    """What a per-shot clip says about its shot (``analysis.shots.model.Shot``), for metadata."""

    number: str
    """``12A``: the scene label and a letter."""
    kind: str
    size: str
    angle: str
    movement: str
    lens_mm: int
    setup: int
    subjects: list[str] = Field(default_factory=list)


class PlannedClip(BaseModel):
    """One clip of the previsualisation, whatever its source (a scene or a planned shot)."""

    name: str
    """The heading, or per shot ``12A WS - `` and the shot's description."""
    scene_index: int
    """0-based position of its scene in ``screenplay.scenes``."""
    scene_number: str | None
    """``Screenplay.scene_labels()``'s label."""
    eighths: int
    start_page: int
    end_page: int
    markers: list[PlannedMarker] = Field(default_factory=list)
    breakdown: dict[str, list[str]] = Field(default_factory=dict)
    """Category -> element names, from ``api.breakdown``."""
    look: CdlLook | None = None
    media: Path | None = None
    """A storyboard frame for the clip, when one exists."""
    heading: str | None = None
    """The scene's heading (a per-shot clip's name is the shot)."""
    shot: PlannedShot | None = None
    """The planned shot, for a per-shot clip."""
    seconds: float | None = None
    """The clip's length when it is not its scene's page-rule time (a shot's, in whole frames)."""

    @property
    def duration_seconds(self) -> float:
        if self.seconds is not None:
            return self.seconds
        return max(self.eighths, 1) * SECONDS_PER_EIGHTH


def plan_scene_clips(
    screenplay: Screenplay,
    *,
    strength: SceneStrengthReport | None = None,
    beats: BeatSheet | None = None,
    breakdown: BreakdownReport | None = None,
    looks: Sequence[CdlLook] | None = None,
    storyboard: Path | None = None,
) -> list[PlannedClip]:
    """One clip per headed scene (the whole script as one clip when nothing is headed).

    Args:
        strength: turning points become markers on the scene they fall on.
        beats: each beat becomes a marker on the first scene of its span.
        breakdown: each scene's elements go into its clip's metadata.
        looks: one look per scene of ``screenplay.scenes`` (aligned), carried to the EDL.
        storyboard: a folder of frames named ``scene_<number>.png`` (or ``.jpg``); a scene whose
            frame is there gets it as the clip's media.
    """
    labels = screenplay.scene_labels()
    indices = [i for i, s in enumerate(screenplay.scenes) if s.heading is not None]
    if not indices:
        indices = list(range(len(screenplay.scenes)))
    markers: dict[int, list[PlannedMarker]] = {}
    for tp in strength.turning_points if strength else []:
        comment = f"turning point, confidence {tp.confidence:.0%}"
        markers.setdefault(tp.scene_index, []).append(
            PlannedMarker(kind="turning_point", name=tp.name, comment=comment)
        )
    for beat in beats.beats if beats else []:
        if beat.scene_indices:
            markers.setdefault(beat.scene_indices[0], []).append(
                PlannedMarker(kind="beat", name=beat.name, comment=beat.reason)
            )
    elements = {s.index: s.elements for s in breakdown.scenes} if breakdown else {}
    clips = []
    for i in indices:
        scene = screenplay.scenes[i]
        label = labels[i]
        clips.append(
            PlannedClip(
                name=scene.heading.text if scene.heading else "(before the first heading)",
                scene_index=i,
                scene_number=label,
                eighths=scene.eighths,
                start_page=scene.start_page,
                end_page=scene.end_page,
                markers=markers.get(i, []),
                breakdown={k: [e.name for e in v] for k, v in elements.get(i, {}).items() if v},
                look=looks[i] if looks is not None else None,
                media=_frame(storyboard, label) if storyboard and label else None,
            )
        )
    return clips


def plan_shot_clips(
    screenplay: Screenplay,
    shots: ShotList,
    *,
    strength: SceneStrengthReport | None = None,
    beats: BeatSheet | None = None,
    breakdown: BreakdownReport | None = None,
    looks: Sequence[CdlLook] | None = None,
    storyboard: Path | None = None,
) -> list[PlannedClip]:
    """One clip per planned shot, in cut order; a scene the plan gives no shots keeps one clip.

    The arguments are ``plan_scene_clips``'s plus ``shots`` (``api.shot_list``). A scene's
    markers (turning points, beats) go on its first shot; its breakdown and look on every shot
    (a grade is set per scene). A shot's frame is ``shot_<number>.png`` (or ``.jpg``) in
    ``storyboard``, else its scene's ``scene_<label>`` frame.
    """
    scene_clips = plan_scene_clips(
        screenplay,
        strength=strength,
        beats=beats,
        breakdown=breakdown,
        looks=looks,
        storyboard=storyboard,
    )
    planned = {scene.index: scene.shots for scene in shots.scenes}
    clips: list[PlannedClip] = []
    for scene_clip in scene_clips:
        scene_shots = planned.get(scene_clip.scene_index) or []
        if not scene_shots:
            clips.append(scene_clip)
            continue
        for n, shot in enumerate(scene_shots):
            frame = _frame(storyboard, shot.number, prefix="shot") if storyboard else None
            clips.append(
                scene_clip.model_copy(
                    update={
                        "name": f"{shot.number} {shot.size} - {shot.description}",
                        "heading": scene_clip.name,
                        "markers": scene_clip.markers if n == 0 else [],
                        "media": frame or scene_clip.media,
                        "shot": _planned_shot(shot),
                        # At least one frame: a clip of no length cannot be cut or read back.
                        "seconds": max(1, round(shot.duration_s * FRAME_RATE)) / FRAME_RATE,
                    }
                )
            )
    return clips


def _planned_shot(shot: Shot) -> PlannedShot:
    return PlannedShot(
        number=shot.number,
        kind=shot.kind,
        size=str(shot.size),
        angle=str(shot.angle),
        movement=str(shot.movement),
        lens_mm=shot.lens_mm,
        setup=shot.setup,
        subjects=list(shot.subjects),
    )


def _frame(folder: Path, label: str, *, prefix: str = "scene") -> Path | None:
    for suffix in STORYBOARD_SUFFIXES:
        path = folder / f"{prefix}_{label}{suffix}"
        if path.is_file():
            return path.resolve()
    return None


def build_timeline(title: str, clips: Sequence[PlannedClip]) -> otio.schema.Timeline:
    """The clips, in order, on one video track at ``FRAME_RATE``; Slate's data under ``slate``."""
    import opentimelineio as otio

    timeline = otio.schema.Timeline(name=title)
    timeline.metadata[METADATA_KEY] = {"frame_rate": FRAME_RATE, "clips": len(clips)}
    track = otio.schema.Track(name="Previs", kind=otio.schema.TrackKind.Video)
    timeline.tracks.append(track)
    reels = _reels(clips)
    for planned, reel in zip(clips, reels, strict=True):
        frames = round(planned.duration_seconds * FRAME_RATE)
        available = otio.opentime.TimeRange(
            otio.opentime.RationalTime(0, FRAME_RATE),
            otio.opentime.RationalTime(frames, FRAME_RATE),
        )
        media: otio.core.MediaReference
        if planned.media is not None:
            media = otio.schema.ExternalReference(
                target_url=planned.media.as_uri(), available_range=available
            )
        else:
            media = otio.schema.MissingReference(available_range=available)
        clip = otio.schema.Clip(name=planned.name, media_reference=media, source_range=available)
        clip.metadata[METADATA_KEY] = _clip_metadata(planned)
        # One reel per clip: with the adapter's default (the name cut to 8 characters) two
        # scenes at one place share a reel, and its reader then reorders them (found by the
        # round-trip test: 1, 2, 5, 6, 3, 4, 7).
        clip.metadata["cmx_3600"] = {"reel": reel}
        if planned.look is not None:  # the CMX 3600 adapter writes these as *ASC_SOP / *ASC_SAT
            clip.metadata["cdl"] = {
                "asc_sop": {
                    "slope": list(planned.look.slope),
                    "offset": list(planned.look.offset),
                    "power": list(planned.look.power),
                },
                "asc_sat": planned.look.saturation,
            }
        for marker in planned.markers:
            clip.markers.append(
                otio.schema.Marker(
                    name=marker.name,
                    marked_range=otio.opentime.TimeRange(
                        otio.opentime.RationalTime(0, FRAME_RATE),
                        otio.opentime.RationalTime(1, FRAME_RATE),
                    ),
                    color=(otio.schema.MarkerColor.RED if marker.kind == "turning_point"
                           else otio.schema.MarkerColor.GREEN),
                    metadata={METADATA_KEY: {"kind": marker.kind, "comment": marker.comment}},
                )
            )  # fmt: skip
        track.append(clip)
    return timeline


def _reel(planned: PlannedClip) -> str:
    """``SC`` and the scene number, or ``SH`` and the shot number (letters and digits, at most 8
    characters), else the scene's index."""
    if planned.shot is not None:
        number = "".join(ch for ch in planned.shot.number if ch.isalnum()).upper()
        return f"SH{number}"[:8]
    label = "".join(ch for ch in (planned.scene_number or "") if ch.isalnum()).upper()
    return f"SC{label or planned.scene_index + 1}"[:8]


def _reels(clips: Sequence[PlannedClip]) -> list[str]:
    """Each clip's reel, unique in the timeline: one cut to 8 characters that repeats an earlier
    one becomes ``C`` and the clip's position (the EDL reader reorders clips sharing a reel)."""
    reels: list[str] = []
    seen: set[str] = set()
    for position, planned in enumerate(clips, start=1):
        reel = _reel(planned)
        if reel in seen:
            reel = f"C{position:07d}"
        seen.add(reel)
        reels.append(reel)
    return reels


def _clip_metadata(planned: PlannedClip) -> dict[str, Any]:
    return {
        "scene_index": planned.scene_index,
        "scene_number": planned.scene_number,
        "eighths": planned.eighths,
        "pages": [planned.start_page, planned.end_page],
        "breakdown": planned.breakdown,
        "look": planned.look.id if planned.look else None,
        "heading": planned.heading if planned.heading is not None else planned.name,
        "shot": planned.shot.model_dump() if planned.shot else None,
    }


OFFLINE_MEDIA = "file:///slate-previs/offline/clip-{position:05d}.mov"
"""The FCPX asset of a clip without a storyboard frame: an offline placeholder, one per clip."""


def for_fcpx(timeline: otio.schema.Timeline) -> otio.schema.Timeline:
    """``timeline`` made safe for the FCPX adapter: every ``MissingReference`` becomes an
    ``OFFLINE_MEDIA`` placeholder, and an apostrophe in a clip name becomes a typographic one.

    The adapter looks assets up by URL and clips by name with XPath predicates quoted in ``'``,
    so an apostrophe in either fails the export (found by scripts/bench_post.py: a shot named
    ``...you've made it...``). FCPX needs an asset per clip; left alone the adapter makes one
    from the name (``file:///tmp/<name>``); a placeholder per position is unique and safe.
    Frames' URLs are percent-encoded already (``Path.as_uri``).
    """
    import opentimelineio as otio

    copy = timeline.deepcopy()
    for position, clip in enumerate(copy.find_clips(), start=1):
        clip.name = clip.name.replace("'", "\u2019")
        if isinstance(clip.media_reference, otio.schema.MissingReference):
            clip.media_reference = otio.schema.ExternalReference(
                target_url=OFFLINE_MEDIA.format(position=position),
                available_range=clip.media_reference.available_range,
            )
    return copy


def write_timeline(timeline: otio.schema.Timeline, adapter: str) -> bytes:
    """The timeline through an OTIO adapter (``otio_json``, ``cmx_3600``, ``fcp_xml``).

    Raises:
        PostError: the adapter is not installed or cannot write this timeline.
    """
    import opentimelineio as otio

    from assistant.errors import PostError

    try:
        text: str = otio.adapters.write_to_string(timeline, adapter_name=adapter)
    except otio.exceptions.NoKnownAdapterForExtensionError as exc:  # pragma: no cover
        raise PostError(f"The OTIO adapter {adapter!r} is not installed") from exc
    except otio.exceptions.OTIOError as exc:
        raise PostError(f"OTIO could not write {adapter}: {exc}") from exc
    return text.encode("utf-8")
