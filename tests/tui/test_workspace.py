"""The workspace behind the app's screens: what it keeps for the open script, and that nothing
it started for an old text goes on running once the text is read again or replaced."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.fakes import fake_settings
from tests.tui.conftest import SAMPLE


def _workspace(tmp_path: Path):  # type: ignore[no-untyped-def]
    from assistant.tui.workspace import Workspace

    script = tmp_path / "night.fountain"
    shutil.copyfile(SAMPLE, script)
    settings = fake_settings().model_copy(update={"cache_dir": tmp_path / "cache"})
    return Workspace(script, settings, None)


def test_reload_stops_the_old_chats_background_embedding(fakes: None, tmp_path: Path) -> None:
    workspace = _workspace(tmp_path)
    old = workspace.asker()
    sentences = old.index.sentences
    assert sentences._thread is not None  # the chat embeds the script's sentences meanwhile
    workspace.reload()
    assert sentences._stop.is_set()
    assert not sentences._thread.is_alive()
    assert workspace.asker() is not old


def test_close_stops_the_background_and_a_new_question_starts_again(
    fakes: None, tmp_path: Path
) -> None:
    workspace = _workspace(tmp_path)
    sentences = workspace.asker().index.sentences
    workspace.close()
    assert sentences._thread is not None and not sentences._thread.is_alive()
    assert workspace.asker().index.sentences is not sentences


def test_an_unknown_scene_in_a_slash_command_names_the_scenes(fakes: None, tmp_path: Path) -> None:
    import pytest

    from assistant.errors import SlateError
    from assistant.tui.commands import COMMANDS

    workspace = _workspace(tmp_path)
    for name in ("breakdown", "shots"):
        with pytest.raises(SlateError) as raised:
            COMMANDS[name].run(workspace, "99")
        assert str(raised.value) == "No scene 99 in this script: its scenes are 1, 2, 3, ..., 15"
