"""Beat sheets placed on a script: spans of scenes anchored on the predicted turning points.

Rules per beat (``BeatSpec.rule``), over headed scenes only (the block before the first heading is
title-page matter):

- ``anchor``: the scene of the predicted TP (Catalyst/Inciting Incident ~ Opportunity, Break into
  Two/Plot Point One ~ Change of Plans, Midpoint ~ Point of No Return, All Is Lost/Plot Point Two ~
  Major Setback, Climax ~ Climax); confidence is the model's.
- ``first`` / ``last``: Opening Image and Final Image are the first and the last headed scene.
- ``span``: the scenes between the neighbouring placed beats (Set-Up, Debate, Fun and Games, Bad
  Guys Close In, Dark Night of the Soul, the three acts); the Finale runs from Break into Three to
  the scene before the Final Image and stands on the Climax. Confidence: the lower of the bounding
  anchors'.
- ``theme``: Snyder's Theme Stated is said *to* the hero early on: the Set-Up scene (before the
  Catalyst) where the lead and someone else speak and a question is asked, nearest the convention
  page. The lead is the character with the most words of dialogue.
- ``b_story``: the B story brings new people in after Break into Two: the first scene after it
  where a major character (top six by dialogue, not the lead) speaks who has not spoken before.
- ``break_into_three``: A and B stories cross: the first scene after All Is Lost, before the
  Climax, where the lead and the B-story character both speak.

A rule that finds no scene falls back to the headed scene nearest the convention's page within
the beat's bounds (source ``convention``, confidence 0.2). Rule confidences (0.5 matched) are
fixed numbers, not probabilities; only ``anchor`` confidences are the model's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.analysis.beats.conventions import BeatSpec, Convention
from assistant.analysis.beats.results import Beat, BeatSource, TurningPoint
from assistant.analysis.scene_text import SceneText, read_scene
from assistant.script.model import Screenplay

RULE_CONFIDENCE = 0.5
FALLBACK_CONFIDENCE = 0.2
MAJOR_CHARACTERS = 6


@dataclass
class _Script:
    """What the rules read, computed once."""

    screenplay: Screenplay
    texts: list[SceneText]
    headed: list[int]
    lead: str | None
    major: list[str]

    def page(self, index: int) -> int:
        return self.screenplay.scenes[index].start_page


def _read(screenplay: Screenplay, texts: Sequence[SceneText] | None) -> _Script:
    texts = list(texts) if texts is not None else [read_scene(s) for s in screenplay.scenes]
    words: Counter[str] = Counter()
    for text in texts:
        words.update(text.speech_counts)
    ranked = [name for name, _ in words.most_common(MAJOR_CHARACTERS + 1)]
    headed = [i for i, s in enumerate(screenplay.scenes) if s.heading is not None]
    return _Script(screenplay, texts, headed, ranked[0] if ranked else None, ranked[1:])


def place_beats(
    screenplay: Screenplay,
    convention: Convention,
    turning_points: list[TurningPoint],
    texts: Sequence[SceneText] | None = None,
) -> tuple[list[Beat], list[str]]:
    """Every beat of ``convention`` on the script, and the names of beats it cannot place.

    Args:
        screenplay: the paginated script.
        convention: the sheet.
        turning_points: the five predicted TPs in story order (empty: anchors cannot be placed).
        texts: ``read_scene`` of every scene, when the caller has it (None: read here).

    Returns:
        The beats in the sheet's order, and the unplaced beat names.
    """
    script = _read(screenplay, texts)
    pages = screenplay.page_count
    placed: dict[str, Beat] = {}
    specs = convention.beats
    # Points first (anchors, first/last, rules), then spans between them.
    for spec in specs:
        if spec.rule == "anchor" and spec.anchor is not None and turning_points:
            tp = turning_points[spec.anchor]
            placed[spec.name] = _beat(
                script, convention, spec, [tp.scene_index], tp.confidence, "model",
                f"the model's {tp.name} ({tp.confidence:.0%})" + _why(tp),
            )  # fmt: skip
        elif spec.rule in ("first", "last") and script.headed:
            index = script.headed[0 if spec.rule == "first" else -1]
            where = "first" if spec.rule == "first" else "last"
            placed[spec.name] = _beat(
                script, convention, spec, [index], 1.0, "features", f"the {where} scene"
            )
    for spec in specs:
        if spec.rule in ("theme", "b_story", "break_into_three"):
            beat = _rule_beat(script, convention, spec, placed, turning_points)
            if beat is not None:
                placed[spec.name] = beat
    for spec in specs:
        if spec.rule == "span":
            beat = _span(script, convention, spec, placed, turning_points)
            if beat is not None:
                placed[spec.name] = beat
    beats, unplaced = [], []
    for spec in specs:
        beat = placed.get(spec.name)
        if beat is None or not beat.scene_indices:
            unplaced.append(spec.name)
        beats.append(beat or _empty(convention, spec, pages, "no scene to place it on"))
    return beats, unplaced


def _why(tp: TurningPoint) -> str:
    ups = [r.text for r in tp.reasons if r.effect > 0]
    return f": {ups[0]}" if ups else ""


def _beat(
    script: _Script,
    convention: Convention,
    spec: BeatSpec,
    indices: list[int],
    confidence: float,
    source: BeatSource,
    reason: str,
) -> Beat:
    scenes = script.screenplay.scenes
    return Beat(
        name=spec.name,
        scene_indices=indices,
        pages=[scenes[indices[0]].start_page, scenes[indices[-1]].end_page] if indices else [],
        expected_page=convention.expected_page(spec, script.screenplay.page_count),
        confidence=round(min(max(confidence, 0.0), 1.0), 4),
        reason=reason,
        source=source,
    )


def _empty(convention: Convention, spec: BeatSpec, pages: int, reason: str) -> Beat:
    return Beat(
        name=spec.name,
        scene_indices=[],
        pages=[],
        expected_page=convention.expected_page(spec, pages),
        confidence=0.0,
        reason=reason,
        source="between" if spec.rule == "span" else "convention",
    )


def _bounds(placed: dict[str, Beat], before: str | None, after: str | None) -> tuple[int, int]:
    """Scene index range (exclusive) strictly after beat ``before`` and before beat ``after``."""
    low = max(placed[before].scene_indices) if before in placed else -1
    high = min(placed[after].scene_indices) if after in placed else 10**9
    return low, high


def _rule_beat(
    script: _Script,
    convention: Convention,
    spec: BeatSpec,
    placed: dict[str, Beat],
    turning_points: list[TurningPoint],
) -> Beat | None:
    if not turning_points:
        return None
    lead = script.lead
    if spec.rule == "theme":
        low, high = _bounds(placed, "Opening Image", "Catalyst")
        low = min(low, high - 1)
        matches = [
            i for i in script.headed if low <= i < high and lead in script.texts[i].speech_counts
            and len(script.texts[i].speakers) >= 2 and script.texts[i].questions > 0
        ]  # fmt: skip
        target = convention.expected_page(spec, script.screenplay.page_count)
        matches.sort(key=lambda i: abs(script.page(i) - target))
        found = matches[:1]
        why = f"{_name(lead)} and another speak, and a question is asked, before the Catalyst"
    elif spec.rule == "b_story":
        low, high = _bounds(placed, "Break into Two", "Midpoint")
        seen = {s for i in script.headed if i <= low for s in script.texts[i].speakers}
        found = [
            i for i in script.headed if low < i < high
            and any(s in script.major and s not in seen for s in script.texts[i].speakers)
        ][:1]  # fmt: skip
        newcomer = next(
            (s for s in script.texts[found[0]].speakers if s in script.major and s not in seen),
            None,
        ) if found else None  # fmt: skip
        why = f"{_name(newcomer)} speaks for the first time, after Break into Two"
    else:
        low, high = _bounds(placed, "All Is Lost", "Final Image")
        high = min(high, turning_points[4].scene_index)
        b_story = placed.get("B Story")
        partner = None
        if b_story is not None and b_story.source == "features":
            partner = next(
                (s for s in script.texts[b_story.scene_indices[0]].speakers if s in script.major),
                None,
            )
        found = [
            i for i in script.headed if low < i < high and partner is not None
            and {lead, partner} <= set(script.texts[i].speakers)
        ][:1]  # fmt: skip
        why = f"{_name(lead)} and {_name(partner)} (the B story) meet again after All Is Lost"
    if found:
        return _beat(script, convention, spec, found, RULE_CONFIDENCE, "features", why)
    return _nearest(script, convention, spec, low, high)


def _nearest(
    script: _Script, convention: Convention, spec: BeatSpec, low: int, high: int
) -> Beat | None:
    """The headed scene inside ``(low, high)`` nearest the convention's page."""
    inside = [i for i in script.headed if low < i < high]
    if not inside:
        return None
    target = convention.expected_page(spec, script.screenplay.page_count)
    best = min(inside, key=lambda i: (abs(script.page(i) - target), i))
    return _beat(
        script, convention, spec, [best], FALLBACK_CONFIDENCE, "convention",
        f"no scene matched the rule; the scene nearest the convention's page {target}",
    )  # fmt: skip


def _span(
    script: _Script,
    convention: Convention,
    spec: BeatSpec,
    placed: dict[str, Beat],
    turning_points: list[TurningPoint],
) -> Beat | None:
    """The headed scenes between ``spec.starts`` (the first placed of them) and ``spec.ends``."""
    if not script.headed or not turning_points:
        return None
    start = next((name for name in spec.starts if name in placed), None)
    if spec.starts and start is None:
        return None
    if spec.ends is not None and spec.ends not in placed:
        return None
    # Acts take their closing act break; the Finale (the one anchored span) takes Break into
    # Three, but not All Is Lost when it has to start from there.
    take_start = spec.anchor is not None and start == spec.starts[0]
    if start is None:
        low = script.headed[0]
    else:
        edge = max(placed[start].scene_indices)
        low = edge if take_start else edge + 1
    if spec.ends is None:
        high = script.headed[-1]
    else:
        edge = min(placed[spec.ends].scene_indices)
        high = edge if spec.inclusive else edge - 1
    if spec.anchor is not None and turning_points:
        # The Finale always holds the Climax, even when the Climax is the last scene.
        high = max(high, turning_points[spec.anchor].scene_index)
    indices = [i for i in script.headed if low <= i <= high]
    bounds = [name for name in (start, spec.ends) if name is not None]
    confidence = min(
        (placed[n].confidence for n in bounds if placed[n].source == "model"), default=0.5
    )
    if spec.anchor is not None:
        confidence = turning_points[spec.anchor].confidence
    where = (
        f"from {bounds[0]} to {bounds[1]}" if len(bounds) == 2
        else f"{'after' if start else 'up to'} {bounds[0]}"
    )  # fmt: skip
    if not indices:
        return _empty(convention, spec, script.screenplay.page_count, f"no scene {where}")
    return _beat(
        script, convention, spec, indices, confidence,
        "between" if spec.anchor is None else "model",
        f"the scenes {where}" + (f", with the model's Climax ({turning_points[4].confidence:.0%})"
                                  if spec.anchor is not None else ""),
    )  # fmt: skip


def _name(name: str | None) -> str:
    return name.title() if name else "the lead"
