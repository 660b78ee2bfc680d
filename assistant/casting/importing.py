"""Reading a roster from CSV, JSON Lines or YAML, one row at a time.

A bad row is reported (its number and each failing field) and skipped; it never stops the file.
A second row with an id already seen is reported as a duplicate and skipped (the first wins).
Row numbers are what a person finds in an editor: the 1-based line for CSV (the header is line 1)
and JSON Lines, the 1-based position in the list for YAML.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationError

from assistant.casting.profiles import ActorProfile
from assistant.errors import CastingError

RosterFormat = Literal["csv", "jsonl", "yaml"]

_SUFFIXES: dict[str, RosterFormat] = {
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".yaml": "yaml",
    ".yml": "yaml",
}

CSV_LIST_SEPARATOR = ";"
"""Lists inside one CSV cell (languages, skills, tags, availability, credits)."""


class RowError(BaseModel):
    """One problem with one row: ``field`` is a dotted path (``playing_age.min``) or ``-``."""

    row: int
    field: str
    message: str


class ImportReport(BaseModel):
    """What an import read: the good profiles, and every problem by row."""

    source: str
    rows: int = 0
    profiles: list[ActorProfile] = Field(default_factory=list)
    errors: list[RowError] = Field(default_factory=list)
    duplicates: list[str] = Field(default_factory=list)
    """Ids seen more than once (each listed once); the first row with the id was kept."""

    @property
    def rejected_rows(self) -> int:
        return len({e.row for e in self.errors})

    def summary(self) -> str:
        """One line: how many rows, profiles kept, rows rejected, duplicate ids."""
        return (
            f"{self.source}: {self.rows} rows, {len(self.profiles)} profiles imported, "
            f"{self.rejected_rows} rows rejected, {len(self.duplicates)} duplicate ids"
        )


def roster_format(path: Path) -> RosterFormat:
    fmt = _SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise CastingError(
            f"Cannot read {path}: roster files are .csv, .jsonl or .yaml "
            f"(got {path.suffix or 'no suffix'})"
        )
    return fmt


def read_roster(path: Path | str, *, format: RosterFormat | None = None) -> ImportReport:
    """Read every row of a roster file; see the module docstring for how problems are reported.

    Raises:
        CastingError: the file cannot be read, is not UTF-8, or is not the format at all (a YAML
            file that is not a list of mappings).
    """
    path = Path(path)
    fmt = format or roster_format(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise CastingError(f"Cannot read {path}: {exc}") from exc
    return parse_roster(text, fmt, source=str(path))


def parse_roster(text: str, fmt: RosterFormat, *, source: str = "<text>") -> ImportReport:
    """``read_roster`` for text already in memory."""
    report = ImportReport(source=source)
    seen: set[str] = set()
    for row, raw in _rows(text, fmt, report):
        report.rows += 1
        try:
            profile = ActorProfile.model_validate(raw)
        except ValidationError as exc:
            for err in exc.errors():
                where = ".".join(str(p) for p in err["loc"]) or "-"
                report.errors.append(RowError(row=row, field=where, message=err["msg"]))
            continue
        if profile.id in seen:
            if profile.id not in report.duplicates:
                report.duplicates.append(profile.id)
            report.errors.append(
                RowError(row=row, field="id", message=f"duplicate id {profile.id!r}; first kept")
            )
            continue
        seen.add(profile.id)
        report.profiles.append(profile)
    return report


def _rows(text: str, fmt: RosterFormat, report: ImportReport) -> list[tuple[int, Any]]:
    if fmt == "jsonl":
        rows: list[tuple[int, Any]] = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                rows.append((number, json.loads(line)))
            except json.JSONDecodeError as exc:
                report.rows += 1
                report.errors.append(
                    RowError(row=number, field="-", message=f"not JSON: {exc.msg}")
                )
        return rows
    if fmt == "yaml":
        import yaml

        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise CastingError(f"{report.source}: not YAML ({exc})") from exc
        if data is None:
            return []
        if not isinstance(data, list):
            raise CastingError(f"{report.source}: a YAML roster is a list of profiles")
        return list(enumerate(data, start=1))
    reader = csv.DictReader(io.StringIO(text))
    return [(reader.line_num, _from_csv(record)) for record in reader]


def _split(cell: str | None) -> list[str]:
    return [part.strip() for part in (cell or "").split(CSV_LIST_SEPARATOR) if part.strip()]


def _from_csv(record: dict[str | Any, str | Any]) -> dict[str, Any]:
    """A CSV row as the nested shape ``ActorProfile`` validates (columns in docs/casting.md).

    Cells left empty are left out, so the model's defaults and its messages apply.
    """
    cells = {k: v for k, v in record.items() if isinstance(k, str) and v not in (None, "")}
    out: dict[str, Any] = {}
    for key in (
        "id",
        "name",
        "gender_identity",
        "pronouns",
        "heritage",
        "union_status",
        "base_city",
        "travel",
        "representation",
        "bio",
        "headshot",
    ):
        if key in cells:
            out[key] = cells[key]
    if "age_min" in cells or "age_max" in cells:
        out["playing_age"] = {"min": cells.get("age_min"), "max": cells.get("age_max")}
    for key in ("languages", "accents", "skills", "tags"):
        if key in cells:
            out[key] = _split(cells[key])
    if "availability" in cells:
        windows = []
        for part in _split(cells["availability"]):
            start, _, end = part.partition("..")
            windows.append({"start": start, "end": end or start})
        out["availability"] = windows
    if "rate_min" in cells or "rate_max" in cells:
        out["day_rate"] = {"min": cells.get("rate_min"), "max": cells.get("rate_max")}
        if "currency" in cells:
            out["day_rate"]["currency"] = cells["currency"]
    if "credits" in cells:
        # Title | Role | size | year | genre ; ...
        credits = []
        for part in _split(cells["credits"]):
            fields = [f.strip() for f in part.split("|")]
            fields += [""] * (5 - len(fields))
            credits.append(
                dict(zip(("title", "role", "size", "year", "genre"), fields[:5], strict=True))
            )
        out["credits"] = credits
    return out
