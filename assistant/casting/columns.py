"""The hard-filter columns of every profile as numpy arrays, so a filter is a few vector ops.

SQLite (store.py) stays the record and the reference for what a filter means; these arrays are a
copy of its filter columns, written beside it in each generation (``columns.npz``) and loaded at
open. At 1M profiles the SQL filter took 0.2-1.5 s a query (every survivor's id crossed into
Python); the same filter over these arrays is a few milliseconds. ``mask`` must select exactly
the vids ``ProfileStore.matching`` does (tests/casting/test_columns.py checks it on random
filters).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from assistant.casting.store import CastFilters, ProfileStore

_NO_RATE = -1
LOCAL_ONLY = "local only"


class FilterColumns:
    """Filter columns indexed by vid (``rows`` long; vids not held are never selected).

    Text columns are codes into a shared vocabulary; languages, skills and availability windows
    are (vid, value) pairs.
    """

    def __init__(self, arrays: dict[str, npt.NDArray[Any]]) -> None:
        self.a = arrays
        self.words: dict[str, int] = {str(w): i for i, w in enumerate(arrays["vocab"])}
        self.rows = int(arrays["held"].shape[0])

    # --- building and storing -------------------------------------------------------------

    @classmethod
    def from_store(cls, store: ProfileStore, rows: int) -> FilterColumns:
        """Read the filter columns of every profile in ``store`` (vids below ``rows``)."""
        import numpy as np

        vocab: dict[str, int] = {}

        def code(text: str) -> int:
            return vocab.setdefault(text, len(vocab))

        held = np.zeros(rows, dtype=bool)
        age_min = np.zeros(rows, dtype=np.int16)
        age_max = np.zeros(rows, dtype=np.int16)
        gender = np.full(rows, -1, dtype=np.int32)
        union = np.full(rows, -1, dtype=np.int32)
        city = np.full(rows, -1, dtype=np.int32)
        travels = np.zeros(rows, dtype=bool)
        rate = np.full(rows, _NO_RATE, dtype=np.int64)
        query = (
            "SELECT vid, age_min, age_max, gender, union_status, city, travel, rate_min "
            "FROM profiles"
        )
        for vid, lo, hi, g, u, c, t, r in store.db.execute(query):
            held[vid] = True
            age_min[vid], age_max[vid] = lo, hi
            gender[vid], union[vid], city[vid] = code(g), code(u), code(c.lower())
            travels[vid] = t != LOCAL_ONLY
            rate[vid] = _NO_RATE if r is None else r
        pairs: dict[str, npt.NDArray[Any]] = {}
        for table, column in (("languages", "code"), ("skills", "skill")):
            got = store.db.execute(f"SELECT vid, {column} FROM {table}").fetchall()
            pairs[f"{table}_vid"] = np.array([v for v, _ in got], dtype=np.int64)
            pairs[f"{table}_code"] = np.array([code(x) for _, x in got], dtype=np.int32)
        windows = store.db.execute("SELECT vid, start, end FROM windows").fetchall()
        pairs["windows_vid"] = np.array([v for v, _, _ in windows], dtype=np.int64)
        pairs["windows_start"] = np.array([_day(s) for _, s, _ in windows], dtype=np.int32)
        pairs["windows_end"] = np.array([_day(e) for _, _, e in windows], dtype=np.int32)
        return cls(
            {
                "vocab": np.array(list(vocab) or [""], dtype=np.str_),
                "held": held,
                "age_min": age_min,
                "age_max": age_max,
                "gender": gender,
                "union": union,
                "city": city,
                "travels": travels,
                "rate": rate,
                **pairs,
            }
        )

    def save(self, path: Path) -> None:
        import numpy as np

        with path.open("wb") as handle:
            np.savez(handle, **self.a)  # type: ignore[arg-type]

    @classmethod
    def load(cls, path: Path) -> FilterColumns:
        import numpy as np

        with np.load(path, allow_pickle=False) as data:
            return cls({name: data[name] for name in data.files})

    # --- filtering --------------------------------------------------------------------------

    def _code(self, text: str) -> int:
        """The vocabulary code of ``text``, or -2 (matches nothing) when no profile has it."""
        return self.words.get(text, -2)

    def _having(self, table: str, text: str) -> npt.NDArray[np.bool_]:
        import numpy as np

        out = np.zeros(self.rows, dtype=bool)
        out[self.a[f"{table}_vid"][self.a[f"{table}_code"] == self._code(text)]] = True
        return out

    def mask(self, filters: CastFilters) -> npt.NDArray[np.bool_]:
        """True at each vid passing every filter (the same rule as the SQL in store.py)."""
        import numpy as np

        a = self.a
        keep = a["held"].copy()
        if filters.age is not None:
            keep &= (a["age_min"] <= filters.age.max) & (a["age_max"] >= filters.age.min)
        if filters.gender:
            keep &= np.isin(a["gender"], [self._code(g.lower()) for g in filters.gender])
        for language in filters.languages:
            keep &= self._having("languages", language.lower())
        for skill in filters.skills:
            keep &= self._having("skills", skill.lower())
        if filters.union_status:
            keep &= a["union"] == self._code(filters.union_status)
        if filters.city:
            keep &= (a["city"] == self._code(filters.city.lower())) | a["travels"]
        if filters.available is not None:
            start, end = (d.toordinal() for d in filters.available)
            covers = (a["windows_start"] <= start) & (a["windows_end"] >= end)
            free = np.zeros(self.rows, dtype=bool)
            free[a["windows_vid"][covers]] = True
            keep &= free
        if filters.max_rate is not None:
            keep &= (a["rate"] == _NO_RATE) | (a["rate"] <= filters.max_rate)
        return keep

    def matching(self, filters: CastFilters) -> npt.NDArray[np.int64]:
        """The vids passing every filter, ascending."""
        import numpy as np

        return np.flatnonzero(self.mask(filters)).astype(np.int64)


def _day(iso: str) -> int:
    return dt.date.fromisoformat(iso).toordinal()
