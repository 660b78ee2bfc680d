"""The plain-text importer on the 94 real TRIPOD screenplays in ../shared/data (read at run time).

The reference segmentation starts a scene at every line whose tokens include INT. / EXT. /
INT/EXT. / EXT./INT. / INT./EXT.; Slate must start a scene at each of those lines, and find scenes
in the seven scripts whose headings carry no INT/EXT at all.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from assistant.script.plaintext import parse_plain
from assistant.script.reading import decode_text

REFERENCE_TOKENS = frozenset({"INT.", "EXT.", "INT/EXT.", "EXT./INT.", "INT./EXT."})
NO_INT_EXT = frozenset(
    {
        "Alien (film)",
        "Jaws (film)",
        "Jurassic Park (film)",
        "My Girl (film)",
        "Saw (film)",
        "The Exorcist (film)",
        "When Harry Met Sally...",
    }
)
RECALL_REACHED = 1.0
"""Every one of the 12,995 reference heading lines is a Slate scene start (measured; see
docs/plain_text_import.md). The test allows no regression."""
MIN_SCENES_WITHOUT_INT_EXT = 30
"""The seven scripts without INT/EXT get 37-221 scenes from Slate (features have 40-250)."""
MIN_SPEAKERS = 5


@pytest.mark.shared_data
def test_tripod_scripts_segment_like_the_reference_and_have_dialogue(
    shared_data_dir: Path,
) -> None:
    tripod = shared_data_dir / "labeled" / "tripod"
    with (tripod / "screenplay_manifest.tsv").open(encoding="utf-8", newline="") as handle:
        reference_counts = {
            row["movie"]: int(row["n_scenes_reference_segmentation"])
            for row in csv.DictReader(handle, delimiter="\t")
        }
    paths = sorted((tripod / "screenplays").glob("*/*.txt"))
    assert len(paths) == 94
    reference_lines = matched = 0
    problems: list[str] = []
    for path in paths:
        text = decode_text(path.read_bytes(), name=path.name).text
        screenplay = parse_plain(text)
        starts = {scene.start_line for scene in screenplay.scenes}
        expected = {
            number
            for number, line in enumerate(text.split("\n"), start=1)
            if REFERENCE_TOKENS.intersection(line.split())
        }
        reference_lines += len(expected)
        matched += len(expected & starts)
        scenes = sum(1 for k, s in enumerate(screenplay.scenes) if s.heading is not None or k > 0)
        speakers = {d.cue.name for s in screenplay.scenes for d in s.dialogues() if d.speech_text}
        if len(speakers) < MIN_SPEAKERS:
            problems.append(f"{path.stem}: {len(speakers)} speakers")
        if path.stem in NO_INT_EXT and scenes < MIN_SCENES_WITHOUT_INT_EXT:
            problems.append(f"{path.stem}: {scenes} scenes without INT/EXT headings")
        if scenes < reference_counts[path.stem]:
            problems.append(
                f"{path.stem}: {scenes} scenes, reference {reference_counts[path.stem]}"
            )
    assert problems == []
    assert matched / reference_lines >= RECALL_REACHED
