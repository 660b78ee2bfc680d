"""The SQLite half of a casting index: profiles and their filter columns, under FAISS's ids.

Each profile gets an integer ``vid`` (its FAISS id and its row in the vector file); the profile's
own ``id`` is a unique text column. Hard filters are SQL over indexed columns and three side tables
(languages, skills, availability windows), so a filter never reads a profile's JSON.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from assistant.casting.profiles import ActorProfile, AgeRange

SCHEMA = """
CREATE TABLE IF NOT EXISTS profiles (
    vid INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, name TEXT NOT NULL,
    age_min INTEGER NOT NULL, age_max INTEGER NOT NULL, gender TEXT NOT NULL,
    union_status TEXT NOT NULL, city TEXT NOT NULL, travel TEXT NOT NULL, rate_min INTEGER,
    doc TEXT NOT NULL, json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS languages (vid INTEGER NOT NULL, code TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS skills (vid INTEGER NOT NULL, skill TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS windows (vid INTEGER NOT NULL, start TEXT NOT NULL, end TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS p_age ON profiles(age_min, age_max);
CREATE INDEX IF NOT EXISTS p_gender ON profiles(gender);
CREATE INDEX IF NOT EXISTS l_code ON languages(code, vid);
CREATE INDEX IF NOT EXISTS s_skill ON skills(skill, vid);
CREATE INDEX IF NOT EXISTS w_vid ON windows(vid);
"""


class CastFilters(BaseModel):
    """Hard filters: a profile must pass every one given (``None`` or empty means no filter)."""

    model_config = ConfigDict(extra="forbid")

    age: AgeRange | None = None
    """The role's age range; a profile passes when its playing age overlaps it."""
    gender: list[str] = Field(default_factory=list)
    """Any of these gender identities (exact, lower case)."""
    languages: list[str] = Field(default_factory=list)
    """Every one of these language codes."""
    skills: list[str] = Field(default_factory=list)
    """Every one of these skills."""
    union_status: str | None = None
    city: str | None = None
    """Based in this city, or willing to travel (national or international)."""
    available: tuple[dt.date, dt.date] | None = None
    """One availability window covers the whole shoot, both ends included."""
    max_rate: int | None = None
    """The bottom of the actor's day-rate band is at most this."""

    def is_empty(self) -> bool:
        return not any(self._clauses())

    def _clauses(self) -> list[tuple[str, str, list[object]]]:
        """(label for people, SQL condition on ``p``, parameters) for each filter given."""
        out: list[tuple[str, str, list[object]]] = []
        if self.age is not None:
            out.append(
                (
                    f"--age {self.age.min}-{self.age.max}",
                    "p.age_min <= ? AND p.age_max >= ?",
                    [self.age.max, self.age.min],
                )
            )
        if self.gender:
            marks = ",".join("?" * len(self.gender))
            out.append(
                (
                    f"--gender {','.join(self.gender)}",
                    f"p.gender IN ({marks})",
                    [g.lower() for g in self.gender],
                )
            )
        for code in self.languages:
            out.append(
                (
                    f"--language {code}",
                    "p.vid IN (SELECT vid FROM languages WHERE code = ?)",
                    [code.lower()],
                )
            )
        for skill in self.skills:
            out.append(
                (
                    f"--skill {skill!r}",
                    "p.vid IN (SELECT vid FROM skills WHERE skill = ?)",
                    [skill.lower()],
                )
            )
        if self.union_status:
            out.append((f"--union {self.union_status}", "p.union_status = ?", [self.union_status]))
        if self.city:
            out.append(
                (
                    f"--city {self.city}",
                    "(p.city = ? COLLATE NOCASE OR p.travel != ?)",
                    [self.city, "local only"],
                )
            )
        if self.available is not None:
            start, end = (d.isoformat() for d in self.available)
            out.append(
                (
                    f"--available {start}..{end}",
                    "p.vid IN (SELECT vid FROM windows WHERE start <= ? AND end >= ?)",
                    [start, end],
                )
            )
        if self.max_rate is not None:
            out.append(
                (
                    f"--max-rate {self.max_rate}",
                    "(p.rate_min IS NULL OR p.rate_min <= ?)",
                    [self.max_rate],
                )
            )
        return out


class ProfileStore:
    """Profiles in one SQLite file. Used by one thread at a time: ``shared`` lets that thread
    change (an index kept open for the process, ``opened.py``, which serializes its users)."""

    def __init__(self, path: Path, *, shared: bool = False) -> None:
        self.path = path
        self.db = sqlite3.connect(str(path), check_same_thread=not shared)
        self.db.executescript(SCHEMA)

    def close(self) -> None:
        self.db.close()

    def count(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM profiles").fetchone()[0])

    def next_vid(self) -> int:
        return int(self.db.execute("SELECT COALESCE(MAX(vid), -1) + 1 FROM profiles").fetchone()[0])

    def vids_for(self, ids: Iterable[str]) -> dict[str, int]:
        out: dict[str, int] = {}
        for pid in ids:
            row = self.db.execute("SELECT vid FROM profiles WHERE id = ?", (pid,)).fetchone()
            if row is not None:
                out[pid] = int(row[0])
        return out

    def insert(self, rows: Iterable[tuple[int, ActorProfile]]) -> None:
        """Add profiles under the given vids (callers delete an id's old row first)."""
        with self.db:
            for vid, p in rows:
                self.db.execute(
                    "INSERT INTO profiles VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        vid,
                        p.id,
                        p.name,
                        p.playing_age.min,
                        p.playing_age.max,
                        p.gender_identity,
                        p.union_status,
                        p.base_city,
                        p.travel,
                        p.day_rate.min if p.day_rate else None,
                        p.search_text(),
                        p.model_dump_json(),
                    ),
                )
                self.db.executemany(
                    "INSERT INTO languages VALUES (?,?)", [(vid, c) for c in p.languages]
                )
                self.db.executemany("INSERT INTO skills VALUES (?,?)", [(vid, s) for s in p.skills])
                self.db.executemany(
                    "INSERT INTO windows VALUES (?,?,?)",
                    [(vid, w.start.isoformat(), w.end.isoformat()) for w in p.availability],
                )

    def delete(self, vids: Iterable[int]) -> None:
        with self.db:
            for vid in vids:
                for table in ("profiles", "languages", "skills", "windows"):
                    self.db.execute(f"DELETE FROM {table} WHERE vid = ?", (vid,))

    def profiles(self, vids: list[int]) -> dict[int, ActorProfile]:
        out: dict[int, ActorProfile] = {}
        for start in range(0, len(vids), 500):
            part = vids[start : start + 500]
            marks = ",".join("?" * len(part))
            for vid, text in self.db.execute(
                f"SELECT vid, json FROM profiles WHERE vid IN ({marks})", part
            ):
                out[int(vid)] = ActorProfile.model_validate_json(text)
        return out

    def documents(self) -> Iterator[tuple[int, str]]:
        """Every (vid, search text), in vid order (what BM25 indexes)."""
        for vid, doc in self.db.execute("SELECT vid, doc FROM profiles ORDER BY vid"):
            yield int(vid), str(doc)

    def all_vids(self) -> list[int]:
        return [int(r[0]) for r in self.db.execute("SELECT vid FROM profiles ORDER BY vid")]

    def matching(self, filters: CastFilters) -> list[int]:
        """The vids passing every filter, in vid order."""
        clauses = filters._clauses()
        where = " AND ".join(f"({c[1]})" for c in clauses) or "1"
        params = [p for c in clauses for p in c[2]]
        rows = self.db.execute(f"SELECT p.vid FROM profiles p WHERE {where} ORDER BY p.vid", params)
        return [int(r[0]) for r in rows]

    def why_empty(self, filters: CastFilters) -> str:
        """Which filter leaves no one: filters applied in the order given, with counts.

        E.g. ``--age 55-70 keeps 81 of 600; then --skill 'juggling' keeps none``.
        """
        clauses = filters._clauses()
        total = self.count()
        if total == 0:
            return "the index holds no profiles"
        steps: list[str] = []
        for n in range(1, len(clauses) + 1):
            where = " AND ".join(f"({c[1]})" for c in clauses[:n])
            params = [p for c in clauses[:n] for p in c[2]]
            left = int(
                self.db.execute(
                    f"SELECT COUNT(*) FROM profiles p WHERE {where}", params
                ).fetchone()[0]
            )
            label = clauses[n - 1][0]
            alone = int(
                self.db.execute(
                    f"SELECT COUNT(*) FROM profiles p WHERE {clauses[n - 1][1]}", clauses[n - 1][2]
                ).fetchone()[0]
            )
            if left == 0:
                if alone == 0:
                    return f"{label} matches none of the {total} profiles"
                prefix = "; ".join(steps)
                return f"{prefix}; then {label} keeps none" if prefix else f"{label} keeps none"
            steps.append(f"{label} keeps {left}" + (f" of {total}" if n == 1 else ""))
        return "no filter excludes everyone"
