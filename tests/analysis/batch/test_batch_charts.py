"""The page's charts: a figure kept from the last script draws what a new one draws."""

from __future__ import annotations

import random

from assistant.analysis.batch import charts
from assistant.analysis.batch.models import (
    BeatRow,
    CharacterRow,
    SceneRow,
    ScriptReport,
    TurningPointRow,
)


def _report(seed: int, scenes: int, cast: int, *, beats: bool) -> ScriptReport:
    rng = random.Random(seed)
    rows = [
        SceneRow(
            index=i,
            number=str(i + 1),
            heading=f"INT. ROOM {i} - DAY",
            start_page=1 + i // 3,
            eighths=rng.randint(1, 24),
            int_ext=rng.choice(["INT", "EXT"]),
            time_group=rng.choice(["DAY", "NIGHT"]),
            strength=rng.random(),
        )
        for i in range(scenes)
    ]
    names = ["TESS", "OLD MARGUERITE", "DOC", "THE NIGHT WATCHMAN", "RAY", "LI", "BO"]
    return ScriptReport(
        file=f"s{seed}.fountain",
        name=f"s{seed}",
        sha256="0" * 64,
        parts=["stats", "strength", "beats"],
        page_count=1 + scenes // 3,
        scenes=rows,
        characters=[
            CharacterRow(
                name=names[i % len(names)] + str(i),
                scenes=rng.randint(1, 40),
                speeches=rng.randint(1, 90),
                words=100,
            )
            for i in range(cast)
        ],
        int_ext={
            "INT": rng.randint(0, 50),
            "EXT": rng.randint(1, 50),
            "INT/EXT": 0,
            "unspecified": rng.randint(0, 3),
        },
        time_of_day={"DAY": rng.randint(1, 40), "NIGHT": rng.randint(0, 40), "other": 2},
        turning_points=[
            TurningPointRow(
                name=f"TP{k}",
                scene_index=k * scenes // 6,
                page=1 + k * scenes // 18,
                position=k / 6,
                confidence=0.5,
            )
            for k in range(1, 6)
        ],
        beat_sheet="save-the-cat" if beats else None,
        beats=[
            BeatRow(
                name=f"Beat number {k}", pages=[1 + k * 5], expected_page=2 + k * 5, confidence=0.4
            )
            for k in range(15 if beats else 0)
        ],
    )


def _svgs(report: ScriptReport) -> list[str | None]:
    return [chart(report) for chart in charts.CHARTS]


def test_a_kept_figure_draws_each_chart_as_a_new_figure_would() -> None:
    big = _report(1, scenes=180, cast=14, beats=True)
    small = _report(2, scenes=9, cast=2, beats=False)
    other = _report(3, scenes=60, cast=7, beats=True)
    # No heading says INT/EXT or DAY/NIGHT: the splits chart is an empty axes (limits 0-1).
    unheaded = _report(4, scenes=30, cast=3, beats=True).model_copy(
        update={"int_ext": dict.fromkeys(["INT", "EXT"], 0), "time_of_day": {"DAY": 0}}
    )
    charts._KEPT.__dict__.pop("figures", None)
    fresh = {}
    for report in (big, small, other, unheaded):
        charts._KEPT.__dict__.pop("figures", None)  # a new figure for every chart
        fresh[report.name] = _svgs(report)
    # One thread drawing the three in turn (and the big one again) reuses its figures.
    for report in (big, small, other, unheaded, big, unheaded, small):
        assert _svgs(report) == fresh[report.name], report.name
    assert set(charts._KEPT.figures) == {
        "strength",
        "scene_lengths",
        "characters",
        "splits",
        "beats",
    }
    assert fresh[small.name][4] is None and all(svg for svg in fresh[big.name])


def test_a_dollar_in_a_name_is_drawn_as_itself() -> None:
    # "$^$" is bad math text to matplotlib: the characters chart raised and the page was lost.
    report = _report(5, scenes=12, cast=2, beats=False)
    first, second = report.characters
    named = [first.model_copy(update={"name": "$^$"}), second.model_copy(update={"name": "CA$H"})]
    svg = charts.characters_chart(report.model_copy(update={"characters": named}))
    assert svg is not None and "CA$H" in svg and "$^$" in svg
