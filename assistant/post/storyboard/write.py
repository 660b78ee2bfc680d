"""Writing the storyboard: every file checked first, then each written atomically.

The folder gets ``storyboard.html``, ``storyboard.pdf`` and each numbered scene's key frame as
``scene_<number>.png`` (``png.frame_name``: the name ``slate post --storyboard`` reads, so the
board's folder is the animatic's media folder as it is).

Nothing is half-written: every file is rendered in memory, every target is checked (the folder
exists and is writable; no file is one Slate may not replace), and only then written, each
through a temporary file and a rename. If a later write still fails, the files written before it
are put back as they were, so a failed run leaves the folder unchanged.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from pathlib import Path

from pydantic import BaseModel

from assistant.analysis.shots.model import ShotList
from assistant.errors import OutputWriteError
from assistant.files import WrittenFiles, check_replaceable, write_atomic
from assistant.post.storyboard.board import FRAMES_PER_PAGE, build_cards
from assistant.post.storyboard.html import to_html
from assistant.post.storyboard.pdf import to_pdf
from assistant.post.storyboard.png import frame_name, to_png

HTML_NAME = "storyboard.html"
PDF_NAME = "storyboard.pdf"


class StoryboardFiles(BaseModel):
    """What ``slate storyboard`` wrote."""

    files: list[str]
    """``storyboard.html`` and ``storyboard.pdf``."""
    key_frames: list[str] = []
    """One ``scene_<number>.png`` a numbered scene with shots, in script order."""
    frames: int
    pages: int


def render_storyboard(plan: ShotList) -> dict[str, bytes]:
    """The board's files by name, rendered in memory: the HTML, the PDF, and for each scene
    with a number and a shot, its first shot's frame as ``scene_<number>.png``."""
    cards = build_cards(plan)
    files = {
        HTML_NAME: to_html(cards, title=plan.title).encode("utf-8"),
        PDF_NAME: to_pdf(cards, title=plan.title),
    }
    first = {card.shot.number: card for card in cards}
    for scene in plan.scenes:
        if scene.number and scene.shots:
            card = first[scene.shots[0].number]
            files[frame_name(scene.number)] = to_png(card.drawing, caption=card.title)
    return files


def write_storyboard(
    plan: ShotList,
    out: Path,
    *,
    force: bool,
    inputs: Iterable[Path],
    written: WrittenFiles,
) -> StoryboardFiles:
    """Render and write ``storyboard.html``, ``storyboard.pdf`` and the scenes' key frames
    (``scene_<number>.png``) into the folder ``out``, created (with its parents) when missing,
    as ``slate export --out`` and ``slate analyze --out`` create theirs.

    Raises:
        OutputWriteError: ``out`` is a file or cannot be created, is not writable, or a write
            failed (nothing is left changed: a folder this call created is removed again).
        OverwriteRefusedError: a target exists and is not Slate's to replace (unless ``force``).
    """
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise OutputWriteError(f"Cannot write the storyboard: {out} is a file, not a folder")
    files = render_storyboard(plan)
    targets = {name: out / name for name in files}
    inputs = list(inputs)
    if not force:
        for name, target in targets.items():
            check_replaceable(target, files[name], inputs=inputs, written=written)
    created = [p for p in (out, *out.parents) if not p.exists()]  # deepest first
    try:
        _make_folder(out)
        _write_all(targets, files, written)
    except BaseException:
        for folder in created:  # only folders this call made, and only if left empty
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
    count = plan.shot_count
    boards = (HTML_NAME, PDF_NAME)
    return StoryboardFiles(
        files=[str(targets[name]) for name in boards],
        key_frames=[str(t) for name, t in targets.items() if name not in boards],
        frames=count, pages=max(1, -(-count // FRAMES_PER_PAGE)),
    )  # fmt: skip


def _make_folder(out: Path) -> None:
    """Create ``out`` and any missing parents; check it can be written."""
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputWriteError(
            f"Cannot write the storyboard: cannot create {out}: {exc.strerror or exc}"
        ) from exc
    if not os.access(out, os.W_OK | os.X_OK):
        raise OutputWriteError(f"Cannot write the storyboard: folder {out} is not writable")


def _write_all(targets: dict[str, Path], files: dict[str, bytes], written: WrittenFiles) -> None:
    """Write every file atomically; on a failure put back those written before it."""
    before: dict[str, bytes | None] = {}
    for name, target in targets.items():
        try:
            before[name] = target.read_bytes() if target.is_file() else None
            write_atomic(target, files[name])
        except (OSError, OutputWriteError) as exc:
            _restore(targets, before, failed=name)
            if isinstance(exc, OutputWriteError):
                raise
            raise OutputWriteError(f"Cannot write {target}: {exc}; nothing was written") from exc
        written.remember(target, files[name])


def _restore(targets: dict[str, Path], before: dict[str, bytes | None], failed: str) -> None:
    """Put back the files written before ``failed``, as they were."""
    for name, content in before.items():
        if name == failed:
            continue
        with contextlib.suppress(OSError, OutputWriteError):
            if content is None:
                targets[name].unlink()
            else:
                write_atomic(targets[name], content)
