"""The TRIPOD turning-point data (../shared/data/labeled/tripod): scripts, labels, reference scenes.

Used by the training and evaluation scripts and by tests marked ``shared_data``; nothing a user runs
reads it. The texts are copyrighted research data: they are read here at run time and never copied.

Reference segmentation (TRIPOD's own rule, which the gold scene indices follow): a scene starts at
every line whose whitespace-separated tokens include ``INT.``, ``EXT.``, ``INT/EXT.``, ``EXT./INT.``
or ``INT./EXT.``; text before the first such line is dropped and the last scene is never emitted.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from assistant.errors import AnalysisError

_REFERENCE_TOKENS = frozenset({"INT.", "EXT.", "INT/EXT.", "EXT./INT.", "INT./EXT."})
_SENTENCE = re.compile(r"\[STR_SENT\](.*?)\[END_SENT\]", re.DOTALL)
_TRIPOD = Path("labeled") / "tripod"


@dataclass
class Synopsis:
    """One annotator's synopsis of a movie and the sentence index of each turning point."""

    sentences: list[str]
    tp_sentences: list[int]
    """Five 0-based sentence indices, in TP order."""


@dataclass
class TripodMovie:
    """One screenplay with its labels."""

    name: str
    split: str
    """``train`` or ``test``."""
    path: Path
    reference_scene_count: int
    synopses: list[Synopsis] = field(default_factory=list)
    gold: list[list[int]] | None = None
    """Test movies: for each TP, the 0-based reference scene indices annotated as that TP."""

    def read_text(self) -> str:
        """The script text, decoded the way Slate's reader decodes it."""
        from assistant.script.reading import decode_text

        return decode_text(self.path.read_bytes(), name=str(self.path)).text


def tripod_dir(shared_data: Path) -> Path:
    """The TRIPOD folder under ``shared_data``.

    Raises:
        AnalysisError: the folder is missing.
    """
    folder = shared_data / _TRIPOD
    if not (folder / "screenplay_manifest.tsv").is_file():
        raise AnalysisError(
            f"{folder} is missing: the TRIPOD data lives in ../shared/data (give --data to point "
            "at another copy)"
        )
    return folder


def reference_heading_lines(text: str) -> list[int]:
    """1-based lines where TRIPOD's rule starts a scene; the last one starts no counted scene.

    Args:
        text: the script text (lines split on ``\\n``).

    Returns:
        Every heading line; reference scene ``i`` runs from entry ``i`` to entry ``i + 1``, so there
        are ``len(result) - 1`` reference scenes (none when there are fewer than two headings).
    """
    return [
        number
        for number, line in enumerate(text.split("\n"), start=1)
        if _REFERENCE_TOKENS.intersection(line.split())
    ]


def load_movies(shared_data: Path, split: str | None = None) -> list[TripodMovie]:
    """Every TRIPOD movie with a script here, with synopses and (test movies) scene-level gold.

    Args:
        shared_data: the ``../shared/data`` folder.
        split: ``train``, ``test`` or ``None`` for both.

    Returns:
        Movies sorted by name.

    Raises:
        AnalysisError: the data folder is missing.
    """
    folder = tripod_dir(shared_data)
    movies: dict[str, TripodMovie] = {}
    synopsis_names: dict[str, str] = {}
    with (folder / "screenplay_manifest.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            if not row.get("file_here") or (split and row["split"] != split):
                continue
            path = folder / row["file_here"]
            if not path.is_file():
                continue
            movies[row["movie"]] = TripodMovie(
                name=row["movie"],
                split=row["split"],
                path=path,
                reference_scene_count=int(row["n_scenes_reference_segmentation"]),
            )
            synopsis_names[row["name_in_synopses_csv"] or row["movie"]] = row["movie"]
    for csv_name in ("TRIPOD_synopses_train.csv", "TRIPOD_synopses_test.csv"):
        with (folder / csv_name).open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                base = _annotator_base(row["movie_name"], synopsis_names)
                if base is None:
                    continue
                sentences = [s.strip() for s in _SENTENCE.findall(row["synopsis_segmented"])]
                tps = [int(row[f"tp{k}"]) for k in range(1, 6)]
                movies[base].synopses.append(Synopsis(sentences=sentences, tp_sentences=tps))
    with (folder / "TRIPOD_screenplays_test.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            name = synopsis_names.get(row["movie_name"], row["movie_name"])
            if name in movies:
                movies[name].gold = [
                    [int(i) for i in json.loads(row[f"tp{k}"])] for k in range(1, 6)
                ]
    return sorted(movies.values(), key=lambda movie: movie.name)


def _annotator_base(csv_name: str, names: dict[str, str]) -> str | None:
    """``Movie_1`` (second annotator) -> the manifest name of ``Movie``."""
    if csv_name in names:
        return names[csv_name]
    base, _, suffix = csv_name.rpartition("_")
    if suffix.isdigit() and base in names:
        return names[base]
    return None


def slate_to_reference(
    slate_start_lines: list[int | None], reference_lines: list[int]
) -> list[int | None]:
    """For each Slate scene, the reference scene its heading line falls in.

    Args:
        slate_start_lines: 1-based start line of each Slate scene (``None`` if unknown).
        reference_lines: ``reference_heading_lines`` of the same text.

    Returns:
        A reference index per Slate scene; ``None`` for scenes before the first reference heading.
        Scenes inside the uncounted last reference scene map to the last counted one.
    """
    import bisect

    count = len(reference_lines) - 1
    out: list[int | None] = []
    for line in slate_start_lines:
        if line is None or count <= 0:
            out.append(None)
            continue
        index = bisect.bisect_right(reference_lines, line) - 1
        out.append(None if index < 0 else min(index, count - 1))
    return out


def reference_to_slate(
    slate_start_lines: list[int | None], reference_lines: list[int]
) -> list[int]:
    """For each reference scene, the Slate scene that covers its heading line.

    A reference scene whose heading starts a Slate scene maps to it; one whose heading Slate did not
    split on inherits the Slate scene running at that line (the issue's mapping rule).

    Args:
        slate_start_lines: 1-based start line of each Slate scene, in order.
        reference_lines: ``reference_heading_lines`` of the same text.

    Returns:
        A Slate scene index per reference scene (``len(reference_lines) - 1`` entries).
    """
    import bisect

    known = [(line, i) for i, line in enumerate(slate_start_lines) if line is not None]
    starts = [line for line, _ in known]
    out: list[int] = []
    for line in reference_lines[:-1]:
        position = bisect.bisect_right(starts, line) - 1
        out.append(known[max(position, 0)][1] if known else 0)
    return out
