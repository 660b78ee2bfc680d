"""``slate parse --to pdf --paper``: the paper reaches the PDF exporter; other formats refuse it."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from assistant.script.pdf.words import pdfium_words
from assistant.script.pdf_export import page_size

runner = CliRunner()


@pytest.fixture
def sample() -> Path:
    return Path(str(resources.files("assistant") / "samples" / "night_shift.fountain"))


@pytest.mark.parametrize(("option", "paper"), [([], "letter"), (["--paper", "A4"], "a4"),
                                               (["--paper", "letter"], "letter")])  # fmt: skip
def test_parse_to_pdf_prints_on_the_paper_asked_for(
    sample: Path, tmp_path: Path, private_cache: Path, option: list[str], paper: str
) -> None:
    out = tmp_path / "sample.pdf"
    result = runner.invoke(app, ["parse", str(sample), "--to", "pdf", "-o", str(out), *option])
    assert result.exit_code == 0, result.output
    pages = pdfium_words(out.read_bytes(), out.name)
    size = page_size("a4" if paper == "a4" else "letter")
    assert all((p.width, p.height) == pytest.approx(size, abs=0.5) for p in pages)


def test_parse_to_pdf_on_standard_output_takes_the_paper(sample: Path) -> None:
    result = runner.invoke(app, ["parse", str(sample), "--to", "pdf", "--paper", "a4"])
    assert result.exit_code == 0, result.output
    pages = pdfium_words(result.stdout_bytes, "stdout.pdf")
    assert pages[0].height == pytest.approx(page_size("a4")[1], abs=0.5)


def test_paper_with_another_format_is_refused_in_one_line(sample: Path, tmp_path: Path) -> None:
    out = tmp_path / "sample.fdx"
    result = runner.invoke(app, ["parse", str(sample), "--to", "fdx", "--paper", "a4", "-o",
                                 str(out)])  # fmt: skip
    assert result.exit_code != 0
    assert "--paper is for PDF output (--to pdf), not --to fdx" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not out.exists()


def test_an_unknown_paper_is_refused(sample: Path) -> None:
    result = runner.invoke(app, ["parse", str(sample), "--to", "pdf", "--paper", "legal"])
    assert result.exit_code != 0 and "legal" in result.output


def test_continueds_reach_the_pdf_and_are_refused_for_another_format(
    sample: Path, tmp_path: Path, private_cache: Path
) -> None:
    out = tmp_path / "sample.pdf"
    result = runner.invoke(app, ["parse", str(sample), "--to", "pdf", "--continueds", "-o",
                                 str(out)])  # fmt: skip
    assert result.exit_code == 0, result.output
    pages = pdfium_words(out.read_bytes(), out.name)
    assert any(w.text == "(CONTINUED)" for p in pages for w in p.words)
    result = runner.invoke(app, ["parse", str(sample), "--to", "fountain", "--continueds"])
    assert result.exit_code != 0
    assert "--continueds is for PDF output (--to pdf), not --to fountain" in result.output
