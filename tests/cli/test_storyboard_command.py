"""``slate storyboard``: the HTML and PDF it writes, what it refuses, and how a browser shows it."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from tests.browser import screenshot, visible_text

runner = CliRunner()
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "shots"
COVERAGE = FIXTURES / "coverage.fountain"


@pytest.fixture
def board(tmp_path: Path, private_cache: Path) -> Path:
    out = tmp_path / "board"
    out.mkdir()
    result = runner.invoke(app, ["storyboard", str(COVERAGE), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "26 frames on 5 pages" in result.output
    return out


def test_html_is_self_contained_with_one_frame_per_shot(board: Path) -> None:
    html = (board / "storyboard.html").read_text(encoding="utf-8")
    assert html.count("<svg") == 26 and html.count('<figure class="card"') == 26
    assert html.count('class="sheet"') == 5  # 6 frames a page
    # No network: the only URL is the SVG namespace, which browsers never fetch.
    urls = set(re.findall(r"(?:https?:)?//[\w.-]+[^\s\"'<>]*", html))
    assert urls == {"http://www.w3.org/2000/svg"}
    assert "<script" not in html and "<link" not in html and "<img" not in html
    assert "1D insert · eye level · static · 100mm" in html


def test_pdf_has_six_frames_a_page(board: Path) -> None:
    import pdfplumber

    data = (board / "storyboard.pdf").read_bytes()
    assert data.startswith(b"%PDF")
    with pdfplumber.open(board / "storyboard.pdf") as pdf:
        assert len(pdf.pages) == 5
        text = pdf.pages[0].extract_text()
    for number in ("1A", "1B", "1C", "1D", "1E", "1F"):
        assert f"{number} " in text
    assert "1G " not in text


def test_second_run_replaces_its_own_files(board: Path) -> None:
    result = runner.invoke(app, ["storyboard", str(COVERAGE), "--out", str(board)])
    assert result.exit_code == 0, result.output


def test_a_file_slate_did_not_write_is_not_replaced(tmp_path: Path, private_cache: Path) -> None:
    out = tmp_path / "board"
    out.mkdir()
    mine = out / "storyboard.pdf"
    mine.write_bytes(b"my own notes")
    result = runner.invoke(app, ["storyboard", str(COVERAGE), "--out", str(out)])
    assert result.exit_code != 0
    assert "Not replacing" in result.output and len(result.output.strip().splitlines()) == 1
    assert mine.read_bytes() == b"my own notes"
    assert not (out / "storyboard.html").exists()  # nothing half-written
    forced = runner.invoke(app, ["storyboard", str(COVERAGE), "--out", str(out), "--force"])
    assert forced.exit_code == 0, forced.output
    assert mine.read_bytes().startswith(b"%PDF")


def test_an_unwritable_folder_fails_in_one_line(tmp_path: Path, private_cache: Path) -> None:
    # /proc refuses new files even to root (tests run as root in CI, where chmod would not bite).
    before = set(os.listdir("/proc"))
    result = runner.invoke(app, ["storyboard", str(COVERAGE), "--out", "/proc"])
    assert result.exit_code != 0
    assert result.output.startswith("Error: Cannot write /proc/storyboard.html")
    assert len(result.output.strip().splitlines()) == 1 and "Traceback" not in result.output
    assert not {n for n in set(os.listdir("/proc")) - before if "storyboard" in n}


def test_a_missing_folder_is_created_as_export_and_analyze_do(
    tmp_path: Path, private_cache: Path
) -> None:
    out = tmp_path / "new" / "board"
    result = runner.invoke(app, ["storyboard", str(COVERAGE), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "storyboard.html").is_file() and (out / "storyboard.pdf").is_file()


def test_a_file_given_as_the_folder_fails_in_one_line(tmp_path: Path, private_cache: Path) -> None:
    target = tmp_path / "board.txt"
    target.write_text("mine")
    result = runner.invoke(app, ["storyboard", str(COVERAGE), "--out", str(target)])
    assert result.exit_code != 0
    assert result.output.strip().endswith("is a file, not a folder")
    assert len(result.output.strip().splitlines()) == 1
    assert target.read_text() == "mine"


def test_a_failed_write_removes_the_folder_it_created(
    tmp_path: Path, private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import assistant.post.storyboard.write as write

    def refuse(path: Path, data: bytes) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(write, "write_atomic", refuse)
    out = tmp_path / "new" / "board"
    result = runner.invoke(app, ["storyboard", str(COVERAGE), "--out", str(out)])
    assert result.exit_code != 0
    assert "No space left on device" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "new").exists()


def test_a_failed_second_write_puts_the_first_file_back(
    tmp_path: Path, private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import assistant.post.storyboard.write as write

    out = tmp_path / "board"
    out.mkdir()
    real = write.write_atomic

    def failing(path: Path, data: bytes) -> None:
        if path.name == write.PDF_NAME:
            raise write.OutputWriteError(f"Cannot write {path}: disk full; nothing was written")
        real(path, data)

    monkeypatch.setattr(write, "write_atomic", failing)
    result = runner.invoke(app, ["storyboard", str(COVERAGE), "--out", str(out)])
    assert result.exit_code != 0 and "disk full" in result.output
    assert list(out.iterdir()) == []


def test_one_scene_only(tmp_path: Path, private_cache: Path) -> None:
    result = runner.invoke(
        app, ["storyboard", str(COVERAGE), "--out", str(tmp_path), "--scene", "4"]
    )
    assert result.exit_code == 0, result.output
    html = (tmp_path / "storyboard.html").read_text(encoding="utf-8")
    assert html.count("<svg") == 3 and "4A EWS" in html and "1A EWS" not in html


@pytest.mark.browser
def test_a_browser_shows_the_frames_and_captions(board: Path, tmp_path: Path) -> None:
    page = board / "storyboard.html"
    png = screenshot(page, tmp_path / "board.png", width=1280, height=1400)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    text = visible_text(page)
    for caption in ("1A EWS · eye level · static · 18mm", "Establishing: EXT. HARBOUR WALL - DAY",
                    "Insert: the letter.", "Tom, Ivy", "IVY: They always want me"):  # fmt: skip
        assert caption in text, caption
    _assert_png_has_drawn_frames(png)


def _assert_png_has_drawn_frames(png: Path) -> None:
    """The screenshot is not blank: the first frame's area holds dark lines (the drawing)."""
    from PIL import Image

    with Image.open(png) as image:
        grey = image.convert("L")
        width, _ = grey.size
        region = grey.crop((40, 80, width // 3, 260))
        dark = sum(1 for value in region.tobytes() if value < 100)
    assert dark > 500, dark


def test_key_frames_are_named_as_the_post_package_reads_them(board: Path) -> None:
    """One naming on both sides: the board's folder is ``slate post --storyboard``'s media
    folder as it is, every numbered scene with shots getting its own first frame."""
    import io

    from PIL import Image

    from assistant import api
    from assistant.post.otio_timeline import plan_scene_clips

    screenplay = api.open_script(COVERAGE)
    plan = api.shot_list(screenplay)
    numbered = [s.number for s in plan.scenes if s.number and s.shots]
    assert len(numbered) >= 4
    assert sorted(p.name for p in board.glob("scene_*.png")) == sorted(
        f"scene_{n}.png" for n in numbered
    )
    clips = plan_scene_clips(screenplay, storyboard=board)
    media = {c.scene_number: c.media for c in clips}
    for number in numbered:
        assert media[number] is not None and media[number].name == f"scene_{number}.png"
    picture = Image.open(io.BytesIO((board / f"scene_{numbered[0]}.png").read_bytes()))
    assert picture.format == "PNG" and picture.size == (956, 400)
    # A drawn frame, not an empty box: a good share of its pixels is not paper.
    inked = sum(picture.convert("L").histogram()[:200])
    assert inked > 0.01 * picture.size[0] * picture.size[1]


def test_a_failed_key_frame_write_leaves_the_folder_unchanged(
    tmp_path: Path, private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import assistant.post.storyboard.write as write

    out = tmp_path / "board"
    out.mkdir()
    real = write.write_atomic

    def failing(path: Path, data: bytes) -> None:
        if path.name == "scene_3.png":
            raise write.OutputWriteError(f"Cannot write {path}: disk full; nothing was written")
        real(path, data)

    monkeypatch.setattr(write, "write_atomic", failing)
    result = runner.invoke(app, ["storyboard", str(COVERAGE), "--out", str(out)])
    assert result.exit_code != 0 and "disk full" in result.output
    assert list(out.iterdir()) == []


def test_a_dutch_angle_frame_is_drawn_tilted() -> None:
    import io

    from PIL import Image

    from assistant.post.storyboard.png import to_png
    from assistant.post.storyboard.shapes import Drawing, Line

    level = Drawing(100.0, 50.0, content=[Line(((0.0, 25.0), (100.0, 25.0)), width=2.0)])
    tilted = Drawing(100.0, 50.0, content=list(level.content), rotate=20.0)
    rows = []
    for drawing in (level, tilted):
        picture = Image.open(io.BytesIO(to_png(drawing, scale=2.0))).convert("L")
        assert picture.size == (200, 100)
        # Rows holding ink (away from the border): a level horizon fills about one, a tilt many.
        inked = [y for y in range(6, 94) if picture.crop((6, y, 194, y + 1)).getextrema()[0] < 128]
        rows.append(len(inked))
    assert rows[0] <= 6 and rows[1] > 30
