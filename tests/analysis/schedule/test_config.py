"""SCHEDULE.toml: unknown keys and bad values name the key and its line, in one line."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.analysis.schedule.config import load_schedule_config, parse_schedule_config
from assistant.errors import ConfigError


def test_defaults_and_values() -> None:
    config = parse_schedule_config(
        "[production]\nstart = 2027-03-01\ncrew_call = 06:30:00\n"
        '[[cast]]\nname = "Pip"\nchild = true\n[weights]\nhold = 3\n'
    )
    assert config.production.start == dt.date(2027, 3, 1)
    assert config.production.crew_call == dt.time(6, 30)
    assert config.production.max_eighths_per_day == 40
    assert config.cast[0].child and config.weights.hold == 3 and config.weights.day == 50


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "[production]\nstart = 2027-03-01\nmax_pages = 5\n",
            "(line 3): production.max_pages: unknown key",
        ),
        ('[production]\n\n\nstart = "March 1"\n', "(line 4): production.start:"),
        (
            '[[cast]]\nname = "A"\n[[cast]]\nname = "B"\nunavailable = ["2027-02-30"]\n',
            "(line 5): cast.1.unavailable.0:",
        ),
        ("[colours]\nint_day = 1\n", "(line 1): colours: unknown key"),
        ("[weights]\nhold = -1\n", "(line 2): weights.hold:"),
        (  # under an eighth a day divided by zero in the day model (a traceback before)
            "[production]\nmax_hours_per_day = 0.1\n",
            "(line 1): production: max_hours_per_day 0.1 at hours_per_page 1.5 leaves less than "
            "an eighth of a page a day",
        ),
    ],
)
def test_errors_name_key_and_line(text: str, expected: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_schedule_config(text, "s.toml")
    message = str(caught.value)
    assert message.startswith("s.toml")
    assert expected in message
    assert "\n" not in message


def test_bad_toml_and_missing_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ConfigError, match="not valid TOML"):
        parse_schedule_config("[production\n")
    with pytest.raises(ConfigError, match="Cannot read"):
        load_schedule_config(tmp_path / "missing.toml")
