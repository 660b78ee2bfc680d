"""``slate compare`` through the real Typer app."""

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from tests.fakes import FakeEmbedder, FakeTextModel, registered_fakes

runner = CliRunner()


@pytest.fixture
def sample() -> Path:
    return Path(str(resources.files("assistant") / "samples" / "night_shift.fountain"))


@pytest.fixture
def revised(sample: Path, tmp_path: Path) -> Path:
    text = sample.read_text(encoding="utf-8")
    assert "coffee-cup clock" in text
    out = tmp_path / "revised.fountain"
    out.write_text(text.replace("coffee-cup clock", "egg-timer clock"), encoding="utf-8")
    return out


def test_compare_json_lists_only_the_changed_scene(sample: Path, revised: Path) -> None:
    result = runner.invoke(app, ["compare", str(sample), str(revised), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [c["kind"] for c in data["changes"]] == ["changed"]
    change = data["changes"][0]
    lines = sample.read_text(encoding="utf-8").splitlines()
    assert lines[change["old_start_line"] - 1].startswith(change["heading"])
    assert (change["lines_added"], change["lines_removed"]) == (1, 1)
    assert data["characters"] == []


def test_compare_prints_the_line_diff(sample: Path, revised: Path) -> None:
    result = runner.invoke(app, ["compare", str(sample), str(revised), "--plain"])
    assert result.exit_code == 0, result.output
    assert "- The coffee-cup clock reads 3:02." in result.stdout
    assert "+ The egg-timer clock reads 3:02." in result.stdout


def test_compare_html_is_written_and_never_over_a_draft(
    sample: Path, revised: Path, tmp_path: Path, private_cache: Path
) -> None:
    page = tmp_path / "changes.html"
    result = runner.invoke(app, ["compare", str(sample), str(revised), "--html", str(page)])
    assert result.exit_code == 0, result.output
    assert "egg-timer clock" in page.read_text(encoding="utf-8")
    before = revised.read_bytes()
    result = runner.invoke(app, ["compare", str(sample), str(revised), "--html", str(revised)])
    assert result.exit_code != 0
    assert "Error:" in result.output and revised.read_bytes() == before


def test_compare_a_missing_draft_is_one_line(sample: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["compare", str(sample), str(tmp_path / "nope.fountain")])
    assert result.exit_code != 0
    assert "No such file" in result.output and "Traceback" not in result.output


def test_revise_writes_locked_numbers_and_refuses_a_draft_as_output(
    sample: Path, revised: Path, tmp_path: Path, private_cache: Path
) -> None:
    out = tmp_path / "blue.fdx"
    args = ["revise", str(sample), str(revised), "--round", "blue", "--out", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "1 lines marked" in result.stdout and "Revised scenes: 4" in result.stdout
    assert 'RevisionID="1"' in out.read_text(encoding="utf-8")
    before = revised.read_bytes()
    result = runner.invoke(app, [*args[:-1], str(revised)])
    assert result.exit_code != 0 and "Error:" in result.output
    assert revised.read_bytes() == before


def test_revise_an_unknown_round_is_one_line(sample: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.fountain"
    result = runner.invoke(app, ["revise", str(sample), str(sample), "--round", "mauve", "-o",
                                 str(out)])  # fmt: skip
    assert result.exit_code != 0 and "Unknown revision round" in result.output
    assert not out.exists()


def test_revise_to_a_locked_pdf_and_parse_to_pdf(
    sample: Path, revised: Path, tmp_path: Path, private_cache: Path
) -> None:
    from assistant.script.pdf.words import pdfium_words

    out = tmp_path / "blue.pdf"
    args = ["revise", str(sample), str(revised), "--round", "blue", "-o", str(out)]
    result = runner.invoke(app, [*args, "--lock-pages", "--paper", "a4"])
    assert result.exit_code == 0, result.output
    assert "A pages: none; omitted pages: none" in result.stdout  # one word reworded
    pages = pdfium_words(out.read_bytes(), "blue.pdf")
    assert pages[0].height == pytest.approx(841.9, abs=0.5)  # A4
    marked = [page for page in pages if any(w.text == "*" for w in page.words)]
    assert len(marked) == 1  # the one reworded line
    assert any(w.text == "egg-timer" for w in marked[0].words)
    result = runner.invoke(app, [*args, "--lock-pages", "--json", "--force"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["pages"] == [str(n) for n in range(1, 10)]  # 9 as locked
    plain = tmp_path / "sample.pdf"
    result = runner.invoke(app, ["parse", str(sample), "--to", "pdf", "-o", str(plain)])
    assert result.exit_code == 0, result.output
    assert plain.read_bytes().startswith(b"%PDF")


def test_lock_pages_needs_a_pdf(sample: Path, revised: Path, tmp_path: Path) -> None:
    out = tmp_path / "blue.fountain"
    result = runner.invoke(app, ["revise", str(sample), str(revised), "--round", "blue", "-o",
                                 str(out), "--lock-pages"])  # fmt: skip
    assert result.exit_code != 0 and "--lock-pages needs a PDF" in result.output
    assert not out.exists()


@pytest.fixture
def fake_model(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[FakeTextModel]:
    config = tmp_path / "config.toml"
    config.write_text('[models.generator]\nbackend = "fake"\n[models.embedder]\nbackend = "fake"\n',
                      encoding="utf-8")  # fmt: skip
    monkeypatch.setenv("SLATE_CONFIG", str(config))
    monkeypatch.setenv("SLATE_CACHE_DIR", str(tmp_path / "cache"))
    model = FakeTextModel()
    with registered_fakes(model, FakeEmbedder()):
        yield model


@pytest.fixture
def draft(sample: Path, tmp_path: Path) -> Path:
    path = tmp_path / "draft.fountain"
    path.write_bytes(sample.read_bytes())
    return path


def test_rewrite_shows_the_diff_applies_with_a_backup_and_undo_restores(
    fake_model: FakeTextModel, draft: Path
) -> None:
    original = draft.read_bytes()
    heading = "INT. LANTERN DINER - NIGHT"
    fake_model.enqueue([f"{heading}\n\nMara glares at the phone.\n\nMARA\nRing, I dare you."])
    result = runner.invoke(app, ["rewrite", str(draft), "--scene", "4", "angrier", "--plain"])
    assert result.exit_code == 0, result.output
    assert "+ Ring, I dare you." in result.stdout and "Nothing changed" in result.stdout
    assert draft.read_bytes() == original
    fake_model.enqueue([f"{heading}\n\nMara glares at the phone.\n\nMARA\nRing, I dare you."])
    result = runner.invoke(app, ["rewrite", str(draft), "--scene", "4", "angrier", "--apply"])
    assert result.exit_code == 0, result.output
    assert b"Ring, I dare you." in draft.read_bytes()
    assert (draft.parent / "draft.fountain.~1~").read_bytes() == original
    result = runner.invoke(app, ["undo", str(draft)])
    assert result.exit_code == 0, result.output
    assert draft.read_bytes() == original


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--scene", "99", "x"], "no scene 99"),
        (["--scene", "4", "  "], "instruction is empty"),
    ],
)
def test_rewrite_bad_input_is_one_line(
    fake_model: FakeTextModel, draft: Path, args: list[str], message: str
) -> None:
    result = runner.invoke(app, ["rewrite", str(draft), *args])
    assert result.exit_code != 0 and message in result.output
    assert "Traceback" not in result.output and fake_model.history == []


def test_a_reply_that_is_not_fountain_changes_nothing(
    fake_model: FakeTextModel, draft: Path
) -> None:
    original = draft.read_bytes()
    fake_model.enqueue(["I cannot help with that.", "Still no scene here."])
    result = runner.invoke(app, ["rewrite", str(draft), "--scene", "4", "x", "--apply"])
    assert result.exit_code != 0 and "could not be used after 2 tries" in result.output
    assert draft.read_bytes() == original and not list(draft.parent.glob("*.~*~"))


def test_continue_writes_a_patch_file(fake_model: FakeTextModel, draft: Path) -> None:
    fake_model.enqueue(["EXT. ROOF - NIGHT\n\nMara climbs out.\n\nMARA\nAir."])
    patch = draft.parent / "next.fountain"
    result = runner.invoke(app, ["continue", str(draft), "--after", "2", "--out", str(patch)])
    assert result.exit_code == 0, result.output
    assert patch.read_text(encoding="utf-8").startswith("EXT. ROOF - NIGHT")


def test_punch_up_picks_the_characters_biggest_scene(
    fake_model: FakeTextModel, draft: Path
) -> None:
    fake_model.enqueue(["not a scene", "still not"])
    result = runner.invoke(app, ["punch-up", str(draft), "--character", "Mara"])
    assert "could not be used" in result.output
    assert "MARA" in fake_model.history[0].messages[-1].content


def test_undo_without_a_backup_is_one_line(draft: Path) -> None:
    result = runner.invoke(app, ["undo", str(draft)])
    assert result.exit_code != 0 and "No backup" in result.output
