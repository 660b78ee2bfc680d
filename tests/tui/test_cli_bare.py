"""``slate`` alone takes ``slate open``'s ``--plain`` and ``--llm``/``--no-llm``."""

from __future__ import annotations

from typer.testing import CliRunner

from assistant.cli.main import app


def test_slate_alone_passes_plain_and_llm_to_the_app(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from assistant.cli import tui_commands
    from assistant.tui.app import SlateApp

    started: list[tuple[object, bool, bool | None]] = []
    monkeypatch.setattr(tui_commands, "can_start_tui", lambda: True)
    monkeypatch.setattr(
        SlateApp, "run", lambda self: started.append((self.path, self.plain, self.use_llm))
    )
    for args in (["--plain", "--llm"], ["--no-llm"], []):
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.output
    assert started == [(None, True, True), (None, False, False), (None, False, None)]


def test_slate_alone_in_a_pipe_still_prints_the_help_with_the_flags() -> None:
    result = CliRunner().invoke(app, ["--plain"])
    assert result.exit_code == 0 and "Usage" in result.output and "--plain" in result.output
