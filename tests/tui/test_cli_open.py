"""``slate open`` refuses to start a TUI without a terminal (so CliRunner and pipes never hang)."""

from __future__ import annotations

from typer.testing import CliRunner

from assistant.cli.main import app
from tests.tui.conftest import SAMPLE


def test_open_without_a_terminal_exits_2_and_says_why() -> None:
    result = CliRunner().invoke(app, ["open", str(SAMPLE)])
    assert result.exit_code == 2
    assert "needs a terminal" in result.output


def test_slate_alone_still_prints_help_listing_open() -> None:
    result = CliRunner().invoke(app, [])
    assert "open" in result.output and "Usage" in result.output


def test_open_passes_plain_and_llm_to_the_app(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from assistant.cli import tui_commands
    from assistant.tui.app import SlateApp

    started: list[tuple[bool, bool | None]] = []
    monkeypatch.setattr(tui_commands, "can_start_tui", lambda: True)
    monkeypatch.setattr(SlateApp, "run", lambda self: started.append((self.plain, self.use_llm)))
    for args in (["--plain", "--llm"], []):
        result = CliRunner().invoke(app, ["open", *args, str(SAMPLE)])
        assert result.exit_code == 0, result.output
    assert started == [(True, True), (False, None)]
