"""``SCHEDULE.toml``: the production's constraints and the objective's weights (docs/schedule.md).

Unknown keys and bad values are errors, reported in one line with the key and, where the key is
found in the text, its line (``tomllib`` gives no lines for values, so the key is looked up).
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from assistant.errors import ConfigError


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Weights(_Strict):
    """What the schedule minimises: ``hold`` x (cost x hold days, summed over cast) + ``move`` x
    company moves + ``day`` x shooting days."""

    hold: int = Field(10, ge=0)
    move: int = Field(20, ge=0)
    day: int = Field(50, ge=0)


class Production(_Strict):
    start: dt.date | None = None
    """First shooting date (default: the next Monday after today)."""
    max_days: int | None = Field(None, ge=1)
    """At most this many shooting days (default: 1.5 x the days the pages need, plus 5, at most
    one a scene)."""
    max_eighths_per_day: int = Field(40, ge=1)
    """Pages per day in eighths: 40 = five pages."""
    max_hours_per_day: float | None = Field(None, gt=0)
    """Optional limit on estimated hours (``hours_per_page`` x pages) per day."""
    hours_per_page: float = Field(1.5, gt=0)
    mix_day_night: bool = False
    """Allow DAY and NIGHT scenes on one day."""
    turnaround_after_night: bool = True
    """Cast who work a NIGHT day shoot no DAY scene on the next shooting day."""
    weekends: bool = False
    """Shoot on Saturdays and Sundays too."""
    crew_call: dt.time = dt.time(7, 0)

    @property
    def eighths_per_day(self) -> int:
        """Most eighths in one shooting day: the page limit, or the hours limit through
        ``hours_per_page`` when it is lower."""
        cap = self.max_eighths_per_day
        if self.max_hours_per_day is not None:
            cap = min(cap, int(self.max_hours_per_day * 8 / self.hours_per_page))
        return cap

    @model_validator(mode="after")
    def _an_eighth_fits_a_day(self) -> Production:
        if self.eighths_per_day < 1:
            raise ValueError(
                f"max_hours_per_day {self.max_hours_per_day} at hours_per_page "
                f"{self.hours_per_page} leaves less than an eighth of a page a day"
            )
        return self


class CastRule(_Strict):
    name: str
    """As in the script's cues (any case)."""
    cost: int = Field(1, ge=0)
    """Relative cost of one paid day (weights hold days)."""
    unavailable: list[dt.date] = Field(default_factory=list)
    available_from: dt.date | None = None
    available_until: dt.date | None = None
    child: bool = False
    max_hours: float | None = Field(None, gt=0)
    """A child's working hours a day (default 5 when ``child``)."""
    travel: bool = False
    """Travel days before the first and after the last work day (day-out-of-days ``T``)."""


class LocationRule(_Strict):
    name: str
    """A set, as in the headings (``DINER`` covers ``DINER - KITCHEN``)."""
    unavailable: list[dt.date] = Field(default_factory=list)
    available_from: dt.date | None = None
    available_until: dt.date | None = None


class Lock(_Strict):
    scene: str
    """The scene number people see."""
    date: dt.date


class Note(_Strict):
    date: dt.date
    text: str


class ScheduleConfig(_Strict):
    production: Production = Field(default_factory=Production)
    weights: Weights = Field(default_factory=Weights)
    cast: list[CastRule] = Field(default_factory=list)
    location: list[LocationRule] = Field(default_factory=list)
    lock: list[Lock] = Field(default_factory=list)
    note: list[Note] = Field(default_factory=list)


def load_schedule_config(path: Path | None) -> ScheduleConfig:
    """The config in ``path`` (defaults when None).

    Raises:
        ConfigError: unreadable file, bad TOML, an unknown key or a bad value, in one line.
    """
    if path is None:
        return ScheduleConfig()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"Cannot read schedule config {path}: {exc}") from exc
    return parse_schedule_config(text, str(path))


def parse_schedule_config(text: str, name: str = "schedule config") -> ScheduleConfig:
    """``load_schedule_config`` of TOML text."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{name}: not valid TOML: {exc}") from exc
    try:
        return ScheduleConfig.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        key = ".".join(str(part) for part in error["loc"])
        last = next((str(p) for p in reversed(error["loc"]) if isinstance(p, str)), "")
        line = _line_of(text, last)
        where = f" (line {line})" if line else ""
        kind = error["type"]
        problem = "unknown key" if kind == "extra_forbidden" else error["msg"]
        problem = problem.removeprefix("Value error, ")  # a rule across keys says it all
        value = "" if kind in ("extra_forbidden", "value_error") else f": {error.get('input')!r}"
        raise ConfigError(f"{name}{where}: {key}: {problem}{value}") from None


def _line_of(text: str, key: str) -> int | None:
    """The first line that assigns ``key`` (or opens table ``[key]``), 1-based."""
    if not key:
        return None
    pattern = re.compile(rf"^\s*(?:{re.escape(key)}\s*=|\[\[?\s*{re.escape(key)}\s*\]\]?)")
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.match(line):
            return number
    return None
