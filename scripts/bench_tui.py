"""Benchmark the terminal app: start-up to first paint, and one filter keystroke on 300 scenes.

    python scripts/bench_tui.py [--fake]

Start-up: from constructing ``SlateApp`` (imports included, measured apart) until the script
screen has composed and rendered once in a headless 120x40 terminal; the scene-strength scoring
and the chat index load in the background and are not waited for (goal < 1 s). Filter: the
handler for one keystroke in the scene filter (parse, match 300 scenes, rebuild the list) on a
generated 300-scene script, median over the prefixes of ``@mara night diner`` (goal < 50 ms).
``--fake`` uses the deterministic fake embedder (no model files needed).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SAMPLE = ROOT / "assistant" / "samples" / "night_shift.fountain"


def synthetic_script(scenes: int) -> str:
    """A Fountain script with ``scenes`` scenes, alternating sets, times and speakers."""
    people = ["MARA", "GUS", "THEO", "DELL", "RUTH"]
    places = ["DINER", "PARKING LOT", "RADIO STATION", "TRUCK CAB", "RIDGE ROAD"]
    out = ["Title: Bench\n\n"]
    for i in range(scenes):
        side = "INT" if i % 3 else "EXT"
        time_ = "NIGHT" if i % 2 else "DAY"
        who, other = people[i % 5], people[(i + 2) % 5]
        out.append(
            f"{side}. {places[i % 5]} - {time_}\n\n{who} crosses to the window. Rain.\n\n"
            f"{who}\nWe open in an hour, scene {i}.\n\n{other}\n(quietly)\nThen we wait.\n\n"
        )
    return "".join(out)


async def bench(fake: bool) -> None:
    t0 = time.perf_counter()
    from assistant import api
    from assistant.tui.app import SlateApp
    from assistant.tui.screens.script_screen import ScriptScreen

    imported = time.perf_counter() - t0
    folder = Path(tempfile.mkdtemp())
    settings = api.load_settings()
    if fake:
        from tests.fakes import fake_settings

        settings = fake_settings()
    settings = settings.model_copy(update={"cache_dir": folder / "cache"})

    start = time.perf_counter()
    app = SlateApp(SAMPLE, settings, sessions_dir=folder / "s")
    async with app.run_test(size=(120, 40)) as pilot:
        while not isinstance(app.screen, ScriptScreen):
            await asyncio.sleep(0.005)
        await pilot.pause()
        painted = time.perf_counter() - start
        app.exit()
    print(f"import assistant.tui.app: {imported * 1000:.0f} ms")
    print(f"start-up to first paint (sample script, 120x40): {painted * 1000:.0f} ms (goal < 1000)")

    big = folder / "big.fountain"
    big.write_text(synthetic_script(300), encoding="utf-8")
    app = SlateApp(big, settings, sessions_dir=folder / "s")
    async with app.run_test(size=(120, 40)) as pilot:
        while not isinstance(app.screen, ScriptScreen):
            await asyncio.sleep(0.005)
        await pilot.pause()
        from textual.widgets import Input

        screen = app.screen
        box = screen.query_one("#filter", Input)
        query = "@mara night diner"
        times = []
        for n in range(1, len(query) + 1):
            t = time.perf_counter()
            screen._filter(Input.Changed(box, query[:n]))
            times.append(time.perf_counter() - t)
        await pilot.pause()
        app.exit()
    print(
        f"filter keystroke, {len(app.workspace.facts) if app.workspace else 0} scenes: median "
        f"{statistics.median(times) * 1000:.1f} ms, max {max(times) * 1000:.1f} ms (goal < 50)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fake", action="store_true", help="fake embedder (no model files)")
    args = parser.parse_args()
    asyncio.run(bench(args.fake))


if __name__ == "__main__":
    main()
