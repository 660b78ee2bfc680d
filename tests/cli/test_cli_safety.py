"""``slate parse --out`` never replaces what is not Slate's to replace; format names in any case."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from assistant.errors import OverwriteRefusedError
from assistant.files import MAX_RECORDED, WRITTEN_FILES_NAME, WrittenFiles

runner = CliRunner()
pytestmark = pytest.mark.usefixtures("private_cache")

USER_FDX = b'<?xml version="1.0"?>\n<FinalDraft DocumentType="Script"><Content/></FinalDraft>\n'


@pytest.fixture
def script(fixtures_dir: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "ns.fountain"
    copy.write_bytes((fixtures_dir / "cli" / "two_scenes.fountain").read_bytes())
    return copy


def parse(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["parse", *args])
    return result.exit_code, " ".join(result.output.split())


@pytest.mark.parametrize("to", ["fdx", "fountain"])
def test_the_input_script_is_never_replaced(script: Path, to: str) -> None:
    before = script.read_bytes()
    code, output = parse(str(script), "--to", to, "-o", str(script))
    assert code == OverwriteRefusedError.exit_code
    assert "it is the script being read" in output and "--force" in output
    assert script.read_bytes() == before
    assert sorted(p.name for p in script.parent.iterdir()) == ["ns.fountain"]


def test_the_input_is_recognised_through_a_symlink(script: Path) -> None:
    link = script.parent / "link.fountain"
    link.symlink_to(script)
    before = script.read_bytes()
    code, _ = parse(str(script), "--to", "fountain", "-o", str(link))
    assert code == OverwriteRefusedError.exit_code
    assert script.read_bytes() == before


def test_force_replaces_the_input(script: Path) -> None:
    code, output = parse(str(script), "--to", "fdx", "-o", str(script), "--force")
    assert code == 0, output
    assert b"<FinalDraft" in script.read_bytes()


@pytest.mark.parametrize(("to", "name"), [("fdx", "new.fountain"), ("json", "new.fdx"),
                                          ("fountain", "new.pdf"), ("fdx", "new.txt")])  # fmt: skip
def test_a_suffix_of_another_format_is_refused(
    script: Path, tmp_path: Path, to: str, name: str
) -> None:
    out = tmp_path / name
    code, output = parse(str(script), "--to", to, "-o", str(out))
    assert code == OverwriteRefusedError.exit_code
    assert f"Not writing {to} into" in output
    assert not out.exists()


def test_force_writes_a_format_into_another_formats_suffix(script: Path, tmp_path: Path) -> None:
    out = tmp_path / "on_purpose.fountain"
    code, output = parse(str(script), "--to", "fdx", "-o", str(out), "--force")
    assert code == 0, output
    assert b"<FinalDraft" in out.read_bytes()


@pytest.mark.parametrize(("to", "name"), [("fountain", "a.txt"), ("fountain", "a.spmd"),
                                          ("fdx", "a.xml"), ("json", "no_suffix")])  # fmt: skip
def test_a_suffix_the_format_claims_or_no_format_claims_is_written(
    script: Path, tmp_path: Path, to: str, name: str
) -> None:
    code, output = parse(str(script), "--to", to, "-o", str(tmp_path / name))
    assert code == 0, output


def test_an_existing_file_slate_did_not_write_is_kept(script: Path, tmp_path: Path) -> None:
    out = tmp_path / "theirs.fdx"
    out.write_bytes(USER_FDX)
    code, output = parse(str(script), "--to", "fdx", "-o", str(out))
    assert code == OverwriteRefusedError.exit_code
    assert "is not a file Slate wrote" in output
    assert out.read_bytes() == USER_FDX
    code, output = parse(str(script), "--to", "fdx", "-o", str(out), "--force")
    assert code == 0, output
    assert out.read_bytes() != USER_FDX


def test_slate_replaces_its_own_output_until_someone_edits_it(
    script: Path, tmp_path: Path, fixtures_dir: Path
) -> None:
    out = tmp_path / "export.fdx"
    assert parse(str(script), "--to", "fdx", "-o", str(out))[0] == 0
    # Another script into the same file: Slate's own output, unchanged since, may be replaced.
    other = tmp_path / "other.fountain"
    other.write_text("INT. SOMEWHERE ELSE - DAY\n\nNobody here.\n", encoding="utf-8")
    code, output = parse(str(other), "--to", "fdx", "-o", str(out))
    assert code == 0, output
    assert b"SOMEWHERE ELSE" in out.read_bytes()
    # A person edits the export: from now on it is theirs.
    out.write_bytes(out.read_bytes().replace(b"Nobody here.", b"Somebody, now."))
    edited = out.read_bytes()
    code, _ = parse(str(script), "--to", "fdx", "-o", str(out))
    assert code == OverwriteRefusedError.exit_code
    assert out.read_bytes() == edited


def test_a_lost_record_makes_slate_refuse(
    script: Path, tmp_path: Path, private_cache: Path
) -> None:
    out = tmp_path / "export.fountain"
    assert parse(str(script), "--to", "fountain", "-o", str(out))[0] == 0
    (private_cache / WRITTEN_FILES_NAME).write_text("{not json", encoding="utf-8")
    other = tmp_path / "other.fountain"
    other.write_text("INT. SOMEWHERE ELSE - DAY\n\nNobody here.\n", encoding="utf-8")
    assert (
        parse(str(other), "--to", "fountain", "-o", str(out))[0] == OverwriteRefusedError.exit_code
    )


def test_an_empty_file_or_the_same_bytes_may_be_replaced(script: Path, tmp_path: Path) -> None:
    out = tmp_path / "empty.fdx"
    out.write_bytes(b"")
    assert parse(str(script), "--to", "fdx", "-o", str(out))[0] == 0
    same = tmp_path / "same.fdx"
    same.write_bytes(out.read_bytes())  # what Slate would write, but not recorded as written
    assert parse(str(script), "--to", "fdx", "-o", str(same))[0] == 0


def test_the_record_forgets_the_oldest_files(tmp_path: Path) -> None:
    written = WrittenFiles(tmp_path / "record.json")
    paths = [tmp_path / f"f{i}" for i in range(MAX_RECORDED + 1)]
    for path in paths[:3] + paths[3:]:
        path.write_bytes(path.name.encode())
    first, *rest = paths
    written.remember(first, first.read_bytes())
    assert written.wrote(first)
    data = json.loads((tmp_path / "record.json").read_text())
    data["files"].update({str(p.resolve()): "0" * 64 for p in rest})
    (tmp_path / "record.json").write_text(json.dumps(data))
    written.remember(rest[-1], rest[-1].read_bytes())
    assert not written.wrote(first)
    assert written.wrote(rest[-1])


@pytest.mark.parametrize(("to", "marker"), [("FDX", b"<FinalDraft"), ("Fountain", b"INT. BUS")])
def test_format_names_are_case_insensitive(script: Path, to: str, marker: bytes) -> None:
    result = runner.invoke(app, ["parse", str(script), "--to", to])
    assert result.exit_code == 0, result.output
    assert marker in result.stdout_bytes


def test_input_format_names_are_case_insensitive(script: Path, tmp_path: Path) -> None:
    saved = tmp_path / "model.data"  # a suffix that does not say JSON: --from must
    assert parse(str(script), "-o", str(saved))[0] == 0
    result = runner.invoke(app, ["stats", str(saved), "--from", "JSON", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["scene_count"] == 2


@pytest.mark.parametrize("command", [[], ["parse"], ["stats"], ["score"], ["ask"], ["models"]])
def test_dash_h_is_help_everywhere(command: list[str]) -> None:
    short = runner.invoke(app, [*command, "-h"], env={"COLUMNS": "100"})
    long = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "100"})
    assert short.exit_code == 0, short.output
    assert short.output == long.output
    assert "Usage:" in short.output
