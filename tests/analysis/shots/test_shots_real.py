"""The planner on real screenplays (../shared/data, read at run time): well-formed plans."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import api
from assistant.analysis.shots.dialogue import speaker

SCRIPTS = ("test/Juno (film).txt", "train/25th Hour.txt")


@pytest.mark.shared_data
@pytest.mark.parametrize("name", SCRIPTS)
def test_real_scripts_are_covered_paced_and_inside_their_scenes(
    shared_data_dir: Path, name: str
) -> None:
    script = api.open_script(shared_data_dir / "labeled/tripod/screenplays" / name)
    plan = api.shot_list(script)
    shots = [s for scene in plan.scenes for s in scene.shots]
    for planned in plan.scenes:
        scene = script.scenes[planned.index]
        speakers = {speaker(d) for d in scene.dialogues()}
        seen = {n for s in planned.shots for n in s.subjects + s.off_screen}
        assert speakers <= seen, (planned.number, speakers - seen)
        assert planned.start_line is not None and planned.end_line is not None
        for shot in planned.shots:
            assert shot.lines and planned.start_line <= shot.lines[0]
            assert shot.lines[-1] <= planned.end_line
        total = sum(s.duration_s for s in planned.shots)
        assert total == pytest.approx(planned.screen_time_s, abs=0.05)
    average = sum(s.duration_s for s in shots) / len(shots)
    assert 2.0 <= average <= 5.0  # contemporary features: about 2.5-4 s (docs/shots.md)
