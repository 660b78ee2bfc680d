"""ASC CDL: a starting look per scene, written as ``.cdl``/``.ccc`` and read back.

The look is a rule, not a grade: it gives the colourist a deterministic starting point from what
the heading says (time of day, INT/EXT) and the scene's tone (its nearest mood prototype under the
embedder). The rule, applied in this order on the neutral look (slope 1, offset 0, power 1,
saturation 1):

- time of day (``script.stats.normalise_time_of_day``): DAY warms (slope R x1.04, B x0.96);
  NIGHT cools and darkens (slope 0.92/0.96/1.06, offset -0.02, saturation x0.85); DAWN, DUSK,
  SUNRISE, SUNSET, MAGIC HOUR go golden (slope 1.08/1.00/0.88, saturation x1.05); other times
  (continuity, unknown) stay neutral.
- INT/EXT: EXT lifts the mids (power x0.96) and saturation x1.05; INT deepens them (power x1.04);
  INT/EXT and no prefix leave both alone.
- tone: the embedding of the scene's opening (the text scene strength embeds) against
  ``MOOD_PROTOTYPES``; the most similar mood wins when
  its cosine beats the next by ``TONE_MARGIN``, else the tone is ``neutral``. tense: power x1.05,
  saturation x0.9; warm: slope R x1.03, saturation x1.05; sombre: slope B x1.03, saturation x0.8.

Values are rounded to 4 decimals, so the same script always gives the same files.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING
from xml.etree.ElementTree import Element, SubElement, tostring

from pydantic import BaseModel

from assistant.analysis.scene_text import embedding_text, read_scene
from assistant.errors import PostError
from assistant.script.model import IntExt, Scene
from assistant.script.stats import normalise_time_of_day

if TYPE_CHECKING:
    from assistant.models.base import Embedder

CDL_NAMESPACE = "urn:ASC:CDL:v1.01"
"""The namespace of ASC CDL 1.01 files (``ColorDecisionList``, ``ColorCorrectionCollection``)."""

MOOD_PROTOTYPES: dict[str, str] = {
    "tense": "fear danger threat gun blood scream run chase dark shadow panic kill dead",
    "warm": "love laugh smile hug kiss home family happy sun warm friend together gentle",
    "sombre": "grief cry tears alone funeral loss sad quiet empty cold rain goodbye",
}
"""Mood name -> the words that stand for it; the embedder compares scene text to these."""
TONE_MARGIN = 0.02
"""How much the best mood's cosine must beat the runner-up's to count (else ``neutral``)."""

_GOLDEN = {"DAWN", "DUSK", "SUNRISE", "SUNSET", "MAGIC HOUR"}


class CdlLook(BaseModel):
    """One ColorCorrection: slope, offset and power per channel (R, G, B) and saturation."""

    id: str
    """The ColorCorrection id: ``scene_<label>`` (the scene number people see)."""
    slope: tuple[float, float, float] = (1.0, 1.0, 1.0)
    offset: tuple[float, float, float] = (0.0, 0.0, 0.0)
    power: tuple[float, float, float] = (1.0, 1.0, 1.0)
    saturation: float = 1.0
    description: str = ""
    """What the rule saw, e.g. ``NIGHT, EXT, tone tense``."""


def scene_tones(scenes: Sequence[Scene], embedder: Embedder | None) -> list[str]:
    """Each scene's tone (a ``MOOD_PROTOTYPES`` name or ``neutral``); all neutral without an
    embedder."""
    if embedder is None or not scenes:
        return ["neutral"] * len(scenes)
    import numpy as np

    names = list(MOOD_PROTOTYPES)
    prototypes = embedder.embed([MOOD_PROTOTYPES[n] for n in names])
    # The scene's opening exactly as scene strength embeds it (``embedding_text``): one text per
    # scene for both, so the embedding cache serves the second, and an opening costs a sixth of
    # a whole scene cut at 256 tokens (what the tone read before).
    vectors = embedder.embed([embedding_text(read_scene(scene)) for scene in scenes])
    tones: list[str] = []
    for row in np.asarray(vectors @ prototypes.T):
        order = np.argsort(-row)
        best, second = float(row[order[0]]), float(row[order[1]])
        tones.append(names[int(order[0])] if best - second >= TONE_MARGIN else "neutral")
    return tones


def look_for_scene(scene: Scene, label: str, tone: str) -> CdlLook:
    """The starting look of one scene under the rule in this module's docstring."""
    slope, offset, power, sat = [1.0, 1.0, 1.0], [0.0, 0.0, 0.0], [1.0, 1.0, 1.0], 1.0
    heading = scene.heading
    time_label, group = normalise_time_of_day(heading.time_of_day if heading else None)
    said = [time_label]
    if time_label in _GOLDEN:
        slope, sat = [1.08, 1.0, 0.88], sat * 1.05
    elif group is not None and group.value == "day":
        slope = [1.04, 1.0, 0.96]
    elif group is not None and group.value == "night":
        slope, offset, sat = [0.92, 0.96, 1.06], [-0.02, -0.02, -0.02], sat * 0.85
    int_ext = heading.int_ext if heading else None
    if int_ext is IntExt.EXT:
        power, sat = [p * 0.96 for p in power], sat * 1.05
    elif int_ext is IntExt.INT:
        power = [p * 1.04 for p in power]
    said.append(int_ext.value if int_ext else "no INT/EXT")
    if tone == "tense":
        power, sat = [p * 1.05 for p in power], sat * 0.9
    elif tone == "warm":
        slope[0], sat = slope[0] * 1.03, sat * 1.05
    elif tone == "sombre":
        slope[2], sat = slope[2] * 1.03, sat * 0.8
    said.append(f"tone {tone}")
    return CdlLook(
        id=f"scene_{label}",
        slope=_triple(slope),
        offset=_triple(offset),
        power=_triple(power),
        saturation=round(sat, 4),
        description=", ".join(said),
    )


def _triple(values: list[float]) -> tuple[float, float, float]:
    return (round(values[0], 4), round(values[1], 4), round(values[2], 4))


def _numbers(values: Sequence[float]) -> str:
    return " ".join(f"{v:.4f}" for v in values)


def _correction(parent: Element, look: CdlLook) -> None:
    correction = SubElement(parent, "ColorCorrection", id=look.id)
    sop = SubElement(correction, "SOPNode")
    if look.description:
        SubElement(sop, "Description").text = look.description
    SubElement(sop, "Slope").text = _numbers(look.slope)
    SubElement(sop, "Offset").text = _numbers(look.offset)
    SubElement(sop, "Power").text = _numbers(look.power)
    sat = SubElement(correction, "SATNode")
    SubElement(sat, "Saturation").text = f"{look.saturation:.4f}"


def to_cdl(looks: Sequence[CdlLook]) -> bytes:
    """A ``.cdl`` file: ColorDecisionList / ColorDecision / ColorCorrection per look."""
    root = Element("ColorDecisionList", xmlns=CDL_NAMESPACE)
    for look in looks:
        _correction(SubElement(root, "ColorDecision"), look)
    return _document(root)


def to_ccc(looks: Sequence[CdlLook]) -> bytes:
    """A ``.ccc`` file: ColorCorrectionCollection / ColorCorrection per look."""
    root = Element("ColorCorrectionCollection", xmlns=CDL_NAMESPACE)
    for look in looks:
        _correction(root, look)
    return _document(root)


def _document(root: Element) -> bytes:
    body = tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n").encode("utf-8")


def read_looks(data: bytes) -> list[CdlLook]:
    """Read a ``.cdl`` or ``.ccc`` back, checking the ASC structure as it goes.

    Raises:
        PostError: not XML, not a ColorDecisionList/ColorCorrectionCollection, or a
            ColorCorrection without its id, three-number Slope/Offset/Power or a Saturation.
    """
    import defusedxml.ElementTree as safe_et
    from defusedxml import DefusedXmlException

    try:
        root = safe_et.fromstring(data)
    except (safe_et.ParseError, DefusedXmlException) as exc:
        raise PostError(f"Not a CDL file: {exc}") from exc
    ns = {"c": CDL_NAMESPACE}
    tag = root.tag.removeprefix("{" + CDL_NAMESPACE + "}")
    if tag == "ColorDecisionList":
        corrections = root.findall("c:ColorDecision/c:ColorCorrection", ns)
        if len(corrections) != len(root.findall("c:ColorDecision", ns)):
            raise PostError("Not a valid CDL: a ColorDecision without one ColorCorrection")
    elif tag == "ColorCorrectionCollection":
        corrections = root.findall("c:ColorCorrection", ns)
    else:
        raise PostError(f"Not a CDL file: the root is {tag}")
    return [_read_correction(c, ns) for c in corrections]


def _read_correction(node: Element, ns: dict[str, str]) -> CdlLook:
    ident = node.get("id")
    if not ident:
        raise PostError("Not a valid CDL: a ColorCorrection without an id")

    def three(name: str) -> tuple[float, float, float]:
        text = node.findtext(f"c:SOPNode/c:{name}", namespaces=ns)
        parts = (text or "").split()
        if len(parts) != 3:
            raise PostError(f"Not a valid CDL: {ident} has no three-number {name}")
        try:
            return (float(parts[0]), float(parts[1]), float(parts[2]))
        except ValueError as exc:
            raise PostError(f"Not a valid CDL: {ident} has a {name} that is not numbers") from exc

    slope, offset, power = three("Slope"), three("Offset"), three("Power")
    sat = node.findtext("c:SATNode/c:Saturation", namespaces=ns)
    try:
        saturation = float(sat or "")
    except ValueError as exc:
        raise PostError(f"Not a valid CDL: {ident} has no numeric SATNode/Saturation") from exc
    return CdlLook(
        id=ident,
        slope=slope,
        offset=offset,
        power=power,
        saturation=saturation,
        description=node.findtext("c:SOPNode/c:Description", default="", namespaces=ns),
    )
