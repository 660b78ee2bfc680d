"""Chat sessions in SQLite, one database under the cache folder, sessions keyed by the script's
content hash.

A question is written before it is asked and its answer as it arrives, so a session killed
mid-answer reopens with the question and what had arrived (``complete = 0``). A database that is
corrupt, or written by a newer Slate, is moved aside (``sessions.db.bad-<time>``) and a fresh one
created; ``SessionStore.notice`` says so.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path

SCHEMA_VERSION = 1
DB_NAME = "sessions.db"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    id INTEGER PRIMARY KEY,
    script_hash TEXT NOT NULL,
    script_path TEXT NOT NULL,
    title TEXT NOT NULL,
    created REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS turns (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    question TEXT NOT NULL,
    answer TEXT NOT NULL DEFAULT '',
    path TEXT,
    citations TEXT NOT NULL DEFAULT '[]',
    model TEXT,
    asked REAL NOT NULL,
    answered REAL,
    complete INTEGER NOT NULL DEFAULT 0
);
"""


def content_hash(data: bytes) -> str:
    """The key sessions are filed under: SHA-256 of the script file's bytes."""
    return hashlib.sha256(data).hexdigest()


@dataclass
class Turn:
    """One question and its answer (possibly partial)."""

    id: int
    question: str
    answer: str
    path: str | None
    citations: list[dict[str, object]]
    model: str | None
    asked: float
    answered: float | None
    complete: bool


@dataclass
class Session:
    id: int
    title: str
    created: float
    turns: list[Turn] = field(default_factory=list)


class SessionStore:
    """The session database; every method is one short transaction. The app opens it and writes
    answers from worker threads (a slow disk never holds up a frame)."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / DB_NAME
        self.notice: str | None = None
        try:
            self._db = self._open()
        except sqlite3.DatabaseError as error:
            aside = self.path.with_name(f"{DB_NAME}.bad-{time.strftime('%Y%m%d-%H%M%S')}")
            self.path.replace(aside)
            self.notice = f"The session database could not be read ({error}); moved to {aside}."
            self._db = self._open()

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        try:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise sqlite3.DatabaseError(f"written by a newer Slate, schema {version}")
            # WAL with synchronous=NORMAL: a commit is in the OS's hands at once (it survives the
            # app being killed) without an fsync each; a full fsync per commit took 0.1-3 s on a
            # busy disk. Only a power cut may lose the last commits.
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
            db.executescript(_SCHEMA)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            db.execute("PRAGMA foreign_keys = ON")
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def close(self) -> None:
        self._db.close()

    # Sessions

    def sessions(self, script_hash: str) -> list[Session]:
        rows = self._db.execute(
            "SELECT id, title, created FROM sessions WHERE script_hash = ? ORDER BY id",
            (script_hash,),
        ).fetchall()
        return [Session(id=r[0], title=r[1], created=r[2]) for r in rows]

    def new_session(self, script_hash: str, script_path: str, title: str) -> Session:
        now = time.time()
        cur = self._db.execute(
            "INSERT INTO sessions (script_hash, script_path, title, created) VALUES (?, ?, ?, ?)",
            (script_hash, script_path, title, now),
        )
        assert cur.lastrowid is not None
        return Session(id=cur.lastrowid, title=title, created=now)

    def latest_or_new(self, script_hash: str, script_path: str, title: str) -> Session:
        """The script's most recent session with its turns, or a new one."""
        existing = self.sessions(script_hash)
        session = existing[-1] if existing else self.new_session(script_hash, script_path, title)
        session.turns = self.turns(session.id)
        return session

    def rename(self, session_id: int, title: str) -> None:
        self._db.execute("UPDATE sessions SET title = ? WHERE id = ?", (title, session_id))

    def delete(self, session_id: int) -> None:
        self._db.execute("DELETE FROM turns WHERE session_id = ?", (session_id,))
        self._db.execute("DELETE FROM sessions WHERE id = ?", (session_id,))

    # Turns

    def turns(self, session_id: int) -> list[Turn]:
        rows = self._db.execute(
            "SELECT id, question, answer, path, citations, model, asked, answered, complete "
            "FROM turns WHERE session_id = ? ORDER BY id",
            (session_id,),
        ).fetchall()
        return [
            Turn(r[0], r[1], r[2], r[3], json.loads(r[4]), r[5], r[6], r[7], bool(r[8]))
            for r in rows
        ]

    def add_question(self, session_id: int, question: str, model: str | None) -> int:
        cur = self._db.execute(
            "INSERT INTO turns (session_id, question, model, asked) VALUES (?, ?, ?, ?)",
            (session_id, question, model, time.time()),
        )
        assert cur.lastrowid is not None
        return cur.lastrowid

    def write_partial(self, turn_id: int, answer: str) -> None:
        self._db.execute("UPDATE turns SET answer = ? WHERE id = ?", (answer, turn_id))

    def finish(
        self, turn_id: int, answer: str, path: str | None, citations: list[dict[str, object]]
    ) -> None:
        self._db.execute(
            "UPDATE turns SET answer = ?, path = ?, citations = ?, answered = ?, complete = 1 "
            "WHERE id = ?",
            (answer, path, json.dumps(citations), time.time(), turn_id),
        )


def session_markdown(session: Session, script_title: str) -> str:
    """A session as Markdown: each question, its answer, its path and the scenes it cites."""
    lines = [f"# {session.title}", "", f"Script: {script_title}", ""]
    for turn in session.turns:
        lines += [f"## {turn.question}", "", turn.answer or "_(no answer)_", ""]
        if not turn.complete:
            lines += ["_(interrupted: partial answer)_", ""]
        if turn.path:
            lines.append(f"Path: {turn.path}" + (f"; model: {turn.model}" if turn.model else ""))
        for cite in turn.citations:
            lines.append(f"- Scene {cite.get('label')}: {cite.get('heading')}")
        lines.append("")
    return "\n".join(lines)
